"""Erasing a submission on the platform's request: its uploads, pages, reports and fingerprints go; the
submission stays as a tombstone (status `deleted`, no applicant) and a Deletion row records who and when.

Blobs are content-addressed and may be shared (the same file uploaded in another submission, the same page
image): each is erased only when no other row still refers to it. A job still queued or running is ended:
its worker loses the lease and drops whatever it made."""

from __future__ import annotations

from sqlalchemy import String, cast, delete, func, select, update
from sqlalchemy.orm import Session

from api import jobs
from api.blobs import BlobStore
from api.tables import ApiKey, Deletion, Document, Fingerprint, Job, Submission, Upload, WebhookDelivery


def erase_submission(session: Session, blobs: BlobStore, submission: Submission, key: ApiKey) -> Deletion:
    uploads = session.scalars(select(Upload.sha256).where(Upload.submission_id == submission.id)).all()
    documents = session.scalars(select(Document).where(Document.submission_id == submission.id)).all()
    page_blobs = {page[name] for doc in documents for page in doc.pages for name in ("image", "lines")}
    report = submission.report_sha
    session.execute(
        update(Job)
        .where(Job.submission_id == submission.id)
        .values(status="deleted", lease_owner=None, lease_until=None, finished_at=jobs.now())
    )
    session.execute(delete(Fingerprint).where(Fingerprint.submission_id == submission.id))
    session.execute(delete(Document).where(Document.submission_id == submission.id))
    session.execute(delete(Upload).where(Upload.submission_id == submission.id))
    session.execute(delete(WebhookDelivery).where(WebhookDelivery.submission_id == submission.id))
    session.execute(
        update(Submission)
        .where(Submission.id == submission.id)
        .values(
            status="deleted",
            applicant={},
            applicant_key="",
            report_sha=None,
            error_code=None,
            error_message=None,
            updated_at=jobs.now(),
        )
    )
    session.flush()
    erased = 0
    for sha in set(uploads) - _uploads_still_used(session, set(uploads)):
        erased += blobs.delete(sha)
    if report and not session.scalar(select(func.count()).where(Submission.report_sha == report)):
        erased += blobs.delete(report)
    for sha in page_blobs:
        if not session.scalar(select(func.count()).where(cast(Document.pages, String).contains(sha))):
            erased += blobs.delete(sha)
    deletion = Deletion(
        submission_id=submission.id,
        tenant_id=submission.tenant_id,
        key_id=key.id,
        documents=len(uploads),
        blobs_erased=erased,
    )
    session.add(deletion)
    return deletion


def _uploads_still_used(session: Session, shas: set[str]) -> set[str]:
    if not shas:
        return set()
    return set(session.scalars(select(Upload.sha256).where(Upload.sha256.in_(shas)).distinct()))
