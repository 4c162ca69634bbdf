"""bingtuan-2024 against 000's own sentences: the 信息技术2.0 part, who owes the personnel form, 补齐."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from models.evidence import Evidence
from models.report import Applicant, Fields
from models.vocab import ClauseStatus
from verifier.criteria import evaluate, load_ruleset
from verifier.criteria.matching import any_pattern

AS_OF = date(2024, 6, 30)
HOURS = "materials.continuing-education-hours"


def person(**facts: Any) -> Applicant:
    return Applicant(name="王五", target_title="senior", tier="city", current_title_since=date(2018, 9, 1), **facts)


def make(file: str, doc_type: str, text: str = "", **fields: Any) -> Evidence:
    fields.setdefault("holder", "王五")
    fields.setdefault("issue_date", "2023-05-01")
    return Evidence(file=file, doc_type=doc_type, text=text, fields=Fields(**fields))


def ce(file: str, hours: float, text: str, year: int) -> Evidence:
    return make(file, "continuing_education", text, hours=hours, issue_date=f"{year}-05-01")


FULL = [
    make("zgz.jpg", "teacher_qualification", "教师资格证书"),
    make("zc.jpg", "qualification_registration", "定期注册 合格", registration_result="pass"),
    ce("ms.pdf", 120, "集中面授培训 学时：120", 2020),
    ce("xb.pdf", 90, "校本培训 学时：90", 2021),
    ce("sy.pdf", 50, "师域培训 学时：50", 2022),
    ce("xx.pdf", 100, "信息技术应用能力提升工程2.0 学时：100", 2023),
    make("djb.pdf", "personnel_form", "兵团事业单位人员登记表"),
    make("gw.pdf", "job_description", "岗位说明书"),
    make("gs.pdf", "publicity_form", "用人单位推荐考核结果公示表"),
]


def run(docs: list[Evidence], applicant: Applicant | None = None):
    return evaluate(load_ruleset("bingtuan-2024"), docs, applicant or person(staffing="establishment"), as_of=AS_OF)


def result_of(result, clause_id: str):
    return next(c for c in result.clauses if c.id == clause_id)


def test_full_submission_of_a_staff_member_meets_everything() -> None:
    result = run(FULL)
    assert [(c.id, c.missing) for c in result.clauses if c.status != ClauseStatus.satisfied] == []
    assert result.eligible is True


def it_patterns() -> list[str]:
    hours = result_of_rule(HOURS).total
    assert hours is not None
    return next(p.text_any for p in hours.parts if "2.0" in p.name)


def result_of_rule(clause_id: str):
    return next(c for c in load_ruleset("bingtuan-2024").clauses if c.id == clause_id)


@pytest.mark.parametrize(
    "text",
    ["信息技术应用能力提升工程2.0", "信息技术能力提升2.0培训", "信息技术2.0 学时：30", "能力提升工程2.0专题培训"],
)
def test_it20_part_matches_its_own_wordings(text: str) -> None:
    assert any_pattern(it_patterns(), text)


@pytest.mark.parametrize(
    "near_miss",
    ["专业技术人员继续教育证书学时:102.0学时", "校本研修学分:2.0", "学时:2.0", "信息技术与学科融合培训 学时：100"],
)
def test_it20_part_does_not_match_a_number_ending_in_2_0(near_miss: str) -> None:
    # 000 四（十一）"信息技术能力提升2.0培训": the 2.0 names the programme, not an hours figure (102.0学时)
    assert not any_pattern(it_patterns(), near_miss)


def test_a_102_hour_certificate_does_not_fill_the_it20_part() -> None:
    docs = [d for d in FULL if d.file != "xx.pdf"] + [ce("xx.pdf", 102, "继续教育证书 学时：102.0学时", 2023)]
    hours = result_of(run(docs), HOURS)
    assert hours.status == ClauseStatus.not_satisfied
    assert "信息技术能力提升2.0培训还差 100 学时" in hours.missing


@pytest.mark.parametrize("clause_id", ["materials.personnel-form", "materials.job-description"])
def test_staff_outside_the_establishment_owe_no_personnel_form(clause_id: str) -> None:
    # 000 三（六）"事业单位编制内和备案制管理的专业技术人员…应上传…《兵团事业单位人员登记表》和《岗位说明书》"
    docs = [d for d in FULL if d.file not in {"djb.pdf", "gw.pdf"}]
    result = run(docs, person(staffing="other"))
    assert clause_id not in {c.id for c in result.clauses}
    assert result.eligible is True


@pytest.mark.parametrize("staffing", ["establishment", "filing"])
def test_establishment_and_filing_staff_owe_the_personnel_form(staffing: str) -> None:
    docs = [d for d in FULL if d.file != "djb.pdf"]
    result = run(docs, person(staffing=staffing))
    assert result_of(result, "materials.personnel-form").status == ClauseStatus.not_satisfied
    assert result.eligible is False


def test_unknown_staffing_without_the_form_goes_to_a_reviewer() -> None:
    docs = [d for d in FULL if d.file != "djb.pdf"]
    result = run(docs, person())
    form = result_of(result, "materials.personnel-form")
    assert form.status == ClauseStatus.needs_reviewer
    assert "编制" in form.missing
    assert result.eligible is None


def test_a_missed_year_made_up_later_is_for_a_reviewer() -> None:
    # 000 四（十一）"未连续参加继续教育学习的…应补齐各年度…学时数。一个学习年度内只能补一个年度的学时数。"
    docs = [d for d in FULL if d.file != "xb.pdf"] + [ce("xb.pdf", 90, "校本培训", 2022)]  # nothing in 2021
    result = run(docs)
    years = result_of(result, "materials.continuing-education-years")
    assert years.status == ClauseStatus.needs_reviewer
    assert "2021" in years.missing
    assert result.eligible is None


def test_two_missed_years_cannot_be_made_up_in_one_later_year() -> None:
    docs = [ce("a.pdf", 200, "集中面授", 2020), ce("b.pdf", 160, "校本 师域 信息技术2.0", 2023), *FULL[:2], *FULL[6:]]
    years = result_of(run(docs), "materials.continuing-education-years")  # 2021 and 2022 missed; only 2023 after
    assert years.status == ClauseStatus.not_satisfied
    assert "2021、2022" in years.missing


def test_every_year_attended_meets_the_yearly_clause() -> None:
    years = result_of(run(FULL), "materials.continuing-education-years")
    assert years.status == ClauseStatus.satisfied
    assert years.evidence == ["ms.pdf", "sy.pdf", "xb.pdf", "xx.pdf"]


def test_the_cycle_is_the_notices_not_the_evaluation_days() -> None:
    # a 2024 notice evaluated later still asks for 2020–2023 (自2020年以来, the years before the 2024 application)
    result = evaluate(load_ruleset("bingtuan-2024"), FULL, person(staffing="establishment"), as_of=date(2026, 3, 1))
    assert result_of(result, "materials.continuing-education-years").status == ClauseStatus.satisfied
