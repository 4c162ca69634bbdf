"""Wordings and issuers the benchmark's templates do not print, as real certificates do: each page is typed
line by line (one line per row, sign-off at the right), so what is tested is the readers, not the OCR."""

from __future__ import annotations

import pytest

from models.page import TextLine
from models.vocab import AwardCategory, DocType, Grade, Level, TitleRank
from verifier.classify import classify
from verifier.extract import extract
from verifier.text import DocumentText, build_document_text

_WIDTH, _HEIGHT = 1200, 1700


def _page(lines: list[tuple[str, int, int]]) -> DocumentText:
    """(text, character size, left) per line, top to bottom."""
    read, top = [], 100
    for text, size, left in lines:
        right = left + size * len(text)
        read.append(TextLine(text, [(left, top), (right, top), (right, top + size), (left, top + size)], 0.95))
        top += size * 2
    return build_document_text([(1, read, _WIDTH, _HEIGHT)])


def test_lesson_contest_signed_by_a_research_institute_is_a_lesson_award() -> None:
    text = _page(
        [
            ("获奖证书", 80, 440),
            ("刘建国 老师：", 36, 150),
            ("您在2021年黔南州中小学优质课评选活动中，", 36, 150),
            ("荣获 初中数学组 二等奖。", 36, 150),
            ("黔南布依族苗族自治州教育局", 32, 620),
            ("黔南州教育科学研究所", 32, 620),
            ("2021年12月", 32, 700),
        ]
    )
    assert classify(text).doc_type == DocType.award_certificate
    fields = extract(DocType.award_certificate, text)
    # The institute's name (教育科学研究所) does not make the award a research one.
    assert fields.award_category == AwardCategory.quality_lesson
    assert (fields.holder, fields.grade, fields.level) == ("刘建国", Grade.second, Level.municipal)


def test_trainee_named_in_a_sentence_that_goes_on_with_its_date() -> None:
    text = _page(
        [
            ("结业证书", 80, 440),
            ("学员 陈静 于2023年7月10日至7月14日", 36, 150),
            ("参加六盘水市中小学骨干教师培训，", 36, 150),
            ("共计24学时，成绩合格，准予结业。", 36, 150),
            ("六盘水市教师发展中心", 32, 650),
            ("2023年7月14日", 32, 700),
        ]
    )
    fields = extract(classify(text).doc_type, text)
    assert (fields.holder, fields.hours, fields.issue_date) == ("陈静", 24.0, "2023-07-14")


def test_party_committee_keeps_its_party_prefix() -> None:
    text = _page(
        [
            ("荣誉证书", 80, 440),
            ("赵敏同志被评为2021年度六盘水市优秀教师。", 36, 150),
            ("中共六盘水市委", 32, 500),
            ("六盘水市人民政府", 32, 800),
            ("2021年9月", 32, 700),
        ]
    )
    fields = extract(DocType.honor_certificate, text)
    assert fields.issuer == "中共六盘水市委"
    assert fields.level == Level.municipal


@pytest.mark.parametrize("body", ["遵义市电化教育馆", "贵阳市电教馆", "六盘水市少年宫"])
def test_audio_visual_centres_and_youth_palaces_sign_as_bodies(body: str) -> None:
    text = _page(
        [
            ("获奖证书", 80, 440),
            ("杨帆：", 36, 150),
            ("你在2023年中小学微课大赛中荣获特等奖。", 36, 150),
            (body, 32, 700),
            ("二〇二三年十月", 32, 700),
        ]
    )
    fields = extract(DocType.award_certificate, text)
    assert fields.issuer == body
    assert fields.level == Level.municipal
    assert fields.grade == Grade.special


def test_holder_after_a_granting_caption() -> None:
    text = _page(
        [
            ("荣誉证书", 80, 440),
            ("授予：李四", 36, 150),
            ("六盘水市骨干教师称号", 36, 150),
            ("六盘水市教育局", 32, 700),
            ("2020年12月", 32, 700),
        ]
    )
    assert extract(DocType.honor_certificate, text).holder == "李四"


@pytest.mark.parametrize(
    ("title", "rank"),
    [("中小学高级教师", TitleRank.senior), ("小学高级教师", TitleRank.first), ("中小学一级教师", TitleRank.first)],
)
def test_unified_series_title_is_not_read_as_the_old_primary_school_one(title: str, rank: TitleRank) -> None:
    text = _page(
        [
            ("专业技术职务任职资格证书", 70, 250),
            ("姓名：陈红", 36, 150),
            (f"资格名称：{title}", 36, 150),
            ("证书编号：GZ2019-0321", 36, 150),
            ("发证机关：贵州省人力资源和社会保障厅", 36, 150),
            ("2019年12月20日", 36, 150),
        ]
    )
    assert classify(text).doc_type == DocType.title_certificate
    fields = extract(DocType.title_certificate, text)
    assert fields.title_rank == rank
    assert fields.issuer == "贵州省人力资源和社会保障厅"


def test_names_listed_together_lead_with_the_first() -> None:
    from verifier.understand.holder import listed_names

    text = _page(
        [
            ("获奖证书", 80, 440),
            ("王芳、李丽、张伟同志的《基于项目式学习的初中物理教学研究》", 36, 150),
            ("荣获贵州省第六届基础教育教学成果奖二等奖。", 36, 150),
            ("贵州省人民政府", 32, 700),
            ("二〇二一年十一月", 32, 700),
        ]
    )
    assert extract(DocType.award_certificate, text).holder == "王芳"  # not 张伟, the name before 同志
    assert listed_names("授予王芳、李丽老师") == [["王芳", "李丽"]]
    assert listed_names("语文、数学、英语") == []


def test_holder_after_a_certifying_colon() -> None:
    text = _page(
        [
            ("证明", 80, 500),
            ("兹证明：王芳，女，1985年3月出生，", 36, 150),
            ("系我校在编教师，2020年度考核等次为优秀。", 36, 150),
            ("钟山区第三小学", 32, 700),
            ("2021年1月5日", 32, 700),
        ]
    )
    assert extract(classify(text).doc_type, text).holder == "王芳"


def test_appointee_named_without_an_honorific() -> None:
    text = _page(
        [
            ("聘任证书", 80, 420),
            ("兹聘任王芳为中小学一级教师，", 36, 150),
            ("聘期自2020年9月1日至2023年8月31日。", 36, 150),
            ("钟山区第三小学", 32, 700),
            ("2020年9月1日", 32, 700),
        ]
    )
    assert classify(text).doc_type == DocType.appointment_letter
    fields = extract(DocType.appointment_letter, text)
    assert (fields.holder, fields.title_rank, fields.issue_date) == ("王芳", TitleRank.first, "2020-09-01")


def test_journal_name_above_its_issue() -> None:
    text = _page(
        [
            ("中国教育学刊", 40, 100),
            ("2021年第5期", 30, 100),
            ("核心素养视域下的初中语文阅读教学策略", 50, 150),
            ("王芳", 36, 500),
            ("（贵州省六盘水市第一中学，贵州 六盘水 553000）", 28, 250),
            ("摘要：本文探讨了阅读教学的策略。", 30, 150),
        ]
    )
    assert classify(text).doc_type == DocType.publication
    fields = extract(DocType.publication, text)
    assert (fields.holder, fields.issuer, fields.issue_date) == ("王芳", "中国教育学刊", "2021-05")


def test_training_total_is_taken_over_its_parts() -> None:
    text = _page(
        [
            ("继续教育学时证明", 70, 350),
            ("兹证明王芳同志参加2022年度中小学教师继续教育，", 36, 150),
            ("完成公需科目30学时、专业科目60学时，共计90学时。", 36, 150),
            ("六盘水市教师发展中心", 32, 650),
            ("2022年12月20日", 32, 700),
        ]
    )
    assert classify(text).doc_type == DocType.continuing_education
    assert extract(DocType.continuing_education, text).hours == 90.0


def test_recommendation_form_is_no_title_certificate() -> None:
    text = _page(
        [
            ("专业技术职务任职资格推荐表", 60, 250),
            ("姓名 王芳 性别 女 出生年月 1985.03", 32, 150),
            ("现任职务 一级教师 任职时间 2015.09", 32, 150),
            ("单位意见 同意推荐", 32, 150),
            ("钟山区第三小学（盖章）", 32, 650),
            ("2023年6月1日", 32, 700),
        ]
    )
    assert classify(text).doc_type == DocType.personnel_form


def test_english_date_is_no_certificate_number() -> None:
    text = _page(
        [
            ("CERTIFICATE", 60, 300),
            ("Awarded to", 32, 200),
            ("WANG FANG", 40, 200),
            ("for successfully completing 36 hours of", 32, 200),
            ("Professional Development in English Teaching", 32, 200),
            ("Cambridge English Teacher Centre", 32, 600),
            ("12 March 2022", 32, 600),
        ]
    )
    fields = extract(DocType.continuing_education, text)
    assert (fields.certificate_no, fields.issue_date, fields.hours) == (None, "2022-03-12", 36.0)


def test_news_report_of_an_award_is_no_certificate() -> None:
    text = _page(
        [
            ("我市教师在全省优质课比赛中再创佳绩", 50, 150),
            ("本报讯 近日，贵州省第十届中小学优质课比赛结果揭晓，", 32, 150),
            ("我市共有12名教师获奖，其中一等奖3名、二等奖5名。", 32, 150),
            ("（记者 张三）", 32, 150),
        ]
    )
    assert classify(text).doc_type == DocType.other


@pytest.mark.parametrize(
    "sign_off",
    [
        [("六盘水市教育局 2022年9月10日", 32, 600)],  # the name and the date on one line
        [("六盘水市教育局（公章）", 32, 650), ("2022年9月10日", 32, 700)],  # a printed seal remark, no ring text
    ],
)
def test_sign_off_sharing_its_line(sign_off: list[tuple[str, int, int]]) -> None:
    text = _page(
        [("荣誉证书", 80, 440), ("王芳同志：", 36, 150), ("被评为2022年度优秀教师。", 36, 150), *sign_off]
    )
    fields = extract(DocType.honor_certificate, text)
    assert (fields.issuer, fields.issue_date, fields.level) == ("六盘水市教育局", "2022-09-10", Level.municipal)
