"""Fast calibration loop for the capture-quality checks and duplicate detection on a labelled benchmark.

Reads what OCR saw on each page from the benchmark's OCR cache (written by `verifier eval --ocr-cache`),
then runs only quality, classification, extraction and duplicates: seconds per pass instead of minutes.
Pages missing from the cache are skipped (and counted), never read again.

    python bench/quality_iter.py /work/bench/b200 --cache /work/bench/ocr-cache --json /tmp/q.json
    python bench/quality_iter.py /work/bench/b600 --cache /work/bench/ocr-cache600 --docs 1-300 --no-submissions

`--docs A-B` keeps the standalone documents A to B (1-based, in labels order), so thresholds can be calibrated on
one part of a benchmark and checked on the rest.

Scores follow verifier/evaluation/metrics.py: expected flags must be raised, tolerated flags may be.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from fixtures.labels import BenchmarkLabels, DocumentLabel
from models.flags import FlagCode
from models.page import PageSource
from verifier.classify import classify
from verifier.duplicates import DocFingerprint, find_duplicates, fingerprint_document
from verifier.evaluation.metrics import QUALITY_FLAGS, PrecisionRecall, duplicate_pairs, score_pairs
from verifier.extract import extract
from verifier.ingest import ingest_bytes
from verifier.ocr.cache import ReadCache, page_key
from verifier.orient import rotate_image
from verifier.quality import assess_document, assess_page
from verifier.settings import OcrSettings
from verifier.text import build_document_text

# NOT_UPRIGHT comes from orientation, not from this stage.
CHECKED = sorted(code.value for code in QUALITY_FLAGS if code != FlagCode.NOT_UPRIGHT)
PREVIEW_SIDE = 1600  # as verifier/document.py: duplicates hash the downscaled upright page


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


def analyse(path: Path, file: str, label: DocumentLabel, cache: ReadCache) -> tuple[Row, DocFingerprint] | None:
    ingested = ingest_bytes(path.read_bytes())
    row = Row(
        file=file,
        defects=[d.name + ("!" if d.heavy else "") for d in label.defects],
        expected=[f.value for f in label.expected_flags],
        tolerated=[f.value for f in label.tolerated_flags],
        predicted=[],
    )
    if not ingested.readable:
        return row, None  # type: ignore[return-value]
    qualities, uprights, texts, previews = [], [], [], []
    for page in ingested.pages:
        if page.source == PageSource.pdf_text:
            upright, lines = page.image, page.lines
        else:
            hit = cache.get(page_key(page.image, OcrSettings()))
            if hit is None:
                return None
            rotation, _, lines = hit
            upright = rotate_image(page.image, rotation)
            start = time.perf_counter()
            quality = assess_page(upright, lines, page.number)
            row.seconds += time.perf_counter() - start
            row.pages += 1
            qualities.append(quality)
            uprights.append(upright)
            row.predicted += [f.code.value for f in quality.flags]
            row.scores[f"p{page.number}"] = quality.scores
        texts.append((page.number, lines, upright.shape[1], upright.shape[0]))
        previews.append(_preview(upright))
    text = build_document_text(texts)
    decision = classify(text)
    fields = extract(decision.doc_type, text)
    if qualities:
        start = time.perf_counter()
        doc_scores, doc_flags = assess_document(qualities, uprights, decision.doc_type)
        row.seconds += time.perf_counter() - start
        row.predicted += [f.code.value for f in doc_flags]
        row.scores["doc"] = {k: v for k, v in doc_scores.items() if k != "pages"}
    row.scores["doc_type"] = decision.doc_type.value
    if not any(ln.text.strip() for ln in text.lines):
        row.predicted.append(FlagCode.UNREADABLE.value)
    row.predicted = sorted(set(row.predicted))
    return row, fingerprint_document(file, ingested.sha256, previews, fields, text.full)


def _preview(image: np.ndarray) -> np.ndarray:
    import cv2

    scale = min(1.0, PREVIEW_SIDE / max(image.shape[:2]))
    if scale == 1.0:
        return image
    size = (round(image.shape[1] * scale), round(image.shape[0] * scale))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA)


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
    cache = ReadCache(args.cache)
    rows: list[Row] = []
    uncached = 0
    first, last = args.docs or (1, len(labels.documents))
    for label in labels.documents[first - 1 : last]:
        result = analyse(args.bench / label.file, label.file, label, cache)
        if result is None:
            uncached += 1
            continue
        rows.append(result[0])
    truth, predicted = set(), set()
    for sub in [] if args.no_submissions else labels.submissions:
        fps: list[DocFingerprint] = []
        for label in sub.documents:
            file = label.file
            result = analyse(args.bench / "submissions" / sub.id / file, f"{sub.id}/{file}", label, cache)
            if result is None:
                uncached += 1
                continue
            rows.append(result[0])
            if result[1] is not None:
                fps.append(result[1])
        for pair in duplicate_pairs((lab.file, lab.duplicate_of) for lab in sub.documents):
            truth.add(frozenset(f"{sub.id}/{f}" for f in pair))
        for match in find_duplicates(fps):
            predicted.add(frozenset((match.a, match.b)))

    flags, clean, clean_flagged = score(rows)
    print(f"documents {len(rows)} (uncached {uncached})")
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
    print(f"quality seconds per page: median {np.median(per_page):.3f}, p95 {np.percentile(per_page, 95):.3f}")
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
