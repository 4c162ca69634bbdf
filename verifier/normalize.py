"""Normalise recognised text before matching: simplified characters, half-width forms, numbers and dates."""

from __future__ import annotations

import calendar
import re
import unicodedata
from functools import lru_cache

import cn2an

_CJK = r"\u4e00-\u9fff\u3007"
# OCR often splits a run of CJK characters with spaces (张 晓 梅); they carry no meaning in Chinese text.
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
# A transliterated name's middle dot as other keyboards and OCR give it (热依拉•买买提).
_NAME_DOT = re.compile(r"(?<=[\u4e00-\u9fff])\s*[•・‧∙⋅]\s*(?=[\u4e00-\u9fff])")
# A zero typed as a circle sign (二○一九, as word processors give it) is 〇.
_CIRCLE_ZERO = str.maketrans("○◯", "〇〇")
_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "［": "〔", "］": "〕"}) | _CIRCLE_ZERO


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def normalize_text(text: str) -> str:
    """Traditional → simplified, full-width → half-width (NFKC), unify brackets, drop spaces inside CJK runs."""
    text = unicodedata.normalize("NFKC", to_simplified(text)).translate(_BRACKETS)
    text = _NAME_DOT.sub("·", text)
    # NFKC maps the Chinese full stop and ideographic comma to themselves, but full-width ：，（） to ASCII.
    return _SPACE_BETWEEN_CJK.sub("", text).strip()


def compact(text: str) -> str:
    """Text without any whitespace or punctuation, for cue and fuzzy matching."""
    return re.sub(r"[\s\W_]+", "", text)


_CN_DIGITS = "〇零一二三四五六七八九"
# 廿 and 卅 (twenty, thirty) still date some certificates: 十月廿二日.
_CN_NUM = rf"[{_CN_DIGITS}十百千两廿卅]+"


def chinese_number(text: str) -> int | None:
    """'三十' → 30, '二十五' → 25, '廿二' → 22, '30' → 30; None when it is not a number."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    try:
        value = cn2an.cn2an(text.replace("两", "二").replace("廿", "二十").replace("卅", "三十"), "smart")
    except (ValueError, KeyError, IndexError):
        return None
    # Counts, ranks and dates are never negative: 负三 or -211 (found by bench/fuzz.py) is no number here.
    return int(value) if float(value).is_integer() and value >= 0 else None


_DIGIT_VALUE = {c: (0 if c in "〇零" else "〇零一二三四五六七八九".index(c) - 1) for c in _CN_DIGITS}


def numeral_digit(char: str) -> int | None:
    """The value of one digit of a date as printed or misread: 7, 七, 〇, 零, or 〇 drawn as a circle ○."""
    if char.isascii() and char.isdigit():
        return int(char)
    return 0 if char == "○" else _DIGIT_VALUE.get(char)


def _year_from(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    text = re.sub(r"[Oo0]", "〇", text)  # OCR reads 〇 as a Latin O or a zero inside a Chinese year
    # Years are written digit by digit (二〇二三), not as a quantity.
    if all(c in _DIGIT_VALUE for c in text):
        return int("".join(str(_DIGIT_VALUE[c]) for c in text))
    return None


_YEAR = rf"(\d{{4}}|(?=[{_CN_DIGITS}Oo0]{{4}})[{_CN_DIGITS}][{_CN_DIGITS}Oo0]{{3}})"
_MD = rf"(\d{{1,2}}|{_CN_NUM})"
# The day's 日 is sometimes lost under a seal or at the edge of a photo: a day that ends the line still counts.
_DATE_CN = re.compile(rf"{_YEAR}\s*年\s*{_MD}\s*月(?:\s*{_MD}\s*(?:[日号]|(?=\s|$)))?")
# Not part of a longer number: 2023-01-580 is a certificate number, not January 2023.
_DATE_NUM = re.compile(r"(?<![\d\-])(\d{4})\s*[./\-]\s*(\d{1,2})(?:\s*[./\-]\s*(\d{1,2}))?(?![./\-]?\d)")


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if year is None or month is None or not 1950 <= year <= 2100:
        return False
    return is_calendar_date(year, month, day)


def is_calendar_date(year: int, month: int, day: int | None) -> bool:
    """A day that exists: 2022年2月29日 does not, so a misread year or day shows."""
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= calendar.monthrange(year, month)[1]


def date_numerals(text: str) -> str:
    """Numerals of a date as printed: 元月 is January, a zero typed as a circle (二○一九) is 〇, and OCR reads 八
    as 人 (三年四月人日, 一人年), the day's 日 as 曰, 目, 年 or 月 (二〇二〇年七月七年, 2020年2月24月), and a stroke
    before the day as 1 (4月122日). Only between date words, where these cannot stand; the length is kept, so
    positions hold."""
    # A re-read date line is not normalised yet: the circle zeros are mapped here as normalize_text maps them.
    text = text.replace("元月", "一月").translate(_CIRCLE_ZERO)
    # Financial numerals (贰零贰叁年拾月拾日), which a formal document may date in: everywhere in this copy read for
    # dates (a grade's 壹等奖 becomes 一等奖 here, which no date pattern takes); one character each, as printed.
    text = text.translate(_FINANCIAL_NUMERALS)
    text = _MISREAD_DAY_MARK.sub(lambda m: m.group(1) + "日", text)
    text = re.sub(r"(?<=[〇一二三四五六七八九])人(?=年)", "八", text)  # 二〇一人年 / 一人年十二月
    # A stroke before a two-digit day read as 1 (4月122日: a table rule, a seal's rim); no day has three digits.
    text = re.sub(r"(?<=月)1(?=(?:[0-2]\d|30)[日号])", " ", text)
    # A dot or dash read between a date word and the next number (2020年-11月20日, 2020年·11月): the paper's grain
    # or a seal's edge; no date prints one there, and a period (2019年-2020年) goes on to a year, not a month.
    text = _STRAY_MARK.sub(" ", text)
    return re.sub(r"(?<=[年月十])人(?=[月日十])", "八", text)


_STRAY_MARK = re.compile(
    r"(?<=年)[-—–·.．、,，](?=\s*[0-9〇一二三四五六七八九十]{1,2}\s*月)|(?<=月)[-—–·.．、,，](?=\s*[0-9〇一二三四五六七八九十]{1,3}\s*[日号])"
)
_FINANCIAL_NUMERALS = str.maketrans("壹贰叁肆伍陆柒捌玖拾", "一二三四五六七八九十")


# A day after its month, then a misread 日 that ends the date (nothing CJK follows it).
_MISREAD_DAY_MARK = re.compile(rf"(年\s*{_MD}\s*月\s*{_MD}\s*)[曰目年月](?![\u4e00-\u9fff])")


def find_dates(text: str) -> list[tuple[int, str]]:
    """Every date in the text as (position, ISO 'YYYY-MM-DD' or 'YYYY-MM'), in order of appearance."""
    return [(start, iso) for start, _, iso in date_spans(text)]


def date_spans(text: str) -> list[tuple[int, int, str]]:
    """Every date in the text as (start, end, ISO date), in order of appearance: how many characters a date
    took tells a reading that kept all of them (一月三十日) from one that lost one (一月十日)."""
    found: list[tuple[int, int, str]] = []
    text = date_numerals(text)
    for match in _DATE_CN.finditer(text):
        year = _year_from(match.group(1))
        month = chinese_number(match.group(2))
        day = chinese_number(match.group(3)) if match.group(3) else None
        if _valid(year, month, day):
            found.append((match.start(), match.end(), _iso(year, month, day)))  # type: ignore[arg-type]
    for match in _DATE_NUM.finditer(text):
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3)) if match.group(3) else None
        if _valid(year, month, day) and not any(abs(start - match.start()) < 3 for start, _, _ in found):
            found.append((match.start(), match.end(), _iso(year, month, day)))
    return sorted(found)


def _iso(year: int, month: int, day: int | None) -> str:
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def parse_date(text: str) -> str | None:
    """The first date in the text, ISO formatted: '二〇二三年十一月' → '2023-11'."""
    dates = find_dates(text)
    return dates[0][1] if dates else None
