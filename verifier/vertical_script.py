"""Columns of upright characters (竖排) told apart from the lines of a page turned by a quarter.

A 聘书 or a traditional honour certificate may be written in columns, right to left. Its detection boxes are
tall, as a turned page's are, and the recogniser reads its columns once they are turned a quarter
anticlockwise (how vertical lines are fed to it), so the page reads well in the frame that turns it by 270°.
Only the characters tell the two apart: on a column page they stand upright as uploaded. Each tall line is
cut into square character cells laid side by side: upright characters read in that row, characters lying on
their side (a page turned clockwise) do not. The recogniser also reads characters turned a quarter
anticlockwise, so a page turned anticlockwise is told by its cells reading better turned clockwise.

A column page uploaded sideways has wide lines, its columns lying as rows, and reads well as it is; it is found
by making the same test on the page turned a quarter clockwise, where it stands. Either way the whole test comes
after a first look at one line (`may_be_turned_column`): a page of lines, the most of what is read at 270° or
sideways, fails that look.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from verifier.ocr.base import Box, OcrEngine, box_extent, crop_line

# The tall lines sampled, longest first; a column needs at least this many characters to be cut into cells.
_SAMPLE = 6
_MIN_CELLS = 3
# A page of lines is told from a sideways column page by the first characters of its longest line.
_GATE_CELLS = 8
# The cells as uploaded must read at least this share of their reading turned anticlockwise: upright columns read
# at 0.55–1.00 of it (four typefaces, clean and as rough phone photos), pages of lines read in the columns' frame
# at 0.32 at most (median 0.07, 60 benchmark pages); bench/column_pages.py measures both.
_UPRIGHT_SHARE = 0.45


@dataclass(frozen=True)
class ColumnEvidence:
    """How well the sampled tall lines read as square cells: as uploaded and with each cell turned a quarter."""

    as_uploaded: float
    anticlockwise: float
    clockwise: float

    @property
    def upright_share(self) -> float:
        return self.as_uploaded / self.anticlockwise if self.anticlockwise > 0 else 0.0

    @property
    def is_columns(self) -> bool:
        # Characters that stand upright once turned clockwise belong to a page turned the other way.
        return self.anticlockwise > self.clockwise and self.upright_share >= _UPRIGHT_SHARE


def column_evidence(engine: OcrEngine, image: np.ndarray, boxes: list[Box]) -> ColumnEvidence | None:
    """The cells' readings of the page's longest tall lines, in the image as uploaded; None without such lines."""
    columns = _tall_columns(image, boxes)
    if not columns:
        return None
    return ColumnEvidence(*(_cells_read(engine, columns, turns) for turns in (0, 1, 3)))


def is_column_page(engine: OcrEngine, image: np.ndarray, boxes: list[Box]) -> bool:
    """Whether the page's tall lines, in the image as uploaded, are columns of upright characters. The cells are
    read as uploaded and turned anticlockwise first: a page of lines reads them as uploaded far under the bar
    (0.32 of the other at most), which decides it without the third reading (`ColumnEvidence.is_columns`)."""
    columns = _tall_columns(image, boxes)
    if not columns:
        return False
    as_uploaded, anticlockwise = _cells_read(engine, columns, 0), _cells_read(engine, columns, 1)
    if not ColumnEvidence(as_uploaded, anticlockwise, clockwise=0.0).is_columns:
        return False  # the clockwise reading can only make it fail
    return ColumnEvidence(as_uploaded, anticlockwise, _cells_read(engine, columns, 3)).is_columns


def _tall_columns(image: np.ndarray, boxes: list[Box]) -> list[np.ndarray]:
    """The page's longest tall lines, cut out standing."""
    tall = sorted(filter(_is_tall, boxes), key=lambda box: box_extent(box)[1], reverse=True)[:_SAMPLE]
    return [crop_line(image, box, turn_tall=False) for box in tall]


def _cells_read(engine: OcrEngine, columns: list[np.ndarray], quarter_turns: int) -> float:
    return _score(engine.recognize([_cells(column, quarter_turns) for column in columns]))


def may_be_turned_column(engine: OcrEngine, line: np.ndarray, read: float) -> bool:
    """A first look at a page before the column test is made on it turned a quarter clockwise from the frame it
    is read in (a page read upright: where a column page uploaded sideways stands; a page read at 270°: the
    upload itself): the first characters of its longest line, `line` as read in the frame and `read` that
    reading's score (confidence × characters), must read as cells standing there nearly as well. A page of
    lines fails here, its cells lying on their side: every page pays this one short reading, only a likely
    column page the whole test (six columns read two or three ways) and, read upright, the page's turning."""
    column = np.ascontiguousarray(np.rot90(line, -1))  # the line as it stands on the page turned clockwise
    height, width = column.shape[:2]
    head = column[: _GATE_CELLS * width]  # the line's first characters are enough to see how they stand
    per_cell = _score(engine.recognize([_cells(head, 0)])) / max(1, round(head.shape[0] / width))
    return read > 0 and per_cell >= _UPRIGHT_SHARE * read / max(1, round(height / width))


def _cells(column: np.ndarray, quarter_turns: int) -> np.ndarray:
    """The column cut into square cells, each turned anticlockwise by `quarter_turns`, laid left to right."""
    height, width = column.shape[:2]
    count = max(1, round(height / width))
    step = height / count
    cells = [cv2.resize(column[int(i * step) : int((i + 1) * step)], (width, width)) for i in range(count)]
    return np.ascontiguousarray(np.hstack([np.rot90(cell, quarter_turns) for cell in cells]))


def _is_tall(box: Box) -> bool:
    width, height = box_extent(box)
    return height >= _MIN_CELLS * width


def _score(results: list[tuple[str, float]]) -> float:
    return sum(confidence * len(text.strip()) for text, confidence in results)
