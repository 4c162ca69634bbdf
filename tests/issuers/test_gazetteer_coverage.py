"""Table-driven coverage across China, generated from the gazetteer's current divisions."""

from __future__ import annotations

import opencc
import pytest

from models.vocab import Level
from verifier.issuers import Division, infer_level, load_gazetteer


def _unique_current(level: Level, every: int) -> list[Division]:
    gazetteer = load_gazetteer()
    chosen = [
        d
        for d in gazetteer.divisions
        if d.current and d.level is level and d.code.isdigit() and len(gazetteer.lookup(d.name).divisions) == 1
    ]
    chosen.sort(key=lambda d: d.code)
    return chosen[::every]


PROVINCES = _unique_current(Level.provincial, 1)
PREFECTURES = _unique_current(Level.municipal, 5)
COUNTIES = _unique_current(Level.county, 20)
_TO_TRADITIONAL = opencc.OpenCC("s2t")


def test_sample_spans_the_country() -> None:
    assert len(PROVINCES) >= 25
    assert len(PREFECTURES) >= 60
    assert len(COUNTIES) >= 100
    assert len({d.province for d in COUNTIES}) >= 25


@pytest.mark.parametrize("province", PROVINCES, ids=lambda d: d.name)
def test_province_bodies_are_provincial(province: Division) -> None:
    body = "教育委员会" if province.name.endswith("市") else "教育厅"
    result = infer_level(province.name + body)
    assert result.level is Level.provincial
    assert result.province == province.name


@pytest.mark.parametrize("prefecture", PREFECTURES, ids=lambda d: d.name)
def test_prefecture_bodies_are_municipal(prefecture: Division) -> None:
    for issuer in (f"{prefecture.name}教育局", f"{prefecture.province}{prefecture.name}人民政府"):
        result = infer_level(issuer)
        assert result.level is Level.municipal, issuer
        assert result.unit == prefecture.path
    assert infer_level(f"{prefecture.name}第一中学").level is Level.school


@pytest.mark.parametrize("county", COUNTIES, ids=lambda d: d.name)
def test_county_bodies_are_county_level(county: Division) -> None:
    for issuer in (f"{county.name}教育局", f"{county.path}人民政府", f"{county.name}人力资源和社会保障局"):
        result = infer_level(issuer)
        assert result.level is Level.county, issuer
        assert result.unit == county.path
        assert result.province == county.province


@pytest.mark.parametrize("county", COUNTIES, ids=lambda d: d.name)
def test_bodies_below_a_county(county: Division) -> None:
    assert infer_level(f"{county.name}城关镇人民政府").level is Level.township
    assert infer_level(f"{county.name}实验小学").level is Level.school


@pytest.mark.parametrize("county", COUNTIES[::3], ids=lambda d: d.name)
def test_traditional_characters_read_the_same(county: Division) -> None:
    issuer = _TO_TRADITIONAL.convert(f"{county.path}教育局")
    result = infer_level(issuer)
    assert result.level is Level.county, issuer
    assert result.unit == county.path
