"""The issuer a seal's ring names: for a document whose print names none, names it without its place, or names
a review committee whose approving body only the seal shows.
"""

from __future__ import annotations

import itertools
import re

from rapidfuzz.distance import Levenshtein

from verifier.issuers import places_named
from verifier.issuers.bodies import BODY_SUFFIXES
from verifier.issuers.body_name import (
    SIGNING_LABELS,
    is_review_committee,
    names_its_place,
    one_body,
)
from verifier.issuers.gazetteer import load_gazetteer
from verifier.issuers.repair import repair_body_name

# Seal ring text read with less confidence than this is a guess (a blurred or washed-out ring reads as noise).
_SEAL_CONFIDENCE = 0.75


# A printed name this close to the seal's is the same body misread (渝南师范大学 under a 河南师范大学 seal).
_SEAL_AGREES = 0.5


def approver_from_seals(readings: list[tuple[str, float]], committee: str, context: str = "") -> str | None:
    """The body whose seal signs a certificate a review committee's line names (the sign-off line lost): a body
    of the committee's own place that is not a committee itself."""
    approver = issuer_from_seals(readings, None, context)
    if approver is None or is_review_committee(approver):
        return None
    committee_places, approver_places = load_gazetteer().find(committee), load_gazetteer().find(approver)
    if not committee_places or not approver_places:
        return None
    # The committee's place (汾西县), and the approver's, are the first place each name starts with.
    same_place = committee_places[0][1].text == approver_places[0][1].text
    return approver if same_place and committee_places[0][0] == approver_places[0][0] == 0 else None


def issuer_from_seals(readings: list[tuple[str, float]], printed: str | None = None, context: str = "") -> str | None:
    """The body a seal names, for a document whose printed text names none (a sign-off that is the seal alone,
    or one lost to glare), or names it without a place OCR could read (西师范大学, 黑河审流等局).

    A ring may go on after the name (宿州市教育局职称评审专用章): the longest start of it that reads as a body
    name is taken, and only one that starts with a place or is national. Beside a printed name, the seal
    must name the same body: ending alike and close to it, so a co-issuer's seal never replaces it."""
    for text, confidence in readings:
        if confidence < _SEAL_CONFIDENCE:
            continue
        # 一 read as a dash or a dot is the recogniser's usual slip on a curved line: 治多县第·中学.
        ring = re.sub(r"[^\u4e00-\u9fff]", "", re.sub(r"(?<=第)[·\-—－_.]", "一", text))
        completed = _place_from_ring(printed, ring) if printed else None
        if completed:
            return completed
        for end in range(len(ring), 2, -1):
            name = one_body(ring[:end])
            if not name or name in SIGNING_LABELS:
                continue
            merged = _two_readings(printed, name) if printed else None
            if merged:
                return merged
            name = repair_body_name(name, context)
            if names_its_place(name) and (printed is None or _same_body_misread(printed, name)):
                return name
            break
    return None


# A printed name this short is too little of a body's name to find it in a ring.
_MIN_PRINTED_TAIL = 4


def _place_from_ring(printed: str, ring: str) -> str | None:
    """A printed name whose place was lost (a principal's signature over 广东 of 广东师范学院, a crop) when the
    seal's ring reads the whole name, its end at most one character off (广东师范学航): the ring's place, then
    the print. The ring may go on after the name (…专用章)."""
    if len(printed) < _MIN_PRINTED_TAIL or names_its_place(printed):
        return None
    for end in range(len(ring), len(printed), -1):
        start = end - len(printed)
        if sum(a != b for a, b in zip(ring[start:end], printed, strict=True)) <= 1:
            candidate = ring[:start] + printed
            return candidate if names_its_place(candidate) else None
    return None


# Two readings of one name differing in more places than this are not one name read twice.
_MAX_DISAGREEMENTS = 3


def _two_readings(printed: str, sealed: str) -> str | None:
    """One name read twice with different characters lost (人西师范大学 printed, 江药师范大学 on the seal): the way
    of taking each differing character from either reading that best names a body: the most places settled,
    then the longest known body word (黑河市教育局 over 黑河市流等局), and only when one way is best."""
    if len(printed) != len(sealed) or printed[-1] != sealed[-1]:
        return None
    differing = [i for i, (a, b) in enumerate(zip(printed, sealed, strict=True)) if a != b]
    if not differing or len(differing) > _MAX_DISAGREEMENTS:
        return None
    scored: dict[str, tuple[int, int]] = {}
    for choice in itertools.product((0, 1), repeat=len(differing)):
        chars = list(printed)
        for index, take_seal in zip(differing, choice, strict=True):
            chars[index] = sealed[index] if take_seal else printed[index]
        candidate = "".join(chars)
        settled = len(places_named(candidate))
        if settled and names_its_place(candidate):
            word = max((len(w) for w in BODY_SUFFIXES if candidate.endswith(w)), default=0)
            scored[candidate] = (settled, word)
    if not scored:
        return None
    best = max(scored.values())
    winners = [name for name, score in scored.items() if score == best]
    return winners[0] if len(winners) == 1 else None


def _same_body_misread(printed: str, sealed: str) -> bool:
    if printed[-1] != sealed[-1]:
        return False
    return sealed.endswith(printed) or Levenshtein.normalized_similarity(printed, sealed) >= _SEAL_AGREES
