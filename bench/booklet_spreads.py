"""Certificates photographed as an opened booklet: the left page (a red cover page with a gold 荣誉证书, a plain
cover page, or a page with the photo box and the certificate number) beside the benchmark's clean certificate,
the spine between them at the photo's centre, as a phone photo on a desk.

    python bench/booklet_spreads.py /work/bench/b600 [--limit 12] [--seed 1]

Prints, per spread, the type and whether the labelled holder, issuer, date, level and grade were read, the
flags raised (none is expected: the capture is clean) and the screen measures (moiré, pixel lattice), which a
spine through the measured centre used to push towards the recapture threshold.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixtures.capture import phone_photo
from fixtures.fonts import FACES, FontStyle, load_font
from fixtures.labels import BenchmarkLabels
from verifier.document import analyze_document
from verifier.ingest import ingest_bytes
from verifier.ocr import get_engine
from verifier.quality.recapture import measure_screen
from verifier.settings import Settings

FIELDS = ("holder", "issuer", "issue_date", "level", "grade")
LEFT_PAGES = ("red_cover", "cover", "photo")
BOOKLET_TYPES = {
    "award_certificate",
    "honor_certificate",
    "instructor_award",
    "teaching_service_honor",
    "appointment_letter",
    "title_certificate",
}


def left_page(kind: str, width: int, height: int) -> Image.Image:
    paper = (178, 24, 30) if kind == "red_cover" else (250, 246, 236)
    page = Image.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(page)
    if kind == "photo":
        font = load_font(FACES[FontStyle.song][0], width // 28)
        draw.rectangle([width * 0.35, height * 0.15, width * 0.65, height * 0.5], outline=(60, 60, 60), width=3)
        draw.text((width * 0.5, height * 0.32), "照片", font=font, fill=(120, 120, 120), anchor="mm")
        draw.text((width * 0.3, height * 0.62), "证书编号：2019053127", font=font, fill=(20, 20, 20))
    else:
        font = load_font(FACES[FontStyle.title_serif][0], width // 7)
        ink = (232, 190, 90) if kind == "red_cover" else (190, 30, 30)
        draw.text((width * 0.5, height * 0.4), "荣誉证书", font=font, fill=ink, anchor="mm")
    return page


def spread_photo(body: Image.Image, kind: str, seed: int) -> bytes:
    width, height = body.size
    spine = 20
    spread = Image.new("RGB", (2 * width + spine, height), (90, 70, 50))
    spread.paste(left_page(kind, width, height), (0, 0))
    spread.paste(body, (width + spine, 0))
    photo = phone_photo(np.asarray(spread), np.random.default_rng(seed))
    return cv2.imencode(".jpg", cv2.cvtColor(photo, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes()


def field_value(fields: object, name: str) -> object:
    value = getattr(fields, name, None) if not isinstance(fields, dict) else fields.get(name)
    return getattr(value, "value", value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--limit", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    chosen = BenchmarkLabels.read(args.root).clean_images(BOOKLET_TYPES)[: args.limit]
    settings = Settings()
    engine = get_engine(settings.ocr)
    right, total, flagged = Counter(), Counter(), Counter()
    for label in chosen:
        body = Image.open(args.root / label.file).convert("RGB")
        truth = label.fields.model_dump()
        for kind in LEFT_PAGES:
            data = spread_photo(body, kind, args.seed)
            screen = measure_screen(ingest_bytes(data).pages[0].image, settings.quality.recapture_crop)
            report = analyze_document(data, label.file, None, engine, settings).report
            total["doc_type"] += 1
            right["doc_type"] += report.doc_type == label.doc_type
            read = []
            for name in FIELDS:
                expected = field_value(truth, name)
                if expected is None:
                    continue
                ok = field_value(report.fields, name) == expected
                total[name] += 1
                right[name] += ok
                read.append(f"{name} {'ok' if ok else repr(field_value(report.fields, name))}")
            flags = sorted(flag.code.value for flag in report.flags)
            flagged.update(flags)
            print(
                f"{label.file} {kind:9} {report.doc_type} {', '.join(read)}; flags {flags or '-'}; "
                f"moiré {screen.moire:.2f} lattice {screen.grid:.2f}",
                flush=True,
            )
    print("right: " + ", ".join(f"{name} {right[name]}/{total[name]}" for name in total))
    print(f"flags over {total['doc_type']} spreads: {dict(flagged) or 'none'}")


if __name__ == "__main__":
    main()
