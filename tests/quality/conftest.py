"""Small rendered certificate pages and capture defects for the quality tests.

Pages are drawn with Pillow and a CJK font, then degraded with OpenCV, so the tests do not depend on
the fixture generator. OCR lines come from the real engine, run once per page for the whole session.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from models.page import TextLine

FONT_PATH = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"

BODY = [
    "荣誉证书",
    "张明华 老师：",
    "在二〇二三年全市中小学优质课竞赛中",
    "荣获初中数学学科 一等奖",
    "特发此证，以资鼓励。",
    "证书编号：LPS2023-0417",
    "六盘水市教育局",
    "二〇二三年十一月",
]


@dataclass
class Drawn:
    image: np.ndarray  # BGR
    lines: list[TextLine]  # where the text was drawn, confidence 1.0


def render_certificate(
    *, width: int = 1400, height: int = 1000, seal: bool = True, seal_over_text: bool = False, body: list[str] = BODY
) -> Drawn:
    """A plain certificate: a frame, centred title, body lines, issuer and date, optional red seal."""
    img = Image.new("RGB", (width, height), (250, 248, 242))
    draw = ImageDraw.Draw(img)
    draw.rectangle([30, 30, width - 30, height - 30], outline=(150, 120, 60), width=6)
    lines: list[TextLine] = []
    y = 110
    for i, text in enumerate(body):
        size = 72 if i == 0 else 40
        font = ImageFont.truetype(FONT_PATH, size)
        x0, _, x1, _ = draw.textbbox((0, 0), text, font=font)
        x = (width - (x1 - x0)) // 2 if i == 0 else (width - 420 if i >= len(body) - 2 else 140)
        draw.text((x, y), text, font=font, fill=(20, 20, 20))
        bx0, by0, bx1, by1 = draw.textbbox((x, y), text, font=font)
        lines.append(TextLine(text, [(bx0, by0), (bx1, by0), (bx1, by1), (bx0, by1)], 1.0))
        y += int(size * 1.9)
    bgr = cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)
    if seal:
        issuer = lines[-2]
        cx = int(issuer.left + 150) if seal_over_text else int(width * 0.25)
        cy = int(issuer.top + 20) if seal_over_text else int(height * 0.72)
        draw_seal(bgr, (cx, cy), 115)
    return Drawn(bgr, lines)


def draw_seal(bgr: np.ndarray, centre: tuple[int, int], radius: int) -> None:
    """A red official seal: ring, star and a few strokes of ring text, blended like ink (multiply)."""
    ink = np.full_like(bgr, 255)
    red = (40, 30, 215)
    cv2.circle(ink, centre, radius, red, 9, cv2.LINE_AA)
    cx, cy = centre
    corners = [math.pi / 2 + k * 4 * math.pi / 5 for k in range(5)]
    star = np.array([(cx + radius * 0.3 * math.cos(a), cy - radius * 0.3 * math.sin(a)) for a in corners], np.int32)
    cv2.fillPoly(ink, [star], red, cv2.LINE_AA)
    for k in range(14):  # short strokes standing in for the ring text
        a = math.pi * (0.15 + 0.7 * k / 13)
        r0, r1 = radius * 0.62, radius * 0.82
        p0 = (int(cx - r0 * math.cos(a)), int(cy - r0 * math.sin(a)))
        p1 = (int(cx - r1 * math.cos(a)), int(cy - r1 * math.sin(a)))
        cv2.line(ink, p0, p1, red, 5, cv2.LINE_AA)
    blended = bgr.astype(np.float32) * ink.astype(np.float32) / 255.0
    bgr[:] = blended.astype(np.uint8)


# --- capture defects -------------------------------------------------------------------------


def blur(bgr: np.ndarray, sigma: float = 4.0) -> np.ndarray:
    return cv2.GaussianBlur(bgr, (0, 0), sigma)


def darken(bgr: np.ndarray, gain: float = 0.22) -> np.ndarray:
    return np.clip(bgr.astype(np.float32) * gain, 0, 255).astype(np.uint8)


def rotate(bgr: np.ndarray, degrees: float) -> np.ndarray:
    """Counter-clockwise rotation on a canvas large enough to keep the whole page, desk-grey around."""
    h, w = bgr.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return cv2.warpAffine(bgr, m, (nw, nh), borderValue=(90, 90, 90))


def crop_through_text(bgr: np.ndarray, keep_fraction: float = 0.6) -> np.ndarray:
    """Cut the right part of the page off, through the body lines."""
    return bgr[:, : int(bgr.shape[1] * keep_fraction)].copy()


def photocopy(bgr: np.ndarray, specks: float = 0.002) -> np.ndarray:
    """A toner copy: grey, contrast pushed, speckle; the red seal turns grey. `specks`: the share of
    pixels where the drum left a toner dot (0 for a clean digital copy)."""
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY).astype(np.float32)
    grey = np.clip((grey - 40) * 1.3, 0, 255)
    rng = np.random.default_rng(3)
    grey = np.clip(grey + rng.normal(0, 6, grey.shape), 0, 255)
    dots = rng.random(grey.shape) < specks
    grey[dots] = rng.uniform(0, 100, int(dots.sum()))
    return cv2.cvtColor(grey.astype(np.uint8), cv2.COLOR_GRAY2BGR)


def moire(bgr: np.ndarray, period: float = 5.0, angle_deg: float = 17.0, depth: float = 0.22) -> np.ndarray:
    """A photo of a screen: the pixel grid beats with the sensor, leaving a fine tilted interference pattern."""
    h, w = bgr.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a = math.radians(angle_deg)
    u = xx * math.cos(a) + yy * math.sin(a)
    v = -xx * math.sin(a) + yy * math.cos(a)
    pattern = 1.0 - depth * 0.5 * (2 + np.cos(2 * math.pi * u / period) + np.cos(2 * math.pi * v / (period * 1.1)))
    out = bgr.astype(np.float32) * pattern[..., None]
    return np.clip(out, 0, 255).astype(np.uint8)


# --- OCR ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def ocr() -> Callable[[np.ndarray], list[TextLine]]:
    from rapidocr import RapidOCR

    engine = RapidOCR(params={"Global.log_level": "error"})

    def read(bgr: np.ndarray) -> list[TextLine]:
        result = engine(bgr)
        if result.boxes is None:
            return []
        return [
            TextLine(str(t), [(float(x), float(y)) for x, y in box], float(s))
            for box, t, s in zip(result.boxes, result.txts, result.scores, strict=True)
        ]

    return read


@pytest.fixture(scope="session")
def clean_page() -> Drawn:
    return render_certificate()


@pytest.fixture(scope="session")
def read_page(ocr: Callable[[np.ndarray], list[TextLine]]) -> Callable[[str], tuple[np.ndarray, list[TextLine]]]:
    """Each degraded variant of the clean page, with its real OCR lines, computed once per session."""
    clean = render_certificate().image
    variants: dict[str, Callable[[], np.ndarray]] = {
        "clean": lambda: clean,
        "blurred": lambda: blur(clean, 4.0),
        "dark": lambda: darken(clean),
        "rotated_7": lambda: rotate(clean, 7.0),
        "cropped": lambda: crop_through_text(clean),
        "moire": lambda: moire(clean),
    }
    cache: dict[str, tuple[np.ndarray, list[TextLine]]] = {}

    def get(name: str) -> tuple[np.ndarray, list[TextLine]]:
        if name not in cache:
            image = variants[name]()
            cache[name] = (image, ocr(image))
        return cache[name]

    return get
