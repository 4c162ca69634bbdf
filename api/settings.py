"""Service settings, from VERIFIER_API_* environment variables; refuses to start with default secrets."""

from __future__ import annotations

from pathlib import Path
from typing import Self

from pydantic import AliasChoices, Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from verifier.errors import ConfigError

_DEV_PEPPER = "dev-pepper-not-secret"


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VERIFIER_API_", populate_by_name=True)

    # SQLite file by default; a postgresql+psycopg:// URL uses PostgreSQL through the same code.
    database_url: str = "sqlite:///var/verifier/verifier.db"
    # Uploaded files, report JSON and page images, content-addressed (sha256) under this directory.
    storage_dir: Path = Path("var/verifier/blobs")
    # A fleet's machines must share the blobs: mount one folder on each (storage_dir), or set an S3-compatible
    # bucket, s3://bucket/prefix, with s3_endpoint_url for a store other than AWS (MinIO, Ceph, …).
    storage_url: str = ""
    s3_endpoint_url: str = ""
    # Dev mode allows the built-in pepper and an empty admin key; never in production.
    dev_mode: bool = False
    # Bootstrap key that may create tenants and API keys (POST /v1/admin/...); empty disables admin routes.
    admin_key: str = ""
    # Mixed into every stored key hash, so a leaked database alone cannot be used to test guessed keys.
    key_pepper: str = ""

    # Limits. One file: same default as the pipeline's own ingest limit.
    max_file_bytes: int = 50 * 1024 * 1024
    max_files: int = 100
    max_submission_bytes: int = 500 * 1024 * 1024
    max_pixels: int = 50_000_000
    # Over all pages of one image file, as the pipeline's ingest counts them (its max_total_pixels, max_pages).
    max_total_pixels: int = 250_000_000
    max_pages: int = 50
    # Non-file form fields (applicant profile, columns): a handful plus one column per file.
    max_fields: int = 220

    # Job workers in this process (threads, each with its own OCR engine) and leases.
    workers: int = Field(1, ge=0)
    lease_seconds: float = 60.0
    heartbeat_seconds: float = 10.0
    poll_seconds: float = 1.0
    max_attempts: int = 3
    # Threads serving POST /v1/verify; each loads its own OCR engine on first use.
    sync_workers: int = Field(1, ge=1)

    session_hours: float = 12.0

    # Webhooks: each attempt waits at most this long for the endpoint; failed attempts are retried after
    # backoff × 2^(n-1) seconds (capped at an hour) until max_attempts (5 s × 2^0…2^7: about 21 minutes).
    webhook_timeout_seconds: float = 10.0
    webhook_backoff_seconds: float = 5.0
    webhook_max_attempts: int = 8
    webhook_poll_seconds: float = 1.0
    # Webhook URLs must name public addresses; allow private ones only where the receiver sits on the same
    # private network on purpose (and in tests).
    webhook_private_addresses: bool = False

    # GET /metrics: open (behind the deployment's network rules) when empty, else needs `Bearer <token>`.
    metrics_token: str = ""

    # Requests per tenant (all its keys), in the `limits` notation; several windows separated by ";".
    # Empty: no limit. Storage: memory:// (this process) or redis://… (shared by every API process).
    rate_limit: str = "1200/minute;100/second"
    rate_limit_storage: str = "memory://"

    # The worker fleet (docs/SCALE.md). With a broker URL (amqp://… for RabbitMQ, redis://… for Redis) the
    # service only stores uploads and sends one work token per job; `verifier worker` processes run the jobs.
    # Empty: jobs run in this process's threads (`workers`), as on a single machine.
    broker_url: str = Field("", validation_alias=AliasChoices("VERIFIER_BROKER_URL", "VERIFIER_API_BROKER_URL"))
    queue: str = "verifier.jobs"
    # Per job: at the soft limit the job ends `failed` with JOB_TIME_LIMIT; at the hard limit Celery kills the
    # process and the job's lease decides what happens next (another attempt, up to max_attempts). RabbitMQ
    # closes a channel whose message stays unacknowledged past its consumer_timeout (30 min by default):
    # keep the hard limit below it.
    job_soft_time_limit: float = 1500.0
    job_time_limit: float = 1620.0
    # A worker process that grew past this much resident memory is replaced after its current job.
    max_memory_per_child_mb: int = 4096
    # How often each worker host puts jobs with an expired lease back in the queue and sends tokens for jobs
    # left unpublished (a broker that was down when they were stored) once they are this old.
    sweep_seconds: float = 5.0
    publish_grace_seconds: float = 30.0

    @model_validator(mode="after")
    def _refuse_default_secrets(self) -> Self:
        if self.dev_mode:
            if not self.key_pepper:
                self.key_pepper = _DEV_PEPPER
            return self
        if len(self.key_pepper) < 16:
            raise ValueError(
                "VERIFIER_API_KEY_PEPPER must be set to a random secret of 16+ characters "
                "(or set VERIFIER_API_DEV_MODE=1 for local development)"
            )
        if self.key_pepper == _DEV_PEPPER:
            raise ValueError("VERIFIER_API_KEY_PEPPER is the development default; set a random secret")
        if self.admin_key and len(self.admin_key) < 24:
            raise ValueError("VERIFIER_API_ADMIN_KEY is too short; use 24+ random characters")
        return self

    @property
    def uses_broker(self) -> bool:
        return bool(self.broker_url)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def load_settings() -> ApiSettings:
    """The settings from the environment, or a ConfigError that says in one line what to set."""
    try:
        return ApiSettings()
    except ValidationError as exc:
        problems = "; ".join(str(e.get("msg", "")).removeprefix("Value error, ") for e in exc.errors())
        raise ConfigError(f"服务配置错误：{problems}") from None
