"""How much the OCR models are asked to do per page, and by which step: calls and pixels, counted, not timed.

    python bench/ocr_work.py BENCHMARK [--limit 20] [--json work.json] [--dump reports.jsonl]

BENCHMARK is a folder with labels.json (the real set, a benchmark, or a part of one with its labels); its
documents run in labelled order, as `verifier eval` and bench/eval_dump.py run them. `--dump` writes each report
as bench/eval_dump.py does, so `eval_dump.py compare` tells which documents a change read differently.

Wall time on a shared machine moves with the load; the work the detector and the recogniser are given does not.
Every file is verified end to end (no OCR cache: the cache would hide the reading), with the engine wrapped so
each detection and recognition call is counted under the step that made it (the page's detection, its
recognition, the orientation sample read upside down, the column test, each re-read), with the pixels the model
is fed: the detector's input after its resize to the asked size, the recogniser's batches of 48-pixel-high
strips padded to the widest of the batch, as RapidOCR feeds them. Seconds per step are given too, as shares.
With `--ocr-cache` the first reading of each page comes from the cache and only the re-reads (which are never
cached) are counted: a quick count of a change to them over a whole set.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path
from types import FrameType

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixtures.labels import BenchmarkLabels
from verifier import pipeline
from verifier.ocr import OcrEngine, get_engine
from verifier.pipeline import Upload, verify_submission
from verifier.settings import get_settings

# The step a call belongs to: the innermost frame of the caller's stack whose function is named here.
_STEPS = {
    "complete_date_lines": "cut-short dates",
    "_read_finer": "second look",
    "read_sign_offs": "sign-off around seals",
    "lower_part": "lower page",
    "read_seal_texts": "seal rings",
    "_read_holder_name": "holder's name",
    "is_column_page": "column test",
    "may_be_turned_column": "column gate",
    "prepare_page": "prepare (deblur probe)",
    "detect_seals": "seal detection",
    "detect_adaptive": "page detection",
    "orient_and_read": "page recognition",
}
# RapidOCR's recogniser: strips 48 px high, at least 320 px wide, six to a batch sorted by width.
_REC_HEIGHT, _REC_MIN_WIDTH, _REC_BATCH = 48, 320, 6


def _step(frame: FrameType | None) -> str:
    while frame is not None:
        name = frame.f_code.co_name
        if name in _STEPS:
            return _STEPS[name]
        frame = frame.f_back
    return "other"


def detector_pixels(shape: tuple[int, ...], limit: int) -> int:
    """The detector's input after RapidOCR's resize: the longer side at most `limit`, both sides rounded to 32."""
    height, width = shape[:2]
    ratio = min(1.0, limit / max(height, width))
    return max(32, round(height * ratio / 32) * 32) * max(32, round(width * ratio / 32) * 32)


def recogniser_pixels(crops: list[np.ndarray]) -> int:
    """The recogniser's input: each batch of six (sorted by width) padded to its widest strip."""
    ratios = sorted(c.shape[1] / max(1, c.shape[0]) for c in crops)
    total = 0
    for start in range(0, len(ratios), _REC_BATCH):
        batch = ratios[start : start + _REC_BATCH]
        width = max(_REC_MIN_WIDTH, math.ceil(_REC_HEIGHT * max(batch)))
        total += len(batch) * _REC_HEIGHT * width
    return total


class WorkCounter:
    """The engine, with every call counted by step: calls, lines, pixels fed and seconds."""

    def __init__(self, inner: OcrEngine, max_side: int) -> None:
        self.inner, self.max_side, self.name = inner, max_side, inner.name
        self.work: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))

    def _add(self, key: str, start: float, **counts: float) -> None:
        entry = self.work[key]
        entry["calls"] += 1
        entry["seconds"] += time.perf_counter() - start
        for name, value in counts.items():
            entry[name] += value

    def detect(self, image: np.ndarray, max_side: int | None = None) -> list[np.ndarray]:
        start = time.perf_counter()
        boxes = self.inner.detect(image, max_side)
        limit = min(max_side or self.max_side, self.max_side)
        key = f"{_step(sys._getframe(1))} · detect"
        self._add(key, start, pixels=detector_pixels(image.shape, limit), boxes=len(boxes))
        return boxes

    def recognize(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        start = time.perf_counter()
        results = self.inner.recognize(crops)
        key = f"{_step(sys._getframe(1))} · recognise"
        self._add(key, start, pixels=recogniser_pixels(crops), lines=len(crops))
        return results

    def take(self) -> dict[str, dict[str, float]]:
        work = {key: {k: round(v, 3) for k, v in entry.items()} for key, entry in sorted(self.work.items())}
        self.work.clear()
        return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("benchmark", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--dump", type=Path, help="each document's report, one JSON line each")
    parser.add_argument("--ocr-cache", type=Path, help="the first reading from this cache: the re-reads alone count")
    args = parser.parse_args()

    settings = get_settings()
    if args.ocr_cache:
        settings = settings.model_copy(deep=True)
        settings.ocr.cache_dir = str(args.ocr_cache)
    elif settings.ocr.cache_dir:
        raise SystemExit("unset VERIFIER_OCR_CACHE_DIR, or pass it as --ocr-cache to count the re-reads alone")
    counter = WorkCounter(get_engine(settings.ocr), settings.ocr.max_side_len)
    pipeline.get_engine = lambda _settings=None: counter  # type: ignore[assignment]
    labels = BenchmarkLabels.model_validate_json((args.benchmark / "labels.json").read_text(encoding="utf-8"))
    docs = labels.documents[: args.limit] if args.limit else labels.documents
    files: list[dict[str, object]] = []
    seconds_each: list[float] = []
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    sink = args.dump.open("w", encoding="utf-8") if args.dump else None
    for lab in docs:
        upload = Upload(file=lab.file, column=lab.column, path=args.benchmark / lab.file)
        start = time.perf_counter()
        result = verify_submission([upload], settings=settings, workers=1, cross_checks=False)
        seconds = time.perf_counter() - start
        seconds_each.append(seconds)
        if sink:
            row = result.report.documents[0].model_dump(mode="json", exclude={"sha256"})
            sink.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            sink.flush()
        work = counter.take()
        for key, entry in work.items():
            for name, value in entry.items():
                totals[key][name] += value
        stages = {k: round(v, 3) for k, v in result.analyses[0].timings.items()} if result.analyses else {}
        files.append({"file": upload.file, "seconds": round(seconds, 3), "stages": stages, "work": work})
        calls = sum(e["calls"] for e in work.values())
        mpx = sum(e.get("pixels", 0) for e in work.values()) / 1e6
        print(f"{upload.file}\t{seconds:.2f} s\t{calls:.0f} calls\t{mpx:.1f} Mpx", file=sys.stderr, flush=True)
    if sink:
        sink.close()
    seconds_all = sum(e["seconds"] for e in totals.values()) or 1.0
    summary = {
        "benchmark": str(args.benchmark),
        "files": len(files),
        "seconds_p95": round(sorted(seconds_each)[max(0, math.ceil(0.95 * len(files)) - 1)], 2) if files else None,
        "calls": round(sum(e["calls"] for e in totals.values())),
        "megapixels": round(sum(e.get("pixels", 0) for e in totals.values()) / 1e6, 1),
        "by_step": {
            key: {
                "calls": round(entry["calls"]),
                "megapixels": round(entry.get("pixels", 0) / 1e6, 2),
                "lines": round(entry.get("lines", 0)),
                "share_of_ocr_seconds": round(entry["seconds"] / seconds_all, 3),
            }
            for key, entry in sorted(totals.items(), key=lambda kv: -kv[1].get("pixels", 0))
        },
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "per_file": files,
    }
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    print(json.dumps({k: v for k, v in summary.items() if k != "per_file"}, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
