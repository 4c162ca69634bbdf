"""Red seals, red suppression, and the document-level NO_SEAL and PHOTOCOPY decisions."""

from __future__ import annotations

import cv2
import numpy as np

from models.flags import FlagCode
from models.vocab import DocType
from verifier.quality import assess_document
from verifier.seals.detect import detect_seals

from .conftest import draw_seal, photocopy, render_certificate


def doc_codes(image: np.ndarray, doc_type: DocType) -> set[FlagCode]:
    _, flags = assess_document([], [image], doc_type)
    return {f.code for f in flags}


def test_drawn_round_seal_is_found_where_it_was_drawn():
    page = render_certificate(width=1400, height=1000)
    seals = detect_seals(page.image)
    assert len(seals) == 1
    cx, cy = seals[0].centre
    assert abs(cx - 350) < 15 and abs(cy - 720) < 15
    assert 200 < seals[0].axes[0] < 260  # drawn with radius 115


def test_seal_over_the_issuer_line_is_found():
    page = render_certificate(seal_over_text=True)
    assert len(detect_seals(page.image)) == 1


def test_page_without_seal_has_none_even_with_red_title():
    page = render_certificate(seal=False)
    page.image[100:190, 500:900] = (40, 30, 215)  # a red title block: red, but no ring
    assert detect_seals(page.image) == []


def test_sealed_original_gets_no_document_flag():
    assert doc_codes(render_certificate().image, DocType.award_certificate) == set()


def test_sealed_type_without_seal_gets_no_seal():
    assert doc_codes(render_certificate(seal=False).image, DocType.honor_certificate) == {FlagCode.NO_SEAL}


def test_unsealed_type_needs_no_seal():
    assert doc_codes(render_certificate(seal=False).image, DocType.publication) == set()


def test_grey_copy_of_a_sealed_certificate_is_a_photocopy():
    copy = photocopy(render_certificate().image)
    scores, flags = assess_document([], [copy], DocType.award_certificate)
    assert [f.code for f in flags] == [FlagCode.PHOTOCOPY]
    assert flags[0].page is None and scores["colourfulness"] < 1


def test_seal_on_any_page_is_enough():
    pages = [render_certificate(seal=False).image, render_certificate().image]
    scores, flags = assess_document([], pages, DocType.teacher_qualification)
    assert flags == [] and scores["seal_pages"] == [2]


def test_seal_ring_broken_by_writing_across_it_is_one_seal():
    # Class 9 of the real-certificate failures: a handwritten date written through the ring on both sides
    # leaves two arcs, one above the other; they are one seal, not a row of title characters.
    page = render_certificate(seal=False)
    centre, radius = (700, 720), 115
    draw_seal(page.image, centre, radius)
    x, y = centre
    for dx in (-radius, radius):  # black strokes 60 × 28 px through the ring's left and right
        cv2.rectangle(page.image, (x + dx - 30, y - 14), (x + dx + 30, y + 14), (30, 30, 30), -1)
    seals = detect_seals(page.image)
    assert len(seals) == 1
    assert abs(seals[0].centre[0] - centre[0]) < 25 and abs(seals[0].centre[1] - centre[1]) < 25
    assert doc_codes(page.image, DocType.award_certificate) == set()


# Cream paper and a faded seal's wash, as measured on a real scan (BGR): the ring's ink keeps 75%, 80% and 98% of
# the paper's blue, green and red, which on this paper is salmon (hue 11–16 of OpenCV's 180), outside the red band.
_CREAM = np.array([234, 255, 253], np.float32) / 255
_FADED_INK = (0.75, 0.80, 0.98)


def _on_cream(bgr: np.ndarray) -> np.ndarray:
    return (bgr.astype(np.float32) * _CREAM).astype(np.uint8)


def _faded_ring(bgr: np.ndarray, centre: tuple[int, int], radius: int, width: int) -> None:
    ink = np.ones(bgr.shape, np.float32)
    cv2.circle(ink, centre, radius, _FADED_INK, width, cv2.LINE_AA)
    bgr[:] = (bgr.astype(np.float32) * ink).astype(np.uint8)


def test_faded_seal_on_cream_paper_is_no_missing_seal():
    # Class 9 of the real-certificate failures: a seal whose ink has faded to a pale wash on cream paper left
    # only fragments of its ring in the red mask and the certificate was told it had no seal.
    page = _on_cream(render_certificate(seal=False).image)
    _faded_ring(page, (1050, 720), 115, 9)
    assert detect_seals(page) == []  # the red mask alone does not see it
    scores, flags = assess_document([], [page], DocType.award_certificate)
    assert flags == [] and scores["faded_seals"] == 1


def test_cream_paper_without_a_seal_still_has_none():
    # The paper's tint divided out, a page with no seal gains none: neither from its brown frame nor from a
    # small salmon curl of a border ornament, far smaller than a seal.
    page = _on_cream(render_certificate(seal=False).image)
    _faded_ring(page, (80, 80), 20, 5)
    assert doc_codes(page, DocType.honor_certificate) == {FlagCode.NO_SEAL}
