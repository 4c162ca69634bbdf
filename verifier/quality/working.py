"""The page in grey at a fixed working width, with the OCR boxes mapped onto it."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from models.page import TextLine


@dataclass
class WorkingPage:
    grey_native: np.ndarray  # uint8, source size (measures that a resize would destroy: moiré)
    grey: np.ndarray  # uint8, working width
    scale: float  # working pixels per source pixel
    boxes: list[tuple[int, int, int, int]]  # axis-aligned line boxes x0, y0, x1, y1 in working pixels, clipped


def to_grey(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image


def downscale(image: np.ndarray, width: int) -> tuple[np.ndarray, float]:
    """Resize to at most `width` wide; never upsample, which would invent blur."""
    w = image.shape[1]
    scale = min(1.0, width / w)
    if scale == 1.0:
        return image, scale
    size = (round(w * scale), round(image.shape[0] * scale))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA), scale


def to_working(image_bgr: np.ndarray, lines: list[TextLine], width: int) -> WorkingPage:
    grey_native = to_grey(image_bgr)
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
