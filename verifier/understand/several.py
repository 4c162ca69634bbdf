"""Uploads that hold several certificates: pages that, each read on its own, are different certificates.

A teacher may put an award and an honour in one PDF. Read as one document, their fields mix (the honour's
holder and date with the award's number) and the second certificate is lost to the criteria. Each page is
typed on its own; two pages that are each a whole one-page certificate, and not the same one, make the upload
several documents.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.page import TextLine
from models.report import Fields
from models.vocab import DOC_TYPE_ZH, DocType
from verifier.classify import Classification, classify
from verifier.extract import extract
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
