"""Shared test helpers: small certificate pages rendered with the installed CJK fonts."""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
]

CERT_LINES = [
    "张晓梅 同志：",
    "在2023年六盘水市中小学优质课竞赛中",
    "荣获初中数学组 一等奖。",
    "特发此证，以资鼓励。",
]


def cjk_font(size: int) -> ImageFont.FreeTypeFont:
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    pytest.skip("no CJK font installed (apt-get install fonts-arphic-ukai fonts-noto-cjk)")


def render_certificate(lines: list[str] | None = None, title: str = "荣誉证书") -> np.ndarray:
    """A plain landscape award certificate as a BGR page."""
    img = Image.new("RGB", (1600, 1100), "white")
    draw = ImageDraw.Draw(img)
    draw.text((560, 100), title, font=cjk_font(110), fill=(200, 0, 0))
    body = cjk_font(48)
    y = 330
    for text in lines or CERT_LINES:
        draw.text((200, y), text, font=body, fill="black")
        y += 110
    draw.text((1000, 800), "六盘水市教育局", font=body, fill="black")
    draw.text((1000, 910), "二〇二三年十一月二十日", font=body, fill="black")
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def encode(image: np.ndarray, ext: str = ".png") -> bytes:
    ok, buf = cv2.imencode(ext, image)
    assert ok
    return buf.tobytes()


def pil_bytes(image: np.ndarray, fmt: str, **kwargs: object) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB)).save(buf, format=fmt, **kwargs)
    return buf.getvalue()


@pytest.fixture(scope="session")
def certificate() -> np.ndarray:
    return render_certificate()


@pytest.fixture(scope="session")
def ocr_engine():  # type: ignore[no-untyped-def]
    from verifier.ocr import get_engine

    return get_engine()
