"""The ring text of a round seal, read by unrolling the ring into a straight line.

A Chinese official seal prints its body's name (宿州市教育局, 永平县第四中学) clockwise along its rim, from the
lower left over the top to the lower right, each character upright towards the rim. In polar coordinates
around the seal's centre that arc is a straight band: rolled out from the bottom and turned a quarter, it is
one text line a line recogniser reads. The red ink is separated from black print first (redness = red minus
the larger of green and blue), so the printed sign-off under the seal does not read into the ring.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from verifier.ocr.base import OcrEngine
from verifier.quality.model import Seal

# The ring text lies between these fractions of the seal's radius: inside the rim line, outside the star.
_INNER, _OUTER = 0.55, 0.95
# Oval seals (财务专用章) do not unroll into a straight band; nor do seals too small to hold legible text.
_MIN_ROUNDNESS = 0.8
_MIN_RADIUS_PX = 30


@dataclass(frozen=True)
class SealText:
    text: str
    confidence: float


def unroll_ring(image_bgr: np.ndarray, seal: Seal) -> np.ndarray | None:
    """The seal's ring band as a horizontal strip, red ink dark on white; None for an oval or a tiny seal."""
    major, minor = seal.axes
    radius = (major + minor) / 4
    if minor < _MIN_ROUNDNESS * major or radius < _MIN_RADIUS_PX:
        return None
    # As many angle steps as the middle of the band is long, so characters keep their proportions.
    steps = int(2 * np.pi * radius * (_INNER + _OUTER) / 2)
    outer = radius * _OUTER
    polar = cv2.warpPolar(
        image_bgr, (int(np.ceil(outer)), steps), seal.centre, outer, cv2.WARP_POLAR_LINEAR + cv2.INTER_LINEAR
    )
    band = polar[:, int(radius * _INNER) :]
    strip = cv2.rotate(band, cv2.ROTATE_90_COUNTERCLOCKWISE)  # the rim on top: the characters stand upright
    channels = strip.astype(np.int16)
    redness = np.clip(channels[..., 2] - np.maximum(channels[..., 0], channels[..., 1]), 0, 255).astype(np.float32)
    strongest = float(np.percentile(redness, 99))
    if strongest < 1:
        return None
    ink = np.clip(redness * (255 / strongest), 0, 255)
    # Start the line in the ring's gap: at 6 o'clock on a seal stamped upright, elsewhere on a turned one.
    ink = np.roll(ink, -_gap_middle(ink), axis=1)
    return cv2.cvtColor((255 - ink).astype(np.uint8), cv2.COLOR_GRAY2BGR)


def _gap_middle(ink: np.ndarray) -> int:
    """The column in the middle of the widest stretch of the unrolled ring without text, around the circle.

    Ink is averaged over two character widths, so the spaces between characters fill in and a small mark in
    the gap (a star's tip, a serial number) does not split it: the emptiest window is the gap between the
    name's end and its start."""
    width = max(3, 2 * ink.shape[0])  # a character is about as wide as the band is high
    profile = ink.mean(axis=0)
    padded = np.concatenate([profile[-width:], profile, profile[:width]])
    smooth = np.convolve(padded, np.ones(width) / width, mode="same")[width:-width]
    return int(np.argmin(smooth))


def read_seal_texts(engine: OcrEngine, image_bgr: np.ndarray, seals: list[Seal]) -> list[SealText]:
    """What each round seal's ring says, in the order of `seals`, leaving out seals that cannot be unrolled."""
    strips = [strip for seal in seals if (strip := unroll_ring(image_bgr, seal)) is not None]
    if not strips:
        return []
    return [SealText(text, confidence) for text, confidence in engine.recognize(strips) if text.strip()]
