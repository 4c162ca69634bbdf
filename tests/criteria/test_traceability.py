"""docs/trace: every condition sentence of each seed is traced to clause ids and tests, or set aside with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.criteria import list_rulesets, load_ruleset
from verifier.criteria.trace import (
    Status,
    attach_tests,
    condition_sentences,
    index_tests,
    load_map,
    render,
    resolve,
    seed_lines,
    unused_overrides,
)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
TRACE = ROOT / "docs" / "trace"
IDS = [info.id for info in list_rulesets()]

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed notices (../shared/seeds) are not beside the repo")


def rows_of(ruleset_id: str):
    trace = load_map(TRACE / f"{ruleset_id}.yaml")
    seed = (SEEDS / trace.seed).read_text(encoding="utf-8")
    return trace, seed, resolve(trace, seed)


@pytest.mark.parametrize("ruleset_id", IDS)
def test_every_condition_sentence_is_traced(ruleset_id: str) -> None:
    trace, seed, rows = rows_of(ruleset_id)
    assert trace.ruleset == ruleset_id and trace.seed == load_ruleset(ruleset_id).seed
    assert len(rows) == len(condition_sentences(seed_lines(seed))) > 0  # 100 % of the sentences
    assert unused_overrides(trace, seed) == []
    for row in rows:
        assert row.entry.status == Status.encoded or row.entry.reason, row.sentence


@pytest.mark.parametrize("ruleset_id", IDS)
def test_traced_clauses_exist_and_every_clause_is_traced(ruleset_id: str) -> None:
    _, _, rows = rows_of(ruleset_id)
    named = {c for row in rows for c in row.entry.clauses}
    clause_ids = {c.id for c in load_ruleset(ruleset_id).clauses}
    assert named - clause_ids == set()
    assert clause_ids - named == set()  # every clause quotes a sentence of the seed


@pytest.mark.parametrize("ruleset_id", IDS)
def test_every_encoded_sentence_has_tests(ruleset_id: str) -> None:
    _, _, rows = rows_of(ruleset_id)
    attach_tests(rows, index_tests(ROOT / "tests"))
    untested = [row.sentence for row in rows if row.entry.status == Status.encoded and not row.tests]
    assert untested == []


def _without_tests_column(table: str) -> list[str]:
    """The table less its tests column: a new test elsewhere naming a clause need not fail this one."""
    return [line.rsplit("|", 2)[0] if line.startswith("| ") else line for line in table.splitlines()]


@pytest.mark.parametrize("ruleset_id", IDS)
def test_the_table_in_docs_is_current(ruleset_id: str) -> None:
    trace, _, rows = rows_of(ruleset_id)
    attach_tests(rows, index_tests(ROOT / "tests"))
    expected = render(load_ruleset(ruleset_id), trace, rows)
    on_disk = (TRACE / f"{ruleset_id}.md").read_text(encoding="utf-8")
    assert _without_tests_column(on_disk) == _without_tests_column(expected), "run: python scripts/trace.py"


def test_a_span_that_is_not_in_the_seed_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(
        "ruleset: x\nseed: s\nspans:\n  - {start: 不存在的句子, status: out_of_scope, reason: r}\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="not found"):
        resolve(load_map(tmp_path / "m.yaml"), "第一行\n第二行须满足条件\n")
