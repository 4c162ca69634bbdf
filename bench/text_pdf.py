"""Pages per second of a text-layer PDF through the whole verifier, against pdfium opening and rendering it.

    python bench/text_pdf.py [--pages 20] [--repeat 5] [--pdf FILE] [--save FILE] [--profile out.prof] [--json out.json]

Without --pdf, a PDF of --pages certificates is built by the fixture generator (`fixtures/`, the CJK fonts of
scripts/setup.sh): each page a born-digital certificate, artwork and seal as a JPEG background and every text
run as real text on top, merged into one file with pypdfium2. The verifier runs end to end (ingest,
understanding, duplicates, report) through `verify_submission`; the reference is pypdfium2 opening the same
bytes and rendering every page at the size ingest renders text pages. Both run warm in this process,
interleaved per repeat, so machine load hits both alike.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import random
import statistics
import time
from collections import defaultdict
from pathlib import Path

from models import DocType
from verifier.pipeline import Upload, verify_submission
from verifier.settings import Settings

# Born-digital certificates as platforms issue them; cycled over the pages of the generated PDF.
_DOC_TYPES = [
    DocType.continuing_education,
    DocType.award_certificate,
    DocType.honor_certificate,
    DocType.teaching_service_honor,
    DocType.commendation_document,
]


def build_pdf(pages: int, seed: int = 7) -> bytes:
    """One PDF of `pages` certificates from the fixture generator, each a JPEG background with real text on top."""
    import pypdfium2 as pdfium

    from fixtures.content import DocRequest, random_person
    from fixtures.places import IssuerFactory
    from fixtures.produce import Recipe, produce

    merged = pdfium.PdfDocument.new()
    for index in range(pages):
        rng = random.Random(seed * 1000 + index)
        person = random_person(rng, IssuerFactory(rng))
        request = DocRequest(_DOC_TYPES[index % len(_DOC_TYPES)], person, rng.randrange(2**31), rng.randrange(2**31))
        single = pdfium.PdfDocument(produce(request, Recipe(fmt="pdf_text"), seed + index).data)
        merged.import_pages(single)
        single.close()
    buf = io.BytesIO()
    merged.save(buf)
    merged.close()
    return buf.getvalue()


def render_reference(data: bytes, settings: Settings) -> float:
    """Seconds pypdfium2 needs to open the PDF and render every page at ingest's text-page size."""
    import pypdfium2 as pdfium

    start = time.perf_counter()
    doc = pdfium.PdfDocument(data)
    try:
        for index in range(min(len(doc), settings.ingest.max_pages)):
            page = doc[index]
            width, height = page.get_size()
            scale = settings.ingest.pdf_render_dpi / 72.0
            longest = max(width, height, 1.0) * scale
            if longest > settings.ingest.text_page_render_side:
                scale *= settings.ingest.text_page_render_side / longest
            page.render(scale=scale).to_numpy()
            page.close()
    finally:
        doc.close()
    return time.perf_counter() - start


def run_verifier(data: bytes, settings: Settings) -> tuple[float, dict[str, float], int, str]:
    """Wall seconds of verify_submission plus the JSON report, stage seconds, pages read, source of page 1."""
    start = time.perf_counter()
    result = verify_submission([Upload(file="certificates.pdf", data=data)], settings=settings, workers=1)
    report_start = time.perf_counter()
    result.report.model_dump_json()
    end = time.perf_counter()
    analysis = result.analyses[0]
    stages = dict(analysis.timings)
    stages["report_json"] = end - report_start
    source = str(analysis.report.quality.get("page_1", {}).get("source", ""))
    return end - start, stages, analysis.report.pages, source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20, help="pages of the generated PDF")
    parser.add_argument("--pdf", type=Path, help="a text-layer PDF to use instead of the generated one")
    parser.add_argument("--seed", type=int, default=7, help="fixture seed of the generated PDF")
    parser.add_argument("--save", type=Path, help="also write the generated PDF here")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the verifier runs here")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    data = args.pdf.read_bytes() if args.pdf else build_pdf(args.pages, args.seed)
    if args.save:
        args.save.write_bytes(data)
    settings = Settings()
    # Warm both paths once: OCR models load on the first document even when no page needs them.
    render_reference(data, settings)
    _, _, pages, source = run_verifier(data, settings)
    if source != "pdf_text":
        raise SystemExit(f"page 1 was not read from its text layer (source {source!r})")

    profiler = cProfile.Profile() if args.profile else None
    verifier_times, reference_times = [], []
    stage_totals: dict[str, float] = defaultdict(float)
    for _ in range(args.repeat):
        reference_times.append(render_reference(data, settings))
        if profiler:
            profiler.enable()
        seconds, stages, _, _ = run_verifier(data, settings)
        if profiler:
            profiler.disable()
        verifier_times.append(seconds)
        for stage, value in stages.items():
            stage_totals[stage] += value

    verifier_s, reference_s = statistics.median(verifier_times), statistics.median(reference_times)
    summary = {
        "pages": pages,
        "bytes": len(data),
        "repeat": args.repeat,
        "verifier_pages_per_second": round(pages / verifier_s, 1),
        "verifier_ms_per_page": round(1000 * verifier_s / pages, 2),
        "pdfium_open_render_pages_per_second": round(pages / reference_s, 1),
        "pdfium_open_render_ms_per_page": round(1000 * reference_s / pages, 2),
        "verifier_over_open_render_ratio": round(verifier_s / reference_s, 2),
        "stage_ms_per_page": {
            stage: round(1000 * total / args.repeat / pages, 2) for stage, total in sorted(stage_totals.items())
        },
    }
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    if profiler and args.profile:
        profiler.dump_stats(str(args.profile))
        pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
