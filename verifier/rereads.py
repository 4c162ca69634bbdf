"""The re-reads: parts of a document's pages read again when the first reading left a field empty or doubtful.

Each re-read is declared (`Reread`): its name, its gate (whether the document as read so far calls for it),
how it reads, and the merge policy that takes what it read. `REREADS` lists them in the order one loop,
`complete`, runs them, the cheapest and surest first: cut-short date lines, the second look (finer detection),
the sign-off around each seal (two ways of taking the seal off), the seal's own ring, the page's lower part, the
holder's name on its own line. A re-read that fails is logged and skipped: the document keeps what it had.

The merge policy is `fill_empty`: only a field still empty is filled, a field read surely is never overruled.
The stated exceptions: a cut-short date is completed only where the new reading adds to it (a year, a day,
`take_completed_date`), a doubtful date gives way only to re-reads that agree (`agreed_date`), a seal's
ring names the issuer where the print names none or no place (`take_seal_issuer`), and a holder's name read a
character off gives way to the name most readings of its line agree on (`_take_holder_name`, class 6).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import numpy as np

from models.page import PageSource, TextLine
from models.report import DocumentReport
from models.vocab import DocType
from verifier.extract import APPLICABLE, extract, find_level
from verifier.issuers.body_name import is_review_committee, names_its_place
from verifier.normalize import find_dates
from verifier.ocr import OcrEngine
from verifier.ocr.base import crop_line
from verifier.ocr.name_lines import reread_name
from verifier.prepare import screen_without_seals
from verifier.reading import PageRead, PageText, PageView, Timer, read_upright, recognize_text, sure, views_of
from verifier.seals.issuer import approver_from_seals, issuer_from_seals
from verifier.seals.model import Seal
from verifier.seals.rings import read_seal_texts
from verifier.seals.sign_off import (
    Area,
    DetectSizing,
    Variant,
    lower_page_area,
    read_area,
    read_sign_offs,
    text_height,
    with_sign_offs,
)
from verifier.settings import OcrSettings, Settings
from verifier.text import DocumentText, build_document_text
from verifier.understand.date_lines import DATE_REMAINDER, PartialDate, completes_date, is_cut_short_date, partial_date
from verifier.understand.names import is_person_name
from verifier.understand.signature import Signature, read_signature

log = logging.getLogger(__name__)

# An area read again and its lines; None for the whole page read again, its lines taken as read.
AreaReading = tuple[Area | None, list[TextLine]]


@dataclass(frozen=True)
class Reading:
    """What one re-read read: the document's pages with its lines in place, and per page number the areas it
    read again with their lines, which is how its reading joins the document's final text (`final_pages`)."""

    pages: list[PageRead]
    areas: dict[int, list[AreaReading]]

    @property
    def text(self) -> DocumentText:
        return build_document_text([page.text_page for page in self.pages])


# A sign-off re-read: its sign-off and what it read.
SignOffReading = tuple[Signature, Reading]
# What a re-read reads: a Reading of the pages, the pages with cut-short dates completed, a seal ring's texts.
Found = TypeVar("Found")
# An ISO date down to its day (2020-01-01), against one to the month (2020-01).
_DAY_DATE = len("2020-01-01")
# Printed fields worth a second, finer look at the page when the first read found none of them.
_SECOND_LOOK = ("holder", "issuer", "issue_date")
# Printed fields that stand in a document's sign-off, beside or under its seal.
_SIGN_OFF = ("issuer", "issue_date")


@dataclass
class Draft:
    """The document as read so far: what the re-reads look at and complete."""

    report: DocumentReport
    doc_type: DocType
    pages: list[PageRead]
    text: DocumentText  # the text the re-reads read: the first reading, its cut-short dates completed
    fields_page: int | None  # the page the fields come from, when the upload holds several certificates
    views: list[PageView]
    engine: OcrEngine
    settings: Settings
    timer: Timer
    # The sign-off's state across its re-reads: the fields still missing, a doubtful date and what re-reads
    # read for it, and the images (smoothed for a photo of a screen) with their seals.
    sign_off_missing: list[str] = field(default_factory=list)
    doubted: Signature | None = None
    rereads: list[SignOffReading] = field(default_factory=list)
    sources: list[tuple[np.ndarray, list[Seal]] | None] | None = None
    taken: list[Reading] = field(default_factory=list)  # the re-reads a field was taken from, in order

    def applicable(self, names: tuple[str, ...]) -> list[str]:
        return [f for f in names if f in APPLICABLE[self.doc_type] and getattr(self.report.fields, f) is None]


@dataclass(frozen=True)
class Reread(Generic[Found]):
    """One re-read, declared: whether the document as read so far calls for it, how it reads (None: nothing
    read), and the merge policy that takes what it read (True: the reading joins the final text)."""

    name: str
    gate: Callable[[Draft], bool]
    read: Callable[[Draft], Found | None]
    merge: Callable[[Draft, Found], bool]


def complete(draft: Draft) -> DocumentText:
    """Every re-read the first reading calls for, in order; one that fails is logged and skipped. Returns the
    document's final text: the one its fields were finally read from, which the report shows and every later
    stage reads."""
    for reread in REREADS:
        try:
            _run(draft, reread)
        except Exception:
            log.exception("re-read of %s failed on %s; the reading before it stands", reread.name, draft.report.file)
    if draft.doubted and (agreed := agreed_date(draft.doubted, draft.rereads)):
        signature, reading = agreed
        draft.report.fields.issue_date = signature.issue_date
        if not any(reading is taken for taken in draft.taken):
            draft.taken.append(reading)
    if not draft.taken:
        return draft.text
    final = final_pages(draft.pages, draft.taken)
    draft.views = views_of(draft.views, final)
    return build_document_text([page.text_page for page in final])


def _run(draft: Draft, reread: Reread[Any]) -> None:
    if not reread.gate(draft):
        return
    found = reread.read(draft)  # each reader times its own preparing and reading
    if found is None:
        return
    with draft.timer("understand"):
        if reread.merge(draft, found) and isinstance(found, Reading):
            draft.taken.append(found)


def final_pages(pages: list[PageRead], taken: list[Reading]) -> list[PageRead]:
    """The pages as the document's final text shows them: the first reading's, with the reading of every re-read
    a field was taken from merged in, in the order they ran, by one rule: the lines whose centre lies in an area
    a re-read read again give way to what it read there (a whole page read again gives way entirely)."""
    final = list(pages)
    for reading in taken:
        final = [
            page.with_lines(_merged(page.lines, reading.areas[page.number])) if page.number in reading.areas else page
            for page in final
        ]
    return final


def _merged(lines: list[TextLine], readings: list[AreaReading]) -> list[TextLine]:
    if any(area is None for area, _ in readings):
        return [line for area, found in readings if area is None for line in found]
    return with_sign_offs(lines, [(area, found) for area, found in readings if area is not None])


def fill_empty(report: DocumentReport, doc_type: DocType, wanted: list[str], fields_text: DocumentText) -> bool:
    """The merge policy of every re-read: of the `wanted` fields (those the first reading left empty) only the
    ones the re-read found are taken, read from `fields_text` (the pages the fields come from); a field read
    once is never overruled. A re-read something was taken from joins the final text (`final_pages`)."""
    found = extract(doc_type, fields_text)
    filled = [name for name in wanted if getattr(found, name) is not None]
    for name in filled:
        setattr(report.fields, name, getattr(found, name))
    if "issuer" in filled and found.level is not None:
        report.fields.level = found.level  # the issuer's own level, over one read from the wording alone
    return bool(filled)


def text_of_page(pages: list[PageText], whole: DocumentText, number: int | None) -> DocumentText:
    """The text the fields are read from: the whole document's, or one page's when it is one of several
    certificates in the upload."""
    return whole if number is None else build_document_text([page for page in pages if page[0] == number])


def _fields_text(pages: list[PageRead], whole: DocumentText, number: int | None) -> DocumentText:
    return text_of_page([page.text_page for page in pages], whole, number)


def _fill(draft: Draft, reading: Reading, wanted: list[str]) -> bool:
    """`fill_empty` over a re-read's pages (the fields' page alone when the fields come from one)."""
    fields_text = _fields_text(reading.pages, reading.text, draft.fields_page)
    return fill_empty(draft.report, draft.doc_type, wanted, fields_text)


# --- cut-short dates ---------------------------------------------------------------------------------------------
def _date_without_its_day(draft: Draft) -> bool:
    """A date that came out missing or without its day, on a page that holds a cut-short date line (a text layer
    never does)."""
    if "issue_date" not in APPLICABLE[draft.doc_type] or len(draft.report.fields.issue_date or "") >= _DAY_DATE:
        return False
    return any(page.read_image is not None for page in draft.pages)


def _read_cut_dates(draft: Draft) -> list[PageRead] | None:
    """The cut-short date lines read again whole. A photo of a screen is read again with the seals its smoothed
    page shows lifted (a seal over the date is missed on the upload)."""
    with draft.timer("ocr"):
        to_the_day = any(len(iso) == _DAY_DATE for _, iso in find_dates(draft.text.full))
        return _completed_dates(draft.pages, draft.engine, draft.settings, to_the_day)


def _take_completed_pages(draft: Draft, completed: list[PageRead]) -> bool:
    """The completed pages become the first reading (pages, text, views) only when they complete its date (read
    from the fields' page alone when the fields come from one page): what later re-reads read and complete."""
    whole = build_document_text([page.text_page for page in completed])
    found = extract(draft.doc_type, _fields_text(completed, whole, draft.fields_page)).issue_date
    if take_completed_date(draft.report, found):
        draft.views = views_of(draft.views, completed)
        draft.pages, draft.text = completed, whole
    return False  # they are the first reading now, not a re-read joined to it


def _completed_dates(
    pages: list[PageRead], engine: OcrEngine, settings: Settings, days_elsewhere: bool
) -> list[PageRead] | None:
    """The pages with every cut-short date line read again whole; None when no line changed. Only documents
    whose date came out missing or without its day pay for it, and only pages that hold such a line."""
    completed_pages, changed = [], False
    for page in pages:
        image = page.read_image
        if image is not None and any(is_cut_short_date(line.text) for line in page.lines):
            if page.screen:
                image = screen_without_seals(page.smoothed_screen(settings), settings)
            completed = complete_date_lines(engine, image, page.lines, days_elsewhere)
            changed = changed or completed != page.lines
            page = page.with_lines(completed)
        completed_pages.append(page)
    return completed_pages if changed else None


def take_completed_date(report: DocumentReport, found: str | None) -> bool:
    """A date read from the completed lines replaces the first one only where it adds to it (a year or a day)."""
    first = report.fields.issue_date
    if found is None or found == first or (first is not None and not found.startswith(first)):
        return False
    report.fields.issue_date = found
    return True


# --- reading a cut-short date line again whole ---------------------------------------------------------------
# How far past its box a date's missing part may reach, in line heights: a year is four characters.
_LEFT_REACH = 5.0
_RIGHT_REACH = 4.0
_JOIN_GAP = 1.5


def complete_date_lines(
    engine: OcrEngine, image: np.ndarray, lines: list[TextLine], days_elsewhere: bool = True
) -> list[TextLine]:
    """The lines with each cut-short date read again over its whole extent, where that gives a date that
    agrees with the first reading; a joined remainder line is dropped. The year's side is tried first and the
    day's side after it, each on its own: blank paper added on a side that lost nothing can change how the
    recogniser reads the rest. A date that stops at its month is looked past only when the document dates
    something else to the day (`days_elsewhere`): many certificates are dated to the month."""
    result = list(lines)
    for line in lines:
        if line not in result:
            continue  # already joined to the date before it
        for side in ("left", "right"):
            partial = partial_date(line.text)
            if partial is None:
                break
            widened, joined = _widened_box(line, partial, result, image.shape[1], side)
            if widened is None or (joined is None and side == "right" and partial.month and not days_elsewhere):
                continue
            text, confidence = engine.recognize([crop_line(image, widened)])[0]
            if not completes_date(partial, line.text, text, side):
                continue
            box = [(float(x), float(y)) for x, y in widened]
            completed = TextLine(text=text, box=box, confidence=confidence)
            result[result.index(line)] = completed
            if joined is not None:
                result.remove(joined)
            line = completed
    return result


def _widened_box(
    line: TextLine, partial: PartialDate, lines: list[TextLine], width: int, side: str
) -> tuple[np.ndarray | None, TextLine | None]:
    """The box widened on one side over what the date lost there, and the same-row line joined into it if
    any; None when that side lost nothing."""
    box = np.array(line.box, np.float32)
    height = float(np.linalg.norm(box[0] - box[3]))
    left, right = float(box[:, 0].min()), float(box[:, 0].max())
    row = [other for other in lines if other is not line and _same_row(line, other)]
    new_left, new_right, joined = left, right, None
    if side == "left" and len(partial.year) < 4:
        # Up to the nearest line on the left, which must leave the year room: a caption beside it is no year.
        bound = max((_right(other) for other in row if _right(other) <= left + 2), default=0.0)
        new_left = max(bound + 1, left - _LEFT_REACH * height, 0.0)
    if side == "right":
        nearest = min((other for other in row if other.left >= right - 2), key=lambda o: o.left, default=None)
        if nearest is not None and nearest.left - right <= _JOIN_GAP * height and DATE_REMAINDER.match(nearest.text):
            new_right, joined = _right(nearest), nearest
        elif partial.day is None:
            bound = nearest.left - 1 if nearest is not None else float(width)
            new_right = min(bound, right + _RIGHT_REACH * height)
    if new_left >= left - 1 and new_right <= right + 1:
        return None, None
    widened = box.copy()
    widened[[0, 3], 0] -= left - new_left
    widened[[1, 2], 0] += new_right - right
    return widened, joined


def _same_row(a: TextLine, b: TextLine) -> bool:
    overlap = min(a.top + a.height, b.top + b.height) - max(a.top, b.top)
    return overlap > 0.5 * min(a.height, b.height)


def _right(line: TextLine) -> float:
    return max(x for x, _ in line.box)


# --- second look -------------------------------------------------------------------------------------------------
def _finer_inputs(draft: Draft) -> list[np.ndarray | None]:
    """Per page, the image OCR read when a detection at full size sees it larger than the first did."""
    ocr = draft.settings.ocr
    return [
        page.read_image if page.read_image is not None and max(page.read_image.shape[:2]) > ocr.det_first_side else None
        for page in draft.pages
    ]


def _second_look_wanted(draft: Draft) -> bool:
    """With the second look on: the holder, issuer or date the first reading left empty, on a page a finer
    detection would see larger."""
    wanted = draft.applicable(_SECOND_LOOK) and draft.settings.ocr.second_look
    return bool(wanted) and any(image is not None for image in _finer_inputs(draft))


def _read_second_look(draft: Draft) -> Reading:
    with draft.timer("ocr"):
        return _read_finer(draft.pages, _finer_inputs(draft), draft.engine, draft.settings.ocr)


def _fill_second_look(draft: Draft, reading: Reading) -> bool:
    return _fill(draft, reading, draft.applicable(_SECOND_LOOK))


def _read_finer(
    pages: list[PageRead], finer_inputs: list[np.ndarray | None], engine: OcrEngine, ocr: OcrSettings
) -> Reading:
    """Each page read again with detection at the largest size, where the first pass detected smaller: a dark,
    washed-out or blurred line that a small detection split or missed is often found whole there."""
    finer = ocr.model_copy(update={"det_first_side": ocr.max_side_len})
    read = {
        page.number: sure(read_upright(image, engine, finer), ocr)
        for page, image in zip(pages, finer_inputs, strict=True)
        if image is not None
    }
    return Reading(
        [page.with_lines(read[page.number]) if page.number in read else page for page in pages],
        {number: [(None, lines)] for number, lines in read.items()},
    )


# --- the sign-off around each seal --------------------------------------------------------------------------------
def _sign_off_wanted(draft: Draft) -> bool:
    """The issuer or date left empty, or a date read from a doubtful line (noted on the draft for the re-reads
    after it)."""
    draft.sign_off_missing = draft.applicable(_SIGN_OFF)
    fields_text = _fields_text(draft.pages, draft.text, draft.fields_page)
    draft.doubted = doubtful_date(draft.report, draft.doc_type, fields_text, draft.settings.ocr)
    return _sign_off_still_wanted(draft)


def _sign_off_still_wanted(draft: Draft) -> bool:
    return bool(draft.sign_off_missing or draft.doubted) and draft.settings.ocr.sign_off_reread


def _around_seals(variant: Variant) -> Callable[[Draft], Reading | None]:
    """The area around each seal read again, enlarged, the seal taken off one way (`variant`)."""

    def read(draft: Draft) -> Reading | None:
        if draft.sources is None:
            with draft.timer("prepare"):
                draft.sources = _page_sources(draft.pages, draft.fields_page, draft.settings)
        sealed = [source if source and source[1] else None for source in draft.sources]  # pages with a seal
        if not any(sealed):
            return None
        with draft.timer("ocr"):

            def around(page: PageRead, image: np.ndarray, seals: list[Seal]) -> list[tuple[Area, list[TextLine]]]:
                ocr = draft.settings.ocr
                target = ocr.sign_off_detect_text_px
                text_px = text_height(page.lines) if target else None
                sizing = DetectSizing(text_px, target, ocr.sign_off_size_enlarged)
                return read_sign_offs(draft.engine, image, seals, variant, draft.settings.quality, sizing)

            return _reread_areas(draft.pages, sealed, draft.settings, around)

    return read


def _fill_sign_off(draft: Draft, reading: Reading) -> bool:
    """`fill_empty` for the sign-off fields still empty; what the re-read read for a doubtful date is kept for
    `agreed_date`."""
    fields_text = _fields_text(reading.pages, reading.text, draft.fields_page)
    filled = fill_empty(draft.report, draft.doc_type, draft.sign_off_missing, fields_text)
    if draft.doubted:
        draft.rereads.append((read_signature(fields_text), reading))
    draft.sign_off_missing = [f for f in draft.sign_off_missing if getattr(draft.report.fields, f) is None]
    return filled


def _page_sources(
    pages: list[PageRead], fields_page: int | None, settings: Settings
) -> list[tuple[np.ndarray, list[Seal]] | None]:
    """Per page, the image a part of which is read again, and its seals; None for a page the fields do not come
    from or a text layer (no seals looked for). A photo of a screen is smoothed first and its seals found there
    (`PageRead.smoothed_screen`)."""
    sources: list[tuple[np.ndarray, list[Seal]] | None] = []
    for page in pages:
        image, seals = page.upright, page.seals
        if seals is None or fields_page not in (None, page.number):
            sources.append(None)
            continue
        if page.screen:
            image, seals = page.smoothed_screen(settings)
        sources.append((image, seals))
    return sources


def _reread_areas(
    pages: list[PageRead],
    sources: list[tuple[np.ndarray, list[Seal]] | None],
    settings: Settings,
    read: Callable[[PageRead, np.ndarray, list[Seal]], list[tuple[Area, list[TextLine]]]],
) -> Reading | None:
    """The pages whose source image is given, with the lines inside each area `read` returns replaced by its
    reading; None when no area was read."""
    reread, areas = [], dict[int, list[AreaReading]]()
    for page, source in zip(pages, sources, strict=True):
        if source is not None:
            readings = [(area, sure(found, settings.ocr)) for area, found in read(page, *source)]
            if readings:
                page = page.with_lines(with_sign_offs(page.lines, readings))
                areas[page.number] = [(area, found) for area, found in readings]
        reread.append(page)
    return Reading(reread, areas) if areas else None


def doubtful_date(report: DocumentReport, doc_type: DocType, text: DocumentText, ocr: OcrSettings) -> Signature | None:
    """The sign-off reading of a date that may have lost a character: a whole date from a line the recogniser
    scored below the bar for a date read as printed (settings.ocr.doubtful_date_confidence), or a month whose
    day is there but misread past parsing. None when the date is sure or not a sign-off's."""
    date = report.fields.issue_date
    if doc_type == DocType.publication or date is None:
        return None  # a journal's issue is read from its masthead
    signature = read_signature(text)
    sure_of = signature.date_confidence
    if signature.issue_date != date or sure_of is None:
        return None
    if signature.day_unread or (len(date) == _DAY_DATE and sure_of < ocr.doubtful_date_confidence):
        return signature
    return None


def agreed_date(first: Signature, rereads: list[SignOffReading]) -> SignOffReading | None:
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


# --- the seal's ring ---------------------------------------------------------------------------------------------
def _seal_may_name(draft: Draft) -> bool:
    """A sign-off that is the seal alone, whose print glare or a crop took, or whose place OCR misread: the
    seal's ring names the body. A title certificate's review committee gives way to the body whose seal signs
    it (an issuer with no place, or a committee, is a doubtful one)."""
    issuer = draft.report.fields.issuer
    seal_may_name = issuer is None or not names_its_place(issuer) or is_review_committee(issuer)
    return "issuer" in APPLICABLE[draft.doc_type] and seal_may_name


def _read_rings(draft: Draft) -> list[tuple[str, float]]:
    """The ring of every seal on the pages the fields come from, read as one line each."""
    with draft.timer("ocr"):
        readings: list[tuple[str, float]] = []
        for page in draft.pages:
            if draft.fields_page not in (None, page.number):
                continue
            seals = page.seals_found(draft.settings.quality)  # a text layer's looked for on its picture now
            if seals:
                # Left to right: a joint sign-off seals its first-named body first.
                ordered = sorted(seals, key=lambda seal: seal.centre)
                readings += [(r.text, r.confidence) for r in read_seal_texts(draft.engine, page.upright, ordered)]
        return readings


def take_seal_issuer(draft: Draft, readings: list[tuple[str, float]]) -> bool:
    """The issuer a seal's ring names, where the print names none or no place (`issuer_from_seals`); a review
    committee gives way to the approving body whose seal signs it (`approver_from_seals`). The report says the
    issuer was read from the seal."""
    report, issuer = draft.report, draft.report.fields.issuer
    text = _fields_text(draft.pages, draft.text, draft.fields_page)
    if issuer and is_review_committee(issuer):
        found = approver_from_seals(readings, issuer, text.prose)
    else:
        found = issuer_from_seals(readings, issuer, text.prose)
    if found is None:
        return False
    report.fields.issuer = found
    if "level" in APPLICABLE[draft.doc_type]:
        report.fields.level = find_level([found], text.full)
    report.read_from_seal.append("issuer")
    return False  # read from the rings, not from the page's lines: the text stays as it was


# --- the page's lower part ---------------------------------------------------------------------------------------
def _lower_page_wanted(draft: Draft) -> bool:
    """The last place looked at (a seal's ring names its body more surely): a sign-off field still empty, a
    doubtful date no seal's surroundings re-read, or a title certificate read only as far as its review committee
    (the bureau that approved it signs below)."""
    draft.sign_off_missing = [f for f in draft.sign_off_missing if getattr(draft.report.fields, f) is None]
    wanted = draft.sign_off_missing or (draft.doubted and not draft.rereads) or _committee_only(draft)
    return bool(wanted) and draft.settings.ocr.sign_off_reread


def _committee_only(draft: Draft) -> bool:
    return draft.doc_type == DocType.title_certificate and is_review_committee(draft.report.fields.issuer or "")


def _read_lower_pages(draft: Draft) -> Reading | None:
    """No seal showed where the sign-off is, or its surroundings gave nothing: the page's lower part read again
    in the red channel."""
    with draft.timer("ocr"):
        if draft.sources is None:
            draft.sources = _page_sources(draft.pages, draft.fields_page, draft.settings)
        # Half a page: detected at the size a whole page is, the red channel making its faint print clear.
        side = draft.settings.ocr.det_first_side

        def lower_part(_page: PageRead, image: np.ndarray, seals: list[Seal]) -> list[tuple[Area, list[TextLine]]]:
            area = lower_page_area(image.shape[1], image.shape[0])
            return [(area, read_area(draft.engine, image, area, seals, "faded", draft.settings.quality, side, side))]

        return _reread_areas(draft.pages, draft.sources, draft.settings, lower_part)


def _fill_lower_page(draft: Draft, reading: Reading) -> bool:
    """`fill_empty` for the sign-off fields still empty, and a review committee's approving bureau (`_approver`);
    what it read for a doubtful date is kept for `agreed_date`."""
    fields_text = _fields_text(reading.pages, reading.text, draft.fields_page)
    committee_only = _committee_only(draft)
    filled = fill_empty(draft.report, draft.doc_type, draft.sign_off_missing, fields_text)
    if committee_only:
        filled = _approver(draft.report, draft.doc_type, fields_text) or filled
    if draft.doubted:
        draft.rereads.append((read_signature(fields_text), reading))
    return filled


def _approver(report: DocumentReport, doc_type: DocType, fields_text: DocumentText) -> bool:
    """A title certificate's approving bureau (审批机关) found by the re-read (in `fields_text`, the pages the
    fields come from), in place of the review committee the first took for the issuer. Only a bureau that
    names its place: the committee's own line read worse (福建者…评申委员会) is no approver."""
    found = extract(doc_type, fields_text)
    approver = found.issuer
    if approver is None or not approver.endswith(("局", "厅")) or not names_its_place(approver):
        return False
    report.fields.issuer, report.fields.level = approver, found.level
    return True


# The re-reads, in the order they run.
# --- the holder's name -------------------------------------------------------------------------------------------
def _holder_name_wanted(draft: Draft) -> bool:
    return draft.report.fields.holder is not None and draft.settings.ocr.name_reread


def _read_holder_name(draft: Draft) -> str | None:
    """The holder read again from the first line on the fields' pages that holds it (verifier/ocr/name_lines.py):
    a name a character off that most readings of the line agree on, or None."""
    holder = draft.report.fields.holder
    if holder is None:
        return None
    for page in draft.pages:
        if page.source == PageSource.pdf_text or draft.fields_page not in (None, page.number):
            continue
        line = next((line for line in page.lines if holder in line.text), None)
        if line is not None:
            with draft.timer("ocr"):

                def recognize(crop: np.ndarray) -> str:
                    return recognize_text(crop, draft.engine, draft.settings.ocr)

                return reread_name(
                    recognize, page.upright, line, holder, is_person_name, draft.settings.ocr.doubtful_name_confidence
                )
    return None


def _take_holder_name(draft: Draft, found: str) -> bool:
    """The exception to `fill_empty` for the holder (class 6): the name read again replaces the first reading,
    among the members too. Only the name changes: the reading does not join the final text."""
    report = draft.report
    holder = report.fields.holder
    report.fields.holder = found
    report.members = [found if name == holder else name for name in report.members]
    return False


REREADS: tuple[Reread[Any], ...] = (
    Reread("cut-short dates", _date_without_its_day, _read_cut_dates, _take_completed_pages),
    Reread("second look", _second_look_wanted, _read_second_look, _fill_second_look),
    Reread("sign-off around the seals, faded", _sign_off_wanted, _around_seals("faded"), _fill_sign_off),
    Reread("sign-off around the seals, lifted", _sign_off_still_wanted, _around_seals("lifted"), _fill_sign_off),
    Reread("seal rings", _seal_may_name, _read_rings, take_seal_issuer),
    Reread("lower page", _lower_page_wanted, _read_lower_pages, _fill_lower_page),
    Reread("holder's name", _holder_name_wanted, _read_holder_name, _take_holder_name),
)
