"""Checks added when calibrating on the labelled benchmark: motion blur, cuts through the printed design,
a screen's pixel lattice, seals inside red frames, red title characters, and pages saved too small.

OCR lines are where the text was drawn (confidence 1.0), so each test isolates the image measure.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from models.flags import FlagCode
from models.page import TextLine
from verifier.quality import assess_page
from verifier.quality.recapture import measure_screen
from verifier.seals.detect import detect_seals

from .conftest import FONT_PATH, Drawn, draw_seal, render_certificate


def codes(image: np.ndarray, lines: list[TextLine]) -> set[FlagCode]:
    return {f.code for f in assess_page(image, lines, 1).flags}


def smear(image: np.ndarray, length: int, degrees: float) -> np.ndarray:
    """A straight camera shake of `length` pixels in one direction."""
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0
    m = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), degrees, 1.0)
    kernel = cv2.warpAffine(kernel, m, (length, length))
    return cv2.filter2D(image, -1, kernel / kernel.sum())


def scaled(lines: list[TextLine], factor: float) -> list[TextLine]:
    return [TextLine(ln.text, [(x * factor, y * factor) for x, y in ln.box], ln.confidence) for ln in lines]


def test_motion_blur_is_blurry_in_any_direction(clean_page: Drawn):
    assert FlagCode.BLURRY not in codes(clean_page.image, clean_page.lines)
    for degrees in (0, 45, 90):
        shaken = smear(clean_page.image, 15, degrees)
        assert FlagCode.BLURRY in codes(shaken, clean_page.lines), degrees


def test_slight_shake_is_not_blurry(clean_page: Drawn):
    assert FlagCode.BLURRY not in codes(smear(clean_page.image, 3, 30), clean_page.lines)


def test_cut_through_the_frame_without_text_at_the_edge_is_incomplete(clean_page: Drawn):
    # The top 5% goes: the frame's rules are cut, no text line reaches the new edge.
    top = int(clean_page.image.shape[0] * 0.05)
    cropped = clean_page.image[top:].copy()
    lines = [TextLine(ln.text, [(x, y - top) for x, y in ln.box], 1.0) for ln in clean_page.lines]
    quality = assess_page(cropped, lines, 1)
    assert quality.scores["lines_at_edge"] == 0
    assert FlagCode.INCOMPLETE in {f.code for f in quality.flags}


def test_trimmed_margin_and_desk_around_the_page_are_complete(clean_page: Drawn):
    trimmed = clean_page.image[12:-12, 12:-12].copy()  # only paper outside the frame goes
    lines = [TextLine(ln.text, [(x - 12, y - 12) for x, y in ln.box], 1.0) for ln in clean_page.lines]
    assert FlagCode.INCOMPLETE not in codes(trimmed, lines)
    on_desk = cv2.copyMakeBorder(clean_page.image, 80, 80, 80, 80, cv2.BORDER_CONSTANT, value=(60, 70, 90))
    assert FlagCode.INCOMPLETE not in codes(
        on_desk, [TextLine(ln.text, [(x + 80, y + 80) for x, y in ln.box], 1.0) for ln in clean_page.lines]
    )


def screen_photo(image: np.ndarray) -> np.ndarray:
    """Each page pixel shown as an RGB stripe triple on a screen, photographed at two camera pixels per
    screen pixel: the lattice lands on the Nyquist frequency, one of the 8-px JPEG grid frequencies."""
    h, w = image.shape[:2]
    cell = 3
    small = cv2.resize(image, (w // cell, h // cell), interpolation=cv2.INTER_AREA)
    shown = cv2.resize(small, (small.shape[1] * cell, small.shape[0] * cell), interpolation=cv2.INTER_NEAREST)
    mask = np.full((cell, cell, 3), 0.35, np.float32)
    for k in range(3):
        mask[:, k, 2 - k] = 1.0  # BGR order: red, green, blue stripes
    mask[-1] *= 0.5
    grid = np.tile(mask, (shown.shape[0] // cell, shown.shape[1] // cell, 1))
    lit = np.clip(shown.astype(np.float32) * grid * 1.6, 0, 255).astype(np.uint8)
    return cv2.resize(lit, (lit.shape[1] * 2 // 3, lit.shape[0] * 2 // 3), interpolation=cv2.INTER_LINEAR)


def test_screen_pixel_lattice_is_a_recapture(clean_page: Drawn):
    photo = screen_photo(clean_page.image)
    grey = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY)
    assert measure_screen(grey, 512).grid > 1.0
    assert FlagCode.SCREEN_RECAPTURE in codes(photo, scaled(clean_page.lines, 2 / 3))


def test_jpeg_blocking_is_not_a_pixel_lattice(clean_page: Drawn):
    for quality in (10, 30, 75):
        _ok, buf = cv2.imencode(".jpg", clean_page.image, [cv2.IMWRITE_JPEG_QUALITY, quality])
        grey = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)
        assert measure_screen(grey, 512).grid < 1.0, quality


def test_seal_inside_a_red_frame_is_found():
    page = render_certificate(seal=True)
    cv2.rectangle(page.image, (20, 20), (1380, 980), (40, 30, 215), 10)  # a red border around the sheet
    seals = detect_seals(page.image)
    assert len(seals) == 1 and 200 < seals[0].axes[0] < 260


def red_title(text: str, size: int = 110) -> np.ndarray:
    """A page with a bold red title: its characters close into round-ish red blobs in a row."""
    img = Image.new("RGB", (1400, 1000), (250, 248, 242))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT_PATH.replace("Regular", "Bold"), size)
    draw.text((350, 80), text, font=font, fill=(215, 30, 40), spacing=0)
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def test_red_title_characters_are_not_seals():
    assert detect_seals(red_title("荣 誉 证 书")) == []


def test_two_seals_side_by_side_are_both_found():
    page = render_certificate(seal=False)
    draw_seal(page.image, (450, 720), 110)
    draw_seal(page.image, (720, 720), 110)
    assert len(detect_seals(page.image)) == 2


def test_page_saved_too_small_is_low_resolution(clean_page: Drawn):
    for factor, expected in ((0.45, True), (0.7, False)):
        small = cv2.resize(clean_page.image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
        # Large type keeps the line height above the text-size limit: only the page size can tell.
        lines = [ln for ln in scaled(clean_page.lines, factor) if ln.height >= 20]
        assert (FlagCode.LOW_RESOLUTION in codes(small, lines)) is expected, factor
        assert math.isfinite(assess_page(small, lines, 1).scores["long_side_px"])


def test_seal_stamped_across_a_red_border_is_found():
    page = render_certificate(seal=False)
    cv2.rectangle(page.image, (40, 40), (1360, 960), (40, 30, 215), 10)  # a double red border
    cv2.rectangle(page.image, (62, 62), (1338, 938), (40, 30, 215), 4)
    draw_seal(page.image, (60, 700), 115)  # stamped across both rules, half outside the frame
    assert detect_seals(page.image)


def test_red_photo_background_is_not_a_seal():
    page = render_certificate(seal=False)
    cv2.rectangle(page.image, (1050, 250), (1250, 520), (40, 30, 215), -1)  # ID photo: red background
    cv2.ellipse(page.image, (1150, 470), (80, 90), 0, 180, 360, (60, 50, 40), -1)  # shoulders
    cv2.circle(page.image, (1150, 340), 55, (170, 190, 220), -1)  # face
    assert detect_seals(page.image) == []


def test_page_too_dark_to_see_a_seal_is_not_called_unsealed(clean_page: Drawn):
    from models.vocab import DocType
    from verifier.quality import assess_document

    unsealed = render_certificate(seal=False).image
    dark = np.clip(unsealed.astype(np.float32) * 0.2, 0, 255).astype(np.uint8)
    quality = assess_page(dark, clean_page.lines, 1)
    assert FlagCode.TOO_DARK in {f.code for f in quality.flags}
    _, flags = assess_document([quality], [dark], DocType.honor_certificate)
    assert FlagCode.NO_SEAL not in {f.code for f in flags}
    bright = assess_page(unsealed, clean_page.lines, 1)
    _, flags = assess_document([bright], [unsealed], DocType.honor_certificate)
    assert FlagCode.NO_SEAL in {f.code for f in flags}


def test_white_scan_without_ocr_lines_is_not_overexposed():
    # A sparse page: two short lines cover ≈ 1% of it, less than the 2% the ink level once assumed.
    img = Image.new("RGB", (1400, 1000), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT_PATH, 40)
    draw.text((140, 300), "张明华 老师：特发此证。", font=font, fill=(20, 20, 20))
    draw.text((140, 400), "证书编号：2023-0417", font=font, fill=(20, 20, 20))
    white = cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)
    assert FlagCode.OVEREXPOSED not in codes(white, [])
    washed = np.clip(white.astype(np.float32) * 0.3 + 200, 0, 255).astype(np.uint8)
    assert FlagCode.OVEREXPOSED in codes(washed, [])


def test_a_screen_photo_is_smoothed_before_reading_and_a_paper_scan_is_not(clean_page: Drawn):
    from verifier.ocr import NullEngine
    from verifier.prepare import prepare_page
    from verifier.settings import Settings

    photo = screen_photo(clean_page.image)
    prepared = prepare_page(photo, NullEngine(), Settings())
    assert prepared.seen is not photo and prepared.seen.shape == photo.shape
    # The lattice the detector stumbles over is gone from what it reads; the upload itself is untouched.
    assert measure_screen(prepared.seen, 512).grid < 0.5 * measure_screen(photo, 512).grid
    unsealed = render_certificate(seal=False).image  # (a seal would be lifted, which copies the page)
    assert prepare_page(unsealed, NullEngine(), Settings()).seen is unsealed
