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

import cn2an
from rapidfuzz import fuzz, process

from verifier.document_number import BRACKETED_YEAR_AND_SERIAL
from verifier.normalize import chinese_number, date_numerals, find_dates, is_calendar_date

_DIGITS = "〇一二三四五六七八九"
_MD = r"(\d{1,2}|[〇零一二三四五六七八九十]{1,3})"
_PARTIAL = re.compile(
    rf"(?<![〇零一二三四五六七八九\d])(?P<year>[〇零一二三四五六七八九]{{1,3}})\s*年\s*{_MD}\s*月(?:\s*{_MD}\s*[日号]?)?"
)
_YEARS_IN_TEXT = re.compile(r"(?<!\d)(19[5-9]\d|20[0-9]\d)(?!\d)")
# A sign-off cut by the photo's edge or a seal keeps the end of an Arabic year: 023年6月24日, 12年5月7日.
# A line cut on the left may be cut on the right as well (023年9月1|4日): a day counts with its 日, or when it
# has both its digits.
_CLIPPED_YEAR = re.compile(r"^\s*(?P<year>\d{2,3})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号]|\s*(\d{2})\s*$)?")
# The year of a red-header document's number (黔教发〔2020〕50号) is the year it was issued.
_DOCUMENT_YEAR = re.compile(BRACKETED_YEAR_AND_SERIAL)
# A sign-off that lost its whole year: 年十一月十三日.
_NO_YEAR = re.compile(rf"^\s*年\s*{_MD}\s*月(?:\s*{_MD}\s*[日号]?)?")
# A four-character year with one character misread (二〇一戊, 8013, 二八二三) or written in both numeral kinds
# (二〇22): any symbol but the date words may stand in it.
_FOUR_SYMBOL_YEAR = re.compile(
    rf"(?<![\d〇零一二三四五六七八九])(?P<year>[^\s年月日号]{{4}})\s*年\s*{_MD}\s*月(?:\s*{_MD}\s*[日号]?)?"
)
# A year in Chinese numerals whose 年 the recogniser dropped (二〇二三八月): its four characters are the year.
_LOST_YEAR_MARK = re.compile(
    rf"(?<![〇零一二三四五六七八九\d])(?P<year>[一二][〇一二三四五六七八九]{{3}})(?P<month>十[一二]?|[一二三四五六七八九])月"
    rf"(?:\s*(?P<day>{_MD})\s*[日号])?"
)
# An Arabic date whose 年 was misread (2024Φ6月14日): the month and day must follow with their own marks.
_MISREAD_YEAR_MARK = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})[^\d\s年月日](?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]"
)
_FIRST_YEAR = 1980
_ANY_YEAR = re.compile(r"[〇零一二三四五六七八九\d]\s*年")


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH_PREFIXES = tuple(m[:3] for m in _MONTHS)
# A month's name, whole or cut to its first three letters (Sept. too): Oct 10, 2023, 10 Oct. 2023.
_MONTH_WORD = r"(?:" + "|".join(rf"{m[:3]}(?:{m[3:]}|t)?" if m == "september" else rf"{m[:3]}(?:{m[3:]})?"
                               for m in _MONTHS) + r")\b"
# A day may carry its ordinal (21st) and a formal wording (the 21st day of January, 2022).
_ORDINAL = r"(?:st|nd|rd|th)?"
# Foreign certificates: "January 21, 2022", "21 January 2022", "21st of January, 2022".
_ENGLISH_DATE = re.compile(
    rf"(?:\b(?P<m1>{_MONTH_WORD})\.?\s+(?P<d1>\d{{1,2}}){_ORDINAL},?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}){_ORDINAL}\s+(?:day\s+of\s+|of\s+)?(?P<m2>{_MONTH_WORD})\.?,?\s+(?P<y2>\d{{4}}))",
    re.IGNORECASE,
)


# The same with the month's name misread (Febnay 16, 2024): the word is matched to the nearest month name.
_ENGLISH_DATE_LOOSE = re.compile(rf"\b(?P<m>[A-Za-z]{{3,10}})\.?\s+(?P<d>\d{{1,2}}){_ORDINAL},?\s+(?P<y>\d{{4}})\b")
_MONTH_SIMILARITY = 65


def english_dates(line: str) -> list[tuple[int, str]]:
    found = []
    for match in _ENGLISH_DATE.finditer(line):
        month = _MONTH_PREFIXES.index((match.group("m1") or match.group("m2"))[:3].lower()) + 1
        day, year = int(match.group("d1") or match.group("d2")), int(match.group("y1") or match.group("y2"))
        if 1950 <= year <= 2100 and is_calendar_date(year, month, day):
            found.append((match.start(), f"{year:04d}-{month:02d}-{day:02d}"))
    if found:
        return found
    for match in _ENGLISH_DATE_LOOSE.finditer(line):
        best = process.extractOne(match.group("m").lower(), _MONTHS, scorer=fuzz.ratio)
        day, year = int(match.group("d")), int(match.group("y"))
        if best and best[1] >= _MONTH_SIMILARITY and 1950 <= year <= 2100:
            month = _MONTHS.index(best[0]) + 1
            if is_calendar_date(year, month, day):
                found.append((match.start(), f"{year:04d}-{month:02d}-{day:02d}"))
    return found


def dates_in(line: str, context: str = "") -> list[tuple[int, str]]:
    """Every date in a line as (position, ISO); a partly lost Chinese year is recovered using context."""
    found = find_dates(line) or english_dates(line)
    if found:
        return found
    if not context and not any(
        pattern.search(line) for pattern in (_ANY_YEAR, _MISREAD_YEAR_MARK, _LOST_YEAR_MARK)
    ):
        return []
    mentioned = years_mentioned(context)
    numerals = date_numerals(line).replace("零", "〇")
    recovered = _one_symbol_misread(numerals, mentioned) or _year_mark_misread_or_lost(numerals)
    if recovered:
        return recovered
    partials = list(_PARTIAL.finditer(numerals))
    dated = _dated_in_full(context) if partials else []
    for match in partials:
        month = chinese_number(match.group(2)) or 0
        day = chinese_number(match.group(3)) if match.group(3) else None
        year = _year_of_same_day(match.group("year"), dated, month, day)
        completed = None if year else _same_month_dated_in_full(match.group("year"), match.group(3), dated, month)
        if completed:
            recovered.append((match.start(), completed))
            continue
        year = year or _year_of_same_month(match.group("year"), dated, month)
        year = year or _recover_year(match.group("year"), mentioned, month, day)
        if year:
            recovered.append((match.start(), _iso(year, month, day)))
    return recovered or _clipped_arabic(line, mentioned) or _yearless(line, context)


# A form's cells (出生年月 1979.02, 参加工作时间 2001.09) give a person's history, not the document's time.
HISTORY_CELL = re.compile(r"(?<![\d.])(?:19|20)\d{2}\.\d{1,2}(?![\d.])")


def years_mentioned(context: str) -> set[int]:
    """The years a document names (于二〇一九年九月…参加, 2021年度), leaving out a form's history cells."""
    context = HISTORY_CELL.sub(" ", context)
    mentioned = {int(y) for y in _YEARS_IN_TEXT.findall(context)}
    return mentioned | {int(iso[:4]) for _, iso in find_dates(context)}


def document_year(context: str) -> int | None:
    """The year in a red-header document's number (湛江教发〔2020〕50号): the year it was issued."""
    years = set(_DOCUMENT_YEAR.findall(context))
    return int(years.pop()) if len(years) == 1 else None


def _iso(year: int, month: int, day: int | None) -> str:
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _clipped_arabic(line: str, mentioned: set[int]) -> list[tuple[int, str]]:
    """An Arabic year with a digit lost to the edge or a seal: 023年 can only be 2023 and 216年 only 2016; 12年 is
    2012 when the document names 2012 elsewhere (and 1992 when it names that)."""
    match = _CLIPPED_YEAR.match(line)
    if not match:
        return []
    read = match.group("year")
    month, day_text = int(match.group(2)), match.group(3) or match.group(4)
    day = int(day_text) if day_text else None
    # The last digit is never the one lost: it must be read as printed.
    fits = [
        y
        for y in _years()
        if str(y)[-1] == read[-1] and _subsequence(read, str(y)) and is_calendar_date(y, month, day)
    ]
    fits = [y for y in fits if y in mentioned] or (fits if len(read) == 3 else [])
    if len(fits) != 1:
        return []
    return [(match.start("year"), _iso(fits[0], month, day))]


def _one_symbol_misread(line: str, mentioned: set[int]) -> list[tuple[int, str]]:
    """A year of four symbols at most one of which is wrong: the year that the document names elsewhere, or the
    only one that could have been printed (8013 → 2013: no other year differs from it in one place)."""
    found = []
    for match in _FOUR_SYMBOL_YEAR.finditer(line):
        digits = [_digit(char) for char in match.group("year")]
        if sum(d is None for d in digits) > 1:
            continue
        month = chinese_number(match.group(2)) or 0
        day = chinese_number(match.group(3)) if match.group(3) else None
        fits = [
            y
            for y in _years()
            if is_calendar_date(y, month, day) and sum(d != int(c) for d, c in zip(digits, str(y), strict=True)) <= 1
        ]
        exact = [y for y in fits if [int(c) for c in str(y)] == digits]
        named = [y for y in fits if y in mentioned]
        year = exact or (named if len(named) == 1 else fits if len(fits) == 1 else [])
        if year:
            found.append((match.start("year"), _iso(year[0], month, day)))
    return found


def _digit(char: str) -> int | None:
    if char.isdigit() and char.isascii():
        return int(char)
    return _DIGITS.index(char) if char in _DIGITS else None


def _year_mark_misread_or_lost(line: str) -> list[tuple[int, str]]:
    """Dates whose 年 was misread (2024Φ6月14日) or dropped (二〇二三八月): the year is the four characters read."""
    for pattern in (_MISREAD_YEAR_MARK, _LOST_YEAR_MARK):
        found = []
        for match in pattern.finditer(line):
            year = int("".join(str(_digit(char)) for char in match.group("year")))
            month = chinese_number(match.group("month")) or 0
            day = chinese_number(match.group("day")) if match.group("day") else None
            if year in _years() and is_calendar_date(year, month, day):
                found.append((match.start("year"), _iso(year, month, day)))
        if found:
            return found
    return []


def _subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(char in letters for char in short)


def _years() -> range:
    return range(_FIRST_YEAR, date.today().year + 1)


def _yearless(line: str, context: str) -> list[tuple[int, str]]:
    """A sign-off whose year the seal hid entirely, on a document whose number states its year."""
    match = _NO_YEAR.match(line)
    year = document_year(context)
    if not match or year is None:
        return []
    month = chinese_number(match.group(1))
    day = chinese_number(match.group(2)) if match.group(2) else None
    if month and is_calendar_date(year, month, day):
        return [(match.start(), _iso(year, month, day))]
    return []


def _dated_in_full(context: str) -> list[str]:
    """The days a document dates in full (ISO), leaving out a form's history cells."""
    return [iso for _, iso in find_dates(HISTORY_CELL.sub(" ", context)) if len(iso) == 10]


def _year_of_same_day(read: str, dated: list[str], month: int, day: int | None) -> int | None:
    """A year that lost its last characters (二〇年七月二十日 for 二〇二三年…) on a document that dates the same day
    in full elsewhere (公示时间：2023年7月20日至…), in one year only, whose spelling holds what was read."""
    if day is None:
        return None
    return _one_year_holding(read, {int(iso[:4]) for iso in dated if iso[5:] == f"{month:02d}-{day:02d}"})


def _year_of_same_month(read: str, dated: list[str], month: int) -> int | None:
    """The same for a sign-off a few days after the dates it follows (二〇年七月三十日 under 公示时间：2023年7月20日
    至2023年7月27日): the one year the document dates that month in, whose spelling holds what was read."""
    return _one_year_holding(read, {int(iso[:4]) for iso in dated if int(iso[5:7]) == month})


def _one_year_holding(read: str, years: set[int]) -> int | None:
    if len(years) != 1:
        return None
    year = years.pop()
    return year if _subsequence(read, _spelled(year)) else None


def _same_month_dated_in_full(year_read: str, day_read: str | None, dated: list[str], month: int) -> str | None:
    """A sign-off whose year and the first character of its day were lost under the seal (二年一月十八日 for
    二〇二三年一月二十八日), on a document that dates one day of that month in full (公示时间：2023年1月28日至…):
    that date, when what was read of the year and of the day is the end of how it is spelled."""
    if not day_read:
        return None
    fits = set()
    for iso in dated:
        if int(iso[5:7]) != month:
            continue
        year, day = int(iso[:4]), int(iso[8:])
        spelled_day = {str(day), cn2an.an2cn(day)}
        if any(s.endswith(day_read) and s != day_read for s in spelled_day) and _subsequence(year_read, _spelled(year)):
            fits.add(iso)
    return fits.pop() if len(fits) == 1 else None


def _recover_year(read: str, mentioned: set[int], month: int, day: int | None) -> int | None:
    years = [y for y in _years() if is_calendar_date(y, month, day)]  # 二〇二年二月二十九日: only 2020 has it
    # The last digit is never the one hidden, so it must be read as printed.
    last = [y for y in years if _DIGITS[y % 10] == read[-1]]
    # A seal or the photo's edge may hide any of the first characters: 三年五月 for 二〇一三年五月, 二〇一 for
    # 二〇二一, when the document names 2013 or 2021 elsewhere.
    in_text = [y for y in last if y in mentioned and _subsequence(read, _spelled(y))]
    in_text = [y for y in in_text if any(r.endswith(read) for r in _misreadings(y))] or in_text
    if in_text:
        return max(in_text)
    candidates = [year for year in years if read in _misreadings(year)]
    if not candidates:
        # The photo's edge cut the first characters (一七年九月): the end left may fit only one year.
        ends = [year for year in years if any(r.endswith(read) for r in _misreadings(year))]
        return ends[0] if len(ends) == 1 and len(read) >= 2 else None
    # Without a year in the text to agree with, only a reading that keeps the leading 二 is trusted.
    return max(candidates) if len(read) >= 2 and read[0] == "二" else None


def _spelled(year: int) -> str:
    return "".join(_DIGITS[int(d)] for d in str(year))


@lru_cache(maxsize=128)
def _misreadings(year: int) -> frozenset[str]:
    """How a year in Chinese numerals may come out: repeats merged, and any of its 〇 or 一 dropped, in any order."""
    spelled = _spelled(year)
    seen, frontier = {spelled}, [spelled]
    while frontier:
        reading = frontier.pop()
        nexts = {re.sub(r"(.)\1+", r"\1", reading)}
        nexts |= {reading[:i] + reading[i + 1 :] for i, c in enumerate(reading) if c in "〇一" and i > 0}
        for variant in nexts - seen:
            seen.add(variant)
            frontier.append(variant)
    return frozenset(seen)
