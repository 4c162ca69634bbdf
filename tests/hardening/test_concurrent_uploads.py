"""Many uploads at once on one server: each request's sessions are short, so none waits for a pooled connection."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from api.app import create_app
from tests.api.helpers import api_settings, certificate_pdf, make_tenant, null_ocr_settings
from tests.live import live_server

UPLOADS = 20


def test_simultaneous_uploads_get_no_server_error(database_url: str, tmp_path: Path) -> None:
    # No job threads: the uploads alone compete for the pool, as on an API process in front of a fleet.
    app = create_app(api_settings(tmp_path, database_url, workers=0), null_ocr_settings())
    # Large enough that the uploads overlap while each is being checked and stored.
    document = certificate_pdf() + os.urandom(4 * 1024 * 1024)
    with live_server(app) as base, httpx.Client(base_url=base, timeout=60) as client:
        tenant = make_tenant(client, "platform-a")  # type: ignore[arg-type]

        def upload(index: int) -> int:
            with httpx.Client(base_url=base, timeout=120) as own:
                response = own.post(
                    "/v1/submissions",
                    files=[("files", (f"获奖证书/{index}.pdf", document, "application/pdf"))],
                    headers=tenant.headers,
                )
                return response.status_code

        with ThreadPoolExecutor(UPLOADS) as pool:
            codes = list(pool.map(upload, range(UPLOADS)))
    assert [code for code in codes if code >= 500] == []
    assert codes.count(202) == UPLOADS


def test_the_key_check_holds_no_connection_while_the_upload_is_stored(client, tenant) -> None:  # type: ignore[no-untyped-def]
    services = client.app.state.services
    held: list[int] = []
    put = services.blobs.put

    def counting_put(data: bytes) -> str:
        held.append(services.engine.pool.checkedout())
        return put(data)

    services.blobs.put = counting_put
    response = client.post(
        "/v1/submissions",
        files=[("files", ("获奖证书/a.pdf", certificate_pdf(), "application/pdf"))],
        headers=tenant.headers,
    )
    assert response.status_code == 202, response.text
    assert held == [0]
