"""The OcrEngine protocol: detection and recognition as separate calls, so orientation can reuse them."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import cv2
import numpy as np

from models.page import TextLine

Box = np.ndarray  # (4, 2) float32 points, clockwise from top-left


@runtime_checkable
class OcrEngine(Protocol):
    name: str

    def detect(self, image: np.ndarray, max_side: int | None = None) -> list[Box]:
        """Text line boxes in the image's own pixel coordinates; the detector sees at most max_side pixels."""
        ...

    def recognize(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        """Text and confidence for each upright line crop, in order."""
        ...


def box_extent(box: Box) -> tuple[float, float]:
    """A box's width (its top edge) and height (its left edge)."""
    return float(np.linalg.norm(box[0] - box[1])), float(np.linalg.norm(box[0] - box[3]))


def crop_line(image: np.ndarray, box: Box, turn_tall: bool = True) -> np.ndarray:
    """Perspective-crop one text line to a horizontal strip (tall results are turned, as PP-OCR does, unless
    `turn_tall` is off: a column of characters is then kept standing)."""
    pts = box.astype(np.float32)
    width = int(max(np.linalg.norm(pts[0] - pts[1]), np.linalg.norm(pts[2] - pts[3])))
    height = int(max(np.linalg.norm(pts[0] - pts[3]), np.linalg.norm(pts[1] - pts[2])))
    width, height = max(width, 1), max(height, 1)
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(pts, target)
    crop = cv2.warpPerspective(image, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE, flags=cv2.INTER_CUBIC)
    if turn_tall and height / width >= 1.5:
        crop = np.rot90(crop)
    return crop


# Lines whose tops lie within this many pixels share a row of the reading order.
_ROW_PX = 8


def reading_order(top: float, left: float) -> tuple[int, float]:
    """Sort key of a line in reading order: top to bottom, then left to right within a row."""
    return round(top / _ROW_PX), left


def read_lines(engine: OcrEngine, image: np.ndarray, boxes: list[Box] | None = None) -> list[TextLine]:
    """Detect (unless boxes are given) and recognise every line of an upright image."""
    boxes = engine.detect(image) if boxes is None else boxes
    if not boxes:
        return []
    results = engine.recognize([crop_line(image, box) for box in boxes])
    lines = []
    for box, (text, score) in zip(boxes, results, strict=True):
        if text.strip():
            points = [(float(x), float(y)) for x, y in box]
            lines.append(TextLine(text=text, box=points, confidence=float(score)))
    return lines


class NullEngine:
    """Reads nothing: lets the pipeline run where no OCR model is installed (text-layer PDFs still work)."""

    name = "null"

    def detect(self, image: np.ndarray, max_side: int | None = None) -> list[Box]:
        return []

    def recognize(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        return [("", 0.0) for _ in crops]
