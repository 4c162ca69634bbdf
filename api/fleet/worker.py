"""`verifier worker --processes N`: Celery worker processes that run the jobs the API stored.

Each process (Celery's prefork pool) loads its own OCR engine once, with ONNX threads = cores ÷ N, and for
each token it receives claims the next job from the jobs table under a lease, renews the lease while it works,
and stores the report only if it still holds the lease — a late result from a worker that stalled past its
lease is refused. The worker's main process runs a sweeper thread: jobs whose lease ran out (a worker killed or
stopped) go back in the queue with a new token, and the host records that it is alive.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from typing import Any

from celery import Celery, signals
from celery.exceptions import SoftTimeLimitExceeded
from sqlalchemy import delete, update

from api import jobs
from api.database import rows_matched
from api.dispatch import SendTokens
from api.fleet.celery_app import RUN_NEXT, make_celery, send_token
from api.runner import document_workers, run_claimed
from api.services import Services
from api.settings import ApiSettings, load_settings
from api.tables import FleetWorker
from api.webhooks import WebhookSender
from verifier.pipeline import WorkerPool
from verifier.settings import Settings, get_settings

log = logging.getLogger("api.fleet")


class _Process:
    """What one worker process holds: its services (database, storage) and its OCR engine, built after fork."""

    services: Services | None = None
    owner: str = ""
    pool: WorkerPool | None = None  # the process's document worker, each document within its time budget


def build_worker_app(settings: ApiSettings, verifier_settings: Settings) -> Celery:
    app = make_celery(settings)

    @app.task(name=RUN_NEXT, bind=True, max_retries=None)
    def run_next(self: Any, hint: int | None = None) -> int | None:
        """Claim and run the next job (not necessarily `hint`, the job whose storing sent this token)."""
        services = _Process.services
        if services is None:
            raise RuntimeError("worker process not initialised")
        try:
            claim = jobs.claim_next(services.sessions, _Process.owner, settings.lease_seconds)
        except Exception as exc:
            # The token must not be lost with the job still queued: send it again after a pause.
            log.exception("claiming a job failed")
            raise self.retry(exc=exc, countdown=settings.sweep_seconds) from exc
        if claim is None:
            return None  # a token delivered again, or its job taken by a token sent before it
        log.info("job %s (submission %s), attempt %s", claim.job_id, claim.submission_id, claim.attempts)
        run_claimed(services, claim, fatal=(SoftTimeLimitExceeded,), pool=_Process.pool)
        return claim.job_id

    sweeper = _Sweeper(app, settings, verifier_settings)

    @signals.worker_process_init.connect(weak=False)
    def init_process(**_kwargs: object) -> None:
        sweeper.after_fork()
        own = verifier_settings.model_copy(deep=True)
        services = Services.build(settings, own)
        _Process.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        _Process.pool = document_workers(own)  # models and tables loaded once per process, before the first job
        services.ocr_ready = True
        _Process.services = services

    @signals.worker_process_shutdown.connect(weak=False)
    def close_process(**_kwargs: object) -> None:
        if _Process.pool is not None:
            _Process.pool.close()
        if _Process.services is not None:
            _Process.services.close()

    @signals.worker_ready.connect(weak=False)
    def start_sweeper(**_kwargs: object) -> None:
        sweeper.start()

    @signals.worker_shutdown.connect(weak=False)
    def stop_sweeper(**_kwargs: object) -> None:
        sweeper.stop()

    return app


class _Sweeper:
    """In the worker's main process: reclaim expired leases, send tokens left unsent, say this host is alive."""

    def __init__(self, app: Celery, settings: ApiSettings, verifier_settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.verifier_settings = verifier_settings
        self.services: Services | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.id = f"{socket.gethostname()}:{os.getpid()}"

    def start(self) -> None:
        self.services = Services.build(self.settings, self.verifier_settings)
        self._thread = threading.Thread(target=self._loop, name="verifier-sweeper", daemon=True)
        self._thread.start()

    def after_fork(self) -> None:
        """In a new child: drop the connections inherited from the parent without closing the parent's."""
        if self.services is not None:
            self.services.engine.dispose(close=False)
            self.services = None

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        if self.services is not None:
            with self.services.sessions.begin() as session:
                session.execute(delete(FleetWorker).where(FleetWorker.id == self.id))
            self.services.close()

    def _loop(self) -> None:
        assert self.services is not None
        tokens = SendTokens(self.services.sessions, lambda job_id: send_token(self.app, job_id))
        processes = int(self.app.conf.worker_concurrency or 1)
        hooks = WebhookSender(self.services.sessions, self.settings)
        while not self._stop.is_set():
            try:
                self.sweep(tokens, processes)
                hooks.deliver_due()
            except Exception:
                log.exception("sweeping the jobs table failed")
            self._stop.wait(self.settings.sweep_seconds)
        hooks.stop()

    def sweep(self, tokens: SendTokens, processes: int) -> None:
        assert self.services is not None
        reclaimed = jobs.reclaim_expired(self.services.sessions)
        if reclaimed:
            log.warning("jobs %s: lease expired, queued again", reclaimed)
        tokens.dispatch(None, older_than=self.settings.publish_grace_seconds)
        tokens.dispatch(reclaimed)
        moment = jobs.now()
        with self.services.sessions.begin() as session:
            seen = session.execute(
                update(FleetWorker).where(FleetWorker.id == self.id).values(seen_at=moment, processes=processes)
            )
            if not rows_matched(seen):
                session.add(FleetWorker(id=self.id, processes=processes, started_at=moment, seen_at=moment))


def run_worker(processes: int, loglevel: str = "INFO", hostname: str | None = None) -> None:
    """Run the Celery worker in this process until it is stopped (SIGTERM: warm shutdown)."""
    settings = load_settings()
    if not settings.broker_url:
        raise SystemExit("verifier worker: set VERIFIER_BROKER_URL (amqp://… or redis://…)")
    # ONNX Runtime threads per process: the cores shared between the processes, so they never oversubscribe.
    os.environ.setdefault("VERIFIER_OCR_THREADS", str(max(1, (os.cpu_count() or 1) // processes)))
    # The verifier's one settings tree, read once here (with the threads above) and passed down to every process.
    app = build_worker_app(settings, get_settings().model_copy(deep=True))
    argv = [
        "worker",
        f"--concurrency={processes}",
        "--pool=prefork",
        f"--loglevel={loglevel}",
        f"--queues={settings.queue}",
        "--without-mingle",
    ]
    if hostname:
        argv.append(f"--hostname={hostname}")
    app.worker_main(argv)
