"""Where the benchmark's issuers come from, and on how many of those places the level came out right.

Each labelled issuer is placed by the places its name starts with (verifier.issuers.places_named): its
province (also when only a county is printed, from the gazetteer), and its prefecture-level unit and county
where the name gives them (a county's prefecture from its division code). A place counts as right when every
document issued from it got its level right. Inference alone is counted too: a place counts there when every
document whose issuer was read exactly got its level right (a misread issuer is a reading miss, counted in the
field tables)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from pydantic import BaseModel, Field

from models.vocab import Level
from verifier.issuers import Division, load_gazetteer, places_named

KINDS = ("province", "prefecture", "county")


class PlaceCoverage(BaseModel):
    right: dict[str, int] = Field(default_factory=dict, description="places where every document's level was right")
    total: dict[str, int] = Field(default_factory=dict, description="places the benchmark's issuers come from")
    bingtuan_right: int = 0
    bingtuan_total: int = 0
    inferred_right: dict[str, int] = Field(
        default_factory=dict, description="places where every document with its issuer read exactly got the level right"
    )
    inferred_total: dict[str, int] = Field(default_factory=dict, description="places with an issuer read exactly")
    bingtuan_inferred_right: int = 0
    bingtuan_inferred_total: int = 0


def level_coverage(results: Iterable[tuple[str, bool, bool]]) -> PlaceCoverage:
    """results: (labelled issuer, whether the predicted level equals the labelled one, whether the issuer was read
    exactly) per document."""
    outcome: dict[tuple[str, str], bool] = {}
    inferred: dict[tuple[str, str], bool] = {}
    for issuer, ok, read in results:
        for kind, place in _places(issuer):
            key = (kind, place.code + place.name)
            outcome[key] = outcome.get(key, True) and ok
            if read:
                inferred[key] = inferred.get(key, True) and ok
    coverage = PlaceCoverage()
    coverage.right, coverage.total, coverage.bingtuan_right, coverage.bingtuan_total = _count(outcome)
    (coverage.inferred_right, coverage.inferred_total, coverage.bingtuan_inferred_right,
     coverage.bingtuan_inferred_total) = _count(inferred)
    return coverage


def _count(outcome: dict[tuple[str, str], bool]) -> tuple[dict[str, int], dict[str, int], int, int]:
    right: dict[str, int] = {}
    total: dict[str, int] = {}
    for kind in KINDS:
        marks = [ok for (k, _), ok in outcome.items() if k == kind]
        right[kind], total[kind] = sum(marks), len(marks)
    bingtuan = [ok for (_, key), ok in outcome.items() if key.startswith("BT")]
    return right, total, sum(bingtuan), len(bingtuan)


def _places(issuer: str) -> list[tuple[str, Division]]:
    found: list[tuple[str, Division]] = []
    named = places_named(issuer)
    for place in named:
        kind = {Level.provincial: "province", Level.municipal: "prefecture", Level.county: "county"}.get(place.level)
        if kind:
            found.append((kind, place))
    if named and not any(kind == "province" for kind, _ in found):
        province = _by_name().get(named[-1].province)
        if province is not None:
            found.append(("province", province))
    deepest = named[-1] if named else None
    if deepest is not None and deepest.level is Level.county and not any(k == "prefecture" for k, _ in found):
        parent = _by_code().get(deepest.code[:4] + "00") if deepest.code.isdigit() else None
        if parent is not None and parent.level is Level.municipal:
            found.append(("prefecture", parent))
    return found


@cache
def _by_code() -> dict[str, Division]:
    return {d.code: d for d in load_gazetteer().divisions if d.current}


@cache
def _by_name() -> dict[str, Division]:
    return {d.name: d for d in load_gazetteer().divisions if d.level is Level.provincial and d.current}
