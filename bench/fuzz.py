"""Coverage-guided fuzzing (atheris, libFuzzer) of ingest and of the text parsers, for a set time per target.

    python bench/fuzz.py ingest --seconds 600        # bytes → ingest_bytes: flags, never an exception
    python bench/fuzz.py dates --seconds 600         # text → find_dates / parse_date / date_numerals
    python bench/fuzz.py numerals --seconds 600      # text → chinese_number / numeral_digit
    python bench/fuzz.py captions --seconds 600      # lines → classify + extract (姓名：, 证书编号：, 发证日期 …)

Each target keeps its corpus in bench/fuzz_corpus/<target>/ (seeded from fixtures/hostile.py and certificate
wordings, grown by libFuzzer; kept between runs) and prints one JSON line: executions, crashes, seconds. A crash
leaves its input in bench/fuzz_corpus/<target>-crashes/. Needs `pip install atheris` (the bench extra).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "bench" / "fuzz_corpus"
TARGETS = ("ingest", "dates", "numerals", "captions")
WORDINGS = [
    "二〇二三年十一月二十日", "2023年11月20日", "2023.11.20", "2023-11", "贰零贰叁年拾壹月", "二○一九年元月",
    "姓名：张晓梅", "证书编号：LPS2023-0815", "发证日期：2023年9月", "荣获一等奖", "第三十二届", "四十八学时",
    "六盘水市教育局", "荣誉证书", "继续教育证书 完成 48 学时", "教师资格证书 高级中学教师资格 任教学科：数学",
]


def _seed(target: str, folder: Path) -> None:
    if any(folder.iterdir()):
        return
    if target == "ingest":
        from fixtures.hostile import hostile_cases
        from tests.core.pdfs import text_pdf

        good = text_pdf(["荣誉证书", "张晓梅 同志：", "荣获一等奖", "二〇二三年十一月二十日"])
        for n, case in enumerate(hostile_cases(good, text_pdf(["证书"], encrypt="x"))):
            # Files built to be slow or huge are the time budget's and the pixel budget's business (and the
            # corpus test's); as seeds they only make every mutation slow.
            slow = any(word in str(case.name) for word in ("slow", "many-scans", "bomb", "image-lying"))
            if case.data is not None and len(case.data) < 200_000 and not slow:
                (folder / f"seed-{n:03d}").write_bytes(case.data)
        return
    for n, text in enumerate(WORDINGS):
        (folder / f"seed-{n:03d}").write_bytes(text.encode())


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _ingest(data: bytes) -> None:
    from verifier.ingest import ingest_bytes
    from verifier.settings import IngestSettings

    # Smaller limits than production's keep each execution fast; the code paths are the same.
    ingest_bytes(data, IngestSettings(max_pixels=4_000_000, max_total_pixels=8_000_000, max_pages=4))


def _dates(data: bytes) -> None:
    from verifier.normalize import date_numerals, find_dates, parse_date

    text = _text(data)
    for _, iso in find_dates(text):
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", iso), iso
    parse_date(text)
    date_numerals(text)


def _numerals(data: bytes) -> None:
    from verifier.normalize import chinese_number, numeral_digit

    text = _text(data)
    value = chinese_number(text)
    assert value is None or value >= 0, value
    for char in text[:50]:
        numeral_digit(char)


def _captions(data: bytes) -> None:
    from models.page import TextLine
    from verifier.classify import classify
    from verifier.extract import extract
    from verifier.text import build_document_text

    lines = [
        TextLine(text=row, box=[(50, 60 * i + 10), (900, 60 * i + 10), (900, 60 * i + 50), (50, 60 * i + 50)],
                 confidence=0.99)
        for i, row in enumerate(_text(data).splitlines()[:40])
        if row.strip()
    ]
    text = build_document_text([(1, lines, 1000, max(100, 60 * len(lines) + 60))])
    extract(classify(text).doc_type, text)


def _child(target: str, seconds: int) -> None:
    import atheris

    with atheris.instrument_imports():
        import verifier.classify
        import verifier.extract
        import verifier.ingest
        import verifier.normalize
        import verifier.text  # noqa: F401
    run = {"ingest": _ingest, "dates": _dates, "numerals": _numerals, "captions": _captions}[target]
    folder = CORPUS / target
    crashes = CORPUS / f"{target}-crashes"
    crashes.mkdir(parents=True, exist_ok=True)
    args = [sys.argv[0], str(folder), f"-max_total_time={seconds}", f"-artifact_prefix={crashes}/",
            "-print_final_stats=1", "-rss_limit_mb=3072", "-timeout=60", "-max_len=65536"]
    atheris.Setup(args, run)
    atheris.Fuzz()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", choices=TARGETS)
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.target, args.seconds)
        return
    folder = CORPUS / args.target
    folder.mkdir(parents=True, exist_ok=True)
    _seed(args.target, folder)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, __file__, args.target, "--seconds", str(args.seconds), "--child"],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False,
    )
    log = done.stdout + done.stderr
    executions = re.findall(r"stat::number_of_executed_units:\s*(\d+)", log)
    seconds = re.findall(r"Done (\d+) runs in (\d+) second", log)
    found = sorted(p.name for p in (CORPUS / f"{args.target}-crashes").iterdir())
    crashes = [name for name in found if not name.startswith(("timeout-", "slow-unit-"))]
    print(json.dumps({
        "target": args.target,
        "executions": int(executions[-1]) if executions else (int(seconds[-1][0]) if seconds else None),
        "seconds": args.seconds,
        "crashes": len(crashes),
        "crash_files": crashes,
        "hangs": len(found) - len(crashes),  # inputs past libFuzzer's 60 s (the worker's budget stops those)
        "corpus_files": len(list(folder.iterdir())),
        "exit": done.returncode,
    }, ensure_ascii=False))
    if done.returncode:
        sys.stderr.write(log[-4000:])


if __name__ == "__main__":
    main()
