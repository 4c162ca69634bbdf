"""Re-read the text a red seal covers, with the red ink lifted.

Seals are stamped over the issuer and the date — the two fields reviewers need most — and red strokes
through black characters make the detector split a line and the recogniser drop characters (昭觉县教育局 →
昭觉县教). Black ink stays dark in the red channel while seal ink does not, so the region around a seal is
detected and read again on a copy with the red lifted; the seal's own ring text disappears with it.
"""

from __future__ import annotations

import numpy as np

from models.page import TextLine
from verifier.ocr import OcrEngine, read_lines
from verifier.quality import Seal, detect_seals, suppress_red
from verifier.quality.settings import QualitySettings

# How far around a seal to read again, in seal widths/heights: a covered issuer name runs on beside the seal.
REGION_SIDE = 1.2
REGION_VERTICAL = 0.25


def _region(seal: Seal, width: int, height: int) -> tuple[int, int, int, int]:
    x, y, w, h = seal.box
    x0, x1 = max(0, int(x - REGION_SIDE * w)), min(width, int(x + w + REGION_SIDE * w))
    y0, y1 = max(0, int(y - REGION_VERTICAL * h)), min(height, int(y + h + REGION_VERTICAL * h))
    return x0, y0, x1, y1


def _band(lines: list[TextLine], seal: Seal, width: int, height: int) -> tuple[int, int, int, int]:
    top = min(p[1] for ln in lines for p in ln.box)
    bottom = max(p[1] for ln in lines for p in ln.box)
    margin = 0.4 * max(ln.height for ln in lines)
    x, _, w, _ = seal.box
    left = min(min(p[0] for p in ln.box) for ln in lines)
    right = max(max(p[0] for p in ln.box) for ln in lines)
    x0 = max(0, int(min(left, x - REGION_SIDE * w)))
    x1 = min(width, int(max(right, x + w + REGION_SIDE * w)))
    return x0, max(0, int(top - margin)), x1, min(height, int(bottom + margin))


def _inside(line: TextLine, region: tuple[int, int, int, int]) -> bool:
    x0, y0, x1, y1 = region
    cx = sum(p[0] for p in line.box) / 4
    cy = sum(p[1] for p in line.box) / 4
    return x0 <= cx <= x1 and y0 <= cy <= y1


def _crosses(line: TextLine, seal: Seal) -> bool:
    """The line runs into the seal from outside it: what a stamp over a printed line looks like. Lines wholly
    inside the seal are its own ring text and star; lines wholly outside are untouched by it."""
    x, y, w, h = seal.box
    xs, ys = [p[0] for p in line.box], [p[1] for p in line.box]
    overlaps = min(xs) < x + w and max(xs) > x and min(ys) < y + h and max(ys) > y
    inside = min(xs) >= x and max(xs) <= x + w and min(ys) >= y and max(ys) <= y + h
    return overlaps and not inside


def _weight(lines: list[TextLine]) -> float:
    return sum(len(ln.text.strip()) * ln.confidence for ln in lines)


def reread_under_seals(
    engine: OcrEngine,
    upright: np.ndarray,
    lines: list[TextLine],
    settings: QualitySettings | None = None,
    seals: list[Seal] | None = None,
) -> list[TextLine]:
    seals = detect_seals(upright, settings) if seals is None else seals
    if not seals:
        return lines
    height, width = upright.shape[:2]
    result = list(lines)
    for seal in seals:
        crossing = [ln for ln in result if _inside(ln, _region(seal, width, height)) and _crosses(ln, seal)]
        if not crossing:
            continue  # nothing printed runs under this seal: reading it again cannot recover anything
        # Read again only the band of rows the crossing lines sit on, beside and under the seal.
        region = _band(crossing, seal, width, height)
        old = [ln for ln in result if _inside(ln, region)]
        x0, y0, x1, y1 = region
        cleaned = suppress_red(np.ascontiguousarray(upright[y0:y1, x0:x1]))  # only the band: it is the cost
        new = [
            TextLine(text=ln.text, box=[(px + x0, py + y0) for px, py in ln.box], confidence=ln.confidence)
            for ln in read_lines(engine, cleaned)
        ]
        # Keep the re-read when it recovers a longer line (one the seal had split or cut short) without
        # losing most of the text: lifting red also erases red print, such as a red title, and the seal's
        # own ring text, which the first reading counted as text.
        longest_new = max((len(ln.text.strip()) for ln in new), default=0)
        longest_old = max(len(ln.text.strip()) for ln in old)
        if longest_new > longest_old and _weight(new) >= 0.5 * _weight(old):
            result = [ln for ln in result if ln not in old] + new
    result.sort(key=lambda ln: (round(min(p[1] for p in ln.box) / 8), min(p[0] for p in ln.box)))
    return result
