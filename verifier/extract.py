"""Extract: doc_type + normalised text → Fields. Patterns tolerate OCR noise and both date styles."""

from __future__ import annotations

import re

from models.report import Fields
from models.vocab import AwardCategory, DocType, Grade, Level, RegistrationResult, TitleRank
from verifier.normalize import chinese_number, find_dates
from verifier.text import DocumentText

D = DocType
_NAME = r"[\u4e00-\u9fff·]{2,4}"

# Which fields a type can carry: a 一级教师 mentioned on an honour certificate is not its title_rank.
APPLICABLE: dict[DocType, set[str]] = {
    D.award_certificate: {
        "holder", "issuer", "issue_date", "level", "grade", "award_category", "rank", "certificate_no", "subject",
    },
    D.honor_certificate: {"holder", "issuer", "issue_date", "level", "award_category", "certificate_no"},
    D.instructor_award: {
        "holder", "issuer", "issue_date", "level", "grade", "award_category", "certificate_no", "subject",
    },
    D.teaching_service_honor: {"holder", "issuer", "issue_date", "level", "service_years", "certificate_no"},
    D.teacher_qualification: {"holder", "issuer", "issue_date", "certificate_no", "subject", "qualification_kind"},
    D.qualification_registration: {"holder", "issuer", "issue_date", "registration_result", "certificate_no"},
    D.continuing_education: {"holder", "issuer", "issue_date", "level", "hours", "credits", "certificate_no"},
    D.title_certificate: {"holder", "issuer", "issue_date", "certificate_no", "subject", "title_rank"},
    D.appointment_letter: {"holder", "issuer", "issue_date", "title_rank", "subject"},
    D.academic_certificate: {"holder", "issuer", "issue_date", "certificate_no", "subject"},
    D.research_project: {"holder", "issuer", "issue_date", "level", "rank", "certificate_no"},
    D.publication: {"holder", "issuer", "issue_date", "rank"},
    D.commendation_document: {"holder", "issuer", "issue_date", "level", "certificate_no"},
    D.personnel_form: {"holder", "issuer", "issue_date"},
    D.job_description: {"holder", "issuer", "issue_date"},
    D.publicity_form: {"holder", "issuer", "issue_date"},
    D.assessment_record: {"holder", "issuer", "issue_date"},
    D.other: set(),
}

_ORG_SUFFIX = (
    r"(?:教育局|教育厅|教育委员会|教委|人民政府|委员会|学会|协会|研究会|研究院|研究所|教研室|教育部|人力资源和社会保障[部厅局]|"
    r"人力资源社会保障[部厅局]|人社[厅局]|办公室|办公厅|中心学校|中心校|中学|小学|学校|幼儿园|学院|大学|中心|总工会|"
    r"团委|妇联|工会|编辑部|杂志社|出版社|组委会|局|厅|部)"
)
_ORG = re.compile(rf"[\u4e00-\u9fff（）()]{{2,30}}?{_ORG_SUFFIX}")
_LABELLED_ISSUER = re.compile(
    r"(?:发证机关|发证单位|颁发单位|颁证单位|注册机构|认定机构|主办单位|颁发机构)[:：]?\s*(\S{2,30})"
)
_LABELLED_DATE = re.compile(r"(?:发证日期|颁发日期|颁证日期|注册日期|签发日期|日期|时间)[:：]?")


def extract(doc_type: DocType, text: DocumentText) -> Fields:
    full = text.full
    values: dict[str, object] = {
        "holder": find_holder(doc_type, text),
        "issuer": find_issuer(text),
        "issue_date": find_issue_date(text),
        "grade": find_grade(full),
        "award_category": find_award_category(doc_type, full),
        "rank": find_rank(full),
        "certificate_no": find_certificate_no(full),
        "service_years": find_service_years(full),
        "hours": find_number_before(full, "学时"),
        "credits": find_number_before(full, "学分"),
        "subject": find_subject(full),
        "qualification_kind": find_qualification_kind(full),
        "registration_result": find_registration_result(full),
        "title_rank": find_title_rank(full),
    }
    values["level"] = find_level(values["issuer"], full)  # type: ignore[arg-type]
    allowed = APPLICABLE[doc_type]
    return Fields(**{k: v for k, v in values.items() if k in allowed})


# --- holder -------------------------------------------------------------------------------------------------------
_HOLDER_PATTERNS = [
    re.compile(rf"(?:姓名|持证人|获奖人|获奖者|申报人|参训人|学员)[:：]?\s*({_NAME})"),
    re.compile(rf"(?:指导教师|指导老师|辅导教师)[:：]?\s*({_NAME})"),
    re.compile(rf"(?:兹聘请|兹聘任|授予|兹证明|证明|兹有)\s*({_NAME}?)(?:同志|老师|先生|女士)"),
    re.compile(rf"^({_NAME})\s*(?:同志|老师|教师)\s*[:：]?", re.MULTILINE),
    re.compile(rf"^({_NAME})\s*[:：]\s*$", re.MULTILINE),
    re.compile(rf"^({_NAME})\s*(?:同志)?(?:在|于|参加|被评为|荣获|获得|从事|完成)", re.MULTILINE),
]
# Words that the holder patterns can catch but that are never a person's name.
_NOT_NAMES = {
    "姓名", "性别", "同志", "老师", "教师", "学校", "单位", "证书", "特发此证", "获奖", "荣获", "你在", "该同志",
}


def find_holder(doc_type: DocType, text: DocumentText) -> str | None:
    # On an instructor's certificate the holder is the 指导教师, not the student named first.
    instructor = _HOLDER_PATTERNS[1]
    patterns = [p for p in _HOLDER_PATTERNS if p is not instructor]
    if doc_type == D.instructor_award:
        patterns.insert(0, instructor)
    for pattern in patterns:
        for match in pattern.finditer(text.full):
            name = match.group(1).strip("·")
            if 2 <= len(name) <= 4 and name not in _NOT_NAMES:
                return name
    return None


# --- issuer, date, level ------------------------------------------------------------------------------------------
def find_issuer(text: DocumentText) -> str | None:
    full = text.full
    labelled = _LABELLED_ISSUER.search(full)
    if labelled and _ORG.search(labelled.group(1)):
        return _ORG.search(labelled.group(1)).group(0)  # type: ignore[union-attr]
    # Certificates sign off at the bottom: the lowest organisation lines of the last page, above or beside the date.
    candidates = []
    for line in text.lines:
        match = _ORG.fullmatch(line.text.strip(" ：:")) or _ORG.search(line.text)
        if match and len(match.group(0)) >= 4 and not _is_body_sentence(line.text):
            candidates.append((line.page, line.top, match.group(0)))
    if not candidates:
        return None
    # Several bodies often co-sign one line each; join them in reading order.
    candidates.sort()
    last_page = candidates[-1][0]
    bottom = [c for c in candidates if c[0] == last_page and c[1] >= candidates[-1][1] - 0.12]
    return " ".join(dict.fromkeys(c[2] for c in bottom))


def _is_body_sentence(line: str) -> bool:
    # A sentence that mentions an organisation ("在六盘水市教育局举办的…中") is not the signature block.
    return bool(re.search(r"(在|于|举办|组织|开展|荣获|被评为|参加|中获|特发此证|以资鼓励)", line)) or len(line) > 30


def find_issue_date(text: DocumentText) -> str | None:
    full = text.full
    labelled = _LABELLED_DATE.search(full)
    if labelled:
        dates = find_dates(full[labelled.end() : labelled.end() + 24])
        if dates:
            return dates[0][1]
    dates = find_dates(full)
    # The issue date is the signature date, printed last; earlier dates are contest or birth dates.
    return dates[-1][1] if dates else None


def find_level(issuer: str | None, full: str) -> Level | None:
    from verifier.issuers import infer_level

    if issuer:
        inferred = infer_level(issuer, full)
        if inferred.level is not None:
            return inferred.level
    explicit = re.search(r"(国家|全国|省|自治区|市|州|县|区|乡|镇|校)级", full)
    if explicit:
        return {
            "国家": Level.national, "全国": Level.national, "省": Level.provincial, "自治区": Level.provincial,
            "市": Level.municipal, "州": Level.municipal, "县": Level.county, "区": Level.county,
            "乡": Level.township, "镇": Level.township, "校": Level.school,
        }[explicit.group(1)]
    return None


# --- grade, category, rank --------------------------------------------------------------------------------------
_GRADES = [
    (r"特\s*等\s*奖", Grade.special), (r"[一—-]\s*等\s*奖", Grade.first), (r"二\s*等\s*奖", Grade.second),
    (r"三\s*等\s*奖", Grade.third), (r"优\s*秀\s*奖", Grade.excellent), (r"金\s*[奖牌]", Grade.gold),
    (r"银\s*[奖牌]", Grade.silver), (r"铜\s*[奖牌]", Grade.bronze),
]


def find_grade(full: str) -> Grade | None:
    hits = [(m.start(), grade) for pattern, grade in _GRADES for m in re.finditer(pattern, full)]
    return min(hits)[1] if hits else None


_CATEGORIES = [
    (r"教学成果", AwardCategory.teaching_achievement),
    (r"(教育)?科研(优秀)?成果|科研成果|教育科学研究", AwardCategory.research_achievement),
    (r"优质课|公开课|观摩课|课堂教学(竞赛|评比|大赛)", AwardCategory.quality_lesson),
    (r"教学技能|技能(大赛|比赛|竞赛)|教学(能力|基本功)(大赛|比赛|竞赛)", AwardCategory.teaching_skill),
    (r"论文", AwardCategory.paper),
    (r"指导|辅导", AwardCategory.student_contest),
]


def find_award_category(doc_type: DocType, full: str) -> AwardCategory | None:
    if doc_type == D.honor_certificate:
        return AwardCategory.title_honor
    if doc_type == D.instructor_award:
        return AwardCategory.student_contest
    for pattern, category in _CATEGORIES:
        if re.search(pattern, full):
            return category
    return None


_RANK = re.compile(
    r"(?:排名|排序)\s*第?\s*([一二三四五六七八九十\d]{1,3})|第\s*([一二三四五六七八九十\d]{1,3})\s*(?:完成人|作者)"
)


def find_rank(full: str) -> int | None:
    for match in _RANK.finditer(full):
        value = chinese_number(match.group(1) or match.group(2))
        if value and value < 50:
            return value
    return None


# --- numbers and kinds ---------------------------------------------------------------------------------------------
_CERT_NO = re.compile(r"(?:证书编号|证书号码|证书号|编号|证号|No\.?|NO\.?)\s*[:：]?\s*([A-Za-z0-9\-〔〕()（）]{4,32})")


def find_certificate_no(full: str) -> str | None:
    match = _CERT_NO.search(full)
    return match.group(1).strip("-") if match else None


def find_service_years(full: str) -> int | None:
    match = re.search(r"(?:满|教龄|从教|执教)\s*([一二三四五六七八九十\d]{1,4})\s*(?:周)?年", full)
    if match:
        value = chinese_number(match.group(1))
        if value and 5 <= value <= 60:
            return value
    return None


def find_number_before(full: str, unit: str) -> float | None:
    match = re.search(rf"(\d+(?:\.\d+)?|[一二三四五六七八九十百]+)\s*(?:个)?\s*{unit}", full) or re.search(
        rf"{unit}\s*(?:数)?\s*[:：]?\s*(\d+(?:\.\d+)?)", full
    )
    if not match:
        return None
    raw = match.group(1)
    try:
        return float(raw)
    except ValueError:
        value = chinese_number(raw)
        return float(value) if value is not None else None


_SUBJECTS = (
    "语文|数学|英语|物理|化学|生物|历史|地理|道德与法治|思想政治|政治|音乐|美术|体育与健康|体育|信息技术|科学|"
    "心理健康|通用技术|劳动|学前教育|特殊教育"
)


def find_subject(full: str) -> str | None:
    labelled = re.search(rf"(?:任教学科|学科|科目)[:：]?\s*((?:初中|高中|小学|中职)?(?:{_SUBJECTS}))", full)
    if labelled:
        return labelled.group(1)
    loose = re.search(rf"(?:初中|高中|小学|中职)(?:{_SUBJECTS})|(?:{_SUBJECTS})(?=学科|组|教师)", full)
    return loose.group(0) if loose else None


def find_qualification_kind(full: str) -> str | None:
    match = re.search(r"(幼儿园|小学|初级中学|高级中学|中等职业学校实习指导|中等职业学校|高等学校)\s*教师资格", full)
    return f"{match.group(1)}教师资格" if match else None


def find_registration_result(full: str) -> RegistrationResult | None:
    if re.search(r"暂缓注册", full):
        return RegistrationResult.deferred
    if re.search(r"不\s*合\s*格", full):
        return RegistrationResult.fail
    if re.search(r"(注册结论|结论)[:：]?\s*合\s*格|合\s*格", full):
        return RegistrationResult.pass_
    return None


_TITLE_RANKS = [
    ("正高级教师", TitleRank.professor), ("高级教师", TitleRank.senior), ("一级教师", TitleRank.first),
    ("二级教师", TitleRank.second), ("三级教师", TitleRank.third),
]


def find_title_rank(full: str) -> TitleRank | None:
    for word, rank in _TITLE_RANKS:
        if word in full:
            return rank
    return None
