"""The FastAPI application: settings → services → routers, job workers started in the lifespan."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from api.auth_gate import AuthGateMiddleware
from api.body_limit import BodyLimitMiddleware
from api.dispatch import Dispatcher, SendTokens, WakeThreads
from api.errors import install_handlers
from api.metrics import registry_for
from api.routes import admin, docs, health, metrics, review, rulesets, submissions, verify, webhooks
from api.routes.verify import SyncWorkers
from api.runner import JobRunner
from api.security_headers import SecurityHeadersMiddleware
from api.services import Services
from api.settings import ApiSettings
from api.webhooks import WebhookSender
from verifier.settings import Settings, get_settings

STATIC_DIR = Path(__file__).parent / "static"
_MULTIPART_OVERHEAD = 64 * 1024  # headers of the parts and the form fields around the files

DESCRIPTION = """
Verifies the evidence documents of teacher title (职称) applications.

Authenticate with an API key: `Authorization: Bearer vk_…` or `X-API-Key: vk_…`. A key sees only its tenant's
submissions. Errors are JSON `{"code", "message", "detail"}` with stable codes (see docs/API.md); the report is
the CONTRACT report model.
"""


def create_app(
    settings: ApiSettings | None = None, verifier_settings: Settings | None = None, start_workers: bool = True
) -> FastAPI:
    settings = settings or ApiSettings()
    if verifier_settings is None:
        # The verifier's one settings tree (verifier/settings), read from the environment once at the service's
        # top and passed down to every job, request and worker from here. A copy: the service shares the cores
        # out between its job threads below.
        verifier_settings = get_settings().model_copy(deep=True)
    if settings.workers and not settings.uses_broker and not verifier_settings.ocr.threads:
        # Share the cores between job threads so parallel OCR sessions do not oversubscribe them.
        verifier_settings.ocr.threads = max(1, (os.cpu_count() or 1) // settings.workers)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = Services.build(settings, verifier_settings)
        # With a broker the fleet runs the jobs; this process only stores them and sends their tokens.
        threads = settings.workers if start_workers and not settings.uses_broker else 0
        runner = JobRunner(services, threads)
        app.state.services = services
        app.state.dispatcher = _dispatcher(services, runner)
        app.state.metrics = registry_for(services.sessions, settings, threads)
        app.state.sync_pool = ThreadPoolExecutor(settings.sync_workers, thread_name_prefix="verifier-sync")
        app.state.sync_workers = SyncWorkers(services)
        if not threads:
            services.ocr_ready = _load_sync_engine(app.state.sync_pool, app.state.sync_workers)
        sender = WebhookSender(services.sessions, settings)
        runner.start()
        sender.start()
        try:
            yield
        finally:
            sender.stop()
            runner.stop()
            app.state.sync_pool.shutdown(wait=False, cancel_futures=True)
            app.state.sync_workers.close()
            services.close()

    app = FastAPI(
        title="Evidence verifier API",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by api/routes/docs.py from local assets, not from a CDN
        redoc_url=None,
        form_limits={
            "max_files": settings.max_files + 1,
            "max_fields": settings.max_fields,
            "max_part_size": 64 * 1024,
        },
    )
    install_handlers(app)
    app.add_exception_handler(
        review.LoginRequired, lambda _request, _exc: RedirectResponse("/review/login", status_code=303)
    )
    for module in (health, metrics, rulesets, submissions, verify, webhooks, admin, review, docs):
        app.include_router(module.router)
    app.mount(docs.ASSETS_URL, docs.assets(), name="api-docs")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    submission_limit = settings.max_submission_bytes + _MULTIPART_OVERHEAD
    single_limit = settings.max_file_bytes + _MULTIPART_OVERHEAD

    def limit_for(path: str) -> int:
        if path.rstrip("/") == "/v1/submissions":
            return submission_limit
        if path.rstrip("/") == "/v1/verify":
            return single_limit
        return 1024 * 1024  # JSON bodies and review forms

    app.add_middleware(BodyLimitMiddleware, limit_for=limit_for)
    # Added last, so it runs first: no upload body is read before its key is known good.
    app.add_middleware(AuthGateMiddleware, paths={"/v1/submissions", "/v1/verify"})
    app.add_middleware(SecurityHeadersMiddleware, cacheable=("/static/", docs.ASSETS_URL + "/"))
    return app


def _dispatcher(services: Services, runner: JobRunner) -> Dispatcher:
    if not services.settings.uses_broker:
        return WakeThreads(runner.wake)
    from api.fleet.celery_app import make_celery, send_token

    celery = make_celery(services.settings)
    return SendTokens(services.sessions, lambda job_id: send_token(celery, job_id))


def _load_sync_engine(pool: ThreadPoolExecutor, workers: SyncWorkers) -> bool:
    try:
        pool.submit(workers.own).result()
        return True
    except Exception:
        logging.getLogger("api").exception("OCR engine failed to load")
        return False
