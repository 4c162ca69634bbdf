"""Red round and oval official seals, found by shape in the red-ink mask.

The search is in two parts. What does not depend on which way up the page stands (the red mask, its round and
oval blobs, their fitted ellipses and rims: `search_seals`) is done once, on the page as uploaded. What does (a
red title's characters are told from a seal by the way its lines run: `SealSearch.seals`) is decided for the
turn the page is read at, the candidates mapped into that turn's pixels: a quarter turn maps pixels exactly.
A search of the turned picture itself would differ a little on a quarter turn: OpenCV's elliptical kernel is not
the same a quarter turn round (its tips), and an even-length rule kernel's anchor shifts an opening by a pixel.
On the real set's 15 turned pages that changed the count on 4, all in borderline red blobs (ornaments, keys of
a keyboard, a watermark, a piece of a seal neither found whole); a seal either found whole, both found.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

from verifier.imaging import downscale, turned_xy
from verifier.seals.ink import red_mask
from verifier.seals.model import Seal
from verifier.settings import defaults
from verifier.settings.quality import QualitySettings

_RIM_SAMPLES = 180
# How far along its line a title character's neighbours may stand, in character sizes.
_ROW_REACH = 3
# Like-sized red blobs within that reach that make a row a title (a washed-out title's characters close into
# rings, 0.96 of the rim, as well as a seal's).
_TITLE_NEIGHBOURS = 3
# Two arcs of one broken ring: together no longer than this times the longer alone, and about round.
_RING_SPAN = 1.15
_RING_ROUND = 1.3
# ...and larger than either: each arc leaves out a good part of the ring.
_RING_GROWTH = 1.2

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Candidate:
    """A red blob shaped like a seal, in working pixels: its bounding box and fitted ellipse."""

    box: Box
    centre: tuple[float, float]
    axes: tuple[float, float]  # major, minor
    angle: float  # of the major axis, degrees clockwise from the x axis (0–180)
    rim_coverage: float

    def turned(self, degrees: int, width: int, height: int) -> Candidate:
        """The candidate in the working image (`width` × `height`) turned clockwise by a multiple of 90°."""
        return Candidate(
            _turned_box(self.box, degrees, width, height),
            turned_xy(*self.centre, degrees, width, height),
            self.axes,
            (self.angle + degrees) % 180,
            self.rim_coverage,
        )


@dataclass
class SealSearch:
    """What the search found on a page as uploaded, before anything that depends on which way up it stands:
    the seal-shaped candidates, every red blob (a title's row is told from them), and the masks the circle
    test falls back on. `seals` decides for a turn; no picture is searched again."""

    size: tuple[int, int]  # the image's width and height
    working: tuple[int, int]  # the working image's width and height
    candidates: list[Candidate]
    blobs: list[Box]
    mask: np.ndarray = field(repr=False)
    rim_mask: np.ndarray = field(repr=False)
    settings: QualitySettings = field(repr=False)
    # Circles the blob test could not separate, found the first time a turn is left without seals.
    circles: list[tuple[float, float, float, float]] | None = None  # centre x, y, radius, rim coverage

    def seals(self, turn: int = 0) -> list[Seal]:
        """The seals of the page turned clockwise by `turn` (a multiple of 90°), in the turned image's pixels,
        as a search of the turned image finds them."""
        turn %= 360
        (width, height), (ww, wh) = self.size, self.working
        # The working scale of the turned image, as a search of it computes it: its width over the image's.
        inv = 1.0 / (wh / height if turn in (90, 270) else ww / width)
        s = self.settings
        seals: list[Seal] = []
        boxes: dict[int, Box] = {}  # each seal's box in working pixels, by id
        for uploaded in self.candidates:
            candidate = uploaded.turned(turn, ww, wh)
            x, y, bw, bh = candidate.box
            seal = Seal(
                centre=(candidate.centre[0] * inv, candidate.centre[1] * inv),
                axes=(candidate.axes[0] * inv, candidate.axes[1] * inv),
                angle=float(candidate.angle),
                rim_coverage=candidate.rim_coverage,
                box=(int(x * inv), int(y * inv), int(bw * inv), int(bh * inv)),
            )
            seals.append(seal)
            boxes[id(seal)] = candidate.box
        blobs = [_turned_box(blob, turn, ww, wh) for blob in self.blobs]
        seals = [seal for seal in seals if not any(_inside(seal, other) for other in seals if other is not seal)]
        seals = [seal for seal in seals if not _title_character(seal, boxes[id(seal)], blobs, s)]
        if seals:
            return seals
        if self.circles is None:
            self.circles = _circles(self.mask, self.rim_mask, min(self.working), s)
        rings = []
        for cx, cy, r, coverage in self.circles:
            cx, cy = turned_xy(cx, cy, turn, ww, wh)
            rings.append(
                Seal(
                    centre=(float(cx) * inv, float(cy) * inv),
                    axes=(float(2 * r) * inv, float(2 * r) * inv),
                    angle=0.0,
                    rim_coverage=coverage,
                    box=(int((cx - r) * inv), int((cy - r) * inv), int(2 * r * inv), int(2 * r * inv)),
                )
            )
        return rings


def detect_seals(
    image_bgr: np.ndarray, settings: QualitySettings | None = None, small_bgr: np.ndarray | None = None
) -> list[Seal]:
    """Seals in the image's own pixel coordinates. `small_bgr`: the image already downscaled to the working
    width, when the caller has it."""
    return search_seals(image_bgr, settings, small_bgr).seals()


def search_seals(
    image_bgr: np.ndarray, settings: QualitySettings | None = None, small_bgr: np.ndarray | None = None
) -> SealSearch:
    """The seal candidates of the image as it stands (`SealSearch.seals` decides which are seals for a turn).
    `small_bgr`: the image already downscaled to the working width, when the caller has it."""
    s = settings or defaults(QualitySettings)
    small = downscale(image_bgr, s.working_width)[0] if small_bgr is None else small_bgr
    mask = red_mask(small, s.seal_s_min, s.seal_v_min)
    short_side = min(small.shape[:2])
    mask = _without_rules(mask, short_side)
    # Join the ring, star and characters of one seal, and bridge black strokes crossing the ring.
    k = max(3, int(short_side * 0.012) | 1)
    joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    # CCOMP lists every red blob as an outer boundary, also a seal inside a closed red frame (with
    # RETR_EXTERNAL a red border around the page would hide every seal inside it).
    contours, hierarchy = cv2.findContours(joined, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE)
    links = hierarchy[0] if hierarchy is not None else []
    rim_mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    outer = [c for c, link in zip(contours, links, strict=True) if link[3] == -1]  # blobs, not holes
    blobs: list[Box] = [(x, y, w, h) for x, y, w, h in map(cv2.boundingRect, outer)]
    candidates: list[Candidate] = []
    for contour in outer + _broken_rings(outer, blobs, s.seal_min_diameter * short_side):
        if len(contour) < 5:
            continue
        x, y, bw, bh = cv2.boundingRect(contour)
        diameter = max(bw, bh)
        if not (s.seal_min_diameter * short_side <= diameter <= s.seal_max_diameter * short_side):
            continue
        (cx, cy), (a1, a2), angle = cv2.fitEllipse(contour)
        major, minor = max(a1, a2), min(a1, a2)
        if minor <= 0 or major / minor > s.seal_pair_axis_ratio:
            continue
        (_, _), (rw, rh), _ = cv2.minAreaRect(contour)
        if cv2.contourArea(contour) > s.seal_max_extent * max(rw * rh, 1.0):
            continue  # fills its bounding box: a red rectangle (photo background, title block), not an ellipse
        coverage = _rim_coverage(rim_mask, (cx, cy), (a1, a2), angle)
        if coverage < s.seal_min_rim_coverage:
            continue
        if major / minor > s.seal_max_axis_ratio and coverage < s.seal_pair_rim_coverage:
            continue  # too long for one seal, and its outline is not two rings joined
        candidates.append(
            Candidate(
                (x, y, bw, bh),
                (cx, cy),
                (major, minor),
                float(angle if a1 >= a2 else angle + 90) % 180,  # of the major axis
                coverage,
            )
        )
    height, width = image_bgr.shape[:2]
    return SealSearch((width, height), (small.shape[1], small.shape[0]), candidates, blobs, mask, rim_mask, s)


def _broken_rings(outer: list[np.ndarray], blobs: list[tuple[int, int, int, int]], min_size: float) -> list[np.ndarray]:
    """Seals whose ring black writing crosses on two sides (a handwritten date through it): two like-sized arcs,
    one above the other or side by side, that together span no more than either alone and make a round outline.
    Each is a candidate on its own too; the joined one, found as well, holds them (`_inside` drops them then).
    Characters of a title stand beside each other, a column's one below the other: their union is twice as long."""
    joined = []
    for i, (x, y, w, h) in enumerate(blobs):
        if max(w, h) < min_size:
            continue
        for j in range(i + 1, len(blobs)):
            ox, oy, ow, oh = blobs[j]
            if not 0.67 <= max(ow, oh) / max(w, h) <= 1.5:
                continue
            ux, uy = min(x, ox), min(y, oy)
            uw, uh = max(x + w, ox + ow) - ux, max(y + h, oy + oh) - uy
            if max(uw, uh) > _RING_SPAN * max(w, h, ow, oh) or max(uw, uh) > _RING_ROUND * min(uw, uh):
                continue
            if uw * uh < _RING_GROWTH * max(w * h, ow * oh):
                continue  # one holds the other (a ring and its lettering): no arc is missing
            joined.append(cv2.convexHull(np.concatenate([outer[i], outer[j]])))
    return joined


def _circles(
    mask: np.ndarray, rim_mask: np.ndarray, short_side: int, s: QualitySettings
) -> list[tuple[float, float, float, float]]:
    """Seals the blob test cannot separate, found as circles (centre, radius and rim coverage in working
    pixels): one stamped across a broad red border or band joins it into one blob. A circle counts when red
    ink runs along nearly all of it and the paper just outside it is mostly not red (a circle drawn inside a
    red area is no ring)."""
    circles = cv2.HoughCircles(
        cv2.GaussianBlur(mask, (5, 5), 1.5),
        cv2.HOUGH_GRADIENT_ALT,
        dp=1.5,
        minDist=short_side * s.seal_min_diameter,
        param1=300,
        param2=0.6,  # circle perfectness (0–1) of the edge points voting for it
        minRadius=max(3, int(short_side * s.seal_circle_min_diameter / 2)),
        maxRadius=int(short_side * s.seal_max_diameter / 2),
    )
    found = []
    for cx, cy, r in circles[0] if circles is not None else []:
        coverage = _rim_coverage(rim_mask, (cx, cy), (2 * r, 2 * r), 0.0)
        outside = _rim_coverage(mask, (cx, cy), (2.5 * r, 2.5 * r), 0.0)
        if coverage >= s.seal_circle_rim_coverage and outside <= 0.5:
            found.append((cx, cy, r, coverage))
    return found


def _turned_box(box: Box, degrees: int, width: int, height: int) -> Box:
    """A bounding box (x, y, w, h) of a `width` × `height` image in the image turned clockwise by `degrees`: the
    box of its first and last pixels turned."""
    x, y, w, h = box
    xs, ys = turned_xy(np.array([x, x + w - 1]), np.array([y, y + h - 1]), degrees, width, height)
    turned_w, turned_h = (h, w) if degrees % 180 == 90 else (w, h)
    return int(xs.min()), int(ys.min()), turned_w, turned_h


def _without_rules(mask: np.ndarray, short_side: int) -> np.ndarray:
    """The red mask without long straight rules (a red border, a letterhead's red line), so that a seal
    stamped across them stays a blob of its own. A seal ring has no straight run this long."""
    length = max(15, int(short_side * 0.12))
    rules = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    rules = cv2.bitwise_or(
        rules, cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    )
    return cv2.bitwise_and(mask, cv2.bitwise_not(cv2.dilate(rules, np.ones((3, 3), np.uint8))))


def _inside(seal: Seal, other: Seal) -> bool:
    """The star or lettering inside a seal's ring, found as a blob of its own."""
    x, y, w, h = seal.box
    ox, oy, ow, oh = other.box
    slack = 2  # boxes are rounded to source pixels one by one
    within = ox - slack <= x and oy - slack <= y and x + w <= ox + ow + slack and y + h <= oy + oh + slack
    return ow * oh > w * h and within


def _title_character(
    seal: Seal, box: tuple[int, int, int, int], blobs: Sequence[Sequence[int]], s: QualitySettings
) -> bool:
    """A bold red title character closes into a round blob too, but stands in a row of like-sized blobs.
    Two or three issuers' seals stamped side by side also make a short row, so a close neighbour counts
    only against a blob whose rim is not a closed ring; a row of four or more is a title whatever the rim."""
    gaps = _row_gaps(box, blobs)
    size = max(box[2], box[3])
    if sum(gap <= _ROW_REACH * size for gap in gaps) >= _TITLE_NEIGHBOURS:
        return True
    return any(gap <= size for gap in gaps) and seal.rim_coverage < s.seal_ring_coverage


def _row_gaps(box: tuple[int, int, int, int], blobs: Sequence[Sequence[int]]) -> list[int]:
    """The gaps to the red blobs of like height on the same line as this one (a neighbour may be several
    characters joined into one run)."""
    x, y, w, h = box
    gaps = []
    for ox, oy, ow, oh in blobs:
        if ox >= x and oy >= y and ox + ow <= x + w and oy + oh <= y + h:
            continue  # the blob itself, or its star and lettering
        like_height = 0.67 <= oh / max(h, 1) <= 1.5
        same_line = abs((oy + oh / 2) - (y + h / 2)) <= 0.5 * max(h, oh)
        if like_height and same_line:
            gaps.append(max(ox - (x + w), x - (ox + ow)))
    return gaps


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
