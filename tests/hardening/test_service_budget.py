"""The service runs each document in a worker process with a time budget: a job's slow document is flagged and
the rest verified; /v1/verify answers with the flag instead of holding its thread."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from fixtures.hostile import slow_pdf
from tests.api.helpers import Tenant, api_settings, certificate_pdf, make_tenant, null_ocr_settings, submit, wait_done


@pytest.fixture
def budgeted(tmp_path: Path) -> Iterator[tuple[TestClient, Tenant]]:
    app = create_app(api_settings(tmp_path), null_ocr_settings(document_seconds=10))
    with TestClient(app) as client:
        yield client, make_tenant(client, "platform-a")


def test_a_job_flags_its_slow_document_and_verifies_the_rest(budgeted: tuple[TestClient, Tenant]) -> None:
    client, tenant = budgeted
    files = [("获奖证书/a.pdf", certificate_pdf()), ("获奖证书/slow.pdf", slow_pdf()),
             ("获奖证书/b.pdf", certificate_pdf(number="LPS2023-0900"))]
    response = submit(client, tenant, files, name="张晓梅")
    assert response.status_code == 202, response.text
    body = wait_done(client, tenant, response.json()["id"], timeout=240)
    docs = {d["file"]: d for d in body["report"]["documents"]}
    assert [f["code"] for f in docs["获奖证书/slow.pdf"]["flags"]] == ["PROCESSING_TIMEOUT"]
    assert docs["获奖证书/a.pdf"]["doc_type"] == docs["获奖证书/b.pdf"]["doc_type"] == "award_certificate"


def test_verify_answers_with_the_flag(budgeted: tuple[TestClient, Tenant]) -> None:
    client, tenant = budgeted
    response = client.post("/v1/verify", files={"file": ("slow.pdf", slow_pdf())}, headers=tenant.headers)
    assert response.status_code == 200, response.text
    assert [f["code"] for f in response.json()["documents"][0]["flags"]] == ["PROCESSING_TIMEOUT"]
