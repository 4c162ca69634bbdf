"""The Celery application of the fleet, configured from the service settings.

Celery is the transport only. Each job stored by the API sends one token, `verifier.run_next`; a worker that
receives a token claims the next job from the jobs table (highest priority, tenants taking turns) under a
lease, exactly as in-process workers do. Tokens are interchangeable, so the order jobs run in is decided in
one place for every broker (and for no broker), and a token delivered twice costs one empty claim.
"""

from __future__ import annotations

from celery import Celery
from kombu import Queue

from api.settings import ApiSettings

RUN_NEXT = "verifier.run_next"


def make_celery(settings: ApiSettings) -> Celery:
    app = Celery("verifier", broker=settings.broker_url, set_as_current=False)
    transport_options: dict[str, object] = {}
    if settings.broker_url.startswith(("redis://", "rediss://")):
        # Redis redelivers an unacknowledged token only after its visibility timeout (an hour by default), and
        # a task running longer than that runs twice: keep it above the hard time limit (DESIGN.md).
        transport_options["visibility_timeout"] = int(settings.job_time_limit * 2 + 60)
    app.conf.update(
        task_default_queue=settings.queue,
        task_queues=[Queue(settings.queue, routing_key=settings.queue)],
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,  # status, progress and attempts live in the jobs table
        # A token is acknowledged only once its job has ended; a worker process lost mid-job returns it.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_soft_time_limit=settings.job_soft_time_limit,
        task_time_limit=settings.job_time_limit,
        worker_max_memory_per_child=settings.max_memory_per_child_mb * 1024,  # in KiB
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
        broker_transport_options=transport_options,
        worker_send_task_events=True,  # for Flower and `celery events`
        task_send_sent_event=True,
    )
    return app


def send_token(app: Celery, job_id: int) -> None:
    app.send_task(RUN_NEXT, kwargs={"hint": job_id})
