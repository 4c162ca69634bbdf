"""Run the real pipeline over a labelled benchmark folder and score it."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field, ValidationError

from models.evidence import Evidence
from models.flags import FLAG_SPECS, FlagCode
from models.report import Applicant, DocumentReport
from models.vocab import Severity
from verifier.criteria.result import CriteriaResult
from verifier.duplicates import SubmissionRegister
from verifier.errors import UsageError
from verifier.evaluation.coverage import PlaceCoverage, level_coverage
from verifier.evaluation.metrics import (
    DocumentScores,
    PrecisionRecall,
    Ratio,
    duplicate_pairs,
    score_documents,
    score_pairs,
)
from verifier.pipeline import Upload, WorkerPool, verify_submission
from verifier.settings import Settings

if TYPE_CHECKING:
    from fixtures.labels import BenchmarkLabels

DEFAULT_RULESET = "liupanshui-2024"
# Flags the rule set raises (a date before the clause's window, a lower-level award of a project counted
# higher): the generator does not label them, so their truth is what the rule set raises on the labelled
# documents, as for clause outcomes.
RULESET_FLAGS = frozenset({FlagCode.DATE_OUT_OF_WINDOW, FlagCode.LOWER_LEVEL_SAME_PROJECT})


class EvalResult(BaseModel):
    benchmark: str
    documents: DocumentScores
    submissions: DocumentScores
    duplicates: PrecisionRecall
    clauses: Ratio = Field(default_factory=Ratio)
    level_places: PlaceCoverage = Field(default_factory=PlaceCoverage)
    clause_misses: list[dict[str, str]] = Field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def evaluate_benchmark(
    root: Path,
    settings: Settings,
    workers: int = 1,
    limit: int | None = None,
    ruleset_id: str = DEFAULT_RULESET,
    on_document: Callable[[object], None] | None = None,
) -> EvalResult:
    labels = _load_labels(root)
    doc_labels = labels.documents[:limit] if limit else labels.documents
    sub_labels = labels.submissions[: max(1, limit // 15)] if limit else labels.submissions

    with WorkerPool(settings, workers) if workers > 1 else nullcontext() as pool:
        return _evaluate(root, settings, doc_labels, sub_labels, ruleset_id, on_document, pool, labels.holder_salt)


def _load_labels(root: Path) -> BenchmarkLabels:
    """The benchmark's labels, or a one-line usage error saying what is wrong with them (never a traceback)."""
    from fixtures.labels import BenchmarkLabels

    path = root / "labels.json"
    if not path.is_file():
        raise UsageError(
            f"{root} 不是基准数据集：缺少 labels.json（用 verifier fixtures generate 生成，或指向带标注的文件夹）"
        )
    try:
        return BenchmarkLabels.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        first = exc.errors()[0]["msg"]
        raise UsageError(f"{path} 无法解析为基准标注：{exc.error_count()} 处错误，第一处：{first}") from None


def _evaluate(
    root: Path,
    settings: Settings,
    doc_labels: list,
    sub_labels: list,
    ruleset_id: str,
    on_document: Callable[[object], None] | None,
    pool: WorkerPool | None,
    holder_salt: str | None = None,
) -> EvalResult:
    pages, seconds = 0, 0.0
    start = time.perf_counter()
    uploads = [Upload(file=lab.file, column=lab.column, path=root / lab.file) for lab in doc_labels]
    result = verify_submission(uploads, settings=settings, cross_checks=False, on_document=on_document, pool=pool)
    seconds += time.perf_counter() - start
    pages += sum(d.pages for d in result.report.documents)
    predicted = {d.file: d for d in result.report.documents}
    document_scores = score_documents(((lab, predicted[lab.file]) for lab in doc_labels), holder_salt=holder_salt)

    sub_pairs: list[tuple[Any, DocumentReport]] = []
    truth_pairs: set[frozenset[str]] = set()
    predicted_pairs: set[frozenset[str]] = set()
    register = SubmissionRegister(settings.duplicates)
    clauses = Ratio()
    clause_misses: list[dict[str, str]] = []
    for sub in sub_labels:
        folder = root / "submissions" / sub.id
        sub_uploads = [Upload(file=lab.file, column=lab.column, path=folder / lab.file) for lab in sub.documents]
        ruleset = ruleset_id if sub.applicant.target_title else None
        start = time.perf_counter()
        outcome = verify_submission(
            sub_uploads, sub.applicant, ruleset, settings, on_document=on_document, pool=pool,
            register=register, submission_id=sub.id,
        ).report
        seconds += time.perf_counter() - start
        pages += sum(d.pages for d in outcome.documents)
        by_file = {d.file: d for d in outcome.documents}
        truth = _truth_criteria(sub.documents, sub.applicant, ruleset) if ruleset else None
        sub_pairs.extend((_with_ruleset_flags(lab, truth), by_file[lab.file]) for lab in sub.documents)
        # Pairs within this submission; repeats of another applicant's document are scored as flags.
        own = {lab.file for lab in sub.documents}
        truth_pairs |= {frozenset(f"{sub.id}/{f}" for f in p) for p in duplicate_pairs(
            (lab.file, [o for o in lab.duplicate_of if o in own]) for lab in sub.documents)}
        predicted_pairs |= {frozenset(f"{sub.id}/{f}" for f in p) for p in duplicate_pairs(
            (d.file, d.duplicate_of) for d in outcome.documents)}
        if truth is not None:
            _score_clauses(sub.id, truth.clauses, outcome.clauses, clauses, clause_misses)

    levels = [
        (label.fields.issuer, doc.fields.level == label.fields.level, doc.fields.issuer == label.fields.issuer)
        for label, doc in [*((lab, predicted[lab.file]) for lab in doc_labels), *sub_pairs]
        if label.fields.issuer and label.fields.level
    ]
    return EvalResult(
        benchmark=str(root),
        level_places=level_coverage(levels),
        documents=document_scores,
        submissions=score_documents(sub_pairs),
        duplicates=score_pairs(truth_pairs, predicted_pairs),
        clauses=clauses,
        clause_misses=clause_misses[:40],
        pages=pages,
        seconds=round(seconds, 2),
    )


def _truth_evidence(doc_labels: list) -> list[Evidence]:
    """What a perfect reader would hand the criteria stage: the labelled type and fields, the printed text,
    usable unless a labelled flag makes the document unacceptable."""
    evidence = []
    for lab in doc_labels:
        if lab.doc_type is None:
            continue
        usable = not any(FLAG_SPECS[code].severity == Severity.error for code in lab.expected_flags)
        evidence.append(
            Evidence(file=lab.file, doc_type=lab.doc_type, fields=lab.fields, usable=usable, text=lab.printed_text)
        )
    return evidence


def _truth_criteria(doc_labels: list, applicant: Applicant, ruleset_id: str) -> CriteriaResult:
    """What the rule set concludes from the labelled documents: the truth for clause outcomes and its flags."""
    from verifier.criteria import evaluate, load_ruleset

    return evaluate(load_ruleset(ruleset_id), _truth_evidence(doc_labels), applicant)


def _with_ruleset_flags(label, truth: CriteriaResult | None):
    """The label, expecting also the rule-set flags the rule set raises on the labelled documents."""
    if truth is None:
        return label
    derived = [f.code for f in truth.flags.get(label.file, []) if f.code in RULESET_FLAGS]
    if not derived:
        return label
    return label.model_copy(update={"expected_flags": [*label.expected_flags, *dict.fromkeys(derived)]})


def _score_clauses(
    sub_id: str,
    expected: list,
    predicted: list,
    ratio: Ratio,
    misses: list[dict[str, str]],
) -> None:
    got = {c.id: c.status.value for c in predicted}
    for clause in expected:
        ok = got.get(clause.id) == clause.status.value
        ratio.add(ok)
        if not ok:
            misses.append({"submission": sub_id, "clause": clause.id, "truth": clause.status.value,
                           "got": got.get(clause.id, "missing")})
