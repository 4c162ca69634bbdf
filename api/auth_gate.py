"""Uploads without a valid API key are refused before their body is read, so an anonymous client cannot make
the server receive and spool a request up to the body limit. The route's own key check still runs after."""

from __future__ import annotations

import json
from collections.abc import Iterable

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

from api import auth
from api.services import Services

UNAUTHORIZED = {"code": "UNAUTHORIZED", "message": "缺少或无效的 API 密钥"}


def presented_token(headers: Iterable[tuple[bytes, bytes]]) -> str | None:
    """`Authorization: Bearer …` first, else `X-API-Key`, as the routes read them."""
    bearer = header = None
    for name, value in headers:
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and credentials.strip():
                bearer = credentials.strip()
        elif name == b"x-api-key":
            header = value.decode("latin-1")
    return bearer or header or None


def _known(services: Services, token: str) -> bool:
    with services.sessions() as session:
        return auth.find_key(session, token, services.settings.key_pepper) is not None


class AuthGateMiddleware:
    def __init__(self, app: ASGIApp, paths: set[str]) -> None:
        self.app = app
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"].rstrip("/") in self.paths:
            token = presented_token(scope.get("headers", []))
            services: Services = scope["app"].state.services
            if token is None or not await anyio.to_thread.run_sync(_known, services, token):
                await _refuse(send)
                return
        await self.app(scope, receive, send)


async def _refuse(send: Send) -> None:
    body = json.dumps(UNAUTHORIZED, ensure_ascii=False).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"www-authenticate", b"Bearer"),
        (b"connection", b"close"),  # the unread body makes the connection unusable for another request
    ]
    await send({"type": "http.response.start", "status": 401, "headers": headers})
    await send({"type": "http.response.body", "body": body})
