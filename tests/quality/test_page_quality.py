"""Per-page capture measures on rendered pages read by the real OCR engine."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from models.flags import FlagCode
from models.page import TextLine
from verifier.quality import QualitySettings, assess_page

from .conftest import FONT_PATH, render_certificate

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


def screenshot_of_a_list(rows: int = 20) -> np.ndarray:
    """A table of names, student numbers and schools in 14 px type, rendered on the pixel grid as a screenshot
    saves it: a page 520 px wide whose type is small but crisp."""
    font = ImageFont.truetype(FONT_PATH, 14)
    img = Image.new("RGB", (520, 24 + rows * 22), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    surnames, given = "王李张刘陈杨赵黄周吴", "明华建国晓红志强海燕丽娟文博思远"
    schools = ["艺术学院", "物理学院", "计算机学院", "公共管理学院", "光电工程学院"]
    for r in range(rows):
        y = 12 + r * 22
        name = surnames[r % 10] + given[(3 * r) % 16] + given[(5 * r + 1) % 16]
        for x, text in ((14, str(r + 1)), (70, name), (170, f"2023{4000 + 37 * r:04d}"), (320, schools[r % 5])):
            draw.text((x, y), text, font=font, fill=(0, 0, 0))
        draw.line([(8, y - 4), (512, y - 4)], fill=(0, 0, 0))
    return np.ascontiguousarray(np.asarray(img)[:, :, ::-1])


def test_small_crisp_type_read_without_doubt_is_not_low_resolution(ocr):
    # Class 9 of the real-certificate failures: screenshots of lists and score reports have small type on a small
    # page, yet every line reads without doubt. The resolution is judged by the text, not by the image's size.
    image = screenshot_of_a_list()
    quality = assess_page(image, ocr(image), 1)
    assert max(image.shape[:2]) < QualitySettings().min_long_side_px
    assert quality.scores["text_height_px"] < QualitySettings().min_text_height_px
    assert FlagCode.LOW_RESOLUTION not in {f.code for f in quality.flags}


def test_thumbnail_of_a_certificate_is_low_resolution(ocr):
    # A certificate saved as a 400 px thumbnail: its headline still reads, its small print only with doubt.
    thumbnail = cv2.resize(render_certificate().image, (400, 286), interpolation=cv2.INTER_AREA)
    assert FlagCode.LOW_RESOLUTION in codes(thumbnail, ocr(thumbnail))


def with_badge(bgr: np.ndarray, fill: tuple[int, int, int], lettering: tuple[int, int, int]) -> np.ndarray:
    """A rounded pill with two characters in the page's top-left corner, as a picture viewer draws its badge."""
    out = bgr.copy()
    cv2.rectangle(out, (70, 10), (300, 140), fill, -1)
    for cx in (70, 300):
        cv2.circle(out, (cx, 75), 65, fill, -1)
    img = Image.fromarray(out[:, :, ::-1])
    ImageDraw.Draw(img).text((130, 48), "动态", font=ImageFont.truetype(FONT_PATH, 44), fill=lettering[::-1])
    return np.ascontiguousarray(np.asarray(img)[:, :, ::-1])


def test_a_viewers_badge_in_a_corner_is_screen_recapture(ocr):
    # Class 9 of the real-certificate failures: a photo viewer showing the certificate draws a flat dark pill with
    # light lettering (动态) in a corner; no printed page has that, so the upload is a picture of a screen.
    shown = with_badge(render_certificate().image, (40, 40, 40), (245, 245, 245))
    assert FlagCode.SCREEN_RECAPTURE in codes(shown, ocr(shown))
    # Gold lettering on a red 聘书's saturated fill is print, not a viewer.
    red = with_badge(render_certificate().image, (30, 30, 170), (80, 200, 235))
    assert FlagCode.SCREEN_RECAPTURE not in codes(red, ocr(red))
