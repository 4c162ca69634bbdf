"""Numeric conditions over continuing education: total 学时 in a window and per-kind minimums."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import cn2an

from models.evidence import Evidence
from verifier.criteria.matching import any_pattern, normalised_text
from verifier.criteria.schema import Total

_DAYS = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)个?(?:工作)?天")
_CN_DAYS = re.compile(r"([一二两三四五六七八九十]+)个?(?:工作)?天")


def days_in_text(text: str) -> float | None:
    match = _DAYS.search(text)
    if match:
        return float(match.group(1))
    match = _CN_DAYS.search(text)
    if match:
        try:
            return float(cn2an.cn2an(match.group(1).replace("两", "二"), "smart"))
        except ValueError:
            return None
    return None


def hours_of(evidence: Evidence, total: Total) -> float | None:
    """学时 as printed; else 学分 × hours_per_credit; else 天 × hours_per_day; None when nothing says."""
    fields = evidence.fields
    if fields.hours is not None:
        return fields.hours
    if fields.credits is not None and total.hours_per_credit:
        return fields.credits * total.hours_per_credit
    if total.hours_per_day:
        days = days_in_text(normalised_text(evidence))
        if days is not None:
            return days * total.hours_per_day
    return None


@dataclass
class TotalOutcome:
    counted: list[str] = field(default_factory=list)
    without_hours: list[str] = field(default_factory=list)
    total: float = 0.0
    parts: dict[str, float] = field(default_factory=dict)

    def shortfall(self, rule: Total) -> float:
        return max(0.0, rule.min - self.total)

    def part_shortfalls(self, rule: Total) -> dict[str, float]:
        return {p.name: max(0.0, p.min - self.parts.get(p.name, 0.0)) for p in rule.parts}

    def met(self, rule: Total) -> bool:
        return self.shortfall(rule) == 0 and not any(self.part_shortfalls(rule).values())


def add_up(rule: Total, evidence: list[Evidence]) -> TotalOutcome:
    """Sum the hours of the documents (already filtered to type and window); each goes to its first matching part."""
    outcome = TotalOutcome(parts={p.name: 0.0 for p in rule.parts})
    for item in evidence:
        hours = hours_of(item, rule)
        if hours is None:
            outcome.without_hours.append(item.file)
            continue
        outcome.counted.append(item.file)
        outcome.total += hours
        text = normalised_text(item)
        part = next((p for p in rule.parts if any_pattern(p.text_any, text)), None)
        if part is not None:
            outcome.parts[part.name] += hours
    return outcome


def missing_text(rule: Total, outcome: TotalOutcome) -> str:
    pieces = []
    short = outcome.shortfall(rule)
    if short:
        pieces.append(f"学时合计还差 {short:g} 学时（已计 {outcome.total:g} / {rule.min:g} 学时）")
    for name, gap in outcome.part_shortfalls(rule).items():
        if gap:
            pieces.append(f"{name}还差 {gap:g} 学时（已计 {outcome.parts.get(name, 0.0):g} 学时）")
    if outcome.without_hours:
        pieces.append(f"{len(outcome.without_hours)} 份证书未注明学时，未计入")
    return "；".join(pieces)
