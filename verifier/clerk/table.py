"""The terminal table of one applicant's report, in the words of models.zh."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from models.report import Report, eligibility_judged
from models.vocab import ClauseStatus, Severity, Verdict
from models.zh import (
    NONE,
    clause_status_name,
    doc_type_name,
    eligibility_name,
    field_value,
    flag_name,
    verdict_name,
)

MAX_MESSAGE = 60
_VERDICT_STYLE = {Verdict.accept: "green", Verdict.review: "yellow", Verdict.reject: "red"}
_STATUS_STYLE = {
    ClauseStatus.satisfied: "green", ClauseStatus.not_satisfied: "red", ClauseStatus.needs_reviewer: "yellow"
}


def _severity_style(severity: Severity) -> str:
    return "red" if severity == Severity.error else "yellow"


def clip(message: str, limit: int = MAX_MESSAGE) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def level_and_grade(level: object, grade: object) -> str:
    parts = [field_value("level", level) if level else "", field_value("grade", grade) if grade else ""]
    return " ".join(p for p in parts if p) or NONE


def has_target(report: Report) -> bool:
    """Eligibility is judged only for a target title (or by a rule set that needs none); else not evaluated."""
    return eligibility_judged(report)


def print_report(report: Report, out: Console, title: str = "材料核验结果") -> None:
    table = Table(title=title, show_lines=True)
    for column in ("文件", "栏目", "类型", "持有人", "级别/等次", "日期", "结论", "问题"):
        table.add_column(column, overflow="fold")
    for doc in report.documents:
        f = doc.fields
        problems = "\n".join(
            f"[{_severity_style(fl.severity)}]{flag_name(fl.code)}[/] {escape(clip(fl.message))}"
            for fl in doc.flags
        )
        table.add_row(
            escape(doc.file), escape(doc.column or NONE), doc_type_name(doc.doc_type), escape(f.holder or NONE),
            level_and_grade(f.level, f.grade), f.issue_date or NONE,
            f"[{_VERDICT_STYLE[doc.verdict]}]{verdict_name(doc.verdict)}[/]", problems or NONE,
        )
    out.print(table)
    s = report.summary
    line = f"共 {s.documents} 份：通过 {s.accepted}，需复核 {s.review}，不通过 {s.rejected}"
    if report.ruleset:
        line += f"；评审条件：{eligibility_name(s.eligible, evaluated=has_target(report))}"
    out.print(line)
    if report.ruleset and s.coverage is not None and s.coverage.not_modelled:
        # what `eligible` says nothing about, so a reader never takes 符合 for more than it is
        unchecked = "；".join(escape(t) for t in s.coverage.not_modelled)
        out.print(f"评审条件结论未核对以下各项，由评审人员把握：{unchecked}")
    for clause in report.clauses:
        style = _STATUS_STYLE.get(clause.status, "yellow")
        text = f"[{style}]{clause_status_name(clause.status)}[/] {escape(clause.title)}"
        out.print(text + (f" — {escape(clause.missing)}" if clause.missing else ""))
