"""The database tables (SQLAlchemy 2). The migrations in api/migrations create exactly these."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import BigInteger, DateTime, Dialect, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import JSON, TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A moment in UTC that reads back with its time zone on every backend (SQLite stores none of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[type, Any]] = {datetime: UtcDateTime(), dict: JSON, list: JSON}


class Tenant(Base):
    __tablename__ = "tenants"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiKey(Base):
    __tablename__ = "api_keys"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # platform | reviewer
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class Reviewer(Base):
    """A person who reviews: their own name and password (argon2 hash), role reviewer or admin."""

    __tablename__ = "reviewers"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # reviewer | admin
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(default=None)


class ReviewerSession(Base):
    __tablename__ = "reviewer_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    reviewer_id: Mapped[str] = mapped_column(ForeignKey("reviewers.id"))
    expires_at: Mapped[datetime] = mapped_column()


class Submission(Base):
    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("tenant_id", "idempotency_key", name="uq_submission_idempotency"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    applicant: Mapped[dict] = mapped_column()
    applicant_key: Mapped[str] = mapped_column(String(200), default="")
    ruleset: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    documents_total: Mapped[int] = mapped_column(default=0)
    documents_done: Mapped[int] = mapped_column(default=0)
    accepted: Mapped[int] = mapped_column(default=0)
    review: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)
    report_sha: Mapped[str | None] = mapped_column(String(64))
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Review: who it is assigned to, the report with reviewers' decisions applied, its eligibility
    # ("true" | "false" | "" open), and the reviewers' conclusion on the whole submission (accept | reject).
    assignee_id: Mapped[str | None] = mapped_column(String(32), index=True, default=None)
    reviewed_sha: Mapped[str | None] = mapped_column(String(64), default=None)
    eligible: Mapped[str] = mapped_column(String(8), default="")
    decision: Mapped[str] = mapped_column(String(16), default="")


class Upload(Base):
    __tablename__ = "uploads"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), index=True)
    position: Mapped[int] = mapped_column()
    file: Mapped[str] = mapped_column(String(500))
    column: Mapped[str | None] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)


class Job(Base):
    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_claim", "status", "lease_until"),
        Index("ix_jobs_tenant_status", "tenant_id", "status"),
        Index("ix_jobs_tenant_claimed", "tenant_id", "claimed_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued | running | done | failed
    # Higher first (api.jobs.Priority); within one priority, tenants take turns (api.jobs.claim_next).
    priority: Mapped[int] = mapped_column(default=5)
    tenant_id: Mapped[str] = mapped_column(String(64), default="")  # the submission's, for fair turns
    attempts: Mapped[int] = mapped_column(default=0)
    claimed_at: Mapped[datetime | None] = mapped_column()  # the last claim: when the tenant was last served
    # Times a worker's lease ran out and the job was taken again (a killed or stalled worker).
    reclaims: Mapped[int] = mapped_column(default=0)
    # When its work token went to the broker (fleet mode); NULL: not yet, the sweeper sends it.
    published_at: Mapped[datetime | None] = mapped_column()
    pages: Mapped[int] = mapped_column(default=0)  # pages verified, once done (the fleet's pages per second)
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None] = mapped_column()
    heartbeat_at: Mapped[datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column()


class FleetWorker(Base):
    """A `verifier worker` host process, seen by its sweeper every few seconds: what 'live workers' counts."""

    __tablename__ = "fleet_workers"
    id: Mapped[str] = mapped_column(String(200), primary_key=True)  # hostname:pid
    processes: Mapped[int] = mapped_column()
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class Document(Base):
    """One verified document of a finished submission: what the reviewer queue filters on."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("submission_id", "position", name="uq_document_position"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), index=True)
    position: Mapped[int] = mapped_column()
    file: Mapped[str] = mapped_column(String(500))
    doc_type: Mapped[str | None] = mapped_column(String(50))
    verdict: Mapped[str] = mapped_column(String(16))
    flag_codes: Mapped[str] = mapped_column(Text, default="")  # " CODE1 CODE2 " for LIKE filters
    pages: Mapped[list] = mapped_column(default=list)  # [{number, width, height, image, lines, rotation}]
    # Same certificate in other applicants' submissions of this tenant: [{submission_id, position, file, applicant}]
    duplicates: Mapped[list] = mapped_column(default=list)


class Fingerprint(Base):
    """A verified document's fingerprint, kept to find the same certificate in other applicants' submissions."""

    __tablename__ = "fingerprints"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), index=True)
    submitted_at: Mapped[datetime] = mapped_column()
    tenant_id: Mapped[str] = mapped_column(String(64))
    applicant_key: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column()
    file: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    certificate_no: Mapped[str] = mapped_column(String(100), index=True, default="")
    holder: Mapped[str] = mapped_column(String(100), index=True, default="")
    phash: Mapped[int | None] = mapped_column(BigInteger)  # first page, as a signed 64-bit integer
    data: Mapped[dict] = mapped_column()


class ReviewDecision(Base):
    """The audit log: every reviewer decision, with who, when, why and the model version it was made against.

    kind: flag (flag_code, decision accept | override), document (decision accept | reject), field (field,
    value, previous), submission (position -1, decision accept | reject), assign (value = reviewer id).
    """

    __tablename__ = "review_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), index=True)
    position: Mapped[int] = mapped_column()
    flag_code: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(16), default="flag", server_default="flag")
    field: Mapped[str] = mapped_column(String(64), default="", server_default="")
    value: Mapped[str | None] = mapped_column(Text, default=None)
    previous: Mapped[str | None] = mapped_column(Text, default=None)
    reviewer_id: Mapped[str | None] = mapped_column(String(32), default=None)
    model_version: Mapped[str] = mapped_column(String(200), default="", server_default="")


class Deletion(Base):
    """The audit row kept when a platform erases a submission: who, when, and how much was erased."""

    __tablename__ = "deletions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    submission_id: Mapped[str] = mapped_column(String(32), index=True)
    tenant_id: Mapped[str] = mapped_column(String(64), index=True)
    key_id: Mapped[str] = mapped_column(String(32))
    documents: Mapped[int] = mapped_column()
    blobs_erased: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Webhook(Base):
    """A tenant's endpoint, told (signed with its secret) when a submission is done or failed."""

    __tablename__ = "webhooks"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    secret: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(default=None)


class WebhookDelivery(Base):
    """The delivery log: one row per event and endpoint, with its attempts and the last answer."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    webhook_id: Mapped[str] = mapped_column(ForeignKey("webhooks.id"), index=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    submission_id: Mapped[str] = mapped_column(String(32), index=True)
    event: Mapped[str] = mapped_column(String(64))  # submission.done | submission.failed
    payload: Mapped[dict] = mapped_column()
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending | delivered | failed
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column(default=None)
    last_status: Mapped[int | None] = mapped_column(default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(default=None)
