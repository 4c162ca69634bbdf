"""A labelled set of phone-sized photos made by the fixture generator, for the speed benchmark.

    python bench/phone_photos.py OUT [--n 30] [--seed 11]

Real uploads are phone photos 3000–4096 px on the long side, some turned a quarter or upside down, saved as
JPEG. The benchmark's own pages are drawn at 150 dpi (about 1,750 px), so this set draws the same documents,
enlarges each page so the photo comes out 3000–4096 px long with its text as many pixels high as on a real
photo of the paper, photographs it on a desk (perspective, shadow, noise), turns some of them, and saves JPEG.
Every fifth document is a form with a dense table (个人业绩公示表, 职称评审表). OUT gets documents/NNNN.jpg and
labels.json in the benchmark's format, so `verifier eval OUT` scores it and `bench/pipeline_vs_ocr.py OUT/documents`
times it.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fixtures.content import DocRequest, random_person
from fixtures.files import encode_image, write
from fixtures.labels import BenchmarkLabels, DocumentLabel
from fixtures.places import IssuerFactory
from fixtures.produce import Recipe, capture_page, label_for
from fixtures.templates.registry import render_document
from models import DocType

# Photos come out between these long sides (pixels), as phones from 12 to 16 megapixels take them.
LONG_SIDES = (3000, 4096)
# How often a photo is turned: most are taken upright, some sideways, a few upside down.
TURNS = ["", "", "", "", "rotate_90", "rotate_270", "", "rotate_180"]
_TABLES = [DocType.publicity_form, DocType.personnel_form]
_TYPES = [t for t in DocType if t not in (DocType.other, *_TABLES)]


def photo_of(req: DocRequest, turn: str, seed: int) -> tuple[bytes, DocumentLabel]:
    """One document photographed at phone size: its JPEG bytes and its label."""
    rng = np.random.default_rng(seed)
    rendered = render_document(req)
    page = np.asarray(rendered.image)
    long_side = int(rng.integers(LONG_SIDES[0], LONG_SIDES[1] + 1))
    # The desk around the page adds 12–24% to each side: enlarge the page so the photo lands near long_side.
    scale = long_side / (max(page.shape[:2]) * 1.18)
    page = cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    recipe = Recipe(["phone_photo", *([turn] if turn else [])], fmt="jpg", quality=int(rng.integers(80, 93)))
    photo = capture_page(page, recipe, seed)
    fit = long_side / max(photo.shape[:2])
    photo = cv2.resize(photo, None, fx=fit, fy=fit, interpolation=cv2.INTER_AREA if fit < 1 else cv2.INTER_CUBIC)
    label = label_for(rendered, recipe, req, standalone=True)
    return encode_image(photo, "jpg", recipe.quality), label


def generate(out: Path, n: int, seed: int) -> Path:
    rng = random.Random(seed)
    issuers = IssuerFactory(rng)
    documents: list[DocumentLabel] = []
    for i in range(n):
        doc_type = rng.choice(_TABLES) if i % 5 == 4 else _TYPES[i % len(_TYPES)]
        req = DocRequest(doc_type, random_person(rng, issuers), rng.randrange(2**31), rng.randrange(2**31))
        data, label = photo_of(req, TURNS[i % len(TURNS)], rng.randrange(2**31))
        path = f"documents/{i + 1:04d}.jpg"
        write(out / path, data)
        documents.append(label.model_copy(update={"file": path}))
        print(f"{path} {doc_type.value} {label.rotation}°", flush=True)
    labels = BenchmarkLabels(seed=seed, n=n, documents=documents, submissions=[])
    write(out / "labels.json", labels.model_dump_json(indent=1).encode("utf-8"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    generate(args.out, args.n, args.seed)


if __name__ == "__main__":
    main()
