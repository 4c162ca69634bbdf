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


def measure_exposure(grey: np.ndarray, text_mask: np.ndarray) -> Exposure:
    paper = float(np.percentile(grey, 95))
    ink_pixels = grey[text_mask > 0]
    # Without OCR boxes, the darkest 0.1% of the page: two short lines of 40 px type already put ≈ 0.35%
    # of a page in strokes, so this is ink, not paper, unless the text is washed out.
    ink = float(np.percentile(ink_pixels, 5)) if ink_pixels.size else float(np.percentile(grey, 0.1))
    clipped = float(np.count_nonzero(grey >= 250)) / grey.size
    return Exposure(paper_level=paper, ink_level=ink, clipped_fraction=clipped)


def glare_fraction(grey: np.ndarray, *, clip: int, margin: float, min_area: float, max_area: float) -> float:
    """Share of the page covered by glare spots.

    A spot is a clipped region (text closed away first) whose surrounding paper, between half and one
    spot radius away (past the glow that fades around a highlight), is darker by `margin`: a specular
    highlight on a photographed sheet. A white scanned sheet is clipped all over and has no darker paper
    around it, so it never counts.
    """
    h, w = grey.shape
    k = max(3, (min(h, w) // 60) | 1)  # about a text line high: closes strokes inside the spot
    closed = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    bright = (closed >= clip).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(bright, connectivity=8)
    page_area = float(h * w)
    total = 0
    for label in range(1, count):
        x, y, bw, bh, area = stats[label]
        if not (min_area * page_area <= area <= max_area * page_area):
            continue
        radius = math.sqrt(area / math.pi)
        pad = int(radius) + 2
        x0, y0, x1, y1 = max(0, x - pad), max(0, y - pad), min(w, x + bw + pad), min(h, y + bh + pad)
        outside = (labels[y0:y1, x0:x1] != label).astype(np.uint8)
        distance = cv2.distanceTransform(outside, cv2.DIST_L2, 3)
        ring = (distance >= 0.5 * radius) & (distance <= radius)
        ring_values = closed[y0:y1, x0:x1][ring]
        if ring_values.size == 0:
            continue
        surround = float(np.median(ring_values))
        # The surround must be paper (not a dark desk around a clipped sheet) that is clearly darker.
        if 110 <= surround <= clip - margin:
            total += int(area)
    return total / page_area
