"""Request limits answer 413/422 with CONTRACT codes; client file names never become paths."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.helpers import api_settings, certificate_pdf, make_tenant, null_ocr_settings, submit, wait_done
from tests.conftest import encode


def _client(tmp_path: Path, **limits: int) -> TestClient:
    return TestClient(create_app(api_settings(tmp_path, **limits), null_ocr_settings()))


def test_a_file_over_the_size_limit_is_413_file_too_large(tmp_path: Path) -> None:
    with _client(tmp_path, max_file_bytes=2000) as client:
        tenant = make_tenant(client, "t1")
        response = submit(client, tenant, [("ok.pdf", b"%PDF" + b"0" * 100), ("big.jpg", b"\xff" * 5000)])
        assert response.status_code == 413
        body = response.json()
        assert body["code"] == "FILE_TOO_LARGE"
        assert body["detail"]["file"] == "big.jpg"
        verify = client.post("/v1/verify", files={"file": ("big.jpg", b"\xff" * 5000)}, headers=tenant.headers)
        assert verify.status_code == 413 and verify.json()["code"] == "FILE_TOO_LARGE"


def test_a_request_body_over_the_submission_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    with _client(tmp_path, max_submission_bytes=10_000, max_file_bytes=200_000) as client:
        tenant = make_tenant(client, "t1")
        response = submit(client, tenant, [("big.pdf", b"%PDF" + b"0" * 200_000)])
        assert response.status_code == 413
        assert response.json()["code"] == "FILE_TOO_LARGE"


def test_too_many_files_is_422(tmp_path: Path) -> None:
    with _client(tmp_path, max_files=2) as client:
        tenant = make_tenant(client, "t1")
        response = submit(client, tenant, [(f"{i}.pdf", b"%PDF") for i in range(3)])
        assert response.status_code == 422
        assert response.json()["code"] == "TOO_MANY_FILES"
        assert response.json()["detail"] == {"files": 3, "limit": 2}


def test_an_image_with_too_many_pixels_is_422_image_too_large(tmp_path: Path) -> None:
    with _client(tmp_path, max_pixels=100 * 100) as client:
        tenant = make_tenant(client, "t1")
        png = encode(np.full((200, 300, 3), 255, np.uint8))
        response = submit(client, tenant, [("photo.png", png)])
        assert response.status_code == 422
        assert response.json()["code"] == "IMAGE_TOO_LARGE"


def test_columns_must_match_files(tmp_path: Path) -> None:
    with _client(tmp_path) as client:
        tenant = make_tenant(client, "t1")
        response = submit(client, tenant, [("a.pdf", b"%PDF"), ("b.pdf", b"%PDF")], columns=["获奖证书"])
        assert response.status_code == 422 and response.json()["code"] == "COLUMNS_MISMATCH"


def test_client_file_names_are_labels_only(tmp_path: Path) -> None:
    with _client(tmp_path) as client:
        tenant = make_tenant(client, "t1")
        response = submit(client, tenant, [("../../../etc/passwd.pdf", certificate_pdf()), ("..\\x.pdf", b"%PDF")])
        report = wait_done(client, tenant, response.json()["id"])["report"]
    files = [d["file"] for d in report["documents"]]
    assert all(".." not in f for f in files)
    assert files == ["etc/passwd.pdf", "x.pdf"]
    # Nothing was written outside the store, and nothing inside is named after the client.
    stored = [p for p in (tmp_path / "blobs").rglob("*") if p.is_file()]
    assert stored and all(len(p.name) == 64 for p in stored)
    assert not (tmp_path / "etc").exists()


def test_validation_errors_use_the_error_shape_without_a_trace(client: TestClient, tenant) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/v1/submissions", data={"tier": "galaxy"}, headers=tenant.headers)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "VALIDATION_ERROR"
    assert "Traceback" not in response.text
