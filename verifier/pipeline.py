"""The pipeline: wires the stages over a submission. It holds no stage logic of its own."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from models.flags import FlagCode
from models.report import Applicant, DocumentReport, Flag, Report, summarize
from verifier.assess import apply_criteria, check_documents, settle
from verifier.collect import Upload, collect_uploads  # noqa: F401  (re-exported: callers import them from here)
from verifier.criteria.result import CriteriaResult
from verifier.crosscheck import apply_cross_submission, apply_duplicates
from verifier.document import DocumentAnalysis, analyze_document
from verifier.duplicates import SubmissionRegister
from verifier.ingest import too_large_flag
from verifier.memory import release_freed_memory
from verifier.ocr import check_engine_name, get_engine
from verifier.settings import Settings, get_settings
from verifier.workers import WorkerPool

_log = logging.getLogger(__name__)


# --- per-document work, in this process or in worker processes (verifier/workers.py) ------------------------------
def warm_up(settings: Settings) -> None:
    """Load what a long-lived worker needs once, before its first document rather than during it: the OCR
    models, the administrative-division gazetteer (about 3 s) and the perceptual hash's FFT module."""
    import scipy.fftpack  # noqa: F401  (imagehash imports it on the first pHash)

    from verifier.issuers.gazetteer import load_gazetteer

    get_engine(settings.ocr)
    load_gazetteer()


def unreadable(upload: Upload, detail: str, flag: Flag | None = None) -> DocumentAnalysis:
    report = DocumentReport(file=upload.file, column=upload.column)
    report.flags.append(flag or Flag.make(FlagCode.CORRUPT_FILE, detail=detail))
    return DocumentAnalysis(report=report)


def analyze_in_this_process(upload: Upload, settings: Settings) -> DocumentAnalysis:
    if upload.refusal is not None:
        code, detail = upload.refusal
        return unreadable(upload, detail, Flag.make(code, detail=detail))
    try:
        size = upload.size()  # from the file system: a huge file is refused before a byte of it is read
        if size > settings.ingest.max_file_bytes:
            return unreadable(upload, "", too_large_flag(size, settings.ingest))
        data = upload.read()
    except OSError as exc:
        return unreadable(upload, f"无法读取文件：{exc.strerror or exc}")
    try:
        return analyze_document(data, upload.file, upload.column, get_engine(settings.ocr), settings)
    except Exception as exc:  # a bug on one file must not lose the others, in a worker or in this process
        _log.exception("verifying %s failed", upload.file)
        return unreadable(upload, f"处理失败（{type(exc).__name__}）")
    finally:
        release_freed_memory()


def analyze_all(
    uploads: list[Upload], settings: Settings, workers: int = 1, pool: WorkerPool | None = None
) -> Iterator[DocumentAnalysis]:
    """Analyses in upload order: in worker processes when a pool is given or workers > 1, else here.

    In workers, each document has settings.document_seconds, and a file that kills its worker (a decoder
    crash, memory exhaustion) is reported as corrupt while the others go on (verifier/workers.py)."""
    if pool is None and (workers <= 1 or len(uploads) <= 1):
        for upload in uploads:
            yield analyze_in_this_process(upload, settings)
        return
    if pool is None:
        with WorkerPool(settings, workers) as own:
            yield from own.analyze_all(uploads)
        return
    yield from pool.analyze_all(uploads)


# --- the submission ----------------------------------------------------------------------------------------------
@dataclass
class SubmissionResult:
    report: Report
    analyses: list[DocumentAnalysis]
    criteria: CriteriaResult | None = None  # groups and notes behind the report's clauses, when a rule set ran


def verify_submission(
    uploads: list[Upload],
    applicant: Applicant | None = None,
    ruleset_id: str | None = None,
    settings: Settings | None = None,
    workers: int | None = None,
    on_document: Callable[[DocumentAnalysis], None] | None = None,
    cross_checks: bool = True,
    pool: WorkerPool | None = None,
    register: SubmissionRegister | None = None,
    submission_id: str = "",
) -> SubmissionResult:
    """Verify uploads as one submission. cross_checks=False treats them as unrelated documents (benchmarks)."""
    settings = settings or get_settings()
    check_engine_name(settings.ocr.engine)
    if ruleset_id:
        from verifier.criteria import load_ruleset

        load_ruleset(ruleset_id)  # fail before any OCR when the id is wrong
    analyses = []
    for analysis in analyze_all(uploads, settings, workers or settings.workers, pool):
        analyses.append(analysis)
        if on_document:
            on_document(analysis)
    return finish_submission(
        analyses, applicant, ruleset_id, settings, cross_checks=cross_checks, register=register,
        submission_id=submission_id,
    )


def finish_submission(
    analyses: list[DocumentAnalysis],
    applicant: Applicant | None = None,
    ruleset_id: str | None = None,
    settings: Settings | None = None,
    cross_checks: bool = True,
    register: SubmissionRegister | None = None,
    submission_id: str = "",
) -> SubmissionResult:
    """The cross-document stages over analyses already made (here, or kept from an earlier run)."""
    settings = settings or get_settings()
    ruleset = None
    if ruleset_id:
        from verifier.criteria import load_ruleset

        ruleset = load_ruleset(ruleset_id)
    docs = [a.report for a in analyses]
    check_documents(docs, applicant, settings.columns_file, cross_checks)
    fingerprints = [a.fingerprint for a in analyses if a.fingerprint is not None]
    if cross_checks and len(fingerprints) > 1:
        from verifier.duplicates import find_duplicates

        apply_duplicates(docs, find_duplicates(fingerprints, settings.duplicates))
    if register is not None:
        who = "".join(((applicant.name if applicant else None) or "").split()) or f"#{submission_id}"
        by_file = {a.report.file: a.fingerprint for a in analyses if a.fingerprint is not None}
        apply_cross_submission(docs, by_file, register, submission_id, who)

    result = apply_criteria(docs, applicant, ruleset) if ruleset is not None else None
    settle(docs)
    report = Report(
        ruleset=ruleset_id,
        applicant=applicant,
        documents=docs,
        clauses=result.clauses if result else [],
        summary=summarize(docs, result.eligible if result else None, result.coverage if result else None),
    )
    return SubmissionResult(report=report, analyses=analyses, criteria=result)
