"""A foreign issuer that signs in English (International Teacher Education Institute): its line found, and the
words OCR misread in it spelled right."""

from __future__ import annotations

import functools
import re

from verifier.text import DocumentText

# A foreign issuer signs in English: "International Teacher Education Institute".
_ENGLISH_BODY = re.compile(
    r"^(?:[A-Z][A-Za-z&.'-]*\s+){0,8}(?:Institute|University|College|Academy|Association|Council|Center|Centre|"
    r"Ministry|Department|Board|Foundation|Society|School)(?:\s+of(?:\s+[A-Z][A-Za-z&.'-]*)+)?$"
)


def english_body(text: DocumentText) -> list[str]:
    found = [line for line in text.lines if _ENGLISH_BODY.match(line.text.strip())]
    return [spelled(max(found, key=lambda line: (line.page, line.middle)).text.strip())] if found else []


# Words this long that no English dictionary holds are misread (Intermational, Educatlon); shorter ones may be
# a name or an abbreviation.
_MIN_CHECKED_WORD = 6


def spelled(name: str) -> str:
    """An English body name with each misread word put right where one dictionary word is a letter away
    (Intermational → International); a word with no such neighbour (Tsinghua, Guangxi) stays as read."""
    checker = _english_words()
    words = []
    for word in name.split():
        lower = word.lower()
        candidates = (
            checker.candidates(lower)
            if len(lower) >= _MIN_CHECKED_WORD and lower.isalpha() and lower not in checker
            else None
        )
        if candidates and len(candidates) == 1:
            fixed = next(iter(candidates))
            word = fixed.upper() if word.isupper() else fixed.capitalize() if word[0].isupper() else fixed
        words.append(word)
    return " ".join(words)


@functools.lru_cache(maxsize=1)
def _english_words():
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)
