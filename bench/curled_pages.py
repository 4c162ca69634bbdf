"""Clean benchmark documents curled (fixtures.capture.curled) and verified: how many holders, issuers, dates and
levels survive a bow of the page, against the labels.

    python bench/curled_pages.py /work/bench/b600 [--depths 0.02 0.04 0.07] [--limit 12]

Compare detection scorings by running it twice, once with VERIFIER_OCR_DET_SCORE_MODE=fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import cv2

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixtures.capture import curled
from fixtures.labels import BenchmarkLabels
from verifier.document import analyze_document
from verifier.ocr import get_engine
from verifier.settings import Settings

FIELDS = ("holder", "issuer", "issue_date", "level")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--depths", type=float, nargs="+", default=[0.02, 0.04, 0.07])
    parser.add_argument("--limit", type=int, default=12)
    args = parser.parse_args()

    chosen = BenchmarkLabels.read(args.root).clean_images()[: args.limit]
    settings = Settings()
    engine = get_engine(settings.ocr)
    print(f"detection scoring: {settings.ocr.det_score_mode}; {len(chosen)} clean documents")
    for depth in args.depths:
        right = dict.fromkeys(FIELDS, 0)
        total = dict.fromkeys(FIELDS, 0)
        for label in chosen:
            page = cv2.imread(str(args.root / label.file))
            photo = cv2.cvtColor(curled(cv2.cvtColor(page, cv2.COLOR_BGR2RGB), depth), cv2.COLOR_RGB2BGR)
            data = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes()
            read = analyze_document(data, label.file, None, engine, settings).report.fields
            truth = label.fields.model_dump() if hasattr(label.fields, "model_dump") else dict(label.fields)
            for field in FIELDS:
                expected = getattr(truth.get(field), "value", truth.get(field))
                if expected is None:
                    continue
                total[field] += 1
                got = getattr(read, field)
                right[field] += getattr(got, "value", got) == expected
        summary = ", ".join(f"{field} {right[field]}/{total[field]}" for field in FIELDS)
        print(f"curl {depth:.0%} of the page's height: {summary}", flush=True)


if __name__ == "__main__":
    main()
