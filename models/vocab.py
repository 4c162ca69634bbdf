"""The stable vocabulary of the report (shared CONTRACT.md): codes never change meaning."""

from __future__ import annotations

from enum import StrEnum


class DocType(StrEnum):
    award_certificate = "award_certificate"
    honor_certificate = "honor_certificate"
    instructor_award = "instructor_award"
    teaching_service_honor = "teaching_service_honor"
    teacher_qualification = "teacher_qualification"
    qualification_registration = "qualification_registration"
    continuing_education = "continuing_education"
    title_certificate = "title_certificate"
    appointment_letter = "appointment_letter"
    academic_certificate = "academic_certificate"
    research_project = "research_project"
    publication = "publication"
    commendation_document = "commendation_document"
    personnel_form = "personnel_form"
    job_description = "job_description"
    publicity_form = "publicity_form"
    assessment_record = "assessment_record"
    other = "other"


DOC_TYPE_ZH: dict[DocType, str] = {
    DocType.award_certificate: "获奖证书",
    DocType.honor_certificate: "荣誉称号证书",
    DocType.instructor_award: "指导学生获奖证书",
    DocType.teaching_service_honor: "教龄荣誉证书",
    DocType.teacher_qualification: "教师资格证书",
    DocType.qualification_registration: "教师资格定期注册页",
    DocType.continuing_education: "继续教育证书",
    DocType.title_certificate: "职称证书",
    DocType.appointment_letter: "聘书",
    DocType.academic_certificate: "毕业证书/学位证书",
    DocType.research_project: "课题立项/结题证书",
    DocType.publication: "论文发表材料",
    DocType.commendation_document: "表彰文件",
    DocType.personnel_form: "事业单位人员登记表",
    DocType.job_description: "岗位说明书",
    DocType.publicity_form: "推荐考核结果公示表",
    DocType.assessment_record: "年度考核证明",
    DocType.other: "其他",
}


class HighestFirst(StrEnum):
    """An enum whose members are declared highest first; `rank` gives a comparable number (higher is better)."""

    @property
    def rank(self) -> int:
        members = list(type(self))
        return len(members) - members.index(self)

    def at_least(self, other: HighestFirst) -> bool:
        """"以上" includes the level itself."""
        return self.rank >= other.rank


class Level(HighestFirst):
    """Ordered highest first."""

    national = "national"
    provincial = "provincial"
    municipal = "municipal"
    county = "county"
    township = "township"
    school = "school"


LEVEL_ORDER: list[Level] = list(Level)

LEVEL_ZH: dict[Level, str] = {
    Level.national: "国家级",
    Level.provincial: "省级",
    Level.municipal: "市（州）级",
    Level.county: "县（市、区）级",
    Level.township: "乡（镇）级",
    Level.school: "校（园）级",
}


class Grade(StrEnum):
    """Ordered highest first."""

    special = "special"
    first = "first"
    second = "second"
    third = "third"
    excellent = "excellent"
    gold = "gold"
    silver = "silver"
    bronze = "bronze"

    @property
    def rank(self) -> int:
        return GRADE_RANK[self]

    def at_least(self, other: Grade) -> bool:
        return self.rank >= other.rank


# Medals sit beside the prize grades: gold ~ first, silver ~ second, bronze ~ third.
GRADE_RANK: dict[Grade, int] = {
    Grade.special: 60,
    Grade.first: 50,
    Grade.gold: 50,
    Grade.second: 40,
    Grade.silver: 40,
    Grade.third: 30,
    Grade.bronze: 30,
    Grade.excellent: 20,
}

GRADE_ZH: dict[Grade, str] = {
    Grade.special: "特等奖",
    Grade.first: "一等奖",
    Grade.second: "二等奖",
    Grade.third: "三等奖",
    Grade.excellent: "优秀奖",
    Grade.gold: "金牌",
    Grade.silver: "银牌",
    Grade.bronze: "铜牌",
}


class AwardCategory(StrEnum):
    teaching_achievement = "teaching_achievement"
    research_achievement = "research_achievement"
    quality_lesson = "quality_lesson"
    teaching_skill = "teaching_skill"
    paper = "paper"
    student_contest = "student_contest"
    title_honor = "title_honor"


AWARD_CATEGORY_ZH: dict[AwardCategory, str] = {
    AwardCategory.teaching_achievement: "优秀教学成果奖",
    AwardCategory.research_achievement: "教育科研优秀成果奖",
    AwardCategory.quality_lesson: "优质课竞赛",
    AwardCategory.teaching_skill: "教师教学技能比赛",
    AwardCategory.paper: "论文评比",
    AwardCategory.student_contest: "学生竞赛",
    AwardCategory.title_honor: "荣誉称号",
}


class RegistrationResult(StrEnum):
    pass_ = "pass"
    fail = "fail"
    deferred = "deferred"


class TitleRank(StrEnum):
    third = "third"
    second = "second"
    first = "first"
    senior = "senior"
    professor = "professor"


TITLE_RANK_ZH: dict[TitleRank, str] = {
    TitleRank.third: "三级教师",
    TitleRank.second: "二级教师",
    TitleRank.first: "一级教师",
    TitleRank.senior: "高级教师",
    TitleRank.professor: "正高级教师",
}


class Severity(StrEnum):
    error = "error"
    warn = "warn"


class Verdict(StrEnum):
    accept = "accept"
    review = "review"
    reject = "reject"


class Tier(StrEnum):
    city = "city"
    county = "county"


class ClauseStatus(StrEnum):
    satisfied = "satisfied"
    not_satisfied = "not_satisfied"
    # Extension: the clause needs facts no document can show (e.g. years taught in a township).
    needs_reviewer = "needs_reviewer"
