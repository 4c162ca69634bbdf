"""Prometheus metrics, read from the jobs table at each scrape (so every API process reports the whole fleet).

verifier_jobs{status,priority}              queue depth: jobs by status and priority
verifier_oldest_queued_job_age_seconds      how long the oldest queued job has waited
verifier_jobs_reclaimed_total               leases that ran out and were taken again (killed or stalled workers)
verifier_live_workers / _worker_processes   fleet hosts seen by their sweeper lately, and their processes
verifier_pages_total                        pages verified by finished jobs
verifier_pages_per_second                   pages of jobs finished in the last `window` seconds, per second
verifier_webhook_deliveries{status}         the delivery log by status
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector, CollectorRegistry
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from api.jobs import Priority, now
from api.settings import ApiSettings
from api.tables import FleetWorker, Job, WebhookDelivery

_STATUSES = ("queued", "running", "done", "failed")


class FleetCollector(Collector):
    def __init__(self, sessions: sessionmaker[Session], settings: ApiSettings, in_process_workers: int) -> None:
        self.sessions = sessions
        self.settings = settings
        self.in_process_workers = in_process_workers
        self.window = 300.0

    def collect(self) -> Iterator[Metric]:
        moment = now()
        with self.sessions() as session:
            depth = session.execute(select(Job.status, Job.priority, func.count()).group_by(Job.status, Job.priority))
            oldest = session.scalar(select(func.min(Job.created_at)).where(Job.status == "queued"))
            reclaimed = session.scalar(select(func.coalesce(func.sum(Job.reclaims), 0)))
            pages = session.scalar(select(func.coalesce(func.sum(Job.pages), 0)).where(Job.status == "done"))
            recent = session.scalar(
                select(func.coalesce(func.sum(Job.pages), 0)).where(
                    Job.status == "done", Job.finished_at >= moment - timedelta(seconds=self.window)
                )
            )
            alive_since = moment - timedelta(seconds=self.settings.sweep_seconds * 3 + 1)
            hosts = session.execute(
                select(func.count(), func.coalesce(func.sum(FleetWorker.processes), 0)).where(
                    FleetWorker.seen_at >= alive_since
                )
            ).one()
            deliveries = session.execute(
                select(WebhookDelivery.status, func.count()).group_by(WebhookDelivery.status)
            ).all()

        jobs = GaugeMetricFamily("verifier_jobs", "Jobs by status and priority", labels=["status", "priority"])
        counts = {(status, priority): 0 for status in _STATUSES for priority in Priority}
        for status, priority, n in depth:
            key = (status, Priority(priority) if priority in Priority._value2member_map_ else Priority.normal)
            counts[key] = counts.get(key, 0) + int(n)
        for (status, priority), n in counts.items():
            jobs.add_metric([status, priority.name], n)
        yield jobs
        age = GaugeMetricFamily("verifier_oldest_queued_job_age_seconds", "Age of the oldest queued job")
        age.add_metric([], (moment - _aware(oldest)).total_seconds() if oldest else 0.0)
        yield age
        yield CounterMetricFamily(
            "verifier_jobs_reclaimed", "Jobs taken again after their lease ran out", value=int(reclaimed or 0)
        )
        live, processes = hosts
        yield GaugeMetricFamily(
            "verifier_live_workers",
            "Worker hosts alive (fleet sweepers seen lately, plus this process's job threads)",
            value=int(live) + (1 if self.in_process_workers else 0),
        )
        yield GaugeMetricFamily(
            "verifier_worker_processes",
            "Job-running processes or threads alive",
            value=int(processes) + self.in_process_workers,
        )
        yield CounterMetricFamily("verifier_pages", "Pages verified by finished jobs", value=int(pages or 0))
        yield GaugeMetricFamily(
            "verifier_pages_per_second",
            f"Pages per second, over jobs finished in the last {int(self.window)} s",
            value=float(recent or 0) / self.window,
        )
        hooks = GaugeMetricFamily("verifier_webhook_deliveries", "Webhook deliveries by status", labels=["status"])
        found = dict(deliveries)
        for status in ("pending", "delivered", "failed"):
            hooks.add_metric([status], int(found.get(status, 0)))
        yield hooks


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def registry_for(sessions: sessionmaker[Session], settings: ApiSettings, in_process_workers: int) -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(FleetCollector(sessions, settings, in_process_workers))
    return registry
