"""Page measures that need no OCR: lines are taken from where the text was drawn."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from models.flags import FlagCode
from models.page import TextLine
from verifier.quality import assess_page
from verifier.quality.geometry import skew_from_pixels
from verifier.quality.recapture import measure_screen
from verifier.settings.quality import QualitySettings

from .conftest import Drawn, moire, render_certificate, rotate


def codes(image: np.ndarray, lines: list[TextLine]) -> set[FlagCode]:
    return {f.code for f in assess_page(image, lines, 1).flags}


def scaled(lines: list[TextLine], factor: float) -> list[TextLine]:
    return [TextLine(ln.text, [(x * factor, y * factor) for x, y in ln.box], ln.confidence) for ln in lines]


def with_glare(page: Drawn) -> np.ndarray:
    """A phone photo: paper at ~190 grey, and a specular highlight over the body text, bright enough to
    clip black ink to white at its core (a lamp's reflection saturates the sensor well past white)."""
    h, w = page.image.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    spot = np.exp(-(((xx - 0.35 * w) / 110.0) ** 2 + ((yy - 0.4 * h) / 80.0) ** 2))
    photo = page.image.astype(np.float32) * 0.78 + spot[..., None] * 400
    return np.clip(photo, 0, 255).astype(np.uint8)


def test_blank_page_is_unreadable():
    blank = np.full((900, 1200, 3), 245, np.uint8)
    assert FlagCode.UNREADABLE in codes(blank, [])


def test_low_confidence_lines_do_not_count_as_readable(clean_page: Drawn):
    unsure = [TextLine(ln.text, ln.box, 0.2) for ln in clean_page.lines]
    assert FlagCode.UNREADABLE in codes(clean_page.image, unsure)


def test_small_text_is_low_resolution(clean_page: Drawn):
    small = cv2.resize(clean_page.image, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    assert FlagCode.LOW_RESOLUTION in codes(small, scaled(clean_page.lines, 0.25))
    assert FlagCode.LOW_RESOLUTION not in codes(clean_page.image, clean_page.lines)


def test_white_scan_is_neither_glare_nor_overexposed(clean_page: Drawn):
    white = clean_page.image.copy()
    white[white > 200] = 255  # paper clipped everywhere, as flatbed scanners do
    found = codes(white, clean_page.lines)
    assert FlagCode.GLARE not in found
    assert FlagCode.OVEREXPOSED not in found


def test_highlight_on_a_photo_is_glare(clean_page: Drawn):
    quality = assess_page(with_glare(clean_page), clean_page.lines, 1)
    assert FlagCode.GLARE in {f.code for f in quality.flags}
    assert 0.005 < quality.scores["glare_fraction"] < 0.1


def test_washed_out_text_is_overexposed(clean_page: Drawn):
    washed = np.clip(clean_page.image.astype(np.float32) * 0.4 + 200, 0, 255).astype(np.uint8)
    washed[washed > 235] = 255
    assert FlagCode.OVEREXPOSED in codes(washed, clean_page.lines)


def test_skew_without_ocr_boxes_comes_from_the_ink(clean_page: Drawn):
    tilted = cv2.cvtColor(rotate(clean_page.image, -4.0), cv2.COLOR_BGR2GRAY)
    angle = skew_from_pixels(tilted)
    assert angle is not None and abs(angle + 4.0) <= 1.0


def test_jpeg_and_resizing_are_not_mistaken_for_moire(clean_page: Drawn):
    for quality in (20, 60):
        for factor in (0.5, 0.8):
            small = cv2.resize(clean_page.image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
            _, data = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, quality])
            decoded = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
            assert measure_screen(decoded, 512).moire < 2.0


def test_moire_is_found_at_other_periods(clean_page: Drawn):
    for period in (4.0, 9.0):
        grey = cv2.cvtColor(moire(clean_page.image, period=period, depth=0.12), cv2.COLOR_BGR2GRAY)
        assert measure_screen(grey, 512).moire > 3.0


def test_large_photo_is_measured_at_working_width():
    page = render_certificate(width=1400, height=1000)
    big = cv2.resize(page.image, (4200, 3000), interpolation=cv2.INTER_CUBIC)
    quality = assess_page(big, scaled(page.lines, 3.0), 1)
    assert FlagCode.LOW_RESOLUTION not in {f.code for f in quality.flags}
    assert quality.scores["text_height_px"] > 100


def opened_booklet(page: np.ndarray, tilt: float) -> np.ndarray:
    """A booklet photographed open: two pages with the dark spine between them at the photo's centre, turned a
    little as a hand holds the phone, saved as a phone saves it."""
    h = page.shape[0]
    spine = np.full((h, 24, 3), (60, 70, 90), np.uint8)
    spread = rotate(np.hstack([page, spine, page]), tilt)
    _, data = cv2.imencode(".jpg", spread, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return cv2.imdecode(data, cv2.IMREAD_COLOR)


def test_a_booklets_spine_is_not_moire(clean_page: Drawn):
    # A straight edge across the measured centre leaves a ridge through the spectrum, not moiré's lone peak.
    threshold = QualitySettings().recapture_peak
    for tilt in (0.7, 1.5, 4.0):
        assert measure_screen(opened_booklet(clean_page.image, tilt), 512).moire < threshold - 0.5


def test_moire_over_a_booklets_spine_is_still_found(clean_page: Drawn):
    spread = opened_booklet(clean_page.image, 1.5)
    assert measure_screen(moire(spread, period=6.0, depth=0.12), 512).moire > QualitySettings().recapture_peak + 1.0


def crooked_white_scan(page: Drawn, degrees: float) -> tuple[np.ndarray, list[TextLine]]:
    """The page scanned crooked on a flatbed: its paper clipped to white, turned, white around it, and its
    lines' boxes turned with it (slanted outlines, as OCR finds them)."""
    white = page.image.copy()
    white[white > 200] = 255
    h, w = white.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    turned = cv2.warpAffine(white, matrix, (w, h), borderValue=(255, 255, 255))
    lines = [
        TextLine(ln.text, [tuple(matrix @ np.array([x, y, 1.0])) for x, y in ln.box], ln.confidence)
        for ln in page.lines
    ]
    return turned, lines


def test_a_crooked_scan_is_measured_where_its_text_is(clean_page: Drawn):
    # Ink, text height and softness are measured inside each line's slanted outline and across its own
    # height: its upright bounding box is mostly paper and reaches far down the page.
    settings = QualitySettings()
    straight = assess_page(*crooked_white_scan(clean_page, 0.0), 1).scores
    defocused = Drawn(cv2.GaussianBlur(clean_page.image, (0, 0), 2.0), clean_page.lines)
    for degrees in (6.0, 12.0):
        sharp = assess_page(*crooked_white_scan(clean_page, degrees), 1).scores
        soft = assess_page(*crooked_white_scan(defocused, degrees), 1).scores
        assert sharp["text_height_px"] == pytest.approx(straight["text_height_px"], rel=0.1)
        assert sharp["ink_level"] < straight["ink_level"] + 25
        assert soft["sharpness"] < settings.blur_soft < sharp["sharpness"]


def test_small_white_panel_on_a_tinted_page_is_not_glare(clean_page: Drawn):
    # Class 9 of the real-certificate failures: a scan or an electronic page with a tinted graphic around a small
    # white panel (a QR code's field, a logo's ground) has a clipped spot brighter than its surround, but it covers
    # under 1% of the page; a lamp's reflection that asks for a new photo covers several per cent.
    page = clean_page.image.copy()
    h, w = page.shape[:2]
    page[int(0.55 * h) : int(0.95 * h), int(0.05 * w) : int(0.6 * w)] = (232, 222, 212)  # a pale blue-grey band
    cv2.ellipse(page, (int(0.3 * w), int(0.75 * h)), (60, 35), 0, 0, 360, (255, 255, 255), -1)  # ≈ 0.5% of the page
    assert FlagCode.GLARE not in codes(page, clean_page.lines)
    spot = QualitySettings().model_copy(update={"glare_min_area": 0.002})
    assert FlagCode.GLARE in {f.code for f in assess_page(page, clean_page.lines, 1, spot).flags}


def test_defocused_bright_page_is_not_overexposed(clean_page: Drawn):
    # Class 9 of the real-certificate failures: defocus greys thin strokes on a white page as overexposure does,
    # but leaves its boldest marks (the seal's ring, the frame) dark; an overexposed photo lifts them as well.
    defocused = cv2.GaussianBlur(clean_page.image, (0, 0), 3.0)
    defocused = np.where(defocused > 225, 255, defocused).astype(np.uint8)  # the white paper clipped
    quality = assess_page(defocused, clean_page.lines, 1)
    assert quality.scores["ink_level"] > QualitySettings().overexposed_ink_min  # the text alone looks washed out
    assert FlagCode.OVEREXPOSED not in {f.code for f in quality.flags}
    washed = np.clip(defocused.astype(np.float32) * 0.4 + 200, 0, 255).astype(np.uint8)
    assert FlagCode.OVEREXPOSED in codes(washed, clean_page.lines)
