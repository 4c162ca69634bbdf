"""Telling workers that jobs were stored: wake this process's threads, or send work tokens to the fleet."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from api import jobs

log = logging.getLogger("api.jobs")


class Dispatcher(Protocol):
    def dispatch(self, job_ids: list[int]) -> None: ...


class WakeThreads:
    """No broker: the in-process job threads poll the table; a wake only skips the rest of their wait."""

    def __init__(self, wake: Callable[[], None]) -> None:
        self.wake = wake

    def dispatch(self, job_ids: list[int]) -> None:
        self.wake()


class SendTokens:
    """A broker: one `verifier.run_next` token per newly stored job. A job whose token could not be sent stays
    unpublished in the table and a worker's sweeper sends it later, so an upload is never lost to the broker."""

    def __init__(self, sessions: sessionmaker[Session], send: Callable[[int], None]) -> None:
        self.sessions = sessions
        self.send = send

    def dispatch(self, job_ids: list[int] | None = None, older_than: float = 0.0) -> None:
        taken = jobs.take_unpublished(self.sessions, job_ids, older_than)
        unsent = []
        for job_id in taken:
            try:
                self.send(job_id)
            except Exception:
                log.exception("sending the token of job %s failed; a worker's sweeper sends it later", job_id)
                unsent.append(job_id)
        if unsent:
            jobs.unpublish(self.sessions, unsent)
