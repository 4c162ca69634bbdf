"""Orientation: decide the page rotation from its own text, then read it upright.

Detection boxes tell horizontal from vertical lines (0/180 vs 90/270); recognising a few long lines both ways
up tells 0 from 180. The detector runs once: boxes are mapped into the chosen rotation instead of re-detected.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from models.page import TextLine
from verifier.imaging import turned_xy
from verifier.ocr import Box, OcrEngine, crop_line
from verifier.ocr.base import box_extent
from verifier.settings import OcrSettings, OrientSettings, defaults
from verifier.vertical_script import is_column_page, may_be_turned_column

_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
# Lines at least this elongated say which way the text runs; squarer boxes (single characters, seals) do not.
_LONG_ASPECT = 2.5
_SAMPLE_LINES = 8


@dataclass
class OrientedRead:
    rotation: int  # degrees clockwise applied to the upload to make it upright
    # How sure the 0/180 decision is: the mean line confidence when read only as-is, else the winning share of
    # the as-is vs upside-down scores (0.5–1); None when there is no text.
    confidence: float | None
    image: np.ndarray  # the upright page
    lines: list[TextLine]
    # The page is written in columns (竖排): `rotation` turns the upload into the frame its columns are read in,
    # right to left as rows, a quarter anticlockwise from the page standing upright (see `upload_turned`).
    columns: bool = False

    @property
    def upload_turned(self) -> int:
        """Degrees clockwise that turn the upload itself upright: a page in columns stands upright a quarter
        clockwise from the frame it is read in."""
        return (self.rotation + 90) % 360 if self.columns else self.rotation


def rotate_image(image: np.ndarray, degrees: int) -> np.ndarray:
    degrees %= 360
    return image if degrees == 0 else cv2.rotate(image, _ROTATE[degrees])


def rotate_boxes(boxes: list[Box], degrees: int, width: int, height: int) -> list[Box]:
    """Map boxes of a (width × height) image into the same image rotated clockwise by `degrees`."""
    degrees %= 360
    out = []
    for box in boxes:
        pts = np.stack(turned_xy(box[:, 0], box[:, 1], degrees, width, height), axis=1)
        # A quarter turn clockwise makes the corner that was bottom-left the top-left one: the corners keep their
        # order and shift by one. (Sorting the turned corners by x + y instead collapsed a thin box to a line: a
        # 1 px crop 92 px long that the recogniser padded its whole batch to, seconds on a phone photo.)
        out.append(np.roll(_clockwise(pts.astype(np.float32)), degrees // 90, axis=0))
    return out


def _clockwise(pts: np.ndarray) -> np.ndarray:
    """The four corners in clockwise order (in image coordinates, y down), as crop_line expects."""
    x, y = pts[:, 0], pts[:, 1]
    area = float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    return pts if area >= 0 else pts[[0, 3, 2, 1]]


def _is_vertical_page(boxes: list[Box]) -> bool:
    """True when the long text lines run top-to-bottom: the upload is turned by 90° or 270°."""
    wide = tall = 0.0
    for box in boxes:
        xs, ys = box[:, 0], box[:, 1]
        w, h = float(xs.max() - xs.min()), float(ys.max() - ys.min())
        if w >= _LONG_ASPECT * h:
            wide += w
        elif h >= _LONG_ASPECT * w:
            tall += h
    return tall > wide


def _line_score(results: list[tuple[str, float]]) -> float:
    # Longer confidently read lines count more: a short line reads plausibly either way up.
    return sum(score * min(len(text.strip()), 20) for text, score in results)


def detect_adaptive(engine: OcrEngine, image: np.ndarray, ocr: OcrSettings) -> list[Box]:
    """Detect at a small size first and again larger only when the text is too small there to be found well.

    Certificates print large text, so most pages need no more than the first pass; recognition still reads
    crops from the full-resolution page.
    """
    longest = max(image.shape[:2])
    first = min(ocr.det_first_side, ocr.max_side_len)
    boxes = engine.detect(image, first)
    if longest <= first or not boxes:
        return boxes if boxes or longest <= first else engine.detect(image, ocr.max_side_len)
    heights = sorted(float(min(box_extent(b))) for b in boxes)
    text_px_at_first = heights[len(heights) // 2] * first / longest
    if text_px_at_first >= ocr.det_min_text_px:
        return boxes
    side = min(ocr.max_side_len, int(first * ocr.det_min_text_px / max(text_px_at_first, 1.0)) + 32)
    return engine.detect(image, side) if side > first else boxes


def _mean_confidence(results: list[tuple[str, float]]) -> float:
    weights = [min(len(text.strip()), 20) for text, _ in results]
    total = sum(weights)
    return sum(w * score for w, (_, score) in zip(weights, results, strict=True)) / total if total else 0.0


def _which_way_up(
    engine: OcrEngine, crops: list[np.ndarray], settings: OrientSettings, flipped_first: bool
) -> tuple[bool, float | None, list[tuple[str, float]], list[tuple[str, float]]]:
    """Whether the sampled lines read better turned half round, the decision's confidence and both readings (a
    reading not needed is empty). A way up that reads confidently is taken without reading the other: the crops
    as cut first, or turned first (`flipped_first`, a sideways page, most uploaded at 270°). Read turned first,
    the other reading, when it is needed, decides exactly as when read as cut first."""
    sure = settings.confident_upright

    def read_flipped() -> list[tuple[str, float]]:
        return engine.recognize([np.ascontiguousarray(np.rot90(c, 2)) for c in crops])

    flipped = read_flipped() if flipped_first else []
    if flipped_first and sure and _mean_confidence(flipped) >= sure:
        return True, _mean_confidence(flipped), [], flipped
    as_is = engine.recognize(crops)
    if sure and _mean_confidence(as_is) >= sure:
        return False, _mean_confidence(as_is), as_is, flipped
    if not flipped_first:
        flipped = read_flipped()
    score_as_is, score_flipped = _line_score(as_is), _line_score(flipped)
    total = score_as_is + score_flipped
    flip = score_flipped > score_as_is * settings.margin
    return flip, (max(score_as_is, score_flipped) / total) if total > 0 else None, as_is, flipped


def orient_and_read(
    engine: OcrEngine,
    image: np.ndarray,
    settings: OrientSettings | None = None,
    ocr: OcrSettings | None = None,
) -> OrientedRead:
    settings, ocr = settings or defaults(OrientSettings), ocr or defaults(OcrSettings)
    height, width = image.shape[:2]
    boxes = detect_adaptive(engine, image, ocr)
    if not boxes:
        return OrientedRead(rotation=0, confidence=None, image=image, lines=[])
    vertical = _is_vertical_page(boxes)
    base = 90 if vertical else 0  # the frame the lines are cut in; the other quarter (270°) is its flip
    upright = rotate_image(image, base)
    as_uploaded = boxes
    boxes = rotate_boxes(boxes, base, width, height) if base else boxes

    # Sample the longest lines and read them both ways up (turned half round: the crops of the flip).
    order = sorted(range(len(boxes)), key=lambda i: -box_extent(boxes[i])[0])[:_SAMPLE_LINES]
    crops = [crop_line(upright, boxes[i]) for i in order]
    flip, confidence, as_is, flipped = _which_way_up(
        engine, crops, settings, vertical and settings.sideways_first == 270
    )

    if flip:
        h2, w2 = upright.shape[:2]
        upright = rotate_image(upright, 180)
        boxes = rotate_boxes(boxes, 180, w2, h2)
        known = dict(zip(order, flipped, strict=True))
    else:
        known = dict(zip(order, as_is, strict=True))
    rotation = (base + (180 if flip else 0)) % 360
    # Columns are read in the frame turned anticlockwise (270° from the upright column page), where they run
    # right to left as rows: a page of tall lines read at 270° may be one, uploaded upright; a page of wide
    # lines may be one uploaded sideways, its rows its columns.
    # Either way a first look at the longest line's first characters, standing as they would on a column page
    # (`may_be_turned_column`), comes before the whole test: a turned page of lines read at 270° fails it with
    # its characters lying on their side in the upload, and is spared reading six whole columns twice.
    text, score = known[order[0]]
    longest = np.rot90(crops[0], 2) if flip else crops[0]  # as read, in the chosen frame
    if base:
        columns = (
            rotation == 270
            and may_be_turned_column(engine, longest, score * len(text.strip()))
            and is_column_page(engine, image, as_uploaded)
        )
    else:
        columns = may_be_turned_column(engine, longest, score * len(text.strip())) and is_column_page(
            engine, rotate_image(upright, 90), rotate_boxes(boxes, 90, upright.shape[1], upright.shape[0])
        )

    # Recognise the remaining lines; the sampled ones are already read the chosen way up.
    rest = [i for i in range(len(boxes)) if i not in known]
    for i, result in zip(rest, engine.recognize([crop_line(upright, boxes[i]) for i in rest]), strict=True):
        known[i] = result
    boxes_sorted = sorted(range(len(boxes)), key=lambda i: (round(float(boxes[i][:, 1].min()) / 8), boxes[i][0, 0]))
    lines = []
    for i in boxes_sorted:
        text, score = known[i]
        if text.strip():
            lines.append(TextLine(text=text, box=[(float(x), float(y)) for x, y in boxes[i]], confidence=score))
    return OrientedRead(rotation=rotation, confidence=confidence, image=upright, lines=lines, columns=columns)
