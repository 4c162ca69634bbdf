"""The evaluation as Markdown tables, as docs/ACCURACY.md shows them."""

from __future__ import annotations

from verifier.evaluation.coverage import KINDS
from verifier.evaluation.metrics import DocumentScores, PrecisionRecall, Ratio
from verifier.evaluation.runner import EvalResult


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


_SEVERITIES = ("clean", "moderate", "heavy")


def _ratio_cell(ratio: Ratio | None) -> str:
    return "—" if ratio is None or not ratio.total else f"{_pct(ratio.value)} ({ratio.correct}/{ratio.total})"


def _pr_row(name: str, pr: PrecisionRecall) -> str:
    return f"| {name} | {pr.tp} | {pr.fp} | {pr.fn} | {_pct(pr.precision)} | {_pct(pr.recall)} |"


def _document_tables(title: str, s: DocumentScores) -> list[str]:
    accuracy = f"doc_type accuracy: **{_pct(s.doc_type.value)}** ({s.doc_type.correct}/{s.doc_type.total})"
    lines = [f"### {title}", "", accuracy]
    for severity, ratio in sorted(s.doc_type_by_severity.items()):
        lines.append(f"- {severity}: {_pct(ratio.value)} ({ratio.correct}/{ratio.total})")
    severities = [sev for sev in _SEVERITIES if sev in s.fields_by_severity]
    header = (
        "| field | correct | wrong | empty | total | accuracy | "
        + "".join(f"{sev} | " for sev in severities)
        + "spurious | not carried |"
    )
    lines += ["", header, "|---" * (8 + len(severities)) + "|"]
    for name, ratio in sorted(s.fields.items()):
        spurious = s.field_spurious.get(name, 0)
        lost = s.field_not_carried.get(name, 0)
        empty = s.field_empty.get(name, 0)
        wrong = ratio.total - ratio.correct - empty
        cells = "".join(f"{_ratio_cell(s.fields_by_severity[sev].get(name))} | " for sev in severities)
        lines.append(
            f"| {name} | {ratio.correct} | {wrong} | {empty} | {ratio.total} | {_pct(ratio.value)} | "
            f"{cells}{spurious} | {lost} |"
        )
    if s.field_not_carried:
        lines.append(
            "\n*not carried*: printed on the page but cut away or washed out by glare in this file, so no reader can "
            "see it; not scored (the label lists them under `not_carried`)."
        )
    lines += ["", "| flag | TP | FP | FN | precision | recall |", "|---|---|---|---|---|---|"]
    lines += [_pr_row(code, pr) for code, pr in sorted(s.flags.items())]
    rate = s.clean_with_quality_flag / s.clean_documents if s.clean_documents else None
    counts = f"({s.clean_with_quality_flag}/{s.clean_documents})"
    lines += ["", f"clean documents with any quality flag: {_pct(rate)} {counts}"]
    if s.orientation.total:
        lines.append(f"orientation (first page turned upright as labelled): {_ratio_cell(s.orientation)}")
    sealed = s.seal_only_issuer
    if sealed.total:
        share = f"{_pct(sealed.value)} ({sealed.correct}/{sealed.total})"
        lines.append(f"issuer of documents signed with the seal alone (named only by its ring text): {share}")
    return lines


def _confusion(s: DocumentScores) -> list[str]:
    types = sorted({t for row in s.confusion.values() for t in row} | set(s.confusion))
    short = {t: t[:10] for t in types}
    lines = ["| truth \\ predicted | " + " | ".join(short[t] for t in types) + " |", "|---" * (len(types) + 1) + "|"]
    for truth in types:
        row = s.confusion.get(truth, {})
        lines.append(f"| {truth} | " + " | ".join(str(row.get(t, "")) for t in types) + " |")
    return lines


def _level_places(result: EvalResult) -> list[str]:
    places = result.level_places
    lines = [
        "### Issuer level by place (places where every document's level was right / places in the benchmark)",
        "",
        "| documents counted | provinces | prefecture-level units | counties and districts | 兵团 units |",
        "|---|---|---|---|---|",
    ]
    rows = (
        ("all", places.right, places.total, places.bingtuan_right, places.bingtuan_total),
        ("issuer read exactly (inference alone)", places.inferred_right, places.inferred_total,
         places.bingtuan_inferred_right, places.bingtuan_inferred_total),
    )
    for name, right, total, bt_right, bt_total in rows:
        cells = [name, *(f"{right.get(kind, 0)} / {total.get(kind, 0)}" for kind in KINDS), f"{bt_right} / {bt_total}"]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def render_markdown(result: EvalResult) -> str:
    lines = [
        f"Benchmark: `{result.benchmark}` — {result.pages} pages in {result.seconds:.0f} s "
        f"({result.pages_per_second:.2f} pages/s)",
        "",
        *_document_tables("Documents (each verified on its own)", result.documents),
        "",
        "#### doc_type confusion (rows: truth)",
        "",
        *_confusion(result.documents),
        "",
        *_document_tables("Submission documents (applicant, columns, cross-document checks)", result.submissions),
        "",
        "### Duplicates (pairs within submissions)",
        "",
        "| | TP | FP | FN | precision | recall |",
        "|---|---|---|---|---|---|",
        _pr_row("duplicate pairs", result.duplicates),
        "",
        f"### Clause outcomes: {_pct(result.clauses.value)} ({result.clauses.correct}/{result.clauses.total})",
        "",
        *_level_places(result),
    ]
    return "\n".join(lines) + "\n"
