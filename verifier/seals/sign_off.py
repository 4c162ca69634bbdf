"""The sign-off around each seal, read again enlarged.

The issuer's name and the date sit under or beside the seal, and on a dark, washed-out or small page the
whole-page detection often finds only part of them (龙凤 of 龙凤区民族中学（盖章）, no date at all): at the size the
page is detected, their strokes are a few pixels high and the seal's red crosses them. Cut out around the
seal, enlarged, and with the seal faded (in the red channel) or lifted (its own ink mask turned to paper), the
same lines are found and read whole. Only the lines inside those areas are replaced, and the caller takes from
the new reading only what the first left empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np

from models.page import TextLine
from verifier.ocr.base import OcrEngine, read_lines, reading_order
from verifier.seals.lift import lift_seal_ink
from verifier.seals.model import Seal
from verifier.settings.quality import QualitySettings

Area = tuple[int, int, int, int]  # x0, y0, x1, y1 on the page

# The sign-off's lines run on both sides of the seal (a long body name, a date beside it) and just above and
# below its centre: the area reaches this many seal radii each way.
_REACH_X = 3.5
_REACH_Y = 1.3
# The area is enlarged until its longer side reaches this (detected whole, not downsized), at most this much.
_READ_SIDE = 1280
_MAX_ZOOM = 2.5
_MIN_RADIUS_PX = 20  # smaller red rings are no seals a sign-off is stamped with
# ...but detected no larger than makes the page's own text a set height to the detector
# (OcrSettings.sign_off_detect_text_px), and never under this.
_MIN_DETECT_SIDE = 640
# A sign-off carries one to three seals; a page of red rings (a decorated border) is not read ring by ring.
_MAX_SEALS = 4


def sign_off_areas(seals: list[Seal], width: int, height: int) -> list[Area]:
    """The sign-off areas of the page's largest seals as (x0, y0, x1, y1), clipped to it; areas that overlap
    (two seals side by side on one sign-off) are one area, so their lines are read once."""
    areas: list[Area] = []
    for seal in sorted(seals, key=lambda s: -max(s.axes))[:_MAX_SEALS]:
        radius = max(seal.axes) / 2
        if radius < _MIN_RADIUS_PX:
            continue
        cx, cy = seal.centre
        x0, x1 = max(0, int(cx - _REACH_X * radius)), min(width, int(cx + _REACH_X * radius))
        y0, y1 = max(0, int(cy - _REACH_Y * radius)), min(height, int(cy + _REACH_Y * radius))
        if x1 - x0 > 8 and y1 - y0 > 8:
            areas = _merged(areas, (x0, y0, x1, y1))
    return sorted(areas, key=lambda a: (a[1], a[0]))


def _merged(areas: list[Area], new: Area) -> list[Area]:
    """The areas with `new` added, joined with every area it overlaps (and those with what they then overlap)."""
    while True:
        overlapping = [a for a in areas if a[0] < new[2] and new[0] < a[2] and a[1] < new[3] and new[1] < a[3]]
        if not overlapping:
            return [*areas, new]
        areas = [a for a in areas if a not in overlapping]
        new = (
            min(new[0], *(a[0] for a in overlapping)),
            min(new[1], *(a[1] for a in overlapping)),
            max(new[2], *(a[2] for a in overlapping)),
            max(new[3], *(a[3] for a in overlapping)),
        )


# How the seal is taken off the print: each loses strokes the other keeps. Faded in the red channel, a dark or
# tinted page keeps the faint strokes under the seal (二〇二 of a date that lifting turned to paper); lifted, a
# page whose print is itself reddish (washed out, a warm photo) keeps its print where the red channel pales it.
Variant = Literal["faded", "lifted"]
VARIANTS: tuple[Variant, ...] = ("faded", "lifted")


@dataclass(frozen=True)
class DetectSizing:
    """How large a re-read area is shown to the detector: no larger than shows the page's own text (`text_px`,
    its median line; None: not sized by it) `target_px` high. An enlarged area keeps its whole size unless the
    page's own text is already that high (`size_enlarged`): a big photo whose seal is small, not a small page
    whose print needs the enlarging (OcrSettings.sign_off_detect_text_px and sign_off_size_enlarged)."""

    text_px: float | None = None
    target_px: float = 32.0
    size_enlarged: bool = True


def read_sign_offs(
    engine: OcrEngine,
    image: np.ndarray,
    seals: list[Seal],
    variant: Variant,
    quality: QualitySettings,
    sizing: DetectSizing = DetectSizing(),
) -> list[tuple[Area, list[TextLine]]]:
    """Each sign-off area with the lines read in it, in page coordinates, detected as `sizing` says."""
    height, width = image.shape[:2]
    areas = sign_off_areas(seals, width, height)
    return [(area, read_area(engine, image, area, seals, variant, quality, sizing=sizing)) for area in areas]


def text_height(lines: list[TextLine]) -> float | None:
    """The page's own text height: the median height of its lines, in page pixels; None without lines."""
    heights = sorted(line.own_height for line in lines)
    return heights[len(heights) // 2] if heights else None


# Where a sign-off stands when no seal shows where: below the body, across the page's lower part. A form signs
# under its last table row (a little above the middle on a short form), a certificate near its foot.
_LOWER_PAGE_TOP = 0.45


def lower_page_area(width: int, height: int) -> Area:
    return (0, int(height * _LOWER_PAGE_TOP), width, height)


def read_area(
    engine: OcrEngine,
    image: np.ndarray,
    area: Area,
    seals: list[Seal],
    variant: Variant,
    quality: QualitySettings,
    side: int = _READ_SIDE,
    detect_side: int | None = None,
    sizing: DetectSizing = DetectSizing(),
) -> list[TextLine]:
    """The lines of one area of the page, enlarged (its longer side to `side`, at most 2.5×) and with the seal
    taken off, in page coordinates. Detected at the enlarged size, or at most at `detect_side`, and no larger
    than `sizing` allows."""
    x0, y0, x1, y1 = area
    window = np.ascontiguousarray(image[y0:y1, x0:x1])
    shifted = [_shifted(seal, x0, y0) for seal in seals]
    crop = _print_only(window) if variant == "faded" else lift_seal_ink(window, shifted, quality)
    zoom = min(_MAX_ZOOM, side / max(crop.shape[:2]))
    if zoom > 1:
        crop = cv2.resize(crop, None, fx=zoom, fy=zoom, interpolation=cv2.INTER_CUBIC)
    else:
        zoom = 1.0
    longest = max(crop.shape[:2])
    detect_at = min(detect_side or longest, longest)
    # An area enlarged because its seal is small, on a page whose own text is already the target's height.
    text_px, target_px = sizing.text_px, sizing.target_px
    big_print = sizing.size_enlarged and text_px is not None and text_px >= target_px
    if text_px and (zoom == 1.0 or big_print):
        detect_at = min(detect_at, max(_MIN_DETECT_SIDE, round(longest * target_px / (text_px * zoom))))
    boxes = engine.detect(crop, detect_at)
    lines = read_lines(engine, crop, boxes) if boxes else []
    return [
        TextLine(line.text, [(x / zoom + x0, y / zoom + y0) for x, y in line.box], line.confidence) for line in lines
    ]


def with_sign_offs(lines: list[TextLine], readings: list[tuple[Area, list[TextLine]]]) -> list[TextLine]:
    """The page's lines with those whose centre lies in a re-read area replaced by that area's reading."""
    kept = [line for line in lines if not any(_inside(line, area) for area, _ in readings)]
    added = [line for area, read in readings for line in read]
    return sorted([*kept, *added], key=lambda line: reading_order(line.top, line.left))


def _inside(line: TextLine, area: Area) -> bool:
    cx, cy = line.centre
    return area[0] <= cx <= area[2] and area[1] <= cy <= area[3]


def _shifted(seal: Seal, dx: int, dy: int) -> Seal:
    x, y, w, h = seal.box
    return seal.model_copy(update={"centre": (seal.centre[0] - dx, seal.centre[1] - dy), "box": (x - dx, y - dy, w, h)})


def _print_only(crop: np.ndarray) -> np.ndarray:
    """The area's red channel, stretched: black print stays dark there and a red seal fades to the paper, on a
    dark or tinted capture as on a clean one (lifting the seal's own mask loses faint strokes under it)."""
    red = crop[..., 2].astype(np.float32)
    low, high = np.percentile(red, 1), np.percentile(red, 99)
    stretched = np.clip((red - low) * 255.0 / max(float(high - low), 1.0), 0, 255).astype(np.uint8)
    return cv2.cvtColor(stretched, cv2.COLOR_GRAY2BGR)
