"""004 附则 "按照“层层赛”的方式…同一项目不同等级获奖的，以最高级别获奖予以认定"."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from models.evidence import Evidence
from models.flags import FlagCode
from models.report import Applicant, Fields
from models.vocab import AwardCategory, ClauseStatus
from verifier.criteria import evaluate, load_ruleset
from verifier.criteria.layered import find_lower_level_awards

AS_OF = date(2024, 6, 30)
CATEGORIES = list(AwardCategory)


def award(file: str, level: str, grade: str, text: str, **fields: Any) -> Evidence:
    fields.setdefault("holder", "张三")
    fields.setdefault("issue_date", "2022-05-01")
    fields.setdefault("award_category", "quality_lesson")
    return Evidence(
        file=file, doc_type="award_certificate", text=text, fields=Fields(level=level, grade=grade, **fields)
    )


@pytest.mark.parametrize(
    ("case", "a", "b", "lower"),
    [
        (
            "same lesson title, 县级 then 市级",
            award("county.jpg", "county", "first", "执教的《一元二次方程》荣获钟山区优质课一等奖"),
            award("city.jpg", "municipal", "second", "执教的《一元二次方程》荣获六盘水市优质课二等奖"),
            "county.jpg",
        ),
        (
            "same contest name without titles",
            award("county.jpg", "county", "first", "2022年钟山区初中数学优质课竞赛一等奖"),
            award("city.jpg", "municipal", "first", "2022年六盘水市初中数学优质课竞赛一等奖"),
            "county.jpg",
        ),
        (
            "same subject only",
            award("county.jpg", "county", "first", "荣获一等奖", subject="初中数学"),
            award("prov.jpg", "provincial", "third", "荣获三等奖", subject="初中数学"),
            "county.jpg",
        ),
    ],
)
def test_lower_level_of_the_same_project_is_found(case: str, a: Evidence, b: Evidence, lower: str) -> None:
    found = find_lower_level_awards([a, b], CATEGORIES)
    assert [x.file for x in found] == [lower], case


@pytest.mark.parametrize(
    ("case", "a", "b"),
    [
        (
            "different years, the contest name only (an annual contest is a new project each year)",
            award("a.jpg", "county", "first", "2021年初中数学优质课竞赛一等奖", issue_date="2021-05-01"),
            award("b.jpg", "municipal", "first", "2022年初中数学优质课竞赛一等奖", issue_date="2022-05-01"),
        ),
        (
            "different lessons",
            award("a.jpg", "county", "first", "执教的《一元二次方程》荣获一等奖"),
            award("b.jpg", "municipal", "first", "执教的《光的折射》荣获一等奖"),
        ),
        (
            "different categories",
            award("a.jpg", "county", "first", "《圆》", award_category="teaching_skill"),
            award("b.jpg", "municipal", "first", "《圆》"),
        ),
        (
            "same level is not 层层赛",
            award("a.jpg", "municipal", "first", "《圆》"),
            award("b.jpg", "municipal", "second", "《圆》"),
        ),
        (
            "no project signal at all",
            award("a.jpg", "county", "first", "荣获一等奖"),
            award("b.jpg", "municipal", "first", "荣获一等奖"),
        ),
        (
            "different holders",
            award("a.jpg", "county", "first", "《圆》"),
            award("b.jpg", "municipal", "first", "《圆》", holder="李四"),
        ),
    ],
)
def test_unrelated_awards_are_kept_apart(case: str, a: Evidence, b: Evidence) -> None:
    assert find_lower_level_awards([a, b], CATEGORIES) == [], case


def test_lower_round_is_flagged_and_not_counted() -> None:
    # 县、乡（镇）一级: 优质课 县级二等奖 and 市级三等奖 of the same lesson would otherwise meet 1 and nothing else.
    evidence = [
        award("county.jpg", "county", "second", "执教的《一元二次方程》荣获水城区优质课二等奖"),
        award("city.jpg", "municipal", "third", "执教的《一元二次方程》荣获六盘水市优质课三等奖"),
    ]
    applicant = Applicant(name="张三", target_title="first", tier="county", current_title_since=date(2018, 9, 1))
    result = evaluate(load_ruleset("liupanshui-2024"), evidence, applicant, as_of=AS_OF)
    assert [f.code for f in result.flags["county.jpg"]] == [FlagCode.LOWER_LEVEL_SAME_PROJECT]
    assert "city.jpg" in result.flags["county.jpg"][0].message
    assert "county.jpg" not in result.assignment
    assert result.assignment == {"city.jpg": ["first.performance.1.county"]}
    assert "city.jpg" not in result.flags


def test_three_rounds_keep_only_the_highest() -> None:
    evidence = [
        award("c.jpg", "county", "first", "2022年钟山区初中数学优质课竞赛"),
        award("m.jpg", "municipal", "first", "2022年六盘水市初中数学优质课竞赛"),
        award("p.jpg", "provincial", "second", "2022年贵州省初中数学优质课竞赛"),
    ]
    found = find_lower_level_awards(evidence, CATEGORIES)
    assert sorted(x.file for x in found) == ["c.jpg", "m.jpg"]
    assert {x.kept for x in found} == {"p.jpg"}


def test_rule_can_be_switched_off_by_a_ruleset() -> None:
    ruleset = load_ruleset("liupanshui-2024").model_copy(update={"layered_highest_only": False})
    evidence = [
        award("county.jpg", "county", "first", "《圆》优质课"),
        award("city.jpg", "municipal", "second", "《圆》优质课"),
    ]
    applicant = Applicant(name="张三", target_title="first", tier="city", current_title_since=date(2018, 9, 1))
    result = evaluate(ruleset, evidence, applicant, as_of=AS_OF)
    assert not result.flags
    assert {c.id: c.status for c in result.clauses}["first.performance.1.city"] == ClauseStatus.satisfied
