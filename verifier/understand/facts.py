"""Single facts a document states: its number, years of service, hours and credits, subject, qualification
kind, registration result and title rank."""

from __future__ import annotations

import re

from models.vocab import RegistrationResult, TitleRank
from verifier.normalize import chinese_number, find_dates
from verifier.text import DocumentText

# --- certificate number -------------------------------------------------------------------------------------------
_NUMBER_CAPTION = re.compile(
    r"(?:证书编号|证书号码|证书号|证件编号|证号|编号|登记号|批准号|立项号|No\.?|NO\.?|№)\s*[:：.]?\s*"
    r"(?P<number>[A-Za-z0-9][A-Za-z0-9\-]{3,31})"
)
# A 文号 of a red-header document: 黔教发〔2023〕12号.
_DOCUMENT_NUMBER = re.compile(r"(?P<number>[\u4e00-\u9fff]{1,10}[〔(（]\s*\d{4}\s*[〕)）]\s*\d{1,4}\s*号)")
# An uncaptioned serial printed alone on its line, as many certificates print it in a corner.
_BARE_SERIAL = re.compile(r"^(?P<number>(?=[A-Za-z0-9\-]*\d{4})[A-Za-z]{0,5}\d[A-Za-z0-9\-]{5,30})$")


def find_certificate_no(text: DocumentText) -> str | None:
    lines = text.lines
    for index, line in enumerate(lines):
        match = _NUMBER_CAPTION.search(line.text)
        if match:
            number = match.group("number")
            # A number wrapped at the end of a sentence line continues on the next: (课题编号:KT2015C | 178),
            following = lines[index + 1].text if index + 1 < len(lines) else ""
            rest = re.match(r"^([A-Za-z0-9\-]+)(?=[)）,，。;；])", following)
            if match.end() == len(line.text.rstrip()) and rest:
                number += rest.group(1)
            return number.strip("-")
    for row in text.row_texts():
        match = _NUMBER_CAPTION.search(row)
        if match:
            return match.group("number").strip("-")
    match = _DOCUMENT_NUMBER.search(text.full)
    if match:
        number = re.sub(r"\s", "", match.group("number"))
        return re.sub(r"[(（]", "〔", re.sub(r"[)）]", "〕", number))
    for line in text.lines:
        candidate = line.text.replace(" ", "").lstrip(":：.")  # a caption lost to the edge leaves its colon
        if _BARE_SERIAL.match(candidate) and not find_dates(candidate) and not _is_phone_or_id(candidate):
            return candidate.strip("-")
    return None


def _is_phone_or_id(text: str) -> bool:
    return bool(re.fullmatch(r"1[3-9]\d{9}|\d{17}[\dXx]", text))


# --- years, hours, credits ------------------------------------------------------------------------------------------
_CN_QUANTITY = r"[一二两三四五六七八九十]{1,3}"
_SERVICE = re.compile(
    rf"(?:满|教龄|从教|执教|任教|耕耘|工作|岗位上)[^，,。年]{{0,6}}?(?P<years>{_CN_QUANTITY}|\d{{1,2}})\s*(?:周)?年(?![度级])"
)


def find_service_years(text: str) -> int | None:
    for match in _SERVICE.finditer(text):
        value = chinese_number(match.group("years"))
        if value and 5 <= value <= 60:
            return value
    return None


_NUMBER = r"(?P<value>\d+(?:\.\d+)?|[一二两三四五六七八九十百]+)"


def find_quantity(text: str, unit: str) -> float | None:
    """A number of 学时 or 学分: '共计48学时', '培训学时：48', '折合4.8学分'."""
    english = {"学时": r"(?:hours|hrs|class hours)", "学分": r"(?:credits|credit hours)"}[unit]
    match = (
        re.search(rf"{_NUMBER}\s*(?:个)?\s*{unit}", text)
        or re.search(rf"{unit}\s*(?:数|总数|合计)?\s*[:：为]?\s*{_NUMBER}", text)
        or re.search(rf"(?P<value>\d+(?:\.\d+)?)\s*{english}\b", text, re.IGNORECASE)
    )
    if not match:
        return None
    raw = match.group("value")
    try:
        return float(raw)
    except ValueError:
        value = chinese_number(raw)
        return float(value) if value is not None else None


# --- subject, qualification kind, registration, title rank ----------------------------------------------------------
SUBJECTS = (
    "语文|数学|英语|物理|化学|生物学|生物|历史|地理|道德与法治|思想政治|政治|音乐|美术|体育与健康|体育|信息技术|信息科技|"
    "科学|心理健康教育|心理健康|通用技术|劳动|艺术|日语|俄语|书法|综合实践活动|学前教育|特殊教育"
)
_STAGE = r"(?:初中|高中|小学|中职|初级中学|高级中学|幼儿园)?"
_SUBJECT_CAPTION = re.compile(rf"(?:任教学科|学科|科目|学科组)\s*[:：]?\s*{_STAGE}(?P<subject>{SUBJECTS})")
_SUBJECT_LOOSE = re.compile(
    rf"(?:初中|高中|小学|中职)(?P<subject>{SUBJECTS})|(?P<named>{SUBJECTS})(?=学科|组|教师|教研)"
)


def find_subject(text: DocumentText) -> str | None:
    for row in text.row_texts():
        match = _SUBJECT_CAPTION.search(row)
        if match:
            return match.group("subject")
    loose = _SUBJECT_LOOSE.search(text.full)
    if loose:
        return loose.group("subject") or loose.group("named")
    return None


_KIND = re.compile(r"(幼儿园|小学|初级中学|高级中学|中等职业学校实习指导|中等职业学校|高等学校)\s*教师资格")


def find_qualification_kind(text: str) -> str | None:
    match = _KIND.search(text)
    return f"{match.group(1)}教师资格" if match else None


_RESULTS = [
    (re.compile(r"暂\s*缓\s*注\s*册"), RegistrationResult.deferred),
    (re.compile(r"不\s*合\s*格"), RegistrationResult.fail),
    (re.compile(r"合\s*格"), RegistrationResult.pass_),
]


def find_registration_result(text: DocumentText) -> RegistrationResult | None:
    """The latest registration decides: the lowest row of the table that states a result."""
    found: RegistrationResult | None = None
    for row in text.row_texts():
        body = re.sub(r"注册结论", "", row)
        for pattern, result in _RESULTS:
            if pattern.search(body):
                found = result
                break
    return found


_TITLE_RANKS = [
    ("正高级教师", TitleRank.professor), ("高级教师", TitleRank.senior), ("一级教师", TitleRank.first),
    ("二级教师", TitleRank.second), ("三级教师", TitleRank.third), ("中学高级", TitleRank.senior),
    ("中学一级", TitleRank.first), ("中学二级", TitleRank.second), ("小学高级", TitleRank.first),
    ("小学一级", TitleRank.second),
]


def find_title_rank(text: str) -> TitleRank | None:
    hits = [(text.find(word), rank) for word, rank in _TITLE_RANKS if word in text]
    return min(hits)[1] if hits else None
