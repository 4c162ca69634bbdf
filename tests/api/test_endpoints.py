"""The synchronous verify endpoint, rule sets and the health probes."""

from __future__ import annotations

from fastapi.testclient import TestClient

from models.report import Report
from tests.api.helpers import Tenant, certificate_pdf


def test_verify_returns_a_report_with_one_document(client: TestClient, tenant: Tenant) -> None:
    response = client.post(
        "/v1/verify",
        files={"file": ("证书.pdf", certificate_pdf(), "application/pdf")},
        data={"column": "获奖证书"},
        headers=tenant.headers,
    )
    assert response.status_code == 200, response.text
    report = Report.model_validate(response.json())
    [document] = report.documents
    assert (document.file, document.column) == ("获奖证书/证书.pdf", "获奖证书")
    assert document.doc_type == "award_certificate"
    assert document.fields.grade == "first"
    assert report.summary.documents == 1


def test_verify_detects_type_from_content_not_the_name(client: TestClient, tenant: Tenant) -> None:
    response = client.post("/v1/verify", files={"file": ("photo.jpg", b"just text")}, headers=tenant.headers)
    [document] = response.json()["documents"]
    assert document["verdict"] == "reject"
    assert [f["code"] for f in document["flags"]] == ["UNSUPPORTED_FORMAT"]


def test_rulesets_are_listed_and_shown(client: TestClient, tenant: Tenant) -> None:
    listed = client.get("/v1/rulesets", headers=tenant.headers)
    assert listed.status_code == 200
    ids = {r["id"] for r in listed.json()}
    assert "liupanshui-2024" in ids
    shown = client.get("/v1/rulesets/liupanshui-2024", headers=tenant.headers).json()
    assert shown["id"] == "liupanshui-2024" and shown["clauses"]
    missing = client.get("/v1/rulesets/nowhere", headers=tenant.headers)
    assert missing.status_code == 404 and missing.json()["code"] == "UNKNOWN_RULESET"
    assert client.get("/v1/rulesets").status_code == 401


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["database"] is True and ready.json()["ocr_engine"] is True


def test_readiness_fails_when_the_database_is_gone(client: TestClient) -> None:
    client.app.state.services.engine.dispose()
    services = client.app.state.services
    from sqlalchemy import create_engine
    from sqlalchemy.orm import sessionmaker

    services.sessions = sessionmaker(create_engine("sqlite:////nonexistent/dir/x.db"))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] is False


def test_admin_routes_need_the_admin_key(client: TestClient, tenant: Tenant) -> None:
    assert client.post("/v1/admin/tenants", json={"id": "x1", "name": "x"}).status_code == 401
    platform_key = client.post("/v1/admin/tenants", json={"id": "x1", "name": "x"}, headers=tenant.headers)
    assert platform_key.status_code == 401
