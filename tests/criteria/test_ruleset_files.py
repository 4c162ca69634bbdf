"""Rule-set files: valid against the model, the exported JSON Schema is current, every clause cites its seed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from verifier.criteria import InvalidRuleset, RulesetNotFound, describe_ruleset, list_rulesets, load_ruleset
from verifier.criteria.loader import RULESETS_DIR, parse_ruleset
from verifier.criteria.schema import ruleset_json_schema

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path("/work/shared/seeds")
EXPECTED_IDS = {"liupanshui-2024", "beijing", "bingtuan-2024", "guangzhou-ce", "chongqing-registration"}
RULESET_IDS = sorted(p.stem for p in RULESETS_DIR.glob("*.yaml"))


def test_the_five_policy_rulesets_ship() -> None:
    assert {info.id for info in list_rulesets()} >= EXPECTED_IDS


def test_exported_json_schema_matches_the_model() -> None:
    on_disk = json.loads((ROOT / "docs" / "ruleset.schema.json").read_text(encoding="utf-8"))
    assert on_disk == ruleset_json_schema()


@pytest.mark.parametrize("ruleset_id", RULESET_IDS)
def test_yaml_file_validates_against_the_json_schema(ruleset_id: str) -> None:
    data = yaml.safe_load((RULESETS_DIR / f"{ruleset_id}.yaml").read_text(encoding="utf-8"))
    as_json = json.loads(json.dumps(data, default=str))  # YAML reads 2020-01-01 as a date; JSON has strings
    jsonschema.validate(as_json, ruleset_json_schema())


@pytest.mark.parametrize("ruleset_id", RULESET_IDS)
def test_every_clause_cites_an_article_of_its_seed(ruleset_id: str) -> None:
    ruleset = load_ruleset(ruleset_id)
    prefix = ruleset.seed[:3]
    seed_path = SEEDS / ruleset.seed
    seed_text = seed_path.read_text(encoding="utf-8") if seed_path.exists() else None
    for clause in ruleset.clauses:
        assert clause.source.startswith(prefix), clause.id
        if seed_text is None:
            continue
        for article in re.findall(r"第[一二三四五六七八九十]+条", clause.source):
            assert article in seed_text, (clause.id, article)


def test_unknown_ruleset_error_lists_known_ids() -> None:
    with pytest.raises(RulesetNotFound) as info:
        load_ruleset("atlantis-2099")
    assert "liupanshui-2024" in str(info.value)
    assert info.value.code == "UNKNOWN_RULESET"
    assert set(info.value.known_ids) >= EXPECTED_IDS


def test_a_ruleset_whose_id_differs_from_its_file_name_is_rejected(tmp_path: Path) -> None:
    text = (RULESETS_DIR / "guangzhou-ce.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "renamed.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidRuleset):
        parse_ruleset(bad)


@pytest.mark.parametrize(
    ("mutation", "why"),
    [
        (lambda d: d["clauses"].append(dict(d["clauses"][0])), "duplicate clause id"),
        (lambda d: d["clauses"][0].update(group="nowhere"), "unknown group"),
        (lambda d: d["clauses"][0].update(colour="red"), "unknown field"),
        (lambda d: d["clauses"][0]["total"].update(min=-1), "negative minimum"),
        (lambda d: d["clauses"][0]["total"]["parts"][0].update(text_any=["("]), "invalid regex"),
        (lambda d: d["groups"][0].update(required=5), "group needs more clauses than it has"),
    ],
)
def test_malformed_rulesets_are_refused(tmp_path: Path, mutation, why: str) -> None:
    data = yaml.safe_load((RULESETS_DIR / "guangzhou-ce.yaml").read_text(encoding="utf-8"))
    mutation(data)
    path = tmp_path / "guangzhou-ce.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InvalidRuleset):
        parse_ruleset(path)


@pytest.mark.parametrize("ruleset_id", RULESET_IDS)
def test_describe_names_every_clause_and_its_source(ruleset_id: str) -> None:
    ruleset = load_ruleset(ruleset_id)
    text = describe_ruleset(ruleset)
    for clause in ruleset.clauses:
        assert f"[{clause.id}]" in text
        # The article, cited by the policy's title rather than the seed file's number.
        assert ruleset.source_text(clause.source) in text
        assert ruleset.policy and ruleset.policy in ruleset.source_text(clause.source)


def test_titles_have_no_stray_spaces_from_yaml_folding() -> None:
    clause = next(c for c in load_ruleset("liupanshui-2024").clauses if c.id == "first.performance.1.city")
    assert "； " not in clause.title
    assert clause.title.startswith("省、市（州）及所在地教师获优秀教学成果奖")
