"""Text clean-up for issuer strings: width, traditional characters, OCR spacing and decoration."""

from __future__ import annotations

import re
import unicodedata

from verifier.normalize import to_simplified as _t2s

# Characters OCR often reads in place of the intended one on seals and headings; only
# unambiguous look-alikes that never occur in a body's name are mapped.
_LOOKALIKES = str.maketrans({"O": "〇", "○": "〇", "◯": "〇", "零": "〇"})
# 巿 (U+5DFF) is what OCR often returns for 市.
_CONFUSABLES = str.maketrans({"巿": "市"})
# 县 read as its look-alike 具 where a county's body follows (汤阴具教育局): no place name ends in 具.
_COUNTY_MISREAD = re.compile(
    r"(?<=[\u4e00-\u9fff])具(?=教育|人民政府|人力资源|第[一二三四五六七八九十]|实验|民族|职业)"
)
_DECORATION = re.compile(r"[（(][^）)]{0,6}(?:章|印|盖章|签章|公章)[）)]|[（(]\s*[）)]")
_DATE_TAIL = re.compile(r"[0-9〇一二三四五六七八九十]{2,4}\s*年.*$")
_NON_NAME = re.compile(r"[^0-9A-Za-z\u3007\u3400-\u9fff]")


def to_simplified(text: str) -> str:
    """NFKC (full-width → half-width) then traditional → simplified."""
    return _t2s(unicodedata.normalize("NFKC", text))


def normalize_issuer(text: str) -> str:
    """One body name as a compact string: simplified, no spaces, punctuation, seal notes or trailing date."""
    text = to_simplified(text).translate(_CONFUSABLES)
    text = _DECORATION.sub("", text)
    text = _DATE_TAIL.sub("", text)
    text = _NON_NAME.sub("", text)
    return _numeral_lookalikes(_COUNTY_MISREAD.sub("县", text))


def _numeral_lookalikes(text: str) -> str:
    # "一O三团" / "一○三团": a letter O or a circle between Chinese numerals is the numeral 〇.
    return re.sub(
        r"(?<=[一二三四五六七八九十])[O○◯零](?=[一二三四五六七八九十])",
        lambda m: m.group(0).translate(_LOOKALIKES),
        text,
    )
