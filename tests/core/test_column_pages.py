"""Pages written in columns (竖排, a 聘书): upright as uploaded, read right to left, never flagged as turned."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fixtures.fonts import FACES, FontStyle
from fixtures.vertical import APPOINTMENT, APPOINTMENT_SIGN_OFF, draw_column_page
from models import DocType, FlagCode
from verifier import orient
from verifier.document import analyze_document
from verifier.normalize import compact
from verifier.orient import orient_and_read, rotate_image
from verifier.settings import Settings
from verifier.vertical_script import column_evidence, is_column_page

pytestmark = pytest.mark.ocr


def _where(texts: list[str], wanted: str) -> int:
    return next(i for i, text in enumerate(texts) if wanted in text)


@pytest.mark.parametrize("style", [FontStyle.kai, FontStyle.song, FontStyle.hei])
def test_columns_are_read_right_to_left_on_an_upright_upload(ocr_engine, style: FontStyle) -> None:  # type: ignore[no-untyped-def]
    page = draw_column_page(APPOINTMENT, FACES[style][0], sign_off_from=APPOINTMENT_SIGN_OFF, seal=False)
    read = orient_and_read(ocr_engine, page)
    assert read.columns and read.upload_turned == 0
    texts = [compact(line.text) for line in read.lines]
    assert texts[0] == "聘书"
    assert _where(texts, "王晓明") < _where(texts, "临汾市第一中学") < _where(texts, "二〇一八年")


@pytest.mark.parametrize("uploaded_at", [90, 270])
def test_a_column_page_uploaded_sideways_is_read_and_its_turn_told(ocr_engine, uploaded_at: int) -> None:  # type: ignore[no-untyped-def]
    page = draw_column_page(APPOINTMENT, FACES[FontStyle.song][0], sign_off_from=APPOINTMENT_SIGN_OFF, seal=False)
    read = orient_and_read(ocr_engine, rotate_image(page, uploaded_at))
    assert read.columns and (read.upload_turned + uploaded_at) % 360 == 0
    texts = [compact(line.text) for line in read.lines]
    assert texts[0] == "聘书"
    assert _where(texts, "王晓明") < _where(texts, "临汾市第一中学") < _where(texts, "二〇一八年")


def test_a_page_turned_clockwise_is_still_turned(ocr_engine, certificate) -> None:  # type: ignore[no-untyped-def]
    # Turned anticlockwise, a page of lines reads in the same frame a column page does (270°): the characters
    # lying on their side, not standing upright, tell it apart.
    read = orient_and_read(ocr_engine, rotate_image(certificate, 90))
    assert read.rotation == 270 and not read.columns and read.upload_turned == 270


def _analysed(ocr_engine, image: np.ndarray):  # type: ignore[no-untyped-def]
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert ok
    return analyze_document(data.tobytes(), "聘书.jpg", None, ocr_engine, Settings())


def test_appointment_letter_in_columns_is_verified_without_a_turn_flag(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    page = draw_column_page(APPOINTMENT, FACES[FontStyle.song][0], sign_off_from=APPOINTMENT_SIGN_OFF)
    analysis = _analysed(ocr_engine, page)
    report = analysis.report
    assert FlagCode.NOT_UPRIGHT not in {flag.code for flag in report.flags}
    assert report.doc_type is DocType.appointment_letter
    assert (report.fields.holder, report.fields.issuer, report.fields.issue_date) == (
        "王晓明",
        "临汾市第一中学",
        "2018-08-30",
    )
    assert report.quality["page_1"]["rotation"] == 0 and report.quality["page_1"]["columns"] is True
    # The reviewer sees the page as uploaded, each line's box over its column: the holder's, second from the
    # right, in the right half; the sign-off's, the last columns, in the left half.
    view = analysis.views[0]
    height, width = page.shape[:2]
    assert view.rotation == 0
    assert view.image.shape[1] / view.image.shape[0] == pytest.approx(width / height, rel=0.02)
    centres = {compact(line.text): np.mean(line.box, axis=0) for line in view.lines}
    holder = next(c for text, c in centres.items() if "王晓明" in text)
    issuer = next(c for text, c in centres.items() if "临汾市" in text)
    assert holder[0] > view.image.shape[1] / 2 > issuer[0]
    assert holder[1] < issuer[1]  # the sign-off column starts lower down


def test_appointment_letter_in_columns_uploaded_sideways_is_flagged_and_shown_upright(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    page = draw_column_page(APPOINTMENT, FACES[FontStyle.song][0], sign_off_from=APPOINTMENT_SIGN_OFF)
    analysis = _analysed(ocr_engine, rotate_image(page, 90))  # a portrait phone shot of a page lying on its side
    report = analysis.report
    (flag,) = [flag for flag in report.flags if flag.code == FlagCode.NOT_UPRIGHT]
    assert flag.value == 90
    assert (report.fields.holder, report.fields.issuer) == ("王晓明", "临汾市第一中学")
    assert report.quality["page_1"]["rotation"] == 270 and report.quality["page_1"]["columns"] is True
    view = analysis.views[0]
    height, width = page.shape[:2]
    assert view.rotation == 270
    assert view.image.shape[1] / view.image.shape[0] == pytest.approx(width / height, rel=0.02)


class _CountingReads:
    """The real engine, counting its recognition calls."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.name, self.reads = inner, "counting", 0

    def detect(self, image, max_side=None):  # type: ignore[no-untyped-def]
        return self.inner.detect(image, max_side)

    def recognize(self, crops):  # type: ignore[no-untyped-def]
        self.reads += 1
        return self.inner.recognize(crops)


def test_the_column_test_decides_a_turned_page_of_lines_in_two_readings(ocr_engine, certificate) -> None:  # type: ignore[no-untyped-def]
    # The page of lines turned so that it is read at 270°, where the test is made: its cells read as uploaded far
    # under the bar, which settles it without reading them turned clockwise (a third of the test's recognition).
    image = rotate_image(certificate, 90)
    boxes = ocr_engine.detect(image)
    engine = _CountingReads(ocr_engine)
    assert not is_column_page(engine, image, boxes)
    assert engine.reads == 2
    evidence = column_evidence(ocr_engine, image, boxes)
    assert evidence is not None and not evidence.is_columns  # the whole evidence decides the same


def test_the_column_test_reads_a_column_page_all_three_ways(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    page = draw_column_page(APPOINTMENT, FACES[FontStyle.song][0], sign_off_from=APPOINTMENT_SIGN_OFF, seal=False)
    boxes = ocr_engine.detect(page)
    engine = _CountingReads(ocr_engine)
    assert is_column_page(engine, page, boxes)
    assert engine.reads == 3
    evidence = column_evidence(ocr_engine, page, boxes)
    assert evidence is not None and evidence.is_columns


@pytest.mark.parametrize("columns", [False, True])
def test_a_page_read_at_270_is_given_the_whole_column_test_only_past_a_first_look(  # type: ignore[no-untyped-def]
    ocr_engine, certificate, monkeypatch, columns: bool
) -> None:
    # Read at 270°, a page of lines (turned anticlockwise) and an upright column page share a frame. The first
    # characters of the longest line, as they stand in the upload, tell most pages of lines at once: lying on
    # their side, they read far worse than the line itself, and six whole columns are not read twice for it.
    # A column page's stand upright and pass on to the whole test, which still finds its columns.
    made: list[bool] = []

    def whole_test(engine, image, boxes):  # type: ignore[no-untyped-def]
        made.append(is_column_page(engine, image, boxes))
        return made[-1]

    monkeypatch.setattr(orient, "is_column_page", whole_test)
    if columns:
        page = draw_column_page(APPOINTMENT, FACES[FontStyle.kai][0], sign_off_from=APPOINTMENT_SIGN_OFF, seal=False)
    else:
        page = rotate_image(certificate, 90)
    read = orient_and_read(ocr_engine, page)
    assert read.rotation == 270 and read.columns is columns
    assert made == ([True] if columns else [])
