"""A bounded load test of the service on 127.0.0.1: concurrent uploads, then status polls, on SQLite and on
PostgreSQL; and an anonymous upload, to show its body is refused before it is read.

    python bench/load.py --backend sqlite --uploads 100 --polls 1000
    python bench/load.py --backend postgresql      # needs PostgreSQL on 127.0.0.1:5432, database test

The server runs as `uvicorn api.app:create_app --factory` in a subprocess (one job thread, the null OCR engine,
documents in a worker process with their time budget, as deployed). Prints one JSON line: p50/p95 latency,
throughput and errors per phase, and the body bytes an anonymous client got the server to accept.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
ADMIN = "admin-key-for-the-load-test-0123456789"
PG = "host=127.0.0.1 port=5432 user=postgres dbname=test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _certificate(number: int) -> bytes:
    sys.path.insert(0, str(ROOT))
    from tests.api.helpers import certificate_pdf

    return certificate_pdf(number=f"LOAD-{number:05d}")


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "p50_ms": round(1000 * statistics.median(ordered), 1),
        "p95_ms": round(1000 * ordered[max(0, round(0.95 * len(ordered)) - 1)], 1),
    }


async def _phase(requests: list, concurrency: int) -> dict[str, object]:  # type: ignore[type-arg]
    """Run request coroutines (factories) `concurrency` at a time; latency, throughput and errors."""
    gate = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    codes: dict[str, int] = {}

    async def one(make) -> None:  # type: ignore[no-untyped-def]
        async with gate:
            start = time.perf_counter()
            try:
                status = str((await make()).status_code)
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            latencies.append(time.perf_counter() - start)
            codes[status] = codes.get(status, 0) + 1

    began = time.perf_counter()
    await asyncio.gather(*(one(make) for make in requests))
    took = time.perf_counter() - began
    errors = sum(n for code, n in codes.items() if not code.isdigit() or int(code) >= 400)
    server_errors = sum(n for code, n in codes.items() if code.isdigit() and int(code) >= 500)
    return {
        "requests": len(requests), **_percentiles(latencies), "per_second": round(len(requests) / took, 1),
        "errors": errors, "server_errors": server_errors, "codes": codes,
    }


def _anonymous_bytes(port: int, size: int = 50 * 1024 * 1024) -> int:
    """Announce a large upload without a key and wait for the answer before sending the body, as a client that
    sends `Expect: 100-continue` does: the body bytes the server asked for (0 when it answers 401 first)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(
            b"POST /v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
            + f"Content-Length: {size}\r\nExpect: 100-continue\r\n\r\n".encode()
        )
        answer = conn.recv(65536)
        sent = 0
        if answer.startswith(b"HTTP/1.1 100"):  # the server wants the body: send it all
            chunk = b"\0" * 65536
            while sent < size:
                conn.sendall(chunk)
                sent += len(chunk)
            answer = conn.recv(65536)
    assert answer.startswith(b"HTTP/1.1 401"), answer[:100]
    return sent


async def _run(base: str, port: int, uploads: int, polls: int) -> dict[str, object]:
    limits = httpx.Limits(max_connections=uploads, max_keepalive_connections=uploads)
    async with httpx.AsyncClient(base_url=base, timeout=300, limits=limits) as client:
        admin = {"X-API-Key": ADMIN}
        await client.post("/v1/admin/tenants", json={"id": "load", "name": "压测"}, headers=admin)
        key = (await client.post("/v1/admin/tenants/load/keys", json={"name": "load"}, headers=admin)).json()["key"]
        headers = {"Authorization": f"Bearer {key}"}
        documents = [_certificate(i) for i in range(uploads)]
        ids: list[str] = []

        def upload(i: int):  # type: ignore[no-untyped-def]
            async def send() -> httpx.Response:
                files = [("files", (f"获奖证书/{i}.pdf", documents[i], "application/pdf"))]
                response = await client.post("/v1/submissions", files=files, headers=headers)
                if response.status_code in (200, 202):
                    ids.append(response.json()["id"])
                return response
            return send

        upload_phase = await _phase([upload(i) for i in range(uploads)], uploads)

        def poll(i: int):  # type: ignore[no-untyped-def]
            return lambda: client.get(f"/v1/submissions/{ids[i % len(ids)]}", headers=headers)

        poll_phase = await _phase([poll(i) for i in range(polls)], 50)
    return {"uploads": upload_phase, "polls": poll_phase, "anonymous_body_bytes_read": _anonymous_bytes(port)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--uploads", type=int, default=100)
    parser.add_argument("--polls", type=int, default=1000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="verifier-load-"))
    schema = f"load_{uuid.uuid4().hex[:10]}"
    if args.backend == "sqlite":
        url = f"sqlite:///{tmp / 'verifier.db'}"
    else:
        import psycopg

        with psycopg.connect(PG, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    port = _free_port()
    env = {
        **os.environ, "PYTHONPATH": str(ROOT), "VERIFIER_API_DEV_MODE": "1", "VERIFIER_API_ADMIN_KEY": ADMIN,
        "VERIFIER_API_DATABASE_URL": url, "VERIFIER_API_STORAGE_DIR": str(tmp / "blobs"),
        "VERIFIER_API_RATE_LIMIT": "100000/minute", "VERIFIER_OCR_ENGINE": "null",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=(tmp / "server.log").open("wb"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        result = asyncio.run(_run(base, port, args.uploads, args.polls))
    finally:
        server.terminate()
        server.wait(30)
        if args.backend == "postgresql":
            import psycopg

            with psycopg.connect(PG, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    print(json.dumps({"backend": args.backend, **result}, ensure_ascii=False))


if __name__ == "__main__":
    main()
