"""A report as reviewers leave it: their decisions applied to the machine's report, and everything recomputed.

Decisions are data (api/ keeps them with who and when): a field corrected (the corrected value is what the
holder check and the clauses use), a flag ruled a false alarm or confirmed, a document accepted or rejected by
hand. The machine's report is never changed; this makes a new one from it, running the same judgement as the
pipeline (verifier/assess.py) so verdicts, clause outcomes, eligibility and counts all follow the decisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from models.report import Fields, Report, summarize, verdict_for
from models.vocab import DocType, Verdict
from verifier.assess import JUDGED_FLAGS, apply_criteria, check_documents, settle
from verifier.criteria import CriteriaResult, load_ruleset
from verifier.errors import UsageError

DOC_TYPE_FIELD = "doc_type"  # corrected like a field, though it sits beside them
CORRECTABLE = (DOC_TYPE_FIELD, *Fields.model_fields)


@dataclass
class Decisions:
    """The newest decision of each kind, by document position (0-based)."""

    fields: dict[int, dict[str, Any]] = field(default_factory=dict)  # corrected values, as codes
    flags: dict[int, dict[str, str]] = field(default_factory=dict)  # flag code → "accept" | "override"
    documents: dict[int, str] = field(default_factory=dict)  # "accept" | "reject"

    def overridden(self, position: int) -> set[str]:
        return {code for code, d in self.flags.get(position, {}).items() if d == "override"}


@dataclass
class ReviewedReport:
    report: Report
    criteria: CriteriaResult | None
    readings: dict[int, dict[str, Any]]  # what the machine read, for each corrected field


def corrected_value(name: str, text: str | None) -> Any:
    """A reviewer's value for a field, checked like the report's own (a level or grade as its code)."""
    if name not in CORRECTABLE:
        raise UsageError(f"不能更正的字段：{name}")
    value = (text or "").strip() or None
    if name == DOC_TYPE_FIELD:
        if value is not None and value not in DocType.__members__:
            raise UsageError(f"无效的材料类型：{value}")
        return value
    try:
        return getattr(Fields.model_validate({name: value}), name)
    except ValidationError as exc:
        raise UsageError(f"「{value}」不是有效的值") from exc


def _verdict_of(decisions: Decisions, positions: dict[str, int]) -> Any:
    def verdict(doc: Any) -> Verdict:
        position = positions[doc.file]
        decided = decisions.documents.get(position)
        if decided is not None:
            return Verdict(decided)
        ruled_out = decisions.overridden(position)
        return verdict_for([f for f in doc.flags if f.code.value not in ruled_out])

    return verdict


def apply_decisions(machine: Report, decisions: Decisions, columns_file: str | None = None) -> ReviewedReport:
    report = machine.model_copy(deep=True)
    docs = report.documents
    positions = {d.file: i for i, d in enumerate(docs)}
    readings: dict[int, dict[str, Any]] = {}
    for position, values in decisions.fields.items():
        if not 0 <= position < len(docs):
            continue
        doc = docs[position]
        for name, value in values.items():
            if name == DOC_TYPE_FIELD:
                readings.setdefault(position, {})[name] = doc.doc_type.value if doc.doc_type else None
                doc.doc_type = DocType(value) if value else None
            else:
                readings.setdefault(position, {})[name] = getattr(doc.fields, name)
                setattr(doc.fields, name, corrected_value(name, value) if isinstance(value, str) else value)
    # What depends on fields, the applicant or the rule set is judged again; a file's own flags (quality,
    # format, duplicates) stay as the machine raised them.
    for doc in docs:
        doc.flags = [f for f in doc.flags if f.code not in JUDGED_FLAGS]
        doc.clauses = []
    check_documents(docs, report.applicant, columns_file)
    verdict_of = _verdict_of(decisions, positions)
    result = None
    if report.ruleset:
        result = apply_criteria(docs, report.applicant, load_ruleset(report.ruleset), verdict_of)
        report.clauses = result.clauses
    settle(docs, verdict_of)
    report.summary = summarize(
        docs,
        result.eligible if result else machine.summary.eligible,
        result.coverage if result else machine.summary.coverage,
    )
    return ReviewedReport(report=report, criteria=result, readings=readings)

