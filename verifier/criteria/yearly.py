"""补齐: a cycle's every year needs its continuing education; a missed year's hours may be made up in a later
learning year, one missed year per learning year (000 四（十一）)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from models.evidence import Evidence
from verifier.criteria.matching import parse_issue_date
from verifier.criteria.schema import YearlyAttendance


@dataclass
class YearlyOutcome:
    attended: set[int] = field(default_factory=set)
    missed: list[int] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def can_make_up(self, rule: YearlyAttendance) -> bool:
        """Each missed year needs a later learning year with a certificate, one missed year per learning year."""
        if not rule.make_up_one_per_year:
            return any(y > min(self.missed) for y in self.attended)
        free = sorted(self.attended)
        for missed in sorted(self.missed):
            later = next((y for y in free if y > missed), None)
            if later is None:
                return False
            free.remove(later)
        return True


def attendance(rule: YearlyAttendance, evidence: list[Evidence], as_of: date) -> YearlyOutcome:
    """Years from `since_year` to `through_year`, at most the year before the evaluation (still running)."""
    outcome = YearlyOutcome()
    for item in evidence:
        if item.doc_type not in rule.doc_types:
            continue
        span = parse_issue_date(item.fields.issue_date)
        if span is None:
            outcome.undated.append(item.file)
            continue
        if span.earliest.year != span.latest.year or span.earliest.year < rule.since_year:
            continue
        outcome.attended.add(span.earliest.year)
        outcome.files.append(item.file)
    last = as_of.year - 1 if rule.through_year is None else min(rule.through_year, as_of.year - 1)
    outcome.missed = [y for y in range(rule.since_year, last + 1) if y not in outcome.attended]
    return outcome
