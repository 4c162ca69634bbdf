"""The service refuses to start with default or empty secrets outside dev mode."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from api.settings import ApiSettings


def test_missing_pepper_is_refused_outside_dev_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VERIFIER_API_KEY_PEPPER", raising=False)
    monkeypatch.delenv("VERIFIER_API_DEV_MODE", raising=False)
    with pytest.raises(ValidationError, match="KEY_PEPPER"):
        ApiSettings()


def test_short_admin_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERIFIER_API_KEY_PEPPER", "p" * 32)
    monkeypatch.setenv("VERIFIER_API_ADMIN_KEY", "admin")
    with pytest.raises(ValidationError, match="ADMIN_KEY"):
        ApiSettings()


def test_environment_configures_the_service(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERIFIER_API_KEY_PEPPER", "p" * 32)
    monkeypatch.setenv("VERIFIER_API_DATABASE_URL", "postgresql+psycopg://db/verifier")
    monkeypatch.setenv("VERIFIER_API_WORKERS", "3")
    settings = ApiSettings()
    assert (settings.database_url, settings.workers, settings.is_sqlite) == (
        "postgresql+psycopg://db/verifier",
        3,
        False,
    )


def test_dev_mode_allows_defaults() -> None:
    assert ApiSettings(dev_mode=True).key_pepper
