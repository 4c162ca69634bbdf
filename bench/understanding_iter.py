"""Re-run classify and extract over a labelled benchmark from cached OCR readings, in seconds.

The OCR cache is the one `verifier eval --ocr-cache DIR` fills; pages it does not hold are skipped, so this
measures only the understanding stage (text → doc_type and fields), never the reading.

    python bench/understanding_iter.py /work/bench/b200 --ocr-cache /work/bench/ocr-cache [--misses] [--field level]
    python bench/understanding_iter.py /work/bench/b200 --ocr-cache DIR --dump documents/0007.jpg
    python bench/understanding_iter.py /work/bench/b600 --ocr-cache DIR --range 1-300   # standalone 0001..0300
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models.page import PageSource, TextLine
from models.report import DocumentReport
from verifier.classify import classify
from verifier.evaluation.metrics import score_documents
from verifier.extract import extract
from verifier.ingest import ingest_bytes
from verifier.normalize import find_dates
from verifier.ocr import get_engine
from verifier.ocr.cache import ReadCache, page_key
from verifier.orient import rotate_image
from verifier.prepare import prepare_page
from verifier.settings import Settings
from verifier.text import DocumentText, build_document_text


def cached_pages(path: Path, cache: ReadCache, settings: Settings) -> list[tuple[int, list[TextLine], int, int]] | None:
    """(page number, lines, upright width, upright height) per page, or None when a page is not cached."""
    ingested = ingest_bytes(path.read_bytes(), settings.ingest)
    pages = []
    for page in ingested.pages:
        if page.source == PageSource.pdf_text:
            pages.append((page.number, page.lines, page.width, page.height))
            continue
        # The cache holds what OCR read on the page as prepared for reading (seals lifted, blur undone).
        seen = prepare_page(page.image, get_engine(settings.ocr), settings).seen
        hit = cache.get(page_key(seen, settings.ocr))
        if hit is None:
            return None
        lines, upright = hit.lines, rotate_image(page.image, hit.rotation)
        pages.append((page.number, lines, upright.shape[1], upright.shape[0]))
    return pages


def capture(label: object, pages: list | None, name: str, out: Path) -> None:  # type: ignore[type-arg]
    """Recognised lines exactly as the OCR engine returned them, with the labelled truth, for unit tests."""
    if pages is None:
        raise SystemExit(f"{name} is not in the OCR cache")
    out.mkdir(parents=True, exist_ok=True)
    record = {
        "source": name,
        "severity": label.severity.value,  # type: ignore[attr-defined]
        "doc_type": label.doc_type.value,  # type: ignore[attr-defined]
        # A field the capture cut away or washed out is not in the page for any reader to find.
        "fields": label.fields.model_dump(  # type: ignore[attr-defined]
            mode="json", exclude_none=True, exclude=set(label.not_carried)  # type: ignore[attr-defined]
        ),
        "pages": [
            {
                "number": number,
                "width": width,
                "height": height,
                "lines": [[ln.text, [list(map(round, p)) for p in ln.box], round(ln.confidence, 3)] for ln in lines],
            }
            for number, lines, width, height in pages
        ],
    }
    target = out / (name.replace("/", "_").rsplit(".", 1)[0] + ".json")
    target.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")


def understand(text: DocumentText, file: str) -> DocumentReport:
    decision = classify(text)
    report = DocumentReport(file=file)
    report.doc_type, report.doc_type_confidence, report.cues = decision.doc_type, decision.confidence, decision.cues
    report.fields = extract(decision.doc_type, text)
    return report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", type=Path)
    parser.add_argument("--ocr-cache", type=Path, required=True)
    parser.add_argument("--misses", action="store_true", help="print every miss")
    parser.add_argument("--field", help="print misses of this field only (or doc_type)")
    parser.add_argument("--dump", help="print the document text of this file and what was understood")
    parser.add_argument("--severity", help="only documents of this severity (clean, moderate, heavy)")
    parser.add_argument("--texts", type=Path, help="save every document text here as JSON, for reading")
    parser.add_argument("--capture", type=Path, help="save the OCR lines and labels of --files here, as test data")
    parser.add_argument("--files", help="comma-separated benchmark files for --capture")
    parser.add_argument("--range", help="only standalone documents numbered FIRST-LAST (e.g. 1-300)")
    parser.add_argument("--standalone", action="store_true", help="only the standalone documents, not submissions")
    parser.add_argument(
        "--causes", action="store_true", help="split holder, issuer and issue_date misses by whether OCR read the value"
    )
    args = parser.parse_args()

    from fixtures.labels import BenchmarkLabels

    settings = Settings()
    settings.ocr.cache_dir = str(args.ocr_cache)
    cache = ReadCache(args.ocr_cache)
    labels = BenchmarkLabels.model_validate_json((args.root / "labels.json").read_text(encoding="utf-8"))
    entries = [(lab, args.root / lab.file, lab.file) for lab in labels.documents]
    for sub in labels.submissions:
        folder = args.root / "submissions" / sub.id
        entries += [(lab, folder / lab.file, f"{sub.id}/{lab.file}") for lab in sub.documents]
    if args.dump:
        entries = [e for e in entries if e[2] == args.dump]
    if args.capture:
        wanted = args.files.split(",")
        for label, path, name in entries:
            if name in wanted:
                capture(label, cached_pages(path, cache, settings), name, args.capture)
        return
    if args.range:
        first, last = (int(part) for part in args.range.split("-"))
        entries = [e for e in entries if e[2].startswith("documents/") and first <= int(Path(e[2]).stem) <= last]
    if args.standalone:
        entries = [e for e in entries if e[2].startswith("documents/")]
    if args.severity:
        entries = [e for e in entries if e[0].severity.value == args.severity]

    pairs, skipped, texts = [], 0, {}
    for label, path, name in entries:
        if label.doc_type is None:
            continue
        pages = cached_pages(path, cache, settings)
        if pages is None:
            skipped += 1
            continue
        text = build_document_text(pages)
        report = understand(text, name)
        pairs.append((label, report))
        texts[name] = [[ln.text, round(ln.top, 3), round(ln.left, 3), round(ln.height, 2)] for ln in text.lines]
        if args.dump:
            for line in text.lines:
                print(f"p{line.page} top={line.top:.2f} left={line.left:.2f} h={line.height:.2f}  {line.text}")
            print(classify(text))
            print("truth:", label.doc_type, label.fields.model_dump(exclude_none=True))
            print("got:  ", report.fields.model_dump(exclude_none=True))
    if args.texts:
        args.texts.write_text(json.dumps(texts, ensure_ascii=False, indent=0), encoding="utf-8")

    scores = score_documents(pairs, max_misses=10_000)
    by_severity = {k: f"{v.correct}/{v.total}" for k, v in scores.doc_type_by_severity.items()}
    print(f"documents {len(pairs)} (skipped {skipped} not in cache)")
    print(f"doc_type {scores.doc_type.correct}/{scores.doc_type.total} {by_severity}")
    for name, ratio in sorted(scores.fields.items()):
        spurious = scores.field_spurious.get(name, 0)
        lost = scores.field_not_carried.get(name, 0)
        counts = f"spurious {spurious}  not carried {lost}"
        print(f"  {name:20s} {ratio.correct:4d}/{ratio.total:<4d} {ratio.value:.1%}  {counts}")
    # Calibration: how often the type is right at each stated confidence.
    bins: dict[str, list[bool]] = {}
    for label, report in pairs:
        low = min(int(report.doc_type_confidence * 10) / 10, 0.9)
        bins.setdefault(f"{low:.1f}-{low + 0.1:.1f}", []).append(label.doc_type == report.doc_type)
    print("confidence", {k: f"{sum(v)}/{len(v)}" for k, v in sorted(bins.items())})
    for severity in ("clean", "moderate", "heavy"):
        part = score_documents([(lab, rep) for lab, rep in pairs if lab.severity.value == severity])
        cells = "  ".join(f"{name} {r.correct}/{r.total}" for name, r in sorted(part.fields.items()))
        print(f"[{severity}] {cells}")
    shown = [m for m in scores.misses if args.misses or (args.field and m["what"] == args.field)]
    for miss in shown:
        print(miss)
    if not args.misses and not args.field:
        print(Counter(m["what"] for m in scores.misses).most_common())
    if args.causes:
        print_causes(scores.misses, texts)


def print_causes(misses: list[dict[str, str]], texts: dict[str, list[list[object]]]) -> None:
    """A miss is the reader's when the value stands in what OCR returned (the name, or a date that reads as the
    labelled one), and the engine's when it does not: no rule over the text could have found it."""
    causes: Counter[tuple[str, str]] = Counter()
    readers: list[str] = []
    for miss in misses:
        if miss["what"] not in ("holder", "issuer", "issue_date") or miss["file"] not in texts:
            continue
        read = "".join(str(line[0]) for line in texts[miss["file"]]).replace(" ", "")
        if miss["what"] == "issue_date":
            present = any(iso == miss["truth"] for _, iso in find_dates(read))
        else:
            present = miss["truth"] in read
        causes[(miss["what"], "in the recognised text" if present else "not in the recognised text")] += 1
        if present:
            readers.append(f"    {miss['file']} {miss['what']}: {miss['truth']} (read {miss['got']})")
    for (field, cause), count in sorted(causes.items()):
        print(f"  {field:12s} {cause:28s} {count}")
    if readers:
        print("  the reader's misses:", *readers, sep="\n")


if __name__ == "__main__":
    main()
