"""The recognised text of a document in one normalised form that classify and extract both read."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import cached_property

from models.page import TextLine
from verifier.normalize import compact, normalize_text


@dataclass(frozen=True)
class Line:
    text: str  # normalised
    page: int
    top: float  # relative to page height, 0..1
    left: float  # relative to page width, 0..1
    height: float  # relative to the page's median line height (1.0 = body text)
    confidence: float
    bottom: float = 0.0  # relative to page height
    right: float = 0.0  # relative to page width
    # The normalised text with the recogniser's spaces kept: names listed side by side (王芳 李丽) stay apart.
    words: str = ""

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


# Lines at least this long are body text that may wrap mid-word; shorter ones are cells, names, seal fragments.
_PROSE_LINE = 8


@dataclass(frozen=True)
class DocumentText:
    lines: tuple[Line, ...]

    @cached_property
    def full(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @cached_property
    def compact(self) -> str:
        return compact(self.full)

    @cached_property
    def flat(self) -> str:
        """The text without line breaks: a name or a body's name broken over two lines reads whole again."""
        return "".join(line.text for line in self.lines)

    @cached_property
    def prose(self) -> str:
        """Paragraph lines joined (a name wrapped mid-sentence reads whole), short ones kept apart: a seal's ring
        fragment before a signature would otherwise run into it (沙坝镇中 + 山市沙坝镇… reads 中山市)."""
        parts: list[str] = []
        for line, following in zip(self.lines, [*self.lines[1:], None], strict=True):
            parts.append(line.text)
            wrapped = following is not None and min(len(line.text), len(following.text)) >= _PROSE_LINE
            parts.append("" if wrapped else "\n")
        return "".join(parts)

    @property
    def last_page(self) -> int:
        return max((line.page for line in self.lines), default=1)

    def titles(self) -> list[Line]:
        """Lines set larger than body text near the top of the first page: where a document names itself."""
        first = [line for line in self.lines if line.page == 1]
        return [line for line in first if line.top < 0.4 and line.height >= 1.3]

    def rows(self) -> list[list[Line]]:
        return self._rows

    @cached_property
    def _rows(self) -> list[list[Line]]:
        """Lines grouped into visual rows (boxes whose vertical middles share a band), left to right.

        A table cell and its caption (姓名 | 王颖), or an issuer beside its date, are separate OCR boxes;
        rows put them back side by side."""
        out: list[list[Line]] = []
        for line in sorted(self.lines, key=lambda ln: (ln.page, ln.middle)):
            row = out[-1] if out else None
            if row and row[0].page == line.page and _same_band(row, line):
                row.append(line)
            else:
                out.append([line])
        return [sorted(row, key=lambda ln: ln.left) for row in out]

    def following(self, line: Line) -> Line | None:
        """The line a reader goes on to after this one: the leftmost box of the next row on the same page."""
        return self._following.get(id(line))

    @cached_property
    def _following(self) -> dict[int, Line]:
        rows = self.rows()
        return {
            id(box): after[0]
            for row, after in itertools.pairwise(rows)
            if after[0].page == row[0].page
            for box in row
        }

    def row_texts(self) -> list[str]:
        return [" ".join(line.text for line in row) for row in self.rows()]

    def row_words(self) -> list[str]:
        """Rows with the recogniser's spaces kept between words (Line.words)."""
        return [" ".join(line.words or line.text for line in row) for row in self.rows()]


def _same_band(row: list[Line], line: Line) -> bool:
    """Most of the line's height overlaps the row's: cells of a slightly tilted table still pair up."""
    top = sum(ln.top for ln in row) / len(row)
    bottom = sum(ln.bottom for ln in row) / len(row)
    overlap = min(bottom, line.bottom) - max(top, line.top)
    return overlap > 0.5 * min(bottom - top, line.bottom - line.top)


def build_document_text(pages: list[tuple[int, list[TextLine], int, int]]) -> DocumentText:
    """pages: (page number, lines in reading order, page width, page height).

    A photo taken at an angle tilts every line the same way; positions are measured on the page turned level
    again, so a table cell and its caption (申报人 | 王颖) still share a row and a line's height is its own."""
    out: list[Line] = []
    for number, lines, width, height in pages:
        angle = page_skew(lines)
        boxes = [_level_box(line.box, angle, width / 2, height / 2) for line in lines]
        heights = sorted(max(y for _, y in box) - min(y for _, y in box) for box in boxes)
        heights = [h for h in heights if h > 0]
        median = heights[len(heights) // 2] if heights else 1.0
        for line, box in zip(lines, boxes, strict=True):
            text = normalize_text(line.text)
            if not text:
                continue
            xs = [p[0] for p in box]
            ys = [p[1] for p in box]
            out.append(
                Line(
                    text=text,
                    page=number,
                    top=min(ys) / max(height, 1),
                    left=min(xs) / max(width, 1),
                    height=(max(ys) - min(ys)) / max(median, 1e-6),
                    confidence=line.confidence,
                    bottom=max(ys) / max(height, 1),
                    right=max(xs) / max(width, 1),
                    words=" ".join(normalize_text(word) for word in line.text.split()),
                )
            )
    return DocumentText(lines=tuple(out))


# Below this tilt (degrees) a page is read as it is: scans are never perfectly level, and turning them gains nothing.
_MIN_SKEW = 0.5
# Only boxes much wider than tall show the direction of their line; short ones (a name, a seal fragment) do not.
_MIN_ASPECT = 3.0


def page_skew(lines: list[TextLine]) -> float:
    """The page's tilt in degrees (positive: lines rise to the right), the median over its long lines."""
    angles = []
    for line in lines:
        if len(line.box) != 4:
            continue
        (x0, y0), (x1, y1), _, (x3, y3) = line.box
        width, tall = math.hypot(x1 - x0, y1 - y0), math.hypot(x3 - x0, y3 - y0)
        if tall > 0 and width / tall >= _MIN_ASPECT and x1 > x0:
            angles.append(math.degrees(math.atan2(y0 - y1, x1 - x0)))
    if not angles:
        return 0.0
    angles.sort()
    angle = angles[len(angles) // 2]
    return angle if abs(angle) >= _MIN_SKEW else 0.0


def _level_box(box: list[tuple[float, float]], angle: float, cx: float, cy: float) -> list[tuple[float, float]]:
    """The box turned by the page's tilt about the page centre, so its lines run level."""
    if not angle:
        return list(box)
    rad = math.radians(angle)
    cos, sin = math.cos(rad), math.sin(rad)
    # Lines rising to the right (image y grows downwards) are turned clockwise on screen to lie level.
    return [(cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos) for x, y in box]
