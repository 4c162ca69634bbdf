"""The worker fleet against the machine's real brokers: RabbitMQ (127.0.0.1:5672) and Redis (127.0.0.1:6379).

Each test gets its own queue (deleted afterwards), its own SQLite database and blob folder, an API in this
process that only stores and sends tokens, and `verifier worker` subprocesses with the null OCR engine.
Tests skip with a message when the broker does not answer (scripts/services.sh installs and starts both).
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from api.app import create_app
from api.database import make_engine, session_factory
from api.tables import FleetWorker, Job
from tests.api.helpers import ADMIN_KEY, Tenant, api_settings, make_tenant, null_ocr_settings

ROOT = Path(__file__).resolve().parents[2]
RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672//"
REDIS_URL = "redis://127.0.0.1:6379/15"
VERIFIER = Path(sys.executable).parent / "verifier"


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def broker_url(kind: str) -> str:
    if kind == "rabbitmq":
        if not _answers(5672):
            pytest.skip("no RabbitMQ on 127.0.0.1:5672 (run scripts/services.sh)")
        return RABBITMQ_URL
    if not _answers(6379):
        pytest.skip("no Redis on 127.0.0.1:6379 (run scripts/services.sh)")
    return REDIS_URL


@dataclass
class Fleet:
    """An API (in this process) and worker subprocesses sharing one database, blob folder and queue."""

    tmp: Path
    broker: str
    queue: str
    client: TestClient
    tenant: Tenant
    sessions: sessionmaker[Session]
    env: dict[str, str]
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)

    def start_worker(
        self, processes: int = 1, engine: str = "null", document_seconds: float | None = None
    ) -> subprocess.Popen[bytes]:
        n = len(self.workers)
        log = self.tmp / f"worker{n}.log"
        command = [str(VERIFIER), "worker", "--processes", str(processes), "--hostname", f"w{n}-{self.queue}@%h"]
        env = {**self.env, "VERIFIER_OCR_ENGINE": engine}
        if document_seconds is not None:
            env["VERIFIER_DOCUMENT_SECONDS"] = str(document_seconds)
        worker = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True
        )
        self.workers.append(worker)
        self.logs.append(log)
        return worker

    def wait_workers_alive(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for worker, log in zip(self.workers, self.logs, strict=True):
                if worker.poll() is not None:
                    pytest.fail(f"worker exited: {log.read_text(errors='replace')[-3000:]}")
            with self.sessions() as session:
                if len(session.scalars(select(FleetWorker.id)).all()) >= count:
                    return
            time.sleep(0.1)
        tails = " | ".join(log.read_text(errors="replace")[-1500:] for log in self.logs)
        pytest.fail(f"workers did not start: {tails}")

    def stall(self, worker: subprocess.Popen[bytes], attempts: int = 200) -> None:
        """Stop the worker (SIGSTOP) at a moment it is not inside a database write.

        A process stopped inside a write keeps SQLite's whole-file write lock, and every other process waits for
        it — a limit of the embedded database (a fleet across hosts shares PostgreSQL instead), not the lease
        behaviour under test. So stop, check that a write can begin, and if it cannot, let the worker run on
        for a moment and stop it again.
        """
        database = self.tmp / "verifier.db"
        for _ in range(attempts):
            self.signal(worker, signal.SIGSTOP)
            probe = sqlite3.connect(database, timeout=0.5)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.rollback()
                return
            except sqlite3.OperationalError:
                self.signal(worker, signal.SIGCONT)
                time.sleep(0.02)
            finally:
                probe.close()
        pytest.fail(f"the worker was inside a database write at each of {attempts} stops")

    def worker_of(self, job_id: int) -> subprocess.Popen[bytes]:
        """The worker subprocess whose pool process holds the job's lease (owner is host:pid:…)."""
        with self.sessions() as session:
            owner = session.scalar(select(Job.lease_owner).where(Job.id == job_id)) or ""
        pid = int(owner.split(":")[1])
        parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        return next(w for w in self.workers if w.pid in (pid, parent))

    def job(self, submission_id: str) -> Job:
        with self.sessions() as session:
            job = session.scalar(select(Job).where(Job.submission_id == submission_id))
            assert job is not None
            return job

    def signal(self, worker: subprocess.Popen[bytes], sig: int) -> None:
        os.killpg(worker.pid, sig)

    def stop(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                try:
                    os.killpg(worker.pid, signal.SIGCONT)
                    os.kill(worker.pid, signal.SIGTERM)  # Celery's warm shutdown stops its pool itself
                except ProcessLookupError:
                    continue
        for worker in self.workers:
            try:
                worker.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(5)

    def logs_text(self) -> str:
        return "\n".join(log.read_text(errors="replace") for log in self.logs)


def _delete_queue(url: str, queue: str) -> None:
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=3) as connection:
            connection.default_channel.queue_delete(queue)
    except Exception:
        pass


def make_fleet(tmp_path: Path, kind: str, **overrides: object) -> Iterator[Fleet]:
    url = broker_url(kind)
    queue = f"verifier.test.{uuid.uuid4().hex[:10]}"
    database_url = f"sqlite:///{tmp_path / 'verifier.db'}"
    values: dict[str, object] = {
        "broker_url": url,
        "queue": queue,
        "lease_seconds": 6,  # well above a heartbeat delayed on a loaded machine (0.5 s apart)
        "heartbeat_seconds": 0.5,
        "sweep_seconds": 0.5,
        "publish_grace_seconds": 5,
        **overrides,
    }
    settings = api_settings(tmp_path, database_url, **values)
    env = {
        **os.environ,
        "VERIFIER_API_DEV_MODE": "1",
        "VERIFIER_API_ADMIN_KEY": ADMIN_KEY,
        "VERIFIER_API_DATABASE_URL": database_url,
        "VERIFIER_API_STORAGE_DIR": str(settings.storage_dir),
        "VERIFIER_BROKER_URL": url,
        **{f"VERIFIER_API_{name.upper()}": str(value) for name, value in values.items() if name != "broker_url"},
    }
    app = create_app(settings, null_ocr_settings())
    with TestClient(app) as client:
        tenant = make_tenant(client, "platform-a", "甲平台")
        sessions = session_factory(make_engine(database_url))
        fleet = Fleet(tmp_path, url, queue, client, tenant, sessions, env)
        try:
            yield fleet
        finally:
            fleet.stop()
            _delete_queue(url, queue)


@pytest.fixture
def rabbit_fleet(tmp_path: Path) -> Iterator[Fleet]:
    yield from make_fleet(tmp_path, "rabbitmq")


@pytest.fixture(params=["rabbitmq", "redis"])
def any_fleet(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Fleet]:
    yield from make_fleet(tmp_path, request.param)
