"""The durable job queue in the database: enqueue, claim with a lease, heartbeat, finish.

A job whose worker died (process killed, machine rebooted) keeps status `running` with a lease in the past;
the next claim takes it again, so an accepted submission always finishes or fails with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import IntEnum

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select, update
from sqlalchemy.orm import Session, aliased, sessionmaker

from api.database import rows_matched
from api.tables import Job, Submission


class Priority(IntEnum):
    """Who waits for a job. A one-document check and a reviewer's re-run go before a season's bulk upload."""

    bulk = 1
    normal = 5
    interactive = 9


@dataclass(frozen=True)
class Claim:
    job_id: int
    submission_id: str
    attempts: int
    owner: str


def now() -> datetime:
    return datetime.now(UTC)


def enqueue(session: Session, submission_id: str, tenant_id: str, priority: Priority = Priority.normal) -> Job:
    job = Job(submission_id=submission_id, status="queued", tenant_id=tenant_id, priority=int(priority))
    session.add(job)
    return job


def _claimable(moment: datetime) -> ColumnElement[bool]:
    return or_(Job.status == "queued", and_(Job.status == "running", Job.lease_until < moment))


def _next_job(moment: datetime) -> Select[int]:
    """The job to run next: the highest priority; within it, the tenant with the fewest jobs running, then the
    one served longest ago (tenants take turns, so one tenant's 5,000 jobs do not starve another's ten); within
    a tenant, the oldest. The per-tenant measures are computed once per tenant and priority (each group's
    oldest claimable job is the only candidate), not once per queued job."""
    claimable = _claimable(moment)
    heads = select(func.min(Job.id)).where(claimable).group_by(Job.tenant_id, Job.priority)
    others = aliased(Job)
    running = (
        select(func.count())
        .where(others.tenant_id == Job.tenant_id, others.status == "running", others.lease_until >= moment)
        .scalar_subquery()
    )
    served = select(func.max(others.claimed_at)).where(others.tenant_id == Job.tenant_id).scalar_subquery()
    never_served = case((served.is_(None), 0), else_=1)
    return (
        select(Job.id)
        .where(Job.id.in_(heads), claimable)
        .order_by(Job.priority.desc(), running, never_served, served, Job.id)
        .limit(1)
    )


def claim_next(sessions: sessionmaker[Session], owner: str, lease_seconds: float) -> Claim | None:
    """Atomically take the next job (see _next_job): a queued one, or a running one whose lease has expired.

    One UPDATE … WHERE id = (SELECT … LIMIT 1) … RETURNING: on PostgreSQL the inner select locks its row with
    FOR UPDATE SKIP LOCKED, so concurrent workers take different jobs; SQLite runs the whole statement under its
    single writer lock, and the repeated condition on the outer UPDATE keeps it correct either way.
    """
    moment = now()
    claimable = _claimable(moment)
    with sessions.begin() as session:
        next_id = _next_job(moment)
        if session.get_bind().dialect.name == "postgresql":
            next_id = next_id.with_for_update(of=Job, skip_locked=True)
        row = session.execute(
            update(Job)
            .where(Job.id == next_id.scalar_subquery(), claimable)
            .values(
                status="running",
                attempts=Job.attempts + 1,
                reclaims=Job.reclaims + case((Job.status == "running", 1), else_=0),
                lease_owner=owner,
                lease_until=moment + timedelta(seconds=lease_seconds),
                heartbeat_at=moment,
                claimed_at=moment,
            )
            .returning(Job.id, Job.submission_id, Job.attempts)
        ).first()
        if row is None:
            return None
        session.execute(
            update(Submission).where(Submission.id == row.submission_id).values(status="running", updated_at=moment)
        )
    return Claim(job_id=row.id, submission_id=row.submission_id, attempts=row.attempts, owner=owner)


def reclaim_expired(sessions: sessionmaker[Session]) -> list[int]:
    """Put running jobs whose lease ran out (their worker was killed or stalled) back in the queue, unpublished,
    so the fleet's sweeper sends a new work token for each. Atomic: two sweepers never both take one job."""
    moment = now()
    with sessions.begin() as session:
        ids = list(
            session.scalars(
                update(Job)
                .where(Job.status == "running", Job.lease_until < moment)
                .values(
                    status="queued",
                    lease_owner=None,
                    lease_until=None,
                    published_at=None,
                    reclaims=Job.reclaims + 1,
                )
                .returning(Job.id)
            )
        )
        if ids:
            waiting = select(Job.submission_id).where(Job.id.in_(ids))
            session.execute(update(Submission).where(Submission.id.in_(waiting)).values(status="queued"))
    return ids


def take_unpublished(
    sessions: sessionmaker[Session], job_ids: list[int] | None = None, older_than: float = 0.0
) -> list[int]:
    """Mark queued jobs as published and return their ids: the caller sends one token per job.

    `job_ids` limits it to the jobs a request just stored; without it (the sweeper), jobs left unpublished for
    `older_than` seconds — a broker that was down when they were stored, or a lease that was reclaimed."""
    moment = now()
    query = update(Job).where(Job.status == "queued", Job.published_at.is_(None))
    if job_ids is not None:
        query = query.where(Job.id.in_(job_ids))
    if older_than:
        query = query.where(Job.created_at < moment - timedelta(seconds=older_than))
    with sessions.begin() as session:
        return [int(i) for i in session.scalars(query.values(published_at=moment).returning(Job.id))]


def unpublish(sessions: sessionmaker[Session], job_ids: list[int]) -> None:
    """The broker refused the tokens: leave the jobs for the sweeper to publish again."""
    with sessions.begin() as session:
        session.execute(update(Job).where(Job.id.in_(job_ids)).values(published_at=None))


def heartbeat(sessions: sessionmaker[Session], claim: Claim, lease_seconds: float) -> bool:
    """Extend the lease; False when this worker no longer holds it (it was reclaimed after a stall)."""
    moment = now()
    with sessions.begin() as session:
        result = session.execute(
            update(Job)
            .where(Job.id == claim.job_id, Job.lease_owner == claim.owner, Job.status == "running")
            .values(lease_until=moment + timedelta(seconds=lease_seconds), heartbeat_at=moment)
        )
        return bool(rows_matched(result))


def holds_lease(session: Session, claim: Claim) -> bool:
    """Inside the finishing transaction: lock the job row and check it is still ours."""
    query = select(Job.id).where(Job.id == claim.job_id, Job.lease_owner == claim.owner, Job.status == "running")
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return session.scalar(query) is not None


def mark_done(session: Session, claim: Claim, pages: int = 0) -> None:
    session.execute(
        update(Job)
        .where(Job.id == claim.job_id)
        .values(status="done", finished_at=now(), lease_until=None, pages=pages)
    )


def mark_failed(session: Session, claim: Claim, error: str) -> None:
    session.execute(
        update(Job)
        .where(Job.id == claim.job_id)
        .values(status="failed", finished_at=now(), lease_until=None, last_error=error[:2000])
    )


def release_for_retry(sessions: sessionmaker[Session], claim: Claim, error: str) -> None:
    """Put a job that failed unexpectedly back in the queue for another attempt."""
    with sessions.begin() as session:
        session.execute(
            update(Job)
            .where(Job.id == claim.job_id, Job.lease_owner == claim.owner)
            .values(status="queued", lease_owner=None, lease_until=None, published_at=None, last_error=error[:2000])
        )
        session.execute(update(Submission).where(Submission.id == claim.submission_id).values(status="queued"))


def counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(Job.status, func.count()).group_by(Job.status)).all()
    return {status: int(n) for status, n in rows}
