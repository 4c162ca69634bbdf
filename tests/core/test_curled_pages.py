"""A certificate photographed curled (a booklet's bent page, a sheet that will not lie flat): its lines run in arcs
and are still found and read, including a body line across the whole page that names the holder."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest

from fixtures.capture import curled
from fixtures.content import DocRequest, random_person
from fixtures.places import IssuerFactory
from fixtures.templates.registry import render_document
from models.vocab import DocType
from verifier.document import analyze_document
from verifier.settings import Settings

pytestmark = pytest.mark.ocr

@pytest.mark.parametrize("depth", [0.02, 0.03])
def test_a_holder_on_a_curled_body_line_is_read(ocr_engine, depth: float) -> None:  # type: ignore[no-untyped-def]
    # 年度考核证明 names its holder inside one long body line (兹证明…同志（性别：女）系我单位在职在编教师…),
    # which arcs the most on a curled page: a rectangle around it is mostly paper.
    rng = random.Random(50)
    rendered = render_document(DocRequest(DocType.assessment_record, random_person(rng, IssuerFactory(rng)), 0, 5))
    assert rendered.fields.holder in rendered.runs[1].text, "the holder must stand in a long body line"
    photo = cv2.cvtColor(curled(np.asarray(rendered.image), depth), cv2.COLOR_RGB2BGR)
    ok, data = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert ok

    report = analyze_document(data.tobytes(), "curled.jpg", None, ocr_engine, Settings()).report

    assert report.doc_type is DocType.assessment_record
    assert report.fields.holder == rendered.fields.holder
    assert report.fields.issue_date == rendered.fields.issue_date
