"""Finds the rule-set YAML files shipped in verifier/rulesets/ and validates them against the model."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from verifier.criteria.errors import InvalidRuleset, RulesetNotFound
from verifier.criteria.schema import RuleSet, RuleSetInfo

RULESETS_DIR = Path(__file__).resolve().parent.parent / "rulesets"


def ruleset_paths(directory: Path = RULESETS_DIR) -> dict[str, Path]:
    """Rule-set id (the file stem) → path, sorted by id."""
    return {p.stem: p for p in sorted(directory.glob("*.yaml"))}


def parse_ruleset(path: Path) -> RuleSet:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InvalidRuleset(f"规则集文件 {path.name} 不是有效的 YAML：{exc}") from exc
    try:
        ruleset = RuleSet.model_validate(data)
    except ValidationError as exc:
        raise InvalidRuleset(f"规则集文件 {path.name} 不符合规则集格式：{exc}") from exc
    if ruleset.id != path.stem:
        raise InvalidRuleset(f"规则集文件 {path.name} 的 id 为 {ruleset.id!r}，须与文件名 {path.stem!r} 一致")
    return ruleset


@cache
def _load_cached(path: Path, mtime_ns: int) -> RuleSet:
    return parse_ruleset(path)


def load_ruleset(ruleset_id: str, directory: Path = RULESETS_DIR) -> RuleSet:
    """Load one rule set by id; raises RulesetNotFound listing the known ids."""
    paths = ruleset_paths(directory)
    path = paths.get(ruleset_id)
    if path is None:
        raise RulesetNotFound(ruleset_id, sorted(paths))
    return _load_cached(path, path.stat().st_mtime_ns)


def list_rulesets(directory: Path = RULESETS_DIR) -> list[RuleSetInfo]:
    infos = []
    for ruleset_id in ruleset_paths(directory):
        ruleset = load_ruleset(ruleset_id, directory)
        infos.append(
            RuleSetInfo(
                id=ruleset.id, name=ruleset.name, region=ruleset.region, seed=ruleset.seed,
                policy=ruleset.policy_title, clauses=len(ruleset.clauses),
            )
        )
    return infos
