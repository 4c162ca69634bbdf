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


def test_the_service_builds_no_settings_of_the_verifier_and_takes_the_tree_passed_down(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import ast
    from pathlib import Path

    from fastapi.testclient import TestClient

    import api
    import verifier.settings as tree
    from api.app import create_app
    from tests.api.helpers import api_settings, null_ocr_settings

    # No module of the service builds a part of the verifier's settings tree (each would read the environment
    # again, apart from the tree its caller passed): create_app and the worker read it once, at their top.
    kinds = {name for name, value in vars(tree).items() if isinstance(value, type) and name.endswith("Settings")}
    kinds |= {"DuplicateSettings", "QualitySettings"}
    built = [
        f"{path.name}:{node.lineno}"
        for path in Path(api.__file__).parent.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in kinds
    ]
    assert built == []

    given = null_ocr_settings()
    given.duplicates.candidate_radius += 1
    app = create_app(api_settings(tmp_path), given)
    with TestClient(app):
        assert app.state.services.verifier_settings is given
