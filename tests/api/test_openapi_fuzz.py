"""Schemathesis against the OpenAPI document: generated requests never produce a 5xx (null OCR engine)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="pip install schemathesis")
from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from api.app import create_app  # noqa: E402
from tests.api.helpers import api_settings, make_tenant, null_ocr_settings  # noqa: E402

# The app is built at import so Schemathesis can read its schema; its lifespan starts in the fixture below.
_workdir = Path(tempfile.mkdtemp(prefix="verifier-fuzz-"))
app = create_app(api_settings(_workdir, workers=0), null_ocr_settings())
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
_auth: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def running_app() -> Iterator[None]:
    with TestClient(app) as client:
        tenant = make_tenant(client, "fuzz-tenant")
        _auth["Authorization"] = f"Bearer {tenant.key}"
        yield
    shutil.rmtree(_workdir, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case) -> None:  # type: ignore[no-untyped-def]
    response = case.call(headers=_auth)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text}"
