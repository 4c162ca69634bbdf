"""One upload through ingest, reading each page, classification and extraction, the re-reads, and the checks
of the whole document. `analyze_document` tells that story; each chapter is a module of its own."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from models.flags import FlagCode
from models.page import PageSource
from models.report import DocumentReport, Fields, Flag
from models.vocab import DOC_TYPE_ZH, DocType
from verifier.classify import Classification, classify
from verifier.extract import extract
from verifier.ingest import ingest_bytes
from verifier.ocr import OcrEngine
from verifier.quality import EXPLAINS_NO_TEXT, assess_document
from verifier.reading import PageRead, PageView, Timer, read_page, view_of, with_its_picture_read
from verifier.rereads import Draft, complete
from verifier.settings import Settings
from verifier.several import describe, separate_certificates, side_by_side
from verifier.text import DocumentText, build_document_text
from verifier.understand.content_flags import content_flags
from verifier.understand.members import find_members

if TYPE_CHECKING:  # imported when a fingerprint is taken: the duplicate check loads its hashing then
    from verifier.duplicates import DocFingerprint

__all__ = ["DocumentAnalysis", "PageView", "analyze_document"]


@dataclass
class DocumentAnalysis:
    report: DocumentReport
    views: list[PageView] = field(default_factory=list)
    fingerprint: DocFingerprint | None = None  # when the file was readable
    timings: dict[str, float] = field(default_factory=lambda: defaultdict(float))


def _timer(timings: dict[str, float]) -> Timer:
    @contextmanager
    def timed(stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            timings[stage] += time.perf_counter() - start

    return timed


@dataclass(frozen=True)
class _FirstReading:
    decision: Classification
    fields: Fields
    fields_page: int | None  # the page the fields come from, when the upload holds several certificates
    undetermined: bool  # some evidence cue read, too little to tell the type, on a capture that explains why


def analyze_document(
    data: bytes, file: str, column: str | None, engine: OcrEngine, settings: Settings
) -> DocumentAnalysis:
    analysis = DocumentAnalysis(report=DocumentReport(file=file, column=column))
    report, timer = analysis.report, _timer(analysis.timings)
    with timer("ingest"):
        ingested = ingest_bytes(data, settings.ingest)
    report.sha256, report.pages = ingested.sha256, ingested.page_count
    report.flags.extend(ingested.flags)
    if not ingested.readable:
        return analysis
    pages = [
        _read_untyped_layers_picture(read_page(page, engine, settings, timer), engine, settings, timer)
        for page in ingested.pages
    ]
    for page in pages:
        report.flags.extend(page.flags)
        layout = {"rotation": page.rotation, **({"columns": True} if page.columns else {})}
        report.quality[f"page_{page.number}"] = {**page.scores, **layout, "source": page.source.value}
        analysis.views.append(
            view_of(page.number, page.upright, page.lines, page.rotation, page.source.value, page.columns)
        )
    with timer("understand"):
        text = build_document_text([page.text_page for page in pages])
        report.text = text.full
        if not any(line.text.strip() for line in text.lines):
            # As on a page: a blurred, dark, washed-out or tiny page already carries the flag that says why.
            if not any(f.code == FlagCode.UNREADABLE or f.code in EXPLAINS_NO_TEXT for f in report.flags):
                report.flags.append(Flag.make(FlagCode.UNREADABLE))
            _dedupe_flags(report)
            return analysis
        first = _first_reading(report, pages, text)
    draft = Draft(
        report, first.decision.doc_type, pages, text, first.fields_page, analysis.views, engine, settings, timer
    )
    final = complete(draft)  # the text the fields were finally read from: the report's, and every later stage's
    report.text, analysis.views = final.full, draft.views
    with timer("understand"):
        flags = content_flags(first.decision.doc_type, report.fields, final.full)
        report.flags.extend(f for f in flags if not (first.undetermined and f.code == FlagCode.UNKNOWN_TYPE))
    with timer("quality"):
        _assess_document(report, pages, first.decision.doc_type, settings)
    with timer("duplicates"):
        from verifier.duplicates import fingerprint_document

        previews = [view.image for view in analysis.views]
        analysis.fingerprint = fingerprint_document(
            file, report.sha256, previews, report.fields, report.text, settings.duplicates
        )
    _dedupe_flags(report)
    return analysis


def _read_untyped_layers_picture(page: PageRead, engine: OcrEngine, settings: Settings, timer: Timer) -> PageRead:
    """A text layer that names no kind of document over a picture covering the page has the picture read too
    (OcrSettings.text_layer_picture_share); a layer that names its document is taken as it is."""
    share = settings.ocr.text_layer_picture_share
    if page.source != PageSource.pdf_text or not share or page.picture_share < share:
        return page
    if classify(build_document_text([page.text_page])).doc_type != DocType.other:
        return page
    with timer("ocr"):
        return with_its_picture_read(page, engine, settings.ocr)


def _first_reading(report: DocumentReport, pages: list[PageRead], text: DocumentText) -> _FirstReading:
    """The type and fields of the first reading. Several certificates in one upload: the first is verified, not
    a mix of their fields, so every later reading of fields (a completed date, the second look, the seals)
    keeps to its page."""
    page_texts = [page.text_page for page in pages]
    several = separate_certificates(page_texts) if len(page_texts) > 1 else []
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
    return _FirstReading(decision, fields, several[0].page if several else None, undetermined)


def _assess_document(report: DocumentReport, pages: list[PageRead], doc_type: DocType, settings: Settings) -> None:
    """Seal and colour over all upright pages, when any page was read from its picture."""
    qualities = [page.quality for page in pages if page.quality is not None]
    if not qualities:
        return
    doc_scores, doc_flags = assess_document(
        qualities,
        [page.upright for page in pages],
        doc_type,
        settings.quality,
        seals=[page.seals_found(settings.quality) for page in pages],
        smalls=[page.small for page in pages],
    )
    report.quality["document"] = {k: v for k, v in doc_scores.items() if k != "pages"}
    report.flags.extend(doc_flags)


def _dedupe_flags(report: DocumentReport) -> None:
    seen: set[tuple[str, int | None]] = set()
    unique = []
    for flag in report.flags:
        key = (flag.code.value, flag.page)
        if key not in seen:
            seen.add(key)
            unique.append(flag)
    report.flags = unique
