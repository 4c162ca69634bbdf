"""材料审核汇总表: the results of one applicant or a whole school as an Excel workbook, in Chinese.

Three sheets: 申报人 (one row per applicant: eligible or not, counts, what is missing), 材料 (one row per
document) and 条款 (one row per clause and applicant). Each has a frozen header, filters and columns as wide as
their text (a CJK character counts twice).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from models.report import Applicant, Report, eligibility_judged
from models.vocab import ClauseStatus, Verdict
from models.zh import (
    NONE,
    clause_status_name,
    date_text,
    doc_type_name,
    eligibility_name,
    field_value,
    flag_name,
    tier_name,
    title_rank_name,
    verdict_name,
)
from verifier.criteria import GroupResult, RuleSet

MIN_WIDTH, MAX_WIDTH = 6, 60
_HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
_FILLS = {
    "green": PatternFill("solid", fgColor="D1FADF"),
    "amber": PatternFill("solid", fgColor="FEF0C7"),
    "red": PatternFill("solid", fgColor="FEE4E2"),
}
_VERDICT_FILL = {Verdict.accept: "green", Verdict.review: "amber", Verdict.reject: "red"}
_STATUS_FILL = {
    ClauseStatus.satisfied: "green", ClauseStatus.needs_reviewer: "amber", ClauseStatus.not_satisfied: "red"
}
_ELIGIBLE_FILL = {"符合": "green", "待复核": "amber", "不符合": "red"}

APPLICANT_HEADERS = (
    "序号", "姓名", "申报职称", "层级", "任现职时间", "规则集", "材料数", "通过", "需复核", "不通过",
    "评审条件", "缺少", "待复核条款", "说明", "报告",
)
DOCUMENT_HEADERS = (
    "申报人", "栏目", "文件", "类型", "持有人", "发证机关", "级别", "等次", "日期", "结论", "问题", "支撑条款",
)
CLAUSE_HEADERS = ("申报人", "条款", "出处", "状态", "支撑材料", "缺少")


@dataclass
class ApplicantSummary:
    """One applicant's row: the report when verified, else a note why not (no folder, not on the roster)."""

    name: str
    applicant: Applicant | None = None
    ruleset: RuleSet | None = None
    report: Report | None = None
    groups: list[GroupResult] = field(default_factory=list)
    note: str = ""
    report_file: str = ""


def display_width(text: str) -> int:
    return max(
        (sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in text.split("\n")),
        default=0,
    )


def _missing(summary: ApplicantSummary) -> str:
    """What the applicant still lacks: each required group short of its count, else the unmet clauses."""
    lines = []
    for group in summary.groups:
        if group.role.value != "required" or group.met:
            continue
        line = f"{group.title}：已满足 {group.satisfied} 项，须 {group.required} 项"
        if group.needs_reviewer:
            line += f"（另有 {group.needs_reviewer} 项待复核）"
        lines.append(line)
    if not lines and summary.report is not None and not summary.groups:
        lines = [
            f"{c.title}：{c.missing}" if c.missing else c.title
            for c in summary.report.clauses
            if c.status == ClauseStatus.not_satisfied
        ]
    return "\n".join(lines)


def _eligibility(summary: ApplicantSummary) -> str:
    report = summary.report
    if report is None:
        return NONE
    if not report.ruleset:
        return "未评估"
    evaluated = eligibility_judged(report)
    return eligibility_name(report.summary.eligible, evaluated)


def _applicant_row(number: int, summary: ApplicantSummary) -> list[object]:
    profile = summary.applicant or (summary.report.applicant if summary.report else None) or Applicant()
    report = summary.report
    counts: list[object] = (
        [report.summary.documents, report.summary.accepted, report.summary.review, report.summary.rejected]
        if report
        else [None] * 4
    )
    pending = (
        "\n".join(c.title for c in report.clauses if c.status == ClauseStatus.needs_reviewer) if report else ""
    )
    return [
        number,
        summary.name,
        title_rank_name(profile.target_title) if profile.target_title else NONE,
        tier_name(profile.tier),
        date_text(profile.current_title_since),
        summary.ruleset.name if summary.ruleset else NONE,
        *counts,
        _eligibility(summary),
        _missing(summary),
        pending,
        summary.note,
        summary.report_file,
    ]


def _problems(flags: Iterable[object]) -> str:
    return "\n".join(f"{flag_name(f.code)}：{f.message}" for f in flags)  # type: ignore[attr-defined]


def _document_rows(summary: ApplicantSummary, titles: dict[str, str]) -> Iterable[list[object]]:
    if summary.report is None:
        return
    for doc in summary.report.documents:
        f = doc.fields
        yield [
            summary.name,
            doc.column or NONE,
            doc.file,
            doc_type_name(doc.doc_type),
            f.holder or NONE,
            f.issuer or NONE,
            field_value("level", f.level),
            field_value("grade", f.grade),
            f.issue_date or NONE,
            verdict_name(doc.verdict),
            _problems(doc.flags),
            "\n".join(titles.get(c, c) for c in doc.clauses),
        ]


def _clause_rows(summary: ApplicantSummary, sources: dict[str, str]) -> Iterable[list[object]]:
    if summary.report is None:
        return
    for clause in summary.report.clauses:
        yield [
            summary.name,
            clause.title,
            sources.get(clause.id, NONE),
            clause_status_name(clause.status),
            "\n".join(clause.evidence),
            clause.missing or "",
        ]


def _fill(sheet: Worksheet, column: int, colours: dict[object, str]) -> None:
    for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        colour = colours.get(cell.value)
        if colour:
            cell.fill = _FILLS[colour]


def _finish(sheet: Worksheet, headers: Sequence[str]) -> None:
    """Bold frozen header, filters over the table, wrapped long text and widths that fit."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", horizontal="center")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(sheet.max_row, 1)}"
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        widest = display_width(header) + 4  # room for the filter button
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            text = "" if cell.value is None else str(cell.value)
            widest = max(widest, display_width(text))
            if "\n" in text or display_width(text) > MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.alignment = Alignment(vertical="top")
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, max(MIN_WIDTH, widest + 2))


def _sheet(workbook: Workbook, title: str, headers: Sequence[str], rows: Iterable[list[object]]) -> Worksheet:
    sheet = workbook.create_sheet(title)
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    _finish(sheet, headers)
    return sheet


def write_workbook(path: Path, summaries: Sequence[ApplicantSummary]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    applicants = _sheet(
        workbook, "申报人", APPLICANT_HEADERS, (_applicant_row(i, s) for i, s in enumerate(summaries, start=1))
    )
    _fill(applicants, APPLICANT_HEADERS.index("评审条件") + 1, _ELIGIBLE_FILL)  # type: ignore[arg-type]
    titles: dict[str, str] = {}
    sources: dict[str, str] = {}
    for summary in summaries:
        if summary.ruleset is not None:
            for clause in summary.ruleset.clauses:
                titles[clause.id] = clause.title
                sources[clause.id] = summary.ruleset.source_text(clause.source)
    documents = _sheet(
        workbook, "材料", DOCUMENT_HEADERS, (row for s in summaries for row in _document_rows(s, titles))
    )
    _fill(documents, DOCUMENT_HEADERS.index("结论") + 1, {verdict_name(k): v for k, v in _VERDICT_FILL.items()})
    clauses = _sheet(workbook, "条款", CLAUSE_HEADERS, (row for s in summaries for row in _clause_rows(s, sources)))
    _fill(clauses, CLAUSE_HEADERS.index("状态") + 1, {clause_status_name(k): v for k, v in _STATUS_FILL.items()})
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
