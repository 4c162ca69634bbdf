"""How alike two characters look to the recogniser, for telling a misreading from a different word.

The recogniser's output layer holds one weight vector per character it can emit; characters it confuses
(凤/风, 颍/颖, 县/具) get close vectors because the same strokes drive them. The cosine of two rows is
therefore a shape similarity learnt from the very model whose mistakes we undo: about 0.5–0.8 for
look-alikes, 0.1–0.45 for unrelated characters. Read from the PP-OCR recognition model that ships in the
`rapidocr` wheel; when it cannot be read the answer is None and callers keep to exact rules.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

# Above this cosine two characters count as look-alikes (凤/风 0.65, 宗/宏 0.53, 日/曰 0.51; 凤/丽 0.45,
# 日/年 0.33, 巢/安 0.17).
LOOKALIKE = 0.5


@cache
def _table() -> tuple[dict[str, int], np.ndarray] | None:
    try:
        import onnx
        import rapidocr
        from onnx import numpy_helper
    except ImportError:
        return None
    for path in sorted((Path(rapidocr.__file__).parent / "models").glob("*rec*.onnx")):
        try:
            model = onnx.load(str(path))
        except Exception as exc:  # a damaged model file: no table, not a crash
            log.warning("look-alike table unavailable from %s: %s", path.name, exc)
            continue
        meta = {p.key: p.value for p in model.metadata_props}
        chars = meta.get("character", "").split("\n")
        classes = len(chars) + 2  # CTC blank first, a space class last
        for init in model.graph.initializer:
            if len(init.dims) == 2 and classes in (init.dims[0], init.dims[1]):
                weights = numpy_helper.to_array(init).astype(np.float32)
                rows = weights.T if weights.shape[1] == classes else weights
                rows = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-6)
                return {c: i + 1 for i, c in enumerate(chars) if c}, rows
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
    return float(rows[index[a]] @ rows[index[b]])


def misread_of(read: str, printed: str) -> bool:
    """Whether `read` can be `printed` with OCR noise only: same length, every differing character a
    look-alike of the printed one, and at most one difference in a short word."""
    if len(read) != len(printed) or not read:
        return False
    differing = [(r, p) for r, p in zip(read, printed, strict=True) if r != p]
    if not differing or len(differing) > max(1, len(printed) // 3):
        return bool(not differing)
    return all((lookalike(r, p) or 0.0) >= LOOKALIKE for r, p in differing)
