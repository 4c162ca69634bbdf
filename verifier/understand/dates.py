"""Dates as OCR reads them off certificates, including sign-off years it has partly lost.

Sign-off dates are often printed in Chinese numerals (二〇二二年六月十四日). Line recognisers decode with CTC,
which merges a character repeated without a gap (二〇二二 → 二〇二) and easily drops the thin 〇 and 一 under a
seal, so a year comes out as 二二 or 二〇四. Such a year still fixes its last digit; the decade is taken from
the years the document mentions elsewhere, else the latest one that has already happened.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from verifier.normalize import chinese_number, find_dates

_DIGITS = "〇一二三四五六七八九"
_MD = r"(\d{1,2}|[〇零一二三四五六七八九十]{1,3})"
_PARTIAL = re.compile(
    rf"(?<![〇零一二三四五六七八九\d])(?P<year>[〇零一二三四五六七八九]{{1,3}})\s*年\s*{_MD}\s*月(?:\s*{_MD}\s*[日号]?)?"
)
_YEARS_IN_TEXT = re.compile(r"(?<!\d)(19[5-9]\d|20[0-9]\d)(?!\d)")
_FIRST_YEAR = 1980


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
# Foreign certificates: "January 21, 2022" or "21 January 2022".
_ENGLISH_DATE = re.compile(
    rf"(?:(?P<m1>{'|'.join(_MONTHS)})\.?\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{'|'.join(_MONTHS)})\.?,?\s+(?P<y2>\d{{4}}))",
    re.IGNORECASE,
)


def english_dates(line: str) -> list[tuple[int, str]]:
    found = []
    for match in _ENGLISH_DATE.finditer(line):
        month = _MONTHS.index((match.group("m1") or match.group("m2")).lower()) + 1
        day, year = int(match.group("d1") or match.group("d2")), int(match.group("y1") or match.group("y2"))
        if 1 <= day <= 31 and 1950 <= year <= 2100:
            found.append((match.start(), f"{year:04d}-{month:02d}-{day:02d}"))
    return found


def dates_in(line: str, context: str = "") -> list[tuple[int, str]]:
    """Every date in a line as (position, ISO); a partly lost Chinese year is recovered using context."""
    found = find_dates(line) or english_dates(line)
    if found:
        return found
    if not context and not re.search(r"[〇零一二三四五六七八九]\s*年", line):
        return []
    recovered = []
    mentioned = {int(y) for y in _YEARS_IN_TEXT.findall(context)}
    mentioned |= {int(iso[:4]) for _, iso in find_dates(context)}  # 于二〇一九年九月二日参加…
    for match in _PARTIAL.finditer(line.replace("零", "〇")):
        year = _recover_year(match.group("year"), mentioned)
        month = chinese_number(match.group(2))
        day = chinese_number(match.group(3)) if match.group(3) else None
        if year and month and 1 <= month <= 12 and (day is None or 1 <= day <= 31):
            recovered.append((match.start(), f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")))
    return recovered


def _recover_year(read: str, mentioned: set[int]) -> int | None:
    years = range(_FIRST_YEAR, date.today().year + 1)
    # A seal or the photo's edge may also hide the first characters: 三年五月 for 二〇一三年五月, when the
    # document names 2013 elsewhere.
    # The last digit is never the one hidden, so it must be read as printed.
    in_text = [
        y
        for y in years
        if y in mentioned and _DIGITS[y % 10] == read[-1] and any(r.endswith(read) for r in _misreadings(y))
    ]
    if in_text:
        return max(in_text)
    candidates = [year for year in years if read in _misreadings(year)]
    if not candidates:
        return None
    # Without a year in the text to agree with, only a reading that keeps the leading 二 is trusted.
    return max(candidates) if len(read) >= 2 and read[0] == "二" else None


@lru_cache(maxsize=128)
def _misreadings(year: int) -> frozenset[str]:
    """How a year in Chinese numerals may come out: repeats merged, and any of its 〇 or 一 dropped, in any order."""
    spelled = "".join(_DIGITS[int(d)] for d in str(year))
    seen, frontier = {spelled}, [spelled]
    while frontier:
        reading = frontier.pop()
        nexts = {re.sub(r"(.)\1+", r"\1", reading)}
        nexts |= {reading[:i] + reading[i + 1 :] for i, c in enumerate(reading) if c in "〇一" and i > 0}
        for variant in nexts - seen:
            seen.add(variant)
            frontier.append(variant)
    return frozenset(seen)
