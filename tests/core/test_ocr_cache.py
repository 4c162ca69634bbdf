"""The benchmark OCR cache returns what the engine read, without asking the engine again."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.conftest import encode
from tests.core.test_pipeline import CountingEngine
from verifier.orient import rotate_image
from verifier.pipeline import Upload, verify_submission
from verifier.settings import Settings

pytestmark = pytest.mark.ocr


def test_second_run_reads_from_cache(tmp_path: Path, certificate: np.ndarray, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = CountingEngine()
    monkeypatch.setattr("verifier.pipeline.get_engine", lambda settings=None: engine)
    settings = Settings()
    settings.ocr.cache_dir = str(tmp_path / "cache")
    uploads = [Upload(file="r.png", data=encode(rotate_image(certificate, 180)))]
    first = verify_submission(uploads, settings=settings).report.documents[0]
    calls = engine.calls
    assert calls > 0
    second = verify_submission(uploads, settings=settings).report.documents[0]
    assert engine.calls == calls
    assert second.text == first.text and second.fields == first.fields
    assert [f.code for f in second.flags] == [f.code for f in first.flags]
