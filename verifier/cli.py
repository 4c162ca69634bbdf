"""The clerk's command line: `verifier check FOLDER` and friends."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from typer._click import exceptions as click_errors

from models.report import Applicant
from verifier.clerk.profile import parse_since, parse_tier, parse_title, tier_choices, title_choices
from verifier.clerk.table import print_report
from verifier.cli_zh import CONTEXT, ChineseCommand, ChineseGroup, usage_error_text
from verifier.errors import ExitCode, UsageError, VerifierError
from verifier.settings import Settings, get_settings

app = typer.Typer(
    add_completion=False, no_args_is_help=True, cls=ChineseGroup, context_settings=CONTEXT,
    help="核验职称申报佐证材料（证书扫描件、照片、PDF）。",
)
fixtures_app = typer.Typer(
    no_args_is_help=True, cls=ChineseGroup, context_settings=CONTEXT, help="生成合成样例与基准数据集。"
)
rules_app = typer.Typer(no_args_is_help=True, cls=ChineseGroup, context_settings=CONTEXT, help="查看评审条件规则集。")
app.add_typer(fixtures_app, name="fixtures")
app.add_typer(rules_app, name="rules")

# Piped output gets a wide table: clerks redirect it to files, where Rich would otherwise wrap at 80 columns.
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)
INTERRUPTED = 130  # the shell's code for a run stopped by Ctrl-C

_TARGET_HELP = f"申报职称： {title_choices()} （也可写中文）"
_TIER_HELP = f"层级： {tier_choices()} （也可写中文）"
_ROSTER_HELP = "申报人名单（.xlsx 或 .csv）：姓名、申报职称、层级、任现职时间，可含规则集"
_PROFILE_HELP = "申报人信息文件（YAML 或 JSON）： 学历 / 教龄 / 编制 / 班主任年限 等"
_OUT_HELP = "结果文件夹（默认：学校文件夹旁的「学校名-核验结果」）"
_ENGINE_HELP = "OCR 引擎：rapidocr（默认）/ paddleocr / null（不识别图片文字，仅读 PDF 文字层）"


def _version(value: bool) -> None:
    if value:
        from verifier.version import package_version

        out.print(f"verifier {package_version()}")
        raise typer.Exit()


@app.callback()
def root(
    _show_version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="显示版本并退出")
    ] = False,
) -> None:
    """核验职称申报佐证材料（证书扫描件、照片、PDF）。"""


def _settings(engine: str | None) -> Settings:
    settings = get_settings().model_copy(deep=True)
    if engine:
        settings.ocr.engine = engine
    return settings


def _refuse_school(paths: list[Path], settings: Settings) -> None:
    """A folder of applicants given to `check` would be taken as columns named after people: say so instead."""
    from verifier.clerk.school import applicant_like_folders

    for path in paths:
        people = applicant_like_folders(path, settings.columns_file)
        if people:
            shown = "、".join(people[:5]) + ("等" if len(people) > 5 else "")
            raise UsageError(
                f"「{path}」看起来是多位申报人的文件夹（{shown}，每人一个子文件夹，其下才是栏目）。"
                f"请逐人核验：verifier check {path / people[0]}，"
                f"或一次核验全校：verifier batch {path} --roster 申报人名单.xlsx"
            )


@app.command(cls=ChineseCommand)
def check(
    paths: Annotated[
        list[Path], typer.Argument(help="文件或申报材料文件夹（子文件夹为栏目）", exists=True, metavar="文件或文件夹")
    ],
    json_out: Annotated[bool, typer.Option("--json", help="在标准输出打印 JSON 报告（CONTRACT 格式）")] = False,
    html: Annotated[Path | None, typer.Option("--html", help="另存一份带缩略图的 HTML 报告")] = None,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="另存一份材料审核汇总表（Excel）")] = None,
    applicant: Annotated[str | None, typer.Option("--applicant", help="申报人姓名，用于核对证书持有人")] = None,
    ruleset: Annotated[str | None, typer.Option("--ruleset", help="评审条件规则集，如 liupanshui-2024")] = None,
    target: Annotated[str | None, typer.Option("--target", help=_TARGET_HELP)] = None,
    tier: Annotated[str | None, typer.Option("--tier", help=_TIER_HELP)] = None,
    since: Annotated[str | None, typer.Option("--since", help="任现职时间，如 2018-09-01 或 2018年9月")] = None,
    profile_file: Annotated[
        Path | None,
        typer.Option("--profile", exists=True, help=_PROFILE_HELP),
    ] = None,
    facts: Annotated[
        list[str] | None, typer.Option("--fact", help="申报人信息，可重复，如： 学历=硕士 班主任年限=4 周课时=12")
    ] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="并行进程数")] = None,
    engine: Annotated[str | None, typer.Option("--engine", help=_ENGINE_HELP)] = None,
) -> None:
    """核验一位申报人的文件或文件夹，逐个给出类型、关键信息、结论与问题。"""
    from verifier.html_report import write_html
    from verifier.pipeline import WorkerPool, collect_uploads, verify_submission

    settings = _settings(engine)
    profile = _applicant(applicant, target, tier, since, profile_file, facts or [])
    _refuse_school(paths, settings)
    uploads = collect_uploads(paths)
    if not uploads:
        raise UsageError("没有找到可核验的文件")
    with Progress(
        TextColumn("[bold]核验中"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err, transient=True, disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("", total=len(uploads))
        # Always in worker processes, even one: a file past its time budget is stopped, not waited for.
        with WorkerPool(settings, min(workers or settings.workers, len(uploads))) as pool:
            result = verify_submission(
                uploads, profile, ruleset, settings, pool=pool,
                on_document=lambda a: progress.update(task, advance=1, description=a.report.file),
            )
    report = result.report
    if html:
        write_html(html, report, result.analyses, settings.timezone)
        err.print(f"HTML 报告已写入 {html}")
    if xlsx:
        from verifier.clerk.batch import resolve_ruleset
        from verifier.clerk.workbook import ApplicantSummary, write_workbook

        name = (profile.name if profile else None) or "申报人"
        groups = result.criteria.groups if result.criteria else []
        summary = ApplicantSummary(name, profile, resolve_ruleset(ruleset), report, groups)
        write_workbook(xlsx, [summary])
        err.print(f"汇总表已写入 {xlsx}")
    if json_out:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        print_report(report, out)
    raise typer.Exit(ExitCode.ok if report.summary.accepted == report.summary.documents else ExitCode.needs_attention)


def _applicant(
    name: str | None,
    target: str | None,
    tier: str | None,
    since: str | None,
    profile_file: Path | None = None,
    facts: list[str] | None = None,
) -> Applicant | None:
    """The profile from --profile, then --fact, then the named options (each overriding the one before); the
    named options take codes or the Chinese words (高级教师, 县乡, 2018年9月)."""
    from verifier.profile import build_profile, parse_facts, read_profile_file

    named: dict[str, object] = {
        "name": name,
        "target_title": parse_title(target),
        "tier": parse_tier(tier),
        "current_title_since": parse_since(since),
    }
    return build_profile(
        [read_profile_file(profile_file) if profile_file else {}, parse_facts(facts or []), named]
    )


class _BatchBars:
    """Two bars: applicants done of all, and files done of all (a kept file counts at once)."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.people = progress.add_task("申报人", total=None)
        self.files = progress.add_task("文件", total=None)
        self.started = 0

    def start(self, applicants: int, files: int) -> None:
        self.progress.update(self.people, total=applicants)
        self.progress.update(self.files, total=files)

    def applicant(self, name: str, files: int) -> None:
        self.progress.update(self.people, completed=self.started, description=f"申报人 {name}")
        self.started += 1

    def file_done(self, file: str, reused: bool) -> None:
        self.progress.update(self.files, advance=1, description=("沿用 " if reused else "核验 ") + file)

    def finish(self) -> None:
        total = self.progress.tasks[self.people].total or 0
        self.progress.update(self.people, completed=total)


@app.command(cls=ChineseCommand)
def batch(
    school: Annotated[
        Path, typer.Argument(help="学校文件夹：每位申报人一个子文件夹，其下为栏目", exists=True, metavar="学校文件夹")
    ],
    roster: Annotated[Path, typer.Option("--roster", help=_ROSTER_HELP)],
    out_dir: Annotated[Path | None, typer.Option("--out", help=_OUT_HELP)] = None,
    ruleset: Annotated[str | None, typer.Option("--ruleset", help="名单未写规则集时使用的规则集")] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="并行进程数")] = None,
    engine: Annotated[str | None, typer.Option("--engine", help=_ENGINE_HELP)] = None,
) -> None:
    """一次核验全校申报人：每人一份 HTML 报告，以及材料审核汇总表（汇总表.xlsx）。可中断后续跑。"""
    from verifier.clerk.batch import run_batch
    from verifier.clerk.roster import read_roster

    settings = _settings(engine)
    entries = read_roster(roster)
    target_dir = out_dir or school.resolve().parent / f"{school.resolve().name}-核验结果"
    with Progress(
        TextColumn("[bold]{task.description}", table_column=None), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal,
    ) as progress:
        bars = _BatchBars(progress)
        try:
            result = run_batch(school, entries, target_dir, settings, ruleset, workers or settings.workers, bars)
        except KeyboardInterrupt:
            progress.stop()
            err.print("[yellow]已中断。[/]已核验的文件已保存，再次运行同一命令将从中断处继续。")
            raise typer.Exit(INTERRUPTED) from None
        bars.finish()
    _print_batch(result)
    attention = any(
        s.report is None or s.report.summary.accepted != s.report.summary.documents for s in result.summaries
    )
    raise typer.Exit(ExitCode.needs_attention if attention else ExitCode.ok)


def _print_batch(result: object) -> None:
    from models.zh import eligibility_name
    from verifier.clerk.batch import BatchResult
    from verifier.clerk.table import has_target

    assert isinstance(result, BatchResult)
    table = Table(title="全校核验结果", show_lines=False)
    for column in ("姓名", "材料", "通过", "需复核", "不通过", "评审条件", "说明"):
        table.add_column(column, overflow="fold")
    for s in result.summaries:
        r = s.report
        if r is None:
            table.add_row(s.name, "—", "—", "—", "—", "—", f"[red]{s.note}[/]")
            continue
        eligible = eligibility_name(r.summary.eligible, has_target(r)) if r.ruleset else "未评估"
        table.add_row(
            s.name, str(r.summary.documents), str(r.summary.accepted), str(r.summary.review),
            str(r.summary.rejected), eligible, f"[red]{s.note}[/]" if s.note else "",
        )
    out.print(table)
    out.print(f"本次核验 {result.verified} 份，沿用上次结果 {result.reused} 份。汇总表：{result.workbook}")
    for name in result.unlisted:
        out.print(f"[yellow]文件夹「{name}」不在申报人名单中，未核验。[/]")
    for name in result.loose:
        out.print(f"[yellow]文件「{name}」不在任何申报人的文件夹中，未核验。[/]")


@app.command("eval", cls=ChineseCommand)
def eval_command(
    benchmark: Annotated[
        Path,
        typer.Argument(help="基准数据集文件夹（含 labels.json）", exists=True, file_okay=False, metavar="基准文件夹"),
    ],
    json_file: Annotated[Path | None, typer.Option("--json", help="把全部指标写入 JSON 文件")] = None,
    markdown: Annotated[Path | None, typer.Option("--markdown", help="把指标表格写入 Markdown 文件")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="只评测前 N 份文档")] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="并行进程数")] = None,
    engine: Annotated[str | None, typer.Option("--engine", help=_ENGINE_HELP)] = None,
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


@app.command(cls=ChineseCommand)
def serve(
    host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="后台核验线程数")] = 1,
) -> None:
    """启动核验服务（HTTP API 与审核页面）。"""
    from api.server import run  # verifier/ reaches into api/ only for the service's entry points

    run(host=host, port=port, workers=workers)


@app.command(cls=ChineseCommand)
def worker(
    processes: Annotated[int, typer.Option(min=1, help="核验进程数（每个进程一个 OCR 引擎）")] = 1,
    loglevel: Annotated[str, typer.Option(help="日志级别")] = "INFO",
    hostname: Annotated[str | None, typer.Option(help="Celery 节点名（默认 celery@主机名）")] = None,
) -> None:
    """启动核验工作进程（Celery），处理服务存下的申报；需设置 VERIFIER_BROKER_URL。"""
    from api.fleet.worker import run_worker  # like serve: the service's worker entry point

    run_worker(processes, loglevel=loglevel, hostname=hostname)


@fixtures_app.command("sample", cls=ChineseCommand)
def fixtures_sample(
    out_dir: Annotated[Path, typer.Argument(help="输出文件夹", metavar="输出文件夹")],
    seed: Annotated[int, typer.Option(help="随机种子")] = 7,
) -> None:
    """生成内置样例申报材料文件夹。"""
    from fixtures.sample import build_sample_submission

    path = build_sample_submission(out_dir, seed=seed)
    err.print(f"样例已生成：{path}")


@fixtures_app.command("school", cls=ChineseCommand)
def fixtures_school(
    out_dir: Annotated[Path, typer.Argument(help="输出文件夹", metavar="输出文件夹")],
    applicants: Annotated[int, typer.Option("--applicants", min=1, max=50, help="申报人数")] = 5,
    seed: Annotated[int, typer.Option(help="随机种子")] = 11,
    photos: Annotated[bool, typer.Option("--photos/--no-photos", help="是否包含手机拍摄的图片（须 OCR）")] = True,
) -> None:
    """生成样例学校（每位申报人一个文件夹）与申报人名单，供 verifier batch 使用。"""
    from fixtures.school import build_school

    path = build_school(out_dir, applicants=applicants, seed=seed, photos=photos)
    err.print(f"样例学校已生成：{path / '学校'}，申报人名单：{path / '申报人名单.xlsx'}")


@fixtures_app.command("generate", cls=ChineseCommand)
def fixtures_generate(
    out_dir: Annotated[Path, typer.Argument(help="输出文件夹", metavar="输出文件夹")],
    n: Annotated[int, typer.Option("--n", help="文档数量")] = 600,
    seed: Annotated[int, typer.Option(help="随机种子")] = 1,
    variety: Annotated[
        str,
        typer.Option(help="benchmark：固定基准（默认）；real：真实证书所见的多样性（团队、其他单位、赛区、金边、书法字、复印件、翻拍）"),
    ] = "benchmark",
) -> None:
    """生成带标注的基准数据集。"""
    if variety == "real":
        from fixtures.variety_set import generate_variety

        err.print(f"基准数据集已生成：{generate_variety(out_dir, n=n, seed=seed)}")
        return
    if variety != "benchmark":
        raise typer.BadParameter("--variety 只能是 benchmark 或 real")
    from fixtures.benchmark import generate_benchmark

    path = generate_benchmark(out_dir, n=n, seed=seed)
    err.print(f"基准数据集已生成：{path}")


@rules_app.command("list", cls=ChineseCommand)
def rules_list() -> None:
    """列出可用的规则集。"""
    from verifier.criteria import list_rulesets

    table = Table(title="评审条件规则集")
    for column in ("ID", "名称", "地区", "依据", "条款数"):
        table.add_column(column)
    for info in list_rulesets():
        table.add_row(info.id, info.name, info.region, info.policy, str(info.clauses))
    out.print(table)


@rules_app.command("show", cls=ChineseCommand)
def rules_show(ruleset_id: Annotated[str, typer.Argument(help="规则集 ID", metavar="规则集")]) -> None:
    """显示规则集的全部条款。"""
    from verifier.criteria import describe_ruleset, load_ruleset

    out.print(describe_ruleset(load_ruleset(ruleset_id)), markup=False, highlight=False)


@rules_app.command("probe", cls=ChineseCommand)
def rules_probe(
    folder: Annotated[Path, typer.Argument(help="探针文件目录（每个规则集一个 YAML）", metavar="目录")] = Path(
        "tests/probes"
    ),
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="列出每个不一致的探针")] = False,
) -> None:
    """按政策原文编写的探针逐条运行，打印与规则集的一致率。"""
    from verifier.criteria.probes import probe_files, run_probe_file

    files = probe_files(folder)
    if not files:
        raise UsageError(f"目录 {folder} 中没有探针文件（*.yaml）")
    table = Table(title="探针一致率")
    for column in ("规则集", "依据", "探针", "一致", "一致率"):
        table.add_column(column)
    total = agreed = 0
    disagreements: list[str] = []
    for path in files:
        spec, outcomes = run_probe_file(path)
        good = sum(o.agrees for o in outcomes)
        total, agreed = total + len(outcomes), agreed + good
        table.add_row(spec.ruleset, spec.seed, str(len(outcomes)), str(good), f"{good / len(outcomes):.1%}")
        for outcome in outcomes:
            if not outcome.agrees:
                disagreements.append(f"{spec.ruleset} {outcome.probe.id}：{'；'.join(outcome.failures)}")
    table.add_row("合计", "", str(total), str(agreed), f"{agreed / total:.1%}")
    out.print(table)
    if verbose:
        for line in disagreements:
            out.print(line, markup=False, highlight=False)
    raise typer.Exit(ExitCode.ok if agreed == total else ExitCode.needs_attention)


def main() -> None:
    """Entry point: usage errors (Click's and ours) in Chinese with exit 2, Ctrl-C as 130, never a traceback."""
    try:
        code = app(standalone_mode=False)
    except click_errors.NoArgsIsHelpError as exc:
        exc.ctx and err.print(exc.ctx.get_help(), markup=False, highlight=False)  # type: ignore[func-returns-value]
        sys.exit(ExitCode.usage_or_system)
    except click_errors.ClickException as exc:
        ctx = getattr(exc, "ctx", None)
        if ctx is not None:
            err.print(ctx.get_usage(), markup=False, highlight=False)
            err.print(f"运行 '{ctx.command_path} -h' 查看帮助。", markup=False, highlight=False)
        err.print(f"[red]错误[/] {usage_error_text(exc)}", highlight=False, soft_wrap=True)
        sys.exit(ExitCode.usage_or_system)
    except (typer.Abort, KeyboardInterrupt):
        err.print("已中断。")
        _leave_interrupted()
    except VerifierError as exc:
        err.print(f"[red]错误[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    if code == INTERRUPTED:
        _leave_interrupted()
    sys.exit(code if isinstance(code, int) else ExitCode.ok)


def _leave_interrupted() -> None:
    """Exit with 130 without running interpreter shutdown.

    Everything done is already on disk by now; what is left are finalizers of objects a Ctrl-C cut off half-built
    (a PDF page pypdfium2 was opening), which print a traceback when shutdown runs them.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(INTERRUPTED)


if __name__ == "__main__":
    main()
