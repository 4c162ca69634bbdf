"""Red ink: the mask of seal-red pixels, removing it to re-read text under a seal, and colourfulness."""

from __future__ import annotations

import cv2
import numpy as np

# Red in OpenCV's HSV (H in 0–180) is two hue bands around 0.
_RED_LOW_HUE_MAX = 10
_RED_HIGH_HUE_MIN = 156


def red_mask(image_bgr: np.ndarray, s_min: int = 43, v_min: int = 46) -> np.ndarray:
    hsv = cv2.cvtColor(image_bgr, cv2.COLOR_BGR2HSV)
    low = cv2.inRange(hsv, (0, s_min, v_min), (_RED_LOW_HUE_MAX, 255, 255))
    high = cv2.inRange(hsv, (_RED_HIGH_HUE_MIN, s_min, v_min), (180, 255, 255))
    return cv2.bitwise_or(low, high)


def suppress_red(image_bgr: np.ndarray, s_min: int = 43, v_min: int = 46) -> np.ndarray:
    """A copy with red ink lifted to near paper, keeping black text that runs under or over a seal.

    Red ink is bright in the red channel while black ink is dark in every channel, so each red pixel
    (and its anti-aliased rim) is replaced by a grey of its red-channel value.
    """
    mask = cv2.dilate(red_mask(image_bgr, s_min, v_min), np.ones((3, 3), np.uint8))
    out = image_bgr.copy()
    red_channel = image_bgr[..., 2]
    # Pale pink rims lift to paper; only black strokes stay dark.
    out[mask > 0] = np.repeat(red_channel[mask > 0][:, None], 3, axis=1)
    return out


def colourfulness(image_bgr: np.ndarray) -> float:
    """Hasler–Süsstrunk colourfulness: 0 for a grey image, ~15 for a page with a red seal."""
    b, g, r = (c.astype(np.float32) for c in cv2.split(image_bgr))
    rg = r - g
    yb = 0.5 * (r + g) - b
    return float(np.hypot(rg.std(), yb.std()) + 0.3 * np.hypot(rg.mean(), yb.mean()))
