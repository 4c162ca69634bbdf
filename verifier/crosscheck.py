"""Checks across the documents of one submission: holder, companions, columns, duplicates."""

from __future__ import annotations

import re
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from models.flags import FlagCode
from models.report import DocumentReport, Flag
from models.vocab import DOC_TYPE_ZH, AwardCategory, DocType, Severity
from verifier.columns import load_column_map
from verifier.duplicates import DocFingerprint, SubmissionRegister
from verifier.lookalike import misread_of
from verifier.normalize import normalize_text
from verifier.understand.awards import split_member_list
from verifier.understand.holder import listed_names
from verifier.understand.romanised import is_romanised, romanised_matches

# Documents that name several people (课题组成员, 表彰名单, 公示名单, co-authors): the applicant may be any of
# them, and the one the reader picked as holder (the leader, the first listed) need not be the applicant.
_MEMBER_LISTS = {
    DocType.research_project, DocType.commendation_document, DocType.publicity_form, DocType.publication,
}


_LIST_CAPTION = re.compile(r"(?:课题组成员|主要成员|成员|主要完成人|完成人|作者|参与人员|参加人员)[:：]")
_LIST_END = re.compile(r"[。;；]|特发|经|以资")


def member_rank(text: str, name: str) -> int | None:
    """1-based place of `name` in a 成员/完成人/作者 list, 1 for the 主持人/负责人, None when not listed. The text
    keeps its line breaks: a list parts its names at them unless a name was wrapped (马慧 | 兰)."""
    for caption in _LIST_CAPTION.finditer(text):
        rest = text[caption.end() :]
        end = _LIST_END.search(rest)
        members = split_member_list(rest[: end.start() if end else len(rest)])
        if name in members:
            return members.index(name) + 1
        # With nothing closing the list, a one-character piece of the next line may run into its last name:
        # 张晓梅 | 六.
        if members and members[-1].startswith(name):
            return len(members)
    flat = "".join(text.split())
    if re.search(rf"(?:主持人|负责人)[:：]?{name}|{name}(?:同志)?主持", flat):
        return 1
    return None


# A transliterated name's middle dot typed as a full stop (热依拉.买买提); normalize_text already unifies the
# other dots OCR and keyboards give (热依拉•买买提).
_NAME_DOTS = re.compile(r"[.。]")


def comparable_name(name: str) -> str:
    """A name as the reader gives it: simplified, without spaces, one kind of middle dot (王 芳, 黃麗華)."""
    name = normalize_text(name)
    if not re.search(r"[\u4e00-\u9fff]", name):
        return " ".join(name.split())  # Li  Ming: a pinyin name keeps one space between its words
    return _NAME_DOTS.sub("·", "".join(name.split()))


# Types whose certificates rank the people they name (第二完成人).
_RANKED = {DocType.award_certificate}


def _listed_with(flat: str, holder: str) -> list[str]:
    """The names a certificate lists with 、 together with the holder, or []."""
    return next((names for names in listed_names(flat) if holder in names), [])


def _coach_caption(name: str) -> re.Pattern[str]:
    """The name after a 指导/辅导教师 caption, maybe after a co-coach (指导教师：李明、王芳)."""
    return re.compile(rf"(?:指导|辅导)(?:教师|老师)[:：]?(?:[\u4e00-\u9fff·]{{2,4}}[、,，]?){{0,3}}{re.escape(name)}")


def check_holder(doc: DocumentReport, applicant_name: str | None) -> None:
    """HOLDER_MISMATCH (000 四（二）): a clear difference is an error; one differing character may be OCR noise."""
    holder = comparable_name(doc.fields.holder or "")
    applicant_name = comparable_name(applicant_name or "")
    if not applicant_name or not holder:
        return
    flat = "".join(doc.text.split())  # names wrap over lines and OCR spaces them: 马慧 | 兰
    listed = [] if doc.doc_type in _MEMBER_LISTS else _listed_with(flat, holder)
    if applicant_name in listed:
        # One of several people a certificate names together (王芳、李丽、张伟同志的…): their place is their rank.
        doc.fields.holder = applicant_name
        if doc.fields.rank is None and doc.doc_type in _RANKED:
            doc.fields.rank = listed.index(applicant_name) + 1
        return
    if holder == applicant_name:
        return
    if applicant_name in (comparable_name(name) for name in doc.members):
        # One of the people a certificate is for together (a team, joint winners, co-coaches): it counts for the
        # applicant (class 2 of the real-certificate failures).
        doc.fields.holder = applicant_name
        if doc.doc_type == DocType.award_certificate and _coach_caption(applicant_name).search(flat):
            # The students' award names the applicant as their coach: the applicant's evidence of coaching.
            doc.doc_type = DocType.instructor_award
            doc.fields.rank = None
            doc.fields.award_category = AwardCategory.student_contest
        return
    if doc.doc_type in _MEMBER_LISTS and applicant_name in flat:
        # The applicant is one of the people the document names; their rank is their place in the list.
        doc.fields.holder = applicant_name
        doc.fields.rank = member_rank(doc.text, applicant_name)
        return
    if is_romanised(holder) and romanised_matches(holder, applicant_name):
        # A foreign certificate spells the applicant's name in pinyin (Li Ming for 李明).
        doc.fields.holder = applicant_name
        return
    if misread_of(holder, applicant_name):
        # 唐风 for 唐凤: the differing character is one the recogniser confuses with the applicant's, so this is
        # the applicant's name misread, not another person.
        doc.fields.holder = applicant_name
        return
    distance = Levenshtein.distance(holder, applicant_name)
    if distance == 1 and len(applicant_name) >= 3 and len(holder) == len(applicant_name):
        detail = f"识别为「{holder}」，申报人「{applicant_name}」，可能是识别误差，请核对"
        doc.flags.append(Flag.make(FlagCode.HOLDER_MISMATCH, detail=detail, value=holder, severity=Severity.warn))
    else:
        detail = f"证书持有人「{holder}」，申报人「{applicant_name}」"
        doc.flags.append(Flag.make(FlagCode.HOLDER_MISMATCH, detail=detail, value=holder))


def check_companions(docs: list[DocumentReport]) -> None:
    """MISSING_COMPANION (000 四（九）): a 教师资格证书 must come with its 定期注册页."""
    types = {d.doc_type for d in docs}
    if DocType.qualification_registration in types:
        return
    for doc in docs:
        if doc.doc_type == DocType.teacher_qualification:
            doc.flags.append(Flag.make(FlagCode.MISSING_COMPANION, detail="教师资格证书须同时上传定期注册页（注册贴）"))


def check_column(doc: DocumentReport, columns_file: str | None) -> None:
    """WRONG_COLUMN (000 四（八）): the column takes other types; unknown columns are not judged."""
    column_map = load_column_map(Path(columns_file)) if columns_file else load_column_map()
    accepted = column_map.accepted_types(doc.column)
    if accepted is None or doc.doc_type is None or doc.doc_type == DocType.other or doc.doc_type in accepted:
        return
    detail = f"「{doc.column}」栏目不收此类材料（识别为{DOC_TYPE_ZH[doc.doc_type]}）"
    doc.flags.append(Flag.make(FlagCode.WRONG_COLUMN, detail=detail, value=doc.doc_type.value))


def apply_duplicates(docs: list[DocumentReport], matches: list) -> None:
    """一证多传 (000 四（八）): the first upload of a document stands; later copies are flagged."""
    order = {d.file: i for i, d in enumerate(docs)}
    by_file = {d.file: d for d in docs}
    for match in matches:
        first, later = sorted((match.a, match.b), key=lambda f: order.get(f, 0))
        code = FlagCode.DUPLICATE_EXACT if match.kind == "exact" else FlagCode.DUPLICATE_NEAR
        for this, other in ((first, later), (later, first)):
            if other not in by_file[this].duplicate_of:
                by_file[this].duplicate_of.append(other)
        detail = f"与「{first}」为同一证书" + (f"（{match.reason}）" if getattr(match, "reason", "") else "")
        by_file[later].flags.append(Flag.make(code, detail=detail, value=round(float(match.score), 3)))


def apply_cross_submission(
    docs: list[DocumentReport],
    fingerprints: dict[str, DocFingerprint],
    register: SubmissionRegister,
    submission_id: str,
    applicant: str,
) -> None:
    """DUPLICATE_ACROSS_APPLICANTS (000 四（二）): a certificate already in another applicant's submission."""
    for doc in docs:
        fp = fingerprints.get(doc.file)
        if fp is None:
            continue
        found = register.matches(fp, applicant)
        if found:
            first = found[0]
            detail = f"与申报材料 {first.submission} 中的「{first.file}」为同一证书"
            flag = Flag.make(FlagCode.DUPLICATE_ACROSS_APPLICANTS, detail=detail, value=round(first.score, 3))
            doc.flags.append(flag)
    for doc in docs:
        fp = fingerprints.get(doc.file)
        if fp is not None:
            register.add(submission_id, applicant, fp)
