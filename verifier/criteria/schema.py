"""The rule-set format: criteria as data, one YAML file per policy, validated by these models.

A rule set holds clause groups ("须具备下列条件之二": N of M) and clauses. A clause is met by one of its
alternatives (条件之间的"或"); an alternative needs every one of its `needs` (k documents matching a
predicate each, distinct documents across needs). Aggregate clauses (`total`) add up hours instead.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from models.applicant import Applicant
from models.flags import FlagCode
from models.vocab import AwardCategory, DocType, Grade, Level, RegistrationResult, Tier, TitleRank


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_patterns(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"正则表达式无效 {pattern!r}: {exc}") from exc
    return patterns


_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_SPACE_NEAR_CJK = re.compile(rf"(?<={_CJK})\s+|\s+(?={_CJK})")


def _tidy_title(value: str) -> str:
    """YAML folded scalars join lines with a space; Chinese text has none."""
    return _SPACE_NEAR_CJK.sub("", value).strip()


class Window(_Strict):
    """When a document must be dated: 任现职以来 / 近三年 / 自2020年以来 / the verification year."""

    label: str = Field(description="Chinese wording quoted from the policy, e.g. 任现职以来")
    since_current_title: bool = Field(False, description="from applicant.current_title_since")
    since_date: date | None = Field(None, description="from a fixed date, e.g. 2020-01-01 for 自2020年以来")
    years: int | None = Field(None, ge=1, description="the last N years before the evaluation date (近三年 = 3)")
    calendar_year: bool = Field(False, description="the calendar year of the evaluation date (年度验证)")
    previous_year: bool = Field(
        False,
        description="the year before the evaluation's (上一年年度考核): the year the text names before 年度, "
        "else the issue date's year",
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        kinds = [
            self.since_current_title,
            self.since_date is not None,
            self.years is not None,
            self.calendar_year,
            self.previous_year,
        ]
        if sum(kinds) != 1:
            raise ValueError(
                "window needs exactly one of since_current_title, since_date, years, calendar_year, previous_year"
            )
        return self


class Threshold(_Strict):
    """One minimum (level, grade, rank) joined with others by 或: 市（州）级一等奖（排名前5）以上."""

    level: Level = Field(description="minimum level; 以上 includes the level itself")
    grade: Grade | None = Field(None, description="minimum grade at that level; null when any (or no) grade counts")
    max_rank: int | None = Field(None, ge=1, description="排名前 N")
    exact_level: bool = Field(False, description="only this level counts (no higher level)")


class RankRule(_Strict):
    """A different rank limit for documents whose text matches, e.g. team contests (团队赛最多认定到第5人)."""

    text_any: list[str]
    max_rank: int = Field(ge=1)

    _patterns = field_validator("text_any")(_check_patterns)


class Kind(_Strict):
    """A named sub-kind recognised by text (单项技能比赛: 说课, 教学设计 …; 学时: 面授, 校本 …)."""

    name: str
    text_any: list[str]

    _patterns = field_validator("text_any")(_check_patterns)


class Need(_Strict):
    """`count` distinct documents that each match every condition given here."""

    count: int = Field(1, ge=1, description="how many documents (人次, 次, 篇, 项)")
    label: str | None = Field(None, description="plain Chinese name of what is needed, used in `missing`")
    doc_types: list[DocType] = Field(min_length=1)
    award_categories: list[AwardCategory] = Field(default_factory=list, description="any of; empty = any")
    thresholds: list[Threshold] = Field(default_factory=list, description="any of (或); empty = any level/grade")
    max_rank: int | None = Field(None, ge=1, description="rank limit for every document (作者独立或排名第一 = 1)")
    rank_rules: list[RankRule] = Field(default_factory=list)
    text_any: list[str] = Field(default_factory=list, description="regex, at least one must occur in the text")
    text_all: list[str] = Field(default_factory=list, description="regex, every one must occur in the text")
    text_none: list[str] = Field(default_factory=list, description="regex, none may occur in the text")
    issuer_any: list[str] = Field(
        default_factory=list, description="regex on fields.issuer (on the text when the issuer was not read)"
    )
    min_service_years: int | None = Field(None, ge=1)
    registration_results: list[RegistrationResult] = Field(default_factory=list)
    distinct_kinds: list[Kind] = Field(
        default_factory=list, description="each document must be of a different kind (3次不同类别单项比赛)"
    )
    window: Window | None = Field(None, description="overrides the clause window for this need (近三年)")

    _patterns = field_validator("text_any", "text_all", "text_none", "issuer_any")(_check_patterns)

    @model_validator(mode="after")
    def _enough_kinds(self) -> Self:
        if self.distinct_kinds and len(self.distinct_kinds) < self.count:
            raise ValueError(f"distinct_kinds lists {len(self.distinct_kinds)} kinds but count is {self.count}")
        return self


# Facts a rule may ask of the profile beside the profile's own fields, worked out on the evaluation date.
DERIVED_FACTS = {
    "years_in_title": "任现职年限（由任现职时间算至评审年度12月31日）",
    "years_without_head_teacher": "工作期间未担任班主任的年限（教龄减任现职以来班主任年限）",
}


class FactTest(_Strict):
    """One condition on the applicant's profile (models/applicant.py): 任现职以来班主任年限 ≥ 3, 编制 is 编制内 ….

    Exactly one of at_least, below, any_of. A missing fact decides nothing: the clause goes to a reviewer.
    """

    fact: str = Field(description="a profile field (head_teacher_years_since_title …) or years_in_title")
    at_least: float | None = Field(None, description="the fact is ≥ this (不少于、以上、满)")
    below: float | None = Field(None, description="the fact is < this (不足)")
    any_of: list[str] = Field(default_factory=list, description="the fact's value is one of these codes")
    label: str | None = Field(None, description="plain Chinese wording of the condition, for `missing`")

    @model_validator(mode="after")
    def _one_test(self) -> Self:
        if self.fact not in Applicant.model_fields and self.fact not in DERIVED_FACTS:
            raise ValueError(f"unknown profile fact {self.fact!r}")
        if sum([self.at_least is not None, self.below is not None, bool(self.any_of)]) != 1:
            raise ValueError(f"fact {self.fact}: give exactly one of at_least, below, any_of")
        return self


class FactRoute(_Strict):
    """One way to meet a profile clause: every test holds (或 between routes)."""

    label: str | None = None
    all: list[FactTest] = Field(min_length=1)


class Alternative(_Strict):
    """One way to meet a clause; all needs together, each document used once."""

    label: str | None = None
    needs: list[Need] = Field(min_length=1)
    confirm: str | None = Field(
        None, description="a fact beyond the documents a reviewer must confirm (累计担任班主任3年以上)"
    )
    facts: list[FactRoute] = Field(
        default_factory=list,
        description="profile facts this way also needs (或 between routes): false rules it out, unknown leaves "
        "it to a reviewer as `confirm` does",
    )


class Part(_Strict):
    """A per-kind minimum inside a total (集中面授培训不少于120学时)."""

    name: str
    min: float = Field(gt=0)
    text_any: list[str]

    _patterns = field_validator("text_any")(_check_patterns)


class TotalUnit(StrEnum):
    hours = "hours"


class Total(_Strict):
    """Adds up the hours of every matching document in the window (继续教育学时)."""

    doc_types: list[DocType] = Field(default_factory=lambda: [DocType.continuing_education])
    min: float = Field(gt=0, description="minimum total, in hours")
    hours_per_credit: float | None = Field(None, gt=0, description="学分 → 学时 where only credits are printed")
    hours_per_day: float | None = Field(None, gt=0, description="天 → 学时 where only days are printed (每天按6学时)")
    parts: list[Part] = Field(default_factory=list)


class YearlyAttendance(_Strict):
    """Continuing education in every year of the cycle, or the missed years' hours made up (补齐) later, one
    missed year per learning year (000 四（十一）)."""

    doc_types: list[DocType] = Field(default_factory=lambda: [DocType.continuing_education])
    since_year: int = Field(description="first year of the cycle (自2020年以来)")
    through_year: int | None = Field(
        None, description="last year of the cycle the notice asks for; the year before the evaluation's when null"
    )
    make_up_one_per_year: bool = Field(True, description="一个学习年度内只能补一个年度的学时数")


class Clause(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    condition: str | None = Field(
        None,
        description="tier versions of one condition share it and count once toward a group; "
        "default: the id without a .city / .county ending",
    )
    title: str = Field(description="Chinese, quoting the policy")
    source: str = Field(description="seed article, e.g. 004 第十四条（二）8")
    group: str | None = None
    tiers: list[Tier] = Field(default_factory=list, description="empty = every tier")
    target_titles: list[TitleRank] = Field(default_factory=list, description="empty = the group's titles")
    window: Window | None = Field(None, description="overrides the group window")
    alternatives: list[Alternative] = Field(default_factory=list)
    total: Total | None = None
    reviewer: str | None = Field(
        None, description="what a reviewer checks that no document shows; alone it makes the clause needs_reviewer"
    )
    exclusive: bool | None = Field(None, description="one document supports one clause only; null = rule-set default")
    yearly: YearlyAttendance | None = Field(None, description="a certificate in every year of the cycle, or 补齐")
    profile: list[FactRoute] = Field(
        default_factory=list, description="met from the applicant's profile (或 between routes), not from documents"
    )
    only_if: list[FactTest] = Field(
        default_factory=list,
        description="the clause applies only when every test holds (编制内和备案制); an unknown fact keeps it, "
        "and documents missing then go to a reviewer",
    )
    unless: list[FactTest] = Field(
        default_factory=list, description="the clause does not apply when any test holds (参评德育专业的可不要求)"
    )

    _tidy = field_validator("title")(_tidy_title)
    partial_flag: FlagCode | None = Field(
        None, description="flag for documents present when a companion need is missing (MISSING_COMPANION)"
    )

    @property
    def condition_key(self) -> str:
        if self.condition:
            return self.condition
        for ending in (".city", ".county"):
            if self.id.endswith(ending):
                return self.id[: -len(ending)]
        return self.id

    @model_validator(mode="after")
    def _has_a_test(self) -> Self:
        if sum([bool(self.alternatives), self.total is not None, bool(self.profile), self.yearly is not None]) > 1:
            raise ValueError(f"clause {self.id}: use one of alternatives, total, profile or yearly")
        if not (self.alternatives or self.total or self.reviewer or self.profile or self.yearly):
            raise ValueError(f"clause {self.id}: needs alternatives, a total, a profile test or a reviewer note")
        return self


class GroupRole(StrEnum):
    required = "required"  # counts toward eligibility
    exceptional = "exceptional"  # 破格条件: reported, not part of the normal route's eligibility
    informational = "informational"


class Group(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    title: str
    source: str
    required: int | Literal["all"] = Field(description="须具备下列条件之 N; all = every member that applies")
    role: GroupRole = GroupRole.required
    target_titles: list[TitleRank] = Field(default_factory=list, description="empty = every title")
    window: Window | None = None

    _tidy = field_validator("title")(_tidy_title)

    @field_validator("required")
    @classmethod
    def _positive(cls, value: int | str) -> int | str:
        if isinstance(value, int) and value < 1:
            raise ValueError("required must be ≥ 1 or 'all'")
        return value

    def needed(self, applicable: int) -> int:
        """How many member clauses must be met when `applicable` of them apply."""
        return applicable if self.required == "all" else int(self.required)


class RuleSet(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: str
    region: str
    seed: str = Field(description="seed file the clauses quote, e.g. 004_4728061ad28ac206.txt")
    policy: str = Field(
        "", description="the notice's own title, shown to people where the seed file's name would mean nothing"
    )
    description: str = ""
    exclusive: bool = Field(True, description="附则: one document supports one clause only")
    layered_highest_only: bool = Field(True, description="附则: in 层层赛 only the highest-level award counts")
    higher_level_min_grade: Grade | None = Field(
        Grade.third,
        description="an award at a strictly higher level meets a threshold when its grade is at least this; "
        "null = higher levels count only with the threshold's own grade",
    )
    layered_categories: list[AwardCategory] = Field(
        default_factory=lambda: [
            AwardCategory.quality_lesson,
            AwardCategory.teaching_skill,
            AwardCategory.student_contest,
            AwardCategory.paper,
        ]
    )
    needs_target_title: bool = Field(
        True,
        description="eligibility depends on the title applied for; false for checks every teacher passes alike "
        "(年度验证, 定期注册)",
    )
    not_modelled: list[str] = Field(
        default_factory=list,
        description="the notice's conditions no clause checks (学历资历, 师德 …): `eligible` says nothing of them",
    )
    shared: dict[str, Any] = Field(
        default_factory=dict, description="YAML anchors (patterns, thresholds) reused below; not read otherwise"
    )
    groups: list[Group] = Field(default_factory=list)
    clauses: list[Clause] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        group_ids = [g.id for g in self.groups]
        clause_ids = [c.id for c in self.clauses]
        for ids, what in ((group_ids, "group"), (clause_ids, "clause")):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"duplicate {what} ids: {dupes}")
        for clause in self.clauses:
            if clause.group is not None and clause.group not in group_ids:
                raise ValueError(f"clause {clause.id} names unknown group {clause.group!r}")
        for group in self.groups:
            members = [c for c in self.clauses if c.group == group.id]
            for tier in (Tier.city, Tier.county):
                available = [c for c in members if not c.tiers or tier in c.tiers]
                if available and group.required != "all" and len(available) < group.required:
                    raise ValueError(f"group {group.id} requires {group.required} but has {len(available)} for {tier}")
        return self

    @property
    def policy_title(self) -> str:
        """《the notice》: the policy's title, or the rule set's name when the file gives none."""
        return f"《{self.policy or self.name}》"

    def source_text(self, source: str) -> str:
        """A clause's seed article for a person: 004 第十二条（二）1 → 《…实施细则》第十二条（二）1."""
        number = self.seed.split("_", 1)[0]
        rest = source.strip()
        if number and rest.startswith(number):
            rest = rest[len(number) :].strip()
        return f"{self.policy_title}{rest}"

    def group(self, group_id: str | None) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)


class RuleSetInfo(BaseModel):
    id: str
    name: str
    region: str
    seed: str
    policy: str = ""
    clauses: int


def ruleset_json_schema() -> dict[str, Any]:
    """The JSON Schema of a rule-set file (docs/ruleset.schema.json is this, written out)."""
    return RuleSet.model_json_schema()
