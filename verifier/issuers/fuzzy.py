"""Near matches of a misread place name (六盘永市, 盘洲市, 六盘市) against the gazetteer."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from verifier.issuers.gazetteer import AliasKind, Division, load_gazetteer

_PLACE_ENDINGS = "省市州县区旗盟"
_MAX_NAME = 12
# Calibrated on one-character OCR errors: a 4-character name with one wrong character scores 75,
# a 3-character one 66.7; unrelated names of the same ending stay below 60.
_CUTOFF_WITH_PARENT = 60.0
_CUTOFF_ALONE = 66.0
_CLEAR_WIN = 75.0


@dataclass(frozen=True)
class FuzzyPlace:
    divisions: tuple[Division, ...]
    consumed: int  # characters of the text the misread name covers
    cue: str
    score: float = 0.0
    rivals: int = 0  # other names that scored as high (one of them was taken: equal near names inside a parent)


@cache
def _names_by_ending() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = defaultdict(list)
    for text, alias in load_gazetteer().aliases.items():
        if alias.kind is AliasKind.full and len(text) >= 2 and text[-1] in _PLACE_ENDINGS:
            table[text[-1]].append(text)
    return {ending: tuple(names) for ending, names in table.items()}


@cache
def _names_within(parent: tuple[Division, ...]) -> dict[str, tuple[str, ...]]:
    """The same table restricted to the places inside parent: the nationwide top matches of a short name are
    hundreds of ties (广宏县 is one character from every 广X县), among which the parent's own may not be."""
    aliases = load_gazetteer().aliases
    return {
        ending: tuple(
            name for name in names if any(d.descends_from(p) for d in aliases[name].divisions for p in parent)
        )
        for ending, names in _names_by_ending().items()
    }


def fuzzy_place(text: str, parent: tuple[Division, ...] | None) -> FuzzyPlace | None:
    """The place a misread name at the start of text most likely is, within parent when given."""
    gazetteer = load_gazetteer()
    cutoff = _CUTOFF_WITH_PARENT if parent else _CUTOFF_ALONE
    scored: list[tuple[float, int, str, tuple[Division, ...]]] = []
    for end in range(2, min(len(text), _MAX_NAME) + 1):
        if text[end - 1] not in _PLACE_ENDINGS:
            continue
        choices = (_names_within(parent) if parent else _names_by_ending()).get(text[end - 1], ())
        for name, score, _ in process.extract(text[:end], choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8):
            divisions = gazetteer.aliases[name].divisions
            if parent:
                divisions = tuple(d for d in divisions if any(d.descends_from(p) for p in parent))
            if divisions:
                scored.append((score, end, name, divisions))
    if not scored:
        return None
    top = max(score for score, *_ in scored)
    best = [entry for entry in scored if entry[0] == top]
    names = list(dict.fromkeys(name for _, _, name, _ in best))
    divisions = tuple(d for _, _, _, found in best for d in found)
    tied = len(names)
    if len(names) > 1:
        if parent or top >= _CLEAR_WIN:
            best, names, divisions = best[:1], names[:1], best[0][3]  # equal near names inside one parent
        elif len({d.level for d in divisions}) > 1:
            return None  # 盘洲市: 盘州市 / 株洲市 / 盘锦市 tie, and their levels differ
    end = best[0][1]
    cue = f"{text[:end]} ≈ {'/'.join(names)}（近似匹配 {top:.0f}）"
    return FuzzyPlace(divisions, end, cue, score=top, rivals=tied - 1)


def lookalike_place(misread: str) -> str | None:
    """The one gazetteer name that differs from `misread` in a single character the recogniser confuses with
    the printed one (广宏县 → 广宗县, 临颖县 → 临颍县, 集湖市 → 巢湖市); None when there are none or several."""
    from verifier.lookalike import LOOKALIKE, lookalike

    aliases = load_gazetteer().aliases
    if len(misread) < 3 or misread in aliases:
        return None
    found = set()
    for name in _names_by_ending().get(misread[-1], ()):
        # Today's names only: a certificate in use is signed by a body that exists (广安县 is 广安区 since 1993).
        if len(name) != len(misread) or not any(d.current for d in aliases[name].divisions):
            continue
        differing = [(a, b) for a, b in zip(misread, name, strict=True) if a != b]
        if len(differing) == 1:
            likeness = lookalike(*differing[0])
            if likeness is None:
                return None  # no table: keep to the exact rules
            if likeness >= LOOKALIKE:
                found.add(name)
    return found.pop() if len(found) == 1 else None
