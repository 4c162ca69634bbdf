"""Photos of a screen: the screen's pixel lattice smoothed away before reading."""

from __future__ import annotations

import cv2
import numpy as np


def smooth_screen(image_bgr: np.ndarray, sigma: float) -> np.ndarray:
    """A photo of a screen with the screen's pixel lattice smoothed away: the detector takes the lattice,
    and the moiré it beats into, for texture over the strokes and misses faint lines."""
    return cv2.GaussianBlur(image_bgr, (0, 0), sigma) if sigma > 0 else image_bgr
