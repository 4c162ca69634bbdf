"""Normalisation of recognised fields before comparison: OCR output mixes traditional characters,
full-width forms, spaces and look-alike letters into what is printed the same way on both copies."""

from __future__ import annotations

import re
import unicodedata

from verifier.normalize import to_simplified

# Letters OCR reads for digits in certificate numbers (and the reverse never matters: numbers are
# compared after mapping both sides).
_LOOKALIKES = str.maketrans(
    {"O": "0", "D": "0", "Q": "0", "I": "1", "L": "1", "|": "1", "Z": "2", "S": "5", "G": "6", "B": "8"}
)
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_TITLE_WORDS = re.compile(r"(同志|老师|先生|女士|教师)$")


def normalise_text(text: str | None) -> str:
    """NFKC (full-width → half-width), traditional → simplified, no spaces or punctuation, upper case."""
    if not text:
        return ""
    text = to_simplified(unicodedata.normalize("NFKC", text))
    return _NOT_WORD.sub("", text).upper()


def normalise_holder(holder: str | None) -> str:
    return _TITLE_WORDS.sub("", normalise_text(holder))


def normalise_number(number: str | None) -> str:
    return normalise_text(number).translate(_LOOKALIKES)


def normalise_date(value: str | None) -> str:
    """Keep the ISO date as given (YYYY-MM-DD or YYYY-MM); other text is reduced to its digits."""
    if not value:
        return ""
    value = unicodedata.normalize("NFKC", value).strip()
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
        return value
    return "".join(ch for ch in value if ch.isdigit())
