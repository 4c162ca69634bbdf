"""One upload through ingest, orientation, reading, quality, classification and extraction."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from models.flags import FlagCode
from models.page import PageSource, TextLine
from models.report import DocumentReport, Flag
from models.vocab import DOC_TYPE_ZH, DocType
from verifier.classify import classify
from verifier.extract import APPLICABLE, extract, find_level
from verifier.ingest import ingest_bytes
from verifier.issuers.body_name import is_review_committee, names_its_place
from verifier.normalize import find_dates
from verifier.ocr import OcrEngine
from verifier.ocr.base import read_lines
from verifier.ocr.date_lines import complete_date_lines, is_cut_short_date
from verifier.orient import OrientedRead, detect_adaptive, orient_and_read, rotate_boxes, rotate_image
from verifier.prepare import BlurKernel, prepare_page, screen_without_seals, smoothed_screen_seals
from verifier.quality import EXPLAINS_NO_TEXT, assess_document, assess_page
from verifier.quality.recapture import looks_like_screen
from verifier.seals.detect import detect_seals
from verifier.seals.issuer import approver_from_seals, issuer_from_seals
from verifier.seals.model import Seal
from verifier.seals.rings import read_seal_texts
from verifier.seals.sign_off import (
    VARIANTS,
    Area,
    Variant,
    lower_page_area,
    read_area,
    read_sign_offs,
    with_sign_offs,
)
from verifier.settings import OcrSettings, Settings
from verifier.several import describe, separate_certificates, side_by_side
from verifier.text import DocumentText, build_document_text
from verifier.understand.content_flags import content_flags
from verifier.understand.members import find_members
from verifier.understand.signature import Signature, read_signature

if TYPE_CHECKING:  # imported when a fingerprint is taken: the duplicate check loads its hashing then
    from verifier.duplicates import DocFingerprint

# Upright pages are kept at most this long a side for the duplicate check and viewers; OCR sees full size.
PREVIEW_SIDE = 1600


# A page as read: its number, its lines, and its upright width and height.
PageText = tuple[int, list[TextLine], int, int]
# A sign-off re-read: its sign-off, its pages and their text.
Reread = tuple[Signature, list[PageText], DocumentText]


@dataclass
class PageView:
    """An upright page as viewers show it: a downscaled image and the lines in its coordinates."""

    number: int
    image: np.ndarray
    lines: list[TextLine]
    rotation: int  # how far the upload was turned to show it upright
    source: str
    columns: bool = False  # written in columns (竖排): read a quarter anticlockwise of upright, shown upright


@dataclass
class DocumentAnalysis:
    report: DocumentReport
    views: list[PageView] = field(default_factory=list)
    fingerprint: DocFingerprint | None = None  # when the file was readable
    timings: dict[str, float] = field(default_factory=lambda: defaultdict(float))


class _Timer:
    def __init__(self, timings: dict[str, float], stage: str) -> None:
        self.timings, self.stage = timings, stage

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.timings[self.stage] += time.perf_counter() - self.start


def analyze_document(
    data: bytes, file: str, column: str | None, engine: OcrEngine, settings: Settings
) -> DocumentAnalysis:
    analysis = DocumentAnalysis(report=DocumentReport(file=file, column=column))
    report, timings = analysis.report, analysis.timings
    with _Timer(timings, "ingest"):
        ingested = ingest_bytes(data, settings.ingest)
    report.sha256, report.pages = ingested.sha256, ingested.page_count
    report.flags.extend(ingested.flags)
    if not ingested.readable:
        return analysis

    page_texts, qualities, uprights = [], [], []
    # Each page as OCR read it, upright, kept only where a later reading may need it (a cut-short date line, or
    # every page with the second look on): a prepared copy is as large as the page. None for a text layer too.
    read_images: list[np.ndarray | None] = []
    screens: list[bool] = []  # pages that are photos of a screen
    page_seals: list[list[Seal] | None] = []
    smalls: list[np.ndarray | None] = []  # each upright page at the quality stage's working width
    for page in ingested.pages:
        seals = None  # text-layer pages are looked at for seals only if the document check needs them
        kernel: BlurKernel | None = None
        small: np.ndarray | None = None
        restored_from: float | None = None
        read_upright, is_screen, columns, upload_turned = None, False, False, 0
        if page.source == PageSource.pdf_text:
            upright, lines, rotation = page.image, page.lines, 0
        else:
            with _Timer(timings, "prepare"):
                prepared = prepare_page(page.image, engine, settings)
            with _Timer(timings, "ocr"):
                read = _read_page(prepared.seen, engine, settings)
            read_upright, lines, rotation, columns = read.image, read.lines, read.rotation, read.columns
            upload_turned = read.upload_turned
            lines = _sure(lines, settings.ocr)
            seals, screen, kernel, restored_from = prepared.seals, prepared.screen, prepared.kernel, prepared.sharpness
            is_screen = looks_like_screen(screen, settings.quality)
            upright = rotate_image(page.image, rotation) if prepared.seen is not page.image else read_upright
            small = rotate_image(prepared.small, rotation)
            if rotation:
                with _Timer(timings, "quality"):
                    # Telling a seal from a red title's characters needs to know which way the lines run.
                    seals = detect_seals(upright, settings.quality, small)
            if upload_turned:
                uploaded_at = (360 - upload_turned) % 360  # how the upload is turned, clockwise from upright
                turned = {90: "顺时针旋转了 90°", 180: "上下颠倒（旋转了 180°）", 270: "逆时针旋转了 90°"}[uploaded_at]
                detail = f"第 {page.number} 页{turned}"
                flag = Flag.make(FlagCode.NOT_UPRIGHT, page=page.number, value=uploaded_at, detail=detail)
                report.flags.append(flag)
        with _Timer(timings, "quality"):
            if page.source == PageSource.pdf_text:
                quality_scores: dict[str, float] = {"text_layer": 1.0}
            else:
                page_quality = assess_page(
                    upright, lines, page.number, settings.quality, screen, restored_from, small
                )
                quality_scores = page_quality.scores
                if kernel is not None:  # read after undoing this blur; the measures are of the upload
                    quality_scores[f"deblurred_{kernel.kind}_px"] = round(kernel.size, 1)
                report.flags.extend(page_quality.flags)
                qualities.append(page_quality)
        page_seals.append(seals)
        smalls.append(small)
        layout = {"rotation": upload_turned, **({"columns": True} if columns else {})}
        report.quality[f"page_{page.number}"] = {**quality_scores, **layout, "source": page.source.value}
        page_texts.append((page.number, lines, upright.shape[1], upright.shape[0]))
        may_read_again = settings.ocr.second_look or any(is_cut_short_date(line.text) for line in lines)
        read_images.append(read_upright if may_read_again else None)
        screens.append(is_screen)
        uprights.append(upright)
        analysis.views.append(_view(page.number, upright, lines, upload_turned, page.source.value, columns))

    with _Timer(timings, "understand"):
        text = build_document_text(page_texts)
        report.text = text.full
        if not any(line.text.strip() for line in text.lines):
            # As on a page: a blurred, dark, washed-out or tiny page already carries the flag that says why.
            if not any(f.code == FlagCode.UNREADABLE or f.code in EXPLAINS_NO_TEXT for f in report.flags):
                report.flags.append(Flag.make(FlagCode.UNREADABLE))
            _dedupe_flags(report)
            return analysis
        # Several certificates in one upload: the first is verified, not a mix of their fields, so every later
        # reading of fields (a completed date, the second look, the seals) keeps to its page.
        several = separate_certificates(page_texts) if len(page_texts) > 1 else []
        fields_page = several[0].page if several else None
        # Two certificates photographed side by side on one page: the left one is read, the flag asks for each.
        beside = side_by_side(page_texts[0]) if len(page_texts) == 1 else []
        if several:
            decision, fields = several[0].decision, several[0].fields
            report.flags.append(Flag.make(FlagCode.SEVERAL_DOCUMENTS, detail=describe(several), value=len(several)))
        elif beside:
            decision, fields = beside[0].decision, beside[0].fields
            detail = "同一张照片中并排拍有两份证书：" + "、".join(DOC_TYPE_ZH[c.decision.doc_type] for c in beside)
            report.flags.append(Flag.make(FlagCode.SEVERAL_DOCUMENTS, detail=detail, value=len(beside)))
        else:
            decision = classify(text)
            fields = extract(decision.doc_type, text)
        report.doc_type, report.doc_type_confidence, report.cues = decision.doc_type, decision.confidence, decision.cues
        if decision.doubtful:
            detail = f"按「{DOC_TYPE_ZH[decision.doc_type]}」读取"
            report.flags.append(Flag.make(FlagCode.TYPE_UNCERTAIN, detail=detail))
        # Some evidence cue read (a 荣誉证书 title) but too little to tell the type, on a capture that explains
        # why (washed out, blurred, dark, tiny): the type is undetermined, not an irrelevant upload, and the
        # capture's own flag asks for a better copy. Text with no evidence cue (a notice, a receipt) stays other.
        undetermined = (
            decision.doc_type is DocType.other
            and any(score > 0 for score in decision.scores.values())
            and any(f.code in EXPLAINS_NO_TEXT for f in report.flags)
        )
        if undetermined:
            report.doc_type = report.doc_type_confidence = None
        report.fields = fields
        read_from = several[0].text if several else beside[0].text if beside else text
        report.members = find_members(decision.doc_type, read_from, fields.holder)
    if "issue_date" in APPLICABLE[decision.doc_type] and len(report.fields.issue_date or "") < _DAY_DATE:
        pages = _PageImages(read_images, uprights, screens)
        page_texts, text = _complete_cut_dates(
            analysis, decision.doc_type, text, page_texts, pages, engine, settings, fields_page
        )
    missing = [f for f in _SECOND_LOOK if f in APPLICABLE[decision.doc_type] and getattr(report.fields, f) is None]
    # With the second look on: the pages OCR read that a detection at full size sees larger than the first did.
    finer_inputs = [
        image if image is not None and max(image.shape[:2]) > settings.ocr.det_first_side else None
        for image in read_images
    ]
    if missing and settings.ocr.second_look and any(image is not None for image in finer_inputs):
        with _Timer(timings, "ocr"):
            second = _read_finer(page_texts, finer_inputs, engine, settings)
        with _Timer(timings, "understand"):
            second_text = build_document_text(second)
            fields_text = _text_of_page(second, second_text, fields_page)
            if _fill_from_second_look(report, decision.doc_type, missing, second_text, fields_text):
                analysis.views = _views(analysis.views, uprights, second)
    sign_off_missing = [
        f for f in _SIGN_OFF if f in APPLICABLE[decision.doc_type] and getattr(report.fields, f) is None
    ]
    doubted = _doubtful_date(report, decision.doc_type, _text_of_page(page_texts, text, fields_page), settings.ocr)
    rereads: list[Reread] = []
    sources, sign_off_pages = None, []
    if (sign_off_missing or doubted) and settings.ocr.sign_off_reread:
        with _Timer(timings, "prepare"):
            sources = _page_sources(page_texts, uprights, page_seals, screens, fields_page, settings)
        sign_off_pages = [source if source and source[1] else None for source in sources]  # pages with a seal
    for variant in VARIANTS if any(sign_off_pages) else ():
        with _Timer(timings, "ocr"):
            reread = _reread_sign_offs(page_texts, sign_off_pages, engine, settings, variant)
        if reread is None:
            break
        with _Timer(timings, "understand"):
            reread_text = build_document_text(reread)
            fields_text = _text_of_page(reread, reread_text, fields_page)
            if _fill_from_second_look(report, decision.doc_type, sign_off_missing, reread_text, fields_text):
                analysis.views = _views(analysis.views, uprights, reread)
            if doubted:
                rereads.append((read_signature(fields_text), reread, reread_text))
        sign_off_missing = [f for f in sign_off_missing if getattr(report.fields, f) is None]
        if not sign_off_missing and not doubted:
            break
    issuer = report.fields.issuer
    seal_may_name = issuer is None or not names_its_place(issuer) or is_review_committee(issuer)
    if "issuer" in APPLICABLE[decision.doc_type] and seal_may_name:
        kept = [i for i, (number, *_) in enumerate(page_texts) if fields_page in (None, number)]
        with _Timer(timings, "ocr"):
            _issuer_from_seals(
                report, decision.doc_type, _text_of_page(page_texts, text, fields_page),
                [uprights[i] for i in kept], [page_seals[i] for i in kept], engine, settings,
            )
    # The page's lower part is the last place looked at: a seal's ring names its body more surely.
    sign_off_missing = [f for f in sign_off_missing if getattr(report.fields, f) is None]
    # A title certificate read only as far as its review committee: the bureau that approved it signs below.
    committee_only = decision.doc_type == DocType.title_certificate and is_review_committee(report.fields.issuer or "")
    lower_wanted = sign_off_missing or (doubted and not rereads) or committee_only
    if lower_wanted and settings.ocr.sign_off_reread:
        # No seal showed where the sign-off is, or its surroundings gave nothing: the page's lower part is read.
        with _Timer(timings, "ocr"):
            if sources is None:
                sources = _page_sources(page_texts, uprights, page_seals, screens, fields_page, settings)
            reread = _reread_lower_pages(page_texts, sources, engine, settings)
        if reread is not None:
            with _Timer(timings, "understand"):
                reread_text = build_document_text(reread)
                fields_text = _text_of_page(reread, reread_text, fields_page)
                filled = _fill_from_second_look(report, decision.doc_type, sign_off_missing, reread_text, fields_text)
                if committee_only:
                    filled = _approver_from_second_look(report, decision.doc_type, reread_text, fields_text) or filled
                if filled:
                    analysis.views = _views(analysis.views, uprights, reread)
                if doubted:
                    rereads.append((read_signature(fields_text), reread, reread_text))
    if doubted and (agreed := _agreed_date(doubted, rereads)):
        signature, reread, reread_text = agreed
        report.fields.issue_date = signature.issue_date
        report.text = reread_text.full
        analysis.views = _views(analysis.views, uprights, reread)
    with _Timer(timings, "understand"):
        flags = content_flags(decision.doc_type, report.fields, text.full)
        report.flags.extend(f for f in flags if not (undetermined and f.code == FlagCode.UNKNOWN_TYPE))
    with _Timer(timings, "quality"):
        if qualities:
            doc_scores, doc_flags = assess_document(
                qualities, uprights, decision.doc_type, settings.quality,
                seals=known_seals if len(known_seals := [s for s in page_seals if s is not None]) == len(page_seals)
                else None,
                smalls=smalls,
            )
            report.quality["document"] = {k: v for k, v in doc_scores.items() if k != "pages"}
            report.flags.extend(doc_flags)
    with _Timer(timings, "duplicates"):
        from verifier.duplicates import fingerprint_document

        previews = [view.image for view in analysis.views]
        analysis.fingerprint = fingerprint_document(file, report.sha256, previews, report.fields, report.text)
    _dedupe_flags(report)
    return analysis


# An ISO date down to its day (2020-01-01), against one to the month (2020-01).
_DAY_DATE = len("2020-01-01")


@dataclass
class _PageImages:
    read: list[np.ndarray | None]  # each page as OCR read it, upright; None where no line may be read again
    uprights: list[np.ndarray]  # each page as uploaded, upright
    screens: list[bool]  # pages that are photos of a screen


def _complete_cut_dates(
    analysis: DocumentAnalysis,
    doc_type: DocType,
    text: DocumentText,
    page_texts: list[PageText],
    pages: _PageImages,
    engine: OcrEngine,
    settings: Settings,
    fields_page: int | None = None,
) -> tuple[list[PageText], DocumentText]:
    """A document whose date came out missing or without its day has its cut-short date lines read again
    whole; the pages, text and views change only when that completes the date (read from `fields_page` alone
    when the fields come from one page). A photo of a screen is read again with the seals its smoothed page
    shows lifted (a seal over the date is missed on the upload)."""
    if all(image is None for image in pages.read):
        return page_texts, text  # no page holds a cut-short date (a text layer never does)
    report, timings = analysis.report, analysis.timings
    with _Timer(timings, "ocr"):
        to_the_day = any(len(iso) == _DAY_DATE for _, iso in find_dates(text.full))
        completed = _completed_dates(page_texts, pages, engine, settings, to_the_day)
    if completed is None:
        return page_texts, text
    with _Timer(timings, "understand"):
        whole = build_document_text(completed)
        if not _take_completed_date(report, extract(doc_type, _text_of_page(completed, whole, fields_page)).issue_date):
            return page_texts, text
        report.text = whole.full
        analysis.views = _views(analysis.views, pages.uprights, completed)
    return completed, whole


def _completed_dates(
    page_texts: list[PageText],
    pages: _PageImages,
    engine: OcrEngine,
    settings: Settings,
    days_elsewhere: bool,
) -> list[PageText] | None:
    """The pages with every cut-short date line read again whole; None when no line changed. Only documents
    whose date came out missing or without its day pay for it, and only pages that hold such a line."""
    completed_pages, changed = [], False
    for (number, lines, width, height), image, upright, screen in zip(
        page_texts, pages.read, pages.uprights, pages.screens, strict=True
    ):
        if image is not None and any(is_cut_short_date(line.text) for line in lines):
            if screen:
                image = screen_without_seals(upright, settings)
            completed = complete_date_lines(engine, image, lines, days_elsewhere)
            changed = changed or completed != lines
            lines = completed
        completed_pages.append((number, lines, width, height))
    return completed_pages if changed else None


def _take_completed_date(report: DocumentReport, found: str | None) -> bool:
    """A date read from the completed lines replaces the first one only where it adds to it (a year or a day)."""
    first = report.fields.issue_date
    if found is None or found == first or (first is not None and not found.startswith(first)):
        return False
    report.fields.issue_date = found
    return True


# Printed fields worth a second, finer look at the page when the first read found none of them.
_SECOND_LOOK = ("holder", "issuer", "issue_date")


def _read_finer(
    page_texts: list[PageText],
    finer_inputs: list[np.ndarray | None],
    engine: OcrEngine,
    settings: Settings,
) -> list[PageText]:
    """Each page read again with detection at the largest size, where the first pass detected smaller: a dark,
    washed-out or blurred line that a small detection split or missed is often found whole there."""
    finer = settings.ocr.model_copy(update={"det_first_side": settings.ocr.max_side_len})
    pages = []
    for (number, lines, width, height), image in zip(page_texts, finer_inputs, strict=True):
        if image is not None:
            lines = _sure(_read_upright(image, engine, finer), settings.ocr)
        pages.append((number, lines, width, height))
    return pages


# Printed fields that stand in a document's sign-off, beside or under its seal.
_SIGN_OFF = ("issuer", "issue_date")


def _page_sources(
    page_texts: list[PageText],
    uprights: list[np.ndarray],
    page_seals: list[list[Seal] | None],
    screens: list[bool],
    fields_page: int | None,
    settings: Settings,
) -> list[tuple[np.ndarray, list[Seal]] | None]:
    """Per page, the image a part of which is read again, and its seals; None for a page the fields do not come
    from or a text layer (no seals looked for). A photo of a screen is smoothed first and its seals found there
    (verifier/prepare `smoothed_screen_seals`)."""
    sources: list[tuple[np.ndarray, list[Seal]] | None] = []
    for (number, *_), image, seals, is_screen in zip(page_texts, uprights, page_seals, screens, strict=True):
        if seals is None or fields_page not in (None, number):
            sources.append(None)
            continue
        if is_screen:
            image, seals = smoothed_screen_seals(image, settings)
        sources.append((image, seals))
    return sources


def _reread_lower_pages(
    page_texts: list[PageText],
    sources: list[tuple[np.ndarray, list[Seal]] | None],
    engine: OcrEngine,
    settings: Settings,
) -> list[PageText] | None:
    """The pages with their lower part read again in the red channel (verifier/seals/sign_off.py); None when no
    page was read."""
    # Half a page: detected at the size a whole page is, the red channel making its faint print clear.
    side = settings.ocr.det_first_side

    def lower_part(image: np.ndarray, seals: list[Seal]) -> list[tuple[Area, list[TextLine]]]:
        area = lower_page_area(image.shape[1], image.shape[0])
        return [(area, read_area(engine, image, area, seals, "faded", side, side))]

    return _reread_areas(page_texts, sources, settings, lower_part)


def _reread_sign_offs(
    page_texts: list[PageText],
    sources: list[tuple[np.ndarray, list[Seal]] | None],
    engine: OcrEngine,
    settings: Settings,
    variant: Variant,
) -> list[PageText] | None:
    """The pages with the area around each seal read again (verifier/seals/sign_off.py); None when no area
    was read."""

    def around_seals(image: np.ndarray, seals: list[Seal]) -> list[tuple[Area, list[TextLine]]]:
        return read_sign_offs(engine, image, seals, variant)

    return _reread_areas(page_texts, sources, settings, around_seals)


def _reread_areas(
    page_texts: list[PageText],
    sources: list[tuple[np.ndarray, list[Seal]] | None],
    settings: Settings,
    read: Callable[[np.ndarray, list[Seal]], list[tuple[Area, list[TextLine]]]],
) -> list[PageText] | None:
    """The pages whose source image is given, with the lines inside each area `read` returns replaced by its
    reading; None when no area was read."""
    pages, changed = [], False
    for (number, lines, width, height), source in zip(page_texts, sources, strict=True):
        if source is not None:
            readings = [(area, _sure(found, settings.ocr)) for area, found in read(*source)]
            if readings:
                lines, changed = with_sign_offs(lines, readings), True
        pages.append((number, lines, width, height))
    return pages if changed else None


def _fill_from_second_look(
    report: DocumentReport, doc_type: DocType, missing: list[str], text: DocumentText, fields_text: DocumentText
) -> bool:
    """Only what the first read left empty is taken from the second (from `fields_text`, the pages the fields
    come from): a field read once is never overruled."""
    found = extract(doc_type, fields_text)
    filled = [name for name in missing if getattr(found, name) is not None]
    for name in filled:
        setattr(report.fields, name, getattr(found, name))
    if "issuer" in filled and found.level is not None:
        report.fields.level = found.level  # the issuer's own level, over one read from the wording alone
    if filled:
        report.text = text.full
    return bool(filled)


def _doubtful_date(report: DocumentReport, doc_type: DocType, text: DocumentText, ocr: OcrSettings) -> Signature | None:
    """The sign-off reading of a date that may have lost a character: a whole date from a line the recogniser
    scored below the bar for a date read as printed (settings.ocr.doubtful_date_confidence), or a month whose
    day is there but misread past parsing. None when the date is sure or not a sign-off's."""
    date = report.fields.issue_date
    if doc_type == DocType.publication or date is None:
        return None  # a journal's issue is read from its masthead
    signature = read_signature(text)
    sure = signature.date_confidence
    if signature.issue_date != date or sure is None:
        return None
    if signature.day_unread or (len(date) == _DAY_DATE and sure < ocr.doubtful_date_confidence):
        return signature
    return None


def _agreed_date(first: Signature, rereads: list[Reread]) -> Reread | None:
    """The re-read that replaces a doubtful date. Two ways of taking the seal off that read the same other whole
    date outvote the first reading; one alone (the other read no date) only when its date took more characters:
    a seal or a small print makes the recogniser drop a character (一月十日 for 一月三十日), rarely add one.
    Where they read different dates, one of them lost a character the first reading kept (四月十三日 | 二十三日)."""
    dated = [reread for reread in rereads if reread[0].issue_date and len(reread[0].issue_date) == _DAY_DATE]
    dates = {reread[0].issue_date for reread in dated}
    if len(dates) != 1 or dates == {first.issue_date}:
        return None
    if len(dated) > 1:
        return dated[0]
    longer = dated[0][0].date_length or 0
    return dated[0] if first.date_length is not None and longer > first.date_length else None


def _approver_from_second_look(
    report: DocumentReport, doc_type: DocType, text: DocumentText, fields_text: DocumentText
) -> bool:
    """A title certificate's approving bureau (审批机关) found by the second reading (in `fields_text`, the pages
    the fields come from), in place of the review committee the first took for the issuer. Only a bureau that
    names its place: the committee's own line read worse (福建者…评申委员会) is no approver."""
    found = extract(doc_type, fields_text)
    approver = found.issuer
    if approver is None or not approver.endswith(("局", "厅")) or not names_its_place(approver):
        return False
    report.fields.issuer, report.fields.level = approver, found.level
    report.text = text.full
    return True


def _text_of_page(
    pages: list[PageText], whole: DocumentText, number: int | None
) -> DocumentText:
    """The text the fields are read from: the whole document's, or one page's when it is one of several
    certificates in the upload."""
    return whole if number is None else build_document_text([page for page in pages if page[0] == number])


def _issuer_from_seals(
    report: DocumentReport,
    doc_type: DocType,
    text: DocumentText,
    uprights: list[np.ndarray],
    page_seals: list[list[Seal] | None],
    engine: OcrEngine,
    settings: Settings,
) -> None:
    """A sign-off that is the seal alone, whose print glare or a crop took, or whose place OCR misread: the
    seal's ring names the body. A title certificate's review committee gives way to the body whose seal signs it."""
    readings: list[tuple[str, float]] = []
    for image, seals in zip(uprights, page_seals, strict=True):
        if seals is None:  # a text-layer page: its seals are in the page's picture, not looked for yet
            seals = detect_seals(image, settings.quality)
        if seals:
            # Left to right: a joint sign-off seals its first-named body first.
            ordered = sorted(seals, key=lambda seal: seal.centre)
            readings += [(read.text, read.confidence) for read in read_seal_texts(engine, image, ordered)]
    printed = report.fields.issuer
    if printed and is_review_committee(printed):
        issuer = approver_from_seals(readings, printed, text.prose)
    else:
        issuer = issuer_from_seals(readings, printed, text.prose)
    if issuer is None:
        return
    report.fields.issuer = issuer
    if "level" in APPLICABLE[doc_type]:
        report.fields.level = find_level([issuer], text.full)
    report.read_from_seal.append("issuer")


def _sure(lines: list[TextLine], ocr: OcrSettings) -> list[TextLine]:
    """The lines of a page reading that the recogniser itself does not doubt: one below its score bar is a smudge
    or an arc read from a rectangle (作生要会学式 at 0.16), not text to read facts from. Every reading of the
    document's pages (the first, and the second look) is held to it."""
    return [line for line in lines if line.confidence >= ocr.text_score]


def _read_upright(image: np.ndarray, engine: OcrEngine, ocr: OcrSettings) -> list[TextLine]:
    """An upright page read with the given detection settings, through the benchmark cache when configured."""
    if not ocr.cache_dir:
        return read_lines(engine, image, detect_adaptive(engine, image, ocr))
    from verifier.ocr.cache import ReadCache, page_key

    cache, key = ReadCache(Path(ocr.cache_dir)), page_key(image, ocr, read="upright")
    hit = cache.get(key)
    if hit is not None:
        return hit.lines
    lines = read_lines(engine, image, detect_adaptive(engine, image, ocr))
    cache.put(key, 0, None, lines)
    return lines


def _read_page(image: np.ndarray, engine: OcrEngine, settings: Settings) -> OrientedRead:
    """Orientation and OCR, through the benchmark cache when one is configured."""
    if not settings.ocr.cache_dir:
        return orient_and_read(engine, image, settings.orient, settings.ocr)
    from verifier.ocr.cache import ReadCache, page_key

    cache, key = ReadCache(Path(settings.ocr.cache_dir)), page_key(image, settings.ocr)
    hit = cache.get(key)
    if hit is not None:
        return OrientedRead(hit.rotation, hit.confidence, rotate_image(image, hit.rotation), hit.lines, hit.columns)
    read = orient_and_read(engine, image, settings.orient, settings.ocr)
    cache.put(key, read.rotation, read.confidence, read.lines, read.columns)
    return read


def _views(
    views: list[PageView], uprights: list[np.ndarray], pages: list[PageText]
) -> list[PageView]:
    """The page views again, showing the lines of a later reading."""
    return [
        _view(number, image, lines, view.rotation, view.source, view.columns)
        for view, image, (number, lines, _, _) in zip(views, uprights, pages, strict=True)
    ]


def _view(
    number: int, upright: np.ndarray, lines: list[TextLine], rotation: int, source: str, columns: bool = False
) -> PageView:
    """The page as a viewer shows it, upright (`rotation`: how far the upload was turned for that); one written in
    columns is turned from the frame it was read in (a quarter anticlockwise of upright) to standing, its lines'
    boxes with it."""
    if columns:
        height, width = upright.shape[:2]
        boxes = rotate_boxes([np.array(line.box, np.float32) for line in lines], 90, width, height)
        lines = [
            TextLine(line.text, [(float(x), float(y)) for x, y in box], line.confidence)
            for line, box in zip(lines, boxes, strict=True)
        ]
        upright = rotate_image(upright, 90)
    scale = min(1.0, PREVIEW_SIDE / max(upright.shape[:2]))
    if scale < 1.0:
        size = (round(upright.shape[1] * scale), round(upright.shape[0] * scale))
        # INTER_AREA is only worth its cost for strong reductions; mild ones look the same with INTER_LINEAR.
        method = cv2.INTER_AREA if scale < 0.5 else cv2.INTER_LINEAR
        upright = cv2.resize(upright, size, interpolation=method)
        lines = [TextLine(ln.text, [(x * scale, y * scale) for x, y in ln.box], ln.confidence) for ln in lines]
    return PageView(
        number=number, image=upright, lines=lines, rotation=rotation, source=source, columns=columns
    )


def _dedupe_flags(report: DocumentReport) -> None:
    seen: set[tuple[str, int | None]] = set()
    unique = []
    for flag in report.flags:
        key = (flag.code.value, flag.page)
        if key not in seen:
            seen.add(key)
            unique.append(flag)
    report.flags = unique
