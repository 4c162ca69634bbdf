"""The job store and the cross-applicant duplicate table, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from api import auth, jobs
from api.app import create_app
from api.database import make_engine, migrate, session_factory
from api.tables import Submission
from tests.api.helpers import api_settings, certificate_pdf, make_tenant, null_ocr_settings, submit, wait_done


def _store(database_url: str) -> sessionmaker[Session]:
    engine = make_engine(database_url)
    migrate(engine)
    migrate(engine)  # idempotent at start-up
    return session_factory(engine)


def _queue(
    sessions: sessionmaker[Session], n: int, tenant: str = "t", priority: jobs.Priority = jobs.Priority.normal
) -> list[str]:
    batch = uuid.uuid4().hex[:6]
    ids = [f"{tenant}-{priority.name}-{batch}-{i:03d}" for i in range(n)]
    with sessions.begin() as session:
        auth.create_tenant(session, tenant, tenant)
        for submission_id in ids:
            session.add(Submission(id=submission_id, tenant_id=tenant, applicant={}, request_hash="x"))
            session.flush()
            jobs.enqueue(session, submission_id, tenant, priority)
    return ids


def _claim_all(sessions: sessionmaker[Session], limit: int = 1000) -> list[str]:
    order = []
    while len(order) < limit and (claim := jobs.claim_next(sessions, "w", lease_seconds=60)) is not None:
        order.append(claim.submission_id)
    return order


def test_an_interactive_job_goes_before_the_bulk_queued_ahead_of_it(database_url: str) -> None:
    sessions = _store(database_url)
    bulk = _queue(sessions, 50, priority=jobs.Priority.bulk)
    first = jobs.claim_next(sessions, "w", lease_seconds=60)
    assert first is not None and first.submission_id == bulk[0]
    [urgent] = _queue(sessions, 1, priority=jobs.Priority.interactive)
    [normal] = _queue(sessions, 1)
    assert _claim_all(sessions, 2) == [urgent, normal]
    assert _claim_all(sessions) == bulk[1:]


def test_tenants_take_turns_so_a_large_upload_starves_no_one(database_url: str) -> None:
    sessions = _store(database_url)
    large = _queue(sessions, 30, tenant="large")
    small = _queue(sessions, 3, tenant="small")
    order = _claim_all(sessions, 6)
    # One worker, no job running at each claim: the tenant served longest ago (or never) goes next.
    assert order == [large[0], small[0], large[1], small[1], large[2], small[2]]


def test_a_tenant_with_fewer_jobs_running_goes_first(database_url: str) -> None:
    sessions = _store(database_url)
    large = _queue(sessions, 10, tenant="large")
    held = [jobs.claim_next(sessions, f"w{i}", lease_seconds=60) for i in range(3)]  # three of large's, running
    assert [h.submission_id if h else None for h in held] == large[:3]
    small = _queue(sessions, 2, tenant="small")
    nxt = jobs.claim_next(sessions, "w9", lease_seconds=60)
    assert nxt is not None and nxt.submission_id == small[0]


def test_claims_take_each_job_once_in_order(database_url: str) -> None:
    sessions = _store(database_url)
    ids = _queue(sessions, 2)
    first = jobs.claim_next(sessions, "w1", lease_seconds=60)
    second = jobs.claim_next(sessions, "w2", lease_seconds=60)
    assert first is not None and second is not None
    assert [first.submission_id, second.submission_id] == ids
    assert jobs.claim_next(sessions, "w3", lease_seconds=60) is None
    with sessions() as session:
        assert session.get(Submission, ids[0]).status == "running"


def test_an_expired_lease_is_claimed_again_and_the_old_worker_loses_it(database_url: str) -> None:
    sessions = _store(database_url)
    _queue(sessions, 1)
    stalled = jobs.claim_next(sessions, "dead-worker", lease_seconds=0.2)
    assert stalled is not None and stalled.attempts == 1
    assert jobs.claim_next(sessions, "w2", lease_seconds=60) is None  # still leased
    time.sleep(0.3)
    taken = jobs.claim_next(sessions, "w2", lease_seconds=60)
    assert taken is not None and taken.submission_id == stalled.submission_id and taken.attempts == 2
    assert jobs.heartbeat(sessions, stalled, 60) is False
    assert jobs.heartbeat(sessions, taken, 60) is True


def test_concurrent_workers_never_share_a_job(database_url: str) -> None:
    sessions = _store(database_url)
    ids = _queue(sessions, 12)
    claimed: list[str] = []
    lock = threading.Lock()

    def worker(name: str) -> None:
        while (claim := jobs.claim_next(sessions, name, lease_seconds=60)) is not None:
            with lock:
                claimed.append(claim.submission_id)

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed) == ids


def test_the_same_certificate_from_another_applicant_is_flagged(tmp_path: Path, database_url: str) -> None:
    app = create_app(api_settings(tmp_path, database_url), null_ocr_settings())
    with TestClient(app) as client:
        a, b = make_tenant(client, "platform-a"), make_tenant(client, "platform-b")
        pdf = certificate_pdf()
        first = submit(client, a, [("获奖证书/a.pdf", pdf)], name="张晓梅").json()["id"]
        assert _codes(wait_done(client, a, first)) == set()
        # Same applicant again (a resubmission): not fraud.
        again = submit(client, a, [("获奖证书/a.pdf", certificate_pdf())], name="张晓梅").json()["id"]
        assert "DUPLICATE_ACROSS_APPLICANTS" not in _codes(wait_done(client, a, again))
        # Another applicant of the same platform uploads the same certificate: flagged, naming the original.
        other = submit(client, a, [("获奖证书/copy.pdf", pdf)], name="李明").json()["id"]
        body = wait_done(client, a, other)
        [flag] = [f for f in body["report"]["documents"][0]["flags"] if f["code"] == "DUPLICATE_ACROSS_APPLICANTS"]
        assert flag["severity"] == "error" and first in flag["message"] and "获奖证书/a.pdf" in flag["message"]
        assert body["report"]["documents"][0]["verdict"] == "reject"
        # Another platform: flagged too, without a word about the other tenant's data.
        foreign = submit(client, b, [("x.pdf", certificate_pdf())], name="王芳").json()["id"]
        body = wait_done(client, b, foreign)
        [flag] = [f for f in body["report"]["documents"][0]["flags"] if f["code"] == "DUPLICATE_ACROSS_APPLICANTS"]
        for secret in (first, other, "张晓梅", "李明", "获奖证书/a.pdf", "platform-a"):
            assert secret not in flag["message"]
        # A different certificate (another number, another holder) is not flagged.
        unrelated = submit(client, b, [("y.pdf", certificate_pdf("赵六", "LPS2023-0999"))], name="赵六").json()["id"]
        assert "DUPLICATE_ACROSS_APPLICANTS" not in _codes(wait_done(client, b, unrelated))


def _codes(body: dict) -> set[str]:  # type: ignore[type-arg]
    assert body["status"] == "done", body
    return {f["code"] for d in body["report"]["documents"] for f in d["flags"]}
