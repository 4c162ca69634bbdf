"""An applicant's profile as clerks write it: 高级教师 or senior, 县乡 or county, 2018年9月 or 2018-09-01."""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from models.vocab import TITLE_RANK_ZH, Tier, TitleRank
from models.zh import TIER_ZH
from verifier.errors import UsageError

E = TypeVar("E", bound=StrEnum)

# 正高级 before 高级, 一级 before 三级: the longer word decides.
_TITLE_WORDS: list[tuple[str, TitleRank]] = [
    ("正高级", TitleRank.professor),
    ("正高", TitleRank.professor),
    ("高级", TitleRank.senior),
    ("副高", TitleRank.senior),
    ("一级", TitleRank.first),
    ("中级", TitleRank.first),
    ("二级", TitleRank.second),
    ("初级", TitleRank.second),
    ("三级", TitleRank.third),
]
_TIER_WORDS: list[tuple[str, Tier]] = [
    ("县", Tier.county),
    ("乡", Tier.county),
    ("镇", Tier.county),
    ("农村", Tier.county),
    ("省", Tier.city),
    ("市", Tier.city),
    ("州", Tier.city),
    ("城", Tier.city),
]


def title_choices() -> str:
    """Every choice, spaced so a narrow terminal wraps between them instead of cutting one off."""
    return " / ".join(f"{rank.value} {zh}" for rank, zh in TITLE_RANK_ZH.items())


def tier_choices() -> str:
    return " / ".join(f"{tier.value} {zh}" for tier, zh in TIER_ZH.items())


def _parse(text: str | None, enum: type[E], words: list[tuple[str, E]], what: str, choices: str) -> E | None:
    value = "".join((text or "").split())
    if not value:
        return None
    if value.lower() in enum.__members__:
        return enum(value.lower())
    for word, member in words:
        if word in value:
            return member
    raise UsageError(f"无法识别的{what}「{text}」，可填：{choices}")


def parse_title(text: str | None) -> TitleRank | None:
    """申报职称 as a code (senior) or in Chinese (高级教师, 中小学高级教师, 副高级)."""
    return _parse(text, TitleRank, _TITLE_WORDS, "申报职称", title_choices())


def parse_tier(text: str | None) -> Tier | None:
    """层级 as a code (city/county) or in Chinese (县、乡（镇）; 省、市（州）及所在地)."""
    return _parse(text, Tier, _TIER_WORDS, "层级", tier_choices())


_DATE = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2})\s*日?)?\s*月?$")


def parse_since(value: object) -> date | None:
    """任现职时间: a spreadsheet date, 2018-09-01, 2018.9, 2018年9月 (the 1st of the month when no day)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    found = _DATE.match(text)
    if found:
        year, month, day = int(found.group(1)), int(found.group(2)), int(found.group(3) or 1)
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise UsageError(f"任现职时间「{text}」应为日期，如 2018-09-01 或 2018年9月")
