"""The recognised text of a document in one normalised form that classify and extract both read."""

from __future__ import annotations

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

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


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

    def row_texts(self) -> list[str]:
        return [" ".join(line.text for line in row) for row in self.rows()]


def _same_band(row: list[Line], line: Line) -> bool:
    """Most of the line's height overlaps the row's: cells of a slightly tilted table still pair up."""
    top = sum(ln.top for ln in row) / len(row)
    bottom = sum(ln.bottom for ln in row) / len(row)
    overlap = min(bottom, line.bottom) - max(top, line.top)
    return overlap > 0.5 * min(bottom - top, line.bottom - line.top)


def build_document_text(pages: list[tuple[int, list[TextLine], int, int]]) -> DocumentText:
    """pages: (page number, lines in reading order, page width, page height)."""
    out: list[Line] = []
    for number, lines, width, height in pages:
        heights = sorted(line.height for line in lines if line.height > 0)
        median = heights[len(heights) // 2] if heights else 1.0
        for line in lines:
            text = normalize_text(line.text)
            if not text:
                continue
            xs = [p[0] for p in line.box]
            ys = [p[1] for p in line.box]
            out.append(
                Line(
                    text=text,
                    page=number,
                    top=min(ys) / max(height, 1),
                    left=min(xs) / max(width, 1),
                    height=line.height / max(median, 1e-6),
                    confidence=line.confidence,
                    bottom=max(ys) / max(height, 1),
                    right=max(xs) / max(width, 1),
                )
            )
    return DocumentText(lines=tuple(out))
