"""Sharpness measured where the text is, relative to the text size, in the softest direction.

Variance of the Laplacian alone has no absolute scale (it grows when a page is downsized and falls on
empty pages), so each text line is rescaled to a fixed height and its second-derivative variance is
divided by its grey-level variance: the score depends on how soft the strokes are, not on size,
contrast or how much empty paper surrounds the text.

The Laplacian adds the curvature of all directions, so a shaken camera (motion blur) that smears only
one direction keeps half of it and looks merely soft. The second derivative is therefore measured
along four directions (0°, 45°, 90°, 135°) and the weakest one is kept, doubled so that a sharp page,
whose strokes run every way, scores about what the Laplacian gives it.
"""

from __future__ import annotations

import cv2
import numpy as np

from models.page import TextLine

_MAX_LINES = 40  # the widest lines are enough; bounds the cost on dense forms
_TILE = 64


def line_sharpness(image_bgr: np.ndarray, lines: list[TextLine], line_height: int) -> float | None:
    """Median normalised sharpness of the text lines, or None when there are no usable lines."""
    h, w = image_bgr.shape[:2]
    boxes = []
    for line in lines:
        xs, ys = [p[0] for p in line.box], [p[1] for p in line.box]
        x0, x1 = max(0, int(min(xs))), min(w, int(np.ceil(max(xs))))
        y0, y1 = max(0, int(min(ys))), min(h, int(np.ceil(max(ys))))
        if x1 - x0 >= 4 and y1 - y0 >= 4:
            boxes.append((x0, y0, x1, y1, line.own_height))
    boxes.sort(key=lambda b: b[2] - b[0], reverse=True)
    scores = []
    for x0, y0, x1, y1, own_height in boxes[:_MAX_LINES]:
        crop = cv2.cvtColor(image_bgr[y0:y1, x0:x1], cv2.COLOR_BGR2GRAY)
        # Scaled by the line's own height, not the crop's: a slanted line's crop is far taller than its type.
        factor = line_height / max(1.0, min(own_height, crop.shape[0]))
        if factor < 1:  # shrink tall lines to the reference height; never enlarge small ones
            crop = cv2.resize(crop, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
        score = normalised_laplacian(crop)
        if score is not None:
            scores.append(score)
    return float(np.median(scores)) if scores else None


def tile_sharpness(grey: np.ndarray) -> float | None:
    """Fallback without OCR lines: the same score on the most textured tiles of the working image."""
    h, w = grey.shape
    scores = []
    for y in range(0, h - _TILE + 1, _TILE):
        for x in range(0, w - _TILE + 1, _TILE):
            tile = grey[y : y + _TILE, x : x + _TILE]
            if tile.std() > 20:  # paper-only tiles carry no edge to measure
                score = normalised_laplacian(tile)
                if score is not None:
                    scores.append(score)
    return float(np.median(scores)) if scores else None


# Second differences along x, y and the two diagonals; a diagonal step is √2 long, so its second
# difference is halved to be per unit length squared.
_DIRECTIONS: list[np.ndarray] = [
    np.array([[0, 0, 0], [1, -2, 1], [0, 0, 0]], np.float32),
    np.array([[0, 1, 0], [0, -2, 0], [0, 1, 0]], np.float32),
    np.array([[1, 0, 0], [0, -2, 0], [0, 0, 1]], np.float32) / 2,
    np.array([[0, 0, 1], [0, -2, 0], [1, 0, 0]], np.float32) / 2,
]


def normalised_laplacian(grey: np.ndarray) -> float | None:
    g = grey.astype(np.float32)
    variance = float(g.var())
    if variance < 25:  # flat: nothing to measure
        return None
    weakest = min(float(cv2.filter2D(g, cv2.CV_32F, kernel).var()) for kernel in _DIRECTIONS)
    return 2 * weakest / variance
