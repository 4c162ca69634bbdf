"""Pages written in columns (竖排) against turned pages of lines: how the column test (verifier/vertical_script.py)
separates them.

    python bench/column_pages.py /work/bench/b600 [--turn 34]

Prints, for rendered column pages (each typeface, clean and as a rough phone photo), whether the page was taken
for columns and how well its cells read upright (the share the bar is set against); for the same
column pages uploaded sideways, whether their turn was told; then, for the benchmark's uploads labelled turned
by 90°/270° and for `--turn` upright benchmark pages as they are and turned both ways, how many were taken for
columns (a turned one would lose its NOT_UPRIGHT flag, an upright one gain it) and how many read at the right
turn.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixtures.fonts import FACES, FontStyle
from fixtures.labels import BenchmarkLabels
from fixtures.vertical import APPOINTMENT, APPOINTMENT_SIGN_OFF, draw_column_page
from verifier.ingest import ingest_bytes
from verifier.ocr import OcrEngine, get_engine
from verifier.orient import detect_adaptive, orient_and_read, rotate_image
from verifier.prepare import prepare_page
from verifier.settings import Settings
from verifier.vertical_script import column_evidence


def phone_photo(page: np.ndarray, seed: int) -> np.ndarray:
    """The page tilted in perspective on a grey desk, softened, noisy, shrunk and saved as a rough JPEG."""
    rng = np.random.default_rng(seed)
    height, width = page.shape[:2]
    corners = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    shifted = (corners + rng.uniform(-0.04, 0.04, (4, 2)) * [width, height]).astype(np.float32)
    matrix = cv2.getPerspectiveTransform(corners, shifted)
    photo = cv2.warpPerspective(page, matrix, (width, height), borderValue=(90, 90, 90))
    photo = cv2.GaussianBlur(photo, (3, 3), 0)
    photo = np.clip(photo + rng.normal(0, 8, photo.shape), 0, 255).astype(np.uint8)
    ok, data = cv2.imencode(".jpg", cv2.resize(photo, None, fx=0.6, fy=0.6), [cv2.IMWRITE_JPEG_QUALITY, 60])
    assert ok
    return cv2.imdecode(data, cv2.IMREAD_COLOR)


def share(engine: OcrEngine, image: np.ndarray, settings: Settings) -> str:
    evidence = column_evidence(engine, image, detect_adaptive(engine, image, settings.ocr))
    return "—" if evidence is None else f"{evidence.upright_share:.2f}"


def rendered(engine: OcrEngine, settings: Settings) -> None:
    print("rendered column pages (typeface, capture: taken for columns, upload turned, upright share)")
    for style in (FontStyle.kai, FontStyle.song, FontStyle.hei, FontStyle.title_serif):
        page = draw_column_page(APPOINTMENT, FACES[style][0], sign_off_from=APPOINTMENT_SIGN_OFF)
        for capture, image in (("clean", page), ("phone", phone_photo(page, seed=len(style.value)))):
            read = orient_and_read(engine, image, settings.orient, settings.ocr)
            print(f"  {style.value:12} {capture:6} {read.columns!s:5} {read.upload_turned:4} "
                  f"{share(engine, image, settings)}")
            for uploaded_at in (90, 270):  # a portrait shot of the page lying on its side: flagged, turn told
                read = orient_and_read(engine, rotate_image(image, uploaded_at), settings.orient, settings.ocr)
                told = (read.upload_turned + uploaded_at) % 360 == 0
                print(f"  {'':12} {capture:6} uploaded turned {uploaded_at}°: columns {read.columns}, turn told {told}")


def turned(engine: OcrEngine, settings: Settings, root: Path, turn: int) -> None:
    labels = BenchmarkLabels.model_validate_json((root / "labels.json").read_text(encoding="utf-8"))
    labelled = [d for d in labels.documents if d.rotation in (90, 270)]
    upright = [d for d in labels.documents if d.rotation == 0 and d.file.endswith((".jpg", ".png"))][:turn]
    cases = [(d.file, 0, d.rotation) for d in labelled] + [(d.file, t, t) for d in upright for t in (0, 90, 270)]
    columns = right = read = 0
    shares: list[float] = []  # of the pages read in the columns' frame (270°), where the test is made
    for file, extra, expected in cases:
        pages = ingest_bytes((root / file).read_bytes(), settings.ingest).pages
        if not pages:
            continue
        image = prepare_page(rotate_image(pages[0].image, (360 - extra) % 360), engine, settings).seen
        result = orient_and_read(engine, image, settings.orient, settings.ocr)
        read += 1
        columns += result.columns
        right += result.upload_turned == expected
        if result.columns:
            print(f"  taken for columns: {file} turned {expected}°")
        if result.rotation == 270:
            evidence = column_evidence(engine, image, detect_adaptive(engine, image, settings.ocr))
            if evidence is not None and evidence.anticlockwise > evidence.clockwise:
                shares.append(evidence.upright_share)
    print(f"pages of lines: {read} read, {columns} taken for columns, {right} read at the right turn "
          f"({len(labelled)} labelled turned uploads, {read - len(labelled)} upright pages as they are and turned)")
    if shares:
        print(f"  upright share of the {len(shares)} read at 270° with cells reading better anticlockwise: "
              f"highest {max(shares):.2f}, median {sorted(shares)[len(shares) // 2]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--turn", type=int, default=34, help="upright benchmark pages to turn both ways")
    args = parser.parse_args()
    settings = Settings()
    engine = get_engine(settings.ocr)
    rendered(engine, settings)
    turned(engine, settings, args.root, args.turn)


if __name__ == "__main__":
    main()
