"""Per-document results of a benchmark run, dumped and compared: the check that a refactor changed no outcome.

    # dump what the pipeline reports for the first 60 documents (OCR cached, so a second run reads the same lines)
    python bench/eval_dump.py run /work/bench/h200 before.jsonl --limit 60 --ocr-cache /work/bench/cache-arch
    # list every document whose type, verdict, fields, flags, text or measures differ between two dumps
    python bench/eval_dump.py compare before.jsonl after.jsonl
    # two `verifier eval --json` results: every miss document by document, every score but the seconds
    # (on the real set the misses quote what was read, people's names included: keep that output private)
    python bench/eval_dump.py compare-eval before.json after.json

The documents are run as `verifier eval` runs them (labelled order, no cross-checks); the timing is left out.
Run it with PYTHONPATH pointing at the tree to measure, so one script compares two checkouts.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

# Fields that differ from run to run without any change in what was read.
_VOLATILE = ("sha256",)


def run(benchmark: Path, out: Path, limit: int | None, ocr_cache: Path | None) -> int:
    from fixtures.labels import BenchmarkLabels
    from verifier.pipeline import Upload, verify_submission
    from verifier.settings import get_settings

    settings = get_settings().model_copy(deep=True)
    if ocr_cache:
        settings.ocr.cache_dir = str(ocr_cache)
    labels = BenchmarkLabels.model_validate_json((benchmark / "labels.json").read_text(encoding="utf-8"))
    docs = labels.documents[:limit] if limit else labels.documents
    with out.open("w", encoding="utf-8") as sink:
        for lab in docs:  # one at a time, so a dump is written as it goes and an interrupted run keeps its part
            upload = Upload(file=lab.file, column=lab.column, path=benchmark / lab.file)
            report = verify_submission([upload], settings=settings, workers=1, cross_checks=False).report.documents[0]
            row = report.model_dump(mode="json", exclude=set(_VOLATILE))
            sink.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            sink.flush()
    print(f"{len(docs)} documents → {out}")
    return 0


def _load(path: Path) -> dict[str, dict[str, Any]]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {row["file"]: row for row in rows}


def differences(before: dict[str, Any], after: dict[str, Any], prefix: str = "") -> list[str]:
    """Dotted paths at which two reports differ, with both values."""
    found = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            found += differences(a, b, f"{prefix}{key}.")
        elif a != b:
            found.append(f"{prefix}{key}: {json.dumps(a, ensure_ascii=False)[:160]} → "
                         f"{json.dumps(b, ensure_ascii=False)[:160]}")
    return found


def compare(before_path: Path, after_path: Path) -> int:
    before, after = _load(before_path), _load(after_path)
    changed = 0
    for file in sorted(set(before) | set(after)):
        if file not in before or file not in after:
            print(f"{file}: only in {'after' if file not in before else 'before'}")
            changed += 1
            continue
        diffs = differences(before[file], after[file])
        if diffs:
            changed += 1
            print(f"{file}:")
            for line in diffs:
                print(f"  {line}")
    common = len(set(before) & set(after))
    print(f"{common} documents in both, {changed} differ")
    return 1 if changed else 0


def _without_seconds(scores: Any) -> Any:
    """An eval result without what varies with the machine (seconds, pages per second) or is listed apart (misses)."""
    if isinstance(scores, dict):
        return {k: _without_seconds(v) for k, v in scores.items() if "second" not in k and k != "misses"}
    if isinstance(scores, list):
        return [_without_seconds(v) for v in scores]
    return scores


def compare_eval(before_path: Path, after_path: Path) -> int:
    """Two `verifier eval --json` results: the misses only one has, and every score that differs."""
    before = json.loads(before_path.read_text(encoding="utf-8"))
    after = json.loads(after_path.read_text(encoding="utf-8"))

    def misses(result: dict[str, Any]) -> set[str]:
        return {json.dumps(m, sort_keys=True, ensure_ascii=False) for m in result["documents"]["misses"]}

    lost, gained = misses(before) - misses(after), misses(after) - misses(before)
    for label, found in (("only before", lost), ("only after", gained)):
        for miss in sorted(found):
            print(f"{label}: {miss}")
    diffs = differences(_without_seconds(before), _without_seconds(after))
    for line in diffs:
        print(f"score {line}")
    print(f"{len(misses(before))} misses before, {len(misses(after))} after; {len(lost) + len(gained)} differ, "
          f"{len(diffs)} scores differ")
    return 1 if lost or gained or diffs else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="dump per-document results to JSONL")
    r.add_argument("benchmark", type=Path)
    r.add_argument("out", type=Path)
    r.add_argument("--limit", type=int)
    r.add_argument("--ocr-cache", type=Path)
    c = sub.add_parser("compare", help="list the documents whose results differ")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    e = sub.add_parser("compare-eval", help="compare two `verifier eval --json` results miss by miss")
    e.add_argument("before", type=Path)
    e.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "run":
        return run(args.benchmark, args.out, args.limit, args.ocr_cache)
    if args.command == "compare-eval":
        return compare_eval(args.before, args.after)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
