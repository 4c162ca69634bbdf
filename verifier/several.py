"""Uploads that hold several certificates: pages that, each read on its own, are different certificates.

A teacher may put an award and an honour in one PDF. Read as one document, their fields mix (the honour's
holder and date with the award's number) and the second certificate is lost to the criteria. Each page is
typed on its own; two pages that are each a whole one-page certificate, and not the same one, make the upload
several documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.page import TextLine
from models.report import Fields
from models.vocab import DOC_TYPE_ZH, DocType
from verifier.classify import Classification, classify
from verifier.extract import extract
from verifier.normalize import compact
from verifier.text import DocumentText, build_document_text

# Types whose document is one page. A booklet's cover reads as other, and a 教师资格证书 with its 定期注册页, a
# form or a journal run over pages of one document: none of them is here.
ONE_PAGE_TYPES = frozenset({
    DocType.award_certificate, DocType.honor_certificate, DocType.instructor_award, DocType.teaching_service_honor,
    DocType.title_certificate, DocType.continuing_education, DocType.appointment_letter,
    DocType.academic_certificate,
})
# A page is a certificate of its own only when its type is this clear from its own text.
_CONFIDENT = 0.9
# Fields two different certificates differ in; the front and back of one certificate agree in all they both give.
_IDENTITY = ("holder", "certificate_no", "issue_date", "grade")


@dataclass(frozen=True)
class PageCertificate:
    page: int
    decision: Classification
    text: DocumentText
    fields: Fields


def separate_certificates(page_texts: list[tuple[int, list[TextLine], int, int]]) -> list[PageCertificate]:
    """The pages that are each a certificate of their own, in page order; [] when the upload is one document."""
    found = []
    for page_text in page_texts:
        text = build_document_text([page_text])
        decision = classify(text)
        if decision.doc_type in ONE_PAGE_TYPES and decision.confidence >= _CONFIDENT:
            found.append(PageCertificate(page_text[0], decision, text, extract(decision.doc_type, text)))
    if len(found) < 2 or not any(_different(found[0], other) for other in found[1:]):
        return []
    return found


def _different(a: PageCertificate, b: PageCertificate) -> bool:
    if a.decision.doc_type != b.decision.doc_type:
        return True
    for name in _IDENTITY:
        first, second = getattr(a.fields, name), getattr(b.fields, name)
        if first is not None and second is not None and first != second:
            return True
    return False


def describe(pages: list[PageCertificate]) -> str:
    """第1页：获奖证书；第2页：荣誉称号证书 — for the flag's message."""
    return "；".join(f"第{p.page}页：{DOC_TYPE_ZH[p.decision.doc_type]}" for p in pages)


# Class 9 of the real-certificate failures: two certificates photographed side by side on one page. Each shows its
# own title (荣誉证书 | 荣誉证书), the two titles apart across the page, and each half reads as a certificate.
_TITLE = re.compile(r"^(?:荣誉证书|获奖证书|证书|奖状|荣誉状|聘书|结业证书|毕业证书)$")
_TITLES_APART = 0.3
_HAN = re.compile(r"[\u4e00-\u9fff]")
_STATEMENT_CHARS = 12
# Each half is a certificate by its own words, though the one at the photo's edge may be cut.
_HALF_CONFIDENT = 0.6


def side_by_side(page_text: tuple[int, list[TextLine], int, int]) -> list[PageCertificate]:
    """The certificates of one page that shows two side by side, left first; [] for a page of one."""
    number, lines, width, height = page_text
    text = build_document_text([page_text])
    titles = sorted(
        (line.centre for line in text.titles() if _TITLE.match(compact(line.text))),
    )
    if len(titles) < 2 or titles[-1] - titles[0] < _TITLES_APART:
        return []
    split = (titles[0] + titles[-1]) / 2 * width
    halves = (
        [line for line in lines if _centre_x(line) < split],
        [line for line in lines if _centre_x(line) >= split],
    )
    found = []
    for half in halves:
        half_text = build_document_text([(number, half, width, height)])
        decision = classify(half_text)
        statement = len(_HAN.findall(half_text.flat)) - sum(len(compact(t.text)) for t in half_text.titles())
        if decision.doc_type not in ONE_PAGE_TYPES or decision.confidence < _HALF_CONFIDENT:
            return []
        if statement < _STATEMENT_CHARS:
            return []
        found.append(PageCertificate(number, decision, half_text, extract(decision.doc_type, half_text)))
    return found


def _centre_x(line: TextLine) -> float:
    return sum(x for x, _ in line.box) / len(line.box)
