"""Per-page capture measures on rendered pages read by the real OCR engine."""

from __future__ import annotations

import numpy as np
import pytest

from models.flags import FlagCode
from models.page import TextLine
from verifier.quality import QualitySettings, assess_page

pytestmark = pytest.mark.ocr


def codes(image: np.ndarray, lines: list[TextLine]) -> set[FlagCode]:
    return {f.code for f in assess_page(image, lines, 1).flags}


def test_clean_page_raises_no_flag(read_page):
    image, lines = read_page("clean")
    quality = assess_page(image, lines, 1)
    assert quality.flags == []
    assert {"sharpness", "skew_deg", "moire_peak", "paper_level", "text_height_px"} <= quality.scores.keys()


def test_blurred_page_is_blurry_even_when_ocr_still_reads_it(read_page):
    image, lines = read_page("blurred")
    quality = assess_page(image, lines, 1)
    assert FlagCode.BLURRY in {f.code for f in quality.flags}
    clean = assess_page(*read_page("clean"), 1)
    assert quality.scores["sharpness"] < clean.scores["sharpness"] / 10


def test_dark_page_is_too_dark_and_nothing_else(read_page):
    assert codes(*read_page("dark")) == {FlagCode.TOO_DARK}


def test_rotated_page_is_skewed_with_its_angle(read_page):
    image, lines = read_page("rotated_7")
    quality = assess_page(image, lines, 1)
    skewed = [f for f in quality.flags if f.code == FlagCode.SKEWED]
    assert len(skewed) == 1
    assert abs(quality.scores["skew_deg"] - 7.0) <= 1.5
    assert "7." in skewed[0].message  # the measured angle is in the clerk's message


def test_page_cut_through_the_text_is_incomplete(read_page):
    assert FlagCode.INCOMPLETE in codes(*read_page("cropped"))
    assert FlagCode.INCOMPLETE not in codes(*read_page("clean"))


def test_photo_of_a_screen_is_a_recapture(read_page):
    assert FlagCode.SCREEN_RECAPTURE in codes(*read_page("moire"))


def test_thresholds_come_from_the_settings(read_page):
    image, lines = read_page("rotated_7")
    lenient = QualitySettings(skew_max_deg=10.0)
    assert FlagCode.SKEWED not in {f.code for f in assess_page(image, lines, 1, lenient).flags}
