"""Sign-off dates whose line the detector cut short, told by their text.

A seal is usually stamped over the date, and the detector often starts the date's box after the stamped
year (年九月八日, 七年九月) or ends it before a day the ring crosses (2023年3月 | 28日 missed, 年三月 | 三日 as two
boxes). This module says which lines are such dates, what they kept, and whether a reading of the whole line
(verifier/rereads.py reads it again over its whole extent) completes one: the new reading is kept only when it
is a complete date that agrees with every part the first reading had, so it can add a year or a day, never
change one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from verifier.normalize import chinese_number, date_numerals, find_dates, numeral_digit

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
DATE_REMAINDER = re.compile(rf"^\s*{_NUMERAL}*[十]?{_NUMERAL}*\s*[日号]\s*$")

@dataclass(frozen=True)
class PartialDate:
    year: str  # the year's characters that were read, possibly none
    month: int | None
    day: int | None


def is_cut_short_date(text: str) -> bool:
    """Whether the line is a date on its own that lost its year's start or stops before its day."""
    return partial_date(text) is not None


def partial_date(text: str) -> PartialDate | None:
    """What a cut-short date line holds, or None when the line is no such date."""
    numerals = date_numerals(text)
    head = _HEADLESS.match(numerals)
    if head:
        return PartialDate(head.group("year") or "", _number(head.group("month")), _number(head.group("day")))
    tail = _TAILLESS.match(numerals)
    if tail:
        return PartialDate(tail.group("year"), _number(tail.group("month")), None)
    return None


def _number(text: str | None) -> int | None:
    return chinese_number(text) if text else None


def completes_date(partial: PartialDate, first: str, second: str, side: str) -> bool:
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
