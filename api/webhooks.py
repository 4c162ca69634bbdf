"""Signed webhooks: a tenant's endpoints are told when a submission is done or failed.

Each event becomes one row per endpoint in the delivery log (webhook_deliveries), written in the same
transaction that finishes the job, so an event is never lost to a crash. Senders — a thread in each API
process and the sweeper of each fleet worker — claim due rows under a short lease, POST the JSON payload, and
record the answer; a failed attempt is retried with exponential backoff until `webhook_max_attempts`.

The signature follows the scheme platforms know from payment providers:
`X-Verifier-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`; a receiver recomputes
it over the raw body and refuses a timestamp older than a few minutes (replays). `verify_signature` does
exactly that (both live in verifier.client, which platforms use too).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from datetime import timedelta

import httpx
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from api import jobs
from api.settings import ApiSettings
from api.tables import Submission, Webhook, WebhookDelivery
from api.webhook_targets import TargetRefused, check_resolved_host
from verifier.client import sign

log = logging.getLogger("api.webhooks")

SIGNATURE_HEADER = "X-Verifier-Signature"
EVENTS = ("submission.done", "submission.failed")


def record_event(session: Session, submission_id: str, event: str) -> int:
    """Inside the transaction that finishes the job: one pending delivery per active endpoint of the tenant."""
    submission = session.get(Submission, submission_id)
    if submission is None:
        return 0
    hooks = session.scalars(
        select(Webhook).where(Webhook.tenant_id == submission.tenant_id, Webhook.disabled_at.is_(None))
    ).all()
    payload = {
        "event": event,
        "submission_id": submission.id,
        "status": "done" if event == "submission.done" else "failed",
        "status_url": f"/v1/submissions/{submission.id}",
        "summary": {
            "documents": submission.documents_total,
            "accepted": submission.accepted,
            "review": submission.review,
            "rejected": submission.rejected,
        },
        "error": {"code": submission.error_code, "message": submission.error_message}
        if submission.error_code
        else None,
    }
    for hook in hooks:
        session.add(
            WebhookDelivery(
                webhook_id=hook.id,
                tenant_id=submission.tenant_id,
                submission_id=submission.id,
                event=event,
                payload=payload,
                status="pending",
                next_attempt_at=jobs.now(),
            )
        )
    return len(hooks)


class WebhookSender:
    """Claims due deliveries and sends them; `deliver_due` is one pass, `start` runs passes in a thread."""

    def __init__(self, sessions: sessionmaker[Session], settings: ApiSettings) -> None:
        self.sessions = sessions
        self.settings = settings
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.client = httpx.Client(timeout=settings.webhook_timeout_seconds, follow_redirects=False)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="verifier-webhooks", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(self.settings.webhook_timeout_seconds + 1)
        self.client.close()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                sent = self.deliver_due()
            except Exception:
                log.exception("sending webhooks failed")
                sent = 0
            if not sent:
                self._stop.wait(self.settings.webhook_poll_seconds)

    def deliver_due(self, limit: int = 20) -> int:
        sent = 0
        for delivery_id in self._claim(limit):
            self._send(delivery_id)
            sent += 1
        return sent

    def _claim(self, limit: int) -> list[int]:
        moment = jobs.now()
        due = (
            WebhookDelivery.status == "pending",
            WebhookDelivery.next_attempt_at <= moment,
            or_(WebhookDelivery.lease_until.is_(None), WebhookDelivery.lease_until < moment),
        )
        with self.sessions.begin() as session:
            ids = select(WebhookDelivery.id).where(*due).order_by(WebhookDelivery.next_attempt_at).limit(limit)
            if session.get_bind().dialect.name == "postgresql":
                ids = ids.with_for_update(skip_locked=True)
            lease = moment + timedelta(seconds=self.settings.webhook_timeout_seconds * 2 + 5)
            return list(
                session.scalars(
                    update(WebhookDelivery)
                    .where(WebhookDelivery.id.in_(ids.scalar_subquery()), *due)
                    .values(lease_until=lease)
                    .returning(WebhookDelivery.id)
                )
            )

    def _send(self, delivery_id: int) -> None:
        with self.sessions() as session:
            delivery = session.get(WebhookDelivery, delivery_id)
            hook = session.get(Webhook, delivery.webhook_id) if delivery else None
        if delivery is None or hook is None:
            return
        body = json.dumps({**delivery.payload, "delivery_id": delivery.id}, ensure_ascii=False).encode()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "evidence-verifier-webhooks/1",
            "X-Verifier-Event": delivery.event,
            "X-Verifier-Delivery": str(delivery.id),
            SIGNATURE_HEADER: sign(hook.secret, body, int(time.time())),
        }
        status, error = None, None
        try:
            if not self.settings.webhook_private_addresses:
                check_resolved_host(hook.url)
            answer = self.client.post(hook.url, content=body, headers=headers)
            status = answer.status_code
            if not 200 <= status < 300:
                error = f"HTTP {status}"
        except (httpx.HTTPError, TargetRefused) as exc:
            error = f"{type(exc).__name__}: {exc}"[:2000]
        self._record(delivery, status, error)

    def _record(self, delivery: WebhookDelivery, status: int | None, error: str | None) -> None:
        attempts = delivery.attempts + 1
        moment = jobs.now()
        values: dict[str, object] = {"attempts": attempts, "last_status": status, "last_error": error}
        if error is None:
            values.update(status="delivered", delivered_at=moment, lease_until=None)
        elif attempts >= self.settings.webhook_max_attempts:
            values.update(status="failed", lease_until=None)
            log.warning("webhook delivery %s failed for good after %s attempts: %s", delivery.id, attempts, error)
        else:
            backoff = min(self.settings.webhook_backoff_seconds * 2 ** (attempts - 1), 3600.0)
            values.update(next_attempt_at=moment + timedelta(seconds=backoff), lease_until=None)
        with self.sessions.begin() as session:
            session.execute(update(WebhookDelivery).where(WebhookDelivery.id == delivery.id).values(**values))
