"""Everything a request or a worker needs, built once per process from the settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from api.blobs import BlobStore, open_blob_store
from api.database import make_engine, migrate, session_factory
from api.rate_limit import TenantRateLimiter
from api.settings import ApiSettings
from verifier.settings import Settings


@dataclass
class Services:
    settings: ApiSettings
    verifier_settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    blobs: BlobStore
    rate_limiter: TenantRateLimiter
    # Set by the first worker (or the sync pool) once its OCR engine is loaded; /readyz reports it.
    ocr_ready: bool = field(default=False)

    @classmethod
    def build(cls, settings: ApiSettings, verifier_settings: Settings) -> Services:
        engine = make_engine(settings.database_url)
        migrate(engine)
        return cls(
            settings=settings,
            verifier_settings=verifier_settings,
            engine=engine,
            sessions=session_factory(engine),
            blobs=open_blob_store(settings),
            rate_limiter=TenantRateLimiter(settings.rate_limit, settings.rate_limit_storage),
        )

    def close(self) -> None:
        self.engine.dispose()
