"""Colour on the page: colourfulness, and the toner specks of a copy (the seal-red mask is verifier/seals/ink.py)."""

from __future__ import annotations

import cv2
import numpy as np


def colourfulness(image_bgr: np.ndarray) -> float:
    """Hasler–Süsstrunk colourfulness: 0 for a grey image, ~15 for a page with a red seal."""
    b, g, r = (c.astype(np.float32) for c in cv2.split(image_bgr))
    rg = r - g
    yb = 0.5 * (r + g) - b
    return float(np.hypot(rg.std(), yb.std()) + 0.3 * np.hypot(rg.mean(), yb.mean()))


def toner_specks(grey: np.ndarray, contrast: float, max_side: int = 2200, tile: int = 64) -> float:
    """Isolated toner specks per 10,000 px of blank paper: the dust a copier's drum leaves everywhere.

    A speck is a dark dot of at most 4 px, `contrast` grey levels below the paper around it, with no
    larger ink within 4 px (so not the ragged edge of a stroke or a dot of punctuation). The score is
    the median over blank `tile`-px squares of paper: toner dust lies all over a copy, while the
    halftone of a printed photo or a patch of dirt fills only a few squares. Measured at source
    resolution, capped at `max_side`, because any stronger resize averages the dots away. Scanner and
    camera noise stays within ±10 grey levels and leaves none.
    """
    h, w = grey.shape[:2]
    if max(h, w) > max_side:
        scale = max_side / max(h, w)
        grey = cv2.resize(grey, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    paper = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    dark = ((paper.astype(np.int16) - grey) >= contrast).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    tiny = stats[:, cv2.CC_STAT_AREA] <= 4
    tiny[0] = False
    larger = (labels > 0) & ~tiny[labels]
    near_ink = cv2.dilate(larger.astype(np.uint8), np.ones((9, 9), np.uint8))
    xs, ys = stats[tiny, cv2.CC_STAT_LEFT], stats[tiny, cv2.CC_STAT_TOP]
    isolated = near_ink[ys, xs] == 0
    dots = np.zeros(grey.shape, np.float32)
    dots[ys[isolated], xs[isolated]] = 1.0
    # Blank squares: paper (not desk or a dark band) with no stroke in them.
    is_paper = (paper >= 0.75 * float(np.percentile(paper, 95))).astype(np.float32)
    rows, cols = grey.shape[0] // tile, grey.shape[1] // tile
    if rows == 0 or cols == 0:
        return 0.0

    def per_tile(image: np.ndarray) -> np.ndarray:
        return image[: rows * tile, : cols * tile].reshape(rows, tile, cols, tile).sum(axis=(1, 3))

    blank = (per_tile(is_paper) >= 0.95 * tile * tile) & (per_tile(larger.astype(np.float32)) == 0)
    if not blank.any():
        return 0.0
    return float(np.median(per_tile(dots)[blank])) * 1e4 / (tile * tile)
