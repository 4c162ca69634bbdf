"""Hand-written cases for the rules that decide an issuer's level, including OCR noise."""

from __future__ import annotations

import time

import pytest

from models.vocab import Level
from verifier.issuers import infer_level, normalize_issuer, split_bodies

N, P, M, C, T, S = Level.national, Level.provincial, Level.municipal, Level.county, Level.township, Level.school

CASES: list[tuple[str, Level]] = [
    # national
    ("教育部", N),
    ("中华人民共和国人力资源和社会保障部", N),
    ("人力资源社会保障部 教育部", N),
    ("国务院", N),
    ("中国教育学会", N),
    ("全国中小学信息技术创新与实践活动组委会", N),
    ("中国教育学会中学语文教学专业委员会", N),
    # provincial, 直辖市 and 兵团 included
    ("贵州省人民政府", P),
    ("贵州省教育厅", P),
    ("貴州省教育廳", P),
    ("广西壮族自治区教育厅", P),
    ("北京市教育委员会", P),
    ("重庆市教育委员会", P),
    ("上海市人力资源和社会保障局", P),
    ("新疆生产建设兵团教育局", P),
    ("兵团教育局", P),
    ("贵州省教育学会", P),
    ("中共贵州省委", P),
    ("贵州省教育科学研究院", P),
    # municipal: 市, 州, 地区, 盟, 兵团师市
    ("六盘水市教育局", M),
    ("六盘水市教育学会", M),
    ("黔南州教育局", M),
    ("黔西南布依族苗族自治州人民政府", M),
    ("铜仁地区教育局", M),
    ("锡林郭勒盟教育局", M),
    ("第八师石河子市教育局", M),
    ("新疆生产建设兵团第一师阿拉尔市", M),
    ("第十四师昆玉市教育局", M),
    ("东莞市教育局", M),
    ("中共六盘水市委 六盘水市人民政府", M),
    # county: 县, 区, county-level city, 特区, 旗, 林区, 团场
    ("盘州市教育局", C),
    ("钟山区教育局", C),
    ("六枝特区教育局", C),
    ("水城区人民政府", C),
    ("盘县教育局", C),
    ("仙桃市教育局", C),
    ("神农架林区教育局", C),
    ("阿荣旗教育局", C),
    ("北京市海淀区教育委员会", C),
    ("重庆市忠县教育委员会", C),
    ("威宁县教育局", C),
    ("新疆生产建设兵团第一师一〇三团", C),
    ("第八师第一二一团", C),
    ("第一师一团", C),  # a one-numeral regiment right after its division
    ("第六师芳草湖农场", C),  # a farm ranks with the regiments
    ("第六师一〇三团", C),
    ("朝阳区教育委员会", C),
    # township
    ("盘州市红果镇人民政府", T),
    ("盘州市红果镇中心学校", T),
    ("钟山区大河镇中心校", T),
    ("威宁县雪山镇人民政府", T),
    # school
    ("盘州市第一中学", S),
    ("六盘水市第三中学", S),
    ("六盘水职业技术学院", S),
    ("六盘水市机关幼儿园", S),
    ("北京师范大学附属实验中学", S),
    # OCR noise: wrong, missing or look-alike characters, spaces
    ("六盘永市教育局", M),
    ("六盘市教育局", M),
    ("六盘水巿教育局", M),
    ("钟 山 区 教 育 局", C),
    ("贵州省六盘永市教育局", M),
    ("六盘水市教育局（盖章）", M),
    ("盘州市教育局 2023年9月", C),
    # a place under the region misread beyond recognition: the body still belongs one level down
    ("赤峰市教汉维教育局", C),
    ("河北省某某市教育局", M),
    ("云南省名教育厅", P),  # one stray character is noise, not a place
    # 县 read as 具 before a county's body
    ("汤阴具教育局", C),
    ("安娱市汤明具教育局", C),
    # development zones and new areas run by a city rank with its districts; a province's own new area with a city
    ("合肥高新技术产业开发区教育局", C),
    ("苏州工业园区教育局", C),
    ("天津经济技术开发区教育局", C),  # a municipality's zone is no provincial body
    ("重庆两江新区社会发展局", C),
    ("贵州省贵安新区社会事业局", M),
    # Xinjiang prefectures by the names their own documents use
    ("博州教育局", M),
    ("巴州教育局", M),
    ("克州教育局", M),
    ("巴州区教育局", C),  # Bazhong's district keeps its 区
    ("贵州省教育科学院", P),  # a research academy, named like a college
    ("盘州市第二中学团委", S),  # an office inside a school
    ("盘州市第一小学教务处", S),
    ("周口市中小学", M),  # a committee's name cut short (…中小学教师职务评审委员会): 中小学 is no school's name
    ("第十届全国中小学信息技术创新与实践大赛组委会", N),  # a national contest's committee, its edition first
    ("贵州省第五届中小学教师教学技能大赛组委会", P),
]


@pytest.mark.parametrize(("issuer", "expected"), CASES)
def test_issuer_level(issuer: str, expected: Level) -> None:
    result = infer_level(issuer)
    assert result.level is expected, (issuer, result.cues)
    assert result.cues
    assert 0.0 < result.confidence <= 1.0


def test_county_level_city_reports_its_prefecture_and_province() -> None:
    result = infer_level("盘州市教育局")
    assert result.unit == "贵州省六盘水市盘州市"
    assert result.province == "贵州省"


def test_ambiguous_district_keeps_level_but_not_unit() -> None:
    result = infer_level("朝阳区教育委员会")
    assert result.level is Level.county
    assert result.province is None
    assert any("北京市朝阳区" in cue and "长春市朝阳区" in cue for cue in result.cues)


def test_parent_in_issuer_settles_ambiguous_district() -> None:
    assert infer_level("长春市朝阳区教育局").province == "吉林省"
    assert infer_level("北京市朝阳区教育委员会").province == "北京市"


def test_document_text_settles_ambiguous_district() -> None:
    result = infer_level("朝阳区教育委员会", text="北京市朝阳区2022年骨干教师评选\n朝阳区教育委员会")
    assert result.unit == "北京市朝阳区"


def test_document_text_settles_ambiguous_misreading() -> None:
    assert infer_level("盘洲市教育局").level is None  # 盘州市 / 株洲市 / 盘锦市 are equally near
    result = infer_level("盘洲市教育局", text="六盘水市2023年中小学优质课评选")
    assert result.level is Level.county
    assert result.unit == "贵州省六盘水市盘州市"


def test_joint_issuers_take_the_highest_body() -> None:
    result = infer_level("贵州省教育厅 六盘水市教育局")
    assert result.level is Level.provincial
    assert result.unit == "贵州省"


def test_space_inside_one_name_does_not_split_it() -> None:
    assert split_bodies("贵州省 六盘水市 教育局") == ["贵州省六盘水市教育局"]
    assert split_bodies("六盘水市教育局 六盘水市人力资源和社会保障局") == [
        "六盘水市教育局",
        "六盘水市人力资源和社会保障局",
    ]
    assert infer_level("贵州省 六盘水市 教育局").level is Level.municipal


def test_old_names_resolve_with_a_cue() -> None:
    result = infer_level("毕节地区教育局")
    assert result.level is Level.municipal
    assert any("旧" in cue for cue in result.cues)


def test_unknown_county_name_falls_back_to_its_suffix() -> None:
    result = infer_level("某某县教育局")
    assert result.level is Level.county
    assert result.confidence <= 0.5


def test_unknown_body_has_no_level() -> None:
    result = infer_level("教育局")
    assert result.level is None
    assert result.confidence == 0.0
    assert infer_level(None).level is None
    assert infer_level("").level is None


def test_issuer_found_in_text_when_missing() -> None:
    text = "荣誉证书\n张三老师在2022年度被评为优秀班主任\n特发此证\n盘州市教育局\n2022年9月10日"
    result = infer_level(None, text=text)
    assert result.level is Level.county
    assert result.confidence < 0.95


def test_printed_level_word_is_the_last_resort() -> None:
    assert infer_level(None, text="荣获市级优质课一等奖").level is Level.municipal


def test_disagreeing_level_word_is_reported() -> None:
    result = infer_level("六盘水市教育局", text="荣获省级优质课一等奖")
    assert result.level is Level.municipal
    assert any("省级" in cue for cue in result.cues)


def test_normalize_issuer() -> None:
    assert normalize_issuer(" 貴州省 教育廳（章）") == "贵州省教育厅"
    assert normalize_issuer("第一O三团") == "第一〇三团"
    assert normalize_issuer("ＡＢ六盘水市") == "AB六盘水市"


def test_lookup_is_fast() -> None:
    infer_level("六盘水市教育局")  # build the gazetteer once
    issuers = [issuer for issuer, _ in CASES]
    start = time.perf_counter()
    for issuer in issuers:
        infer_level(issuer)
    per_call = (time.perf_counter() - start) / len(issuers)
    assert per_call < 0.005  # exact hits take ~30 µs; fuzzy fallbacks stay within a few ms


def test_unknown_city_name_is_not_guessed() -> None:
    # A 市 may be prefecture-level or county-level; an unknown one gets no level rather than a guess.
    assert infer_level("某某市教育局").level is None


def test_bingtuan_city_after_xinjiang_is_a_division_city() -> None:
    result = infer_level("新疆维吾尔自治区石河子市教育局")
    assert result.level is Level.municipal
    assert result.unit == "新疆生产建设兵团第八师石河子市"


def test_a_misread_place_under_a_region_is_reported_as_unread() -> None:
    result = infer_level("赤峰市教汉维教育局")
    assert result.unit == "内蒙古自治区赤峰市"
    assert result.confidence < 0.9
    assert any("未识别的下级行政区" in cue for cue in result.cues)


@pytest.mark.parametrize(
    ("run", "bodies"),
    [
        ("中共六盘水市委六盘水市人民政府", ["中共六盘水市委", "六盘水市人民政府"]),
        ("黔东南州教育局凯里市教育局", ["黔东南州教育局", "凯里市教育局"]),
        ("毕节市七星关区教育局", ["毕节市七星关区教育局"]),  # a district after its city is one body
        ("六盘水市教育局钟山区分局", ["六盘水市教育局钟山区分局"]),  # a branch of the first
    ],
)
def test_joined_bodies_split_where_a_place_starts_the_next(run: str, bodies: list[str]) -> None:
    from verifier.issuers.segments import split_joined_bodies

    assert split_joined_bodies(run) == bodies
