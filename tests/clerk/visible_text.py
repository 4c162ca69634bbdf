"""What a person reads on a page, and the raw codes (flag codes, field keys, enum values) that must not be in it."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from models.zh import visible_codes

_WORD = re.compile(r"[A-Za-z_]+")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "title"):
            self._skip += 1
        for name, value in attrs:  # what a person also reads: alt texts, placeholders, tooltips
            if name in ("alt", "placeholder", "title", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts)


def raw_codes_in(text: str, allowed: set[str] = frozenset()) -> set[str]:  # type: ignore[assignment]
    """Words of the text that are report codes (NOT_UPRIGHT, holder, quality_lesson, satisfied …)."""
    codes = visible_codes()
    return {word for word in _WORD.findall(text) if word in codes and word not in allowed}
