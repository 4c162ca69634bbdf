"""Extract: doc_type + normalised text → Fields. Each field is read by the module in verifier/understand/ that
knows how documents print it; fields a type cannot carry stay null."""

from __future__ import annotations

import re

from models.report import Fields
from models.vocab import AwardCategory, DocType, Level
from verifier.text import DocumentText
from verifier.understand.awards import find_award_category, find_grade, find_project_rank, find_rank
from verifier.understand.facts import (
    find_certificate_no,
    find_qualification_kind,
    find_quantity,
    find_registration_result,
    find_service_years,
    find_subject,
    find_title_rank,
)
from verifier.understand.holder import find_holder
from verifier.understand.signature import read_masthead, read_signature

D = DocType
_COMMON = {"holder", "issuer", "issue_date", "level"}

# Which fields a type can carry: a 一级教师 mentioned on an honour certificate is not its title_rank.
APPLICABLE: dict[DocType, set[str]] = {
    D.award_certificate: _COMMON | {"grade", "award_category", "rank", "certificate_no"},
    D.honor_certificate: _COMMON | {"award_category", "certificate_no"},
    D.instructor_award: _COMMON | {"grade", "award_category", "certificate_no"},
    D.teaching_service_honor: _COMMON | {"service_years", "certificate_no"},
    D.teacher_qualification: _COMMON | {"certificate_no", "subject", "qualification_kind"},
    D.qualification_registration: _COMMON | {"registration_result", "certificate_no"},
    D.continuing_education: _COMMON | {"hours", "credits", "certificate_no"},
    D.title_certificate: _COMMON | {"certificate_no", "subject", "title_rank"},
    D.appointment_letter: _COMMON | {"title_rank", "subject"},
    D.academic_certificate: _COMMON | {"certificate_no", "subject"},
    D.research_project: _COMMON | {"rank", "certificate_no"},
    # A journal is no administrative body: its "level" is not an issuer's level.
    D.publication: {"holder", "issuer", "issue_date", "rank"},
    D.commendation_document: _COMMON | {"award_category", "certificate_no"},
    D.personnel_form: set(_COMMON),
    D.job_description: set(_COMMON),
    D.publicity_form: set(_COMMON),
    D.assessment_record: set(_COMMON),
    D.other: set(),
}


def extract(doc_type: DocType, text: DocumentText) -> Fields:
    allowed = APPLICABLE[doc_type]
    if not allowed:
        return Fields()
    full = text.full
    signature = (read_masthead(text) if doc_type == D.publication else None) or read_signature(text)
    values: dict[str, object] = {
        "holder": find_holder(doc_type, text),
        "issuer": signature.issuers[0] if signature.issuers else None,
        "issue_date": signature.issue_date,
        "level": find_level(signature.issuers, full) if "level" in allowed else None,
        "grade": find_grade(text.flat) if "grade" in allowed else None,
        "award_category": _award_category(doc_type, text.flat) if "award_category" in allowed else None,
        "rank": find_rank(full),
        "certificate_no": find_certificate_no(text) if "certificate_no" in allowed else None,
        "service_years": find_service_years(text.flat),
        "hours": find_quantity(text.flat, "学时"),
        "credits": find_quantity(text.flat, "学分"),
        "subject": find_subject(text) if "subject" in allowed else None,
        "qualification_kind": find_qualification_kind(full),
        "registration_result": find_registration_result(text) if "registration_result" in allowed else None,
        "title_rank": find_title_rank(full),
    }
    if doc_type == D.research_project and values["rank"] is None:
        values["rank"] = find_project_rank(values["holder"], text.flat)  # type: ignore[arg-type]
    return Fields(**{k: v for k, v in values.items() if k in allowed})


def _award_category(doc_type: DocType, full: str) -> AwardCategory | None:
    if doc_type in (D.honor_certificate, D.commendation_document):
        return AwardCategory.title_honor
    if doc_type == D.instructor_award:
        return AwardCategory.student_contest
    return find_award_category(full)


def find_level(issuers: list[str], full: str) -> Level | None:
    """The level of the bodies that issued the document (the highest of co-issuers), else a printed level word,
    else, when the seal has made the issuer unreadable, the jurisdiction the award is named for."""
    from verifier.issuers import infer_level

    inferred = infer_level(" ".join(issuers) if issuers else None, full)
    if inferred.level is None and not issuers:
        return awarding_region_level(full)
    return inferred.level


# 荣获兰州市2015年“教学能手”称号, 在2016年杭州市…大赛中: the place an award is named for.
_AWARD_PLACE = re.compile(
    r"(?:荣获|获得|被评为|评为|授予|在)\s*(?:\d{4}\s*年度?)?\s*(?P<place>[\u4e00-\u9fff]{2,16}?(?:自治区|自治州|自治县|省|市|州|县|区|旗))"
)


def awarding_region_level(full: str) -> Level | None:
    from verifier.issuers import infer_level

    for match in _AWARD_PLACE.finditer(full):
        level = infer_level(match.group("place")).level
        if level is not None:
            return level
    return None
