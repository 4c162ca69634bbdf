"""Certificates from one template for the duplicate tests, and re-captures of them."""

from __future__ import annotations

import hashlib

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from models.report import Fields
from models.vocab import Grade, Level

FONT_PATH = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def certificate_text(holder: str, number: str, grade: str = "一等奖") -> str:
    return (
        f"荣誉证书 {holder} 老师：在二〇二三年全市中小学优质课竞赛中荣获初中数学学科 {grade}。"
        f"特发此证，以资鼓励。证书编号：{number} 六盘水市教育局 二〇二三年十一月"
    )


def certificate_fields(holder: str, number: str, grade: Grade = Grade.first) -> Fields:
    return Fields(
        holder=holder,
        issuer="六盘水市教育局",
        issue_date="2023-11",
        level=Level.municipal,
        grade=grade,
        certificate_no=number,
    )


def render(holder: str, number: str, grade: str = "一等奖") -> np.ndarray:
    img = Image.new("RGB", (1200, 850), (252, 250, 244))
    draw = ImageDraw.Draw(img)
    draw.rectangle([24, 24, 1176, 826], outline=(160, 120, 50), width=8)
    big, body = ImageFont.truetype(FONT_PATH, 64), ImageFont.truetype(FONT_PATH, 34)
    draw.text((460, 90), "荣誉证书", font=big, fill=(190, 30, 30))
    rows = [
        f"{holder} 老师：",
        "在二〇二三年全市中小学优质课竞赛中",
        f"荣获初中数学学科 {grade}",
        "特发此证，以资鼓励。",
        f"证书编号：{number}",
    ]
    for i, row in enumerate(rows):
        draw.text((120, 230 + i * 70), row, font=body, fill=(25, 25, 25))
    draw.text((800, 650), "六盘水市教育局", font=body, fill=(25, 25, 25))
    draw.text((800, 710), "二〇二三年十一月", font=body, fill=(25, 25, 25))
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def rephotograph(bgr: np.ndarray, seed: int = 0) -> np.ndarray:
    """The same sheet captured again: slight perspective, crop, resize, light, noise, JPEG."""
    rng = np.random.default_rng(seed)
    h, w = bgr.shape[:2]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = src + rng.uniform(-0.03, 0.03, size=(4, 2)).astype(np.float32) * np.float32([w, h])
    warped = cv2.warpPerspective(bgr, cv2.getPerspectiveTransform(src, dst), (w, h), borderValue=(70, 70, 70))
    cropped = warped[int(h * 0.02) : int(h * 0.97), int(w * 0.03) : int(w * 0.98)]
    resized = cv2.resize(cropped, None, fx=1.7, fy=1.7, interpolation=cv2.INTER_CUBIC)
    lit = resized.astype(np.float32) * 0.9 + 8 + rng.normal(0, 5, resized.shape)
    ok, data = cv2.imencode(".jpg", np.clip(lit, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 60])
    assert ok
    return cv2.imdecode(data, cv2.IMREAD_COLOR)


def sha256_of(image: np.ndarray) -> str:
    ok, data = cv2.imencode(".png", image)
    assert ok
    return hashlib.sha256(data.tobytes()).hexdigest()
