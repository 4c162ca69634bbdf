"""The clerk's command line: `verifier check FOLDER` and friends."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from models.report import Applicant, Report
from models.vocab import DOC_TYPE_ZH, GRADE_ZH, LEVEL_ZH, Severity, Tier, TitleRank, Verdict
from verifier.errors import ExitCode, UsageError, VerifierError
from verifier.settings import get_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="核验职称申报佐证材料（证书扫描件、照片、PDF）。")
fixtures_app = typer.Typer(no_args_is_help=True, help="生成合成样例与基准数据集。")
rules_app = typer.Typer(no_args_is_help=True, help="查看评审条件规则集。")
app.add_typer(fixtures_app, name="fixtures")
app.add_typer(rules_app, name="rules")

# Piped output gets a wide table: clerks redirect it to files, where Rich would otherwise wrap at 80 columns.
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)
_MAX_MESSAGE = 60

_VERDICT_ZH = {Verdict.accept: "[green]通过[/]", Verdict.review: "[yellow]需复核[/]", Verdict.reject: "[red]不通过[/]"}


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="文件或申报材料文件夹（子文件夹为栏目）", exists=True)],
    json_out: Annotated[bool, typer.Option("--json", help="在标准输出打印 JSON 报告（CONTRACT 格式）")] = False,
    html: Annotated[Path | None, typer.Option("--html", help="另存一份带缩略图的 HTML 报告")] = None,
    applicant: Annotated[str | None, typer.Option("--applicant", help="申报人姓名，用于核对证书持有人")] = None,
    ruleset: Annotated[str | None, typer.Option("--ruleset", help="评审条件规则集，如 liupanshui-2024")] = None,
    target: Annotated[TitleRank | None, typer.Option("--target", help="申报职称：first / senior / professor")] = None,
    tier: Annotated[Tier | None, typer.Option("--tier", help="city（省市及所在地）或 county（县乡）")] = None,
    since: Annotated[str | None, typer.Option("--since", help="任现职时间 YYYY-MM-DD")] = None,
    profile_file: Annotated[
        Path | None,
        typer.Option("--profile", exists=True, help="申报人信息文件（YAML 或 JSON：学历、教龄、编制、班主任年限等）"),
    ] = None,
    facts: Annotated[
        list[str] | None, typer.Option("--fact", help="申报人信息，可重复：学历=硕士、班主任年限=4、周课时=12")
    ] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="并行进程数")] = None,
    engine: Annotated[str | None, typer.Option("--engine", help="OCR 引擎：rapidocr / paddleocr / null")] = None,
) -> None:
    """核验文件或文件夹，逐个给出类型、关键信息、结论与问题。"""
    from verifier.html_report import write_html
    from verifier.pipeline import collect_uploads, verify_submission

    settings = get_settings().model_copy(deep=True)
    if engine:
        settings.ocr.engine = engine
    profile = _applicant(applicant, target, tier, since, profile_file, facts or [])
    uploads = collect_uploads(paths)
    if not uploads:
        raise UsageError("没有找到可核验的文件")
    with Progress(
        TextColumn("[bold]核验中"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err, transient=True, disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("", total=len(uploads))
        result = verify_submission(
            uploads, profile, ruleset, settings, workers,
            on_document=lambda a: progress.update(task, advance=1, description=a.report.file),
        )
    report = result.report
    if html:
        write_html(html, report, result.analyses)
        err.print(f"HTML 报告已写入 {html}")
    if json_out:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        print_report(report)
    raise typer.Exit(ExitCode.ok if report.summary.accepted == report.summary.documents else ExitCode.needs_attention)


def _applicant(
    name: str | None,
    target: TitleRank | None,
    tier: Tier | None,
    since: str | None,
    profile_file: Path | None = None,
    facts: list[str] | None = None,
) -> Applicant | None:
    """The profile from --profile, then --fact, then the named options (each overriding the one before)."""
    from verifier.profile import build_profile, parse_facts, read_profile_file

    try:
        since_date = date.fromisoformat(since) if since else None
    except ValueError as exc:
        raise UsageError(f"--since 应为 YYYY-MM-DD：{since}") from exc
    named = {"name": name, "target_title": target, "tier": tier, "current_title_since": since_date}
    return build_profile(
        [read_profile_file(profile_file) if profile_file else {}, parse_facts(facts or []), named]
    )


def _clip(message: str) -> str:
    return message if len(message) <= _MAX_MESSAGE else message[: _MAX_MESSAGE - 1] + "…"


def print_report(report: Report) -> None:
    table = Table(title="材料核验结果", show_lines=True)
    for column in ("文件", "栏目", "类型", "持有人", "级别/等次", "日期", "结论", "问题"):
        table.add_column(column, overflow="fold")
    for doc in report.documents:
        f = doc.fields
        level_grade = " ".join(x for x in (LEVEL_ZH.get(f.level, "") if f.level else "",
                                           GRADE_ZH.get(f.grade, "") if f.grade else "") if x)
        problems = "\n".join(
            f"[{'red' if fl.severity == Severity.error else 'yellow'}]{fl.code.value}[/] {_clip(fl.message)}"
            for fl in doc.flags
        )
        table.add_row(
            doc.file, doc.column or "—", DOC_TYPE_ZH.get(doc.doc_type, "—") if doc.doc_type else "—",
            f.holder or "—", level_grade or "—", f.issue_date or "—", _VERDICT_ZH[doc.verdict], problems or "—",
        )
    out.print(table)
    s = report.summary
    line = f"共 {s.documents} 份：通过 {s.accepted}，需复核 {s.review}，不通过 {s.rejected}"
    if s.eligible is not None:
        line += "；评审条件" + ("已满足" if s.eligible else "未满足")
    out.print(line)
    for clause in report.clauses:
        mark = {"satisfied": "[green]✓[/]", "not_satisfied": "[red]✗[/]"}.get(clause.status.value, "[yellow]?[/]")
        out.print(f"{mark} {clause.title}" + (f" — {clause.missing}" if clause.missing else ""))


@app.command("eval")
def eval_command(
    benchmark: Annotated[Path, typer.Argument(help="基准数据集文件夹（含 labels.json）", exists=True, file_okay=False)],
    json_file: Annotated[Path | None, typer.Option("--json", help="把全部指标写入 JSON 文件")] = None,
    markdown: Annotated[Path | None, typer.Option("--markdown", help="把指标表格写入 Markdown 文件")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="只评测前 N 份文档")] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="并行进程数")] = None,
    engine: Annotated[str | None, typer.Option("--engine", help="OCR 引擎")] = None,
    ocr_cache: Annotated[
        Path | None, typer.Option("--ocr-cache", help="缓存 OCR 结果的文件夹（调试其他环节时复用，勿用于测速）")
    ] = None,
) -> None:
    """在带标注的基准数据集上运行完整流程并打印各项指标。"""
    from verifier.evaluation import evaluate_benchmark, render_markdown

    settings = get_settings().model_copy(deep=True)
    if engine:
        settings.ocr.engine = engine
    if ocr_cache:
        settings.ocr.cache_dir = str(ocr_cache)
    with Progress(
        TextColumn("[bold]评测中"), TextColumn("{task.completed} 份"), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err, transient=True, disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("", total=None)
        result = evaluate_benchmark(
            benchmark, settings, workers=workers or settings.workers, limit=limit,
            on_document=lambda a: progress.update(task, advance=1, description=a.report.file),  # type: ignore[attr-defined]
        )
    text = render_markdown(result)
    out.print(text, markup=False, highlight=False)
    if markdown:
        markdown.write_text(text, encoding="utf-8")
    if json_file:
        json_file.write_text(result.model_dump_json(indent=2), encoding="utf-8")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="后台核验线程数")] = 1,
) -> None:
    """启动核验服务（HTTP API 与审核页面）。"""
    from api.server import run  # the one place verifier/ reaches into api/: the service's entry point

    run(host=host, port=port, workers=workers)


@fixtures_app.command("sample")
def fixtures_sample(
    out_dir: Annotated[Path, typer.Argument(help="输出文件夹")],
    seed: Annotated[int, typer.Option(help="随机种子")] = 7,
) -> None:
    """生成内置样例申报材料文件夹。"""
    from fixtures.sample import build_sample_submission

    path = build_sample_submission(out_dir, seed=seed)
    err.print(f"样例已生成：{path}")


@fixtures_app.command("generate")
def fixtures_generate(
    out_dir: Annotated[Path, typer.Argument(help="输出文件夹")],
    n: Annotated[int, typer.Option("--n", help="文档数量")] = 600,
    seed: Annotated[int, typer.Option(help="随机种子")] = 1,
) -> None:
    """生成带标注的基准数据集。"""
    from fixtures.benchmark import generate_benchmark

    path = generate_benchmark(out_dir, n=n, seed=seed)
    err.print(f"基准数据集已生成：{path}")


@rules_app.command("list")
def rules_list() -> None:
    """列出可用的规则集。"""
    from verifier.criteria import list_rulesets

    table = Table(title="评审条件规则集")
    for column in ("ID", "名称", "地区", "依据", "条款数"):
        table.add_column(column)
    for info in list_rulesets():
        table.add_row(info.id, info.name, info.region, info.seed, str(info.clauses))
    out.print(table)


@rules_app.command("show")
def rules_show(ruleset_id: Annotated[str, typer.Argument(help="规则集 ID")]) -> None:
    """显示规则集的全部条款。"""
    from verifier.criteria import describe_ruleset, load_ruleset

    out.print(describe_ruleset(load_ruleset(ruleset_id)), markup=False, highlight=False)


def main() -> None:
    """Entry point. Typer maps usage errors to exit 2; our own errors are mapped here, without a traceback."""
    try:
        app()
    except VerifierError as exc:
        err.print(f"[red]错误[/] {exc}")
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
