"""Red round and oval official seals, found by shape in the red-ink mask."""

from __future__ import annotations

import math

import cv2
import numpy as np

from verifier.quality.model import Seal
from verifier.quality.redink import red_mask
from verifier.quality.settings import QualitySettings
from verifier.quality.working import downscale

_RIM_SAMPLES = 180


def detect_seals(image_bgr: np.ndarray, settings: QualitySettings | None = None) -> list[Seal]:
    s = settings or QualitySettings()
    small, scale = downscale(image_bgr, s.working_width)
    mask = red_mask(small, s.seal_s_min, s.seal_v_min)
    short_side = min(small.shape[:2])
    # Join the ring, star and characters of one seal, and bridge black strokes crossing the ring.
    k = max(3, int(short_side * 0.012) | 1)
    joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    rim_mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    seals = []
    for contour in contours:
        if len(contour) < 5:
            continue
        x, y, bw, bh = cv2.boundingRect(contour)
        diameter = max(bw, bh)
        if not (s.seal_min_diameter * short_side <= diameter <= s.seal_max_diameter * short_side):
            continue
        (cx, cy), (a1, a2), angle = cv2.fitEllipse(contour)
        major, minor = max(a1, a2), min(a1, a2)
        if minor <= 0 or major / minor > s.seal_max_axis_ratio:
            continue
        coverage = _rim_coverage(rim_mask, (cx, cy), (a1, a2), angle)
        if coverage < s.seal_min_rim_coverage:
            continue
        inv = 1.0 / scale
        seals.append(
            Seal(
                centre=(cx * inv, cy * inv),
                axes=(major * inv, minor * inv),
                angle=float(angle),
                rim_coverage=coverage,
                box=(int(x * inv), int(y * inv), int(bw * inv), int(bh * inv)),
            )
        )
    return seals


def _rim_coverage(mask: np.ndarray, centre: tuple[float, float], axes: tuple[float, float], angle: float) -> float:
    """Share of points on the fitted ellipse (slightly inside, where the ring ink is) that are red."""
    cx, cy = centre
    a, b = axes[0] / 2 * 0.97, axes[1] / 2 * 0.97
    t = np.linspace(0, 2 * math.pi, _RIM_SAMPLES, endpoint=False)
    rot = math.radians(angle)
    xs = cx + a * np.cos(t) * math.cos(rot) - b * np.sin(t) * math.sin(rot)
    ys = cy + a * np.cos(t) * math.sin(rot) + b * np.sin(t) * math.cos(rot)
    h, w = mask.shape
    xi = np.clip(np.round(xs).astype(int), 0, w - 1)
    yi = np.clip(np.round(ys).astype(int), 0, h - 1)
    return float(np.count_nonzero(mask[yi, xi])) / _RIM_SAMPLES
