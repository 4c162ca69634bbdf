"""What `eligible` covers reaches the reader: the report's summary.coverage, the terminal and the HTML report."""

from __future__ import annotations

from io import StringIO

from rich.console import Console

from models.report import Applicant, Coverage, Report, Summary, eligibility_judged
from verifier.clerk.table import print_report


def report(coverage: Coverage | None, target: str | None = None) -> Report:
    return Report(
        ruleset="guangzhou-ce",
        applicant=Applicant(name="王五", target_title=target),
        summary=Summary(documents=0, accepted=0, review=0, rejected=0, eligible=True, coverage=coverage),
    )


def test_a_rule_set_that_needs_no_title_is_judged_without_one() -> None:
    assert eligibility_judged(report(Coverage(evaluated_groups=["annual"], needs_target_title=False)))
    assert not eligibility_judged(report(Coverage(evaluated_groups=["annual"], needs_target_title=True)))
    assert not eligibility_judged(report(None))  # reports from before coverage existed
    assert eligibility_judged(report(None, "senior"))


def test_the_terminal_names_what_eligibility_leaves_to_reviewers() -> None:
    out = StringIO()
    coverage = Coverage(evaluated_groups=["annual"], not_modelled=["一、验证对象由学校核实"])
    print_report(report(coverage), Console(file=out, width=200))
    text = out.getvalue()
    assert "评审条件：符合" in text
    assert "未核对以下各项" in text and "验证对象由学校核实" in text
