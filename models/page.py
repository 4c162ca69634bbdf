"""Internal nouns passed between stages: decoded pages and recognised text lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np


class PageSource(StrEnum):
    image = "image"  # a raster upload (photo or scan)
    pdf_text = "pdf_text"  # a PDF page read from its text layer, no OCR
    pdf_render = "pdf_render"  # a PDF page without a usable text layer, rendered and OCR'd


@dataclass
class TextLine:
    """One recognised line: box as 4 (x, y) points clockwise from top-left, in upright page pixels."""

    text: str
    box: list[tuple[float, float]]
    confidence: float

    @property
    def height(self) -> float:
        """How far down the page the box reaches, top to bottom."""
        ys = [p[1] for p in self.box]
        return max(ys) - min(ys)

    @property
    def own_height(self) -> float:
        """The line's own height, across it: on a page photographed at a slant a long line's box reaches much
        further down the page (`height`) than its characters are tall."""
        if len(self.box) != 4:
            return self.height
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = self.box
        return (float(np.hypot(x3 - x0, y3 - y0)) + float(np.hypot(x2 - x1, y2 - y1))) / 2

    @property
    def centre(self) -> tuple[float, float]:
        """The mean of the box's corners."""
        return sum(p[0] for p in self.box) / len(self.box), sum(p[1] for p in self.box) / len(self.box)

    @property
    def top(self) -> float:
        return min(p[1] for p in self.box)

    @property
    def left(self) -> float:
        return min(p[0] for p in self.box)


@dataclass
class Page:
    """A decoded page. `image` is BGR uint8 as decoded (not yet rotated upright)."""

    number: int  # 1-based
    image: np.ndarray
    source: PageSource = PageSource.image
    lines: list[TextLine] = field(default_factory=list)  # filled by the PDF text layer or by OCR
    rotation: int = 0  # degrees clockwise applied to make the page upright (0, 90, 180, 270)
    rotation_confidence: float | None = None
    # A PDF page's largest picture, as a share of the page's area (0 for a raster upload): an electronic
    # certificate often draws its title, award and seal in a picture under a text layer of names and numbers.
    picture_share: float = 0.0

    @property
    def height(self) -> int:
        return int(self.image.shape[0])

    @property
    def width(self) -> int:
        return int(self.image.shape[1])
