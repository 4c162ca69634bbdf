"""Benchmark pages photographed at a slant: turned by a few degrees on a desk, what is still read and flagged.

    python bench/slanted_pages.py /work/bench/b600 [--degrees 10] [--limit 12]

For clean documents: type, holder, issuer, date and level against the labels, and every flag raised (SKEWED is
the one expected). For upright documents labelled BLURRY or LOW_RESOLUTION (and not skewed already): whether
the slanted copy still carries that flag. The page is turned about its centre with linear resampling onto a
larger grey desk and saved as PNG, so nothing but the slant changes.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixtures.labels import BenchmarkLabels, DocumentLabel
from models.flags import FlagCode
from verifier.document import analyze_document
from verifier.ocr import OcrEngine, get_engine
from verifier.settings import Settings

FIELDS = ("holder", "issuer", "issue_date", "level")
KEPT_FLAGS = (FlagCode.BLURRY, FlagCode.LOW_RESOLUTION)


def slanted(page: np.ndarray, degrees: float) -> bytes:
    height, width = page.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    out_w, out_h = int(height * sin + width * cos) + 40, int(height * cos + width * sin) + 40
    matrix[0, 2] += out_w / 2 - width / 2
    matrix[1, 2] += out_h / 2 - height / 2
    desk = cv2.warpAffine(page, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderValue=(90, 100, 110))
    return cv2.imencode(".png", desk)[1].tobytes()


def value(item: object) -> object:
    return getattr(item, "value", item)


def read_clean(root: Path, chosen: list[DocumentLabel], degrees: float, engine: OcrEngine, settings: Settings) -> None:
    right, total, flags = Counter(), Counter(), Counter()
    for label in chosen:
        report = analyze_document(
            slanted(cv2.imread(str(root / label.file)), degrees), label.file, None, engine, settings
        ).report
        total["doc_type"] += 1
        right["doc_type"] += report.doc_type == label.doc_type
        for name in FIELDS:
            expected = value(getattr(label.fields, name))
            if expected is None:
                continue
            total[name] += 1
            got = value(getattr(report.fields, name))
            right[name] += got == expected
            if got != expected:
                print(f"  {label.file} {name}: {expected} read as {got}")
        flags.update(flag.code.value for flag in report.flags)
    print(f"clean, {degrees:g}°: " + ", ".join(f"{name} {right[name]}/{total[name]}" for name in total))
    print(f"  flags: {dict(flags)}")


def keeps_flags(
    root: Path, labels: list[DocumentLabel], degrees: float, limit: int, engine: OcrEngine, settings: Settings
) -> None:
    for code in KEPT_FLAGS:
        chosen = [
            label
            for label in labels
            if label.rotation == 0
            and label.file.endswith((".jpg", ".png"))
            and code in label.expected_flags
            and all(defect.name != "skew" for defect in label.defects)
        ][:limit]
        kept = 0
        for label in chosen:
            report = analyze_document(
                slanted(cv2.imread(str(root / label.file)), degrees), label.file, None, engine, settings
            ).report
            kept += any(flag.code == code for flag in report.flags)
        print(f"{code.value} kept at {degrees:g}°: {kept}/{len(chosen)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--degrees", type=float, nargs="+", default=[10.0])
    parser.add_argument("--limit", type=int, default=12)
    args = parser.parse_args()

    labels = BenchmarkLabels.read(args.root)
    clean = labels.clean_images()[: args.limit]
    settings = Settings()
    engine = get_engine(settings.ocr)
    for degrees in args.degrees:
        read_clean(args.root, clean, degrees, engine, settings)
        keeps_flags(args.root, labels.documents, degrees, args.limit, engine, settings)


if __name__ == "__main__":
    main()
