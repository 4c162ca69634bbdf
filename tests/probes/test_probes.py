"""The probe suite (tests/probes/*.yaml, written from the seeds' sentences) agrees with the rule sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.criteria import list_rulesets
from verifier.criteria.probes import probe_files, run_probe_file

HERE = Path(__file__).parent
FILES = probe_files(HERE)


def test_every_rule_set_has_a_probe_file_of_at_least_40_probes() -> None:
    counts = {run_probe_file(path)[0].ruleset: len(run_probe_file(path)[1]) for path in FILES}
    assert set(counts) == {info.id for info in list_rulesets()}
    assert min(counts.values()) >= 40, counts


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_probe_agreement_is_at_least_98_percent(path: Path) -> None:
    _, outcomes = run_probe_file(path)
    wrong = [f"{o.probe.id}: {'; '.join(o.failures)}" for o in outcomes if not o.agrees]
    assert (len(outcomes) - len(wrong)) / len(outcomes) >= 0.98, wrong


def test_a_probe_that_contradicts_the_evaluator_is_counted(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(
        "ruleset: guangzhou-ce\nseed: '003'\nas_of: 2024-12-20\nprobes:\n"
        "  - {id: x, quote: q, expect: [{clause: annual.hours, status: satisfied}]}\n",
        encoding="utf-8",
    )
    _, outcomes = run_probe_file(tmp_path / "x.yaml")
    assert not outcomes[0].agrees and "annual.hours" in outcomes[0].failures[0]


def test_the_probe_command_prints_the_agreement() -> None:
    from typer.testing import CliRunner

    from verifier.cli import app

    result = CliRunner().invoke(app, ["rules", "probe", str(HERE)])
    assert result.exit_code == 0, result.output
    assert "合计" in result.output and "100.0%" in result.output
