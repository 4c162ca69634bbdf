"""The page in grey at a fixed working width, with the OCR boxes mapped onto it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.page import TextLine
from verifier.imaging import downscale, to_grey


@dataclass
class WorkingPage:
    grey_native: np.ndarray  # uint8, source size (measures that a resize would destroy: moiré)
    grey: np.ndarray  # uint8, working width
    scale: float  # working pixels per source pixel
    boxes: list[tuple[int, int, int, int]]  # axis-aligned line boxes x0, y0, x1, y1 in working pixels, clipped


def to_working(
    image_bgr: np.ndarray, lines: list[TextLine], width: int, small_bgr: np.ndarray | None = None
) -> WorkingPage:
    """`small_bgr`: the same page already downscaled to `width` (the reading's preparation made one)."""
    grey_native = to_grey(image_bgr)
    if small_bgr is not None:
        grey, scale = to_grey(small_bgr), small_bgr.shape[1] / image_bgr.shape[1]
    else:
        grey, scale = downscale(grey_native, width)
    boxes = [b for b in (_scaled_box(line, scale, grey.shape) for line in lines) if b is not None]
    return WorkingPage(grey_native=grey_native, grey=grey, scale=scale, boxes=boxes)


def _scaled_box(line: TextLine, scale: float, shape: tuple[int, ...]) -> tuple[int, int, int, int] | None:
    xs = [p[0] * scale for p in line.box]
    ys = [p[1] * scale for p in line.box]
    x0, x1 = max(0, int(min(xs))), min(shape[1], int(np.ceil(max(xs))))
    y0, y1 = max(0, int(min(ys))), min(shape[0], int(np.ceil(max(ys))))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    return x0, y0, x1, y1


def text_mask(grey: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> np.ndarray:
    mask = np.zeros(grey.shape, np.uint8)
    for x0, y0, x1, y1 in boxes:
        mask[y0:y1, x0:x1] = 255
    return mask
