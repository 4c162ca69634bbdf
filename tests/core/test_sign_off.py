"""A sign-off the whole-page reading missed on a dark photo is read again around its seal, enlarged, and only the
fields the first reading left empty are taken from it."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest

from fixtures import capture
from fixtures.content import DocRequest, random_person
from fixtures.places import IssuerFactory
from fixtures.produce import Recipe, produce
from fixtures.templates.registry import render_document
from models.page import TextLine
from models.vocab import DocType
from verifier.document import analyze_document
from verifier.ocr.sign_off import sign_off_areas, with_sign_offs
from verifier.quality import Seal
from verifier.settings import Settings


def _seal(cx: float, cy: float, diameter: float) -> Seal:
    r = diameter / 2
    return Seal(
        centre=(cx, cy),
        axes=(diameter, diameter),
        angle=0.0,
        rim_coverage=0.9,
        box=(int(cx - r), int(cy - r), int(diameter), int(diameter)),
    )


def _line(text: str, x: float, y: float, width: float = 100, height: float = 20) -> TextLine:
    return TextLine(text, [(x, y), (x + width, y), (x + width, y + height), (x, y + height)], 0.9)


def test_the_area_reaches_either_side_of_the_seal_and_stays_on_the_page() -> None:
    (area,) = sign_off_areas([_seal(100, 500, 120)], width=800, height=1000)
    assert area == (0, 422, 310, 578)  # 3.5 radii each side, clipped on the left; 1.3 radii up and down
    assert sign_off_areas([_seal(400, 400, 30)], 800, 1000) == []  # a red dot is no seal to sign with


def test_only_the_lines_inside_an_area_give_way_to_its_reading() -> None:
    title = _line("荣誉证书", 300, 100)
    fragment = _line("龙凤", 380, 640)
    readings = [
        (
            (250, 600, 650, 760),
            [_line("龙凤区民族中学（盖章）", 300, 640, 220), _line("二〇二四年三月七日", 320, 690, 180)],
        )
    ]
    lines = with_sign_offs([title, fragment], readings)
    assert [line.text for line in lines] == ["荣誉证书", "龙凤区民族中学（盖章）", "二〇二四年三月七日"]


@pytest.mark.ocr
@pytest.mark.parametrize(("seed", "field"), [(2, "issue_date"), (11, "issuer")])
def test_a_dark_photos_sign_off_is_read_again_around_its_seal(ocr_engine, seed: int, field: str) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    rendered = render_document(
        DocRequest(DocType.assessment_record, random_person(rng, IssuerFactory(rng)), seed, seed)
    )
    dark = capture.DEFECTS["too_dark"].apply(np.asarray(rendered.image), np.random.default_rng(seed), True, None)
    ok, data = cv2.imencode(".jpg", cv2.cvtColor(dark, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 88])
    assert ok
    first_only = Settings()
    first_only.ocr.sign_off_reread = False

    without = analyze_document(data.tobytes(), "dark.jpg", None, ocr_engine, first_only).report
    report = analyze_document(data.tobytes(), "dark.jpg", None, ocr_engine, Settings()).report

    # The seal's ring may still name the issuer when the print was missed.
    missed = getattr(without.fields, field) is None or field in without.read_from_seal
    assert missed, "the whole-page reading alone misses this sign-off line"
    assert report.fields.issuer == rendered.fields.issuer
    assert report.fields.issue_date == rendered.fields.issue_date
    assert field not in report.read_from_seal  # read from the print around the seal
    assert report.fields.holder == without.fields.holder  # read once, never overruled


@pytest.mark.ocr
def test_a_screen_photos_seal_is_found_on_the_smoothed_page_and_its_sign_off_read_again(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    # On a photo of a screen the lattice breaks the seal's red into stripes: its ring is found, and the sign-off
    # around it read, on the page with the lattice smoothed away.
    seed = 10
    rng = random.Random(seed)
    request = DocRequest(DocType.assessment_record, random_person(rng, IssuerFactory(rng)), seed, seed)
    produced = produce(request, Recipe(defects=["phone_photo", "screen_recapture"], fmt="jpg"), seed)
    first_only = Settings()
    first_only.ocr.sign_off_reread = False

    without = analyze_document(produced.data, "screen.jpg", None, ocr_engine, first_only).report
    report = analyze_document(produced.data, "screen.jpg", None, ocr_engine, Settings()).report

    assert without.fields.issuer is None and without.fields.issue_date is None
    assert report.fields.issuer == produced.label.fields.issuer
    assert report.fields.issue_date == produced.label.fields.issue_date


def test_seals_side_by_side_share_one_area_and_a_page_of_rings_is_not_read_ring_by_ring() -> None:
    joint = sign_off_areas([_seal(300, 800, 120), _seal(520, 800, 120)], width=1000, height=1200)
    assert joint == [(90, 722, 730, 878)]  # one area over both: their lines are read once
    rings = [_seal(100 + 110 * i, 100 + 150 * i, 60) for i in range(7)]  # a border of red rings, none touching
    assert len(sign_off_areas(rings, 1000, 1200)) == 4
