"""Extract: doc_type + normalised text → Fields. Each field is read by the module in verifier/understand/ that
knows how documents print it; fields a type cannot carry stay null."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from models.report import Fields
from models.vocab import AwardCategory, DocType, Level
from verifier.document_number import BRACKETED_YEAR_AND_SERIAL
from verifier.issuers.body_name import names_its_place
from verifier.text import DocumentText
from verifier.understand.awards import (
    find_award_category,
    find_grade,
    find_project_rank,
    find_rank,
    project_members,
)
from verifier.understand.cut_short_bodies import approver_from_fragment
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
from verifier.understand.masthead import read_masthead
from verifier.understand.members import find_members, holder_among
from verifier.understand.scope import contest_scope, placed_prize_scope
from verifier.understand.signature import read_signature
from verifier.understand.unit import read_awarding_school, read_unit, text_without_employer

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
    # The signing unit stands in for an unread sign-off, and on a form it is what the sign-off names.
    unit = _signing_unit(doc_type, text) if not signature.issuers or doc_type in _UNIT_SIGNED else None
    signed = [_as_in_unit_cell(name, unit, doc_type) for name in signature.issuers]
    issuers = [name for name in signed or ([unit] if unit else []) if not _bureau_without_place(name)]
    if doc_type == D.title_certificate and issuers and (approver := approver_from_fragment(issuers[0], text)):
        issuers[0] = approver  # the approving bureau, whose line kept only the end of its name
    holder = find_holder(doc_type, text)
    values: dict[str, object] = {
        "holder": holder_among(holder, find_members(doc_type, text, holder, winners_only=True)),
        "issuer": issuers[0] if issuers else None,
        "issue_date": signature.issue_date,
        "level": _level(doc_type, issuers, text) if "level" in allowed else None,
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
        "title_rank": find_title_rank(text.flat),  # 高级教 | 师岗位: a title wrapped at the line's end
    }
    if doc_type == D.research_project:
        values["holder"] = values["holder"] or _project_leader(text)
        if values["rank"] is None:
            values["rank"] = find_project_rank(values["holder"], text.flat)  # type: ignore[arg-type]
    return Fields(**{k: v for k, v in values.items() if k in allowed})


def _bureau_without_place(name: str) -> bool:
    """A bureau's name with no place before its body word (市州形数有局, 教育局 with its place under the seal)
    names no body: it is left empty, for the seal to name, rather than reported as the issuer."""
    return bool(re.search(r"[局厅]$", name)) and not names_its_place(name)


# Documents an employing unit signs itself, under its seal.
_UNIT_SIGNED = (D.personnel_form, D.job_description)


def _signing_unit(doc_type: DocType, text: DocumentText) -> str | None:
    """A personnel form or job description is the employing unit's own document, signed under its seal; a degree
    is awarded by the university its statement names."""
    if doc_type in _UNIT_SIGNED:
        return read_unit(text)
    return read_awarding_school(text) if doc_type == D.academic_certificate else None


def _as_in_unit_cell(signed: str, unit: str | None, doc_type: DocType) -> str:
    """A form's sign-off as its own table prints it: the unit that signs is the employer its 工作单位 cell names,
    typed clear of the seal, which the sign-off's reading under the seal garbles (安顺市职竞技学校 for the cell's
    安顺市职业技术学校). Only a reading that ends alike and differs by a character in four, two at most, is the same
    unit: 龙凤区民族中学 and 龙凤区第二中学 are two schools."""
    if doc_type not in _UNIT_SIGNED or not unit or unit == signed:
        return signed
    allowed = min(2, len(unit) // 4)
    close = Levenshtein.distance(signed, unit, score_cutoff=allowed) <= allowed
    return unit if close and signed[-1] == unit[-1] else signed


def _project_leader(text: DocumentText) -> str | None:
    """When the sentence naming the leader (…同志主持的) is cut off, the member list still starts with the leader."""
    from verifier.understand.names import is_person_name

    members = project_members(text.full)
    return members[0] if members and is_person_name(members[0]) else None


def _award_category(doc_type: DocType, full: str) -> AwardCategory | None:
    if doc_type in (D.honor_certificate, D.commendation_document):
        return AwardCategory.title_honor
    if doc_type == D.instructor_award:
        return AwardCategory.student_contest
    return find_award_category(full)


# Certificates of a contest or an honour, whose wording may print its scope (class 5).
_SCOPED = (D.award_certificate, D.instructor_award, D.honor_certificate)


def _level(doc_type: DocType, issuers: list[str], text: DocumentText) -> Level | None:
    """The contest's own printed scope (校级比赛, 贵州赛区, 全国总决赛); else the issuers' level; when no issuer was
    read, or none whose level is known (保定中数科学研究所, its body word misread), the level the text gives, where
    the holder's unit says nothing of it."""
    scope = (contest_scope(text.flat) or placed_prize_scope(text.full)) if doc_type in _SCOPED else None
    if scope is not None:
        return scope
    return (find_level(issuers, text.full) if issuers else None) or find_level([], text_without_employer(text))


def find_level(issuers: list[str], full: str) -> Level | None:
    """The level of the bodies that issued the document (the highest of co-issuers); with no issuer read, the
    organ its number names, a body or level word in its text, else the jurisdiction the award is named for."""
    from verifier.issuers import infer_level

    if issuers:
        return infer_level(" ".join(issuers), full).level
    # The organ a document's number names outranks a body merely mentioned in its text (a member's school).
    return (
        document_number_level(full)
        or infer_level(None, full).level
        or awarding_region_level(full)
        or speaker_level(full)
        or employer_level(full)
    )


# A red-header document's number begins with its organ's place: 甘肃教发〔2015〕4号 (甘肃省教育厅), 湛江教发 (湛江市
# 教育局), 黔教师发 (贵州省教育厅, by the province's one-character name).
_ORGAN_NUMBER = re.compile(
    rf"(?P<before>[\u4e00-\u9fff]{{1,8}}?)(?:教|人社|人力社保|政|府)[\u4e00-\u9fff]{{0,3}}{BRACKETED_YEAR_AND_SERIAL}"
)
_PROVINCE_INITIALS = set("京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川蜀贵黔云滇陕秦甘陇青宁新藏蒙桂")


def document_number_level(full: str) -> Level | None:
    from verifier.issuers import infer_level

    for match in _ORGAN_NUMBER.finditer(full):
        before = match.group("before")
        # The words before the number (根据甘肃…) are not the place: the longest end of them that is one.
        for size in range(min(len(before), 6), 1, -1):
            level = infer_level(before[-size:]).level
            if level is not None:
                return level
        if before[-1] in _PROVINCE_INITIALS:
            return Level.provincial
    return None


# 荣获兰州市2015年“教学能手”称号, 在2016年杭州市…大赛中, 蒙获山东省… (荣 misread): the place an award is named
# for; 遂平县教育科学规划课题: the place whose planning office approved a project.
# A place named with its suffix; a county's name may be one character before 县 (蠡县, 漳县, 沛县).
_PLACE = r"(?P<place>[\u4e00-\u9fff]{2,16}?(?:自治区|自治州|自治县|省|市|州|县|区|旗)|[\u4e00-\u9fff]县)"
# A place followed by a number that is no edition (礼县第一…: 礼县第一幼儿园's own contest) names a school there.
_AWARD_PLACE = re.compile(
    rf"(?:荣获|获得|被评为|评为|授予|在|获)\s*(?:\d{{4}}\s*年度?)?\s*{_PLACE}"
    r"(?!\s*第[一二三四五六七八九十\d]{1,3}(?![届期次轮]))"
)
_PLAN_PLACE = re.compile(rf"(?:主持的|申报的|批准为|为){_PLACE}\s*教育科学规划")
# An honour's title in quotes that begins with its region: 授予李小博同志“温州市教学能手”荣誉称号.
_TITLE_PLACE = re.compile(rf"[“\"「]\s*{_PLACE}")
# 在2016年全国中学生数学竞赛中, 在全国2019年优秀教学成果奖中: a contest or award of the whole country (not
# 此证书在全国范围内有效).
_NATIONAL_AWARD = re.compile(
    r"全国教育科学规划|(?:荣获|获得|被评为|评为|在|获)\s*(?:\d{4}\s*年度?)?\s*"
    # The contest's edition and brand may come first: 在2023年第十四届蓝桥杯全国软件…大赛中 (class 4: a national
    # contest's committee is national).
    r"(?:第[一二三四五六七八九十百\d]{1,4}届)?[\u4e00-\u9fff“”\"]{0,6}?(?:全国|中国|国际|全球)[^，。,；;]{0,24}?"
    r"(?:竞赛|比赛|大赛|评选|评比|成果奖|联赛|展评|优质课|称号)"
)


def awarding_region_level(full: str) -> Level | None:
    from verifier.issuers import infer_level

    sentences = full.replace("\n", "")  # 被批准为桂林市教育 | 科学规划立项课题: wrapped mid-word
    if _NATIONAL_AWARD.search(sentences):
        return Level.national
    for pattern in (_AWARD_PLACE, _PLAN_PLACE, _TITLE_PLACE):
        for match in pattern.finditer(sentences):
            level = infer_level(match.group("place")).level
            if level is not None:
                return level
    return None


# The issuer speaking of its own jurisdiction: 为我省教育事业…, 我市…, 我校….
_SPEAKER = {
    "省": Level.provincial,
    "市": Level.municipal,
    "州": Level.municipal,
    "县": Level.county,
    "区": Level.county,
    "校": Level.school,
    "园": Level.school,
}


def speaker_level(full: str) -> Level | None:
    found = {_SPEAKER[match] for match in re.findall(r"我(省|市|州|县|区|校|园)", full)}
    return found.pop() if len(found) == 1 else None


def employer_level(full: str) -> Level | None:
    """A 用人单位推荐考核结果公示表 is published by the teacher's employing unit: a school or kindergarten."""
    return Level.school if re.search(r"用人单位.{0,4}推荐", full) else None
