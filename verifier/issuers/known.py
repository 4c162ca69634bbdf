"""Repair towards a body that exists (class 8 of the real-certificate failures): a national body's name with a
character or two misread (工业和信息化才受流中心) is the listed body it nearly spells. Only a long reading that names
no place, is no listed body itself and misreads a character (not one that only leaves characters out, as a short
form does) is repaired; a reading that is already a real body stays."""

from __future__ import annotations

import functools
from pathlib import Path

from rapidfuzz import fuzz, process

_LIST = Path(__file__).with_name("data") / "national_bodies.txt"
# Similarity (0–100) a reading must reach to be taken for a listed body: two characters of thirteen.
_CUTOFF = 80
# Longer or shorter by more than this, it is another name.
_LENGTH_SLACK = 2
# Shorter readings match too many bodies by chance: one character of six is another body (中国电子学会, 中国电子商会).
_SHORTEST = 9


@functools.cache
def national_bodies() -> tuple[str, ...]:
    lines = _LIST.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def known_body(reading: str) -> str | None:
    """The listed national body the reading misreads, or None (already listed, too short, or nothing close)."""
    bodies = national_bodies()
    if reading in bodies or len(reading) < _SHORTEST:
        return None
    near = [body for body in bodies if abs(len(body) - len(reading)) <= _LENGTH_SLACK]
    found = process.extract(reading, near, scorer=fuzz.ratio, score_cutoff=_CUTOFF, limit=2)
    if not found or (len(found) > 1 and found[1][1] == found[0][1]):
        return None  # nothing close, or two bodies alike
    if _within(reading, found[0][0]):
        return None  # only characters left out: a short form of the name as printed (全国高校… for 全国高等学校…)
    return found[0][0]


def _within(short: str, long: str) -> bool:
    """Every character of `short` in `long`, in order."""
    rest = iter(long)
    return all(char in rest for char in short)
