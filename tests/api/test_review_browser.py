"""The reviewer pages in headless Chromium: a reviewer signs in, filters the queue in Chinese, corrects a holder,
accepts a flagged document and sees the verdict, the clause and eligibility change; a second reviewer sees the
audit rows with the first one's name; no raw code on any page; /docs renders with the network cut."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from api.app import create_app
from tests.api.helpers import (
    REVIEWER_PASSWORD,
    Tenant,
    api_settings,
    certificate_pdf,
    make_reviewer,
    make_tenant,
    null_ocr_settings,
    submit,
    wait_done,
)
from tests.clerk.visible_text import raw_codes_in
from tests.core.pdfs import text_pdf
from tests.live import live_server

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "review"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HONOR = ["荣誉证书", "张晓梅 同志：", "被评为2022年度优秀教师。", "特发此证，以资鼓励。", "水城区人民政府",
         "二〇二二年九月十日"]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Chromium not installed at /usr/bin/chromium (run scripts/services.sh)"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Tenant, str]]:
    """A live server: 张晓梅's submission has a holder read as another name and a certificate that 李明 uploaded
    first; 王芳's is clean. Two reviewer accounts, 王老师 (admin) and 赵老师."""
    tmp_path = tmp_path_factory.mktemp("review")
    app = create_app(api_settings(tmp_path), null_ocr_settings())
    with live_server(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        tenant = make_tenant(client, "platform-a", "甲平台")  # type: ignore[arg-type]
        make_reviewer(client, tenant.id, "wang", "王老师", role="admin")  # type: ignore[arg-type]
        make_reviewer(client, tenant.id, "zhao", "赵老师")  # type: ignore[arg-type]
        ids = {}
        for name, files, profile in (
            ("李明", [("荣誉证书/优秀教师.pdf", text_pdf(HONOR))], {}),
            ("张晓梅", [("获奖证书/优质课一等奖.pdf", certificate_pdf("王芳")),
                        ("荣誉证书/优秀教师.pdf", text_pdf(HONOR)), ("获奖证书/照片.jpg", b"not an image")],
             {"target_title": "first", "tier": "city", "current_title_since": "2018-09-01"}),
            ("王芳", [("获奖证书/证书.pdf", certificate_pdf("王芳", "LPS2023-0900"))], {}),
        ):
            response = submit(client, tenant, files, name=name, ruleset="liupanshui-2024", **profile)  # type: ignore[arg-type]
            ids[name] = response.json()["id"]
            wait_done(client, tenant, ids[name])  # type: ignore[arg-type]
        yield base, tenant, ids["张晓梅"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _sign_in(browser: Any, base: str, username: str) -> Any:
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{base}/review")
    assert page.url.endswith("/review/login")
    page.fill("#username", username)
    page.fill("#password", REVIEWER_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/review")
    return page


def _no_raw_codes(page: Any) -> None:
    text = page.inner_text("body")
    assert not raw_codes_in(text), (page.url, raw_codes_in(text))


def test_reviewer_corrects_a_holder_accepts_a_document_and_sees_eligibility_change(
    site: tuple[str, Tenant, str], browser: Any
) -> None:
    base, _, submission_id = site
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{base}/review/login")
    page.fill("#username", "wang")
    page.fill("#password", "wrong-password")
    page.click("button[type=submit]")
    assert "用户名或密码错误" in page.inner_text("main")
    context.close()
    page = _sign_in(browser, base, "wang")
    try:
        rows = page.locator("table.queue tbody tr")
        assert rows.count() == 3
        assert rows.nth(2).locator("td").first.inner_text() == "王芳"  # the clean one last
        _no_raw_codes(page)
        page.screenshot(path=str(ARTIFACTS / "queue.png"), full_page=True)

        page.select_option("#flag-filter", label="与他人材料重复")  # the filter speaks Chinese
        page.click("#filters button[type=submit]")
        page.wait_for_url("**flag=DUPLICATE_ACROSS_APPLICANTS**")
        assert rows.count() == 1 and rows.first.locator("td").first.inner_text() == "张晓梅"
        page.fill("#search", "优质课")
        page.click("#filters button[type=submit]")
        page.wait_for_url(f"**q={quote('优质课')}*")  # the searched queue loaded, not the page being left
        assert rows.count() == 1

        rows.first.locator("a").click()
        assert page.inner_text("#eligibility") == "不符合"
        clause = page.locator("#clauses li").first
        assert "未满足" in clause.inner_text()
        assert "未满足" not in page.locator("#clauses li.needs_reviewer").first.inner_text()
        assert "待复核" in page.locator("#clauses li.needs_reviewer").first.inner_text()
        _no_raw_codes(page)

        page.locator("table.docs a").first.click()
        page.wait_for_selector("svg.boxes polygon")
        assert page.inner_text("#verdict") == "不通过"
        assert "持有人不符" in page.inner_text("ul.flags")
        before = page.locator(".frame").first.bounding_box()["width"]
        page.click("button.zoom[data-zoom=in]")
        assert page.inner_text("#zoom-level") == "125%"
        assert page.locator(".frame").first.bounding_box()["width"] > before * 1.2
        page.keyboard.press("0")
        assert page.inner_text("#zoom-level") == "100%"

        holder = page.locator('tr[data-field="holder"]')
        assert "王芳" in holder.inner_text()
        holder.locator("input[name=value]").fill("张晓梅")
        holder.locator("button[type=submit]").first.click()
        page.wait_for_load_state()
        assert page.inner_text("#verdict") == "通过"
        assert "识别值：王芳" in page.locator('tr[data-field="holder"]').inner_text()
        assert "教学成果奖" in page.inner_text("#doc-clauses")  # the award now supports its clause
        _no_raw_codes(page)

        page.keyboard.press("j")  # next document: the certificate 李明 uploaded first
        page.wait_for_url("**/documents/2")
        assert page.inner_text("#verdict") == "不通过"
        assert "与他人材料重复" in page.inner_text("ul.flags")
        assert "未用于任何条款" in page.inner_text("#doc-clauses")
        page.fill("#document-reason", "两人合署证书，已电话核实")
        page.keyboard.press("Escape")
        page.keyboard.press("a")  # accept the document
        page.wait_for_selector("text=人工通过")
        assert page.inner_text("#verdict") == "通过"
        assert "政府表彰" in page.inner_text("#doc-clauses")
        assert page.inner_text("#eligibility") == "符合"
        _no_raw_codes(page)
        page.screenshot(path=str(ARTIFACTS / "document.png"), full_page=True)

        page.keyboard.press("u")
        page.wait_for_url(f"**/review/submissions/{submission_id}")
        assert page.inner_text("#eligibility") == "符合"
        assert page.inner_text("#count-accept") == "2" and page.inner_text("#count-reject") == "1"
        assert "满足" in page.locator("#clauses li").first.inner_text()
        audit = page.inner_text("table.audit")
        assert "王老师" in audit and "更正为「张晓梅」（识别值「王芳」）" in audit and "人工通过" in audit
        _no_raw_codes(page)
        page.screenshot(path=str(ARTIFACTS / "submission.png"), full_page=True)

        page.goto(f"{base}/review")
        row = page.locator("table.queue tbody tr", has_text="张晓梅")
        assert "符合" in row.inner_text() and "不符合" not in row.inner_text()  # the queue follows the decisions
        assert row.locator("td.num.reject").inner_text() == "1"
    finally:
        page.context.close()


def test_second_reviewer_sees_the_first_ones_decisions(site: tuple[str, Tenant, str], browser: Any) -> None:
    base, _, submission_id = site
    first = _sign_in(browser, base, "wang")
    first.goto(f"{base}/review/submissions/{submission_id}")
    first.fill("#submission-decision input[name=reason]", "材料齐全，同意推荐")
    first.click("#submission-decision button[value=accept]")
    first.wait_for_selector("text=审核通过")
    first.context.close()
    page = _sign_in(browser, base, "zhao")
    try:
        page.goto(f"{base}/review/submissions/{submission_id}")
        rows = page.locator("table.audit tbody tr")
        assert rows.count() >= 1
        assert all("王老师" in rows.nth(i).locator("td.actor").inner_text() for i in range(rows.count()))
        assert "材料齐全" in page.inner_text("table.audit")
        assert "evidence-verifier" in rows.first.locator("td.version").inner_text()
        assert "审核通过" in page.inner_text("#conclusion")
        _no_raw_codes(page)
    finally:
        page.context.close()


@pytest.mark.parametrize(("path", "rendered"), [("/docs", ".swagger-ui .info .title"), ("/redoc", ".api-info h1")])
def test_docs_render_with_the_network_cut(
    site: tuple[str, Tenant, str], browser: Any, path: str, rendered: str
) -> None:
    base, _, _ = site
    context = browser.new_context()
    outside: list[str] = []

    def only_this_server(route: Any) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_server)
    page = context.new_page()
    failures: list[str] = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    try:
        page.goto(f"{base}{path}")
        page.wait_for_selector(rendered, timeout=30_000)
        assert "Evidence verifier API" in page.inner_text(rendered)
        assert outside == [] and failures == []
    finally:
        context.close()
