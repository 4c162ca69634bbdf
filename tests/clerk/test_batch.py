"""`verifier batch` on the sample school: the right applicants, the 汇总表, and a run resumed after Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

import verifier.pipeline as pipeline
from fixtures.school import SchoolLabels, build_school
from models.flags import FlagCode
from verifier.clerk.batch import CACHE_DIR, BatchResult, run_batch
from verifier.clerk.roster import read_roster
from verifier.clerk.workbook import APPLICANT_HEADERS, CLAUSE_HEADERS, DOCUMENT_HEADERS
from verifier.settings import Settings

from .visible_text import html_text, raw_codes_in


def null_settings() -> Settings:
    settings = Settings()
    settings.ocr.engine = "null"
    return settings


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SchoolLabels]:
    root = build_school(tmp_path_factory.mktemp("school"), applicants=5, photos=False)
    return root, SchoolLabels.model_validate_json((root / "labels.json").read_text(encoding="utf-8"))


class _CountAnalyses:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.files: list[str] = []
        real = pipeline.analyze_document

        def counting(data: bytes, file: str, *args: object, **kwargs: object) -> object:
            self.files.append(file)
            return real(data, file, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(pipeline, "analyze_document", counting)


class _StopAfter:
    """Progress that presses Ctrl-C after n files were verified."""

    def __init__(self, n: int) -> None:
        self.n = n

    def start(self, applicants: int, files: int) -> None:
        pass

    def applicant(self, name: str, files: int) -> None:
        pass

    def file_done(self, file: str, reused: bool) -> None:
        if not reused:
            self.n -= 1
            if self.n == 0:
                raise KeyboardInterrupt


@pytest.fixture(scope="module")
def finished(school: tuple[Path, SchoolLabels], tmp_path_factory: pytest.TempPathFactory) -> BatchResult:
    root, _ = school
    out = tmp_path_factory.mktemp("out")
    return run_batch(root / "学校", read_roster(root / "申报人名单.xlsx"), out, null_settings())


def test_the_roster_gives_the_applicants_and_the_wrong_folder_is_caught(
    school: tuple[Path, SchoolLabels], finished: BatchResult
) -> None:
    _, labels = school
    assert [s.name for s in finished.summaries] == [a.name for a in labels.applicants]
    by_name = {s.name: s for s in finished.summaries}
    wrong = by_name[labels.wrong_folder]
    assert wrong.report is not None
    assert all(any(f.code == FlagCode.HOLDER_MISMATCH for f in d.flags) for d in wrong.report.documents)
    assert wrong.report.summary.eligible is False and "疑似放错文件夹" in wrong.note
    for applicant in labels.applicants:
        summary = by_name[applicant.name]
        assert summary.report is not None
        assert sorted(d.file for d in summary.report.documents) == sorted(applicant.files)
        if applicant.name != labels.wrong_folder:
            assert not summary.note
            assert not any(f.code == FlagCode.HOLDER_MISMATCH for d in summary.report.documents for f in d.flags)
    assert any(s.report and s.report.summary.eligible for s in finished.summaries)
    assert finished.unlisted == [] and finished.verified == sum(len(a.files) for a in labels.applicants)


def test_the_summary_workbook(school: tuple[Path, SchoolLabels], finished: BatchResult) -> None:
    _, labels = school
    workbook = load_workbook(finished.workbook)
    assert workbook.sheetnames == ["申报人", "材料", "条款"]
    people, documents, clauses = (workbook[name] for name in workbook.sheetnames)
    for sheet, headers in ((people, APPLICANT_HEADERS), (documents, DOCUMENT_HEADERS), (clauses, CLAUSE_HEADERS)):
        assert [c.value for c in sheet[1]] == list(headers)
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        for index, header in enumerate(headers, start=1):
            width = sheet.column_dimensions[sheet.cell(1, index).column_letter].width
            assert width >= len(header) * 2, header  # a CJK header fits
    rows = list(people.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == [a.name for a in labels.applicants]
    column = {h: i for i, h in enumerate(APPLICANT_HEADERS)}
    wrong = next(r for r in rows if r[1] == labels.wrong_folder)
    assert wrong[column["评审条件"]] == "不符合" and "疑似放错文件夹" in wrong[column["说明"]]
    assert wrong[column["不通过"]] == len(labels.applicants[2].files)
    assert wrong[column["缺少"]]  # names the groups still short
    assert {r[column["评审条件"]] for r in rows} <= {"符合", "不符合", "待复核"}
    doc_rows = list(documents.iter_rows(min_row=2, values_only=True))
    assert len(doc_rows) == sum(len(a.files) for a in labels.applicants)
    doc_column = {h: i for i, h in enumerate(DOCUMENT_HEADERS)}
    mismatched = [r for r in doc_rows if r[0] == labels.wrong_folder]
    assert all("持有人不符" in r[doc_column["问题"]] for r in mismatched)
    assert {r[doc_column["结论"]] for r in doc_rows} <= {"通过", "需复核", "不通过"}
    text = "\n".join(str(v) for sheet in (people, documents, clauses) for row in sheet.iter_rows(values_only=True)
                     for v in row if v is not None)
    assert not raw_codes_in(text)
    assert {r[3] for r in clauses.iter_rows(min_row=2, values_only=True)} <= {"满足", "未满足", "待复核"}


def test_html_report_per_applicant_shows_no_raw_codes(finished: BatchResult) -> None:
    for summary in finished.summaries:
        page = (finished.workbook.parent / summary.report_file).read_text(encoding="utf-8")
        text = html_text(page)
        assert summary.name in text and not raw_codes_in(text), summary.name
        assert "持有人" in text and "《" in text  # field labels in Chinese; the policy by its title


def test_resumed_after_an_interrupt_verifies_only_what_is_left(
    school: tuple[Path, SchoolLabels], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, labels = school
    entries = read_roster(root / "申报人名单.csv")
    total = sum(len(a.files) for a in labels.applicants)
    with pytest.raises(KeyboardInterrupt):
        run_batch(root / "学校", entries, tmp_path, null_settings(), progress=_StopAfter(8))
    counter = _CountAnalyses(monkeypatch)
    resumed = run_batch(root / "学校", entries, tmp_path, null_settings())
    assert (resumed.verified, resumed.reused) == (total - 8, 8)
    assert len(counter.files) == total - 8
    counter.files.clear()
    again = run_batch(root / "学校", entries, tmp_path, null_settings())
    assert (again.verified, again.reused, counter.files) == (0, total, [])
    first = {s.name: s.report.model_dump() for s in resumed.summaries if s.report}
    assert {s.name: s.report.model_dump() for s in again.summaries if s.report} == first


def test_ctrl_c_on_the_command_line_keeps_what_was_done(school: tuple[Path, SchoolLabels], tmp_path: Path) -> None:
    root, labels = school
    out = tmp_path / "结果"
    command = [sys.executable, "-m", "verifier.cli", "batch", str(root / "学校"), "--roster",
               str(root / "申报人名单.xlsx"), "--out", str(out), "--engine", "null"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list((out / CACHE_DIR).glob("*/*/report.json")):
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, (stdout, stderr)
    assert "已中断" in stderr and "Traceback" not in stderr
    kept = len(list((out / CACHE_DIR).glob("*/*/report.json")))
    total = sum(len(a.files) for a in labels.applicants)
    assert 1 <= kept < total, (kept, stderr)
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300, env={**os.environ}, check=False)
    assert rerun.returncode == 1, rerun.stderr  # the wrong folder's documents are rejected
    assert f"本次核验 {total - kept} 份，沿用上次结果 {kept} 份" in rerun.stdout
    assert (out / "汇总表.xlsx").is_file()
