"""A holder's name read a character off is read again from its own line (class 6 of the real-certificate failures):
the new reading replaces it only when most crops of the line agree on it."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from fixtures.fonts import FACES, FontStyle, load_font
from models.page import TextLine
from verifier.ocr.name_lines import name_box, reread_name
from verifier.settings import OcrSettings
from verifier.understand.names import is_person_name

pytestmark = pytest.mark.ocr

_DOUBT = OcrSettings().doubtful_name_confidence


def _addressed(text: str) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """A salutation line (name同学：) in brush-like 楷体 on a page, and its box cut tight as a detector cuts it."""
    font = load_font(FACES[FontStyle.kai][0], 56)
    page = Image.new("RGB", (900, 220), "white")
    draw = ImageDraw.Draw(page)
    draw.text((120, 80), text, font=font, fill="black")
    left, top, right, bottom = draw.textbbox((120, 80), text, font=font)
    box = [(left, top), (right, top), (right, bottom), (left, bottom)]
    return np.asarray(page)[:, :, ::-1].copy(), [(float(x), float(y)) for x, y in box]


def _reader(engine):  # type: ignore[no-untyped-def]
    """Each crop recognised as one line by the real engine, as the pipeline's re-read does."""
    return lambda crop: engine.recognize([crop])[0][0]


def test_a_name_read_a_character_off_is_read_again_from_its_line(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    image, box = _addressed("李明轩同学：")
    first = TextLine("李朋轩同学：", box, 0.86)  # the first reading, a character off
    assert reread_name(_reader(ocr_engine), image, first, "李朋轩", is_person_name, _DOUBT) == "李明轩"


def test_a_name_on_a_line_read_without_doubt_is_not_read_again(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    """The same misread line as above, but scored sure by the recogniser: its name is a sure field, never
    overruled, and no crop is read."""
    image, box = _addressed("李明轩同学：")
    reads: list[np.ndarray] = []

    def reader(crop: np.ndarray) -> str:
        reads.append(crop)
        return str(ocr_engine.recognize([crop])[0][0])

    sure = TextLine("李朋轩同学：", box, 0.99)
    assert reread_name(reader, image, sure, "李朋轩", is_person_name, _DOUBT) is None
    assert reads == []
    doubtful = TextLine("李朋轩同学：", box, 0.9)
    assert reread_name(reader, image, doubtful, "李朋轩", is_person_name, _DOUBT) == "李明轩"


def test_a_name_read_right_stands(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    image, box = _addressed("李明轩同学：")
    read_right = TextLine("李明轩同学：", box, 0.9)
    assert reread_name(_reader(ocr_engine), image, read_right, "李明轩", is_person_name, _DOUBT) is None


def test_a_name_read_right_is_read_again_only_until_no_other_reading_can_win(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    # Eight crops (the whole line and the name's part, two margins each, at size and shrunk): once half of them
    # read the name as first read, no other reading can reach most of them, and the rest are not read.
    image, box = _addressed("李明轩同学：")
    crops: list[np.ndarray] = []

    def reader(crop: np.ndarray) -> str:
        crops.append(crop)
        return str(ocr_engine.recognize([crop])[0][0])

    assert reread_name(reader, image, TextLine("李明轩同学：", box, 0.9), "李明轩", is_person_name, _DOUBT) is None
    assert len(crops) == 4


def test_a_reading_that_is_no_name_does_not_replace_one(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    """The line says 荣获一等奖: no crop reads a name a character off the first reading."""
    image, box = _addressed("荣获一等奖")
    assert (
        reread_name(_reader(ocr_engine), image, TextLine("王获一等奖", box, 0.9), "王获一", is_person_name, _DOUBT)
        is None
    )


def test_the_names_part_of_a_line_is_placed_by_character_widths() -> None:
    line = TextLine("兹聘请 AB李明轩同学为", [(0, 0), (105, 0), (105, 10), (0, 10)], 0.9)
    part = name_box(line, 6, 9)  # 兹聘请 3, the space and AB 1.5: the name runs 4.5 to 7.5 of 10.5
    assert part is not None
    assert part[0][0] == pytest.approx(45) and part[1][0] == pytest.approx(75)
