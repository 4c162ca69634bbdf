"""A whole school at once: every applicant on the roster, their folder verified, one report each and the 汇总表.

Resumable: each document's analysis is kept by its content hash (verifier/clerk/cache.py) as soon as it is
made, so a run stopped by Ctrl-C, or run again after a few files changed, verifies only what it has not seen.
The cross-document checks (holder, columns, duplicates, criteria) are cheap and always run again, over the
whole school, so a certificate in two applicants' folders is caught whichever run saw it first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from models.flags import FlagCode
from models.report import Report
from models.vocab import Severity
from verifier.clerk.cache import AnalysisCache, file_sha256
from verifier.clerk.roster import RosterEntry
from verifier.clerk.school import applicant_folders, loose_files
from verifier.clerk.workbook import ApplicantSummary, write_workbook
from verifier.criteria import RuleSet, list_rulesets, load_ruleset
from verifier.document import DocumentAnalysis
from verifier.duplicates import SubmissionRegister
from verifier.errors import UsageError
from verifier.pipeline import Upload, WorkerPool, analyze_all, collect_uploads, finish_submission
from verifier.settings import Settings

WORKBOOK_NAME = "汇总表.xlsx"
REPORTS_DIR = "报告"
CACHE_DIR = ".cache"


class BatchProgress(Protocol):
    def start(self, applicants: int, files: int) -> None: ...
    def applicant(self, name: str, files: int) -> None: ...
    def file_done(self, file: str, reused: bool) -> None: ...


class _Silent:
    def start(self, applicants: int, files: int) -> None:
        pass

    def applicant(self, name: str, files: int) -> None:
        pass

    def file_done(self, file: str, reused: bool) -> None:
        pass


@dataclass
class BatchResult:
    summaries: list[ApplicantSummary]
    workbook: Path
    unlisted: list[str] = field(default_factory=list)  # folders of people not on the roster
    loose: list[str] = field(default_factory=list)  # files at the school's top level
    verified: int = 0  # documents verified by this run
    reused: int = 0  # documents whose earlier analysis was kept


def resolve_ruleset(text: str | None) -> RuleSet | None:
    """A rule set named by id (liupanshui-2024) or by its Chinese name or policy title, as rosters write it."""
    if not text:
        return None
    key = "".join(text.split())
    for info in list_rulesets():
        if key in (info.id, info.name, info.policy.strip("《》")) or key.strip("《》") == info.name:
            return load_ruleset(info.id)
    return load_ruleset(key)  # raises with the known ids


def safe_name(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(". ") or "申报人"


def suspected_owner(report: Report, roster_names: set[str]) -> str:
    """A folder most of whose documents name one other person was likely filed under the wrong applicant."""
    mismatched = [
        flag.value
        for doc in report.documents
        for flag in doc.flags
        if flag.code == FlagCode.HOLDER_MISMATCH and flag.severity == Severity.error and isinstance(flag.value, str)
    ]
    with_holder = sum(1 for d in report.documents if d.fields.holder)
    if len(mismatched) < 2 or len(mismatched) * 2 < with_holder:
        return ""
    owner, count = Counter(mismatched).most_common(1)[0]
    if count * 2 < len(mismatched):
        return ""
    text = f"{count} 份材料的持有人为「{owner}」，与申报人不符，疑似放错文件夹"
    if owner in roster_names:
        text += f"（「{owner}」也在名单中）"
    return text


def _analyses(
    uploads: list[Upload],
    cache: AnalysisCache,
    settings: Settings,
    pool: WorkerPool | None,
    on_file: Callable[[str, bool], None],
) -> tuple[list[DocumentAnalysis], int, int]:
    """Every upload's analysis in upload order: kept ones loaded, the rest made now and kept at once."""
    hashes = [file_sha256(u.path) if u.path else "" for u in uploads]
    found: dict[int, DocumentAnalysis] = {}
    for index, (upload, sha) in enumerate(zip(uploads, hashes, strict=True)):
        kept = cache.load(sha, upload.file, upload.column) if sha and cache.has(sha) else None
        if kept is not None:
            found[index] = kept
            on_file(upload.file, True)
    todo = [i for i in range(len(uploads)) if i not in found]
    for index, analysis in zip(todo, analyze_all([uploads[i] for i in todo], settings, pool=pool), strict=True):
        if hashes[index] and analysis.report.sha256:  # an unreadable file is tried again next time
            cache.store(hashes[index], analysis)
        found[index] = analysis
        on_file(uploads[index].file, False)
    return [found[i] for i in range(len(uploads))], len(todo), len(uploads) - len(todo)


def run_batch(
    school: Path,
    entries: list[RosterEntry],
    out_dir: Path,
    settings: Settings,
    default_ruleset: str | None = None,
    workers: int = 1,
    progress: BatchProgress | None = None,
) -> BatchResult:
    progress = progress or _Silent()
    if not school.is_dir():
        raise UsageError(f"找不到学校文件夹：{school}")
    rulesets = {e.name: resolve_ruleset(e.ruleset or default_ruleset) for e in entries}  # fail before any OCR
    folders = applicant_folders(school)
    listed = {e.folder_name for e in entries}
    uploads_of = {e.name: collect_uploads([folders[e.folder_name]]) for e in entries if e.folder_name in folders}
    progress.start(len(entries), sum(len(u) for u in uploads_of.values()))

    cache = AnalysisCache(out_dir / CACHE_DIR, settings)
    reports_dir = out_dir / REPORTS_DIR
    reports_dir.mkdir(parents=True, exist_ok=True)
    register = SubmissionRegister(settings.duplicates)
    result = BatchResult(summaries=[], workbook=out_dir / WORKBOOK_NAME)
    pool = WorkerPool(settings, workers) if workers > 1 else None
    try:
        for entry in entries:
            ruleset = rulesets[entry.name]
            summary = ApplicantSummary(name=entry.name, applicant=entry.profile, ruleset=ruleset)
            result.summaries.append(summary)
            uploads = uploads_of.get(entry.name)
            progress.applicant(entry.name, len(uploads or []))
            if uploads is None:
                summary.note = f"未找到材料文件夹「{entry.folder_name}」"
                continue
            if not uploads:
                summary.note = "材料文件夹为空"
                continue
            analyses, verified, reused = _analyses(uploads, cache, settings, pool, progress.file_done)
            result.verified += verified
            result.reused += reused
            finished = finish_submission(
                analyses, entry.profile, ruleset.id if ruleset else None, settings,
                register=register, submission_id=entry.name,
            )
            summary.report = finished.report
            summary.groups = finished.criteria.groups if finished.criteria else []
            summary.note = suspected_owner(finished.report, {e.name for e in entries} - {entry.name})
            summary.report_file = _write_reports(reports_dir, entry.name, finished.report, analyses, settings.timezone)
    finally:
        if pool is not None:
            pool.close()
    result.unlisted = sorted(name for name in folders if name not in listed)
    result.loose = loose_files(school)
    write_workbook(result.workbook, result.summaries)
    return result


def _write_reports(
    directory: Path, name: str, report: Report, analyses: list[DocumentAnalysis], timezone: str
) -> str:
    from verifier.html_report import write_html

    stem = safe_name(name)
    (directory / f"{stem}.json").write_text(report.model_dump_json(indent=2), encoding="utf-8")
    html = directory / f"{stem}.html"
    write_html(html, report, analyses, timezone)
    return f"{REPORTS_DIR}/{html.name}"
