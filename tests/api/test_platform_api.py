"""The API platforms expect: listing with filters and cursors, erasure with an audit row, Retry-After,
per-tenant rate limits, signed webhooks with retries and a delivery log, and a reviewer's re-run."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.app import create_app
from api.tables import Deletion, Fingerprint, Upload
from api.webhook_targets import TargetRefused, check_literal_host, check_resolved_host
from api.webhooks import SIGNATURE_HEADER
from tests.api.helpers import (
    Tenant,
    api_settings,
    certificate_pdf,
    make_tenant,
    null_ocr_settings,
    submit,
    wait_done,
)
from verifier.client import ApiError, VerifierClient, verify_signature


def _app(tmp_path: Path, **overrides: object) -> TestClient:
    values: dict[str, object] = {
        "webhook_backoff_seconds": 0.2, "webhook_poll_seconds": 0.05, "webhook_private_addresses": True, **overrides
    }
    return TestClient(create_app(api_settings(tmp_path, **values), null_ocr_settings()))


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[tuple[TestClient, Tenant]]:
    with _app(tmp_path) as client:
        yield client, make_tenant(client, "platform-a", "甲平台")


def _done(client: TestClient, tenant: Tenant, name: str, number: str, **form: str) -> str:
    response = submit(
        client, tenant, [(f"获奖证书/{number}.pdf", certificate_pdf(holder=name, number=number))], name=name, **form
    )
    assert response.status_code == 202, response.text
    submission_id = response.json()["id"]
    assert wait_done(client, tenant, submission_id)["status"] == "done"
    return submission_id


def test_the_listing_filters_and_pages_with_a_cursor(platform: tuple[TestClient, Tenant], tmp_path: Path) -> None:
    client, tenant = platform
    ids = [_done(client, tenant, f"申报人{i}", f"LPS-{i:04d}") for i in range(5)]
    bulk = _done(client, tenant, "申报人9", "LPS-0009", priority="bulk")
    other = make_tenant(client, "platform-b")
    _done(client, other, "乙平台申报人", "LPS-9999")

    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/v1/submissions", params=params, headers=tenant.headers).json()
        assert len(page["items"]) <= 2
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [bulk, *reversed(ids)]  # newest first, each once, none of the other tenant's
    by_name = client.get("/v1/submissions", params={"name": "申报人3"}, headers=tenant.headers).json()["items"]
    assert [item["id"] for item in by_name] == [ids[3]]
    assert by_name[0]["accepted"] + by_name[0]["review"] + by_name[0]["rejected"] == 1
    bulk_only = client.get("/v1/submissions", params={"priority": "bulk"}, headers=tenant.headers).json()
    assert [item["id"] for item in bulk_only["items"]] == [bulk]
    assert client.get("/v1/submissions", params={"status": "queued"}, headers=tenant.headers).json()["items"] == []
    bad = client.get("/v1/submissions", params={"cursor": "not-a-cursor"}, headers=tenant.headers)
    assert bad.status_code == 422 and bad.json()["code"] == "VALIDATION_ERROR"


def test_deleting_erases_uploads_pages_and_report_and_keeps_an_audit_row(
    platform: tuple[TestClient, Tenant],
) -> None:
    client, tenant = platform
    shared = certificate_pdf(number="LPS-0001")
    keep = submit(client, tenant, [("获奖证书/a.pdf", shared)], name="甲").json()["id"]
    gone = submit(
        client, tenant, [("获奖证书/a.pdf", shared), ("获奖证书/b.pdf", certificate_pdf(number="X-2"))], name="乙"
    )
    gone_id = gone.json()["id"]
    for submission_id in (keep, gone_id):
        assert wait_done(client, tenant, submission_id)["status"] == "done"
    services = client.app.state.services  # type: ignore[attr-defined]
    page = client.get(f"/v1/submissions/{gone_id}/documents/2/pages/1.png", headers=tenant.headers)
    assert page.status_code == 200
    with services.sessions() as session:
        own_sha = session.scalar(select(Upload.sha256).where(Upload.submission_id == gone_id, Upload.position == 1))

    other = make_tenant(client, "platform-b")
    assert client.delete(f"/v1/submissions/{gone_id}", headers=other.headers).status_code == 404
    erased = client.delete(f"/v1/submissions/{gone_id}", headers=tenant.headers)
    assert erased.status_code == 200, erased.text
    assert erased.json()["documents"] == 2 and erased.json()["blobs_erased"] >= 3  # its file, report, page

    assert client.get(f"/v1/submissions/{gone_id}", headers=tenant.headers).status_code == 404
    assert client.delete(f"/v1/submissions/{gone_id}", headers=tenant.headers).status_code == 404
    assert not services.blobs.exists(own_sha)
    assert services.blobs.exists(_sha(shared))  # still the other submission's
    assert wait_done(client, tenant, keep)["report"]["documents"][0]["file"] == "获奖证书/a.pdf"
    with services.sessions() as session:
        assert session.scalar(select(func.count()).where(Fingerprint.submission_id == gone_id)) == 0
        [audit] = session.scalars(select(Deletion).where(Deletion.submission_id == gone_id)).all()
        assert audit.tenant_id == tenant.id and audit.documents == 2
    listed = client.get("/v1/submissions", headers=tenant.headers).json()["items"]
    assert [item["id"] for item in listed] == [keep]


def _sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def test_accepted_and_polled_submissions_say_when_to_poll_again(tmp_path: Path) -> None:
    with _app(tmp_path, workers=0) as client:  # no worker: the submission stays queued
        tenant = make_tenant(client, "platform-a")
        files = [(f"获奖证书/{i}.pdf", certificate_pdf(number=f"N-{i}")) for i in range(8)]
        accepted = submit(client, tenant, files)
        assert accepted.status_code == 202 and int(accepted.headers["Retry-After"]) == 4
        polled = client.get(accepted.headers["Location"], headers=tenant.headers)
        assert polled.json()["status"] == "queued" and int(polled.headers["Retry-After"]) >= 1


def test_a_tenant_over_its_rate_limit_gets_429_and_others_do_not(tmp_path: Path) -> None:
    with _app(tmp_path, rate_limit="3/minute") as client:
        a, b = make_tenant(client, "platform-a"), make_tenant(client, "platform-b")
        answers = [client.get("/v1/submissions", headers=a.headers) for _ in range(4)]
        assert [r.status_code for r in answers] == [200, 200, 200, 429]
        refused = answers[-1]
        assert refused.json()["code"] == "RATE_LIMITED" and 1 <= int(refused.headers["Retry-After"]) <= 60
        assert client.get("/v1/submissions", headers=b.headers).status_code == 200


class _Receiver(BaseHTTPRequestHandler):
    """Answers 500 to the first delivery attempt, 200 after; keeps every request."""

    received: ClassVar[list[tuple[dict[str, str], bytes]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((dict(self.headers), body))
        self.send_response(500 if len(type(self).received) == 1 else 200)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


def test_webhooks_are_signed_retried_with_backoff_and_logged(platform: tuple[TestClient, Tenant]) -> None:
    client, tenant = platform
    _Receiver.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        hook = client.post("/v1/webhooks", json={"url": url}, headers=tenant.headers).json()
        submission_id = _done(client, tenant, "张晓梅", "LPS-0815")
        deadline = time.monotonic() + 20
        while len(_Receiver.received) < 2:
            assert time.monotonic() < deadline, "the webhook was not retried"
            time.sleep(0.05)
    finally:
        server.shutdown()
    first, second = _Receiver.received
    headers, body = second
    assert verify_signature(hook["secret"], body, headers[SIGNATURE_HEADER])
    assert not verify_signature("another-secret-of-enough-length", body, headers[SIGNATURE_HEADER])
    assert not verify_signature(hook["secret"], body + b" ", headers[SIGNATURE_HEADER])
    payload = json.loads(body)
    assert payload["event"] == "submission.done" and payload["submission_id"] == submission_id
    assert payload["summary"]["documents"] == 1
    assert first[0]["X-Verifier-Delivery"] == headers["X-Verifier-Delivery"]  # the same delivery, again
    log = client.get(f"/v1/webhooks/{hook['id']}/deliveries", headers=tenant.headers).json()
    deadline = time.monotonic() + 5
    while log[0]["status"] != "delivered" and time.monotonic() < deadline:
        time.sleep(0.05)
        log = client.get(f"/v1/webhooks/{hook['id']}/deliveries", headers=tenant.headers).json()
    [entry] = log
    assert entry["status"] == "delivered" and entry["attempts"] == 2 and entry["last_status"] == 200
    other = make_tenant(client, "platform-b")
    assert client.get(f"/v1/webhooks/{hook['id']}/deliveries", headers=other.headers).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/v1/admin",
        "http://localhost/hook",
        "http://169.254.169.254/latest/meta-data/",
        "https://10.1.2.3/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/hook",
    ],
)
def test_a_webhook_may_not_point_into_the_private_network(tmp_path: Path, url: str) -> None:
    with _app(tmp_path, webhook_private_addresses=False) as client:
        tenant = make_tenant(client, "platform-a")
        refused = client.post("/v1/webhooks", json={"url": url}, headers=tenant.headers)
        assert refused.status_code == 422 and refused.json()["code"] == "WEBHOOK_URL_NOT_ALLOWED"
        assert client.get("/v1/webhooks", headers=tenant.headers).json() == []
        public = client.post("/v1/webhooks", json={"url": "https://203.0.114.9/hook"}, headers=tenant.headers)
        assert public.status_code == 201, public.text


def test_a_name_that_resolves_into_the_private_network_is_not_sent_to() -> None:
    # This machine's own name resolves (through /etc/hosts) to its loopback or private address.
    with pytest.raises(TargetRefused):
        check_resolved_host(f"http://{socket.gethostname()}:9/hook")
    check_literal_host("https://platform.example/hooks")  # a name passes until it is resolved


def test_a_reviewer_reruns_a_finished_submission(platform: tuple[TestClient, Tenant]) -> None:
    client, tenant = platform
    submission_id = _done(client, tenant, "张晓梅", "LPS-0815")
    first = wait_done(client, tenant, submission_id)["report"]
    forbidden = client.post(f"/v1/submissions/{submission_id}/rerun", headers=tenant.headers)
    assert forbidden.status_code == 403
    reviewer = {"Authorization": f"Bearer {tenant.reviewer_key}"}
    again = client.post(f"/v1/submissions/{submission_id}/rerun", headers=reviewer)
    assert again.status_code == 202 and "Retry-After" in again.headers
    assert wait_done(client, tenant, submission_id)["report"] == first


def _metric(text: str, name: str, labels: str = "") -> float:
    for line in text.splitlines():
        if line.startswith(f"{name}{labels} ") or (not labels and line.startswith(f"{name} ")):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{name}{labels} not in metrics")


def test_metrics_show_the_queue_pages_and_workers(tmp_path: Path) -> None:
    with _app(tmp_path, metrics_token="metrics-token-for-tests") as client:
        tenant = make_tenant(client, "platform-a")
        _done(client, tenant, "张晓梅", "LPS-0815")
        assert client.get("/metrics").status_code == 401
        text = client.get("/metrics", headers={"Authorization": "Bearer metrics-token-for-tests"}).text
    assert _metric(text, "verifier_jobs", '{priority="interactive",status="done"}') == 1
    assert _metric(text, "verifier_jobs", '{priority="bulk",status="queued"}') == 0
    assert _metric(text, "verifier_oldest_queued_job_age_seconds") == 0
    assert _metric(text, "verifier_jobs_reclaimed_total") == 0
    assert _metric(text, "verifier_pages_total") == 1
    assert _metric(text, "verifier_pages_per_second") > 0
    assert _metric(text, "verifier_live_workers") == 1 and _metric(text, "verifier_worker_processes") == 1


def test_the_python_client_submits_waits_lists_and_deletes(platform: tuple[TestClient, Tenant]) -> None:
    client, tenant = platform
    api = VerifierClient("http://testserver", tenant.key, http=client)
    submission = api.submit(
        [("获奖证书", "优质课.pdf", certificate_pdf()), ("获奖证书", "论文.pdf", certificate_pdf(number="LW-1"))],
        name="张晓梅",
        priority="normal",
    )
    report = submission.wait(timeout=60)
    assert [doc.file for doc in report.documents] == ["获奖证书/优质课.pdf", "获奖证书/论文.pdf"]
    assert report.documents[0].fields.holder == "张晓梅"
    assert [item["id"] for item in api.submissions(page_size=1)] == [submission.id]
    assert submission.delete()["status"] == "deleted"
    with pytest.raises(ApiError) as missing:
        submission.status()
    assert missing.value.status == 404 and missing.value.code == "NOT_FOUND"
