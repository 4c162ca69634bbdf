"""Orientation: a page uploaded at 90/180/270 degrees is read upright, with the same text."""

from __future__ import annotations

import numpy as np
import pytest

from verifier.ocr.base import box_extent
from verifier.orient import orient_and_read, rotate_boxes, rotate_image

pytestmark = pytest.mark.ocr


def test_rotate_boxes_matches_rotate_image() -> None:
    image = np.zeros((100, 200, 3), np.uint8)
    image[10:20, 30:80] = 255
    box = np.array([[30, 10], [79, 10], [79, 19], [30, 19]], np.float32)
    for degrees in (90, 180, 270):
        rotated = rotate_image(image, degrees)
        (mapped,) = rotate_boxes([box], degrees, 200, 100)
        x0, y0 = mapped.min(axis=0).astype(int)
        x1, y1 = mapped.max(axis=0).astype(int)
        assert rotated[y0 : y1 + 1, x0 : x1 + 1].min() == 255, degrees


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_rotate_boxes_keeps_a_thin_box_whole(degrees: int) -> None:
    # A sliver 3 px wide and 92 tall (a frame rule the detector found) once collapsed to a zero-height line.
    box = np.array([[1082.0, 3087.0], [1085.4, 3087.0], [1085.4, 3179.0], [1082.0, 3179.0]], np.float32)
    (mapped,) = rotate_boxes([box], degrees, 2603, 3488)
    width, height = box_extent(mapped)
    assert sorted((round(width, 1), round(height, 1))) == [3.4, 92.0]
    assert (width > height) == (degrees != 180), "a quarter turn lays the sliver down, a half turn keeps it standing"
    (back,) = rotate_boxes([mapped], 360 - degrees, *((3488, 2603) if degrees != 180 else (2603, 3488)))
    assert np.allclose(back, box, atol=1e-3), "turning back gives the same corners in the same order"


@pytest.fixture(scope="module")
def upright_text(ocr_engine, certificate) -> list[str]:  # type: ignore[no-untyped-def]
    read = orient_and_read(ocr_engine, certificate)
    assert read.rotation == 0
    return [line.text for line in read.lines]


@pytest.mark.parametrize("uploaded_at", [90, 180, 270])
def test_rotated_upload_is_read_upright(ocr_engine, certificate, upright_text, uploaded_at) -> None:  # type: ignore[no-untyped-def]
    read = orient_and_read(ocr_engine, rotate_image(certificate, uploaded_at))
    assert (read.rotation + uploaded_at) % 360 == 0
    assert not read.columns, "a turned page of lines is no page written in columns"
    assert read.image.shape == certificate.shape
    assert [line.text for line in read.lines] == upright_text
    assert read.confidence is not None and read.confidence > 0.6


class _Counting:
    """The engine, counting recognition calls."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.name, self.recognitions = inner, inner.name, 0

    def detect(self, image, max_side=None):  # type: ignore[no-untyped-def]
        return self.inner.detect(image, max_side)

    def recognize(self, crops):  # type: ignore[no-untyped-def]
        self.recognitions += 1
        return self.inner.recognize(crops)


@pytest.mark.parametrize("uploaded_at", [90, 270])
def test_sideways_page_read_turned_first(ocr_engine, certificate, upright_text, uploaded_at) -> None:  # type: ignore[no-untyped-def]
    # A sideways photo comes turned a quarter clockwise, righted by 270°: its sample is read turned half round
    # first, and read confidently there it is not read the other way; one turned anticlockwise (righted by 90°)
    # is read both ways, and still right.
    from verifier.settings import OrientSettings

    counts = {}
    for first in (270, 90):
        counting = _Counting(ocr_engine)
        read = orient_and_read(counting, rotate_image(certificate, uploaded_at), OrientSettings(sideways_first=first))
        assert (read.rotation + uploaded_at) % 360 == 0
        assert [line.text for line in read.lines] == upright_text
        counts[first] = counting.recognitions
    # Righted by 270°: the sample once, the column gate's first look, the rest (the sample twice tried at 90°
    # first); righted by 90°: the sample both ways, then the rest (once, tried at 90° first).
    assert counts == ({270: 3, 90: 4} if uploaded_at == 90 else {270: 3, 90: 2})


def test_sideways_order_changes_no_text(ocr_engine, certificate) -> None:  # type: ignore[no-untyped-def]
    # Both orders read the same crops (cut at 90°, turned for 270°): the same lines, text and confidence.
    from verifier.settings import OrientSettings

    turned = rotate_image(certificate, 90)
    first_270 = orient_and_read(ocr_engine, turned, OrientSettings(sideways_first=270))
    first_90 = orient_and_read(ocr_engine, turned, OrientSettings(sideways_first=90))
    assert first_270.rotation == first_90.rotation
    assert [(ln.text, ln.confidence, ln.box) for ln in first_270.lines] == [
        (ln.text, ln.confidence, ln.box) for ln in first_90.lines
    ]
