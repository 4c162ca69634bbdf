"""Reviewer accounts: each person signs in with their own name and password (argon2id), as reviewer or admin.

Sessions are random tokens in an HttpOnly cookie, stored only as peppered hashes (as API keys are).
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth import _aware, hash_secret
from api.tables import Reviewer, ReviewerSession

MIN_PASSWORD = 8
_hasher = PasswordHasher()
# Verified when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class ReviewerRole(StrEnum):
    reviewer = "reviewer"  # reviews and decides
    admin = "admin"  # also manages the tenant's reviewer accounts


class AccountError(ValueError):
    """A reviewer account that cannot be made as asked; the message is for the person asking."""


def create_reviewer(
    session: Session, tenant_id: str, username: str, name: str, password: str, role: ReviewerRole
) -> Reviewer:
    username = username.strip()
    if not username or len(username) > 64:
        raise AccountError("用户名须为 1–64 个字符")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少 {MIN_PASSWORD} 个字符")
    if session.scalar(select(Reviewer).where(Reviewer.username == username)) is not None:
        raise AccountError(f"用户名「{username}」已被使用")
    reviewer = Reviewer(
        id=secrets.token_hex(8),
        tenant_id=tenant_id,
        username=username,
        name=name.strip() or username,
        role=role.value,
        password_hash=_hasher.hash(password),
    )
    session.add(reviewer)
    session.flush()
    return reviewer


def authenticate(session: Session, username: str, password: str) -> Reviewer | None:
    reviewer = session.scalar(select(Reviewer).where(Reviewer.username == username.strip()))
    try:
        _hasher.verify(reviewer.password_hash if reviewer else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if reviewer is None or reviewer.disabled_at is not None:
        return None
    if _hasher.check_needs_rehash(reviewer.password_hash):
        reviewer.password_hash = _hasher.hash(password)
    return reviewer


def open_session(session: Session, reviewer: Reviewer, pepper: str, hours: float) -> str:
    token = secrets.token_urlsafe(32)
    expires = datetime.now(UTC) + timedelta(hours=hours)
    session.add(ReviewerSession(token_hash=hash_secret(token, pepper), reviewer_id=reviewer.id, expires_at=expires))
    session.flush()
    return token


def find_session_reviewer(session: Session, token: str, pepper: str) -> Reviewer | None:
    if not token or len(token) > 200:
        return None
    row = session.get(ReviewerSession, hash_secret(token, pepper))
    if row is None or _aware(row.expires_at) < datetime.now(UTC):
        return None
    reviewer = session.get(Reviewer, row.reviewer_id)
    return reviewer if reviewer is not None and reviewer.disabled_at is None else None


def close_session(session: Session, token: str, pepper: str) -> None:
    row = session.get(ReviewerSession, hash_secret(token, pepper))
    if row is not None:
        session.delete(row)


def tenant_reviewers(session: Session, tenant_id: str) -> list[Reviewer]:
    return list(
        session.scalars(
            select(Reviewer).where(Reviewer.tenant_id == tenant_id, Reviewer.disabled_at.is_(None)).order_by(
                Reviewer.name
            )
        )
    )

