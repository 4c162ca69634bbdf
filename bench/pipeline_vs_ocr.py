"""Time per page of the whole verifier against calling the OCR engine alone on the same pages, in one run.

    python bench/pipeline_vs_ocr.py FOLDER [FOLDER ...] [--repeat 1] [--limit 40] [--also openvino] [--json out.json]
    python bench/pipeline_vs_ocr.py REAL --other orient.sideways_first=90 ocr.sign_off_size_enlarged=false \
        --dump reports   # the verifier also with these settings, in the same loop; each report kept

The reference is RapidOCR called directly with its default settings on every decoded page (what a bare OCR
integration would do); the verifier runs end to end (ingest, orientation, OCR, quality, understanding,
duplicates, report), with no OCR cache (VERIFIER_OCR_CACHE_DIR unset: the script stops otherwise). Both run in
this process, warm, interleaved per file so machine noise hits both alike.
Several folders (the seed-2 sample, phone-sized photos from bench/phone_photos.py, a real set) are measured in
the same run, one after the other, and reported side by side: each with its ratio, its median seconds a page
and its 95th-percentile seconds a file. `--also openvino` times the verifier a second time on each file with
its models on OpenVINO instead of ONNX Runtime (verifier/settings `OcrSettings.backend`), in the same loop;
`--other SECTION.NAME=VALUE ...` does the same with any settings changed (a change's "before", where a setting
restores it). `--dump DIR` writes each file's report (and the other run's) as bench/eval_dump.py does, so
`eval_dump.py compare DIR/verifier.jsonl DIR/other.jsonl` lists the documents the two read differently.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

from pydantic import TypeAdapter

from verifier.ingest import ingest_bytes
from verifier.pipeline import collect_uploads, verify_submission
from verifier.settings import Settings, get_settings


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def measure(
    folder: Path,
    bare: object,
    settings: Settings,
    repeat: int,
    limit: int | None,
    other: Settings | None = None,
    dump: Path | None = None,
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
            _dump(dump, "verifier", folder, result)
            if other is not None:
                start = time.perf_counter()
                other_result = verify_submission([upload], settings=other)
                other_files.append(time.perf_counter() - start)
                _dump(dump, "other", folder, other_result)
            bare_pages.append(bare_files[-1] / len(pages))
            # Each file as it is timed, so a run cut short still tells its ratio so far.
            timed = f"bare {bare_files[-1]:.2f}\tverifier {verifier_files[-1]:.2f}"
            timed += f"\tother {other_files[-1]:.2f}" if other is not None else ""
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
            "other_speedup_vs_bare": round(bare_total / sum(other_files), 3),
            "other_s_per_file_p95": round(percentile(other_files, 0.95), 3),
            "verifier_over_other_ratio": round(verifier_total / sum(other_files), 3),
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


def _dump(folder: Path | None, name: str, benchmark: Path, result: object) -> None:
    """One report appended to FOLDER/NAME.jsonl, as bench/eval_dump.py writes them."""
    if folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{name}.jsonl").open("a", encoding="utf-8") as sink:
        for report in result.report.documents:  # type: ignore[attr-defined]
            row = report.model_dump(mode="json", exclude={"sha256"})
            row["file"] = f"{benchmark.name}/{row['file']}"
            sink.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def overridden(settings: Settings, changes: list[str]) -> Settings:
    """The settings with each SECTION.NAME=VALUE changed (VALUE parsed as the setting's own type)."""
    other = settings.model_copy(deep=True)
    for change in changes:
        path, _, value = change.partition("=")
        section_name, _, name = path.partition(".")
        section = getattr(other, section_name)
        # Parsed as the environment's value would be (false, 0 and off for a flag; None for an optional one).
        field = type(section).model_fields[name]
        setattr(section, name, TypeAdapter(field.annotation).validate_python(value))
    return other


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--limit", type=int, help="the first N files of each folder")
    parser.add_argument("--also", choices=["onnxruntime", "openvino"], help="time the verifier on this backend too")
    parser.add_argument("--other", nargs="+", metavar="SECTION.NAME=VALUE", help="time it with these settings too")
    parser.add_argument("--dump", type=Path, help="a folder for each file's report (verifier.jsonl, other.jsonl)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from rapidocr import RapidOCR

    bare = RapidOCR(params={"Global.log_level": "error"})
    settings = get_settings()
    if settings.ocr.cache_dir:
        raise SystemExit("unset VERIFIER_OCR_CACHE_DIR: a cached reading would time no OCR")
    # Warm both paths once so model loading is not timed.
    first = collect_uploads([args.folders[0]])[:1]
    for upload in first:
        decoded = ingest_bytes(upload.read(), settings.ingest)
        if decoded.pages:
            bare(decoded.pages[0].image)
    verify_submission(first, settings=settings)
    other = None
    if args.also or args.other:
        other = overridden(settings, [f"ocr.backend={args.also}"] if args.also else []) if args.also else settings
        other = overridden(other, args.other or [])
        verify_submission(first, settings=other)
    if args.dump:
        for name in ("verifier", "other"):
            (args.dump / f"{name}.jsonl").unlink(missing_ok=True)

    sets = [measure(folder, bare, settings, args.repeat, args.limit, other, args.dump) for folder in args.folders]
    peak_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    summary = {"sets": sets, "peak_rss_mb_this_process": peak_mb}
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
