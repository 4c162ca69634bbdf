"""The applicant's profile: the facts the notices ask for that no certificate shows.

学历（学位）, years in the current title (from 任现职时间), 教龄, 编制, 班主任 years, weekly 课时, rural service.
A plain model that a roster row (姓名, 申报职称, 层级, 任现职时间, …) fills: every fact is optional, enum facts
also take their Chinese wording (高级教师, 硕士, 编制内), and `from_mapping` reads Chinese column captions. The
criteria treat a condition whose fact is missing as one a reviewer must decide (needs_reviewer), never as met.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from models.vocab import TITLE_RANK_ZH, HighestFirst, Tier, TitleRank


class Education(HighestFirst):
    """Highest education or degree, ordered highest first (004 第九条、第十一条、第十三条)."""

    doctorate = "doctorate"
    master = "master"
    bachelor = "bachelor"
    junior_college = "junior_college"
    secondary_vocational = "secondary_vocational"


EDUCATION_ZH: dict[Education, str] = {
    Education.doctorate: "博士学位",
    Education.master: "硕士学位",
    Education.bachelor: "学士学位或大学本科毕业学历",
    Education.junior_college: "大学专科毕业学历",
    Education.secondary_vocational: "中等职业学校毕业学历",
}


class Staffing(StrEnum):
    """编制: 000 三（六） asks the personnel form only of 编制内 and 备案制 staff."""

    establishment = "establishment"
    filing = "filing"
    other = "other"


STAFFING_ZH: dict[Staffing, str] = {
    Staffing.establishment: "事业单位编制内",
    Staffing.filing: "备案制管理",
    Staffing.other: "编外聘用（劳动合同等）",
}


class Post(StrEnum):
    """The post, or the speciality applied in: 001 三（三）（四） and 004 exempt some from 班主任 and 课时 rules."""

    teaching = "teaching"
    management = "management"
    moral_education = "moral_education"
    research = "research"
    teacher_development = "teacher_development"
    audiovisual = "audiovisual"


POST_ZH: dict[Post, str] = {
    Post.teaching: "教学岗位",
    Post.management: "教育（教学）管理",
    Post.moral_education: "德育",
    Post.research: "教育学、教科研",
    Post.teacher_development: "教师发展中心、师训干训",
    Post.audiovisual: "电化教育",
}


class SchoolStage(StrEnum):
    """The stage taught: 004 第九条、第十一条 allow some education levels only in 初中、小学、幼儿园."""

    kindergarten = "kindergarten"
    primary = "primary"
    junior = "junior"
    senior_high = "senior_high"
    vocational = "vocational"


STAGE_ZH: dict[SchoolStage, str] = {
    SchoolStage.kindergarten: "幼儿园",
    SchoolStage.primary: "小学",
    SchoolStage.junior: "初中",
    SchoolStage.senior_high: "高中",
    SchoolStage.vocational: "中等职业学校",
}


class SchoolArea(StrEnum):
    """Where the school is: 城镇 teachers need rural experience (001 五（二）, 004 第十四条（一）5)."""

    urban = "urban"
    rural = "rural"


SCHOOL_AREA_ZH: dict[SchoolArea, str] = {SchoolArea.urban: "城镇学校", SchoolArea.rural: "乡镇以下（农村）学校"}

TIER_ZH: dict[Tier, str] = {Tier.city: "省、市（州）及所在地", Tier.county: "县、乡（镇）"}

# Chinese wordings a clerk or a roster may give for an enum value, beside the value and its label above.
_SYNONYMS: dict[type[StrEnum], dict[str, str]] = {
    TitleRank: {"三级": "third", "二级": "second", "一级": "first", "高级": "senior", "副高级": "senior",
                "正高级": "professor", "正高": "professor"},
    Tier: {"省市": "city", "市级": "city", "城市": "city", "省、市（州）及所在地": "city", "县乡": "county",
           "县级": "county", "县、乡（镇）": "county", "县乡（镇）": "county"},
    Education: {"博士": "doctorate", "博士研究生": "doctorate", "硕士": "master", "硕士研究生": "master",
                "研究生": "master", "本科": "bachelor", "大学本科": "bachelor", "学士": "bachelor",
                "专科": "junior_college", "大专": "junior_college", "大学专科": "junior_college",
                "中专": "secondary_vocational", "中职": "secondary_vocational", "中等职业学校": "secondary_vocational"},
    Staffing: {"编制内": "establishment", "在编": "establishment", "事业编制": "establishment",
               "备案制": "filing", "编外": "other", "合同制": "other", "聘用": "other"},
    Post: {"教学": "teaching", "管理": "management", "教育管理": "management", "教育教学管理": "management",
           "教科研": "research", "教研": "research", "教育学": "research", "教师发展": "teacher_development",
           "电教": "audiovisual"},
    SchoolStage: {"幼儿": "kindergarten", "学前": "kindergarten", "中职": "vocational", "高中": "senior_high",
                  "普通高中": "senior_high"},
    SchoolArea: {"城镇": "urban", "城市": "urban", "县城": "urban", "农村": "rural", "乡村": "rural",
                 "乡镇": "rural", "乡镇以下": "rural"},
}
_LABELS: dict[type[StrEnum], Mapping[Any, str]] = {
    TitleRank: TITLE_RANK_ZH,
    Tier: TIER_ZH,
    Education: EDUCATION_ZH,
    Staffing: STAFFING_ZH,
    Post: POST_ZH,
    SchoolStage: STAGE_ZH,
    SchoolArea: SCHOOL_AREA_ZH,
}


def parse_choice(kind: type[StrEnum], value: object) -> object:
    """An enum value from its code, its Chinese label or a common Chinese wording; anything else unchanged."""
    if not isinstance(value, str):
        return value
    text = "".join(value.split())
    if not text:
        return None
    if text in kind.__members__.values() or text.lower() in kind.__members__.values():
        return text.lower()
    for member, label in _LABELS[kind].items():
        if text == "".join(label.split()):
            return member.value
    synonyms = _SYNONYMS.get(kind, {})
    if text in synonyms:
        return synonyms[text]
    for suffix in ("教师", "学位", "学历", "毕业", "毕业学历"):
        if text.endswith(suffix) and text[: -len(suffix)] in synonyms:
            return synonyms[text[: -len(suffix)]]
    return value


# The enum facts of the profile and their enums, for the one validator that reads Chinese wordings.
_CHOICES: dict[str, type[StrEnum]] = {
    "target_title": TitleRank,
    "tier": Tier,
    "education": Education,
    "staffing": Staffing,
    "post": Post,
    "stage": SchoolStage,
    "school_area": SchoolArea,
}
_YES = {"是", "有", "y", "yes", "true", "1"}
_NO = {"否", "无", "n", "no", "false", "0"}


class Applicant(BaseModel):
    """Who applies and the facts about them no document shows; each is null when not given."""

    name: str | None = Field(None, description="姓名")
    target_title: TitleRank | None = Field(None, description="申报职称")
    tier: Tier | None = Field(None, description="层级：city 省、市（州）及所在地；county 县、乡（镇）")
    current_title_since: date | None = Field(None, description="任现职时间（取得并受聘现职务的日期）")
    education: Education | None = Field(None, description="最高学历（学位）")
    teaching_years: float | None = Field(None, ge=0, le=60, description="教龄：从事教育教学工作的年限")
    staffing: Staffing | None = Field(None, description="编制：编制内、备案制或编外")
    post: Post | None = Field(None, description="岗位或参评专业")
    stage: SchoolStage | None = Field(None, description="任教学段")
    school_area: SchoolArea | None = Field(None, description="任教学校所在：城镇或乡镇以下（农村）")
    special_education: bool | None = Field(None, description="特殊教育学校、专门学校教师")
    head_teacher_years: float | None = Field(
        None, ge=0, le=60, description="从教以来累计担任班主任（含按规定可计为班主任年限的工作）的年限"
    )
    head_teacher_years_since_title: float | None = Field(
        None, ge=0, le=60, description="取得现职务（任现职）以来担任班主任的年限"
    )
    head_teacher_continuous_years: float | None = Field(
        None, ge=0, le=60, description="从事教学工作以来连续担任班主任或辅导员的最长年限"
    )
    weekly_lessons: float | None = Field(
        None, ge=0, le=60, description="近3年内每年每周课时（取最少的一年；教科研人员为每年平均周课时）"
    )
    rural_service_years: float | None = Field(
        None, ge=0, le=60, description="在乡村学校、农村学校或薄弱学校任教（服务）的年限"
    )
    township_school_years: float | None = Field(None, ge=0, le=60, description="在乡镇以下学校从事教学工作的年限")

    @field_validator(*_CHOICES, mode="before")
    @classmethod
    def _choice(cls, value: object, info: ValidationInfo) -> object:
        return parse_choice(_CHOICES[info.field_name or ""], value)

    @field_validator("special_education", mode="before")
    @classmethod
    def _yes_no(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip().lower()
            if not text:
                return None
            if text in _YES:
                return True
            if text in _NO:
                return False
        return value

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_missing(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @classmethod
    def from_mapping(cls, row: Mapping[str, object]) -> Self:
        """A profile from a mapping keyed by field names or by their Chinese captions (a roster row, a file)."""
        data: dict[str, object] = {}
        for key, value in row.items():
            name = profile_field(str(key))
            if name is not None and value is not None:
                data[name] = value
        return cls.model_validate(data)

    def given(self) -> list[str]:
        """Names of the facts given (not null)."""
        return [name for name in type(self).model_fields if getattr(self, name) is not None]


# Chinese column captions a roster or profile file may use, beside the field names themselves.
APPLICANT_CAPTIONS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "申报人", "申报人姓名"),
    "target_title": ("申报职称", "申报资格", "申报职务"),
    "tier": ("层级", "申报层级", "学校层级"),
    "current_title_since": ("任现职时间", "现职称取得时间", "任现职以来", "聘任现职时间"),
    "education": ("学历", "最高学历", "学历学位", "学位"),
    "teaching_years": ("教龄",),
    "staffing": ("编制", "编制情况"),
    "post": ("岗位", "参评专业", "岗位类别"),
    "stage": ("学段", "任教学段"),
    "school_area": ("学校所在", "城乡", "学校类别"),
    "special_education": ("特殊教育", "特殊教育教师"),
    "head_teacher_years": ("班主任年限", "担任班主任年限"),
    "head_teacher_years_since_title": ("任现职以来班主任年限", "现职以来班主任年限"),
    "head_teacher_continuous_years": ("连续担任班主任年限",),
    "weekly_lessons": ("周课时", "每周课时"),
    "rural_service_years": ("乡村任教年限", "农村任教年限", "薄弱学校任教年限", "乡村学校任教经历"),
    "township_school_years": ("乡镇以下学校任教年限", "乡镇学校教龄"),
}
_FIELD_BY_CAPTION: dict[str, str] = {
    caption: name for name, captions in APPLICANT_CAPTIONS.items() for caption in captions
}


def profile_field(key: str) -> str | None:
    """The profile field a key names (its own name or a Chinese caption); None for any other key."""
    key = "".join(key.split())
    if key in Applicant.model_fields:
        return key
    return _FIELD_BY_CAPTION.get(key)
