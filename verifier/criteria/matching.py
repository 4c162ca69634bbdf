"""Does one document meet one need of a clause? Pure predicates over Evidence fields and text."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

from models.evidence import Evidence
from models.report import Applicant
from models.vocab import Grade, Level
from verifier.criteria.schema import Need, Threshold, Window

_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


@dataclass(frozen=True)
class DateSpan:
    """A printed date may lack the day (YYYY-MM) or month: keep the earliest and latest day it can mean."""

    earliest: date
    latest: date


def parse_issue_date(value: str | None) -> DateSpan | None:
    if not value:
        return None
    match = _DATE.match(value)
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    try:
        if month is None:
            return DateSpan(date(year, 1, 1), date(year, 12, 31))
        if day is None:
            return DateSpan(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))
        exact = date(year, month, day)
    except ValueError:
        return None
    return DateSpan(exact, exact)


def window_start(window: Window, applicant: Applicant, as_of: date) -> date | None:
    """First day the window accepts; None when it cannot be known (no 任现职时间 given)."""
    if window.since_current_title:
        return applicant.current_title_since
    if window.since_date is not None:
        return window.since_date
    if window.years is not None:
        try:
            return as_of.replace(year=as_of.year - window.years)
        except ValueError:  # 29 February
            return as_of.replace(year=as_of.year - window.years, day=28)
    return date(as_of.year - 1 if window.previous_year else as_of.year, 1, 1)


def in_window(evidence: Evidence, window: Window | None, applicant: Applicant, as_of: date) -> bool | None:
    """True/False when decidable; None when the document's date or the window start is unknown."""
    if window is None:
        return True
    if window.previous_year and stated_year(evidence) is not None:
        return stated_year(evidence) == as_of.year - 1
    span = parse_issue_date(evidence.fields.issue_date)
    start = window_start(window, applicant, as_of)
    if span is None or start is None:
        return None
    if window.calendar_year:
        return span.earliest.year <= as_of.year <= span.latest.year
    if window.previous_year:
        return (stated_year(evidence) or span.earliest.year) == as_of.year - 1
    # A date missing its day is given the benefit of the doubt: it counts if any day it can mean is inside.
    return span.latest >= start


_YEAR_OF = re.compile(r"((?:19|20)\d{2})年度")


def stated_year(evidence: Evidence) -> int | None:
    """The year a record is for, as its caption states it (2023年度考核); None when it names none or several."""
    years = {int(y) for y in _YEAR_OF.findall(normalised_text(evidence))}
    return years.pop() if len(years) == 1 else None


def normalised_text(evidence: Evidence) -> str:
    """Text for pattern matching: NFKC (full-width → half-width) and no whitespace, since OCR splits lines."""
    return _normalise(evidence.text)


@cache
def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(unicodedata.normalize("NFKC", pattern))


def any_pattern(patterns: list[str], text: str) -> bool:
    return any(_compiled(p).search(text) for p in patterns)


def meets_threshold(
    level: Level | None, grade: Grade | None, rank: int | None, threshold: Threshold, higher_min: Grade | None
) -> bool:
    """以上 includes the level itself; a strictly higher level counts from `higher_min` (e.g. 三等奖) upward."""
    if level is None:
        return False
    if threshold.max_rank is not None and rank is not None and rank > threshold.max_rank:
        return False
    if level == threshold.level:
        return threshold.grade is None or (grade is not None and grade.at_least(threshold.grade))
    if threshold.exact_level or not level.at_least(threshold.level):
        return False
    if threshold.grade is None:
        return True
    needed = threshold.grade
    if higher_min is not None and higher_min.rank < needed.rank:
        needed = higher_min
    return grade is not None and grade.at_least(needed)


def meets_thresholds(
    level: Level | None, grade: Grade | None, rank: int | None, thresholds: list[Threshold], higher_min: Grade | None
) -> bool:
    """或-joined thresholds. Where the list names the document's own level, only that entry judges it: in
    "市（州）级三等奖或县（市、区）级二等奖以上" a 市级 award is held to 市级三等奖, not waved through as
    being above 县级."""
    same_level = [t for t in thresholds if t.level == level]
    candidates = same_level or thresholds
    return any(meets_threshold(level, grade, rank, t, higher_min) for t in candidates)


def rank_limit(need: Need, text: str) -> int | None:
    for rule in need.rank_rules:
        if any_pattern(rule.text_any, text):
            return rule.max_rank
    return need.max_rank


def kinds_of(need: Need, text: str) -> list[str]:
    return [kind.name for kind in need.distinct_kinds if any_pattern(kind.text_any, text)]


def matches_need(evidence: Evidence, need: Need, higher_min: Grade | None) -> bool:
    """Every condition of the need except its date window (checked separately so it can be reported)."""
    fields = evidence.fields
    if evidence.doc_type not in need.doc_types:
        return False
    if need.award_categories and fields.award_category not in need.award_categories:
        return False
    if need.thresholds and not meets_thresholds(fields.level, fields.grade, fields.rank, need.thresholds, higher_min):
        return False
    text = normalised_text(evidence)
    limit = rank_limit(need, text)
    if limit is not None and fields.rank is not None and fields.rank > limit:
        return False
    if need.text_any and not any_pattern(need.text_any, text):
        return False
    if need.text_all and not all(_compiled(p).search(text) for p in need.text_all):
        return False
    if need.text_none and any_pattern(need.text_none, text):
        return False
    if need.issuer_any:
        issuer = _normalise(fields.issuer) if fields.issuer else text
        if not any_pattern(need.issuer_any, issuer):
            return False
    if need.min_service_years is not None and (fields.service_years or 0) < need.min_service_years:
        return False
    if need.registration_results and fields.registration_result not in need.registration_results:
        return False
    return not (need.distinct_kinds and not kinds_of(need, text))


def same_person(a: str | None, b: str | None) -> bool | None:
    """None when either name is unknown; names compare without spaces (OCR inserts them between characters)."""
    if not a or not b:
        return None
    return _normalise(a).casefold() == _normalise(b).casefold()
