"""A holder's name read again from its own line, cropped a few ways (class 6 of the real-certificate failures).

Names in brush, calligraphic or bold display type are read a character off more often than the type around them
(陈倒宏 for a name whose middle character has a 亻 beside it). How tightly the detector cut the line decides many
such readings: the same line read with a little more paper above and below, or its name's part alone, often
reads the character right. The line is read again several ways — whole and the name's part alone, each with two
margins, at its size and at the recogniser's smaller working height — and a reading a character off the first one
replaces it only when most of the readings agree on it and fewer read the first: a doubtful name stays as read.
A line the recogniser read without doubt is not read again: its name is a sure field, and a re-read never
overrules one (a plain 武 at 0.998 was outvoted 5 to 3 by 式 across the crops).
The crops are read until no other reading can win any more: a name read right is read again half as many times.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import cv2
import numpy as np
from rapidfuzz.distance import Levenshtein

from models.page import TextLine
from verifier.ocr.base import crop_line

# Margins added above and below (and, for the name's part, beside) the box, in line heights.
_LINE_MARGINS = (0.1, 0.25)
_PART_MARGINS = (0.15, 0.3)
# The text height a crop is also read at: shrunk first, the recogniser's own enlarging smooths a brush stroke.
_SMALL_HEIGHT = 32
# How wide a character is against a Han character.
_NARROW = 0.5


def name_box(line: TextLine, start: int, end: int) -> np.ndarray | None:
    """The part of the line's box that holds its characters [start, end), placed by character widths (Latin
    letters, digits and spaces half a Han character's); None for a box that is not four points."""
    if len(line.box) != 4 or not line.text:
        return None
    widths = [1.0 if "\u4e00" <= c <= "\u9fff" or c in "：（）" else _NARROW for c in line.text]
    total = sum(widths)
    t0, t1 = sum(widths[:start]) / total, sum(widths[:end]) / total
    tl, tr, br, bl = (np.array(p, dtype=np.float32) for p in line.box)
    return np.array([tl + t0 * (tr - tl), tl + t1 * (tr - tl), bl + t1 * (br - bl), bl + t0 * (br - bl)], np.float32)


def _widened(box: np.ndarray, across: float, along: float) -> np.ndarray:
    """The box grown by `across` line heights above and below and `along` line heights at each end."""
    tl, tr, br, bl = box
    height = float(np.linalg.norm(bl - tl)) or 1.0
    width = float(np.linalg.norm(tr - tl)) or 1.0
    right, down = (tr - tl) / width, (bl - tl) / height
    dx, dy = right * along * height, down * across * height
    return np.array([tl - dx - dy, tr + dx - dy, br + dx + dy, bl - dx + dy], np.float32)


def _crops(image: np.ndarray, line: TextLine, start: int, end: int) -> list[np.ndarray]:
    whole = np.array(line.box, dtype=np.float32)
    part = name_box(line, start, end)
    boxes = [_widened(whole, margin, 0.0) for margin in _LINE_MARGINS]
    if part is not None and (start, end) != (0, len(line.text)):
        boxes += [_widened(part, margin, margin) for margin in _PART_MARGINS]
    crops = []
    for box in boxes:
        crop = crop_line(image, box)
        crops.append(crop)
        if crop.shape[0] > _SMALL_HEIGHT:
            scale = _SMALL_HEIGHT / crop.shape[0]
            crops.append(cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))
    return crops


def _reading_of(text: str, name: str, is_name: Callable[[str], bool]) -> str | None:
    """The name as one reading has it: the first name itself, else a name a character off it."""
    text = "".join(text.split())
    if name in text:
        return name
    size = len(name)
    for start in range(len(text) - size + 1):
        piece = text[start : start + size]
        if Levenshtein.distance(piece, name) == 1 and is_name(piece):
            return piece
    return None


def reread_name(
    recognize: Callable[[np.ndarray], str],
    image: np.ndarray,
    line: TextLine,
    name: str,
    is_name: Callable[[str], bool],
    doubtful_below: float,
) -> str | None:
    """The name read again from its line (`line.text` holds it, spaces aside): a reading a character off `name`
    that most of the crops read and more of them than read `name`; None when the first reading stands, as it
    does unread when the recogniser scored the line `doubtful_below` or more.
    `recognize` reads one crop's text (through the benchmark cache when one is configured)."""
    start = line.text.find(name)
    if start < 0 or line.confidence >= doubtful_below:
        return None
    crops = _crops(image, line, start, start + len(name))
    votes: Counter[str] = Counter()
    for read, crop in enumerate(crops):
        if not _may_be_replaced(votes, name, len(crops), len(crops) - read):
            return None  # the readings left cannot change it: most lines read their name right at half the crops
        reading = _reading_of(recognize(crop), name, is_name)
        if reading is not None:
            votes[reading] += 1
    if not votes:
        return None
    best, count = votes.most_common(1)[0]
    if best == name or count * 2 <= len(crops) or count <= votes.get(name, 0):
        return None
    return best


def _may_be_replaced(votes: Counter[str], name: str, crops: int, left: int) -> bool:
    """Whether some other reading (one already read or a new one) could still reach most of the `crops` and more
    than read `name`, were all the `left` readings to go its way."""
    most = max((count for reading, count in votes.items() if reading != name), default=0) + left
    return most * 2 > crops and most > votes.get(name, 0)
