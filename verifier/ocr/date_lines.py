"""Sign-off dates whose line the detector cut short, read again whole.

A seal is usually stamped over the date, and the detector often starts the date's box after the stamped
year (年九月八日, 七年九月) or ends it before a day the ring crosses (2023年3月 | 28日 missed, 年三月 | 三日 as two
boxes). The recogniser reads the whole line well once it is given all of it: the box is widened over the
blank-looking paper beside it, or joined to its same-row remainder, and read once more. The new reading is
kept only when it is a complete date that agrees with every part the first reading had, so a widened box
can add a year or a day, never change one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np

from models.page import TextLine
from verifier.normalize import chinese_number, date_numerals, find_dates, numeral_digit
from verifier.ocr.base import OcrEngine, crop_line

_NUMERAL = r"[〇○零一二三四五六七八九0-9]"
_MD = r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})"
# A sign-off date stands on a line of its own. One whose year lost its first characters, or all of them:
# 七年九月, 二二年五月, 年十一月十三日, 11月21日.
_HEADLESS = re.compile(
    rf"^\s*(?:(?P<year>{_NUMERAL}{{0,3}})\s*年)?\s*(?P<month>{_MD})\s*月(?:\s*(?P<day>{_MD})\s*[日号])?\s*$"
)
# One that ends before its day: 2023年3月, 2020年.
_TAILLESS = re.compile(rf"^\s*(?P<year>{_NUMERAL}{{4}})\s*年(?:\s*(?P<month>{_MD})\s*月)?\s*$")
# What is left of a date in the box beside it: 三日, 28日, 十二日.
_REMAINDER = re.compile(rf"^\s*{_NUMERAL}*[十]?{_NUMERAL}*\s*[日号]\s*$")
# How far past its box a date's missing part may reach, in line heights: a year is four characters.
_LEFT_REACH = 5.0
_RIGHT_REACH = 4.0
_JOIN_GAP = 1.5


@dataclass(frozen=True)
class _Partial:
    year: str  # the year's characters that were read, possibly none
    month: int | None
    day: int | None


def complete_date_lines(
    engine: OcrEngine, image: np.ndarray, lines: list[TextLine], days_elsewhere: bool = True
) -> list[TextLine]:
    """The lines with each cut-short date read again over its whole extent, where that gives a date that
    agrees with the first reading; a joined remainder line is dropped. The year's side is tried first and the
    day's side after it, each on its own: blank paper added on a side that lost nothing can change how the
    recogniser reads the rest. A date that stops at its month is looked past only when the document dates
    something else to the day (`days_elsewhere`): many certificates are dated to the month."""
    result = list(lines)
    for line in lines:
        if line not in result:
            continue  # already joined to the date before it
        for side in ("left", "right"):
            partial = _partial(line.text)
            if partial is None:
                break
            widened, joined = _widened_box(line, partial, result, image.shape[1], side)
            if widened is None or (joined is None and side == "right" and partial.month and not days_elsewhere):
                continue
            text, confidence = engine.recognize([crop_line(image, widened)])[0]
            if not _completes(partial, line.text, text, side):
                continue
            box = [(float(x), float(y)) for x, y in widened]
            completed = TextLine(text=text, box=box, confidence=confidence)
            result[result.index(line)] = completed
            if joined is not None:
                result.remove(joined)
            line = completed
    return result


def is_cut_short_date(text: str) -> bool:
    """Whether the line is a date on its own that lost its year's start or stops before its day."""
    return _partial(text) is not None


def _partial(text: str) -> _Partial | None:
    """What a cut-short date line holds, or None when the line is no such date."""
    numerals = date_numerals(text)
    head = _HEADLESS.match(numerals)
    if head:
        return _Partial(head.group("year") or "", _number(head.group("month")), _number(head.group("day")))
    tail = _TAILLESS.match(numerals)
    if tail:
        return _Partial(tail.group("year"), _number(tail.group("month")), None)
    return None


def _number(text: str | None) -> int | None:
    return chinese_number(text) if text else None


def _widened_box(
    line: TextLine, partial: _Partial, lines: list[TextLine], width: int, side: str
) -> tuple[np.ndarray | None, TextLine | None]:
    """The box widened on one side over what the date lost there, and the same-row line joined into it if
    any; None when that side lost nothing."""
    box = np.array(line.box, np.float32)
    height = float(np.linalg.norm(box[0] - box[3]))
    left, right = float(box[:, 0].min()), float(box[:, 0].max())
    row = [other for other in lines if other is not line and _same_row(line, other)]
    new_left, new_right, joined = left, right, None
    if side == "left" and len(partial.year) < 4:
        # Up to the nearest line on the left, which must leave the year room: a caption beside it is no year.
        bound = max((_right(other) for other in row if _right(other) <= left + 2), default=0.0)
        new_left = max(bound + 1, left - _LEFT_REACH * height, 0.0)
    if side == "right":
        nearest = min((other for other in row if other.left >= right - 2), key=lambda o: o.left, default=None)
        if nearest is not None and nearest.left - right <= _JOIN_GAP * height and _REMAINDER.match(nearest.text):
            new_right, joined = _right(nearest), nearest
        elif partial.day is None:
            bound = nearest.left - 1 if nearest is not None else float(width)
            new_right = min(bound, right + _RIGHT_REACH * height)
    if new_left >= left - 1 and new_right <= right + 1:
        return None, None
    widened = box.copy()
    widened[[0, 3], 0] -= left - new_left
    widened[[1, 2], 0] += new_right - right
    return widened, joined


def _same_row(a: TextLine, b: TextLine) -> bool:
    overlap = min(a.top + a.height, b.top + b.height) - max(a.top, b.top)
    return overlap > 0.5 * min(a.height, b.height)


def _right(line: TextLine) -> float:
    return max(x for x, _ in line.box)


def _completes(partial: _Partial, first: str, second: str, side: str) -> bool:
    """The second reading is a whole date, of this year or earlier, that keeps what the first one read and
    only adds on the side that was widened: the left may add a year's lost characters (年九月 → 二〇一二年九月),
    the right a day (2023年3月 → 2023年3月28日), nothing may change what was there. A day it adds carries its
    日, or has two digits (2023年3月28: 日 under the seal); 2020年4月1 is no date."""
    before, after = _plain(first), _plain(second)
    if side == "left":
        at = before.find("年")
        if not after.endswith(before[at:] if at >= 0 else before):
            return False
    else:
        at = max(before.rfind("月"), before.rfind("年"))
        if at < 0 or not after.startswith(before[: at + 1]):
            return False
    dates = find_dates(after)
    if not dates:
        return False
    iso = dates[0][1]
    year, month = int(iso[:4]), int(iso[5:7])
    day = int(iso[8:10]) if len(iso) > 7 else None
    if year > date.today().year:
        return False
    if partial.year and numeral_digit(partial.year[-1]) != year % 10:
        return False
    if partial.month is not None and partial.month != month:
        return False
    if partial.day is not None and partial.day != day:
        return False
    if day is not None and partial.day is None and not re.search(r"月.*[日号]|月\d{2}$", after):
        return False
    read = find_dates(before)
    return not read or (iso.startswith(read[0][1]) and iso != read[0][1])


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", date_numerals(text))

