"""The wheel's PP-OCR models run on OpenVINO or on ONNX Runtime and read a page alike."""

from __future__ import annotations

import numpy as np
import pytest

from models.page import TextLine
from verifier.ocr import get_engine, read_lines
from verifier.orient import detect_adaptive
from verifier.settings import OcrSettings

pytestmark = pytest.mark.ocr


def _readings(page: np.ndarray, each: list[OcrSettings]) -> list[list[TextLine]]:
    """The page's lines as read by the engine of each setting, detected as the pipeline detects a page."""
    return [read_lines(get_engine(s), page, detect_adaptive(get_engine(s), page, s)) for s in each]


def test_both_backends_read_the_same_lines(certificate) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("openvino")
    openvino, onnxruntime = OcrSettings(backend="openvino"), OcrSettings(backend="onnxruntime")
    engines = [get_engine(openvino), get_engine(onnxruntime)]
    assert [engine.backend for engine in engines] == ["openvino", "onnxruntime"]  # type: ignore[attr-defined]
    readings = _readings(certificate, [openvino, onnxruntime])
    texts = [[line.text for line in lines] for lines in readings]
    assert texts[0] == texts[1] and len(texts[0]) > 5
    for a, b in zip(*readings, strict=True):
        assert abs(a.confidence - b.confidence) < 0.02
        # The detector's map differs in its last digits: a corner may move by a pixel or two of the page.
        assert max(max(abs(x - u), abs(y - v)) for (x, y), (u, v) in zip(a.box, b.box, strict=True)) < 4


def test_the_memory_arena_changes_no_reading(certificate) -> None:  # type: ignore[no-untyped-def]
    """The arena only keeps memory between calls: every line, box and score is the same to the last digit."""
    kept, returned = OcrSettings(memory_arena=True), OcrSettings(memory_arena=False)
    engines = [get_engine(kept), get_engine(returned)]
    assert engines[0] is not engines[1], "each setting has its own engine"
    readings = _readings(certificate, [kept, returned])
    assert len(readings[0]) > 5
    assert [(ln.text, ln.confidence, ln.box) for ln in readings[0]] == [
        (ln.text, ln.confidence, ln.box) for ln in readings[1]
    ]


def test_the_detector_alone_runs_on_the_other_runtime() -> None:
    pytest.importorskip("openvino")
    engine = get_engine(OcrSettings(det_backend="openvino"))
    assert (engine.det_backend, engine.backend) == ("openvino", "onnxruntime")  # type: ignore[attr-defined]
