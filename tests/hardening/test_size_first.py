"""A file over the size limit is refused from its size on disk, before a byte of it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.collect import Upload, collect_uploads
from verifier.pipeline import verify_submission
from verifier.settings import Settings


def test_a_huge_sparse_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings()
    settings.ocr.engine = "null"
    big = tmp_path / "scan.pdf"
    with big.open("wb") as handle:  # sparse: the size without the disk space
        handle.truncate(settings.ingest.max_file_bytes * 70)

    def refuse(_self: Upload) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Upload, "read", refuse)
    report = verify_submission(collect_uploads([tmp_path]), settings=settings, workers=1).report
    assert [f.code for f in report.documents[0].flags] == ["FILE_TOO_LARGE"]
