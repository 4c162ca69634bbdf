"""Every pattern that decides a clause catches its wordings and not a near miss (tests/criteria/pattern_cases.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from models.evidence import Evidence
from verifier.criteria import list_rulesets, load_ruleset
from verifier.criteria.matching import any_pattern, normalised_text
from verifier.criteria.schema import RuleSet

CASES: dict[str, dict[str, list[str]]] = yaml.safe_load(
    (Path(__file__).with_name("pattern_cases.yaml")).read_text(encoding="utf-8")
)


def patterns_of(ruleset: RuleSet) -> set[str]:
    found: set[str] = set()
    for clause in ruleset.clauses:
        for alt in clause.alternatives:
            for need in alt.needs:
                for group in (need.text_any, need.text_all, need.text_none, need.issuer_any):
                    found.update(group)
                for rule in need.rank_rules:
                    found.update(rule.text_any)
                for kind in need.distinct_kinds:
                    found.update(kind.text_any)
        if clause.total:
            for part in clause.total.parts:
                found.update(part.text_any)
    return found


def as_text(wording: str) -> str:
    return normalised_text(Evidence(file="x", doc_type="other", text=wording))


def test_every_pattern_has_its_cases() -> None:
    used = set().union(*(patterns_of(load_ruleset(info.id)) for info in list_rulesets()))
    assert sorted(used - set(CASES)) == []
    assert sorted(set(CASES) - used) == []  # no stale cases
    assert all(case["match"] and case["near_miss"] for case in CASES.values())


@pytest.mark.parametrize("pattern", sorted(CASES))
def test_pattern_catches_its_wordings_and_not_the_near_miss(pattern: str) -> None:
    for wording in CASES[pattern]["match"]:
        assert any_pattern([pattern], as_text(wording)), wording
    for wording in CASES[pattern]["near_miss"]:
        assert not any_pattern([pattern], as_text(wording)), wording
