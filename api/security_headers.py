"""Headers on every response: no sniffing, no framing, no referrer to other sites, a content policy of our own
origin only, and nothing personal kept in a cache (reports, page images and review pages are never stored)."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Swagger UI and ReDoc set inline styles and show data: images; no page loads anything from another origin.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_ALWAYS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # same-origin, not no-referrer: under no-referrer browsers send "Origin: null" with our own form posts.
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": POLICY,
}


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, cacheable: tuple[str, ...]) -> None:
        self.app = app
        self.cacheable = cacheable  # path prefixes of public, static assets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith(self.cacheable)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _ALWAYS.items():
                    headers.setdefault(name, value)
                if not static:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, with_headers)
