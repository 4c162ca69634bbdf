"""Names as archives leave them (GBK bytes, undecodable bytes, escape sequences, dot-files, `..\\`), links out of
the folder and special files: every file is in the report, nothing is read from outside, no name reaches a
terminal or page raw."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.pdfs import text_pdf
from verifier.collect import collect_uploads

CE = ["继续教育证书", "张晓梅 同志：", "参加全员培训，完成 48 学时，准予结业。", "六盘水市教育局", "二〇二三年十二月"]
ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "verifier.cli", *args], capture_output=True, timeout=300, check=False, cwd=ROOT
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "submission"
    column = root / "继续教育"
    column.mkdir(parents=True)
    pdf = text_pdf(CE)
    raw = os.fsencode(column)
    # Names as unzip leaves a Windows archive: GBK bytes, and bytes that are no encoding at all.
    Path(os.fsdecode(raw + b"/" + "证书".encode("gbk") + b".pdf")).write_bytes(pdf)
    Path(os.fsdecode(raw + b"/bad\xff\xfe.pdf")).write_bytes(pdf)
    (column / "\x1b[31mred\x1b[0m\u202e.pdf").write_bytes(pdf)
    (column / ".hidden.pdf").write_bytes(pdf)
    (column / "..\\up.pdf").write_bytes(pdf)
    (column / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    secret = tmp_path / "outside.txt"
    secret.write_text("root:x:0:0:secret line\n")
    (column / "link.pdf").symlink_to(secret)
    (column / "linked-folder").symlink_to(tmp_path)
    os.mkfifo(column / "pipe.pdf")
    return root


def test_every_file_is_listed_and_links_out_are_refused(folder: Path) -> None:
    uploads = {u.file: u for u in collect_uploads([folder])}
    assert set(uploads) == {
        "继续教育/证书.pdf", "继续教育/bad\ufffd\ufffd.pdf", "继续教育/red.pdf", "继续教育/.hidden.pdf",
        "继续教育/..\\up.pdf", "继续教育/link.pdf", "继续教育/linked-folder", "继续教育/pipe.pdf",
    }
    assert uploads["继续教育/link.pdf"].refusal is not None
    assert uploads["继续教育/linked-folder"].refusal is not None
    assert uploads["继续教育/pipe.pdf"].refusal is not None
    assert uploads["继续教育/证书.pdf"].refusal is None


def test_json_and_html_survive_any_name(folder: Path, tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    result = _cli("check", str(folder), "--json", "--html", str(html), "--engine", "null")
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    report = json.loads(result.stdout)
    docs = {d["file"]: d for d in report["documents"]}
    assert len(docs) == 8
    for name in ("证书.pdf", "bad\ufffd\ufffd.pdf", "red.pdf", ".hidden.pdf", "..\\up.pdf"):
        assert docs[f"继续教育/{name}"]["pages"] == 1 and docs[f"继续教育/{name}"]["doc_type"] != "unknown"
    link = docs["继续教育/link.pdf"]
    assert [f["code"] for f in link["flags"]] == ["UNSUPPORTED_FORMAT"] and "secret" not in (link["text"] or "")
    assert [f["code"] for f in docs["继续教育/pipe.pdf"]["flags"]] == ["UNSUPPORTED_FORMAT"]
    page = html.read_text(encoding="utf-8")
    assert "证书.pdf" in page and "\x1b" not in page and "secret line" not in page


def test_the_table_prints_no_escape_sequence(folder: Path) -> None:
    result = _cli("check", str(folder), "--engine", "null")
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert b"\x1b" not in result.stdout and "证书.pdf".encode() in result.stdout
