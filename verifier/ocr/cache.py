"""An on-disk cache of what the OCR read on a page, for benchmark iterations (off by default).

Keyed by the decoded page pixels and the engine settings (its backend and models too), so a changed image or
engine misses the cache.
Only the reading is cached; every later stage runs each time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from models.page import TextLine
from verifier.settings import OcrSettings


def page_key(image: np.ndarray, settings: OcrSettings, read: str = "") -> str:
    """`read` names a kind of reading other than the first (a finer second look), kept apart from it."""
    digest = hashlib.sha256()
    digest.update(
        f"{_reader(settings)}|{settings.max_side_len}|{settings.text_score}|{settings.det_score_mode}|{image.shape}".encode()
    )
    if read:
        digest.update(f"|{read}|{settings.det_first_side}".encode())
    digest.update(np.ascontiguousarray(image).data)
    return digest.hexdigest()


def _reader(settings: OcrSettings) -> str:
    """What reads the page: the engine, and its backend and models where they are not the defaults (OpenVINO reads
    some lines differently from ONNX Runtime). The default reader keeps its old name, so caches stay valid."""
    name = settings.engine
    if settings.backend != OcrSettings.model_fields["backend"].default:
        name += f"@{settings.backend}"
    if settings.det_backend not in (None, settings.backend):
        name += f"@det:{settings.det_backend}"
    for model in (settings.det_model_path, settings.rec_model_path):
        if model:
            name += f"+{model}"
    return name


@dataclass(frozen=True)
class CachedRead:
    rotation: int
    confidence: float | None
    lines: list[TextLine]
    columns: bool  # the page is written in columns (verifier/vertical_script.py)


class ReadCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedRead | None:
        path = self._path(key)
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        lines = [TextLine(text=t, box=[tuple(p) for p in b], confidence=c) for t, b, c in data["lines"]]
        return CachedRead(data["rotation"], data["confidence"], lines, data.get("columns", False))

    def put(
        self, key: str, rotation: int, confidence: float | None, lines: list[TextLine], columns: bool = False
    ) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "rotation": rotation,
            "confidence": confidence,
            "columns": columns,
            "lines": [[ln.text, [list(p) for p in ln.box], ln.confidence] for ln in lines],
        }
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)  # atomic: parallel workers may write the same key
