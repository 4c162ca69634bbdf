"""The ring text of a round seal, read by unrolling the ring into a straight line.

A Chinese official seal prints its body's name (宿州市教育局, 永平县第四中学) clockwise along its rim, from the
lower left over the top to the lower right, each character upright towards the rim. In polar coordinates
around the seal's centre that arc is a straight band: rolled out from the bottom and turned a quarter, it is
one text line a line recogniser reads. The red ink is separated from black print first (redness = red minus
the larger of green and blue), so the printed sign-off under the seal does not read into the ring.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np

from verifier.ocr.base import OcrEngine
from verifier.seals.model import Seal

# The ring text lies between these fractions of the seal's radius: inside the rim line, outside the star.
_INNER, _OUTER = 0.55, 0.95
# A round seal photographed at an angle is an ellipse, made round again before unrolling; a flatter one is an
# oval seal (财务专用章) or two seals run together. Seals too small hold no legible ring text.
_MIN_ROUNDNESS = 0.6
_BLANK_INK = 64  # a column of the unrolled ring with no pixel this inky holds no character
_ROUND_ENOUGH = 0.95  # rounder than this it is unrolled as it is: resampling costs more than it mends
_MIN_RADIUS_PX = 30


@dataclass(frozen=True)
class SealText:
    text: str
    confidence: float


def unroll_ring(image_bgr: np.ndarray, seal: Seal, ink: Ink = "colour") -> np.ndarray | None:
    """The seal's ring band as a horizontal strip, its ink (separated as `ink` says) dark on white; None for a
    flat oval or a tiny seal."""
    ring = _ring_band(image_bgr, seal)
    return None if ring is None else _as_line(_ink_maps(*ring)[ink])


def _ring_band(image_bgr: np.ndarray, seal: Seal) -> tuple[np.ndarray, np.ndarray] | None:
    """The ring band in colour, rolled out into a horizontal strip with the rim on top, and its redness; None for
    a flat oval, a tiny seal or one without red."""
    major, minor = seal.axes
    slanted = minor < _ROUND_ENOUGH * major
    radius = major / 2 if slanted else (major + minor) / 4
    if minor < _MIN_ROUNDNESS * major or radius < _MIN_RADIUS_PX:
        return None
    centre = seal.centre
    if slanted:
        image_bgr, centre = _made_round(image_bgr, seal)
    # As many angle steps as the middle of the band is long, so characters keep their proportions.
    steps = int(2 * np.pi * radius * (_INNER + _OUTER) / 2)
    outer = radius * _OUTER
    polar = cv2.warpPolar(
        image_bgr, (int(np.ceil(outer)), steps), centre, outer, cv2.WARP_POLAR_LINEAR + cv2.INTER_LINEAR
    )
    band = cv2.rotate(polar[:, int(radius * _INNER) :], cv2.ROTATE_90_COUNTERCLOCKWISE)  # characters upright
    red = _redness(band)
    return (band, red) if float(np.percentile(red, 99)) >= 1 else None


def _ink_maps(band: np.ndarray, red: np.ndarray) -> dict[Ink, np.ndarray]:
    """The band's ink from 0 to 255 under each separation (`Ink`), each measure computed once."""
    colour = _scaled(red)
    brightness = _scaled(_darkness_in_red(band, red))
    return {"colour": colour, "both": _scaled(colour + brightness), "brightness": brightness}


def _as_line(ink_map: np.ndarray) -> np.ndarray:
    """The ink dark on white, as one line starting after the ring's gap."""
    # Start the line in the ring's gap: at 6 o'clock on a seal stamped upright, elsewhere on a turned one.
    ink_map = _close_up(np.roll(ink_map, -_gap_middle(ink_map), axis=1))
    return cv2.cvtColor((255 - ink_map).astype(np.uint8), cv2.COLOR_GRAY2BGR)


# How the ring's red ink is told from paper and from black print under it. Redness ("colour": red minus the
# larger of green and blue) keeps the print out, but JPEG, as phones and most scanners save, keeps colour at
# half the resolution of brightness, so its strokes are soft. The paper's darkening ("brightness") is sharp
# but takes the print too, so it is weighed by redness around it; "both" averages the two. Each misreads rings
# the others read (measured on the benchmarks' sealed pages), so a ring is read all three ways.
Ink = Literal["colour", "both", "brightness"]
# Redness (of the strip's strongest) from which a pixel counts fully as the seal's.
_RED_ENOUGH = 0.35


def _redness(strip: np.ndarray) -> np.ndarray:
    channels = strip.astype(np.int16)
    return np.clip(channels[..., 2] - np.maximum(channels[..., 0], channels[..., 1]), 0, 255).astype(np.float32)


def _darkness_in_red(strip: np.ndarray, red: np.ndarray) -> np.ndarray:
    grey = cv2.cvtColor(strip, cv2.COLOR_BGR2GRAY).astype(np.float32)
    darkness = np.clip(float(np.percentile(grey, 90)) - grey, 0, 255)
    strongest = max(1.0, float(np.percentile(red, 99)))
    return darkness * np.clip(cv2.GaussianBlur(red, (0, 0), 1.0) / (_RED_ENOUGH * strongest), 0, 1)


def _scaled(ink: np.ndarray) -> np.ndarray:
    """Ink from 0 to 255, its strongest (99th percentile) at full."""
    return np.clip(ink * (255 / max(1.0, float(np.percentile(ink, 99)))), 0, 255)


def _close_up(ink: np.ndarray) -> np.ndarray:
    """Blank stretches cut to a third of a character: a short name (国务院) spread over half the ring reads as
    three characters far apart, which a line recogniser takes for separate marks."""
    rows = ink.shape[0]
    keep = max(2, rows // 3)
    # The rim's inner edge and the star's points reach into the band's top and bottom rows: left out here.
    blank = ink[rows // 6 : rows - rows // 6].max(axis=0) < _BLANK_INK
    columns, run = [], 0
    for index, is_blank in enumerate(blank):
        run = run + 1 if is_blank else 0
        if run <= keep:
            columns.append(index)
    return ink[:, columns]


def _made_round(image_bgr: np.ndarray, seal: Seal) -> tuple[np.ndarray, tuple[float, float]]:
    """The seal's surroundings with the seal round again: a photo taken at an angle squeezes it into an ellipse,
    undone by stretching along its minor axis. Returns the crop and the seal's centre in it."""
    major, minor = seal.axes
    side = int(major * 1.2) + 2
    half = side / 2
    theta = np.radians(seal.angle)
    along, across = np.array([np.cos(theta), np.sin(theta)]), np.array([-np.sin(theta), np.cos(theta)])
    # Output pixel → source pixel: undo the stretch across the major axis, about the seal's centre.
    shrink = np.outer(along, along) + (minor / major) * np.outer(across, across)
    offset = np.array(seal.centre) - shrink @ np.array([half, half])
    matrix = np.hstack([shrink, offset[:, None]]).astype(np.float32)
    flags = cv2.INTER_LINEAR + cv2.WARP_INVERSE_MAP
    crop = cv2.warpAffine(image_bgr, matrix, (side, side), flags=flags, borderMode=cv2.BORDER_REPLICATE)
    return crop, (half, half)


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
    """What each round seal's ring says, in the order of `seals`, leaving out seals that cannot be unrolled:
    each ring read with every ink separation (`Ink`), its readings surest first."""
    rings = [(index, ring) for index, seal in enumerate(seals) if (ring := _ring_band(image_bgr, seal)) is not None]
    strips = [(index, _as_line(ink_map)) for index, ring in rings for ink_map in _ink_maps(*ring).values()]
    if not strips:
        return []
    readings = engine.recognize([strip for _, strip in strips])
    by_seal = sorted(
        zip((index for index, _ in strips), readings, strict=True), key=lambda read: (read[0], -read[1][1])
    )
    return [SealText(text, confidence) for _, (text, confidence) in by_seal if text.strip()]
