"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from api import jobs
from api.deps import ServicesDep
from api.schemas import Health, Readiness

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="The process is up")
def healthz() -> Health:
    return Health()


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "database unreachable or OCR engine not loaded"}},
    summary="Database reachable and an OCR engine loaded",
)
def readyz(services: ServicesDep) -> JSONResponse:
    database, counts = True, {}
    try:
        with services.sessions() as session:
            session.execute(text("SELECT 1"))
            counts = jobs.counts(session)
    except Exception:
        database = False
    ready = database and services.ocr_ready
    body = Readiness(
        status="ready" if ready else "not_ready", database=database, ocr_engine=services.ocr_ready, jobs=counts
    )
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)
