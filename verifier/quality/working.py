"""The page in grey at a fixed working width, with the OCR boxes mapped onto it."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from models.page import TextLine
from verifier.imaging import downscale, to_grey


@dataclass
class WorkingPage:
    grey_native: np.ndarray  # uint8, source size (measures that a resize would destroy: moiré)
    grey: np.ndarray  # uint8, working width
    scale: float  # working pixels per source pixel
    # Each line's outline in working pixels, as OCR found it: a line photographed at a slant is a slanted box,
    # whose upright bounding rectangle would be mostly paper.
    outlines: list[np.ndarray]


def to_working(
    image_bgr: np.ndarray, lines: list[TextLine], width: int, small_bgr: np.ndarray | None = None
) -> WorkingPage:
    """`small_bgr`: the same page already downscaled to `width` (the reading's preparation made one)."""
    grey_native = to_grey(image_bgr)
    if small_bgr is not None:
        grey, scale = to_grey(small_bgr), small_bgr.shape[1] / image_bgr.shape[1]
    else:
        grey, scale = downscale(grey_native, width)
    outlines = [np.round(np.asarray(line.box, np.float64) * scale).astype(np.int32) for line in lines if line.box]
    return WorkingPage(grey_native=grey_native, grey=grey, scale=scale, outlines=outlines)


def text_mask(grey: np.ndarray, outlines: list[np.ndarray]) -> np.ndarray:
    """The pixels inside the lines' outlines (parts outside the page are left out)."""
    mask = np.zeros(grey.shape, np.uint8)
    if outlines:
        cv2.fillPoly(mask, outlines, 255)
    return mask
