"""Fast calibration loop for the capture-quality checks and duplicate detection on a labelled benchmark.

Runs each document through the pipeline's own per-document path with what OCR saw on each page taken from
the benchmark's OCR cache (written by `verifier eval --ocr-cache`): seconds per pass instead of minutes.
Pages missing from the cache are read and added to it.

    python bench/quality_iter.py /work/bench/b200 --cache /work/bench/ocr-cache --json /tmp/q.json
    python bench/quality_iter.py /work/bench/b600 --cache /work/bench/ocr-cache600 --docs 1-300 --no-submissions

`--docs A-B` keeps the standalone documents A to B (1-based, in labels order), so thresholds can be calibrated on
one part of a benchmark and checked on the rest.

Scores follow verifier/evaluation/metrics.py: expected flags must be raised, tolerated flags may be.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from fixtures.labels import BenchmarkLabels, DocumentLabel
from models.flags import FlagCode
from verifier.document import analyze_document
from verifier.duplicates import DocFingerprint, find_duplicates
from verifier.evaluation.metrics import QUALITY_FLAGS, PrecisionRecall, duplicate_pairs, score_pairs
from verifier.ocr import get_engine
from verifier.settings import Settings

# NOT_UPRIGHT comes from orientation, not from this stage.
CHECKED = sorted(code.value for code in QUALITY_FLAGS if code != FlagCode.NOT_UPRIGHT)


@dataclass
class Row:
    file: str
    defects: list[str]
    expected: list[str]
    tolerated: list[str]
    predicted: list[str]
    scores: dict = field(default_factory=dict)
    seconds: float = 0.0
    pages: int = 0


def analyse(path: Path, file: str, label: DocumentLabel, settings: Settings) -> tuple[Row, DocFingerprint | None]:
    """The real per-document path (verifier/document.py), its OCR read from the cache where it holds the page."""
    analysis = analyze_document(path.read_bytes(), file, label.column, get_engine(settings.ocr), settings)
    report = analysis.report
    row = Row(
        file=file,
        defects=[d.name + ("!" if d.heavy else "") for d in label.defects],
        expected=[f.value for f in label.expected_flags],
        tolerated=[f.value for f in label.tolerated_flags],
        predicted=sorted({f.code.value for f in report.flags}),
        scores={**report.quality, "doc_type": report.doc_type.value if report.doc_type else None},
        seconds=analysis.timings.get("quality", 0.0) + analysis.timings.get("prepare", 0.0),
        pages=sum(1 for key, page in report.quality.items() if key.startswith("page_") and "text_layer" not in page),
    )
    return row, analysis.fingerprint  # type: ignore[return-value]


def _span(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    return int(first), int(last or first)


def score(rows: list[Row]) -> tuple[dict[str, PrecisionRecall], int, int]:
    flags = {code: PrecisionRecall() for code in CHECKED}
    clean = clean_flagged = 0
    for row in rows:
        expected, tolerated, predicted = set(row.expected), set(row.tolerated), set(row.predicted)
        for code in CHECKED:
            if code in expected and code in predicted:
                flags[code].tp += 1
            elif code in expected:
                flags[code].fn += 1
            elif code in predicted and code not in tolerated:
                flags[code].fp += 1
        if not any(d.rstrip("!") not in ("clean_scan",) for d in row.defects) and not expected & set(CHECKED):
            clean += 1
            clean_flagged += bool((predicted - tolerated) & set(CHECKED))
    return flags, clean, clean_flagged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench", type=Path)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--json", type=Path, help="write every row (flags and scores) here")
    parser.add_argument("--misses", action="store_true", help="list every false or missed quality flag")
    parser.add_argument("--docs", type=_span, help="only standalone documents A-B (1-based, labels order)")
    parser.add_argument("--no-submissions", action="store_true", help="skip the submissions (and duplicate pairs)")
    args = parser.parse_args()

    labels = BenchmarkLabels.model_validate_json((args.bench / "labels.json").read_text(encoding="utf-8"))
    settings = Settings()
    settings.ocr.cache_dir = str(args.cache)
    rows: list[Row] = []
    first, last = args.docs or (1, len(labels.documents))
    for label in labels.documents[first - 1 : last]:
        rows.append(analyse(args.bench / label.file, label.file, label, settings)[0])
    truth, predicted = set(), set()
    for sub in [] if args.no_submissions else labels.submissions:
        fps: list[DocFingerprint] = []
        for label in sub.documents:
            file = label.file
            row, fingerprint = analyse(args.bench / "submissions" / sub.id / file, f"{sub.id}/{file}", label, settings)
            rows.append(row)
            if fingerprint is not None:
                fps.append(fingerprint)
        for pair in duplicate_pairs((lab.file, lab.duplicate_of) for lab in sub.documents):
            truth.add(frozenset(f"{sub.id}/{f}" for f in pair))
        for match in find_duplicates(fps):
            predicted.add(frozenset((match.a, match.b)))

    flags, clean, clean_flagged = score(rows)
    print(f"documents {len(rows)}")
    print(f"{'flag':18s} {'tp':>4s} {'fp':>4s} {'fn':>4s} {'P':>6s} {'R':>6s}")
    for code, pr in flags.items():
        p = f"{pr.precision:.1%}" if pr.precision is not None else "-"
        r = f"{pr.recall:.1%}" if pr.recall is not None else "-"
        print(f"{code:18s} {pr.tp:4d} {pr.fp:4d} {pr.fn:4d} {p:>6s} {r:>6s}")
    print(f"clean documents with a quality flag: {clean_flagged}/{clean} ({clean_flagged / max(clean, 1):.1%})")
    # Across-applicant truth pairs name a file of another submission; only within-submission pairs count here.
    truth = {p for p in truth if all(f.count("/") == 2 for f in p)}
    dup = score_pairs(truth, predicted)
    print(f"duplicate pairs: tp {dup.tp} fp {dup.fp} fn {dup.fn} P {dup.precision} R {dup.recall}")
    for pair in sorted(map(sorted, predicted - truth)):
        print("  false pair", pair)
    for pair in sorted(map(sorted, truth - predicted)):
        print("  missed pair", pair)
    per_page = [r.seconds / r.pages for r in rows if r.pages]
    median, p95 = np.median(per_page), np.percentile(per_page, 95)
    print(f"prepare + quality seconds per page: median {median:.3f}, p95 {p95:.3f}")
    if args.misses:
        for row in rows:
            expected, predicted_set = set(row.expected) & set(CHECKED), set(row.predicted) & set(CHECKED)
            false = predicted_set - expected - set(row.tolerated)
            missed = expected - predicted_set
            if false or missed:
                print(f"{row.file}: defects={row.defects} false={sorted(false)} missed={sorted(missed)}")
    if args.json:
        by_defect: dict[str, list[dict]] = defaultdict(list)
        for row in rows:
            by_defect["+".join(row.defects) or "none"].append(row.__dict__)
        args.json.write_text(json.dumps(by_defect, ensure_ascii=False, indent=1, default=float), encoding="utf-8")


if __name__ == "__main__":
    main()
