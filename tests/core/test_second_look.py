"""A page whose first, small detection missed a key printed field is looked at again, finer, and only the
fields still empty are taken from that second reading."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest

from fixtures.content import DocRequest, random_person
from fixtures.places import IssuerFactory
from fixtures.templates.registry import render_document
from models import Fields
from models.report import DocumentReport
from models.vocab import DocType
from tests.conftest import encode
from verifier.document import analyze_document
from verifier.rereads import fill_empty, text_of_page
from verifier.settings import Settings
from verifier.text import build_document_text

pytestmark = pytest.mark.ocr


def _coarse_first_pass(second_look: bool) -> Settings:
    """A first detection far too small for a certificate's text, and never enlarged by itself."""
    settings = Settings()
    settings.ocr.second_look = second_look
    settings.ocr.det_first_side = 200
    settings.ocr.det_min_text_px = 1.0
    return settings


def test_a_field_the_first_detection_missed_is_found_by_the_second_look(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(5)
    rendered = render_document(DocRequest(DocType.award_certificate, random_person(rng, IssuerFactory(rng)), 5, 5))
    page = encode(cv2.cvtColor(np.asarray(rendered.image), cv2.COLOR_RGB2BGR))

    coarse = analyze_document(page, "award.png", None, ocr_engine, _coarse_first_pass(False)).report
    assert coarse.fields.holder is None, "the coarse pass alone must miss the holder"

    analysis = analyze_document(page, "award.png", None, ocr_engine, _coarse_first_pass(True))
    report = analysis.report
    assert report.fields.holder == rendered.fields.holder
    assert report.fields.issue_date == coarse.fields.issue_date == rendered.fields.issue_date  # kept, not re-read
    # What a reviewer sees on the page is the reading the fields came from.
    shown = "".join(line.text for view in analysis.views for line in view.lines)
    assert rendered.fields.holder in shown


def test_the_second_look_never_overrules_a_field_the_first_read() -> None:
    from models.page import TextLine

    def line(text: str, y: float) -> TextLine:
        return TextLine(text, [(100.0, y), (600.0, y), (600.0, y + 30), (100.0, y + 30)], 0.95)

    second = build_document_text(
        [
            (
                1,
                [
                    line("荣誉证书", 50),
                    line("王小明同志:", 150),
                    line("被评为优秀教师。", 200),
                    line("宿州市教育局", 500),
                    line("2021年9月10日", 550),
                ],
                800,
                700,
            )
        ]
    )
    report = DocumentReport(file="a.png", fields=Fields(holder="王晓明"))
    assert fill_empty(report, DocType.honor_certificate, ["issuer", "issue_date"], second)
    assert report.fields.holder == "王晓明"  # read first; the second reading's 王小明 does not replace it
    assert report.fields.issuer == "宿州市教育局" and report.fields.issue_date == "2021-09-10"
    assert report.fields.level is not None and report.fields.level.value == "municipal"


def test_one_of_several_certificates_takes_its_fields_from_its_own_page_only() -> None:
    from models.page import TextLine

    def line(text: str, y: float) -> TextLine:
        return TextLine(text, [(100.0, y), (600.0, y), (600.0, y + 30), (100.0, y + 30)], 0.95)

    # The second reading of an upload holding an award (page 1, its holder unread) and an honour (page 2).
    pages = [
        (1, [line("获奖证书", 50), line("在全市优质课竞赛中荣获一等奖。", 200), line("宿州市教育局", 500)], 800, 700),
        (2, [line("荣誉证书", 50), line("王小明同志:", 150), line("被评为优秀教师。", 200)], 800, 700),
    ]
    whole = build_document_text(pages)
    report = DocumentReport(file="a.pdf")
    first = text_of_page(pages, whole, 1)
    assert fill_empty(report, DocType.award_certificate, ["holder", "issuer"], first)
    assert report.fields.issuer == "宿州市教育局"
    assert report.fields.holder is None  # the honour's 王小明 is not the award's holder
    assert text_of_page(pages, whole, None) is whole
