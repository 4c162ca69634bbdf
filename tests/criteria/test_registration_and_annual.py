"""chongqing-registration (002) and guangzhou-ce (003) against their own sentences."""

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
NOBODY = Applicant(name="王五")  # no target title: a registration or a yearly check is the same for every title


def make(file: str, doc_type: str, text: str = "", **fields: Any) -> Evidence:
    fields.setdefault("holder", "王五")
    fields.setdefault("issue_date", "2023-05-01")
    return Evidence(file=file, doc_type=doc_type, text=text, fields=Fields(**fields))


def result_of(result, clause_id: str):
    return next(c for c in result.clauses if c.id == clause_id)


def rule_need(ruleset: str, clause_id: str):
    clause = next(c for c in load_ruleset(ruleset).clauses if c.id == clause_id)
    return clause.alternatives[0].needs[0]


CHONGQING = [
    make("sqb.pdf", "other", "教师资格定期注册申请表"),
    make("zgz.jpg", "teacher_qualification", "教师资格证书"),
    make("ht.pdf", "appointment_letter", "事业单位聘用合同书"),
    make("jxjy.pdf", "continuing_education", "继续教育培训证明", hours=72),
    make("kh.pdf", "assessment_record", "2023年度考核登记表 考核结果：合格", issue_date="2024-01-10"),
    make("sd.pdf", "other", "师德表现证明"),
    make("jk.pdf", "other", "身心健康证明 能够胜任教育教学工作"),
]


def chongqing(docs: list[Evidence], applicant: Applicant = NOBODY):
    return evaluate(load_ruleset("chongqing-registration"), docs, applicant, as_of=AS_OF)


def test_registration_is_decided_without_a_target_title() -> None:
    assert chongqing(CHONGQING).eligible is True
    assert chongqing(CHONGQING[:-1]).eligible is False


@pytest.mark.parametrize(
    ("text", "issued", "counts"),
    [
        ("2023年度考核登记表 合格", "2024-01-10", True),  # 上一年 = 2023 for a 2024 registration
        ("2022年度考核登记表 合格", "2023-01-10", False),  # two years back
        ("年度考核 合格", "2023-12-20", True),  # no year stated: the issue date's year
        ("年度考核 合格", "2022-12-20", False),
        ("2024年度考核登记表", "2024-06-01", False),  # this year's is not last year's
    ],
)
def test_assessment_is_last_years(text: str, issued: str, counts: bool) -> None:
    # 002 三（二）5 "上一年年度考核证明"
    docs = [d for d in CHONGQING if d.file != "kh.pdf"] + [make("kh.pdf", "assessment_record", text, issue_date=issued)]
    status = result_of(chongqing(docs), "materials.assessment").status
    assert (status == ClauseStatus.satisfied) is counts


def test_first_appointment_probation_assessment_counts() -> None:
    # 002 三（二）5 "初聘教师须提供任教学校出具的试用期满考核合格证明"
    docs = [d for d in CHONGQING if d.file != "kh.pdf"]
    docs.append(make("sy.pdf", "assessment_record", "试用期满考核合格证明", issue_date="2022-09-01"))
    assert result_of(chongqing(docs), "materials.assessment").status == ClauseStatus.satisfied


@pytest.mark.parametrize(
    "near_miss",
    ["聘任为中小学一级教师专业技术职务", "教师聘任情况说明", "岗位聘任公示"],
)
def test_a_document_merely_mentioning_appointment_is_no_contract(near_miss: str) -> None:
    # 002 三（二）3 "任教学校或主管部门聘用合同"
    assert not any_pattern(rule_need("chongqing-registration", "materials.contract").text_any, near_miss)
    docs = [d for d in CHONGQING if d.file != "ht.pdf"] + [make("x.pdf", "other", near_miss)]
    assert result_of(chongqing(docs), "materials.contract").status == ClauseStatus.not_satisfied


@pytest.mark.parametrize("wording", ["聘用合同", "事业单位聘用合同书", "聘任合同"])
def test_contract_wordings(wording: str) -> None:
    assert any_pattern(rule_need("chongqing-registration", "materials.contract").text_any, wording)


@pytest.mark.parametrize(
    ("clause_id", "near_miss"),
    [
        ("materials.ethics", "师德师风专题培训 学时：6"),
        ("materials.health", "体检报告 血常规"),
        ("materials.application-form", "教师资格认定申请表"),
    ],
)
def test_school_proofs_are_matched_on_their_own_names(clause_id: str, near_miss: str) -> None:
    assert not any_pattern(rule_need("chongqing-registration", clause_id).text_any, near_miss)


GZ = "annual.hours"


def guangzhou(docs: list[Evidence]):
    return evaluate(load_ruleset("guangzhou-ce"), docs, NOBODY, as_of=AS_OF)


def ce(file: str, hours: float, text: str) -> Evidence:
    return make(file, "continuing_education", text, hours=hours, issue_date="2024-03-01")


def part_patterns(name: str) -> list[str]:
    clause = next(c for c in load_ruleset("guangzhou-ce").clauses if c.id == GZ)
    assert clause.total is not None
    return next(p.text_any for p in clause.total.parts if p.name == name)


def test_elective_hours_do_not_fill_the_professional_part() -> None:
    # 003 "公需科目不少于3天或18学时，专业科目不少于7天或42学时"; 个人选修科目 is a third kind (二（二）2)
    docs = [
        ce("g.pdf", 18, "专业技术人员继续教育证书 科目类别：公需科目"),
        ce("x.pdf", 54, "专业技术人员继续教育证书 科目类别：个人选修科目 任教学科：数学"),
    ]
    hours = result_of(guangzhou(docs), GZ)
    assert hours.status == ClauseStatus.not_satisfied
    assert "专业科目还差 42 学时" in hours.missing


@pytest.mark.parametrize(
    "near_miss", ["专业技术人员继续教育证书", "任教学科：语文", "个人选修科目", "专业技术职称：一级教师"]
)
def test_professional_part_near_misses(near_miss: str) -> None:
    assert not any_pattern(part_patterns("专业科目"), near_miss)


@pytest.mark.parametrize("wording", ["科目类别：专业科目", "专业科目", "类别:专业课"])
def test_professional_part_wordings(wording: str) -> None:
    assert any_pattern(part_patterns("专业科目"), wording)


@pytest.mark.parametrize("near_miss", ["非公需科目", "公需学时另行登记"])
def test_public_part_near_misses(near_miss: str) -> None:
    assert not any_pattern(part_patterns("公需科目"), near_miss)


def test_annual_verification_is_decided_without_a_target_title() -> None:
    docs = [ce("g.pdf", 18, "公需科目"), ce("z.pdf", 54, "专业科目")]
    assert guangzhou(docs).eligible is True
    assert guangzhou(docs[:1]).eligible is False
