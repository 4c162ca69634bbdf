"""Flags raised from what a document says, on pages the OCR engine read (tests/understanding/data)."""

from __future__ import annotations

from models.flags import FlagCode
from models.vocab import DocType
from tests.understanding.cases import load_case
from verifier.classify import classify
from verifier.extract import extract
from verifier.understand.content_flags import content_flags


def _codes(name: str) -> set[FlagCode]:
    case = load_case(name)
    doc_type = classify(case.text).doc_type
    assert doc_type == DocType(case.doc_type)
    return {flag.code for flag in content_flags(doc_type, extract(doc_type, case.text), case.text.full)}


def test_training_certificate_that_states_no_hours_is_flagged() -> None:
    # 完成规定的学习任务 and nothing more: the certificate states no hours.
    assert FlagCode.HOURS_MISSING in _codes("documents_0009")


def test_hours_stated_but_their_number_unread_is_not_missing() -> None:
    # 完成 | 学时的学习: the certificate states its hours, the crop took the number.
    case = load_case("seed2_documents_0044")
    assert extract(DocType.continuing_education, case.text).hours is None
    assert FlagCode.HOURS_MISSING not in _codes("seed2_documents_0044")


def test_page_whose_statement_was_not_read_is_not_said_to_lack_hours() -> None:
    # Overexposed: only the title 培训证书 and a date were read, nothing about the training itself.
    case = load_case("documents_0200")
    assert len(case.text.full) < 20
    assert FlagCode.HOURS_MISSING not in _codes("documents_0200")


def test_unquantified_required_hours_do_not_count_as_stated() -> None:
    fields = extract(DocType.continuing_education, load_case("documents_0009").text)
    statement = (
        "王芳老师：参加2023年暑期中小学教师信息技术应用能力提升工程全员培训，完成规定学时，经考核合格，准予结业。特发此证。"
    )
    flags = content_flags(DocType.continuing_education, fields, statement)
    assert FlagCode.HOURS_MISSING in {flag.code for flag in flags}


def test_a_booklet_cover_alone_says_so() -> None:
    from models.report import Fields

    flags = content_flags(DocType.other, Fields(), "中华人民共和国\n荣誉证书")
    assert [flag.code for flag in flags] == [FlagCode.UNKNOWN_TYPE]
    assert "荣誉证书" in flags[0].message and "内页" in flags[0].message
    other = content_flags(DocType.other, Fields(), "课堂教学照片 2023年春季运动会")
    assert "内页" not in other[0].message
