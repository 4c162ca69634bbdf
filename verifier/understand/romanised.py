"""A Chinese name as a foreign certificate prints it: in pinyin, the surname first or last (Li Ming, MING LI,
Ouyang Xiaohong). The applicant's name in characters is compared by its readings, every reading of a character
that has several (单 is Shan as a surname), since no certificate says which one it used."""

from __future__ import annotations

import itertools
import re

from pypinyin import Style, pinyin

from verifier.understand.names import COMPOUND_SURNAMES

_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z'\- ]*[A-Za-z]")
# A name of more than three characters has readings enough to compare too many spellings; none do.
_MAX_CHARACTERS = 4
_MAX_SPELLINGS = 64


def is_romanised(name: str) -> bool:
    return bool(_LATIN_NAME.fullmatch(name.strip()))


def romanised_matches(romanised: str, name: str) -> bool:
    """Whether a pinyin name (any case, spaced or joined, surname first or last) spells the name in characters."""
    written = _letters(romanised)
    if not written or not 2 <= len(name) <= _MAX_CHARACTERS:
        return False
    split = 2 if name[:2] in COMPOUND_SURNAMES else 1
    readings = [[_letters(r) for r in options] for options in pinyin(name, style=Style.NORMAL, heteronym=True)]
    for spelling in itertools.islice(itertools.product(*readings), _MAX_SPELLINGS):
        surname, given = "".join(spelling[:split]), "".join(spelling[split:])
        if written in (surname + given, given + surname):
            return True
    return False


def _letters(text: str) -> str:
    # ü is written u or v (Lü Bin, LV BIN, LU BIN): all three compare alike.
    return re.sub(r"[^a-z]", "", text.lower().replace("ü", "u").replace("v", "u"))
