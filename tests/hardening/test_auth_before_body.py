"""An upload without a valid key is answered 401 before the server reads its body."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.app import create_app
from tests.api.helpers import api_settings, make_tenant, null_ocr_settings

BODY = 5 * 1024 * 1024


class CountingApp:
    """Counts the request-body bytes the application pulls from the server."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.received = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def counting() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                self.received += len(message.get("body", b""))
            return message

        await self.app(scope, counting, send)


@pytest.mark.parametrize("path", ["/v1/submissions", "/v1/verify"])
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer vk_not-a-key"}, {"X-API-Key": "vk_forged"}])
def test_anonymous_upload_is_refused_unread(tmp_path: Path, path: str, headers: dict[str, str]) -> None:
    counting = CountingApp(create_app(api_settings(tmp_path), null_ocr_settings()))
    with TestClient(counting) as client:  # type: ignore[arg-type]
        field = "files" if path == "/v1/submissions" else "file"
        response = client.post(path, files={field: ("a.pdf", b"\0" * BODY)}, headers=headers)
    assert response.status_code == 401 and response.json()["code"] == "UNAUTHORIZED"
    assert counting.received < 64 * 1024


def test_a_good_key_still_uploads(tmp_path: Path) -> None:
    counting = CountingApp(create_app(api_settings(tmp_path), null_ocr_settings()))
    with TestClient(counting) as client:  # type: ignore[arg-type]
        tenant = make_tenant(client, "platform-a")  # type: ignore[arg-type]
        response = client.post("/v1/submissions", files={"files": ("a.pdf", b"%PDF-1.4 x")}, headers=tenant.headers)
    assert response.status_code == 202, response.text
