"""Re-read the text a red seal covers, with the red ink lifted.

Seals are stamped over the issuer and the date — the two fields reviewers need most — and red strokes
through black characters make the detector split a line or miss it and the recogniser drop characters
(昭觉县教育局 → 昭觉县教). Black ink stays dark in the red channel while seal ink does not, so the rows a
seal sits on are detected again on a copy with the red lifted, and the lines there that pass under the seal
are recognised again; the seal's own ring text disappears with the red.
"""

from __future__ import annotations

import numpy as np

from models.page import TextLine
from verifier.ocr import OcrEngine, read_lines
from verifier.quality import Seal, detect_seals, suppress_red
from verifier.quality.settings import QualitySettings

# How far around a seal to look for covered lines, in seal widths/heights: a covered issuer runs on beside it.
REGION_SIDE = 1.2
REGION_VERTICAL = 0.25
# The band is detected again at the scale that makes its printed lines about this tall: the detector finds
# lines of this height reliably, and a smaller input is most of the saving.
DETECT_LINE_PX = 32

Rect = tuple[int, int, int, int]


def _xs(line: TextLine) -> list[float]:
    return [p[0] for p in line.box]


def _ys(line: TextLine) -> list[float]:
    return [p[1] for p in line.box]


def _region(seal: Seal, width: int, height: int) -> Rect:
    x, y, w, h = seal.box
    x0, x1 = max(0, int(x - REGION_SIDE * w)), min(width, int(x + w + REGION_SIDE * w))
    y0, y1 = max(0, int(y - REGION_VERTICAL * h)), min(height, int(y + h + REGION_VERTICAL * h))
    return x0, y0, x1, y1


def _band(lines: list[TextLine], seal: Seal, width: int, height: int) -> Rect:
    margin = 0.4 * max(ln.height for ln in lines)
    x, _, w, _ = seal.box
    x0 = max(0, int(min(min(min(_xs(ln)) for ln in lines), x - REGION_SIDE * w)))
    x1 = min(width, int(max(max(max(_xs(ln)) for ln in lines), x + w + REGION_SIDE * w)))
    top, bottom = min(min(_ys(ln)) for ln in lines), max(max(_ys(ln)) for ln in lines)
    return x0, max(0, int(top - margin)), x1, min(height, int(bottom + margin))


def _inside(line: TextLine, region: Rect) -> bool:
    x0, y0, x1, y1 = region
    cx, cy = sum(_xs(line)) / 4, sum(_ys(line)) / 4
    return x0 <= cx <= x1 and y0 <= cy <= y1


def _crosses(line: TextLine, seal: Seal) -> bool:
    """The line runs into the seal from outside it: what a stamp over a printed line looks like. Lines wholly
    inside the seal are its own ring text and star; lines wholly outside are untouched by it."""
    x, y, w, h = seal.box
    xs, ys = _xs(line), _ys(line)
    overlaps = _under_seal_columns(xs, seal) and min(ys) < y + h and max(ys) > y
    inside = min(xs) >= x and max(xs) <= x + w and min(ys) >= y and max(ys) <= y + h
    return overlaps and not inside


def _under_seal_columns(xs: list[float], seal: Seal) -> bool:
    x, _, w, _ = seal.box
    return min(xs) < x + w and max(xs) > x


def _weight(lines: list[TextLine]) -> float:
    return sum(len(ln.text.strip()) * ln.confidence for ln in lines)


def _reread_band(
    engine: OcrEngine, upright: np.ndarray, band: Rect, crossing: list[TextLine], seal: Seal
) -> list[TextLine]:
    """Detect the band again with the red lifted, at a reduced scale, and recognise only the lines in the
    seal's columns: the rest of the band was not touched by the seal."""
    x0, y0, x1, y1 = band
    cleaned = suppress_red(np.ascontiguousarray(upright[y0:y1, x0:x1]))
    line_height = float(np.median([ln.height for ln in crossing]))
    scale = min(1.0, DETECT_LINE_PX / max(line_height, 1.0))
    boxes = [box for box in engine.detect(cleaned, max_side=max(64, int(max(cleaned.shape[:2]) * scale)))
             if _under_seal_columns([float(px) + x0 for px, _ in box], seal)]
    if not boxes:
        return []
    return [
        TextLine(text=ln.text, box=[(px + x0, py + y0) for px, py in ln.box], confidence=ln.confidence)
        for ln in read_lines(engine, cleaned, boxes)
    ]


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
        band = _band(crossing, seal, width, height)
        old = [ln for ln in result if _inside(ln, band) and _under_seal_columns(_xs(ln), seal)]
        new = _reread_band(engine, upright, band, crossing, seal)
        # Keep the re-read when it recovers a longer line (one the seal had split or cut short) without
        # losing most of the text: lifting red also erases red print, such as a red title, and the seal's
        # own ring text, which the first reading counted as text.
        longest_new = max((len(ln.text.strip()) for ln in new), default=0)
        longest_old = max((len(ln.text.strip()) for ln in old), default=0)
        if longest_new > longest_old and _weight(new) >= 0.5 * _weight(old):
            result = [ln for ln in result if all(ln is not o for o in old)] + new
    result.sort(key=lambda ln: (round(min(_ys(ln)) / 8), min(_xs(ln))))
    return result
