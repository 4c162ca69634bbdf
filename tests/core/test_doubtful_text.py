"""Too little read to tell a document's type is not the same as an irrelevant upload (other, UNKNOWN_TYPE): a page
on which the recogniser finds only marks it doubts itself (a smudge read as 以 at 0.24) holds no text, and a
certificate whose capture washed out all but its title has its type left undetermined."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest

from fixtures.capture import overexposed
from fixtures.content import DocRequest, random_person
from fixtures.places import IssuerFactory
from fixtures.templates.registry import render_document
from models.flags import FlagCode
from models.vocab import DocType
from verifier.document import analyze_document
from verifier.ocr.base import read_lines
from verifier.settings import Settings

pytestmark = pytest.mark.ocr


def _smudged_blank_page(seed: int) -> np.ndarray:
    """A blank, slightly soft page with a few short pencil scribbles in one place."""
    rng = np.random.default_rng(seed)
    page = np.full((1400, 1000, 3), 235, np.uint8)
    for _ in range(6):
        start = np.array([int(rng.integers(300, 600)), int(rng.integers(300, 400))])
        points = np.cumsum(rng.integers(-12, 13, size=(8, 2)), axis=0) + start
        cv2.polylines(page, [points.astype(np.int32)], False, (120, 120, 120), 3)
    return cv2.GaussianBlur(page, (5, 5), 0)


def test_a_page_of_doubtful_marks_is_not_classified(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    page = _smudged_blank_page(5)
    settings = Settings()
    marks = read_lines(ocr_engine, page)
    assert marks, "the scribbles must be read as something"
    assert all(line.confidence < settings.ocr.text_score for line in marks), "and only with doubt"
    ok, data = cv2.imencode(".png", page)
    assert ok

    report = analyze_document(data.tobytes(), "smudge.png", None, ocr_engine, settings).report

    assert report.doc_type is None
    assert FlagCode.UNKNOWN_TYPE not in {flag.code for flag in report.flags}
    assert {flag.code for flag in report.flags} & {FlagCode.UNREADABLE, FlagCode.BLURRY}
    assert not report.text.strip()  # doubted marks are no text


def test_a_washed_out_certificate_whose_title_alone_survives_is_undetermined(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    # An honour certificate photographed under strong light: the whole page washed out, and below its title the
    # print keeps 4% of its contrast. (The title alone on a page that is not washed out is a booklet's cover.)
    rng = random.Random(3)
    rendered = render_document(DocRequest(DocType.honor_certificate, random_person(rng, IssuerFactory(rng)), 3, 3))
    page = overexposed(np.asarray(rendered.image), np.random.default_rng(3)).astype(np.float32)
    title_end = int(0.3 * page.shape[0])
    page[title_end:] = 255 - (255 - page[title_end:]) * 0.04
    ok, data = cv2.imencode(".jpg", cv2.cvtColor(page.astype(np.uint8), cv2.COLOR_RGB2BGR))
    assert ok

    report = analyze_document(data.tobytes(), "washed.jpg", None, ocr_engine, Settings()).report

    codes = {flag.code for flag in report.flags}
    assert "荣誉证书" in report.text and FlagCode.OVEREXPOSED in codes
    # Not "no evidence document" (a cover, a notice): the type is unknown because the light took the text.
    assert report.doc_type is None
    assert FlagCode.UNKNOWN_TYPE not in codes
