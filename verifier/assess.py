"""The submission-level judgement over document reports: cross checks, criteria, verdicts.

Shared by the pipeline (machine verdicts) and by reviewer decisions (verifier/reviewed.py), which run the same
judgement again over corrected fields with some flags ruled out or some documents decided by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from models.evidence import Evidence
from models.flags import FlagCode
from models.report import Applicant, DocumentReport, verdict_for
from models.vocab import Severity, Verdict
from verifier.criteria import CriteriaResult, RuleSet, evaluate
from verifier.crosscheck import check_column, check_companions, check_holder

VerdictOf = Callable[[DocumentReport], Verdict]

# Flags raised from other documents, the applicant or the rule set, not from the file itself: what a
# reviewer's correction can change, and so what the judgement raises again.
JUDGED_FLAGS = frozenset(
    {
        FlagCode.HOLDER_MISMATCH,
        FlagCode.WRONG_COLUMN,
        FlagCode.MISSING_COMPANION,
        FlagCode.DATE_OUT_OF_WINDOW,
        FlagCode.LOWER_LEVEL_SAME_PROJECT,
    }
)


def machine_verdict(doc: DocumentReport) -> Verdict:
    return verdict_for(doc.flags)


def check_documents(
    docs: list[DocumentReport], applicant: Applicant | None, columns_file: str | None, cross_checks: bool = True
) -> None:
    """HOLDER_MISMATCH and WRONG_COLUMN per document, MISSING_COMPANION across them."""
    for doc in docs:
        check_holder(doc, applicant.name if applicant else None)
        check_column(doc, columns_file)
    if cross_checks:
        check_companions(docs)


def apply_criteria(
    docs: list[DocumentReport], applicant: Applicant | None, ruleset: RuleSet, verdict_of: VerdictOf = machine_verdict
) -> CriteriaResult:
    """Clauses for the usable documents; each document learns the clauses it supports and the rule set's flags."""
    for doc in docs:  # evidence is judged usable on its own flags, before criteria add theirs
        doc.verdict = verdict_of(doc)
    evidence = [
        Evidence(file=d.file, doc_type=d.doc_type, fields=d.fields, usable=d.verdict != Verdict.reject, text=d.text)
        for d in docs
        if d.doc_type is not None
    ]
    result = evaluate(ruleset, evidence, applicant or Applicant())
    by_file = {d.file: d for d in docs}
    for doc in docs:
        doc.clauses = []
    for file, clause_ids in result.assignment.items():
        by_file[file].clauses = list(clause_ids)
    for file, flags in result.flags.items():
        by_file[file].flags.extend(flags)
    return result


def settle(docs: list[DocumentReport], verdict_of: VerdictOf = machine_verdict) -> None:
    """Errors first, then by page; the final verdicts."""
    for doc in docs:
        doc.flags.sort(key=lambda f: (f.severity != Severity.error, f.page or 0))
        doc.verdict = verdict_of(doc)
