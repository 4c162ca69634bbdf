"""Reading a round seal's ring text, and taking the issuer from it when the printed sign-off names none."""

from __future__ import annotations

import dataclasses
import random

import cv2
import numpy as np
import pytest

from fixtures.content import DocRequest, RenderedDoc, random_person
from fixtures.places import IssuerFactory
from fixtures.templates.registry import render_document
from models.vocab import DocType
from tests.conftest import encode
from verifier.document import analyze_document
from verifier.seals.detect import detect_seals
from verifier.seals.issuer import issuer_from_seals
from verifier.seals.rings import read_seal_texts, unroll_ring
from verifier.settings import Settings

pytestmark = pytest.mark.ocr


def _render(doc_type: DocType, seed: int) -> tuple[RenderedDoc, np.ndarray]:
    """A rendered certificate, and the same page without any printed text (its border and seal only)."""
    rng = random.Random(seed)
    request = DocRequest(doc_type, random_person(rng, IssuerFactory(rng)), seed, seed)
    rendered = render_document(request)
    background = render_document(dataclasses.replace(request, draw_text=False)).image
    return rendered, cv2.cvtColor(np.asarray(background), cv2.COLOR_RGB2BGR)


def _seal_only_sign_off(rendered: RenderedDoc, background: np.ndarray) -> np.ndarray:
    """The page with the printed issuer taken away where it is signed: only the seal names the body."""
    issuer = rendered.fields.issuer
    assert issuer
    signing = [run for run in rendered.runs if run.text.strip() == issuer]
    assert signing, "the template prints its issuer on a line of its own"
    return _erased(rendered, background, signing)


def _erased(rendered: RenderedDoc, background: np.ndarray, runs: list, centred: bool = False) -> np.ndarray:  # type: ignore[type-arg]
    """The page with the given printed runs painted over with the page behind them."""
    page = cv2.cvtColor(np.asarray(rendered.image), cv2.COLOR_RGB2BGR)
    for run in runs:
        width = len(run.text) * (run.size + run.char_space)
        top, bottom = int(run.baseline - run.size * 1.1), int(run.baseline + run.size * 0.35)
        # A centred run (审批机关：…) starts up to half its width left of its x.
        left, right = max(0, int(run.x - (width / 2 if centred else 0) - 4)), int(run.x + width + 4)
        page[top:bottom, left:right] = background[top:bottom, left:right]
    return page


@pytest.mark.parametrize(("doc_type", "seed"), [(DocType.award_certificate, 3), (DocType.honor_certificate, 8)])
def test_ring_text_names_the_issuer(ocr_engine, doc_type: DocType, seed: int) -> None:  # type: ignore[no-untyped-def]
    rendered, _ = _render(doc_type, seed)
    page = cv2.cvtColor(np.asarray(rendered.image), cv2.COLOR_RGB2BGR)
    seals = detect_seals(page)
    assert seals
    readings = [(read.text, read.confidence) for read in read_seal_texts(ocr_engine, page, seals)]
    assert issuer_from_seals(readings) == rendered.fields.issuer


@pytest.mark.parametrize(("doc_type", "seed"), [(DocType.award_certificate, 3), (DocType.honor_certificate, 8)])
def test_sign_off_that_is_the_seal_alone_takes_the_issuer_from_the_seal(
    ocr_engine, doc_type: DocType, seed: int  # type: ignore[no-untyped-def]
) -> None:
    rendered, background = _render(doc_type, seed)
    page = _seal_only_sign_off(rendered, background)
    report = analyze_document(encode(page), "seal_only.png", None, ocr_engine, Settings()).report
    assert rendered.fields.issuer not in report.text, "the issuer must no longer be printed"
    assert report.fields.issuer == rendered.fields.issuer
    assert report.fields.level == rendered.fields.level
    assert report.read_from_seal == ["issuer"]


def test_printed_issuer_is_not_replaced_by_the_seal(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    rendered, _ = _render(DocType.award_certificate, 3)
    page = cv2.cvtColor(np.asarray(rendered.image), cv2.COLOR_RGB2BGR)
    report = analyze_document(encode(page), "printed.png", None, ocr_engine, Settings()).report
    assert report.fields.issuer == rendered.fields.issuer
    assert report.read_from_seal == []


def test_oval_or_tiny_seals_are_not_unrolled() -> None:
    from verifier.seals.model import Seal

    page = np.full((400, 400, 3), 255, np.uint8)
    oval = Seal(centre=(200.0, 200.0), axes=(200.0, 120.0), angle=0.0, rim_coverage=1.0, box=(100, 140, 200, 120))
    tiny = Seal(centre=(200.0, 200.0), axes=(40.0, 40.0), angle=0.0, rim_coverage=1.0, box=(180, 180, 40, 40))
    assert unroll_ring(page, oval) is None
    assert unroll_ring(page, tiny) is None


def test_noise_on_a_ring_names_no_issuer() -> None:
    assert issuer_from_seals([("RKRRA中TE", 0.64)]) is None
    assert issuer_from_seals([("宿州市教育局", 0.5)]) is None  # too unsure to stand for the sign-off
    assert issuer_from_seals([("宿州市教育局职称评审专用章", 0.9)]) == "宿州市教育局"
    assert issuer_from_seals([("教育局", 0.95)]) is None  # no place: which 教育局?


def test_a_printed_name_without_its_place_is_completed_by_the_same_bodys_seal() -> None:
    assert issuer_from_seals([("河南师范大学", 0.9)], printed="渝南师范大学") == "河南师范大学"
    assert issuer_from_seals([("青海教育学院", 0.9)], printed="教育学院") == "青海教育学院"
    # A co-issuer's seal beside a printed name names another body: the printed one stands.
    assert issuer_from_seals([("山西省人力资源和社会保障厅", 0.95)], printed="教育厅") is None


def test_a_place_lost_beside_a_signature_is_taken_from_a_ring_that_misreads_another_character() -> None:
    # Read on seed-1 benchmark document 0379: 校(院)长:√N师范学院, the seal's ring 广东师范学航.
    assert issuer_from_seals([("广东师范学航", 0.92)], printed="师范学院") == "广东师范学院"
    assert issuer_from_seals([("第二师三十团中心学校专用章", 0.9)], printed="中心学校") == "第二师三十团中心学校"
    # Two characters off is another body's name, and a ring with no place adds none.
    assert issuer_from_seals([("广东外语学航", 0.92)], printed="师范学院") is None
    assert issuer_from_seals([("实验师范学院", 0.92)], printed="师范学院") is None


def test_report_page_says_the_issuer_was_read_from_the_seal(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    from verifier.html_report import render_html
    from verifier.pipeline import Upload, verify_submission

    rendered, background = _render(DocType.award_certificate, 3)
    page = encode(_seal_only_sign_off(rendered, background))
    upload = Upload(file="获奖证书/seal_only.png", column="获奖证书", data=page)
    result = verify_submission([upload], settings=Settings(), workers=1)
    [document] = result.report.documents
    assert document.read_from_seal == ["issuer"]
    html = render_html(result.report, result.analyses)
    assert rendered.fields.issuer in html and "取自印章文字" in html


def test_printed_and_sealed_readings_of_one_name_complete_each_other() -> None:
    # 人西师范大学 printed under a signature, 江药师范大学 on the ring: only 江西 is a place.
    assert issuer_from_seals([("江药师范大学", 0.89)], printed="人西师范大学") == "江西师范大学"
    # Two misread characters of the body word: the reading that keeps a known body word wins.
    assert issuer_from_seals([("黑河市教育局", 0.9)], printed="黑河审流等局") == "黑河市教育局"


@pytest.mark.parametrize("direction", [0, 60, 135])
def test_seal_squeezed_by_a_slanted_photo_is_made_round_and_read(ocr_engine, direction: int) -> None:  # type: ignore[no-untyped-def]
    rendered, _ = _render(DocType.award_certificate, 3)
    page = cv2.cvtColor(np.asarray(rendered.image), cv2.COLOR_RGB2BGR)
    height, width = page.shape[:2]
    theta = np.radians(direction)
    along, across = np.array([np.cos(theta), np.sin(theta)]), np.array([-np.sin(theta), np.cos(theta)])
    squeeze = 0.75 * np.outer(along, along) + np.outer(across, across)
    centre = np.array([width / 2, height / 2])
    matrix = np.hstack([squeeze, (centre - squeeze @ centre)[:, None]]).astype(np.float32)
    slanted = cv2.warpAffine(page, matrix, (width, height), borderValue=(255, 255, 255))
    seal = max(detect_seals(slanted), key=lambda found: found.axes[0])
    assert seal.axes[1] < 0.8 * seal.axes[0]  # an ellipse now
    readings = [(read.text, read.confidence) for read in read_seal_texts(ocr_engine, slanted, [seal])]
    assert issuer_from_seals(readings) == rendered.fields.issuer


def test_text_layer_pdf_signed_with_the_seal_alone(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    """A PDF whose words are a text layer over a picture that holds the seal: the seal is looked for in the
    picture only when the text names no issuer."""
    from fixtures.files import pdf_with_text

    rendered, _ = _render(DocType.award_certificate, 3)
    rng = random.Random(3)
    request = DocRequest(DocType.award_certificate, random_person(rng, IssuerFactory(rng)), 3, 3, draw_text=False)
    background = render_document(request).image  # border and seal, no words
    runs = [run for run in rendered.runs if run.text.strip() != rendered.fields.issuer]
    report = analyze_document(pdf_with_text(background, runs), "seal_only.pdf", None, ocr_engine, Settings()).report
    assert report.quality["page_1"]["source"] == "pdf_text"
    assert report.fields.issuer == rendered.fields.issuer
    assert report.read_from_seal == ["issuer"]


def test_title_certificate_issuer_is_the_sealing_body_not_the_review_committee(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    rendered, background = _render(DocType.title_certificate, 5)
    approver = rendered.fields.issuer
    assert approver and "人力资源" in approver
    page = _erased(rendered, background, [run for run in rendered.runs if approver in run.text], centred=True)
    report = analyze_document(encode(page), "title.png", None, ocr_engine, Settings()).report
    assert approver not in report.text and "评审委员会" in report.text
    assert report.fields.issuer == approver
    assert report.fields.level == rendered.fields.level
    assert report.read_from_seal == ["issuer"]


def test_review_committee_gives_way_only_to_a_body_of_its_own_place() -> None:
    from verifier.seals.issuer import approver_from_seals

    committee = "汾西县中小学教师中级职务评审委员会"
    assert approver_from_seals([("汾西县人力资源和社会保障局", 0.93)], committee) == "汾西县人力资源和社会保障局"
    assert approver_from_seals([("洪洞县人力资源和社会保障局", 0.93)], committee) is None  # another county
    assert approver_from_seals([("货和社会保人", 0.92)], committee) is None  # a ring read in part names nothing


@pytest.mark.parametrize(
    ("doc_type", "seed", "photo_seed"),
    [
        (DocType.award_certificate, 6, 1),
        (DocType.award_certificate, 12, 2),
        (DocType.honor_certificate, 11, 2),
        (DocType.honor_certificate, 12, 1),
    ],
)
def test_ring_of_a_phone_photo_saved_as_jpeg_is_read(  # type: ignore[no-untyped-def]
    ocr_engine, doc_type: DocType, seed: int, photo_seed: int
) -> None:
    """JPEG keeps colour at half the resolution of brightness, so the ring's redness alone is soft; these rings
    were misread from it (达月县和平航, 制州市, 遵宁市人民政, 润州市) and are read with the sharp brightness too."""
    from fixtures.capture import phone_photo

    rendered, background = _render(doc_type, seed)
    page = cv2.cvtColor(_seal_only_sign_off(rendered, background), cv2.COLOR_BGR2RGB)
    photo = cv2.cvtColor(phone_photo(page, np.random.default_rng(photo_seed)), cv2.COLOR_RGB2BGR)
    saved = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, 90])[1]
    decoded = cv2.imdecode(saved, cv2.IMREAD_COLOR)
    readings = [(read.text, read.confidence) for read in read_seal_texts(ocr_engine, decoded, detect_seals(decoded))]
    assert issuer_from_seals(readings) == rendered.fields.issuer
