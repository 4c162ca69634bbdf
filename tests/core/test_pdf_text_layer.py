"""PDF pages with a text layer are read from PDFium's text page: lines, reading order and boxes on the render."""

from __future__ import annotations

import numpy as np
import pytest

from models.page import Page, PageSource
from models.vocab import DocType
from tests.conftest import pil_bytes, render_certificate
from tests.core.pdfs import Run, picture_pdf, runs_pdf, searchable_scan_pdf, text_pdf, with_rotate
from verifier.document import analyze_document
from verifier.ingest import ingest_bytes
from verifier.ocr import get_engine
from verifier.settings import OcrSettings, Settings

# A landscape award certificate (points from the top-left): title, holder set larger than its salutation on one
# baseline, body, and the certificate number and date far apart on one row.
CERTIFICATE: list[Run] = [
    (300, 100, 44, "荣誉证书"),
    (110, 180, 26, "张晓梅"),
    (196, 180, 20, "同志："),
    (150, 230, 20, "在2023年六盘水市中小学优质课竞赛中，"),
    (150, 270, 20, "荣获初中数学学科 一等奖。"),
    (560, 420, 20, "六盘水市教育局"),
    (110, 520, 12, "证书编号：LPS2023-0417"),
    (560, 520, 18, "二〇二三年十一月"),
]
EXPECTED = [
    "荣誉证书",
    "张晓梅 同志：",
    "在2023年六盘水市中小学优质课竞赛中，",
    "荣获初中数学学科 一等奖。",
    "六盘水市教育局",
    "证书编号：LPS2023-0417 二〇二三年十一月",
]


def ink_share(page: Page, box: list[tuple[float, float]]) -> float:
    """Share of the page's dark pixels that fall inside the box."""
    grey = page.image.mean(axis=2)
    dark = grey < 128
    (x0, y0), _, (x1, y1), _ = box
    inside = dark[int(y0) : int(np.ceil(y1)), int(x0) : int(np.ceil(x1))].sum()
    return float(inside / max(dark.sum(), 1))


def assert_boxes_on_the_text(page: Page) -> None:
    height, width = page.image.shape[:2]
    for line in page.lines:
        xs, ys = [p[0] for p in line.box], [p[1] for p in line.box]
        assert 0 <= min(xs) < max(xs) <= width and 0 <= min(ys) < max(ys) <= height, line
        assert line.confidence == 1.0
    # Together the boxes hold (nearly) all the ink: each line sits where the render drew it.
    covered = sum(ink_share(page, line.box) for line in page.lines)
    assert covered > 0.95, covered
    tops = [line.top for line in page.lines]
    assert tops == sorted(tops)


@pytest.mark.parametrize("turn", [0, 90, 270])
def test_lines_read_in_order_with_boxes_on_the_render(turn: int) -> None:
    # turn: content stored turned and shown upright through /Rotate, as exporters write landscape pages.
    result = ingest_bytes(runs_pdf([CERTIFICATE], turn=turn))
    assert result.flags == []
    page = result.pages[0]
    assert page.source == PageSource.pdf_text
    assert page.image.shape[1] > page.image.shape[0]  # landscape, as a viewer shows it
    assert [line.text for line in page.lines] == EXPECTED
    assert_boxes_on_the_text(page)
    # The title is set at 44 pt and body text at 20 pt; heights keep that ratio for the title detector.
    title, body = page.lines[0], page.lines[2]
    assert 1.8 < title.height / body.height < 2.8


def test_every_page_of_a_multipage_pdf_is_read() -> None:
    holders = ["张晓梅", "李建国", "王芳"]
    pages = [[(110, 180, 26, name), (150, 230, 20, f"{name}参加继续教育培训，完成 48 学时。")] for name in holders]
    result = ingest_bytes(runs_pdf(pages))
    assert [p.number for p in result.pages] == [1, 2, 3]
    for page, name in zip(result.pages, holders, strict=True):
        assert page.source == PageSource.pdf_text
        assert [line.text for line in page.lines] == [name, f"{name}参加继续教育培训，完成 48 学时。"]


def test_portrait_text_pdf_from_the_test_helper() -> None:
    lines = ["继续教育证书", "张晓梅同志参加培训，完成 48 学时。", "Certificate No. JSJN2019-2488"]
    page = ingest_bytes(text_pdf(lines)).pages[0]
    assert [line.text for line in page.lines] == lines
    assert_boxes_on_the_text(page)


def test_page_shown_sideways_goes_to_ocr() -> None:
    # Upright content with /Rotate 90: a viewer shows the text running down the page, like a photo uploaded
    # turned. OCR reads it upright and flags it, so the text layer is not used as it stands.
    result = ingest_bytes(with_rotate(runs_pdf([CERTIFICATE]), 90))
    page = result.pages[0]
    assert page.source == PageSource.pdf_render
    assert page.lines == []


def test_too_little_text_goes_to_ocr(certificate: np.ndarray) -> None:
    # A page number alone does not make a text layer.
    result = ingest_bytes(runs_pdf([[(400, 560, 10, "第1页")]]))
    assert result.pages[0].source == PageSource.pdf_render
    scanned = ingest_bytes(pil_bytes(certificate, "PDF", resolution=150))
    assert scanned.pages[0].source == PageSource.pdf_render
    assert scanned.pages[0].lines == []


def test_text_pdf_is_understood_without_ocr() -> None:
    # The null engine reads nothing: everything below comes from the text layer.
    engine = get_engine(OcrSettings(engine="null"))
    analysis = analyze_document(runs_pdf([CERTIFICATE]), "award.pdf", None, engine, Settings())
    report = analysis.report
    assert report.quality["page_1"]["source"] == "pdf_text"
    assert "ocr" not in analysis.timings
    assert report.doc_type == DocType.award_certificate
    assert report.fields.holder == "张晓梅"
    assert analysis.views[0].lines and analysis.fingerprint is not None


@pytest.mark.ocr
def test_pdf_without_text_layer_is_ocred(certificate: np.ndarray) -> None:
    data = pil_bytes(certificate, "PDF", resolution=150)
    analysis = analyze_document(data, "scan.pdf", None, get_engine(), Settings())
    report = analysis.report
    assert report.quality["page_1"]["source"] == "pdf_render"
    assert analysis.timings["ocr"] > 0
    assert report.doc_type == DocType.award_certificate


@pytest.mark.ocr
def test_page_shown_sideways_is_read_upright_by_ocr_and_flagged() -> None:
    data = with_rotate(runs_pdf([CERTIFICATE]), 90)
    report = analyze_document(data, "sideways.pdf", None, get_engine(), Settings()).report
    assert report.quality["page_1"]["source"] == "pdf_render"
    assert report.quality["page_1"]["rotation"] in (90, 270)
    assert "NOT_UPRIGHT" in [flag.code.value for flag in report.flags]
    assert report.fields.holder == "张晓梅"


def test_searchable_scan_goes_to_ocr(certificate: np.ndarray) -> None:
    # A scanner app's export: the scan as the page and its own OCR drawn invisible on top. The scan is what the
    # reviewer sees, so it is read and checked as a scan; the same text drawn visibly is a text layer.
    scan = pil_bytes(certificate, "JPEG", quality=90)
    searchable = ingest_bytes(searchable_scan_pdf(scan, CERTIFICATE))
    assert searchable.pages[0].source == PageSource.pdf_render
    assert searchable.pages[0].lines == []
    assert ingest_bytes(runs_pdf([CERTIFICATE])).pages[0].source == PageSource.pdf_text


@pytest.mark.ocr
def test_searchable_scan_is_read_and_checked_as_a_scan(certificate: np.ndarray) -> None:
    scan = pil_bytes(certificate, "JPEG", quality=90)
    analysis = analyze_document(searchable_scan_pdf(scan, CERTIFICATE), "scan.pdf", None, get_engine(), Settings())
    report = analysis.report
    assert report.quality["page_1"]["source"] == "pdf_render"
    assert "sharpness" in report.quality["page_1"]  # the capture checks ran on the scan
    assert report.doc_type == DocType.award_certificate


# An electronic certificate: its artwork, title, award, issuer and date drawn in a picture covering the page, and a
# text layer holding only the winner and the sentence (the real set's contest 获奖证书 had this make-up).
WINNER_LAYER: list[Run] = [
    (105, 200, 25, "张晓梅 同学："),
    (105, 258, 25, "在2024年春季程序设计能力测评中荣获"),
]


def _artwork() -> bytes:
    picture = render_certificate(lines=[" ", " ", "        一 等 奖"], title="获奖证书")
    return pil_bytes(picture, "JPEG", quality=90)


def test_a_text_layers_largest_picture_is_measured() -> None:
    pictured = ingest_bytes(picture_pdf(_artwork(), WINNER_LAYER)).pages[0]
    assert pictured.source == PageSource.pdf_text
    assert pictured.picture_share > 0.95
    assert ingest_bytes(runs_pdf([CERTIFICATE])).pages[0].picture_share == 0.0


@pytest.mark.ocr
def test_an_untyped_layers_picture_is_read_for_what_the_layer_lacks() -> None:
    data = picture_pdf(_artwork(), WINNER_LAYER)
    alone = Settings()
    alone.ocr.text_layer_picture_share = 0.0
    layer_only = analyze_document(data, "e-cert.pdf", None, get_engine(), alone).report
    assert layer_only.doc_type == DocType.other  # the layer alone names no kind of document

    report = analyze_document(data, "e-cert.pdf", None, get_engine(), Settings()).report
    assert report.quality["page_1"]["source"] == "pdf_text"
    assert report.quality["page_1"]["picture_lines"] >= 3
    assert report.doc_type == DocType.award_certificate
    assert report.fields.grade == "first"
    assert report.fields.holder == "张晓梅"  # from the layer, exact
    assert report.fields.issuer == "六盘水市教育局"
    assert report.fields.issue_date == "2023-11-20"
    assert report.text.count("在2024年春季程序设计能力测评中荣获") == 1  # the layer's line is not read twice


def test_a_layer_that_names_its_document_is_taken_as_it_is() -> None:
    # The null engine reads nothing; were the picture read, the page would carry a count of its lines.
    layer = [(300, 100, 44, "获奖证书"), *WINNER_LAYER, (150, 300, 25, "一等奖")]
    engine = get_engine(OcrSettings(engine="null"))
    report = analyze_document(picture_pdf(_artwork(), layer), "e-cert.pdf", None, engine, Settings()).report
    assert report.doc_type == DocType.award_certificate
    assert "picture_lines" not in report.quality["page_1"]
