"""Reviewer accounts and decisions that count: a corrected holder and a hand-accepted document change the verdicts,
the clauses, eligibility and the queue; every decision is audited with its reviewer and the model version; the
queue pages, searches and assigns; /docs is served from local assets; no page shows a raw code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import api.review_queries as review_queries
from api.app import create_app
from tests.api.helpers import (
    ADMIN_KEY,
    Tenant,
    api_settings,
    certificate_pdf,
    make_reviewer,
    make_tenant,
    null_ocr_settings,
    sign_in,
    submit,
    wait_done,
)
from tests.clerk.visible_text import html_text, raw_codes_in
from tests.core.pdfs import text_pdf

HONOR = ["荣誉证书", "张晓梅 同志：", "被评为2022年度优秀教师。", "特发此证，以资鼓励。", "水城区人民政府",
         "二〇二二年九月十日"]
PROFILE = {"name": "张晓梅", "ruleset": "liupanshui-2024", "target_title": "first", "tier": "city",
           "current_title_since": "2018-09-01"}


@pytest.fixture
def site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[TestClient, Tenant, str]]:
    """A tenant with two reviewers and one submission whose two documents are rejected by the machine: a holder
    read as another name, and a certificate also in another applicant's submission. SQLite unless a test asks
    for PostgreSQL."""
    url = request.getfixturevalue("postgres_url") if getattr(request, "param", "") == "postgresql" else None
    with TestClient(create_app(api_settings(tmp_path, url), null_ocr_settings())) as client:
        tenant = make_tenant(client, "platform-a", "甲平台")
        make_reviewer(client, tenant.id, "wang", "王老师", role="admin")
        make_reviewer(client, tenant.id, "zhao", "赵老师")
        earlier = submit(client, tenant, [("荣誉证书/优秀教师.pdf", text_pdf(HONOR))], name="李明")
        wait_done(client, tenant, earlier.json()["id"])
        files = [("获奖证书/优质课.pdf", certificate_pdf("王芳")), ("荣誉证书/优秀教师.pdf", text_pdf(HONOR))]
        submission_id = submit(client, tenant, files, **PROFILE).json()["id"]
        assert wait_done(client, tenant, submission_id)["report"]["summary"]["eligible"] is False
        yield client, tenant, submission_id


def _text(client: TestClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return html_text(response.text)


def _eligibility(html: str) -> str:
    found = re.search(r'id="eligibility"[^>]*>([^<]*)<', html)
    assert found
    return found.group(1)


def test_sign_in_with_own_name_and_password(site: tuple[TestClient, Tenant, str]) -> None:
    client, tenant, _ = site
    assert client.get("/review", follow_redirects=False).headers["location"] == "/review/login"
    wrong = client.post("/review/login", data={"username": "wang", "password": "not-the-password"})
    assert wrong.status_code == 401 and "用户名或密码错误" in wrong.text
    unknown = client.post("/review/login", data={"username": tenant.reviewer_key, "password": "x" * 10})
    assert unknown.status_code == 401  # an API key is not an account
    sign_in(client, "zhao")
    assert "审核员：赵老师" in _text(client, "/review")
    assert client.get("/review/accounts").status_code == 403  # not an admin
    duplicate = client.post(
        f"/v1/admin/tenants/{tenant.id}/reviewers",
        json={"username": "zhao", "name": "另一个赵老师", "password": "long-enough-1"},
        headers={"X-API-Key": ADMIN_KEY},
    )
    assert duplicate.status_code == 409


@pytest.mark.parametrize("site", ["sqlite", "postgresql"], indirect=True)
def test_decisions_recompute_verdicts_clauses_eligibility_and_queue(site: tuple[TestClient, Tenant, str]) -> None:
    client, tenant, submission_id = site
    sign_in(client, "wang")
    page = f"/review/submissions/{submission_id}"
    before = client.get(page).text
    assert _eligibility(before) == "不符合"

    corrected = client.post(f"{page}/documents/1/fields", data={"field": "holder", "value": "张晓梅",
                                                                 "reason": "原件核对，识别有误"})
    assert corrected.status_code == 200
    document = client.get(f"{page}/documents/1").text
    assert 'id="verdict">通过' in document and "识别值：王芳" in document
    assert "持有人不符" not in html_text(document.split('id="fields"')[0])  # the flag is gone with the correction

    assert client.post(f"{page}/documents/2/decision", data={"decision": "reject"}).status_code == 422  # reason
    accepted = client.post(f"{page}/documents/2/decision", data={"decision": "accept", "reason": "合署证书，已核实"})
    assert accepted.status_code == 200
    after = client.get(page).text
    assert _eligibility(after) == "符合"
    assert 'id="count-accept">2<' in after and 'id="count-reject">0<' in after
    status = client.get(f"/v1/submissions/{submission_id}", headers=tenant.headers).json()
    assert status["report"]["summary"]["eligible"] is False  # the machine's report is kept as it was
    assert status["review"]["report"]["summary"]["eligible"] is True and status["review"]["conclusion"] is None

    queue = client.get("/review").text
    row = next(r for r in queue.split("<tr") if "张晓梅" in r)
    assert ">符合<" in row and '"num reject">0<' in row
    filtered = client.get("/review", params={"flag": "HOLDER_MISMATCH"}).text
    assert "张晓梅" not in html_text(filtered)  # the corrected document no longer carries the flag

    audit = _text(client, page)
    assert "王老师" in audit and "更正为「张晓梅」（识别值「王芳」）" in audit and "人工通过" in audit
    assert "evidence-verifier" in audit and "null" in audit  # the model version the decisions were made against


def test_a_second_reviewer_sees_the_first_ones_decisions(site: tuple[TestClient, Tenant, str]) -> None:
    client, _, submission_id = site
    sign_in(client, "wang")
    page = f"/review/submissions/{submission_id}"
    client.post(f"{page}/documents/2/flags", data={"flag_code": "DUPLICATE_ACROSS_APPLICANTS", "decision": "override",
                                                    "reason": "两人合署证书"})
    client.post(f"{page}/decision", data={"decision": "accept", "reason": "材料齐全"})
    client.post("/review/logout")
    sign_in(client, "zhao")
    text = _text(client, page)
    assert text.count("王老师") >= 2 and "驳回（误报）" in text and "审核通过" in text


def test_ruling_out_a_flag_changes_the_verdict(site: tuple[TestClient, Tenant, str]) -> None:
    client, _, submission_id = site
    sign_in(client, "zhao")
    page = f"/review/submissions/{submission_id}/documents/2"
    assert client.post(f"{page}/flags", data={"flag_code": "NOT_UPRIGHT", "decision": "override",
                                              "reason": "x"}).status_code == 404  # not raised on this document
    client.post(f"{page}/flags", data={"flag_code": "DUPLICATE_ACROSS_APPLICANTS", "decision": "override",
                                       "reason": "两人合署证书"})
    html = client.get(page).text
    assert 'id="verdict">通过' in html and "ruled-out" in html


def test_queue_pages_searches_and_assigns(
    site: tuple[TestClient, Tenant, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, tenant, submission_id = site
    for name in ("孙丽", "周强", "吴敏"):
        wait_done(client, tenant, submit(client, tenant, [("继续教育/培训.pdf", certificate_pdf(name))], name=name)
                  .json()["id"])
    monkeypatch.setattr(review_queries, "PAGE_SIZE", 2)
    sign_in(client, "wang")
    first = _text(client, "/review")
    assert "共 5 份申报" in first and "第 1 / 3 页" in first and "下一页" in first
    third = _text(client, "/review?page=3")
    assert "第 3 / 3 页" in third and "上一页" in third
    assert "孙丽" in _text(client, "/review?q=孙") and "周强" not in _text(client, "/review?q=孙")
    by_file = _text(client, "/review?q=优质课")
    assert "张晓梅" in by_file and "孙丽" not in by_file

    accounts_page = client.get("/review/accounts").text
    submission_page = client.get(f"/review/submissions/{submission_id}").text
    zhao_id = re.search(r'<option value="([0-9a-f]{16})"[^>]*>赵老师', submission_page)
    assert zhao_id and "赵老师" in accounts_page
    client.post(f"/review/submissions/{submission_id}/assign", data={"assignee": zhao_id.group(1)})
    client.post("/review/logout")
    sign_in(client, "zhao")
    mine = _text(client, "/review?assignee=me")
    assert "张晓梅" in mine and "孙丽" not in mine and "共 1 份申报" in mine
    assert "共 4 份申报" in _text(client, "/review?assignee=none")


def test_no_raw_code_on_any_reviewer_page(site: tuple[TestClient, Tenant, str]) -> None:
    client, _, submission_id = site
    sign_in(client, "wang")
    client.post(f"/review/submissions/{submission_id}/documents/1/fields",
                data={"field": "award_category", "value": "quality_lesson", "reason": "核对"})
    pages = ["/review/login", "/review", "/review?flag=DUPLICATE_ACROSS_APPLICANTS", "/review/accounts",
             f"/review/submissions/{submission_id}", f"/review/submissions/{submission_id}/documents/1",
             f"/review/submissions/{submission_id}/documents/2"]
    for path in pages:
        text = _text(client, path)
        assert not raw_codes_in(text), (path, raw_codes_in(text))
        assert "UTC" not in text
    html = client.get(f"/review/submissions/{submission_id}/documents/1").text
    assert "<script>" not in html and " style=" not in html  # works under a strict Content-Security-Policy


def test_docs_are_served_from_local_assets(site: tuple[TestClient, Tenant, str]) -> None:
    client, _, _ = site
    for path in ("/docs", "/redoc"):
        html = client.get(path).text
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert sources and all(s.startswith("/") for s in sources), sources
        assert "<script>" not in html
        for source in sources:
            assert client.get(source).status_code == 200, source
