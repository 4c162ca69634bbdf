"""Bootstrap administration with the admin key: tenants (platforms) and their API keys."""

from __future__ import annotations

from fastapi import APIRouter, Path, status

from api import accounts, auth
from api.deps import AdminDep, ServicesDep
from api.errors import ApiError
from api.schemas import ErrorBody, KeyCreate, KeyCreated, ReviewerCreate, ReviewerOut, TenantCreate, TenantOut
from api.tables import Tenant

router = APIRouter(prefix="/v1/admin", tags=["admin"], responses={401: {"model": ErrorBody}})


@router.post("/tenants", response_model=TenantOut, status_code=status.HTTP_201_CREATED, summary="Create a tenant")
def create_tenant(body: TenantCreate, _admin: AdminDep, services: ServicesDep) -> TenantOut:
    with services.sessions.begin() as session:
        tenant = auth.create_tenant(session, body.id, body.name)
        return TenantOut(id=tenant.id, name=tenant.name)


@router.post(
    "/tenants/{tenant_id}/keys",
    response_model=KeyCreated,
    status_code=status.HTTP_201_CREATED,
    responses={404: {"model": ErrorBody}},
    summary="Issue an API key for a tenant (shown once)",
)
def create_key(
    body: KeyCreate, _admin: AdminDep, services: ServicesDep, tenant_id: str = Path(max_length=64)
) -> KeyCreated:
    with services.sessions.begin() as session:
        if session.get(Tenant, tenant_id) is None:
            raise ApiError(404, "NOT_FOUND", "租户不存在")
        key, token = auth.create_key(session, tenant_id, body.name, body.role, services.settings.key_pepper)
        return KeyCreated(id=key.id, tenant_id=tenant_id, name=key.name, role=auth.Role(key.role), key=token)


@router.post(
    "/tenants/{tenant_id}/reviewers",
    response_model=ReviewerOut,
    status_code=status.HTTP_201_CREATED,
    responses={404: {"model": ErrorBody}, 409: {"model": ErrorBody}},
    summary="Create a reviewer account (a person who signs in to /review with a name and password)",
)
def create_reviewer(
    body: ReviewerCreate, _admin: AdminDep, services: ServicesDep, tenant_id: str = Path(max_length=64)
) -> ReviewerOut:
    with services.sessions.begin() as session:
        if session.get(Tenant, tenant_id) is None:
            raise ApiError(404, "NOT_FOUND", "租户不存在")
        try:
            reviewer = accounts.create_reviewer(session, tenant_id, body.username, body.name, body.password, body.role)
        except accounts.AccountError as exc:
            raise ApiError(409, "ACCOUNT_EXISTS", str(exc)) from exc
        return ReviewerOut(
            id=reviewer.id,
            tenant_id=tenant_id,
            username=reviewer.username,
            name=reviewer.name,
            role=accounts.ReviewerRole(reviewer.role),
        )
