"""Blobs in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, …), through boto3.

Credentials and region come from boto3's usual sources (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_DEFAULT_REGION, ~/.aws, an instance role); VERIFIER_API_S3_ENDPOINT_URL points at a store other than AWS.
A PUT to S3 is durable and atomic once it answers, so an object is never seen half-written."""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlsplit

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from api.blobs import blob_key


class S3BlobStore:
    def __init__(self, bucket: str, prefix: str = "", endpoint_url: str | None = None, client: Any = None) -> None:
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.client = client or boto3.client(
            "s3", endpoint_url=endpoint_url, config=Config(retries={"mode": "standard", "max_attempts": 5})
        )

    @classmethod
    def from_url(cls, url: str, endpoint_url: str | None = None) -> S3BlobStore:
        parts = urlsplit(url)  # s3://bucket/prefix
        if not parts.netloc:
            raise ValueError(f"no bucket in {url!r}; expected s3://bucket/prefix")
        return cls(parts.netloc, parts.path, endpoint_url)

    def key(self, sha256: str) -> str:
        return f"{self.prefix}/{blob_key(sha256)}" if self.prefix else blob_key(sha256)

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        if not self.exists(sha):
            self.client.put_object(Bucket=self.bucket, Key=self.key(sha), Body=data)
        return sha

    def get(self, sha256: str) -> bytes:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.key(sha256))["Body"].read()
        except ClientError as exc:
            if _missing(exc):
                raise FileNotFoundError(sha256) from exc
            raise

    def exists(self, sha256: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self.key(sha256))
        except ClientError as exc:
            if _missing(exc):
                return False
            raise
        return True

    def delete(self, sha256: str) -> int:
        if not self.exists(sha256):
            return 0
        self.client.delete_object(Bucket=self.bucket, Key=self.key(sha256))
        return 1


def _missing(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound")
