"""The Chinese a person reads for every code of the report: flag names, field labels, values, statuses, times.

One vocabulary for the CLI table, the 汇总表, the HTML report and the reviewer pages. The JSON keeps the stable
codes (CONTRACT.md); only what is shown to a person goes through here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum, StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from models.applicant import TIER_ZH
from models.flags import FlagCode
from models.vocab import (
    AWARD_CATEGORY_ZH,
    DOC_TYPE_ZH,
    GRADE_ZH,
    LEVEL_ZH,
    TITLE_RANK_ZH,
    AwardCategory,
    ClauseStatus,
    DocType,
    Grade,
    Level,
    RegistrationResult,
    Severity,
    Tier,
    TitleRank,
    Verdict,
)

E = TypeVar("E", bound=StrEnum)
DEFAULT_TIMEZONE = "Asia/Shanghai"
NONE = "—"

# A short name per flag, as a clerk would say it; the flag's message says the rest.
FLAG_NAME_ZH: dict[FlagCode, str] = {
    FlagCode.EMPTY_FILE: "空文件",
    FlagCode.UNSUPPORTED_FORMAT: "格式不支持",
    FlagCode.CORRUPT_FILE: "文件损坏",
    FlagCode.FILE_TOO_LARGE: "文件过大",
    FlagCode.IMAGE_TOO_LARGE: "图片过大",
    FlagCode.ENCRYPTED_PDF: "PDF已加密",
    FlagCode.UNREADABLE: "无法识别文字",
    FlagCode.BLURRY: "图片不清晰",
    FlagCode.LOW_RESOLUTION: "分辨率过低",
    FlagCode.TOO_DARK: "图片过暗",
    FlagCode.OVEREXPOSED: "图片过曝",
    FlagCode.GLARE: "反光遮挡",
    FlagCode.NOT_UPRIGHT: "未正向上传",
    FlagCode.SKEWED: "图片倾斜",
    FlagCode.INCOMPLETE: "内容不完整",
    FlagCode.PHOTOCOPY: "疑似复印件",
    FlagCode.SCREEN_RECAPTURE: "疑似翻拍屏幕",
    FlagCode.NO_SEAL: "未见公章",
    FlagCode.UNKNOWN_TYPE: "无关材料",
    FlagCode.WRONG_COLUMN: "栏目不符",
    FlagCode.HOLDER_MISMATCH: "持有人不符",
    FlagCode.DATE_OUT_OF_WINDOW: "时间不在范围内",
    FlagCode.MISSING_COMPANION: "缺少配套材料",
    FlagCode.TRANSLATION_REQUIRED: "须附中文翻译",
    FlagCode.HOURS_MISSING: "未注明学时",
    FlagCode.DUPLICATE_EXACT: "重复上传",
    FlagCode.DUPLICATE_NEAR: "一证多传",
    FlagCode.DUPLICATE_ACROSS_APPLICANTS: "与他人材料重复",
    FlagCode.LOWER_LEVEL_SAME_PROJECT: "层层赛低级别奖项",
    FlagCode.SEVERAL_DOCUMENTS: "一个文件含多份证书",
    FlagCode.TYPE_UNCERTAIN: "证书类型待核",
    FlagCode.PROCESSING_TIMEOUT: "处理超时",
}

FIELD_LABEL_ZH: dict[str, str] = {
    "holder": "持有人",
    "issuer": "发证机关",
    "issue_date": "发证日期",
    "level": "级别",
    "grade": "等次",
    "award_category": "奖项类别",
    "rank": "排名",
    "certificate_no": "证书编号",
    "service_years": "教龄（年）",
    "hours": "学时",
    "credits": "学分",
    "subject": "学科",
    "qualification_kind": "资格种类",
    "registration_result": "注册结论",
    "title_rank": "职称等级",
}

REGISTRATION_RESULT_ZH: dict[RegistrationResult, str] = {
    RegistrationResult.pass_: "合格",
    RegistrationResult.fail: "不合格",
    RegistrationResult.deferred: "暂缓注册",
}

VERDICT_ZH: dict[Verdict, str] = {Verdict.accept: "通过", Verdict.review: "需复核", Verdict.reject: "不通过"}

CLAUSE_STATUS_ZH: dict[ClauseStatus, str] = {
    ClauseStatus.satisfied: "满足",
    ClauseStatus.not_satisfied: "未满足",
    ClauseStatus.needs_reviewer: "待复核",
}

SEVERITY_ZH: dict[Severity, str] = {Severity.error: "错误", Severity.warn: "提示"}

# Field → the enum its value is a code of, and that enum's Chinese.
_VALUE_ZH: dict[str, dict[str, str]] = {
    "level": {k.value: v for k, v in LEVEL_ZH.items()},
    "grade": {k.value: v for k, v in GRADE_ZH.items()},
    "award_category": {k.value: v for k, v in AWARD_CATEGORY_ZH.items()},
    "registration_result": {k.value: v for k, v in REGISTRATION_RESULT_ZH.items()},
    "title_rank": {k.value: v for k, v in TITLE_RANK_ZH.items()},
}


def _code(value: object) -> str:
    return value.value if isinstance(value, Enum) else str(value)


def flag_name(code: FlagCode | str) -> str:
    return _name(FLAG_NAME_ZH, FlagCode, code)


def field_label(key: str) -> str:
    return FIELD_LABEL_ZH.get(key, key)


def field_value(key: str, value: object) -> str:
    """A field's value as a person reads it: codes in Chinese, numbers plain, nothing as —."""
    if value is None or value == "":
        return NONE
    table = _VALUE_ZH.get(key)
    if table is not None:
        return table.get(_code(value), _code(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def doc_type_name(code: DocType | str | None) -> str:
    return _name(DOC_TYPE_ZH, DocType, code)


def level_name(code: Level | str | None) -> str:
    return field_value("level", code)


def grade_name(code: Grade | str | None) -> str:
    return field_value("grade", code)


def award_category_name(code: AwardCategory | str | None) -> str:
    return field_value("award_category", code)


def title_rank_name(code: TitleRank | str | None) -> str:
    return field_value("title_rank", code)


def _name(table: dict[E, str], enum: type[E], code: object) -> str:
    if code is None or code == "":
        return NONE
    try:
        return table[enum(_code(code))]
    except ValueError:
        return str(code)


def tier_name(code: Tier | str | None) -> str:
    return _name(TIER_ZH, Tier, code)


def verdict_name(code: Verdict | str) -> str:
    return _name(VERDICT_ZH, Verdict, code)


def clause_status_name(code: ClauseStatus | str) -> str:
    return _name(CLAUSE_STATUS_ZH, ClauseStatus, code)


def eligibility_name(eligible: bool | None, evaluated: bool = True) -> str:
    """评审条件: met, not met, or open (no target title, or clauses a reviewer must still confirm)."""
    if not evaluated:
        return "未评估"
    if eligible is None:
        return "待复核"
    return "符合" if eligible else "不符合"


def flag_value(value: object) -> str:
    """A flag's measured value: a number as measured, a document type's code in Chinese."""
    if value is None:
        return NONE
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    return DOC_TYPE_ZH[DocType(text)] if text in DocType.__members__ else text


def local_time(moment: datetime | None, timezone: str = DEFAULT_TIMEZONE, seconds: bool = False) -> str:
    """A stored UTC moment in the office's time zone (naive moments are UTC, as SQLite returns them)."""
    if moment is None:
        return NONE
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(DEFAULT_TIMEZONE)
    return aware.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def date_text(value: date | str | None) -> str:
    if value is None or value == "":
        return NONE
    return value.isoformat() if isinstance(value, date) else str(value)


def visible_codes() -> set[str]:
    """Every code a person must never see raw: flag codes, field keys, enum values (tests scan pages for them)."""
    codes = {c.value for c in FlagCode} | set(FIELD_LABEL_ZH)
    for enum in (DocType, Level, Grade, AwardCategory, RegistrationResult, TitleRank, Verdict, ClauseStatus, Tier):
        codes |= {member.value for member in enum}
    return codes
