"""Worker subprocesses on a real broker: each job once, a killed or stalled worker's job finished by another,
a late result refused, and an urgent job ahead of a bulk queue."""

from __future__ import annotations

import re
import signal
import time

import pytest
from sqlalchemy import func, select

from api.tables import Document, Fingerprint, Job, Submission
from fixtures.hostile import slow_pdf
from tests.api.helpers import certificate_pdf, submit, wait_done
from tests.conftest import encode, render_certificate
from tests.fleet.conftest import Fleet


def _files(prefix: str, n: int) -> list[tuple[str, bytes]]:
    return [(f"获奖证书/{prefix}-{i:02d}.pdf", certificate_pdf(number=f"{prefix}-{i:04d}")) for i in range(n)]


def _submit(fleet: Fleet, files: list[tuple[str, bytes]], **form: str) -> str:
    response = submit(fleet.client, fleet.tenant, files, **form)
    assert response.status_code == 202, response.text
    return response.json()["id"]


def _wait_progress(fleet: Fleet, submission_id: str, documents: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with fleet.sessions() as session:
            submission = session.get(Submission, submission_id)
            if submission is not None and submission.documents_done >= documents:
                return
        time.sleep(0.05)
    raise AssertionError(f"no progress on {submission_id}: {fleet.logs_text()[-3000:]}")


def _report(fleet: Fleet, submission_id: str, timeout: float = 90) -> dict:  # type: ignore[type-arg]
    body = wait_done(fleet.client, fleet.tenant, submission_id, timeout)
    assert body["status"] == "done", body
    return body["report"]


def _start_two_and_submit(fleet: Fleet, files: list[tuple[str, bytes]]) -> str:
    """Two workers, one submission, returned once its job is under way (two documents done)."""
    fleet.start_worker()
    fleet.start_worker()
    fleet.wait_workers_alive(2)
    submission_id = _submit(fleet, files, name="张晓梅")
    _wait_progress(fleet, submission_id, 2)
    return submission_id


def test_three_workers_run_thirty_submissions_each_exactly_once(any_fleet: Fleet) -> None:
    fleet = any_fleet
    for _ in range(3):
        fleet.start_worker()
    fleet.wait_workers_alive(3)
    ids = [_submit(fleet, _files(f"S{n:02d}", 2), name=f"申报人{n:02d}") for n in range(30)]
    for submission_id in ids:
        report = _report(fleet, submission_id)
        assert report["summary"]["documents"] == 2
    with fleet.sessions() as session:
        rows = session.scalars(select(Job)).all()
        assert len(rows) == 30
        assert {(job.status, job.attempts, job.reclaims) for job in rows} == {("done", 1, 0)}
        assert session.scalar(select(func.count()).select_from(Document)) == 60
        assert session.scalar(select(func.count()).select_from(Fingerprint)) == 60
        runs = re.findall(r"job (\d+) \(submission", fleet.logs_text())
        assert sorted(int(r) for r in runs) == sorted(job.id for job in rows)  # each claimed once, fleet-wide
        owners = {job.lease_owner for job in rows}  # the last holder stays on record
    assert len(owners) >= 2, "the jobs were not spread over the workers"


def test_a_worker_killed_mid_job_leaves_it_to_another_with_the_same_report(rabbit_fleet: Fleet) -> None:
    fleet = rabbit_fleet
    files = _files("K", 12)
    killed = _start_two_and_submit(fleet, files)
    victim = fleet.worker_of(fleet.job(killed).id)
    fleet.signal(victim, signal.SIGKILL)
    report = _report(fleet, killed)
    job = fleet.job(killed)
    assert job.attempts == 2 and job.reclaims == 1
    metrics = fleet.client.get("/metrics").text
    assert "verifier_jobs_reclaimed_total 1.0" in metrics
    assert "verifier_live_workers 1.0" in metrics  # the killed host is no longer seen
    clean = _report(fleet, _submit(fleet, files, name="张晓梅"))
    assert report == clean
    with fleet.sessions() as session:
        assert session.scalar(select(func.count()).where(Document.submission_id == killed)) == 12
        assert session.scalar(select(func.count()).where(Fingerprint.submission_id == killed)) == 12


def test_a_stalled_worker_loses_its_job_and_its_late_result_is_refused(rabbit_fleet: Fleet) -> None:
    fleet = rabbit_fleet
    files = _files("P", 12)
    stalled_id = _start_two_and_submit(fleet, files)
    job = fleet.job(stalled_id)
    stalled = fleet.worker_of(job.id)
    fleet.stall(stalled)
    try:
        report = _report(fleet, stalled_id)  # the other worker takes over once the lease has run out
        taken_over = fleet.job(stalled_id)
        assert taken_over.attempts == 2 and taken_over.status == "done"
    finally:
        fleet.signal(stalled, signal.SIGCONT)
    log = fleet.logs[fleet.workers.index(stalled)]
    deadline = time.monotonic() + 30
    while "lease lost, results of this attempt dropped" not in log.read_text(errors="replace"):
        assert time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
        time.sleep(0.1)
    assert _report(fleet, stalled_id) == report  # the late run changed nothing
    with fleet.sessions() as session:
        assert session.scalar(select(func.count()).where(Document.submission_id == stalled_id)) == 12
        assert session.scalar(select(func.count()).where(Fingerprint.submission_id == stalled_id)) == 12
        assert fleet.job(stalled_id).attempts == 2


def test_an_urgent_job_is_claimed_within_a_few_claims_behind_fifty_bulk_jobs(rabbit_fleet: Fleet) -> None:
    fleet = rabbit_fleet
    fleet.start_worker()
    fleet.wait_workers_alive(1)
    bulk = [_submit(fleet, _files(f"B{n:02d}", 2), name=f"申报人{n:02d}", priority="bulk") for n in range(50)]
    _wait_progress(fleet, bulk[1], 1)
    urgent = _submit(fleet, _files("U", 1), name="急件")
    _report(fleet, urgent)
    with fleet.sessions() as session:
        stored = session.scalar(select(Job.created_at).where(Job.submission_id == urgent))
        claimed = session.scalar(select(Job.claimed_at).where(Job.submission_id == urgent))
        between = session.scalar(
            select(func.count()).where(Job.submission_id != urgent, Job.claimed_at > stored, Job.claimed_at < claimed)
        )
        left = session.scalar(select(func.count()).where(Job.status == "queued"))
    assert between is not None and between <= 2
    assert left and left > 30  # it did not simply wait for the bulk to drain


@pytest.mark.ocr
def test_a_worker_reads_a_photographed_certificate_with_the_real_engine(rabbit_fleet: Fleet) -> None:
    fleet = rabbit_fleet
    fleet.start_worker(engine="rapidocr")
    fleet.wait_workers_alive(1)
    page = encode(render_certificate())
    report = _report(fleet, _submit(fleet, [("获奖证书/证书.png", page)], name="张晓梅"), timeout=180)
    [document] = report["documents"]
    assert "优质课" in document["text"]
    assert document["fields"]["holder"] == "张晓梅"


def test_two_applicants_copies_verified_at_once_flag_exactly_the_later_one(rabbit_fleet: Fleet) -> None:
    fleet = rabbit_fleet
    fleet.start_worker()
    fleet.start_worker()
    fleet.wait_workers_alive(2)
    shared = certificate_pdf(holder="张晓梅", number="LPS2023-0815")
    ids = [
        _submit(fleet, [*_files(prefix, 3), ("获奖证书/优质课.pdf", shared)], name=name)
        for prefix, name in (("A", "张晓梅"), ("B", "李明"))
    ]
    reports = {submission_id: _report(fleet, submission_id) for submission_id in ids}
    flagged = {
        submission_id
        for submission_id, report in reports.items()
        if any(f["code"] == "DUPLICATE_ACROSS_APPLICANTS" for d in report["documents"] for f in d["flags"])
    }
    with fleet.sessions() as session:
        stored = session.scalars(
            select(Fingerprint.submission_id).where(Fingerprint.position == 3).order_by(Fingerprint.id)
        ).all()
        owners = {fleet.job(submission_id).lease_owner for submission_id in ids}
    assert flagged == {stored[1]}
    assert len(owners) == 2  # verified by two workers at once


def test_a_document_over_its_time_limit_is_reported_with_a_flag_and_the_rest_of_the_job_completes(
    rabbit_fleet: Fleet,
) -> None:
    # The slow page takes PDFium minutes to draw; its budget is a fraction of that, far above a certificate's.
    fleet = rabbit_fleet
    fleet.start_worker(document_seconds=10)
    fleet.wait_workers_alive(1)
    files = _files("t", 2)
    files.insert(1, ("获奖证书/slow.pdf", slow_pdf()))
    report = _report(fleet, _submit(fleet, files, name="张晓梅"), timeout=240)
    by_file = {d["file"]: d for d in report["documents"]}
    assert [f["code"] for f in by_file["获奖证书/slow.pdf"]["flags"]] == ["PROCESSING_TIMEOUT"]
    for name, _data in files[::2]:
        assert by_file[name]["doc_type"] == "award_certificate" and by_file[name]["pages"] == 1
