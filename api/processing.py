"""One claimed job: run the pipeline over a stored submission and store its report, pages and fingerprints."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

import cv2
from sqlalchemy import delete, select, update

from api import cross_duplicates, jobs, webhooks
from api.jobs import Claim
from api.services import Services
from api.tables import Document, Submission, Upload
from models.report import Applicant, Report
from verifier.document import DocumentAnalysis
from verifier.duplicates import DocFingerprint
from verifier.errors import VerifierError
from verifier.pipeline import Upload as PipelineUpload
from verifier.pipeline import WorkerPool, verify_submission

log = logging.getLogger("api.jobs")


class LeaseLost(Exception):
    """Another worker took the job over (this one stalled past its lease); drop this run's results."""


@dataclass
class _Run:
    services: Services
    claim: Claim
    submission: Submission
    cross: dict[int, list[cross_duplicates.CrossMatch]] = field(default_factory=dict)
    done: int = 0

    def on_document(self, analysis: DocumentAnalysis) -> None:
        """Per document, before criteria are evaluated: cross-applicant duplicates (so a flagged copy counts for
        nothing) and progress."""
        position = self.done
        self.done += 1
        with self.services.sessions.begin() as session:
            session.execute(
                update(Submission)
                .where(Submission.id == self.submission.id)
                .values(documents_done=self.done, updated_at=jobs.now())
            )
            if not jobs.holds_lease(session, self.claim):
                raise LeaseLost
            fingerprint = analysis.fingerprint
            if isinstance(fingerprint, DocFingerprint):
                matches = cross_duplicates.check_and_remember(
                    session, self.submission, position, fingerprint, self.services.verifier_settings.duplicates
                )
                if matches:
                    self.cross[position] = matches
                    analysis.report.flags.append(cross_duplicates.flag_for(matches[0]))


def process(
    services: Services, claim: Claim, fatal: tuple[type[BaseException], ...] = (), pool: WorkerPool | None = None
) -> None:
    """Run one job to the end: done, failed with a typed error, or back in the queue for another attempt.

    An exception of a `fatal` type (a worker's time limit for the job) fails the job with JOB_TIME_LIMIT.
    With a pool, each document runs in its worker process within its time budget (verifier/workers.py)."""
    sessions = services.sessions
    with sessions() as session:
        submission = session.get(Submission, claim.submission_id)
        uploads = session.scalars(
            select(Upload).where(Upload.submission_id == claim.submission_id).order_by(Upload.position)
        ).all()
    if submission is None:
        return
    if claim.attempts > services.settings.max_attempts:
        _fail(services, claim, "JOB_ATTEMPTS_EXHAUSTED", "处理多次中断，已停止重试")
        return
    run = _Run(services, claim, submission)
    with sessions.begin() as session:  # a retried job starts its progress again (its fingerprints keep their place)
        session.execute(
            update(Submission).where(Submission.id == submission.id).values(documents_done=0, updated_at=jobs.now())
        )
    try:
        pipeline_uploads = [
            PipelineUpload(file=u.file, column=u.column, data=services.blobs.get(u.sha256)) for u in uploads
        ]
        applicant = Applicant.model_validate(submission.applicant) if submission.applicant else None
        result = verify_submission(
            pipeline_uploads,
            applicant=applicant,
            ruleset_id=submission.ruleset,
            settings=services.verifier_settings,
            workers=1,
            pool=pool,
            on_document=run.on_document,
        )
        _store(run, result.report, result.analyses)
    except LeaseLost:
        log.warning("job %s: lease lost, results of this attempt dropped", claim.job_id)
    except fatal:
        log.warning("job %s: over its time limit", claim.job_id)
        _fail(services, claim, "JOB_TIME_LIMIT", "处理超过时限，已停止")
    except VerifierError as exc:
        _fail(services, claim, exc.code, str(exc))
    except Exception as exc:
        log.exception("job %s failed (attempt %s)", claim.job_id, claim.attempts)
        if claim.attempts >= services.settings.max_attempts:
            _fail(services, claim, "INTERNAL_ERROR", "处理失败，请联系平台管理员")
        else:
            jobs.release_for_retry(sessions, claim, f"{type(exc).__name__}: {exc}")


def _store(run: _Run, report: Report, analyses: list[DocumentAnalysis]) -> None:
    blobs = run.services.blobs
    report_sha = blobs.put(report.model_dump_json().encode())
    documents = []
    for position, (doc, analysis) in enumerate(zip(report.documents, analyses, strict=True)):
        pages = []
        for view in analysis.views:
            ok, png = cv2.imencode(".png", view.image)
            if not ok:
                continue
            lines = [{"text": ln.text, "box": ln.box, "confidence": round(ln.confidence, 3)} for ln in view.lines]
            pages.append(
                {
                    "number": view.number,
                    "width": int(view.image.shape[1]),
                    "height": int(view.image.shape[0]),
                    "rotation": view.rotation,
                    "columns": view.columns,
                    "source": view.source,
                    "image": blobs.put(png.tobytes()),
                    "lines": blobs.put(json.dumps(lines, ensure_ascii=False).encode()),
                }
            )
        links = [
            {"submission_id": m.submission_id, "position": m.position, "file": m.file, "applicant": m.applicant}
            for m in run.cross.get(position, [])
            if m.same_tenant
        ]
        codes = sorted({f.code.value for f in doc.flags})
        documents.append(
            Document(
                submission_id=run.submission.id,
                position=position,
                file=doc.file,
                doc_type=doc.doc_type.value if doc.doc_type else None,
                verdict=doc.verdict.value,
                flag_codes=" " + " ".join(codes) + " " if codes else "",
                pages=pages,
                duplicates=links,
            )
        )
    with run.services.sessions.begin() as session:
        if not jobs.holds_lease(session, run.claim):
            raise LeaseLost
        session.execute(delete(Document).where(Document.submission_id == run.submission.id))
        session.add_all(documents)
        session.execute(
            update(Submission)
            .where(Submission.id == run.submission.id)
            .values(
                status="done",
                report_sha=report_sha,
                accepted=report.summary.accepted,
                review=report.summary.review,
                rejected=report.summary.rejected,
                documents_done=len(report.documents),
                updated_at=jobs.now(),
            )
        )
        jobs.mark_done(session, run.claim, pages=sum(doc.pages for doc in report.documents))
        webhooks.record_event(session, run.submission.id, "submission.done")


def _fail(services: Services, claim: Claim, code: str, message: str) -> None:
    with services.sessions.begin() as session:
        session.execute(
            update(Submission)
            .where(Submission.id == claim.submission_id)
            .values(status="failed", error_code=code, error_message=message, updated_at=jobs.now())
        )
        jobs.mark_failed(session, claim, f"{code}: {message}")
        session.flush()
        webhooks.record_event(session, claim.submission_id, "submission.failed")
