"""In-process job workers: threads that claim jobs from the database, each with its own OCR engine."""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid

from api import jobs, processing
from api.jobs import Claim
from api.services import Services
from verifier.ocr import get_engine
from verifier.pipeline import WorkerPool
from verifier.settings import Settings

log = logging.getLogger("api.jobs")


class JobRunner:
    def __init__(self, services: Services, workers: int) -> None:
        self.services = services
        self.workers = workers
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []
        self._owner_prefix = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"

    def start(self) -> None:
        for n in range(self.workers):
            thread = threading.Thread(target=self._work, args=(n,), name=f"verifier-job-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def wake(self) -> None:
        """A new job was queued in this process: skip the rest of the poll wait."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout)

    def _work(self, n: int) -> None:
        owner = f"{self._owner_prefix}:{n}"
        try:
            pool = document_workers(self.services.verifier_settings)  # engine loaded before the first job
            self.services.ocr_ready = True
        except Exception:
            log.exception("worker %s: OCR engine failed to load", owner)
            return
        try:
            self._serve(owner, pool)
        finally:
            if pool is not None:
                pool.close()

    def _serve(self, owner: str, pool: WorkerPool | None) -> None:
        settings = self.services.settings
        while not self._stop.is_set():
            try:
                claim = jobs.claim_next(self.services.sessions, owner, settings.lease_seconds)
            except Exception:
                log.exception("worker %s: claiming a job failed", owner)
                claim = None
            if claim is None:
                self._wake.wait(settings.poll_seconds)
                self._wake.clear()
                continue
            run_claimed(self.services, claim, pool=pool)


def document_workers(verifier_settings: Settings) -> WorkerPool | None:
    """One worker process, started now, for a thread (or process) that runs jobs: each document within its time
    budget, in a process that can be stopped. Without a budget (document_seconds 0), None: documents run in the
    calling thread, with its own OCR engine, loaded here."""
    if verifier_settings.document_seconds <= 0:
        get_engine(verifier_settings.ocr)
        return None
    pool = WorkerPool(verifier_settings, 1)
    try:
        pool.start()
    except BaseException:
        pool.close()
        raise
    return pool


def run_claimed(
    services: Services, claim: Claim, fatal: tuple[type[BaseException], ...] = (), pool: WorkerPool | None = None
) -> None:
    """Process a claimed job while a thread renews its lease; used by in-process and fleet workers alike.

    `fatal` names exceptions that end the job at once as JOB_TIME_LIMIT (the fleet's soft time limit)."""
    settings = services.settings
    done = threading.Event()

    def beat() -> None:
        while not done.wait(settings.heartbeat_seconds):
            try:
                if not jobs.heartbeat(services.sessions, claim, settings.lease_seconds):
                    return
            except Exception:
                log.exception("heartbeat for job %s failed", claim.job_id)

    heart = threading.Thread(target=beat, name=f"heartbeat-{claim.job_id}", daemon=True)
    heart.start()
    try:
        processing.process(services, claim, fatal, pool)
    finally:
        done.set()
        heart.join()
