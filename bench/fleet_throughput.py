"""Pages per second of the worker fleet on this machine, with 1, 2, 4… worker processes, through the broker.

    python bench/fleet_throughput.py FOLDER [--processes 1 2 4] [--submissions 3] [--broker amqp://…]

FOLDER is a submission folder (subfolders are columns), e.g. `verifier fixtures sample out/sample` →
out/sample/submission. For each process count: a fresh SQLite database and blob folder, an API in this
process that only stores and sends tokens, one `verifier worker --processes N` subprocess with the real OCR
engine, and --submissions copies of the folder (each another applicant). The rate is the pages verified over
the span from the first job's claim to the last job's end, so the workers' start-up and model loading are
not counted; each job's own pages come from the jobs table.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.app import create_app
from api.database import make_engine, session_factory
from api.settings import ApiSettings
from api.tables import Job
from verifier.pipeline import collect_uploads
from verifier.settings import Settings

ADMIN = "bench-admin-key-0123456789abcdef"


def run(folder: Path, processes: int, submissions: int, broker: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="fleet-bench-") as tmp:
        database = f"sqlite:///{tmp}/verifier.db"
        queue = f"verifier.bench.{os.getpid()}.{processes}"
        values = {
            "dev_mode": True,
            "admin_key": ADMIN,
            "database_url": database,
            "storage_dir": Path(tmp) / "blobs",
            "broker_url": broker,
            "queue": queue,
            "rate_limit": "",
        }
        env = {
            **os.environ,
            "VERIFIER_API_DEV_MODE": "1",
            "VERIFIER_API_DATABASE_URL": database,
            "VERIFIER_API_STORAGE_DIR": str(Path(tmp) / "blobs"),
            "VERIFIER_BROKER_URL": broker,
            "VERIFIER_API_QUEUE": queue,
        }
        verifier_settings = Settings()
        verifier_settings.ocr.engine = "null"  # the API process reads nothing itself
        uploads = collect_uploads([folder])
        with TestClient(create_app(ApiSettings(**values), verifier_settings)) as client:  # type: ignore[arg-type]
            admin = {"X-API-Key": ADMIN}
            client.post("/v1/admin/tenants", json={"id": "bench", "name": "bench"}, headers=admin)
            key = client.post("/v1/admin/tenants/bench/keys", json={"name": "k"}, headers=admin).json()["key"]
            headers = {"Authorization": f"Bearer {key}"}
            log = Path(tmp) / "worker.log"
            worker = subprocess.Popen(
                [str(Path(sys.executable).parent / "verifier"), "worker", "--processes", str(processes)],
                env=env,
                stdout=log.open("wb"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                for n in range(submissions):
                    files = [("files", (u.file, u.read(), "application/octet-stream")) for u in uploads]
                    answer = client.post("/v1/submissions", files=files, data={"name": f"申报人{n}"}, headers=headers)
                    answer.raise_for_status()
                sessions = session_factory(make_engine(database))
                deadline = time.monotonic() + 3600
                while True:
                    with sessions() as session:
                        left = session.scalar(select(func.count()).where(Job.status.in_(("queued", "running"))))
                    if not left:
                        break
                    if worker.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(log.read_text(errors="replace")[-3000:])
                    time.sleep(0.5)
                with sessions() as session:
                    first, last, pages, failed = session.execute(
                        select(
                            func.min(Job.claimed_at),
                            func.max(Job.finished_at),
                            func.sum(Job.pages),
                            func.sum(Job.status == "failed"),
                        )
                    ).one()
            finally:
                os.kill(worker.pid, signal.SIGTERM)
                try:
                    worker.wait(60)
                except subprocess.TimeoutExpired:
                    os.killpg(worker.pid, signal.SIGKILL)
            _delete_queue(broker, queue)
    seconds = (last - first).total_seconds()
    return {
        "processes": processes,
        "pages": int(pages or 0),
        "failed_jobs": int(failed or 0),
        "seconds": round(seconds, 1),
        "pages_per_second": round(int(pages or 0) / seconds, 3),
    }


def _delete_queue(url: str, queue: str) -> None:
    from kombu import Connection

    with Connection(url) as connection:
        connection.default_channel.queue_delete(queue)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--submissions", type=int, default=3)
    parser.add_argument("--broker", default=os.environ.get("VERIFIER_BROKER_URL", "amqp://guest:guest@127.0.0.1//"))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = []
    for processes in args.processes:
        result = run(args.folder, processes, args.submissions, args.broker)
        print(json.dumps(result), flush=True)
        results.append(result)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
