"""Geometry: skew from the text lines, and content cut by the frame edge."""

from __future__ import annotations

import math
import re

import cv2
import numpy as np

from models.page import TextLine

_MIN_ASPECT = 2.5  # only lines clearly longer than high give a reliable direction


def skew_from_lines(lines: list[TextLine]) -> float | None:
    """Median tilt in degrees (positive = text rises to the right) of the long lines' top and bottom edges."""
    angles: list[float] = []
    weights: list[float] = []
    for line in lines:
        if len(line.box) != 4:
            continue
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = line.box
        length = math.hypot(x1 - x0, y1 - y0)
        height = math.hypot(x3 - x0, y3 - y0)
        if height <= 0 or length / height < _MIN_ASPECT:
            continue
        for ax, ay, bx, by in ((x0, y0, x1, y1), (x3, y3, x2, y2)):
            if bx - ax > 0:
                angles.append(math.degrees(math.atan2(ay - by, bx - ax)))
                weights.append(length)
    if len(angles) < 2:
        return None
    return _weighted_median(np.array(angles), np.array(weights))


def skew_from_pixels(grey: np.ndarray) -> float | None:
    """Fallback without OCR boxes: smear the ink horizontally into line blobs and take their angles."""
    w = grey.shape[1]
    ink = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    smear = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (max(9, w // 60), 3)))
    # CCOMP lists every ink blob as an outer boundary, also those inside a printed frame.
    contours, hierarchy = cv2.findContours(smear, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    angles, weights = [], []
    for contour, links in zip(contours, hierarchy[0] if hierarchy is not None else [], strict=False):
        if links[3] != -1:  # a hole, not a blob
            continue
        corners = cv2.boxPoints(cv2.minAreaRect(contour))
        edges = [corners[(i + 1) % 4] - corners[i] for i in range(2)]
        long_edge, short_edge = sorted(edges, key=lambda e: -float(np.hypot(*e)))
        long_side, short_side = float(np.hypot(*long_edge)), float(np.hypot(*short_edge))
        if short_side < 3 or long_side / short_side < 5 or not (w * 0.08 <= long_side <= w * 0.95):
            continue
        tilt = math.degrees(math.atan2(-long_edge[1], long_edge[0]))
        tilt = (tilt + 90) % 180 - 90  # the edge's direction does not matter, only its line
        if abs(tilt) <= 30:
            angles.append(tilt)
            weights.append(long_side)
    if len(angles) < 3:
        return None
    return _weighted_median(np.array(angles), np.array(weights))


def lines_cut_by_edge(lines: list[TextLine], grey: np.ndarray, margin: float, contrast: float) -> list[int]:
    """Per side (top, right, bottom, left), how many text lines run out of the picture there: the line's
    box comes within `margin` of the width/height of the edge and its strokes reach the outermost two
    pixel rows or columns (`grey` is the page at source size): glyphs sliced by the frame, not a tight
    crop that still leaves them a pixel or two of paper."""
    h, w = grey.shape[:2]
    mx, my = max(1.0, w * margin), max(1.0, h * margin)
    counts = [0, 0, 0, 0]
    for line in lines:
        xs, ys = [p[0] for p in line.box], [p[1] for p in line.box]
        x0, x1 = max(0, int(min(xs))), min(w, math.ceil(max(xs)) + 1)
        y0, y1 = max(0, int(min(ys))), min(h, math.ceil(max(ys)) + 1)
        if x1 - x0 < 2 or y1 - y0 < 2:
            continue
        paper = float(np.percentile(grey[y0:y1, x0:x1], 90))
        strips = (
            (min(ys) <= my, grey[:2, x0:x1]),
            (max(xs) >= w - 1 - mx, grey[y0:y1, w - 2 :]),
            (max(ys) >= h - 1 - my, grey[h - 2 :, x0:x1]),
            (min(xs) <= mx, grey[y0:y1, :2]),
        )
        for side, (near, strip) in enumerate(strips):
            if near and strip.size and float(strip.min()) <= paper - contrast:
                counts[side] += 1
    return counts


def frame_rule_depths(grey: np.ndarray, *, band: float, length: float, contrast: float) -> list[int | None]:
    """Per side (top, right, bottom, left), how far in from that edge (in pixels) the innermost long straight dark
    line or band within `band` of it ends; None where there is none. A rule on every side is the page's own
    border, or the desk around a photographed sheet: then the page ends inside the picture all round.

    Lines must run `length` of the side; tilts of up to ±1.5° (a scan's, a flat photo's) are absorbed by
    thickening the dark mask across the line first. Text never forms one: it breaks between characters.
    """
    paper_level = float(np.percentile(grey, 95))
    dark = (grey < paper_level - contrast).astype(np.uint8)
    depths: list[int | None] = []
    for side in range(4):
        rotated = np.ascontiguousarray(np.rot90(dark, side))
        h, w = rotated.shape
        run = max(3, int(w * length))
        depth = max(3, int(h * band))
        slack = 2 * math.ceil(math.tan(math.radians(1.5)) * run) + 1
        strip = cv2.dilate(rotated[:depth], cv2.getStructuringElement(cv2.MORPH_RECT, (1, slack)))
        rules = cv2.morphologyEx(strip, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (run, 1)))
        rows = np.flatnonzero(rules.any(axis=1))
        # The dilation spread each line by half the slack towards the page: take that back.
        depths.append(max(0, int(rows[-1]) - slack // 2) if rows.size else None)
    return depths


def text_inside_rules(
    boxes: list[tuple[float, float, float, float]], shape: tuple[int, ...], depths: list[int | None], band: float
) -> list[bool]:
    """Per side (top, right, bottom, left): whether that side's rule (`frame_rule_depths`) stands clear of the
    edge's `band` (the depth in which strokes out of the picture are counted, as a share of the page across that
    side) and every text box (left, top, right, bottom, in the pixels of `shape`) lies further in than it.
    A dark band along the edge itself (a shadow, the desk) is no rule with paper outside it."""
    h, w = shape[:2]
    inside = []
    for side, depth in enumerate(depths):
        across = h if side in (0, 2) else w
        if depth is None or not boxes or depth <= max(4, round(band * across)):
            inside.append(False)
            continue
        gaps = [(top, w - right, h - bottom, left)[side] for left, top, right, bottom in boxes]
        inside.append(min(gaps) > depth)
    return inside


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def sides_cut_through_content(
    grey: np.ndarray, *, depth: float, contrast: float, min_crossings: int, paper_ratio: float
) -> list[int]:
    """Ink strokes that run out of the picture, per side (top, right, bottom, left).

    When a crop or the camera's frame cuts through the printed document, frame rules, table lines,
    characters and seal rings cross the image edge at a steep angle. A complete page keeps a paper or
    desk margin there. A crossing is a dark stroke (clearly darker than the paper around it) that
    spans the whole band along that edge, is narrow along the edge (a steep line, not a rule running
    parallel to a slightly tilted edge) and sits on paper: no darker than `paper_ratio` of the page's
    paper level, which a shadowed edge of the sheet keeps and a dark desk does not.
    """
    h, w = grey.shape
    k = max(3, (min(h, w) // 60) | 1)  # wider than a stroke: the closing is the paper under the ink
    paper = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    ink = ((paper.astype(np.int16) - grey) > contrast).astype(np.uint8)
    paper_level = float(np.percentile(grey, 95))
    counts = []
    for side in range(4):  # rotate each side to the top
        side_ink, side_paper = np.rot90(ink, side), np.rot90(paper, side)
        d = max(4, round(depth * side_ink.shape[0]))
        band = np.ascontiguousarray(side_ink[:d])
        n, _, stats, _ = cv2.connectedComponentsWithStats(band, connectivity=8)
        crossings = 0
        for x, y, bw, bh, _area in stats[1:n]:
            steep = y == 0 and bh >= d and bw <= 3 * d
            if steep and float(np.median(side_paper[:d, x : x + bw])) >= paper_ratio * paper_level:
                crossings += 1
        counts.append(crossings if crossings >= min_crossings else 0)
    return counts


def cut_between_lines(lines: list[TextLine], height: int, edge: float, ratio: float, floor: float) -> list[bool]:
    """Per side (top, right, bottom, left): whether the picture ends right at a text line on the top or the
    bottom while the other end keeps a real margin, as a crop between two lines leaves it."""
    readable = [ln for ln in lines if ln.confidence >= 0.5 and len(ln.text.strip()) >= 2]
    if not readable or height <= 0:
        return [False] * 4
    top = min(min(p[1] for p in ln.box) for ln in readable) / height
    bottom = 1 - max(max(p[1] for p in ln.box) for ln in readable) / height
    cut_top = top < edge and bottom >= max(ratio * top, floor)
    cut_bottom = bottom < edge and top >= max(ratio * bottom, floor)
    if cut_bottom:
        # A page cropped tight under its sign-off (the date, a 签章 caption, the signer's name) ends where the
        # document does: nothing is printed after the sign-off to cut away. A table row cut under a date in one
        # of its cells is still cut: every line along the edge must be the sign-off.
        last = [ln for ln in readable if 1 - max(p[1] for p in ln.box) / height < edge]
        cut_bottom = not all(is_sign_off(ln.text) for ln in last)
    return [cut_top, False, cut_bottom, False]


_DATE = re.compile(
    r"(日期[:：])?(\d{4}|[〇○零一二三四五六七八九]{4})年[\d〇○零一二三四五六七八九十]{1,3}月([\d〇○零一二三四五六七八九十]{1,3}日)?"
)
_SIGNING = re.compile(r"签字|签名|签章|盖章|[（(]章[)）]|(书记|负责人|校长|院长|主任|经办人|审核人)\s*[:：]")


def is_sign_off(text: str) -> bool:
    """Whether a line is a document's sign-off: a date alone on its line (year and month), a signing or stamping caption
    (签字, 签章, 盖章), or a signer's post before a colon (支部书记：, 负责人：)."""
    return bool(_DATE.fullmatch("".join(text.split())) or _SIGNING.search(text))
