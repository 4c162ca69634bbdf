"""The clerk's command line speaks Chinese: version, help, usage errors, the table, --xlsx, a school given to check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.core.pdfs import text_pdf
from verifier.cli import main

from .visible_text import raw_codes_in

CE = ["继续教育证书", "张晓梅 同志：", "参加全员培训，完成 48 学时，准予结业。", "六盘水市教育局", "二〇二三年十二月"]
AWARD = ["荣誉证书", "李华 同志：", "在2023年六盘水市中小学优质课竞赛中", "荣获初中数学组 一等奖。", "六盘水市教育局",
         "二〇二三年十一月二十日"]


def run_cli(*args: str, columns: int = 100) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns), "TERM": "dumb"}
    return subprocess.run(
        [sys.executable, "-m", "verifier.cli", *args], capture_output=True, text=True, timeout=300, check=False,
        env=env,
    )


def test_version_and_short_help() -> None:
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("verifier ")
    for args in (("-h",), ("check", "-h"), ("batch", "-h"), ("fixtures", "school", "-h")):
        shown = run_cli(*args)
        assert shown.returncode == 0, shown.stderr
        assert "用法" in shown.stdout and "显示帮助并退出" in shown.stdout
        assert "Usage" not in shown.stdout and "Show this message" not in shown.stdout


def test_target_help_lists_every_choice_even_in_a_narrow_terminal() -> None:
    shown = run_cli("check", "-h", columns=80)
    flat = "".join(shown.stdout.replace("│", "").split())
    for choice in ("third三级教师", "second二级教师", "first一级教师", "senior高级教师", "professor正高级教师",
                   "city省、市（州）及所在地", "county县、乡（镇）"):
        assert choice in flat, choice
    assert "…" not in shown.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("check", "/no/such/folder"), "不存在"),
        (("check", "--bogus", "."), "没有选项 --bogus"),
        (("chek",), "没有命令「chek」，是否想用「check」"),
        (("check",), "缺少参数"),
        (("check", ".", "--workers", "0"), "须不小于 1"),
        (("check", ".", "--workers", "many"), "须为整数"),
        (("check", ".", "--html"), "需要一个值"),
        (("check", ".", "--target", "教授"), "无法识别的申报职称"),
        (("batch", "."), "缺少选项 --roster"),
        (("check", ".", "--ruleset", "no-such-ruleset"), "no-such-ruleset"),
    ],
)
def test_usage_errors_are_chinese_exit_2_and_no_traceback(
    args: tuple[str, ...], expected: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["verifier", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    stderr = capsys.readouterr().err
    assert exited.value.code == 2, stderr
    assert expected in stderr
    for english in ("Traceback", "Error:", "Invalid value", "No such", "Missing", "Usage:"):
        assert english not in stderr, stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "申报材料"
    (root / "继续教育").mkdir(parents=True)
    (root / "继续教育" / "ce.pdf").write_bytes(text_pdf(CE))
    (root / "获奖证书").mkdir(parents=True)
    (root / "获奖证书" / "award.pdf").write_bytes(text_pdf(AWARD))
    return root


def test_table_names_flags_and_values_in_chinese(folder: Path) -> None:
    result = run_cli("check", str(folder), "--engine", "null", "--applicant", "张晓梅", columns=200)
    assert result.returncode == 1, result.stderr
    assert "持有人不符" in result.stdout and "不通过" in result.stdout and "市（州）级 一等奖" in result.stdout
    assert not raw_codes_in(result.stdout)


def test_check_writes_the_summary_workbook_for_one_applicant(folder: Path, tmp_path: Path) -> None:
    xlsx = tmp_path / "汇总表.xlsx"
    result = run_cli("check", str(folder), "--engine", "null", "--xlsx", str(xlsx), "--applicant", "张晓梅",
                     "--ruleset", "liupanshui-2024", "--target", "高级教师", "--tier", "县乡", "--since", "2018年9月")
    assert result.returncode == 1, result.stderr
    workbook = load_workbook(xlsx)
    people = list(workbook["申报人"].iter_rows(min_row=2, values_only=True))
    assert len(people) == 1 and people[0][1] == "张晓梅" and people[0][2] == "高级教师"
    documents = list(workbook["材料"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[2] for r in documents) == ["继续教育/ce.pdf", "获奖证书/award.pdf"]
    assert workbook["条款"].max_row > 1


def test_a_school_given_to_check_is_caught(folder: Path, tmp_path: Path) -> None:
    school = tmp_path / "学校"
    school.mkdir()
    folder.rename(school / "王五")
    result = run_cli("check", str(school), "--engine", "null")
    assert result.returncode == 2
    assert "多位申报人" in result.stderr and "王五" in result.stderr and "verifier batch" in result.stderr
    alone = run_cli("check", str(school / "王五"), "--engine", "null")
    assert alone.returncode in (0, 1), alone.stderr
