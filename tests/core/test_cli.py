"""The clerk's CLI: exit codes, the JSON report against the exported schema, the HTML report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from models.schema import SCHEMA_PATH, render
from tests.core.pdfs import text_pdf

CE = ["继续教育证书", "张晓梅 同志：", "参加全员培训，完成 48 学时，准予结业。", "六盘水市教育局", "二〇二三年十二月"]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "verifier.cli", *args], capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "submission"
    (root / "继续教育").mkdir(parents=True)
    (root / "继续教育" / "ce.pdf").write_bytes(text_pdf(CE))
    return root


def test_exported_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render(), "run: python -m models.schema"


def test_all_accepted_exits_0_and_json_matches_schema(folder: Path) -> None:
    result = run_cli("check", str(folder), "--json", "--engine", "null")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    (doc,) = report["documents"]
    assert doc["file"] == "继续教育/ce.pdf" and doc["column"] == "继续教育"
    assert doc["doc_type"] == "continuing_education" and doc["fields"]["hours"] == 48
    assert report["summary"] == {
        "documents": 1, "accepted": 1, "review": 0, "rejected": 0, "eligible": None, "coverage": None
    }


def test_rejected_document_exits_1_and_table_names_the_flag(folder: Path) -> None:
    (folder / "继续教育" / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 10)
    result = run_cli("check", str(folder), "--engine", "null")
    assert result.returncode == 1
    assert "文件损坏" in result.stdout and "不通过" in result.stdout


def test_html_report_is_self_contained(folder: Path, tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    result = run_cli("check", str(folder), "--engine", "null", "--html", str(html))
    assert result.returncode == 0, result.stderr
    page = html.read_text(encoding="utf-8")
    assert "继续教育/ce.pdf" in page and "data:image/jpeg;base64," in page
    assert "http://" not in page and "https://" not in page


@pytest.mark.parametrize(
    "args",
    [
        ("check", "/no/such/folder"),
        ("check", "--engine", "nope", "."),
        ("check", ".", "--ruleset", "no-such-ruleset"),
        ("check", ".", "--since", "yesterday"),
    ],
)
def test_usage_errors_exit_2_without_a_traceback(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_rules_list_and_show() -> None:
    listed = run_cli("rules", "list")
    assert listed.returncode == 0, listed.stderr
    for ruleset_id in ("liupanshui-2024", "beijing", "bingtuan-2024", "guangzhou-ce", "chongqing-registration"):
        assert ruleset_id in listed.stdout
    shown = run_cli("rules", "show", "liupanshui-2024")
    assert shown.returncode == 0, shown.stderr
    # Clauses cite their article by the policy's title, not by the seed file's name.
    assert "《六盘水市中小学（幼儿园）教师系列专业技术职务任职资格申报评审实施细则（试行）》第十二条" in shown.stdout
    assert ".txt" not in shown.stdout and ".txt" not in listed.stdout
    assert run_cli("rules", "show", "no-such-ruleset").returncode == 2
