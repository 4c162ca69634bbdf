"""Image helpers every stage uses: grey conversion and a fast downscale."""

from __future__ import annotations

from typing import TypeVar

import cv2
import numpy as np

Coordinate = TypeVar("Coordinate", float, np.ndarray)


def to_grey(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image


def downscale(image: np.ndarray, width: int) -> tuple[np.ndarray, float]:
    """Resize to at most `width` wide; never upsample, which would invent blur. Returns the image and its
    scale (working pixels per source pixel).

    Shrinks by a whole factor first, OpenCV's fast path for INTER_AREA (a few edge pixels that do not fill a
    block are dropped), then to the width: a 12 Mpx photo costs a third of one direct INTER_AREA resize."""
    h, w = image.shape[:2]
    if w <= width:
        return image, 1.0
    factor = w // width
    small = image
    if factor >= 2 and h >= factor:
        small = image[: h - h % factor, : w - w % factor]
        small = cv2.resize(small, (small.shape[1] // factor, small.shape[0] // factor), interpolation=cv2.INTER_AREA)
    if small.shape[1] > width:
        size = (width, max(1, round(small.shape[0] * width / small.shape[1])))
        small = cv2.resize(small, size, interpolation=cv2.INTER_AREA)
    return small, width / w


def turned_xy(x: Coordinate, y: Coordinate, degrees: int, width: int, height: int) -> tuple[Coordinate, Coordinate]:
    """A pixel position of a `width` × `height` image in the image turned clockwise by `degrees` (a multiple of
    90°); numbers or numpy arrays of them alike."""
    degrees %= 360
    if degrees == 90:
        return height - 1 - y, x
    if degrees == 180:
        return width - 1 - x, height - 1 - y
    if degrees == 270:
        return y, width - 1 - x
    return x, y
