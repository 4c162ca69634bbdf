"""Seals are looked for once per page: an upload turned from upright is searched as uploaded (its seal ink is
lifted before the turn is known) and what depends on the turn is decided on those candidates once it is known;
every stage after the reading (the document's seal check, the re-reads around the seals, the seal rings) takes
the seals the page was read with, and a picture only a re-read needs (a text layer's rendering, a screen photo
smoothed) is searched the first time one asks and never again. Counted over the real detector on real
generated pages."""

from __future__ import annotations

import hashlib
import io
import random
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import nullcontext

import cv2
import numpy as np
import pytest

import verifier.document
from fixtures.benchmark import benchmark_document
from fixtures.draw import Sheet
from fixtures.seal import stamp_seal
from models.page import Page
from tests.conftest import cjk_font
from verifier.document import analyze_document
from verifier.imaging import downscale
from verifier.reading import read_page
from verifier.rereads import Draft
from verifier.seals import detect
from verifier.settings import Settings

# Documents of the seed-2 benchmark, one per way a page reaches the seals (see its labels): an upload turned a
# quarter, a PDF with a text layer, a photo of a screen.
TURNED, TEXT_LAYER, SCREEN, SCAN_PDF = 25, 37, 8, 11


@pytest.fixture
def searches(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[tuple[int, ...], str]]]:
    """Every search of the real detector, as the picture it searched at its working size (shape, digest)."""
    real, found = detect.search_seals, []
    settings = Settings().quality

    def counting(image: np.ndarray, *args: object, **kwargs: object) -> object:
        small = kwargs["small_bgr"] if "small_bgr" in kwargs else args[1] if len(args) > 1 else None
        working = small if isinstance(small, np.ndarray) else downscale(image, settings.working_width)[0]
        found.append((working.shape, hashlib.sha1(np.ascontiguousarray(working).tobytes()).hexdigest()))
        return real(image, *args, **kwargs)  # type: ignore[arg-type]

    for module in list(sys.modules.values()):
        named = module is not None and module.__name__.startswith("verifier")
        if named and getattr(module, "search_seals", None) is real:
            monkeypatch.setattr(module, "search_seals", counting)
    # Every re-read around the seals is made to run: the first reading's issuer and date are taken away.
    complete = verifier.document.complete

    def with_sign_off_unread(draft: Draft) -> object:
        draft.report.fields.issuer = draft.report.fields.issue_date = None
        return complete(draft)

    monkeypatch.setattr(verifier.document, "complete", with_sign_off_unread)
    yield found


def _analyze(data: bytes, file: str, ocr_engine: object) -> None:
    analyze_document(data, file, None, ocr_engine, Settings())  # type: ignore[arg-type]


def _twice(found: list[tuple[tuple[int, ...], str]]) -> list[tuple[int, ...]]:
    return [shape for (shape, _), n in Counter(found).items() if n > 1]


def test_a_turned_page_is_searched_once_as_uploaded(searches, ocr_engine) -> None:  # type: ignore[no-untyped-def]
    data, label = benchmark_document(seed=2, number=TURNED)
    assert label.rotation
    _analyze(data, label.file, ocr_engine)
    # Its seal ink is lifted before reading (the turn is not known yet); its seals are that search's candidates
    # decided upright, where a red title's characters are told from a seal by the way its lines run.
    assert len(searches) == 1


def test_a_screen_photo_is_searched_as_uploaded_and_once_smoothed(searches, ocr_engine) -> None:  # type: ignore[no-untyped-def]
    data, label = benchmark_document(seed=2, number=SCREEN)
    _analyze(data, label.file, ocr_engine)
    assert _twice(searches) == []
    assert 1 <= len(searches) <= 2


def test_a_text_layer_is_searched_once_when_a_reader_asks(searches, ocr_engine) -> None:  # type: ignore[no-untyped-def]
    data, label = benchmark_document(seed=2, number=TEXT_LAYER)
    _analyze(data, label.file, ocr_engine)
    assert len(searches) == 1  # the seal ring asked for the issuer


def test_a_pdf_of_a_text_page_and_a_scan_searches_each_page_once(searches, ocr_engine) -> None:  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    for number in (TEXT_LAYER, SCAN_PDF):
        merged.import_pages(pdfium.PdfDocument(benchmark_document(seed=2, number=number)[0]))
    out = io.BytesIO()
    merged.save(out)
    _analyze(out.getvalue(), "mixed.pdf", ocr_engine)
    # The scan's seals are found as it is read, the text page's when the seal check or the rings first ask.
    assert _twice(searches) == []
    assert len(searches) == 2


def _turned_sealed_page() -> tuple[np.ndarray, tuple[float, float], float]:
    """An invented certificate (a red title, lines of black print, a seal stamped over the issuer) uploaded a
    quarter turn anticlockwise, with the seal's centre and diameter on the upright page."""
    sheet = Sheet(1400, 1000)
    sheet.draw.text((450, 70), "荣誉证书", font=cjk_font(110), fill=(205, 30, 35))  # red print, not a seal
    for row, text in enumerate(("兹授予林晓舟同志", "二〇二三年度优秀教师称号", "特发此证以资鼓励")):
        sheet.draw.text((200, 300 + row * 110), text, font=cjk_font(64), fill="black")
    sheet.draw.text((820, 720), "青禾县教育局", font=cjk_font(56), fill="black")
    sheet.draw.text((800, 820), "二〇二三年九月十日", font=cjk_font(48), fill="black")
    stamp_seal(sheet, "青禾县教育局", 980, 760, 240, random.Random(7))
    upright = cv2.cvtColor(np.asarray(sheet.image), cv2.COLOR_RGB2BGR)
    return cv2.rotate(upright, cv2.ROTATE_90_COUNTERCLOCKWISE), (980.0, 760.0), 240.0


def test_a_turned_page_has_its_seals_found_once_and_decided_upright(searches, ocr_engine) -> None:  # type: ignore[no-untyped-def]
    uploaded, (cx, cy), diameter = _turned_sealed_page()
    read = read_page(Page(1, uploaded), ocr_engine, Settings(), lambda _stage: nullcontext())
    assert read.rotation == 90  # turned a quarter clockwise to stand upright
    assert [shape for shape, _ in searches] == [downscale(uploaded, Settings().quality.working_width)[0].shape]
    # The seal, in the upright page's pixels where it was stamped; the red title's characters are no seals.
    assert read.seals is not None and len(read.seals) == 1
    (x, y), (major, _) = read.seals[0].centre, read.seals[0].axes
    assert abs(x - cx) < 0.05 * diameter and abs(y - cy) < 0.05 * diameter
    assert 0.85 * diameter < major < 1.15 * diameter
    # As uploaded the title's characters stand one below the other, like seals: only the turn tells them apart.
    assert len(detect.search_seals(uploaded).seals()) > 1
