"""How alike two characters look to the recogniser, for telling a misreading from a different word.

The recogniser's output layer holds one weight vector per character it can emit; characters it confuses
(凤/风, 颍/颖, 县/具) get close vectors because the same strokes drive them. The cosine of two rows is
therefore a shape similarity learnt from the very model whose mistakes we undo: about 0.5–0.8 for
look-alikes, 0.1–0.45 for unrelated characters. Read from the PP-OCR recognition model that ships in the
`rapidocr` wheel; when it cannot be read the answer is None and callers keep to exact rules.
"""

from __future__ import annotations

import logging
import os
from functools import cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

# Above this cosine two characters count as look-alikes (凤/风 0.65, 宗/宏 0.53, 日/曰 0.51; 凤/丽 0.45,
# 日/年 0.33, 巢/安 0.17).
LOOKALIKE = 0.5


@cache
def _table() -> tuple[dict[str, int], np.ndarray] | None:
    model = _rec_model()
    if model is None:
        return None
    # Reading the model needs the onnx package, whose import alone takes about 2 s: the table derived from it
    # is kept on disk beside the user's other caches, keyed by the model file, and loads in milliseconds.
    stat = model.stat()
    stored = _cache_dir() / f"lookalike-{model.stem}-{stat.st_size}-{int(stat.st_mtime)}.npz"
    try:
        with np.load(stored) as saved:
            chars, rows = str(saved["chars"]), saved["rows"]
    except Exception:  # not there yet, or damaged (a truncated write): derive it again
        read = _read_output_layer(model)
        if read is None:
            return None
        chars, rows = read
        try:
            stored.parent.mkdir(parents=True, exist_ok=True)
            np.savez(stored, chars=np.array(chars), rows=rows)
        except OSError as exc:  # a read-only home: compute again next time
            log.info("look-alike table not cached: %s", exc)
    return {c: i + 1 for i, c in enumerate(chars.split("\n")) if c}, rows


def _rec_model() -> Path | None:
    try:
        import rapidocr
    except ImportError:
        return None
    models = sorted((Path(rapidocr.__file__).parent / "models").glob("*rec*.onnx"))
    return models[0] if models else None


def _cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "evidence-verifier"


def _read_output_layer(path: Path) -> tuple[str, np.ndarray] | None:
    """The recogniser's character list and its output layer's rows (one per class, unit length)."""
    try:
        import onnx
        from onnx import numpy_helper

        model = onnx.load(str(path))
    except Exception as exc:  # onnx missing or a damaged model file: no table, not a crash
        log.warning("look-alike table unavailable from %s: %s", path.name, exc)
        return None
    meta = {p.key: p.value for p in model.metadata_props}
    chars = meta.get("character", "")
    classes = len(chars.split("\n")) + 2  # CTC blank first, a space class last
    for init in model.graph.initializer:
        if len(init.dims) == 2 and classes in (init.dims[0], init.dims[1]):
            weights = numpy_helper.to_array(init).astype(np.float32)
            rows = weights.T if weights.shape[1] == classes else weights
            rows = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-6)
            return chars, rows.astype(np.float16)
    return None


def lookalike(a: str, b: str) -> float | None:
    """Cosine of the two characters' output rows: 1.0 for the same character, None when either is unknown
    or the table is unavailable."""
    if a == b:
        return 1.0
    table = _table()
    if table is None:
        return None
    index, rows = table
    if a not in index or b not in index:
        return None
    return float(rows[index[a]].astype(np.float32) @ rows[index[b]].astype(np.float32))


def misread_of(read: str, printed: str) -> bool:
    """Whether `read` can be `printed` with OCR noise only: same length, every differing character a
    look-alike of the printed one, and at most one difference in a short word."""
    if len(read) != len(printed) or not read:
        return False
    differing = [(r, p) for r, p in zip(read, printed, strict=True) if r != p]
    if not differing:
        return True
    if len(differing) > max(1, len(printed) // 3):
        return False
    return all((lookalike(r, p) or 0.0) >= LOOKALIKE for r, p in differing)
