"""A picture viewer's overlay on the page: a flat grey or black pill with light lettering (动态, a live-photo or
mute badge) in a corner of the frame, drawn by a screen over the photo it shows. Printed paper has no such
neutral flat fill behind light text; a red 聘书's fill is saturated."""

from __future__ import annotations

import cv2
import numpy as np

from models.page import TextLine

# A badge sits in a corner: its text within this share of the frame from a side and from the top or bottom.
_CORNER_X = 0.3
_CORNER_Y = 0.15
# The fill around the text: dark, flat (this share of it within `_FLAT_SPREAD` grey levels of its median) and
# neutral (median HSV saturation under `_MAX_SATURATION`); the lettering much lighter than it.
_MAX_FILL = 90
_FLAT_SHARE = 0.7
_FLAT_SPREAD = 12
_MAX_SATURATION = 40
_LETTERING_LIFT = 100


def viewer_badge(image_bgr: np.ndarray, lines: list[TextLine]) -> TextLine | None:
    """The line of a viewer's badge in a corner of the frame, if there is one."""
    h, w = image_bgr.shape[:2]
    for line in lines:
        xs, ys = [p[0] for p in line.box], [p[1] for p in line.box]
        x0, x1, y0, y1 = max(0.0, min(xs)), min(float(w), max(xs)), max(0.0, min(ys)), min(float(h), max(ys))
        side = x0 < _CORNER_X * w or x1 > (1 - _CORNER_X) * w
        end = y0 < _CORNER_Y * h or y1 > (1 - _CORNER_Y) * h
        if side and end and _on_flat_dark_fill(image_bgr, int(x0), int(y0), int(x1), int(y1)):
            return line
    return None


def _on_flat_dark_fill(image_bgr: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> bool:
    if x1 - x0 < 4 or y1 - y0 < 4:
        return False
    pad = max(2, (y1 - y0) // 3)  # a band just outside the text box: the pill's fill, no lettering
    h, w = image_bgr.shape[:2]
    ox0, oy0, ox1, oy1 = max(0, x0 - pad), max(0, y0 - pad), min(w, x1 + pad), min(h, y1 + pad)
    outer = image_bgr[oy0:oy1, ox0:ox1]
    ring = np.ones(outer.shape[:2], bool)
    ring[y0 - oy0 : y1 - oy0, x0 - ox0 : x1 - ox0] = False
    if not ring.any():
        return False
    hsv = cv2.cvtColor(np.ascontiguousarray(outer), cv2.COLOR_BGR2HSV)
    grey, saturation = hsv[..., 2][ring].astype(np.float32), hsv[..., 1][ring]
    fill = float(np.median(grey))
    flat = float(np.mean(np.abs(grey - fill) <= _FLAT_SPREAD))
    lettering = float(np.percentile(hsv[..., 2][y0 - oy0 : y1 - oy0, x0 - ox0 : x1 - ox0], 95))
    return (
        fill <= _MAX_FILL
        and flat >= _FLAT_SHARE
        and float(np.median(saturation)) < _MAX_SATURATION
        and lettering >= fill + _LETTERING_LIFT
    )
