"""Exposure: too dark, overexposed (text washed out), and glare (clipped blobs brighter than their paper)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np


@dataclass
class Exposure:
    paper_level: float  # 95th percentile grey: how bright the paper is
    ink_level: float  # 5th percentile grey inside the text boxes: how dark the text is
    clipped_fraction: float  # share of the page at 250 or above
    darkest: float  # 0.1th percentile grey of the whole page: its boldest strokes, borders and seals


def measure_exposure(grey: np.ndarray, text_mask: np.ndarray) -> Exposure:
    paper = float(np.percentile(grey, 95))
    ink_pixels = grey[text_mask > 0]
    # Without OCR boxes, the darkest 0.1% of the page: two short lines of 40 px type already put ≈ 0.35%
    # of a page in strokes, so this is ink, not paper, unless the text is washed out.
    ink = float(np.percentile(ink_pixels, 5)) if ink_pixels.size else float(np.percentile(grey, 0.1))
    clipped = float(np.count_nonzero(grey >= 250)) / grey.size
    darkest = float(np.percentile(grey, 0.1))
    return Exposure(paper_level=paper, ink_level=ink, clipped_fraction=clipped, darkest=darkest)


def glare_fraction(
    grey: np.ndarray,
    *,
    cell: int,
    clip: int,
    min_area: float,
    max_area: float,
    min_halo: float,
    min_evidence: float,
    hidden_weight: float,
    ink_lift: float,
    stroke: float,
) -> float:
    """Share of the page covered by glare spots: specular highlights on a photographed sheet.

    A highlight adds light to paper and ink alike, so its core is clipped white with no ink left in it,
    the paper around it is brighter than the rest of the sheet (a halo), and strokes near it are lifted
    towards white. Measured on square cells of `cell` working pixels:

    - a spot is a blob of cells clipped through and through (their darkest 2% of pixels at `clip` or
      above), between `min_area` and `max_area` of the page, not touching the frame;
    - its halo: how far below white the paper one to two spot radii away stays on its brightest side
      (paper, not desk). A white scan or a page lit evenly to white has no darker paper around its
      clipped parts, a vignetted photo's bright centre fades too slowly to leave much of a step;
    - washed-out text: within three cells of the spot, the share of the page in cells with strokes
      (`stroke` grey levels darker than the paper right under them) whose nearest dark ink is lighter
      than the page's usual ink by `ink_lift`.

    A spot is glare when its halo reaches `min_halo` and, plus `hidden_weight` grey levels per 1% of the
    page washed out, `min_evidence`: a strong halo needs no text under it, a spot that washes text out
    a weaker one. Without any halo a clipped patch is the sheet's own white paper, however faint the
    print beside it (a copy's grey strokes).
    """
    h, w = grey.shape
    rows, cols = h // cell, w // cell
    if rows < 8 or cols < 8:
        return 0.0
    # Each cell's darkest 2% (a partial sort: a full percentile over every cell costs 10× more).
    kth = round(0.02 * (cell * cell - 1))
    ink = np.partition(_cells(grey, cell), kth, axis=2)[..., kth].astype(np.float32)
    k = max(3, (min(h, w) // 60) | 1)  # about a text line high: closes strokes, leaves the paper
    closed = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    paper = cv2.resize(closed[: rows * cell, : cols * cell], (cols, rows), interpolation=cv2.INTER_AREA)
    # Stroke contrast against the paper right under it: a highlight's smooth fall-off is no stroke.
    strokes = _cells(cv2.subtract(closed, grey), cell).max(axis=2)
    # A cell's ink is the darkest stroke within a cell of it: thin or sparse strokes keep their darkness.
    near_ink = cv2.erode(ink, np.ones((3, 3), np.uint8))
    inked = strokes >= 40
    usual_ink = float(np.median(near_ink[inked])) if inked.any() else 255.0
    clipped = (ink >= clip).astype(np.uint8)
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(clipped, connectivity=4)
    cells = float(rows * cols)
    yy, xx = np.mgrid[0:rows, 0:cols]
    total = 0
    for label in range(1, count):
        x, y, bw, bh, area = stats[label]
        if not (min_area * cells <= area <= max_area * cells):
            continue
        if x == 0 or y == 0 or x + bw == cols or y + bh == rows:
            continue  # a clipped margin or background running out of the picture, not a spot on the page
        spot = labels == label
        distance = cv2.distanceTransform((~spot).astype(np.uint8), cv2.DIST_L2, 3)
        halo = _surround_drop(paper, distance, math.sqrt(area / math.pi), centroids[label], yy, xx)
        near = (distance > 0) & (distance <= 3)
        faint = near & (strokes >= stroke) & (near_ink >= usual_ink + ink_lift)
        washed_percent = 100.0 * np.count_nonzero(faint) / cells
        if halo >= min_halo and halo + hidden_weight * washed_percent >= min_evidence:
            total += int(area)
    return total * cell * cell / float(h * w)


def _cells(image: np.ndarray, cell: int) -> np.ndarray:
    """The image as rows × cols × (cell²) pixel values of square cells (the ragged edge dropped)."""
    rows, cols = image.shape[0] // cell, image.shape[1] // cell
    return image[: rows * cell, : cols * cell].reshape(rows, cell, cols, cell).swapaxes(1, 2).reshape(rows, cols, -1)


def _surround_drop(
    paper: np.ndarray, distance: np.ndarray, radius: float, centre: np.ndarray, yy: np.ndarray, xx: np.ndarray
) -> float:
    """How far below white the paper one to two radii from a spot stays, on its brightest side."""
    ring = (distance >= radius) & (distance <= 2 * radius) & (paper >= 150)  # paper, not a desk
    cx, cy = centre
    dx, dy = xx - cx, yy - cy
    sides = (dy < -abs(dx), dy > abs(dx), dx < -abs(dy), dx > abs(dy))
    levels = [float(np.median(paper[ring & side])) for side in sides if np.count_nonzero(ring & side) >= 2]
    if not levels:
        return 0.0
    return 255.0 - max(levels)
