"""The durable job queue in the database: enqueue, claim with a lease, heartbeat, finish.

A job whose worker died (process killed, machine rebooted) keeps status `running` with a lease in the past;
the next claim takes it again, so an accepted submission always finishes or fails with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from api.tables import Job, Submission


@dataclass(frozen=True)
class Claim:
    job_id: int
    submission_id: str
    attempts: int
    owner: str


def now() -> datetime:
    return datetime.now(UTC)


def enqueue(session: Session, submission_id: str) -> Job:
    job = Job(submission_id=submission_id, status="queued")
    session.add(job)
    return job


def claim_next(sessions: sessionmaker[Session], owner: str, lease_seconds: float) -> Claim | None:
    """Atomically take the oldest queued job, or a running one whose lease has expired.

    One UPDATE … WHERE id = (SELECT … LIMIT 1) … RETURNING: on PostgreSQL the inner select locks its row with
    FOR UPDATE SKIP LOCKED, so concurrent workers take different jobs; SQLite runs the whole statement under its
    single writer lock, and the repeated condition on the outer UPDATE keeps it correct either way.
    """
    moment = now()
    claimable = or_(Job.status == "queued", and_(Job.status == "running", Job.lease_until < moment))
    with sessions.begin() as session:
        next_id = select(Job.id).where(claimable).order_by(Job.id).limit(1)
        if session.get_bind().dialect.name == "postgresql":
            next_id = next_id.with_for_update(skip_locked=True)
        row = session.execute(
            update(Job)
            .where(Job.id == next_id.scalar_subquery(), claimable)
            .values(
                status="running",
                attempts=Job.attempts + 1,
                lease_owner=owner,
                lease_until=moment + timedelta(seconds=lease_seconds),
                heartbeat_at=moment,
            )
            .returning(Job.id, Job.submission_id, Job.attempts)
        ).first()
        if row is None:
            return None
        session.execute(
            update(Submission).where(Submission.id == row.submission_id).values(status="running", updated_at=moment)
        )
    return Claim(job_id=row.id, submission_id=row.submission_id, attempts=row.attempts, owner=owner)


def heartbeat(sessions: sessionmaker[Session], claim: Claim, lease_seconds: float) -> bool:
    """Extend the lease; False when this worker no longer holds it (it was reclaimed after a stall)."""
    moment = now()
    with sessions.begin() as session:
        result = session.execute(
            update(Job)
            .where(Job.id == claim.job_id, Job.lease_owner == claim.owner, Job.status == "running")
            .values(lease_until=moment + timedelta(seconds=lease_seconds), heartbeat_at=moment)
        )
        return bool(result.rowcount)


def holds_lease(session: Session, claim: Claim) -> bool:
    """Inside the finishing transaction: lock the job row and check it is still ours."""
    query = select(Job.id).where(Job.id == claim.job_id, Job.lease_owner == claim.owner, Job.status == "running")
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return session.scalar(query) is not None


def mark_done(session: Session, claim: Claim) -> None:
    session.execute(
        update(Job).where(Job.id == claim.job_id).values(status="done", finished_at=now(), lease_until=None)
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
            .values(status="queued", lease_owner=None, lease_until=None, last_error=error[:2000])
        )
        session.execute(update(Submission).where(Submission.id == claim.submission_id).values(status="queued"))


def counts(session: Session) -> dict[str, int]:
    from sqlalchemy import func

    rows = session.execute(select(Job.status, func.count()).group_by(Job.status)).all()
    return {status: int(n) for status, n in rows}
