"""A real server process killed with SIGKILL mid-job: after a restart the job finishes with nothing lost."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.api.helpers import ADMIN_KEY, certificate_pdf

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = 30


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "api.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    process.kill()
    pytest.fail("server did not become ready")


def test_a_job_interrupted_by_sigkill_finishes_after_restart(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "VERIFIER_API_DEV_MODE": "1",
        "VERIFIER_API_ADMIN_KEY": ADMIN_KEY,
        "VERIFIER_API_DATABASE_URL": f"sqlite:///{tmp_path / 'verifier.db'}",
        "VERIFIER_API_STORAGE_DIR": str(tmp_path / "blobs"),
        "VERIFIER_API_LEASE_SECONDS": "2",
        "VERIFIER_API_HEARTBEAT_SECONDS": "0.5",
        "VERIFIER_API_POLL_SECONDS": "0.1",
        "VERIFIER_OCR_ENGINE": "null",
    }
    port, log = _free_port(), tmp_path / "server.log"
    server = _start(port, env, log)
    base = f"http://127.0.0.1:{port}"
    try:
        admin = {"X-API-Key": ADMIN_KEY}
        httpx.post(
            f"{base}/v1/admin/tenants", json={"id": "platform", "name": "平台"}, headers=admin
        ).raise_for_status()
        key = httpx.post(f"{base}/v1/admin/tenants/platform/keys", json={"name": "k"}, headers=admin).json()["key"]
        headers = {"Authorization": f"Bearer {key}"}
        files = [("files", (f"获奖证书/{i:02d}.pdf", certificate_pdf(number=f"LPS-{i:04d}"))) for i in range(DOCUMENTS)]
        accepted = httpx.post(f"{base}/v1/submissions", files=files, data={"name": "张晓梅"}, headers=headers)
        assert accepted.status_code == 202
        status_url = f"{base}/v1/submissions/{accepted.json()['id']}"

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # kill once the job is well under way
            progress = httpx.get(status_url, headers=headers).json()["progress"]
            if progress["documents_done"] >= 2:
                break
            time.sleep(0.02)
        server.send_signal(signal.SIGKILL)
        server.wait(10)
        assert progress["documents_done"] < DOCUMENTS, "the job finished before it could be interrupted"

        server = _start(port, env, log)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            body = httpx.get(status_url, headers=headers).json()
            if body["status"] in ("done", "failed"):
                break
            time.sleep(0.2)
        assert body["status"] == "done", body
        files_in_report = [d["file"] for d in body["report"]["documents"]]
        assert files_in_report == [f"获奖证书/{i:02d}.pdf" for i in range(DOCUMENTS)]
        assert all(d["doc_type"] == "award_certificate" for d in body["report"]["documents"])
        # The retry started clean: no document flagged as a duplicate of its own earlier attempt.
        assert not any(f["code"].startswith("DUPLICATE") for d in body["report"]["documents"] for f in d["flags"])
    finally:
        server.kill()
        server.wait(10)
