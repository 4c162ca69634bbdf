"""The service's edges: the file-count limit as docs/API.md states it, security headers, reports never cached,
login from another site refused, stored times that carry their time zone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.helpers import Tenant, certificate_pdf, make_reviewer, submit, wait_done


def test_more_files_than_the_parser_takes_is_too_many_files(client: TestClient, tenant: Tenant) -> None:
    for count in (101, 102, 150):
        response = submit(client, tenant, [(f"{i}.pdf", b"%PDF-1.4") for i in range(count)])
        assert response.status_code == 422, (count, response.text)
        assert response.json()["code"] == "TOO_MANY_FILES"


def test_login_from_another_site_is_refused(client: TestClient, tenant: Tenant) -> None:
    make_reviewer(client, tenant.id, "wang", "王老师")
    form = {"username": "wang", "password": "correct-horse-battery"}
    for origin in ("https://evil.example", "null", "http://testserver.evil.example"):
        response = client.post("/review/login", data=form, headers={"Origin": origin}, follow_redirects=False)
        assert response.status_code == 403, (origin, response.status_code)
        assert "verifier_review" not in response.cookies
    for headers in ({"Referer": "https://evil.example/page"}, {"Sec-Fetch-Site": "cross-site"}):
        assert client.post("/review/login", data=form, headers=headers, follow_redirects=False).status_code == 403
    own = client.post("/review/login", data=form, headers={"Origin": "http://testserver"}, follow_redirects=False)
    assert own.status_code == 303


def test_stored_times_carry_their_time_zone(client: TestClient, tenant: Tenant) -> None:
    response = submit(client, tenant, [("获奖证书/a.pdf", certificate_pdf())])
    body = wait_done(client, tenant, response.json()["id"])
    listed = client.get("/v1/submissions", headers=tenant.headers).json()
    moments = [body["created_at"], body["updated_at"], *(s["created_at"] for s in listed["items"])]
    assert all(m.endswith(("+00:00", "Z")) for m in moments), moments


def test_every_answer_has_security_headers_and_reports_are_not_cached(client: TestClient, tenant: Tenant) -> None:
    submission_id = submit(client, tenant, [("获奖证书/a.pdf", certificate_pdf())]).json()["id"]
    wait_done(client, tenant, submission_id)
    answers = [
        client.get(f"/v1/submissions/{submission_id}", headers=tenant.headers),
        client.get(f"/v1/submissions/{submission_id}/documents/1/pages/1.png", headers=tenant.headers),
        client.get("/v1/submissions", headers=tenant.headers),
        client.get("/review/login"),
        client.post("/v1/submissions", files={"files": ("a.pdf", b"x")}),  # 401
    ]
    for response in answers:
        assert response.headers["x-content-type-options"] == "nosniff", response.url
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "same-origin"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["cache-control"] == "no-store", response.url
    static = client.get("/static/review.css")
    assert static.status_code == 200 and static.headers.get("cache-control") != "no-store"
    assert static.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("command", ["serve", "worker"])
def test_a_configuration_error_is_one_clear_line_and_exit_2(command: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VERIFIER_API_")}
    env["VERIFIER_BROKER_URL"] = "redis://127.0.0.1:1/0"
    result = subprocess.run(
        [sys.executable, "-m", "verifier.cli", command], capture_output=True, text=True, env=env, timeout=120,
        cwd=Path(__file__).resolve().parents[2], check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 2, result.stderr
    assert "VERIFIER_API_KEY_PEPPER" in result.stderr
