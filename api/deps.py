"""Request dependencies: the process services, a database session, the caller's API key."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from api import accounts, auth
from api.errors import ApiError
from api.services import Services
from api.tables import ApiKey, Reviewer

SESSION_COOKIE = "verifier_review"

_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer vk_…")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="the API key, as an alternative header")


def get_services(request: Request) -> Services:
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_session(services: ServicesDep) -> Iterator[Session]:
    with services.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def _presented_key(bearer: HTTPAuthorizationCredentials | None, header: str | None) -> str | None:
    if bearer is not None and bearer.credentials:
        return bearer.credentials
    return header or None


def current_key(
    services: ServicesDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    header: Annotated[str | None, Security(_header)],
) -> ApiKey:
    token = _presented_key(bearer, header)
    key = None
    if token:
        # A session of its own, closed at once: the request's session (if any) is a second connection, and
        # holding this one while the upload is checked and stored exhausts the pool under concurrent uploads.
        with services.sessions() as session:
            key = auth.find_key(session, token, services.settings.key_pepper)
    if key is None:
        raise ApiError(401, "UNAUTHORIZED", "缺少或无效的 API 密钥", None)
    services.rate_limiter.check(key.tenant_id)
    return key


CurrentKey = Annotated[ApiKey, Depends(current_key)]


def key_or_review_session(
    request: Request,
    services: ServicesDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    header: Annotated[str | None, Security(_header)],
) -> ApiKey | Reviewer:
    """For read-only resources the review pages also show (page images): an API key or a reviewer's session."""
    token = _presented_key(bearer, header)
    viewer: ApiKey | Reviewer | None
    with services.sessions() as session:  # short, as in current_key
        if token:
            viewer = auth.find_key(session, token, services.settings.key_pepper)
        else:
            cookie = request.cookies.get(SESSION_COOKIE, "")
            viewer = accounts.find_session_reviewer(session, cookie, services.settings.key_pepper)
    if viewer is None:
        raise ApiError(401, "UNAUTHORIZED", "缺少或无效的 API 密钥", None)
    return viewer


ViewerKey = Annotated[ApiKey | Reviewer, Depends(key_or_review_session)]


def require_admin(
    services: ServicesDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    header: Annotated[str | None, Security(_header)],
) -> None:
    token = _presented_key(bearer, header) or ""
    expected = services.settings.admin_key
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        raise ApiError(401, "UNAUTHORIZED", "需要管理员密钥", None)


AdminDep = Annotated[None, Depends(require_admin)]
