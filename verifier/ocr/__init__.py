"""OCR engines behind one protocol, chosen by name; one engine per process, loaded on first use."""

from __future__ import annotations

import threading
from collections.abc import Callable

from verifier.errors import UnknownEngine
from verifier.ocr.base import Box, NullEngine, OcrEngine, crop_line, read_lines
from verifier.settings import OcrSettings


def _rapid(settings: OcrSettings) -> OcrEngine:
    from verifier.ocr.rapid import RapidOcrEngine

    return RapidOcrEngine(settings)


def _paddle(settings: OcrSettings) -> OcrEngine:
    from verifier.ocr.paddle import PaddleOcrEngine

    return PaddleOcrEngine(settings)


ENGINES: dict[str, Callable[[OcrSettings], OcrEngine]] = {
    "rapidocr": _rapid,
    "paddleocr": _paddle,
    "null": lambda _settings: NullEngine(),
}

_cache: dict[tuple[str, int, int], OcrEngine] = {}
_lock = threading.Lock()


def get_engine(settings: OcrSettings | None = None) -> OcrEngine:
    """The process-wide engine for these settings (RapidOCR instances must not be shared across threads)."""
    settings = settings or OcrSettings()
    if settings.engine not in ENGINES:
        known = ", ".join(sorted(ENGINES))
        raise UnknownEngine(f"unknown OCR engine {settings.engine!r}; known engines: {known}")
    key = (settings.engine, settings.max_side_len, threading.get_ident())
    with _lock:
        if key not in _cache:
            _cache[key] = ENGINES[settings.engine](settings)
        return _cache[key]


__all__ = ["ENGINES", "Box", "NullEngine", "OcrEngine", "crop_line", "get_engine", "read_lines"]
