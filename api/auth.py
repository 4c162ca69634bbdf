"""API keys: random tokens stored only as peppered HMAC-SHA256 hashes, each bound to a tenant and a role."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.tables import ApiKey, Tenant

KEY_PREFIX = "vk_"


class Role(StrEnum):
    platform = "platform"  # submits and reads its tenant's submissions
    reviewer = "reviewer"  # reads its tenant's submissions and page images (people review with accounts)


def hash_secret(secret: str, pepper: str) -> str:
    # Keys are 256-bit random tokens, so a fast keyed hash is enough; the pepper lives outside the database.
    return hmac.new(pepper.encode(), secret.encode(), hashlib.sha256).hexdigest()


def create_tenant(session: Session, tenant_id: str, name: str) -> Tenant:
    tenant = session.get(Tenant, tenant_id)
    if tenant is None:
        tenant = Tenant(id=tenant_id, name=name)
        session.add(tenant)
        session.flush()
    return tenant


def create_key(session: Session, tenant_id: str, name: str, role: Role, pepper: str) -> tuple[ApiKey, str]:
    """A new key; the plain token is returned once and never stored."""
    token = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        id=secrets.token_hex(8), tenant_id=tenant_id, name=name, role=role.value, key_hash=hash_secret(token, pepper)
    )
    session.add(key)
    session.flush()
    return key, token


def find_key(session: Session, token: str, pepper: str) -> ApiKey | None:
    if not token.startswith(KEY_PREFIX) or len(token) > 200:
        return None
    key = session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_secret(token, pepper)))
    if key is None or key.revoked_at is not None:
        return None
    return key


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; everything is stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
