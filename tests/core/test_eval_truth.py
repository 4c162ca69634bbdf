"""The truth `verifier eval` scores rule-set flags against: what the rule set raises on the labelled documents."""

from __future__ import annotations

from datetime import date

from fixtures.labels import DocumentLabel
from models.flags import FlagCode
from models.report import Applicant, Fields
from verifier.evaluation.runner import _truth_criteria, _with_ruleset_flags

APPLICANT = Applicant(name="张三", target_title="first", tier="city", current_title_since=date(2019, 9, 1))
# Both were issued in 2015, before the applicant's current title (2019-09-01): outside 任现职以来.
OLD_COUNTY_LESSON_AWARD = Fields(
    holder="张三", issue_date="2015-05-01", award_category="quality_lesson", level="county", grade="first"
)
OLD_COUNTY_HONOUR = Fields(
    holder="张三", issuer="盘州市教育局", issue_date="2015-05-01", level="county", award_category="title_honor"
)


def _label(doc_type: str, fields: Fields, printed_text: str) -> DocumentLabel:
    return DocumentLabel(file="证书/001.jpg", doc_type=doc_type, format="jpg", fields=fields, printed_text=printed_text)


def _expected_flags(label: DocumentLabel) -> list[FlagCode]:
    return _with_ruleset_flags(label, _truth_criteria([label], APPLICANT, "liupanshui-2024")).expected_flags


def test_an_award_from_before_the_window_is_expected_to_be_flagged() -> None:
    label = _label("award_certificate", OLD_COUNTY_LESSON_AWARD, "获奖证书\n张三老师在全县优质课竞赛中荣获一等奖")
    assert _expected_flags(label) == [FlagCode.DATE_OUT_OF_WINDOW]
    assert label.expected_flags == []  # the label itself is left as the generator wrote it


def test_the_printed_wording_decides_which_clause_a_document_could_fit() -> None:
    # 优秀班主任 is what makes an honour fit the head-teacher clause; an honour that names no such title fits none.
    fitting = _label("honor_certificate", OLD_COUNTY_HONOUR, "荣誉证书\n张三同志在2014年度被评为优秀班主任")
    plain = _label("honor_certificate", OLD_COUNTY_HONOUR, "荣誉证书\n张三同志：特发此证")
    assert _expected_flags(fitting) == [FlagCode.DATE_OUT_OF_WINDOW]
    assert _expected_flags(plain) == []


def test_labels_without_a_rule_set_are_scored_as_written() -> None:
    label = _label("award_certificate", OLD_COUNTY_LESSON_AWARD, "优质课竞赛")
    assert _with_ruleset_flags(label, None) is label
