"""A small typed client of the verification service, for platforms written in Python.

```
from verifier.client import VerifierClient

client = VerifierClient("https://verifier.example", api_key="vk_…")
report = client.submit([("获奖证书", "证书1.jpg"), ("教师资格证", "资格证.pdf")], name="张晓梅").wait()
for doc in report.documents:
    print(doc.file, doc.verdict, [f.code for f in doc.flags])
```

`wait()` polls as the service asks (its Retry-After), waits out a 429 the same way, and raises
`SubmissionFailed` for a job that ended `failed`. Webhook receivers check a delivery with `verify_signature`.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

import httpx

from models.report import Report

FileSpec = str | Path | tuple[str | None, str | Path] | tuple[str | None, str, bytes]
Priority = Literal["interactive", "normal", "bulk"]


class ApiError(Exception):
    """An error answer of the service: its HTTP status and stable code (docs/API.md)."""

    def __init__(self, status: int, code: str, message: str, detail: object = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message, self.detail = status, code, message, detail


class SubmissionFailed(ApiError):
    """The job ended `failed` (its code, e.g. JOB_ATTEMPTS_EXHAUSTED, JOB_TIME_LIMIT)."""


@dataclass(frozen=True)
class Status:
    id: str
    status: Literal["queued", "running", "done", "failed"]
    documents_done: int
    documents_total: int
    report: Report | None
    error: dict[str, Any] | None
    retry_after: float | None


class Submission:
    """A stored submission: poll it with `status()`, or `wait()` for its report."""

    def __init__(self, client: VerifierClient, submission_id: str, retry_after: float | None = None) -> None:
        self.client = client
        self.id = submission_id
        self._retry_after = retry_after

    def status(self) -> Status:
        response = self.client.request("GET", f"/v1/submissions/{self.id}")
        body = response.json()
        return Status(
            id=body["id"],
            status=body["status"],
            documents_done=body["progress"]["documents_done"],
            documents_total=body["progress"]["documents_total"],
            report=Report.model_validate(body["report"]) if body.get("report") else None,
            error=body.get("error"),
            retry_after=_retry_after(response),
        )

    def wait(self, timeout: float | None = 3600.0, poll: float | None = None) -> Report:
        """Block until the report is there. `poll` overrides the service's Retry-After (seconds)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        pause = self._retry_after
        while True:
            if pause:
                time.sleep(_bounded(poll or pause, deadline))
            state = self.status()
            if state.status == "done" and state.report is not None:
                return state.report
            if state.status == "failed":
                error = state.error or {}
                raise SubmissionFailed(200, error.get("code", "FAILED"), error.get("message", ""))
            if deadline is not None and time.monotonic() >= deadline:
                raise TimeoutError(f"submission {self.id} still {state.status} after {timeout} s")
            pause = poll or state.retry_after or 1.0

    def delete(self) -> dict[str, Any]:
        return self.client.request("DELETE", f"/v1/submissions/{self.id}").json()


class VerifierClient:
    def __init__(
        self,
        base_url: str,
        api_key: str,
        timeout: float = 120.0,
        http: httpx.Client | None = None,
        max_rate_limit_waits: int = 5,
    ) -> None:
        """`http` lets a caller bring its own httpx.Client (proxies, TLS settings, a test client)."""
        self.http = http or httpx.Client(base_url=base_url, timeout=timeout)
        self.headers = {"Authorization": f"Bearer {api_key}"}
        self.max_rate_limit_waits = max_rate_limit_waits

    def __enter__(self) -> VerifierClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.close()

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One call; a 429 is waited out (Retry-After) a few times, any other error raises ApiError."""
        for _ in range(self.max_rate_limit_waits + 1):
            response = self.http.request(method, path, headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)
            if response.status_code != 429:
                break
            time.sleep(_retry_after(response) or 1.0)
        if response.status_code >= 400:
            try:
                body = response.json()
            except ValueError:
                body = {"code": "HTTP_ERROR", "message": response.text[:200]}
            code, message = body.get("code", "HTTP_ERROR"), body.get("message", "")
            raise ApiError(response.status_code, code, message, body.get("detail"))
        return response

    def submit(
        self,
        files: Sequence[FileSpec],
        *,
        name: str | None = None,
        target_title: str | None = None,
        tier: str | None = None,
        current_title_since: date | str | None = None,
        ruleset: str | None = None,
        priority: Priority | None = None,
        idempotency_key: str | None = None,
    ) -> Submission:
        """Upload files for verification. Each file is a path (no column), `(column, path)`, or
        `(column, file_name, bytes)`."""
        parts, columns = [], []
        for spec in files:
            column, label, data = _read(spec)
            parts.append(("files", (label, data, "application/octet-stream")))
            columns.append(column or "")
        form: dict[str, Any] = {"columns": columns}
        profile = {
            "name": name,
            "target_title": target_title,
            "tier": tier,
            "current_title_since": str(current_title_since) if current_title_since else None,
            "ruleset": ruleset,
            "priority": priority,
        }
        form.update({k: v for k, v in profile.items() if v is not None})
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        response = self.request("POST", "/v1/submissions", files=parts, data=form, headers=headers)
        return Submission(self, response.json()["id"], _retry_after(response))

    def submission(self, submission_id: str) -> Submission:
        return Submission(self, submission_id)

    def submissions(self, page_size: int = 100, **filters: str) -> Iterator[dict[str, Any]]:
        """Every submission matching the filters (status, priority, name, created_after, created_before),
        newest first, following the cursor from page to page."""
        cursor: str | None = None
        while True:
            params = {**filters, "limit": page_size, **({"cursor": cursor} if cursor else {})}
            page = self.request("GET", "/v1/submissions", params=params).json()
            yield from page["items"]
            cursor = page.get("next_cursor")
            if not cursor:
                return


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The webhook signature header value: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify_signature(secret: str, body: bytes, header: str, tolerance: float = 300.0) -> bool:
    """True when `header` (X-Verifier-Signature) signs the raw `body` with `secret` and is at most
    `tolerance` seconds old (an older one may be a replay)."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def _read(spec: FileSpec) -> tuple[str | None, str, bytes]:
    if isinstance(spec, str | Path):
        path = Path(spec)
        return None, path.name, path.read_bytes()
    if len(spec) == 3:
        column, label, data = spec
        return column, str(label), bytes(data)
    column, file = spec
    return column, Path(file).name, Path(file).read_bytes()


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _bounded(seconds: float, deadline: float | None) -> float:
    if deadline is None:
        return seconds
    return max(0.0, min(seconds, deadline - time.monotonic()))
