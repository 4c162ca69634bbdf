"""Faded seals, judged against the paper's own white.

A seal whose ink has faded keeps only a pale wash of red. On cream or yellowed paper (or under a warm lamp)
that wash mixes with the paper's yellow into salmon and orange, outside the red hue band, and the seal mask
keeps only fragments of its ring. Dividing out the paper's colour first restores the ink's own hue; on white
paper the division changes nothing, so only a tinted page can gain a seal this way.
"""

from __future__ import annotations

import cv2
import numpy as np

from verifier.seals.detect import detect_seals
from verifier.seals.model import Seal
from verifier.settings import defaults
from verifier.settings.quality import QualitySettings

# The brighter part of the page is its paper (print and shadows are darker): its median colour is the paper's.
_PAPER_PERCENTILE = 60


def paper_balanced(small_bgr: np.ndarray) -> np.ndarray:
    """The page with its paper's colour divided out, so that the paper is neutral (white balance)."""
    pixels = small_bgr.reshape(-1, 3).astype(np.float32)
    grey = cv2.cvtColor(small_bgr, cv2.COLOR_BGR2GRAY).reshape(-1)
    paper = np.median(pixels[grey >= np.percentile(grey, _PAPER_PERCENTILE)], axis=0)
    gain = float(paper.max()) / np.maximum(paper, 1.0)
    return np.clip(small_bgr.astype(np.float32) * gain, 0, 255).astype(np.uint8)


def faded_seals(small_bgr: np.ndarray, settings: QualitySettings | None = None) -> list[Seal]:
    """Seals on a working-width page once its paper is white. Only seal-sized rings count (as wide as the
    circle test's floor): a decorative border's red curl or flower, also restored to red, is far smaller."""
    s = settings or defaults(QualitySettings)
    balanced = paper_balanced(small_bgr)
    least = s.seal_circle_min_diameter * min(small_bgr.shape[:2])
    return [seal for seal in detect_seals(balanced, s, balanced) if max(seal.box[2], seal.box[3]) >= least]
