"""A tenant's webhook endpoints and their delivery log (platform keys)."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, status
from pydantic import AnyHttpUrl, BaseModel, Field
from sqlalchemy import select, update

from api import jobs
from api.database import rows_matched
from api.deps import CurrentKey, ServicesDep, SessionDep
from api.errors import ApiError
from api.schemas import ErrorBody
from api.tables import Webhook, WebhookDelivery
from api.webhook_targets import TargetRefused, check_literal_host
from api.webhooks import EVENTS, SIGNATURE_HEADER

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], responses={401: {"model": ErrorBody}})
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "no such webhook for this key's tenant"}
}


class WebhookCreate(BaseModel):
    url: AnyHttpUrl = Field(examples=["https://platform.example/hooks/verifier"])
    secret: str | None = Field(
        None, min_length=24, max_length=200, description="signing secret; generated when not given"
    )


class WebhookOut(BaseModel):
    id: str
    url: str
    events: list[str] = Field(default_factory=lambda: list(EVENTS))
    created_at: datetime
    signature_header: str = SIGNATURE_HEADER


class WebhookCreated(WebhookOut):
    secret: str = Field(description="HMAC-SHA256 signing secret; shown once")


class DeliveryOut(BaseModel):
    id: int
    submission_id: str
    event: str
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    last_status: int | None
    last_error: str | None
    created_at: datetime
    next_attempt_at: datetime
    delivered_at: datetime | None


@router.post("", response_model=WebhookCreated, status_code=status.HTTP_201_CREATED, summary="Add an endpoint")
def create_webhook(body: WebhookCreate, key: CurrentKey, services: ServicesDep) -> WebhookCreated:
    if not services.settings.webhook_private_addresses:
        try:
            check_literal_host(str(body.url))
        except TargetRefused as exc:
            raise ApiError(422, "WEBHOOK_URL_NOT_ALLOWED", "回调地址必须是公网地址", detail=str(exc)) from exc
    secret = body.secret or "whsec_" + secrets.token_urlsafe(32)
    with services.sessions.begin() as session:
        hook = Webhook(id=uuid.uuid4().hex, tenant_id=key.tenant_id, url=str(body.url), secret=secret)
        session.add(hook)
        session.flush()
        return WebhookCreated(id=hook.id, url=hook.url, created_at=hook.created_at, secret=secret)


@router.get("", response_model=list[WebhookOut], summary="This tenant's active endpoints")
def list_webhooks(key: CurrentKey, session: SessionDep) -> list[WebhookOut]:
    hooks = session.scalars(
        select(Webhook).where(Webhook.tenant_id == key.tenant_id, Webhook.disabled_at.is_(None))
    ).all()
    return [WebhookOut(id=h.id, url=h.url, created_at=h.created_at) for h in hooks]


@router.delete(
    "/{webhook_id}", status_code=status.HTTP_204_NO_CONTENT, responses=_NOT_FOUND, summary="Stop an endpoint"
)
def delete_webhook(key: CurrentKey, services: ServicesDep, webhook_id: str = Path(max_length=32)) -> None:
    with services.sessions.begin() as session:
        done = session.execute(
            update(Webhook)
            .where(Webhook.id == webhook_id, Webhook.tenant_id == key.tenant_id, Webhook.disabled_at.is_(None))
            .values(disabled_at=jobs.now())
        )
        if not rows_matched(done):
            raise ApiError(404, "NOT_FOUND", "webhook 不存在")


@router.get(
    "/{webhook_id}/deliveries",
    response_model=list[DeliveryOut],
    responses=_NOT_FOUND,
    summary="The delivery log of an endpoint, newest first",
)
def list_deliveries(
    key: CurrentKey,
    session: SessionDep,
    webhook_id: str = Path(max_length=32),
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[DeliveryOut]:
    hook = session.get(Webhook, webhook_id)
    if hook is None or hook.tenant_id != key.tenant_id:
        raise ApiError(404, "NOT_FOUND", "webhook 不存在")
    rows = session.scalars(
        select(WebhookDelivery)
        .where(WebhookDelivery.webhook_id == webhook_id)
        .order_by(WebhookDelivery.id.desc())
        .limit(limit)
    ).all()
    return [DeliveryOut.model_validate(row, from_attributes=True) for row in rows]
