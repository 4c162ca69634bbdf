"""Conditions no document shows, decided from the applicant's profile: true, false, or unknown (a reviewer's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from models.applicant import APPLICANT_CAPTIONS, Applicant
from verifier.criteria.schema import DERIVED_FACTS, FactRoute, FactTest


def completed_years(since: date, until: date) -> float:
    """Whole years and months from `since` to `until` (2019-09-01 → 2024-12-31 is 5 years 3 months = 5.25)."""
    months = (until.year - since.year) * 12 + until.month - since.month
    if until.day < since.day:
        months -= 1
    return max(0, months) / 12


def fact_value(applicant: Applicant, fact: str, as_of: date) -> object:
    """The fact's value, None when not given. years_in_title counts to 31 December of the evaluation year
    (001 三（二） and 000 四（七）: 履职年限计算截止时间为申报年度的12月31日)."""
    if fact == "years_in_title":
        since = applicant.current_title_since
        return completed_years(since, date(as_of.year, 12, 31)) if since else None
    if fact == "years_without_head_teacher":
        taught, head = applicant.teaching_years, applicant.head_teacher_years_since_title
        return None if taught is None or head is None else max(0.0, taught - head)
    value = getattr(applicant, fact)
    return value.value if isinstance(value, StrEnum) else value


def check(applicant: Applicant, test: FactTest, as_of: date) -> bool | None:
    value = fact_value(applicant, test.fact, as_of)
    if value is None:
        return None
    if test.any_of:
        return str(value) in test.any_of
    number = float(value)  # type: ignore[arg-type]
    if test.at_least is not None:
        return number >= test.at_least
    assert test.below is not None
    return number < test.below


def fact_name(fact: str) -> str:
    """The fact's Chinese caption, as a clerk would write it in a profile or a roster."""
    if fact in DERIVED_FACTS:
        return DERIVED_FACTS[fact]
    return APPLICANT_CAPTIONS.get(fact, (fact,))[0]


def test_text(test: FactTest) -> str:
    if test.label:
        return test.label
    name = fact_name(test.fact)
    if test.any_of:
        return f"{name}为{'或'.join(test.any_of)}"
    if test.at_least is not None:
        return f"{name}不少于{test.at_least:g}"
    return f"{name}不足{test.below:g}"


@dataclass
class FactOutcome:
    met: bool | None  # None: some fact a route needs is missing and no route is met
    missing_facts: list[str]
    text: str  # what decided it, or what is missing, in plain Chinese


def all_hold(applicant: Applicant, tests: list[FactTest], as_of: date) -> bool | None:
    results = [check(applicant, t, as_of) for t in tests]
    if any(r is False for r in results):
        return False
    return None if any(r is None for r in results) else True


def any_holds(applicant: Applicant, tests: list[FactTest], as_of: date) -> bool | None:
    results = [check(applicant, t, as_of) for t in tests]
    if any(r is True for r in results):
        return True
    return None if any(r is None for r in results) else False


def decide(applicant: Applicant, routes: list[FactRoute], as_of: date) -> FactOutcome:
    """Met when a route's every test holds; unknown when no route is met but one lacks a fact; else not met."""
    missing: list[str] = []
    for route in routes:
        holds = all_hold(applicant, route.all, as_of)
        if holds is True:
            return FactOutcome(True, [], "；".join(test_text(t) for t in route.all))
        if holds is False:  # one known fact already rules this route out
            continue
        for test in route.all:
            if check(applicant, test, as_of) is None and fact_name(test.fact) not in missing:
                missing.append(fact_name(test.fact))
    wanted = "；或".join("、".join(test_text(t) for t in r.all) for r in routes)
    if missing:
        return FactOutcome(None, missing, f"申报人信息未提供：{'、'.join(missing)}；须满足：{wanted}")
    return FactOutcome(False, [], f"按申报人信息不符合：{wanted}")
