"""The reviewer pages in headless Chromium: queue, flag filter, document with boxes and flags, override, audit log."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from api.app import create_app
from tests.api.helpers import Tenant, api_settings, certificate_pdf, make_tenant, null_ocr_settings, submit, wait_done

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

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Chromium not installed at /usr/bin/chromium (run scripts/services.sh)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Tenant]]:
    """A live server with three finished submissions, one of them reusing another applicant's certificate."""
    tmp_path = tmp_path_factory.mktemp("review")
    app = create_app(api_settings(tmp_path), null_ocr_settings())
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    with httpx.Client(base_url=base, timeout=30) as client:
        tenant = make_tenant(client, "platform-a", "甲平台")  # type: ignore[arg-type]
        pdf = certificate_pdf()
        for name, files in (
            ("张晓梅", [("获奖证书/优质课一等奖.pdf", pdf), ("获奖证书/照片.jpg", b"not an image")]),
            ("王芳", [("获奖证书/证书.pdf", certificate_pdf("王芳", "LPS2023-0900"))]),
            ("李明", [("获奖证书/复制的证书.pdf", pdf)]),
        ):
            response = submit(client, tenant, files, name=name, ruleset="liupanshui-2024")  # type: ignore[arg-type]
            wait_done(client, tenant, response.json()["id"])  # type: ignore[arg-type]
    yield base, tenant
    server.should_exit = True
    thread.join(10)


def test_reviewer_filters_opens_a_document_and_overrides_a_flag(site: tuple[str, Tenant]) -> None:
    playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    base, tenant = site
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
        try:
            page.goto(f"{base}/review")
            assert page.url.endswith("/review/login")
            page.fill("#key", tenant.key)  # a platform key is not a reviewer key
            page.click("button[type=submit]")
            assert "不是审核员密钥" in page.inner_text("main")
            page.fill("#key", tenant.reviewer_key)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/review")

            rows = page.locator("table.queue tbody tr")
            assert rows.count() == 3
            # Ordered by what needs attention: both submissions with rejected documents before the clean one.
            assert rows.nth(2).locator("td").first.inner_text() == "王芳"
            page.screenshot(path=str(ARTIFACTS / "queue.png"), full_page=True)

            page.select_option("#flag-filter", "DUPLICATE_ACROSS_APPLICANTS")
            page.click("#filters button[type=submit]")
            page.wait_for_url("**flag=DUPLICATE_ACROSS_APPLICANTS**")
            assert rows.count() == 1 and rows.first.locator("td").first.inner_text() == "李明"
            page.screenshot(path=str(ARTIFACTS / "queue-filtered.png"), full_page=True)

            rows.first.locator("a").click()
            page.locator("table.docs a").first.click()
            page.wait_for_selector("svg.boxes polygon")
            assert page.locator("svg.boxes polygon").count() >= 5  # one box per recognised line
            assert page.locator(".page img").first.evaluate("img => img.complete && img.naturalWidth > 0")
            flag = page.locator('li.flag-item[data-code="DUPLICATE_ACROSS_APPLICANTS"]')
            assert "张晓梅" in flag.inner_text()
            assert "张晓梅" in page.locator(".side-by-side").inner_text()
            assert page.locator(".side-by-side img").first.evaluate("img => img.complete && img.naturalWidth > 0")
            assert "holder" in page.locator("dl.fields").inner_text()
            page.screenshot(path=str(ARTIFACTS / "document.png"), full_page=True)

            flag.locator("select[name=decision]").select_option("override")
            flag.locator("input[name=reason]").fill("已电话核实：两人为同一课题组合作获奖，证书为合署证书")
            flag.locator("button[type=submit]").click()
            page.wait_for_selector("table.audit")
            audit = page.locator("table.audit tbody tr").first.inner_text()
            assert "驳回（误报）" in audit and "合署证书" in audit and "审核员王老师" in audit
            assert "驳回（误报）" in page.locator(
                'li.flag-item[data-code="DUPLICATE_ACROSS_APPLICANTS"] .decided'
            ).inner_text()
            page.screenshot(path=str(ARTIFACTS / "audit.png"), full_page=True)
        finally:
            browser.close()
