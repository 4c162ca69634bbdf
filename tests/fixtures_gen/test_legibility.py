"""The capture track follows the page through every geometric defect, and the labels leave unscored only the
printed fields a capture really cut away or washed out."""

import random

import cv2
import numpy as np
import pytest

from fixtures import capture
from fixtures.capture import Track
from fixtures.content import DocRequest, random_person
from fixtures.labels import DocumentLabel
from fixtures.legibility import fields_not_carried, page_glyphs, print_detail, printed_forms
from fixtures.places import IssuerFactory
from fixtures.survival import PrintSurvival
from fixtures.templates.registry import render_document
from models import DocType, Fields
from models.report import DocumentReport
from verifier.evaluation.metrics import score_documents

BLUE = (0, 0, 255)
# Page points marked with a blue square: corners, edges and middle of a 1000×700 page.
MARKS = [(120, 100), (880, 100), (500, 350), (120, 600), (880, 600), (500, 120), (150, 350)]


def _marked_page() -> np.ndarray:
    page = np.full((700, 1000, 3), 250, np.uint8)
    cv2.rectangle(page, (60, 60), (940, 640), (30, 30, 30), 3)  # a frame, so cut_off finds printed extent
    for x, y in MARKS:
        cv2.rectangle(page, (x - 8, y - 8), (x + 8, y + 8), BLUE, -1)
    return page


def _blue_near(img: np.ndarray, x: float, y: float, radius: int = 14) -> bool:
    h, w = img.shape[:2]
    x0, x1, y0, y1 = max(0, int(x) - radius), min(w, int(x) + radius), max(0, int(y) - radius), min(h, int(y) + radius)
    if x0 >= x1 or y0 >= y1:
        return False
    patch = img[y0:y1, x0:x1].astype(int)
    return bool(((patch[..., 2] - patch[..., 0] > 60) & (patch[..., 2] - patch[..., 1] > 60)).any())


def _mapped(track: Track, x: float, y: float) -> tuple[float, float]:
    return capture.apply_matrix(track.matrix, x, y)


GEOMETRIC = ["clean_scan", "phone_photo", "low_resolution", "skew", "screen_recapture", "rotate_90", "rotate_270"]


@pytest.mark.parametrize("name", GEOMETRIC)
def test_track_finds_each_mark_where_the_capture_put_it(name: str) -> None:
    page = _marked_page()
    track = Track(page.shape[1], page.shape[0])
    out = capture.DEFECTS[name].apply(page, np.random.default_rng(4), False, track)
    assert track.size == (out.shape[1], out.shape[0])
    for x, y in MARKS:
        px, py = _mapped(track, x, y)
        assert track.visible(x, y)
        assert _blue_near(out, px, py), (name, (x, y), (px, py))


@pytest.mark.parametrize("seed", range(6))
def test_track_knows_which_marks_a_cut_removed(seed: int) -> None:
    page = _marked_page()
    track = Track(page.shape[1], page.shape[0])
    out = capture.cut_off(page, np.random.default_rng(seed), heavy=True, track=track)
    lost = [m for m in MARKS if not track.visible(*m)]
    assert lost, "a heavy cut removes part of the printed area"
    for x, y in MARKS:
        if track.visible(x, y):
            assert _blue_near(out, *_mapped(track, x, y))


def test_glare_washes_out_the_marks_under_its_core() -> None:
    page = np.full((700, 1000, 3), 250, np.uint8)
    grid = [(x, y) for x in range(40, 1000, 40) for y in range(40, 700, 40)]
    for x, y in grid:
        cv2.rectangle(page, (x - 5, y - 5), (x + 5, y + 5), BLUE, -1)
    track = Track(page.shape[1], page.shape[0])
    out = capture.glare(page, np.random.default_rng(2), heavy=True, track=track)
    hidden = [m for m in grid if not track.visible(*m)]
    assert len(hidden) >= 4
    for x, y in grid:
        patch = out[y - 4 : y + 4, x - 4 : x + 4].astype(int)
        colour = (patch.max(axis=-1) - patch.min(axis=-1)).mean()
        if (x, y) in hidden:
            assert colour < 60, (x, y)  # washed out to near white
        else:
            assert colour > 20, (x, y)  # the halo lightens it, the colour is still there


def test_points_past_the_paper_edge_are_never_visible() -> None:
    track = Track(1000, 700)
    assert track.visible(10, 10) and not track.visible(-5, 10) and not track.visible(10, 700)


@pytest.fixture(scope="module")
def award():  # type: ignore[no-untyped-def]
    for seed in range(40):
        rng = random.Random(seed)
        person = random_person(rng, IssuerFactory(rng))
        rendered = render_document(DocRequest(DocType.award_certificate, person, seed, seed))
        if not rendered.seal_only_sign_off:
            return rendered
    raise AssertionError("no award certificate prints its issuer")


def test_a_cut_through_the_sign_off_loses_issuer_and_date_not_the_holder(award) -> None:  # type: ignore[no-untyped-def]
    w, h = award.image.size
    sign_off_top = min(g.y for g in page_glyphs(award.runs) if g.char == award.fields.issuer[0] and g.y > h / 2)
    track = Track(w, h)
    track.moved(np.eye(3), (w, int(sign_off_top - award.runs[0].size)))  # the bottom of the page cut away
    assert set(fields_not_carried(award.fields, award.runs, award.seals, track)) >= {"issuer", "issue_date"}
    assert "holder" not in fields_not_carried(award.fields, award.runs, award.seals, track)


def test_a_whole_capture_carries_every_field(award) -> None:  # type: ignore[no-untyped-def]
    w, h = award.image.size
    assert fields_not_carried(award.fields, award.runs, award.seals, Track(w, h)) == []


def test_a_field_not_carried_is_not_scored() -> None:
    label = DocumentLabel(
        file="a.jpg",
        doc_type=DocType.award_certificate,
        fields=Fields(holder="张三", issuer="某县教育局"),
        not_carried=["holder"],
        format="jpg",
    )
    report = DocumentReport(file="a.jpg", doc_type=DocType.award_certificate, fields=Fields(issuer="某县教育局"))
    scores = score_documents([(label, report)])
    assert "holder" not in scores.fields
    assert scores.field_not_carried == {"holder": 1}
    assert scores.fields["issuer"].correct == 1


def test_dates_are_looked_for_as_certificates_and_journals_print_them() -> None:
    assert printed_forms("issue_date", "2023-11-20") == ["二〇二三年十一月二十日", "2023年11月20日"]
    assert "2024年第9期" in printed_forms("issue_date", "2024-09")
    assert printed_forms("holder", "张 三") == ["张三"]


def _captured(award, defect: str, heavy: bool) -> tuple[np.ndarray, np.ndarray, Track]:  # type: ignore[no-untyped-def]
    page = np.asarray(award.image)
    track = Track(page.shape[1], page.shape[0])
    out = capture.DEFECTS[defect].apply(page, np.random.default_rng(3), heavy, track)
    return page, out, track


def test_print_detail_is_whole_on_the_page_itself_and_under_a_change_of_contrast(award) -> None:  # type: ignore[no-untyped-def]
    page = np.asarray(award.image)
    track = Track(page.shape[1], page.shape[0])
    dimmer = (page.astype(np.float32) * 0.6 + 60).astype(np.uint8)
    for captured in (page, dimmer):
        detail = print_detail(award.fields, award.runs, award.seals, track, PrintSurvival(page, captured, track))
        assert min(v for v in detail.values() if v is not None) > 0.95


def test_print_detail_follows_the_capture_geometry(award) -> None:  # type: ignore[no-untyped-def]
    page, out, track = _captured(award, "skew", False)
    detail = print_detail(award.fields, award.runs, award.seals, track, PrintSurvival(page, out, track))
    assert detail["holder"] is not None and detail["holder"] > 0.9


def test_a_blur_that_smears_the_strokes_leaves_the_print_unreadable(award) -> None:  # type: ignore[no-untyped-def]
    page = np.asarray(award.image)
    track = Track(page.shape[1], page.shape[0])
    smeared = cv2.GaussianBlur(page, (0, 0), award.runs[0].size / 3)  # a third of a character: a grey smudge
    survival = PrintSurvival(page, smeared, track)
    assert "holder" in fields_not_carried(award.fields, award.runs, award.seals, track, survival)
    softened = cv2.GaussianBlur(page, (0, 0), 0.8)
    survival = PrintSurvival(page, softened, track)
    assert fields_not_carried(award.fields, award.runs, award.seals, track, survival) == []
