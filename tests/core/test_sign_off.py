"""A sign-off the whole-page reading missed on a dark photo is read again around its seal, enlarged, and only the
fields the first reading left empty are taken from it."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest

from fixtures import capture
from fixtures.benchmark import benchmark_document
from fixtures.content import DocRequest, random_person
from fixtures.places import IssuerFactory
from fixtures.produce import Recipe, produce
from fixtures.templates.registry import render_document
from models.page import TextLine
from models.vocab import DocType
from verifier.document import analyze_document
from verifier.normalize import find_dates
from verifier.ocr.base import read_lines
from verifier.orient import detect_adaptive
from verifier.rereads import Reading, agreed_date
from verifier.seals.detect import detect_seals
from verifier.seals.model import Seal
from verifier.seals.sign_off import DetectSizing, read_sign_offs, sign_off_areas, text_height, with_sign_offs
from verifier.settings import Settings
from verifier.understand.signature import Signature


def _seal(cx: float, cy: float, diameter: float) -> Seal:
    r = diameter / 2
    return Seal(
        centre=(cx, cy),
        axes=(diameter, diameter),
        angle=0.0,
        rim_coverage=0.9,
        box=(int(cx - r), int(cy - r), int(diameter), int(diameter)),
    )


def _line(text: str, x: float, y: float, width: float = 100, height: float = 20) -> TextLine:
    return TextLine(text, [(x, y), (x + width, y), (x + width, y + height), (x, y + height)], 0.9)


def test_the_area_reaches_either_side_of_the_seal_and_stays_on_the_page() -> None:
    (area,) = sign_off_areas([_seal(100, 500, 120)], width=800, height=1000)
    assert area == (0, 422, 310, 578)  # 3.5 radii each side, clipped on the left; 1.3 radii up and down
    assert sign_off_areas([_seal(400, 400, 30)], 800, 1000) == []  # a red dot is no seal to sign with


def test_only_the_lines_inside_an_area_give_way_to_its_reading() -> None:
    title = _line("荣誉证书", 300, 100)
    fragment = _line("龙凤", 380, 640)
    readings = [
        (
            (250, 600, 650, 760),
            [_line("龙凤区民族中学（盖章）", 300, 640, 220), _line("二〇二四年三月七日", 320, 690, 180)],
        )
    ]
    lines = with_sign_offs([title, fragment], readings)
    assert [line.text for line in lines] == ["荣誉证书", "龙凤区民族中学（盖章）", "二〇二四年三月七日"]


@pytest.mark.ocr
@pytest.mark.parametrize(("seed", "field"), [(2, "issue_date"), (11, "issuer")])
def test_a_dark_photos_sign_off_is_read_again_around_its_seal(ocr_engine, seed: int, field: str) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    rendered = render_document(
        DocRequest(DocType.assessment_record, random_person(rng, IssuerFactory(rng)), seed, seed)
    )
    dark = capture.DEFECTS["too_dark"].apply(np.asarray(rendered.image), np.random.default_rng(seed), True, None)
    ok, data = cv2.imencode(".jpg", cv2.cvtColor(dark, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 88])
    assert ok
    first_only = Settings()
    first_only.ocr.sign_off_reread = False

    without = analyze_document(data.tobytes(), "dark.jpg", None, ocr_engine, first_only).report
    report = analyze_document(data.tobytes(), "dark.jpg", None, ocr_engine, Settings()).report

    # The seal's ring may still name the issuer when the print was missed.
    missed = getattr(without.fields, field) is None or field in without.read_from_seal
    assert missed, "the whole-page reading alone misses this sign-off line"
    assert report.fields.issuer == rendered.fields.issuer
    assert report.fields.issue_date == rendered.fields.issue_date
    assert field not in report.read_from_seal  # read from the print around the seal
    assert report.fields.holder == without.fields.holder  # read once, never overruled


@pytest.mark.ocr
def test_a_screen_photos_seal_is_found_on_the_smoothed_page_and_its_sign_off_read_again(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    # On a photo of a screen the lattice breaks the seal's red into stripes: its ring is found, and the sign-off
    # around it read, on the page with the lattice smoothed away.
    seed = 10
    rng = random.Random(seed)
    request = DocRequest(DocType.assessment_record, random_person(rng, IssuerFactory(rng)), seed, seed)
    produced = produce(request, Recipe(defects=["phone_photo", "screen_recapture"], fmt="jpg"), seed)
    first_only = Settings()
    first_only.ocr.sign_off_reread = False

    without = analyze_document(produced.data, "screen.jpg", None, ocr_engine, first_only).report
    report = analyze_document(produced.data, "screen.jpg", None, ocr_engine, Settings()).report

    assert without.fields.issuer is None and without.fields.issue_date is None
    assert report.fields.issuer == produced.label.fields.issuer
    assert report.fields.issue_date == produced.label.fields.issue_date


def test_seals_side_by_side_share_one_area_and_a_page_of_rings_is_not_read_ring_by_ring() -> None:
    joint = sign_off_areas([_seal(300, 800, 120), _seal(520, 800, 120)], width=1000, height=1200)
    assert joint == [(90, 722, 730, 878)]  # one area over both: their lines are read once
    rings = [_seal(100 + 110 * i, 100 + 150 * i, 60) for i in range(7)]  # a border of red rings, none touching
    assert len(sign_off_areas(rings, 1000, 1200)) == 4


def _signed(date: str | None, printed: str | None = None) -> Signature:
    return Signature([], date, [], 0.9, printed)


def _reread(date: str | None, printed: str | None = None) -> tuple[Signature, Reading]:
    return (_signed(date, printed), Reading([], {}))


def test_a_doubtful_date_gives_way_to_two_rereads_that_agree_or_one_that_kept_more_characters() -> None:
    first = _signed("2019-01-10", "二〇一九年一月十日")
    whole = _reread("2019-01-30", "二〇一九年一月三十日")
    agreed = agreed_date(first, [whole, whole])
    assert agreed is not None and agreed[0].issue_date == "2019-01-30"
    # One re-read lost a character the first reading kept: two readings against one, the first stands.
    kept = _signed("2023-04-23", "二〇二三年四月二十三日")
    lost = _reread("2023-04-13", "二〇二三年四月十三日")
    assert agreed_date(kept, [lost, _reread("2023-04-23", "二〇二三年四月二十三日")]) is None
    # One re-read alone, the other read nothing: taken when its date took more characters (2月24日 for 2月2日) …
    alone = agreed_date(_signed("2020-02-02", "2020年2月2日"), [_reread("2020-02-24", "2020年2月24日"), _reread(None)])
    assert alone is not None and alone[0].issue_date == "2020-02-24"
    # … not when it took as many or fewer (a character dropped is likelier than one added).
    assert agreed_date(kept, [lost, _reread(None)]) is None
    assert agreed_date(first, [_reread("2019-01", "2019年1月")] * 2) is None  # less than a day
    assert agreed_date(first, [_reread(None), _reread(None)]) is None
    other = _reread("2019-01-20", "二〇一九年一月二十日")
    assert agreed_date(first, [whole, other]) is None  # no agreement


@pytest.mark.ocr
def test_a_date_read_unsurely_with_a_character_lost_is_read_again_around_the_seal(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    # A small phone photo: 二〇一九年一月三十日 reads 一月十日 at the page's size, a valid date the recogniser
    # scores lower than a date read as printed. Both re-reads around the seal give the day whole.
    data, label = benchmark_document(seed=2, number=100)
    trusting = Settings()
    trusting.ocr.doubtful_date_confidence = 0.0

    first = analyze_document(data, "0100.heic", None, ocr_engine, trusting).report
    report = analyze_document(data, "0100.heic", None, ocr_engine, Settings()).report

    assert first.fields.issue_date != label.fields.issue_date
    assert report.fields.issue_date == label.fields.issue_date == "2019-01-30"
    assert report.fields.issuer == first.fields.issuer == label.fields.issuer


def _first_reading_and_rereads(engine, seed: int, number: int) -> tuple:  # type: ignore[no-untyped-def, type-arg]
    """A benchmark document's label, its report with the first reading alone, and with every re-read."""
    data, label = benchmark_document(seed=seed, number=number)
    first_only = Settings()
    first_only.ocr.sign_off_reread = False
    without = analyze_document(data, f"{number:04d}", None, engine, first_only).report
    return label, without, analyze_document(data, f"{number:04d}", None, engine, Settings()).report


@pytest.mark.ocr
def test_a_sign_off_with_no_seal_found_is_read_again_in_the_pages_lower_part(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    # A photo of a screen with a green cast: the seal's red is too dull to be found, and the whole-page
    # detection finds nothing of the faint sign-off under it. Read enlarged in the red channel, it is there.
    label, without, report = _first_reading_and_rereads(ocr_engine, seed=1, number=76)

    assert without.fields.issuer is None and without.fields.issue_date is None
    assert report.fields.issue_date == label.fields.issue_date == "2021-03-10"
    assert report.fields.issuer == label.fields.issuer == "铁力市教育局"


def test_a_day_misread_past_parsing_leaves_the_date_doubtful() -> None:
    assert Signature([], "2018-03", [], 0.99, "2018年3月12811").day_unread  # 28日 read 12811
    assert not Signature([], "2018-03", [], 0.99, "2018年3月").day_unread  # a month is all it prints
    assert not Signature([], "2018-03-28", [], 0.99, "2018年3月28日").day_unread
    assert Signature([], "2019-01-10", [], 0.9, "二〇一九年一月十日").date_length == 9


@pytest.mark.ocr
def test_a_day_misread_past_parsing_is_read_again(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    # 2018年3月28日 under the seal reads 2018年3月12811: a month the page does not stop at. Read again, the day
    # comes with a stroke before it (3月128日) that no day has.
    label, without, report = _first_reading_and_rereads(ocr_engine, seed=2, number=165)

    assert without.fields.issue_date == "2018-03"
    assert report.fields.issue_date == label.fields.issue_date == "2018-03-28"


@pytest.mark.ocr
def test_a_title_certificates_approver_below_its_committee_is_read_again(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    # The whole-page reading stops at the review committee (评审组织); the 审批机关 line under it is only found
    # when the page's lower part is read again, enlarged.
    label, without, report = _first_reading_and_rereads(ocr_engine, seed=1, number=477)

    assert without.fields.issuer == "浙江省中小学教师高级职务评审委员会"
    assert report.fields.issuer == label.fields.issuer == "浙江省人力资源和社会保障厅"


class _DetectSizes:
    """The real engine, noting the size each detection is asked for."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.name, self.sides = inner, "sizes", []

    def detect(self, image, max_side=None):  # type: ignore[no-untyped-def]
        self.sides.append(min(max_side or max(image.shape[:2]), max(image.shape[:2])))
        return self.inner.detect(image, max_side)

    def recognize(self, crops):  # type: ignore[no-untyped-def]
        return self.inner.recognize(crops)


def _dark_photo(ocr_engine, scale: float):  # type: ignore[no-untyped-def]
    """The dark photo whose date only the re-read finds (seed 2's assessment record), enlarged `scale` times from
    the benchmark's 150 dpi page; its rendering, the page, its seals and its own text height."""
    seed = 2
    rng = random.Random(seed)
    rendered = render_document(
        DocRequest(DocType.assessment_record, random_person(rng, IssuerFactory(rng)), seed, seed)
    )
    dark = capture.DEFECTS["too_dark"].apply(np.asarray(rendered.image), np.random.default_rng(seed), True, None)
    page = cv2.resize(cv2.cvtColor(dark, cv2.COLOR_RGB2BGR), None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    seals = detect_seals(page, Settings().quality)
    lines = read_lines(ocr_engine, page, detect_adaptive(ocr_engine, page, Settings().ocr))
    text_px = text_height(lines)
    assert seals and text_px is not None
    return rendered, page, seals, text_px


def _dates(readings: list[tuple[tuple[int, int, int, int], list[TextLine]]]) -> list[str]:
    return [iso for _, found in readings for line in found for _, iso in find_dates(line.text)]


@pytest.mark.ocr
def test_a_phone_sized_photos_sign_off_is_detected_at_the_size_its_text_needs(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    # The dark photo taken at phone size (3.5× the benchmark's page, its long side about 4,000 px): the area
    # round the seal is larger than the re-read's 1,280 px, so it is not enlarged, and at its own size its text
    # is about 80 px high. Detected where the page's own text height is 32 px instead, it gives the same sign-off.
    rendered, page, seals, text_px = _dark_photo(ocr_engine, 3.5)
    quality = Settings().quality
    unsized, sized = _DetectSizes(ocr_engine), _DetectSizes(ocr_engine)
    whole = read_sign_offs(unsized, page, seals, "faded", quality)
    fitted = read_sign_offs(sized, page, seals, "faded", quality, DetectSizing(text_px))

    assert max(sized.sides) * 2 < max(unsized.sides)  # under half the side: a quarter of the pixels or less
    assert rendered.fields.issue_date in _dates(fitted)
    assert [area for area, _ in fitted] == [area for area, _ in whole]


@pytest.mark.ocr
def test_a_big_photos_small_seal_area_is_enlarged_but_detected_at_the_size_its_text_needs(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    # The same dark photo at 2× the benchmark's page (its long side about 2,300 px): the area round its seal
    # is under the re-read's 1,280 px, so it is enlarged, though the page's text is already large. Detected
    # where that text is 32 px high instead of at the enlarged size, it gives the same sign-off.
    rendered, page, seals, text_px = _dark_photo(ocr_engine, 2.0)
    areas = sign_off_areas(seals, page.shape[1], page.shape[0])
    assert max(max(a[2] - a[0], a[3] - a[1]) for a in areas) < 1280, "the area is enlarged"
    quality = Settings().quality
    unsized, sized = _DetectSizes(ocr_engine), _DetectSizes(ocr_engine)
    whole = read_sign_offs(unsized, page, seals, "faded", quality, DetectSizing(text_px, size_enlarged=False))
    fitted = read_sign_offs(sized, page, seals, "faded", quality, DetectSizing(text_px))

    assert max(unsized.sides) == 1280
    assert max(sized.sides) * 1.5 < max(unsized.sides)
    assert rendered.fields.issue_date in _dates(fitted)
    assert [area for area, _ in fitted] == [area for area, _ in whole]


@pytest.mark.ocr
def test_a_small_pages_enlarged_area_keeps_its_whole_size(ocr_engine) -> None:  # type: ignore[no-untyped-def]
    # A small page (0.6× the benchmark's, its long side about 700 px, like the real set's small scans): its
    # text is under the detector's 32 px, its area is enlarged for that small print and detected whole.
    _, page, seals, text_px = _dark_photo(ocr_engine, 0.6)
    assert text_px < Settings().ocr.sign_off_detect_text_px
    sized = _DetectSizes(ocr_engine)
    read_sign_offs(sized, page, seals, "faded", Settings().quality, DetectSizing(text_px))
    assert max(sized.sides) == 1280
