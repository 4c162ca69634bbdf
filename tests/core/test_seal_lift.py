"""A red seal stamped over the issuer line: its ink is lifted before the page is read, so the line is found
and read whole, while the paper around it and black print elsewhere stay as they were."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw
from rapidfuzz import fuzz

from tests.conftest import cjk_font
from verifier.orient import orient_and_read
from verifier.prepare import lift_seal_ink
from verifier.seals.detect import detect_seals
from verifier.seals.ink import red_mask

PAPER = (250, 246, 232)  # RGB: cream certificate paper, not white


def sealed_issuer_page() -> np.ndarray:
    img = Image.new("RGB", (1200, 800), PAPER)
    draw = ImageDraw.Draw(img)
    draw.text((420, 80), "荣誉证书", font=cjk_font(80), fill=(200, 30, 30))  # a red title, not a seal
    draw.text((200, 240), "注册结论：合格", font=cjk_font(44), fill="black")
    draw.text((520, 420), "昭觉县教育局", font=cjk_font(52), fill="black")
    # A seal over the second half of the issuer: thick ring, ring text, star, in seal red over the ink.
    overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
    seal = ImageDraw.Draw(overlay)
    cx, cy, r = 760, 445, 120
    seal.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(215, 30, 40, 230), width=12)
    seal.regular_polygon((cx, cy, 34), 5, fill=(215, 30, 40, 230))
    for i, ch in enumerate("昭觉县教育局专用章"):
        angle = np.radians(200 + i * 18)
        seal.text((cx + 88 * np.cos(angle) - 14, cy + 88 * np.sin(angle) - 14), ch, font=cjk_font(28),
                  fill=(215, 30, 40, 230))
    img = Image.alpha_composite(img.convert("RGBA"), overlay).convert("RGB")
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def test_seal_ink_becomes_paper_and_black_print_stays() -> None:
    page = sealed_issuer_page()
    seals = detect_seals(page)
    assert len(seals) == 1
    lifted = lift_seal_ink(page, seals)
    seal_area = (slice(320, 570), slice(630, 890))
    assert np.count_nonzero(red_mask(lifted[seal_area])) < 0.02 * np.count_nonzero(red_mask(page[seal_area]))
    # Lifted ink takes the paper's colour, so no grey ghost of the ring is left for the detector.
    ring = red_mask(page) > 0
    ring[:300] = False  # the title
    paper_bgr = np.array(PAPER[::-1], dtype=np.float32)
    assert np.abs(lifted[ring].astype(np.float32).mean(axis=0) - paper_bgr).max() < 25
    # The black issuer strokes under the seal keep their darkness.
    issuer = (slice(420, 480), slice(520, 840))
    dark_before = np.count_nonzero(page[issuer].max(axis=2) < 80)
    assert np.count_nonzero(lifted[issuer].max(axis=2) < 80) >= 0.9 * dark_before > 0
    # The red title is print, not a seal: it stays red.
    title = (slice(60, 200), slice(380, 800))
    assert np.count_nonzero(red_mask(lifted[title])) == np.count_nonzero(red_mask(page[title])) > 0


def test_page_without_seal_is_passed_through_untouched() -> None:
    page = sealed_issuer_page()
    assert lift_seal_ink(page, []) is page


@pytest.mark.ocr
def test_issuer_under_a_seal_is_read_whole(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    page = sealed_issuer_page()
    texts = [line.text for line in orient_and_read(ocr_engine, lift_seal_ink(page, detect_seals(page))).lines]
    # One line from 昭觉 to 教育局: the seal no longer splits it (a single character may still be misread, as
    # anywhere on the page), and its ring text no longer reads as fragments.
    whole = [t for t in texts if t.startswith("昭觉") and t.endswith("教育局")]
    assert len(whole) == 1 and fuzz.ratio(whole[0], "昭觉县教育局") >= 80, texts
    assert not any(t in ("昭觉", "县教", "局", "专用章") for t in texts), texts
    assert any("合格" in t for t in texts) and any("证书" in t for t in texts), texts


def test_a_photographed_screens_seals_are_found_and_lifted_once_its_lattice_is_smoothed() -> None:
    from fixtures import capture
    from verifier.prepare import screen_without_seals, smoothed_screen_seals
    from verifier.prepare.screen import smooth_screen
    from verifier.settings import Settings

    rgb = cv2.cvtColor(sealed_issuer_page(), cv2.COLOR_BGR2RGB)
    shot = cv2.cvtColor(np.asarray(capture.screen_recapture(rgb, np.random.default_rng(3))), cv2.COLOR_RGB2BGR)
    settings = Settings()
    smoothed = smooth_screen(shot, settings.ocr.screen_smoothing_sigma)
    assert detect_seals(smoothed, settings.quality), "the seal is a ring on the smoothed page"

    lifted = screen_without_seals(smoothed_screen_seals(shot, settings), settings)

    # The seal's ink is gone from the image a cut-short date line is read again from.
    assert np.count_nonzero(red_mask(lifted)) < 0.5 * np.count_nonzero(red_mask(smoothed))
