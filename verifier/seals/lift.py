"""Seals lifted before reading.

Official seals are stamped over the issuer and the date. Red strokes through black characters make the
detector miss or split those lines and the recogniser drop characters (永平县第四中学 not found at all,
昭觉县教育局 → 昭觉县教). Black ink stays dark in the red channel while seal ink does not, so inside each
seal the red is lifted to paper before the page is read; the seal's own ring text disappears with it,
which spares the readers its fragments (育科学, 教育). Red print elsewhere (a red title, a red border)
is left as it is: it is text the classifier needs.
"""

from __future__ import annotations

import cv2
import numpy as np

from verifier.seals.ink import red_mask
from verifier.seals.model import Seal
from verifier.settings import defaults
from verifier.settings.quality import QualitySettings

# The lifted area reaches a little past the fitted ellipse: ink spreads, and fitEllipse hugs the ring.
SEAL_MARGIN = 1.12


def lift_seal_ink(image_bgr: np.ndarray, seals: list[Seal], settings: QualitySettings | None = None) -> np.ndarray:
    """A copy with the red ink of every seal turned to paper, keeping the black strokes under it; the input
    itself when there is no seal."""
    if not seals:
        return image_bgr
    s = settings or defaults(QualitySettings)
    out = image_bgr.copy()
    height, width = image_bgr.shape[:2]
    for seal in seals:
        # The ellipse inscribed in the seal's box, a little larger: seals are stamped nearly straight, ink
        # spreads, and the margin covers the corners of a tilted oval.
        x, y, w, h = seal.box
        half_w, half_h = w * SEAL_MARGIN / 2, h * SEAL_MARGIN / 2
        cx, cy = x + w / 2, y + h / 2
        x0, y0 = max(0, int(cx - half_w)), max(0, int(cy - half_h))
        x1, y1 = min(width, int(np.ceil(cx + half_w)) + 1), min(height, int(np.ceil(cy + half_h)) + 1)
        if x1 - x0 < 3 or y1 - y0 < 3:
            continue
        window = out[y0:y1, x0:x1]
        area = np.zeros(window.shape[:2], np.uint8)
        centre = (round(cx - x0), round(cy - y0))
        cv2.ellipse(area, centre, (max(1, round(half_w)), max(1, round(half_h))), 0, 0, 360, 255, -1)
        # Inside a seal even faint pink is its ink: the anti-aliased or blurred rim of each stroke lifts too.
        red = cv2.dilate(red_mask(window, s.seal_s_min // 2, s.seal_v_min), np.ones((3, 3), np.uint8))
        lift = (red > 0) & (area > 0)
        paper = _paper_colour(window, red)
        if paper is None or not lift.any():
            continue
        # Seal ink is bright in the red channel, black ink is dark in it: the paper's colour scaled by a
        # pixel's red relative to the seal ink's own (most lifted pixels are pure ink) turns the ink to paper
        # and keeps the black strokes dark.
        reds = window[..., 2][lift].astype(np.float32)
        shade = np.minimum(reds / max(float(np.median(reds)), 1.0), 1.0)
        window[lift] = (shade[:, None] * paper[None, :]).astype(np.uint8)
    return out


def _paper_colour(window: np.ndarray, red: np.ndarray) -> np.ndarray | None:
    """The colour of the bare paper around a seal: the brighter half of the pixels that are not red ink."""
    plain = window[red == 0]
    if len(plain) < 16:
        return None
    grey = plain.sum(axis=1)
    bright = plain[grey >= np.median(grey)]
    return np.median(bright, axis=0).astype(np.float32)
