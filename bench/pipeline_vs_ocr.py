"""Time per page of the whole verifier against calling the OCR engine alone on the same pages, in one run.

    python bench/pipeline_vs_ocr.py FOLDER [FOLDER ...] [--repeat 1] [--limit 40] [--also onnxruntime] [--json out.json]

The reference is RapidOCR called directly with its default settings on every decoded page (what a bare OCR
integration would do); the verifier runs end to end (ingest, orientation, OCR, quality, understanding,
duplicates, report). Both run in this process, warm, interleaved per file so machine noise hits both alike.
Several folders (the seed-2 sample, phone-sized photos from bench/phone_photos.py, a real set) are measured in
the same run, one after the other, and reported side by side: each with its ratio, its median seconds a page
and its 95th-percentile seconds a file. `--also onnxruntime` times the verifier a second time on each file with
its models on ONNX Runtime instead of OpenVINO (verifier/settings.py `OcrSettings.backend`), in the same loop.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

from verifier.ingest import ingest_bytes
from verifier.pipeline import collect_uploads, verify_submission
from verifier.settings import Settings, get_settings


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def measure(
    folder: Path, bare: object, settings: Settings, repeat: int, limit: int | None, other: Settings | None = None
) -> dict[str, object]:
    uploads = collect_uploads([folder])[:limit] if limit else collect_uploads([folder])
    # A file the verifier refuses unread (a link out of the folder) would time as nothing: use copies or hard links.
    refused = [u.file for u in uploads if getattr(u, "refusal", None)]
    if refused:
        raise SystemExit(f"{folder}: {len(refused)} files refused unread ({refused[0]} …): copy or hard-link them")
    decoded = {u.file: ingest_bytes(u.read(), settings.ingest) for u in uploads}
    bare_files, verifier_files, bare_pages, verifier_pages, pages_total = [], [], [], [], 0
    other_files: list[float] = []
    stage_totals: dict[str, float] = {}
    for _ in range(repeat):
        for upload in uploads:
            pages = decoded[upload.file].pages
            if not pages:
                continue
            start = time.perf_counter()
            for page in pages:
                bare(page.image)  # type: ignore[operator]
            bare_files.append(time.perf_counter() - start)
            start = time.perf_counter()
            result = verify_submission([upload], settings=settings)
            verifier_files.append(time.perf_counter() - start)
            if other is not None:
                start = time.perf_counter()
                verify_submission([upload], settings=other)
                other_files.append(time.perf_counter() - start)
            bare_pages.append(bare_files[-1] / len(pages))
            # Each file as it is timed, so a run cut short still tells its ratio so far.
            timed = f"bare {bare_files[-1]:.2f}\tverifier {verifier_files[-1]:.2f}"
            print(f"{folder.name}/{upload.file}\t{timed}", file=sys.stderr, flush=True)
            verifier_pages.append(verifier_files[-1] / len(pages))
            pages_total += len(pages)
            for stage, seconds in result.analyses[0].timings.items():
                stage_totals[stage] = stage_totals.get(stage, 0.0) + seconds
    if not verifier_files:
        return {"folder": str(folder), "files": 0}
    bare_total, verifier_total = sum(bare_files), sum(verifier_files)
    also = {}
    if other is not None:
        also = {
            f"speedup_vs_bare_on_{other.ocr.backend}": round(bare_total / sum(other_files), 3),
            f"verifier_s_per_file_p95_on_{other.ocr.backend}": round(percentile(other_files, 0.95), 3),
        }
    return {
        "folder": str(folder),
        "files": len([u for u in uploads if decoded[u.file].pages]),
        "page_runs": pages_total,
        "bare_ocr_s_per_page_median": round(statistics.median(bare_pages), 3),
        "verifier_s_per_page_median": round(statistics.median(verifier_pages), 3),
        "bare_ocr_s_per_file_p95": round(percentile(bare_files, 0.95), 3),
        "verifier_s_per_file_p95": round(percentile(verifier_files, 0.95), 3),
        "verifier_over_bare_ratio": round(verifier_total / bare_total, 3),
        "speedup_vs_bare": round(bare_total / verifier_total, 3),
        "verifier_stage_share": {k: round(v / sum(stage_totals.values()), 3) for k, v in sorted(stage_totals.items())},
        **also,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--limit", type=int, help="the first N files of each folder")
    parser.add_argument("--also", choices=["onnxruntime", "openvino"], help="time the verifier on this backend too")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from rapidocr import RapidOCR

    bare = RapidOCR(params={"Global.log_level": "error"})
    settings = get_settings()
    # Warm both paths once so model loading is not timed.
    first = collect_uploads([args.folders[0]])[:1]
    for upload in first:
        decoded = ingest_bytes(upload.read(), settings.ingest)
        if decoded.pages:
            bare(decoded.pages[0].image)
    verify_submission(first, settings=settings)
    other = None
    if args.also:
        other = settings.model_copy(deep=True)
        other.ocr.backend = args.also
        verify_submission(first, settings=other)

    sets = [measure(folder, bare, settings, args.repeat, args.limit, other) for folder in args.folders]
    peak_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    summary = {"sets": sets, "peak_rss_mb_this_process": peak_mb}
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
