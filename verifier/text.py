"""The recognised text of a document in one normalised form that classify and extract both read."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class DocumentText:
    lines: tuple[Line, ...]

    @property
    def full(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def compact(self) -> str:
        return compact(self.full)

    def titles(self) -> list[Line]:
        """Lines set larger than body text near the top of the first page: where a document names itself."""
        first = [line for line in self.lines if line.page == 1]
        return [line for line in first if line.top < 0.4 and line.height >= 1.3]


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
            out.append(
                Line(
                    text=text,
                    page=number,
                    top=line.top / max(height, 1),
                    left=line.left / max(width, 1),
                    height=line.height / max(median, 1e-6),
                    confidence=line.confidence,
                )
            )
    return DocumentText(lines=tuple(out))
