"""Content-addressed file stores: bytes are kept under their SHA-256, written atomically, never by client names.

The local folder is the default; on a fleet every machine must see the same blobs — a shared path (the same
folder mounted on each machine) or an S3-compatible bucket (api/blobs_s3.py)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Protocol

from api.settings import ApiSettings

_HEX = set("0123456789abcdef")


class BlobStore(Protocol):
    def put(self, data: bytes) -> str:
        """Store bytes durably; their SHA-256 (hex), under which they are kept."""
        ...

    def get(self, sha256: str) -> bytes: ...

    def exists(self, sha256: str) -> bool: ...

    def delete(self, sha256: str) -> int:
        """Erase a blob; 1 when it was there, 0 when not."""
        ...


def blob_key(sha256: str) -> str:
    """Where a blob lives under the store's root: ab/cd/abcd… (a folder never holds more than 1/65536th)."""
    if len(sha256) != 64 or not set(sha256) <= _HEX:
        raise ValueError("not a sha256 hex digest")
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"


def open_blob_store(settings: ApiSettings) -> BlobStore:
    if settings.storage_url.startswith("s3://"):
        from api.blobs_s3 import S3BlobStore

        return S3BlobStore.from_url(settings.storage_url, settings.s3_endpoint_url or None)
    if settings.storage_url:
        raise ValueError(f"VERIFIER_API_STORAGE_URL must be s3://bucket/prefix, not {settings.storage_url!r}")
    return LocalBlobStore(settings.storage_dir)


class LocalBlobStore:
    """A folder on this machine, or one every worker machine mounts (a shared path)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        return self.root / blob_key(sha256)

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha)
        if target.exists():
            return sha
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write beside the target and rename, so a crash never leaves a half-written blob under its hash.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha

    def get(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def delete(self, sha256: str) -> int:
        """Erase a blob; 1 when it was there."""
        try:
            self.path(sha256).unlink()
        except FileNotFoundError:
            return 0
        return 1
