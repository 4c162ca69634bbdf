"""Service settings, from VERIFIER_API_* environment variables; refuses to start with default secrets."""

from __future__ import annotations

from pathlib import Path
from typing import Self

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_DEV_PEPPER = "dev-pepper-not-secret"


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VERIFIER_API_")

    # SQLite file by default; a postgresql+psycopg:// URL uses PostgreSQL through the same code.
    database_url: str = "sqlite:///var/verifier/verifier.db"
    # Uploaded files, report JSON and page images, content-addressed (sha256) under this directory.
    storage_dir: Path = Path("var/verifier/blobs")
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
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
