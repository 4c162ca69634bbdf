"""A red seal stamped over the issuer line: the line is read again with the red lifted."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw
from rapidfuzz import fuzz

from tests.conftest import cjk_font
from verifier.orient import orient_and_read
from verifier.seal_reread import reread_under_seals

pytestmark = pytest.mark.ocr


def sealed_issuer_page() -> np.ndarray:
    img = Image.new("RGB", (1200, 800), (250, 248, 240))
    draw = ImageDraw.Draw(img)
    draw.text((200, 200), "注册结论：合格", font=cjk_font(44), fill="black")
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


def test_issuer_under_a_seal_is_read_whole(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    page = sealed_issuer_page()
    first = orient_and_read(ocr_engine, page)
    reread = reread_under_seals(ocr_engine, first.image, first.lines)
    texts = [line.text for line in reread]
    # One line from 昭觉 to 教育局 again: the seal no longer splits it (a single character may still be
    # misread, as anywhere on the page).
    whole = [t for t in texts if t.startswith("昭觉") and t.endswith("教育局")]
    assert len(whole) == 1 and fuzz.ratio(whole[0], "昭觉县教育局") >= 80, texts
    assert not any(t in ("昭觉", "县教", "局") for t in texts), texts
    assert any("合格" in t for t in texts)  # lines away from the seal are kept


def test_page_without_seal_is_left_alone(ocr_engine, certificate) -> None:  # type: ignore[no-untyped-def]
    grey = cv2.cvtColor(cv2.cvtColor(certificate, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    first = orient_and_read(ocr_engine, grey)
    assert reread_under_seals(ocr_engine, first.image, first.lines) == first.lines
