"""Uploads, reports and page images in an S3-compatible bucket: moto's S3 server on 127.0.0.1, real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.blobs_s3 import S3BlobStore
from tests.api.helpers import api_settings, certificate_pdf, make_tenant, null_ocr_settings, submit, wait_done


@pytest.fixture
def s3_endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    moto_server = pytest.importorskip("moto.server", reason="moto[server] is in the dev extra")
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    endpoint = f"http://{host}:{port}"
    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket="verifier")
    try:
        yield endpoint
    finally:
        server.stop()


def test_the_blob_store_keeps_erases_and_reports_missing_objects(s3_endpoint: str) -> None:
    store = S3BlobStore.from_url("s3://verifier/season-2024", s3_endpoint)
    sha = store.put(b"certificate bytes")
    assert store.put(b"certificate bytes") == sha and store.exists(sha)
    assert store.get(sha) == b"certificate bytes"
    listed = boto3.client("s3", endpoint_url=s3_endpoint).list_objects_v2(Bucket="verifier")["Contents"]
    assert [item["Key"] for item in listed] == [f"season-2024/{sha[:2]}/{sha[2:4]}/{sha}"]
    assert store.delete(sha) == 1 and store.delete(sha) == 0 and not store.exists(sha)
    with pytest.raises(FileNotFoundError):
        store.get(sha)


def test_a_submission_is_stored_verified_shown_and_erased_in_the_bucket(s3_endpoint: str, tmp_path: Path) -> None:
    settings = api_settings(tmp_path, storage_url="s3://verifier/blobs", s3_endpoint_url=s3_endpoint)
    with TestClient(create_app(settings, null_ocr_settings())) as client:
        tenant = make_tenant(client, "platform-a")
        accepted = submit(client, tenant, [("获奖证书/证书.pdf", certificate_pdf())], name="张晓梅")
        body = wait_done(client, tenant, accepted.json()["id"])
        assert body["status"] == "done" and body["report"]["documents"][0]["fields"]["holder"] == "张晓梅"
        page = client.get(f"/v1/submissions/{body['id']}/documents/1/pages/1.png", headers=tenant.headers)
        assert page.status_code == 200 and page.content.startswith(b"\x89PNG")
        s3 = boto3.client("s3", endpoint_url=s3_endpoint)
        stored = s3.list_objects_v2(Bucket="verifier", Prefix="blobs/")["KeyCount"]
        assert stored >= 4  # the upload, the report, the page image and its lines
        assert not (tmp_path / "blobs").exists()  # nothing on the local disk
        erased = client.delete(f"/v1/submissions/{body['id']}", headers=tenant.headers).json()
        assert erased["blobs_erased"] == stored
        assert s3.list_objects_v2(Bucket="verifier", Prefix="blobs/")["KeyCount"] == 0
