"""The pipeline: wires the stages over a submission. It holds no stage logic of its own."""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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

_log = logging.getLogger(__name__)


# --- per-document work, in this process or in worker processes -------------------------------------------------
_worker_settings: Settings | None = None
# Workers start from a fresh interpreter: a forked worker would inherit (and be charged for) everything the
# parent holds — loaded models, earlier documents' previews — and ONNX Runtime's thread pools are not fork-safe.
_WORKER_START = multiprocessing.get_context("spawn")


def warm_up(settings: Settings) -> None:
    """Load what a long-lived worker needs once, before its first document rather than during it: the OCR
    models, the administrative-division gazetteer (about 3 s) and the perceptual hash's FFT module."""
    import scipy.fftpack  # noqa: F401  (imagehash imports it on the first pHash)

    from verifier.issuers.gazetteer import load_gazetteer

    get_engine(settings.ocr)
    load_gazetteer()


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings
    warm_up(settings)


def _analyze_in_worker(upload: Upload) -> DocumentAnalysis:
    settings = _worker_settings or get_settings()
    return _analyze(upload, settings)


def _unreadable(upload: Upload, detail: str, flag: Flag | None = None) -> DocumentAnalysis:
    report = DocumentReport(file=upload.file, column=upload.column)
    report.flags.append(flag or Flag.make(FlagCode.CORRUPT_FILE, detail=detail))
    return DocumentAnalysis(report=report)


def _analyze(upload: Upload, settings: Settings) -> DocumentAnalysis:
    if upload.refusal is not None:
        code, detail = upload.refusal
        return _unreadable(upload, detail, Flag.make(code, detail=detail))
    try:
        size = upload.size()  # from the file system: a huge file is refused before a byte of it is read
        if size > settings.ingest.max_file_bytes:
            return _unreadable(upload, "", too_large_flag(size, settings.ingest))
        data = upload.read()
    except OSError as exc:
        return _unreadable(upload, f"无法读取文件：{exc.strerror or exc}")
    try:
        return analyze_document(data, upload.file, upload.column, get_engine(settings.ocr), settings)
    except Exception as exc:  # a bug on one file must not lose the others, in a worker or in this process
        _log.exception("verifying %s failed", upload.file)
        return _unreadable(upload, f"处理失败（{type(exc).__name__}）")
    finally:
        release_freed_memory()


class WorkerPool:
    """Worker processes that outlive one submission, so models load once per worker, not once per call.

    Each worker gets its share of the cores for ONNX Runtime, so workers × threads never oversubscribes.
    """

    def __init__(self, settings: Settings, workers: int) -> None:
        self.workers = workers
        self.settings = settings.model_copy(deep=True)
        self.settings.ocr.threads = max(1, (os.cpu_count() or 1) // workers)
        self._executor: ProcessPoolExecutor | None = None

    def executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=_WORKER_START, initializer=_init_worker, initargs=(self.settings,)
            )
        return self._executor

    def reset(self) -> None:
        """Drop a broken pool; the next call starts fresh workers."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def analyze_all(
    uploads: list[Upload], settings: Settings, workers: int = 1, pool: WorkerPool | None = None
) -> Iterator[DocumentAnalysis]:
    """Analyses in upload order; in worker processes when a pool is given or workers > 1.

    A file that kills its worker (a decoder crash, memory exhaustion) must not take the submission with it:
    when a pool breaks, the files it had not finished are retried one by one, each in a fresh process, and
    the one that kills its process again is reported as a corrupt file.
    """
    if pool is None and (workers <= 1 or len(uploads) <= 1):
        for upload in uploads:
            yield _analyze(upload, settings)
        return
    if pool is None:
        with WorkerPool(settings, workers) as own:
            yield from analyze_all(uploads, settings, pool=own)
        return
    done: dict[int, DocumentAnalysis] = {}
    next_out = 0
    futures = [pool.executor().submit(_analyze_in_worker, upload) for upload in uploads]
    for index, future in enumerate(futures):
        try:
            done[index] = future.result()
        except BrokenProcessPool:
            # Keep what other workers finished before the pool broke; retry the rest in isolation.
            for later, other in enumerate(futures[index + 1 :], start=index + 1):
                if other.done() and other.exception() is None:
                    done[later] = other.result()
            pool.reset()
            break
        except Exception as exc:  # a bug on one file must not lose the others
            done[index] = _unreadable(uploads[index], f"处理失败（{type(exc).__name__}）")
        while next_out in done:
            yield done.pop(next_out)
            next_out += 1
    for index in range(next_out, len(uploads)):
        if index not in done:
            done[index] = _analyze_isolated(uploads[index], pool.settings)
        yield done.pop(index)


def _analyze_isolated(upload: Upload, settings: Settings) -> DocumentAnalysis:
    with ProcessPoolExecutor(
        max_workers=1, mp_context=_WORKER_START, initializer=_init_worker, initargs=(settings,)
    ) as pool:
        try:
            return pool.submit(_analyze_in_worker, upload).result()
        except BrokenProcessPool:
            return _unreadable(upload, "处理该文件时解码程序异常终止，文件可能已损坏")


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

        apply_duplicates(docs, find_duplicates(fingerprints))
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
