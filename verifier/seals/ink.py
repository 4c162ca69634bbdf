"""The mask of seal-red pixels."""

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
