"""Recognised text captured from the OCR engine on benchmark pages (tests/understanding/data/*.json), with the
benchmark's labels. Each file holds the engine's lines exactly as read: boxes, confidences, misreadings."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from models.page import TextLine
from verifier.text import DocumentText, build_document_text

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Case:
    name: str
    source: str
    severity: str
    doc_type: str
    fields: dict[str, object]
    text: DocumentText


def load_case(name: str) -> Case:
    record = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    pages = [
        (
            page["number"],
            [TextLine(text, [tuple(p) for p in box], conf) for text, box, conf in page["lines"]],
            page["width"],
            page["height"],
        )
        for page in record["pages"]
    ]
    return Case(
        name, record["source"], record["severity"], record["doc_type"], record["fields"], build_document_text(pages)
    )


def case_names() -> list[str]:
    return sorted(path.stem for path in DATA.glob("*.json"))


def raw_text(name: str) -> str:
    """The lines exactly as the engine returned them, before normalisation."""
    record = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return "".join(line[0] for page in record["pages"] for line in page["lines"])


PAGE_WIDTH, PAGE_HEIGHT = 1200, 1700


def typed_page(lines: list[tuple[str, int, int]]) -> DocumentText:
    """A page typed line by line: (text, character size, left) per line, top to bottom, one line per row, so what
    is tested is the readers, not the OCR."""
    read, top = [], 100
    for text, size, left in lines:
        right = left + size * len(text)
        read.append(TextLine(text, [(left, top), (right, top), (right, top + size), (left, top + size)], 0.95))
        top += size * 2
    return build_document_text([(1, read, PAGE_WIDTH, PAGE_HEIGHT)])


def placed_page(
    rows: list[tuple[str, int, int, int]], width: int = PAGE_WIDTH, height: int = PAGE_HEIGHT
) -> DocumentText:
    """(text, character size, left, top) per line: for pages where the place a line sits at decides what it is."""
    read = []
    for text, size, left, top in rows:
        right = left + size * len(text)
        read.append(TextLine(text, [(left, top), (right, top), (right, top + size), (left, top + size)], 0.95))
    return build_document_text([(1, read, width, height)])
