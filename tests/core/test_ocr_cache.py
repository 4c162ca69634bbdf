"""The benchmark OCR cache returns what the engine read, without asking the engine again."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import encode
from tests.core.test_pipeline import CountingEngine
from verifier.ocr.cache import page_key
from verifier.orient import rotate_image
from verifier.pipeline import Upload, verify_submission
from verifier.reading import recognize_text
from verifier.settings import OcrSettings, Settings

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


def test_another_backend_does_not_read_from_the_cache(
    tmp_path: Path, certificate: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OpenVINO reads some lines differently from ONNX Runtime: what one backend read is not served to the other."""
    engine = CountingEngine()
    monkeypatch.setattr("verifier.pipeline.get_engine", lambda settings=None: engine)
    uploads = [Upload(file="c.png", data=encode(certificate))]
    calls = []
    for backend in ("onnxruntime", "openvino", "onnxruntime", "openvino"):
        settings = Settings()
        settings.ocr.cache_dir, settings.ocr.backend = str(tmp_path / "cache"), backend
        verify_submission(uploads, settings=settings)
        calls.append(engine.calls)
    assert calls[0] > 0
    assert calls[1] > calls[0]  # the other backend reads the page itself
    assert calls[3] == calls[2] == calls[1]  # and each backend's reading is then served from the cache


def test_default_reader_keeps_its_cache_keys(certificate: np.ndarray) -> None:
    """Shared benchmark caches stay valid: the default engine's key is made as before backends were named in it."""
    ocr = OcrSettings()
    old = hashlib.sha256()
    old.update(f"{ocr.engine}|{ocr.max_side_len}|{ocr.text_score}|{ocr.det_score_mode}|{certificate.shape}".encode())
    old.update(np.ascontiguousarray(certificate).data)
    assert page_key(certificate, ocr) == old.hexdigest()
    other = ocr.model_copy(update={"backend": "openvino"})
    model = ocr.model_copy(update={"rec_model_path": "/models/rec.onnx"})
    detector = ocr.model_copy(update={"det_backend": "openvino"})
    same_detector = ocr.model_copy(update={"det_backend": "onnxruntime"})
    arena_off = ocr.model_copy(update={"memory_arena": False})
    keys = [page_key(certificate, s) for s in (ocr, other, model, detector)]
    assert len(set(keys)) == 4
    # Naming the runtime both models already run on, or returning the arena's memory, reads alike: the same key.
    assert page_key(certificate, same_detector) == page_key(certificate, arena_off) == keys[0]


def test_a_cached_line_reads_the_same_text_without_the_engine(tmp_path: Path, certificate: np.ndarray) -> None:
    """The holder's name re-read recognises crops one by one: those readings are cached like every other."""
    engine = CountingEngine()
    settings = Settings()
    settings.ocr.cache_dir = str(tmp_path / "cache")
    crop = certificate[100:180, 200:700].copy()
    first = recognize_text(crop, engine, settings.ocr)
    calls = engine.calls
    assert calls == 1
    assert recognize_text(crop, engine, settings.ocr) == first
    assert engine.calls == calls
