"""The wheel's PP-OCR models run on OpenVINO or on ONNX Runtime and read a page alike."""

from __future__ import annotations

import pytest

from verifier.ocr import get_engine, read_lines
from verifier.orient import detect_adaptive
from verifier.settings import OcrSettings

pytestmark = pytest.mark.ocr


def test_both_backends_read_the_same_lines(certificate) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("openvino")
    openvino, onnxruntime = OcrSettings(backend="openvino"), OcrSettings(backend="onnxruntime")
    engines = [get_engine(openvino), get_engine(onnxruntime)]
    assert [engine.backend for engine in engines] == ["openvino", "onnxruntime"]  # type: ignore[attr-defined]
    pairs = zip(engines, (openvino, onnxruntime), strict=True)
    readings = [read_lines(engine, certificate, detect_adaptive(engine, certificate, s)) for engine, s in pairs]
    texts = [[line.text for line in lines] for lines in readings]
    assert texts[0] == texts[1] and len(texts[0]) > 5
    for a, b in zip(*readings, strict=True):
        assert abs(a.confidence - b.confidence) < 0.02
        # The detector's map differs in its last digits: a corner may move by a pixel or two of the page.
        assert max(max(abs(x - u), abs(y - v)) for (x, y), (u, v) in zip(a.box, b.box, strict=True)) < 4

