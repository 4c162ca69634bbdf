"""Time per page of the whole verifier against calling the OCR engine alone on the same pages, in one run.

    python bench/pipeline_vs_ocr.py FOLDER [--repeat 2] [--json out.json]

The reference is RapidOCR called directly with its default settings on every decoded page (what a bare OCR
integration would do); the verifier runs end to end (ingest, orientation, OCR, quality, understanding,
duplicates, report). Both run in this process, warm, interleaved per file so machine noise hits both alike.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from verifier.ingest import ingest_bytes
from verifier.pipeline import collect_uploads, verify_submission
from verifier.settings import get_settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from rapidocr import RapidOCR

    bare = RapidOCR(params={"Global.log_level": "error"})
    settings = get_settings()
    uploads = collect_uploads([args.folder])
    decoded = {u.file: ingest_bytes(u.read(), settings.ingest) for u in uploads}
    # Warm both paths once so model loading is not timed.
    first = next((d for d in decoded.values() if d.pages), None)
    if first:
        bare(first.pages[0].image)
    verify_submission(uploads[:1], settings=settings)

    bare_times, verifier_times, pages_total = [], [], 0
    stage_totals: dict[str, float] = {}
    for _ in range(args.repeat):
        for upload in uploads:
            pages = decoded[upload.file].pages
            if not pages:
                continue
            start = time.perf_counter()
            for page in pages:
                bare(page.image)
            bare_times.append((time.perf_counter() - start) / len(pages))
            start = time.perf_counter()
            result = verify_submission([upload], settings=settings)
            verifier_times.append((time.perf_counter() - start) / len(pages))
            pages_total += len(pages)
            for stage, seconds in result.analyses[0].timings.items():
                stage_totals[stage] = stage_totals.get(stage, 0.0) + seconds

    bare_total, verifier_total = sum(bare_times), sum(verifier_times)
    summary = {
        "files": len([u for u in uploads if decoded[u.file].pages]),
        "page_runs": pages_total,
        "bare_ocr_s_per_page_median": round(statistics.median(bare_times), 3),
        "verifier_s_per_page_median": round(statistics.median(verifier_times), 3),
        "verifier_over_bare_ratio": round(verifier_total / bare_total, 3),
        "speedup_vs_bare": round(bare_total / verifier_total, 3),
        "verifier_stage_share": {k: round(v / sum(stage_totals.values()), 3) for k, v in sorted(stage_totals.items())},
    }
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
