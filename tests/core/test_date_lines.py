"""A sign-off date whose box the detector cut short (the seal over its year, a day it left out) is read again
over its whole extent, and the new reading is kept only when it completes the first one."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest

from fixtures.content import DocRequest, random_person
from fixtures.places import IssuerFactory
from fixtures.templates.registry import render_document
from models.page import TextLine
from models.vocab import DocType
from verifier.normalize import date_numerals, find_dates
from verifier.ocr.base import crop_line
from verifier.orient import orient_and_read
from verifier.rereads import complete_date_lines
from verifier.understand.date_lines import completes_date, partial_date

pytestmark = pytest.mark.ocr


def _page_and_date_line(ocr_engine, seed: int):  # type: ignore[no-untyped-def]
    """A rendered certificate read by the engine, and its full sign-off date line."""
    rng = random.Random(seed)
    rendered = render_document(DocRequest(DocType.honor_certificate, random_person(rng, IssuerFactory(rng)), 5, 5))
    image = cv2.cvtColor(np.asarray(rendered.image), cv2.COLOR_RGB2BGR)
    read = orient_and_read(ocr_engine, image)
    dated = [line for line in read.lines if find_dates(date_numerals(line.text))]
    assert dated, "the rendered certificate's date must be read whole first"
    return read.image, read.lines, dated[-1], rendered.fields.issue_date


def _cut(ocr_engine, image: np.ndarray, line: TextLine, left: float, right: float) -> TextLine:  # type: ignore[no-untyped-def]
    """The line as a detector that missed part of it returns it: the box cut and what is left read again."""
    box = np.array(line.box, np.float32)
    x0, x1 = float(box[:, 0].min()), float(box[:, 0].max())
    box[[0, 3], 0] += (x1 - x0) * left
    box[[1, 2], 0] -= (x1 - x0) * right
    text, confidence = ocr_engine.recognize([crop_line(image, box)])[0]
    return TextLine(text, [(float(x), float(y)) for x, y in box], confidence)


def test_a_date_whose_box_lost_the_year_is_read_whole_again(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    image, lines, date_line, issued = _page_and_date_line(ocr_engine, 11)
    year_share = date_numerals(date_line.text).index("年") / len(date_line.text)
    cut = _cut(ocr_engine, image, date_line, year_share + 0.02, 0.0)
    assert not find_dates(date_numerals(cut.text)), f"the cut line must have lost its year: {cut.text}"
    others = [line for line in lines if line is not date_line]

    completed = complete_date_lines(ocr_engine, image, [*others, cut])

    assert completed[:-1] == others  # every other line as it was
    assert find_dates(date_numerals(completed[-1].text))[0][1] == issued
    assert min(x for x, _ in completed[-1].box) < min(x for x, _ in cut.box)


def test_a_date_whose_box_lost_the_day_is_read_whole_again(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    image, lines, date_line, issued = _page_and_date_line(ocr_engine, 12)
    assert len(issued) == 10, "this certificate is dated to the day"
    numerals = date_numerals(date_line.text)
    day_share = (len(numerals) - numerals.index("月") - 1) / len(numerals)
    cut = _cut(ocr_engine, image, date_line, 0.0, day_share + 0.02)
    assert find_dates(date_numerals(cut.text))[0][1] == issued[:7], f"the cut line keeps the month: {cut.text}"
    others = [line for line in lines if line is not date_line]

    completed = complete_date_lines(ocr_engine, image, [*others, cut])

    assert find_dates(date_numerals(completed[-1].text))[0][1] == issued


def test_a_whole_date_and_other_lines_are_left_as_read(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    image, lines, _, _ = _page_and_date_line(ocr_engine, 13)
    assert complete_date_lines(ocr_engine, image, lines) == lines


@pytest.mark.parametrize(
    ("first", "second", "side", "kept"),
    [
        ("年九月", "二〇一二年九月", "left", True),
        ("七年九月", "二〇一七年九月", "left", True),
        ("11月21日", "2023年11月21日", "left", True),
        ("2023年3月", "2023年3月28日", "right", True),
        ("2023年3月", "2023年3月28", "right", True),  # two digits: the 日 is under the seal
        ("二〇二二年三月", "二〇二二年三月十三日", "right", True),
        ("二二年五月二十七日", "二〇二三年五月二十七日", "left", False),  # the year's last character changed
        ("七年九月", "二〇二七年九月", "left", False),  # a year still to come
        ("年九月", "二〇一二年十月", "left", False),  # the month changed
        ("200年5月", "2000年5月30日", "right", False),  # widening right re-read the year
        ("2020年4月", "2020年4月1", "right", False),  # a one-digit day without its 日
        ("2019年12月", "2019年12月一", "right", False),
        ("2015年7月", "2015年7月", "right", False),  # nothing added
    ],
)
def test_a_new_reading_is_kept_only_when_it_completes_the_first(first: str, second: str, side: str, kept: bool) -> None:
    partial = partial_date(first)
    assert partial is not None
    assert completes_date(partial, first, second, side) is kept


@pytest.mark.parametrize("text", ["年度考核合格", "二〇一九年九月八日", "出生年月", "荣获2019年优秀教师称号"])
def test_lines_that_are_no_cut_short_date_are_not_looked_at(text: str) -> None:
    assert partial_date(text) is None


class _CountingEngine:
    """The real engine, counting the lines it is asked to recognise."""

    def __init__(self, engine) -> None:  # type: ignore[no-untyped-def]
        self.engine, self.recognised = engine, 0

    def detect(self, image, max_side=None):  # type: ignore[no-untyped-def]
        return self.engine.detect(image, max_side)

    def recognize(self, crops):  # type: ignore[no-untyped-def]
        self.recognised += len(crops)
        return self.engine.recognize(crops)


def test_a_month_only_date_is_looked_past_only_when_the_document_dates_to_the_day(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    image, lines, date_line, issued = _page_and_date_line(ocr_engine, 12)
    numerals = date_numerals(date_line.text)
    cut = _cut(ocr_engine, image, date_line, 0.0, (len(numerals) - numerals.index("月") - 1) / len(numerals) + 0.02)
    others = [line for line in lines if line is not date_line]
    counting = _CountingEngine(ocr_engine)

    assert complete_date_lines(counting, image, [*others, cut], days_elsewhere=False) == [*others, cut]
    assert counting.recognised == 0  # many certificates are dated to the month: nothing is read again

    completed = complete_date_lines(counting, image, [*others, cut], days_elsewhere=True)
    assert counting.recognised == 1
    assert find_dates(date_numerals(completed[-1].text))[0][1] == issued


@pytest.mark.parametrize(
    ("first", "found", "taken"),
    [(None, "2012-09", "2012-09"), ("2023-03", "2023-03-28", "2023-03-28"), ("2023-03", "2022-03-28", "2023-03"),
     ("2023-03", None, "2023-03")],
)
def test_the_completed_reading_only_adds_to_the_documents_date(
    first: str | None, found: str | None, taken: str | None
) -> None:
    from models.report import DocumentReport, Fields
    from verifier.rereads import take_completed_date

    report = DocumentReport(file="a.png", fields=Fields(issue_date=first))
    assert take_completed_date(report, found) is (taken != first)
    assert report.fields.issue_date == taken
