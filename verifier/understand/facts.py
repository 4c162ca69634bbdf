"""Single facts a document states: its number, years of service, hours and credits, subject, qualification
kind, registration result and title rank."""

from __future__ import annotations

import re

from models.vocab import RegistrationResult, TitleRank
from verifier.document_number import BRACKETED_YEAR_AND_SERIAL
from verifier.normalize import chinese_number, find_dates
from verifier.text import DocumentText, Line
from verifier.understand.dates import english_dates

# --- certificate number -------------------------------------------------------------------------------------------
# 身份证号 / 身份证件编号 caption the holder's identity number, not the certificate's.
_CAPTIONS = (
    r"(?:证书编号|证书号码|证书号|(?<!身份)证件编号|(?<!身份)证号|编号|登记号|批准号|立项号"
    r"|(?<![A-Za-z])(?:No|NO)\.?(?![a-z])|№)"
)
_NUMBER_CAPTION = re.compile(rf"{_CAPTIONS}\s*[:：.]?\s*(?P<number>[A-Za-z0-9][A-Za-z0-9\-]{{3,31}})")
# A number with words in it, after its caption: 黔教师〔2021〕第0123号, (2021)黔教字第015号, 教继字2021第0315号.
_WORDED_NUMBER_CAPTION = re.compile(
    rf"{_CAPTIONS}\s*[:：.]?\s*(?P<number>(?=[^:：\s]*\d{{3}})(?![^号]*[年月日])[\u4e00-\u9fffA-Za-z0-9〔〕()（）\-]{{3,30}}?号)"
)
# A number led by the issuer's short words, with no 号 to close it: 黔教职2020-0158, 鲁教师资A2019003.
_PREFIXED_NUMBER_CAPTION = re.compile(
    rf"{_CAPTIONS}\s*[:：.]?\s*(?P<number>(?![^\s\d]*[年月日])[\u4e00-\u9fff]{{1,8}}[A-Za-z〔〕()（）\-]{{0,4}}\d{{3,}}"
    rf"[A-Za-z0-9\-]*)(?![\u4e00-\u9fffA-Za-z0-9])"
)
# What continues a wrapped number: more of it, then the bracket or punctuation that closes it, or nothing more.
_CONTINUED = re.compile(r"^(?P<rest>[A-Za-z0-9\-]+)(?:[)）,，。;；]|$)")
# A 文号 of a red-header document: 黔教发〔2023〕12号; its caption (批准文号：…) is no part of it.
_DOCUMENT_NUMBER = re.compile(rf"(?P<number>[\u4e00-\u9fff]{{1,10}}{BRACKETED_YEAR_AND_SERIAL})")
_DOCUMENT_NUMBER_CAPTION = re.compile(r"^.*?(?:文号|发文字号)\s*[:：]?")
# An uncaptioned serial printed alone on its line, as many certificates print it in a corner.
_BARE_SERIAL = re.compile(r"^(?P<number>(?=[A-Za-z0-9\-]*\d{4})[A-Za-z]{0,5}\d[A-Za-z0-9\-]{5,30})$")
_MIN_NUMBER = 4


def find_certificate_no(text: DocumentText) -> str | None:
    for line in text.lines:
        match = _NUMBER_CAPTION.search(line.text)
        if match:
            number = match.group("number")
            if match.end() == len(line.text.rstrip()):
                number += _continued_number(text, line)  # (课题编号:KT2015C | 178)
            return number.strip("-")
        worded = _WORDED_NUMBER_CAPTION.search(line.text) or _PREFIXED_NUMBER_CAPTION.search(line.text)
        if worded:
            return _with_year_brackets(worded.group("number"))
    for row in text.row_texts():
        match = _NUMBER_CAPTION.search(row)
        if match:
            return match.group("number").strip("-")
    wrapped = _wrapped_number(text)
    if wrapped:
        return wrapped
    match = _DOCUMENT_NUMBER.search(text.full)
    if match:
        return _with_year_brackets(_DOCUMENT_NUMBER_CAPTION.sub("", match.group("number")))
    for cells in text.rows():
        if _OTHER_NUMBER.search("".join(line.text for line in cells)):
            continue  # 身份证件号码 | 4405…: the holder's identity number, however OCR garbled it
        for line in cells:
            # A caption lost to the edge leaves its colon, or its last character: (编)号:20180182.
            candidate = _CLIPPED_CAPTION.sub("", line.text.replace(" ", ""))
            is_date = find_dates(candidate) or english_dates(line.text)  # 12 March 2022 reads 12March2022
            if _BARE_SERIAL.match(candidate) and not is_date and not _is_phone_or_id(candidate):
                return candidate.strip("-")
    return None


def _with_year_brackets(number: str) -> str:
    """A number with words in it as documents print it: no spaces, its year in 〔〕 (（2021）黔教字 → 〔2021〕…)."""
    return re.sub(r"[(（]", "〔", re.sub(r"[)）]", "〕", re.sub(r"\s", "", number)))


_CLIPPED_CAPTION = re.compile(r"^(?:[证书编]{0,3}号码?)?[:：.]+")
# Numbers of something other than the certificate, captioned beside them.
_OTHER_NUMBER = re.compile(r"身份证|证件号码|电话|手机|联系方式|邮编|邮政编码|账号")


def _wrapped_number(text: DocumentText) -> str | None:
    """A caption, or its number, cut by the end of a sentence line: (课题编 | 号:KT2015C152), (课题编号:J | YKY…)."""
    for line in text.lines:
        following = text.following(line)
        if following is None:
            continue
        if _CAPTION_CUT_SHORT.search(line.text.rstrip()):
            rest = _continued_number(text, line)
            if _is_serial(rest):
                return rest.strip("-")
        joined = line.text.rstrip() + following.text.lstrip()
        for match in _NUMBER_CAPTION.finditer(joined):
            crosses = match.start() < len(line.text.rstrip()) < match.end("number") + 1
            closed = _CONTINUED.match(joined[match.start("number") :])
            if crosses and closed and len(closed.group("rest")) >= _MIN_NUMBER:
                return closed.group("rest").strip("-")
    return None


# A bracketed caption at a sentence line's end that lost its 号 and colon at the wrap: (课题编 | KT2015C152).
_CAPTION_CUT_SHORT = re.compile(r"[(（](?:课题|项目|立项|证书)编$")


def _is_serial(rest: str) -> bool:
    return len(rest) >= _MIN_NUMBER and any(ch.isdigit() for ch in rest)


def _continued_number(text: DocumentText, line: Line) -> str:
    following = text.following(line)
    rest = _CONTINUED.match(following.text.strip()) if following else None
    # Only a closed continuation is part of the number: a bare next line may be anything (a date, a name).
    if rest and len(rest.group(0)) > len(rest.group("rest")):
        return rest.group("rest")
    return ""


def _is_phone_or_id(text: str) -> bool:
    return bool(re.fullmatch(r"1[3-9]\d{9}", text)) or is_id_number(text)


# The first two digits of a resident identity number name a province (GB/T 2260).
_PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43"}
    | {"44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"}
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def is_id_number(text: str) -> bool:
    """A resident identity number (GB 11643): province code, birth date and the ISO 7064 check character.

    18-digit certificate numbers (毕业证书 10826 2 2009 …) look alike; the check character tells them apart."""
    if not re.fullmatch(r"\d{17}[\dXx]", text) or text[:2] not in _PROVINCE_CODES:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(text[:17], _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == text[17].upper()


# --- years, hours, credits ------------------------------------------------------------------------------------------
_CN_QUANTITY = r"[一二两三四五六七八九十]{1,3}"
_SERVICE = re.compile(
    rf"(?:满|教龄|从教|执教|任教|耕耘|工作|岗位|讲台)[^，,。年]{{0,6}}?(?<!\d)(?P<years>{_CN_QUANTITY}|\d{{1,2}})\s*(?:周)?[年载](?![度级])"
    # …or the years first: 三十年教龄, 三十年如一日地从教.
    rf"|(?P<years_first>{_CN_QUANTITY}|\d{{1,2}})\s*(?:周)?年(?:的)?(?:教龄|从教)"
)


def find_service_years(text: str) -> int | None:
    for match in _SERVICE.finditer(text):
        value = chinese_number(match.group("years") or match.group("years_first"))
        if value and 5 <= value <= 60:
            return value
    return None


# OCR spaces the digits of a number now and then (4 0 学时): single digits a space apart are one number.
_NUMBER = r"(?P<value>\d(?:\s\d){1,3}(?!\d)|\d+(?:\.\d+)?|[一二两三四五六七八九十百]+)"
# Training is stated in 学时, and as often in 课时 or plain 小时.
_UNITS = {"学时": "(?:学时|课时|小时)", "学分": "学分"}


def find_quantity(text: str, unit: str) -> float | None:
    """A number of 学时 or 学分: '共计48学时', '培训学时：48', '折合4.8学分'."""
    english = {"学时": r"(?:hours|hrs|class hours)", "学分": r"(?:credits|credit hours)"}[unit]
    unit = _UNITS[unit]
    patterns = (
        # A total after its parts (公需科目30学时、专业科目60学时，共计90学时) is what the certificate grants.
        re.compile(rf"(?:共计|合计|累计|总计|共)\s*{_NUMBER}\s*(?:个)?\s*{unit}"),
        re.compile(rf"{_NUMBER}\s*(?:个)?\s*{unit}"),
        re.compile(rf"{unit}\s*(?:数|总数|合计)?\s*[:：为]?\s*{_NUMBER}"),
        re.compile(rf"(?P<value>\d+(?:\.\d+)?)\s*{english}\b", re.IGNORECASE),
    )
    for pattern in patterns:
        for match in pattern.finditer(text):
            value = _quantity(match.group("value"))
            if value:  # 0 学时 is a misread, not a statement
                return value
    return None


# More than this many hours or credits is no quantity but a neighbouring year (年度 2022 学分 72).
_MOST_HOURS = 999


def _quantity(raw: str) -> float | None:
    raw = re.sub(r"\s", "", raw)
    try:
        value = float(raw)
    except ValueError:
        number = chinese_number(raw)
        value = float(number) if number is not None else 0.0
    return value if 0 < value <= _MOST_HOURS else None


# --- subject, qualification kind, registration, title rank ----------------------------------------------------------
SUBJECTS = (
    "语文|数学|英语|物理|化学|生物学|生物|历史|地理|道德与法治|思想政治|政治|音乐|美术|体育与健康|体育|信息技术|信息科技|"
    "科学|心理健康教育|心理健康|通用技术|劳动|艺术|日语|俄语|书法|综合实践活动|学前教育|特殊教育"
)
_STAGE = r"(?:初中|高中|小学|中职|初级中学|高级中学|幼儿园)?"
_SUBJECT_CAPTION = re.compile(rf"(?:任教学科|学科|科目|学科组)\s*[:：]?\s*{_STAGE}(?P<subject>{SUBJECTS})")
# 中小学生物学科 names 生物, not 生物学: a subject is not read into the 学 of 学科.
_SUBJECT_LOOSE = re.compile(
    rf"(?:初中|高中|小学|中职)(?P<subject>{SUBJECTS})(?!科)|(?P<named>{SUBJECTS})(?=学科|组|教师|教研)"
)


def find_subject(text: DocumentText) -> str | None:
    for row in text.row_texts():
        match = _SUBJECT_CAPTION.search(row)
        if match:
            return match.group("subject")
    loose = _SUBJECT_LOOSE.search(text.prose)  # 我校信息 | 技术教研组组长: wrapped mid-word
    if loose:
        return loose.group("subject") or loose.group("named")
    return None


# 小学 of 中小学教师资格考试 names no kind: the exam is one for every school level.
_KIND = re.compile(
    r"(幼儿园|(?<!中)小学|初级中学|高级中学|中等职业学校实习指导|中等职业学校|高等学校)\s*教师资格(?!考试)"
)


def find_qualification_kind(text: str) -> str | None:
    match = _KIND.search(text)
    return f"{match.group(1)}教师资格" if match else None


_RESULTS = [
    (re.compile(r"暂\s*缓\s*注\s*册"), RegistrationResult.deferred),
    (re.compile(r"不\s*合\s*格|不\s*予\s*(?:注\s*册|通\s*过)"), RegistrationResult.fail),
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


# The old system named a primary school's ranks one step up (小学高级教师 is a 一级 post); today's unified series
# says 中小学高级教师 for a senior post, which must not read as 小学高级.
_TITLE_RANKS = [
    ("中小学正高级", TitleRank.professor), ("中小学高级", TitleRank.senior), ("中小学一级", TitleRank.first),
    ("中小学二级", TitleRank.second), ("中小学三级", TitleRank.third),
    ("正高级教师", TitleRank.professor), ("高级教师", TitleRank.senior), ("一级教师", TitleRank.first),
    ("二级教师", TitleRank.second), ("三级教师", TitleRank.third), ("中学高级", TitleRank.senior),
    ("中学一级", TitleRank.first), ("中学二级", TitleRank.second), ("小学高级", TitleRank.first),
    ("小学一级", TitleRank.second),
]


def find_title_rank(text: str) -> TitleRank | None:
    hits = [(text.find(word), rank) for word, rank in _TITLE_RANKS if word in text]
    return min(hits)[1] if hits else None
