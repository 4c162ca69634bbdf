"""Shared helpers for the API tests: settings, documents, keys, polling."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient

from api.settings import ApiSettings
from tests.core.pdfs import text_pdf
from verifier.settings import Settings

ADMIN_KEY = "admin-key-for-tests-0123456789abcdef"


def certificate_lines(holder: str = "张晓梅", number: str = "LPS2023-0815", grade: str = "一等奖") -> list[str]:
    return [
        "荣誉证书",
        f"{holder} 同志：",
        "在2023年六盘水市中小学优质课竞赛中",
        f"荣获初中数学组 {grade}。",
        f"证书编号：{number}",
        "六盘水市教育局",
        "二〇二三年十一月二十日",
    ]


def certificate_pdf(holder: str = "张晓梅", number: str = "LPS2023-0815", grade: str = "一等奖") -> bytes:
    return text_pdf(certificate_lines(holder, number, grade))


def api_settings(tmp_path: Path, database_url: str | None = None, **overrides: object) -> ApiSettings:
    values: dict[str, object] = {
        "dev_mode": True,
        "admin_key": ADMIN_KEY,
        "database_url": database_url or f"sqlite:///{tmp_path / 'verifier.db'}",
        "storage_dir": tmp_path / "blobs",
        "poll_seconds": 0.05,
        "heartbeat_seconds": 0.5,
        "lease_seconds": 5,
    }
    values.update(overrides)
    return ApiSettings(**values)  # type: ignore[arg-type]


def null_ocr_settings(document_seconds: float = 0) -> Settings:
    """The null engine. Without a time budget documents run in the job thread, which keeps these tests fast;
    tests/hardening runs them in worker processes with a budget, as deployed."""
    settings = Settings()
    settings.ocr.engine = "null"
    settings.document_seconds = document_seconds
    return settings


@dataclass
class Tenant:
    id: str
    key: str
    reviewer_key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


def make_tenant(client: TestClient, tenant_id: str, name: str = "测试平台") -> Tenant:
    admin = {"X-API-Key": ADMIN_KEY}
    assert client.post("/v1/admin/tenants", json={"id": tenant_id, "name": name}, headers=admin).status_code == 201
    platform = client.post(f"/v1/admin/tenants/{tenant_id}/keys", json={"name": "platform"}, headers=admin)
    reviewer = client.post(
        f"/v1/admin/tenants/{tenant_id}/keys", json={"name": "审核员王老师", "role": "reviewer"}, headers=admin
    )
    assert platform.status_code == 201 and reviewer.status_code == 201
    return Tenant(tenant_id, platform.json()["key"], reviewer.json()["key"])


def submit(
    client: TestClient,
    tenant: Tenant,
    files: list[tuple[str, bytes]],
    columns: list[str] | None = None,
    headers: dict[str, str] | None = None,
    **profile: str,
):  # type: ignore[no-untyped-def]
    form: dict[str, object] = dict(profile)
    if columns is not None:
        form["columns"] = columns
    return client.post(
        "/v1/submissions",
        files=[("files", (name, data, "application/octet-stream")) for name, data in files],
        data=form,
        headers={**tenant.headers, **(headers or {})},
    )


def wait_done(client: TestClient, tenant: Tenant, submission_id: str, timeout: float = 60) -> dict:  # type: ignore[type-arg]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/v1/submissions/{submission_id}", headers=tenant.headers).json()
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.05)
    raise AssertionError(f"submission {submission_id} not finished after {timeout}s")


REVIEWER_PASSWORD = "correct-horse-battery"


def make_reviewer(
    client: TestClient, tenant_id: str, username: str, name: str, role: str = "reviewer"
) -> dict:  # type: ignore[type-arg]
    """A reviewer account (a person with a name and password), made with the admin key."""
    response = client.post(
        f"/v1/admin/tenants/{tenant_id}/reviewers",
        json={"username": username, "name": name, "password": REVIEWER_PASSWORD, "role": role},
        headers={"X-API-Key": ADMIN_KEY},
    )
    assert response.status_code == 201, response.text
    return response.json()


def sign_in(client: TestClient, username: str, password: str = REVIEWER_PASSWORD) -> None:
    response = client.post("/review/login", data={"username": username, "password": password}, follow_redirects=False)
    assert response.status_code == 303, response.text
