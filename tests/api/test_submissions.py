"""POST/GET /v1/submissions through HTTP: the job runs, the report comes back, pages are served."""

from __future__ import annotations

import cv2
import numpy as np
from fastapi.testclient import TestClient

from models.report import Report
from tests.api.helpers import Tenant, certificate_pdf, submit, wait_done


def test_submission_is_accepted_then_verified_with_columns_from_the_columns_field(
    client: TestClient, tenant: Tenant
) -> None:
    response = submit(
        client,
        tenant,
        [("a.pdf", certificate_pdf()), ("scan.png", b"\x89PNG not really")],
        columns=["获奖证书", ""],
        name="张晓梅",
        target_title="senior",
        tier="city",
        ruleset="liupanshui-2024",
    )
    assert response.status_code == 202, response.text
    accepted = response.json()
    assert accepted["status"] == "queued"
    assert response.headers["location"] == f"/v1/submissions/{accepted['id']}"

    body = wait_done(client, tenant, accepted["id"])
    assert body["status"] == "done"
    report = Report.model_validate(body["report"])
    assert report.ruleset == "liupanshui-2024"
    assert report.applicant is not None and report.applicant.name == "张晓梅"
    first, second = report.documents
    assert (first.file, first.column, first.doc_type) == ("获奖证书/a.pdf", "获奖证书", "award_certificate")
    assert first.fields.holder == "张晓梅"
    assert (second.column, second.verdict) == (None, "reject")
    assert "UNSUPPORTED_FORMAT" in {f.code for f in second.flags}
    assert body["progress"] == {"documents_done": 2, "documents_total": 2}


def test_columns_can_come_from_a_filename_prefix(client: TestClient, tenant: Tenant) -> None:
    response = submit(client, tenant, [("继续教育/培训.pdf", certificate_pdf()), ("top.pdf", certificate_pdf())])
    report = wait_done(client, tenant, response.json()["id"])["report"]
    assert [(d["file"], d["column"]) for d in report["documents"]] == [
        ("继续教育/培训.pdf", "继续教育"),
        ("top.pdf", None),
    ]


def test_page_image_is_served_upright_as_png(client: TestClient, tenant: Tenant) -> None:
    submission_id = submit(client, tenant, [("a.pdf", certificate_pdf())]).json()["id"]
    wait_done(client, tenant, submission_id)
    response = client.get(f"/v1/submissions/{submission_id}/documents/1/pages/1.png", headers=tenant.headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    image = cv2.imdecode(np.frombuffer(response.content, np.uint8), cv2.IMREAD_COLOR)
    assert image.shape[0] > image.shape[1]  # an A4 portrait page
    missing = client.get(f"/v1/submissions/{submission_id}/documents/1/pages/2.png", headers=tenant.headers)
    assert missing.status_code == 404 and missing.json()["code"] == "NOT_FOUND"


def test_idempotency_key_returns_the_first_submission_and_refuses_another_body(
    client: TestClient, tenant: Tenant
) -> None:
    pdf = certificate_pdf()
    key = {"Idempotency-Key": "upload-7f3a"}
    first = submit(client, tenant, [("a.pdf", pdf)], headers=key, name="张晓梅")
    again = submit(client, tenant, [("a.pdf", pdf)], headers=key, name="张晓梅")
    assert first.status_code == 202
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    different = submit(client, tenant, [("a.pdf", pdf)], headers=key, name="李四")
    assert different.status_code == 409
    assert different.json()["code"] == "IDEMPOTENCY_KEY_REUSED"
    # Only one job was created for the two identical requests.
    assert sum(client.get("/readyz").json()["jobs"].values()) == 1


def test_a_key_sees_only_its_own_tenants_submissions(client: TestClient, tenant: Tenant, other_tenant: Tenant) -> None:
    submission_id = submit(client, tenant, [("a.pdf", certificate_pdf())]).json()["id"]
    wait_done(client, tenant, submission_id)
    assert client.get(f"/v1/submissions/{submission_id}", headers=other_tenant.headers).status_code == 404
    page = client.get(f"/v1/submissions/{submission_id}/documents/1/pages/1.png", headers=other_tenant.headers)
    assert page.status_code == 404
    # The same Idempotency-Key in another tenant is another submission.
    key = {"Idempotency-Key": "shared-key"}
    mine = submit(client, tenant, [("a.pdf", b"%PDF-1.4")], headers=key).json()["id"]
    theirs = submit(client, other_tenant, [("a.pdf", b"%PDF-1.4")], headers=key).json()["id"]
    assert mine != theirs


def test_requests_without_a_valid_key_are_refused(client: TestClient, tenant: Tenant) -> None:
    assert client.get("/v1/submissions/abc").status_code == 401
    wrong = client.get("/v1/submissions/abc", headers={"Authorization": "Bearer vk_not-a-key"})
    assert wrong.status_code == 401 and wrong.json()["code"] == "UNAUTHORIZED"
    assert client.get("/v1/submissions/abc", headers=tenant.headers).status_code == 404


def test_unknown_ruleset_is_refused_before_anything_is_queued(client: TestClient, tenant: Tenant) -> None:
    response = submit(client, tenant, [("a.pdf", certificate_pdf())], ruleset="atlantis-2099")
    assert response.status_code == 404
    assert response.json()["code"] == "UNKNOWN_RULESET"
    assert sum(client.get("/readyz").json()["jobs"].values()) == 0


def test_the_applicants_profile_facts_come_with_the_submission(client: TestClient, tenant: Tenant) -> None:
    profile = '{"education": "硕士", "班主任年限": 4, "weekly_lessons": 12, "tier": "county"}'
    response = submit(client, tenant, [("a.pdf", certificate_pdf())], name="张晓梅", tier="city", profile=profile)
    assert response.status_code == 202, response.text
    report = Report.model_validate(wait_done(client, tenant, response.json()["id"])["report"])
    applicant = report.applicant
    assert applicant is not None
    assert (applicant.education, applicant.head_teacher_years, applicant.weekly_lessons) == ("master", 4, 12)
    assert applicant.tier == "city"  # the named field overrides the profile's


def test_a_profile_with_an_unknown_fact_is_refused(client: TestClient, tenant: Tenant) -> None:
    response = submit(client, tenant, [("a.pdf", certificate_pdf())], profile='{"身高": 180}')
    assert response.status_code == 422
    assert response.json()["code"] == "INVALID_PROFILE"
