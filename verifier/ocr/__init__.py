"""OCR engines behind one protocol, chosen by name; one engine per process, loaded on first use."""

from __future__ import annotations

import threading
from collections.abc import Callable

from verifier.errors import UnknownEngine
from verifier.ocr.base import Box, NullEngine, OcrEngine, crop_line, read_lines
from verifier.settings import OcrSettings, defaults


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

_cache: dict[tuple[str, str, str | None, int, bool, str | None, str | None, int], OcrEngine] = {}
_lock = threading.Lock()


def check_engine_name(name: str) -> None:
    if name not in ENGINES:
        known = ", ".join(sorted(ENGINES))
        raise UnknownEngine(f"未知的 OCR 引擎 {name!r}；可用的引擎：{known}")


def get_engine(settings: OcrSettings | None = None) -> OcrEngine:
    """The engine for these settings, one per thread (RapidOCR instances must not be shared across threads)."""
    settings = settings or defaults(OcrSettings)
    check_engine_name(settings.engine)
    models = (settings.det_model_path, settings.rec_model_path)
    runtime = (settings.backend, settings.det_backend, settings.max_side_len, settings.memory_arena)
    key = (settings.engine, *runtime, *models, threading.get_ident())
    with _lock:
        if key not in _cache:
            _cache[key] = ENGINES[settings.engine](settings)
        return _cache[key]


__all__ = ["ENGINES", "Box", "NullEngine", "OcrEngine", "check_engine_name", "crop_line", "get_engine", "read_lines"]
