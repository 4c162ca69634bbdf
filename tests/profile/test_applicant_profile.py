"""The applicant's profile: a plain model a roster row, a profile file, CLI facts or the API's JSON can fill."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from models.applicant import Applicant, Education, Post, SchoolArea, Staffing
from models.vocab import Tier, TitleRank
from verifier.profile import InvalidProfile, build_profile, parse_facts, parse_profile_json, read_profile_file


def test_a_roster_row_with_chinese_captions_and_wordings_fills_the_profile() -> None:
    row = {
        "姓名": "张 三",
        "申报职称": "高级教师",
        "层级": "县、乡（镇）",
        "任现职时间": "2018-09-01",
        "学历": "硕士研究生",
        "编制": "编制内",
        "班主任年限": "4",
        "周课时": "12",
        "学校所在": "农村",
        "备注": "not a profile fact: ignored by from_mapping",
    }
    profile = Applicant.from_mapping(row)
    assert profile.target_title == TitleRank.senior and profile.tier == Tier.county
    assert profile.current_title_since == date(2018, 9, 1)
    assert profile.education == Education.master and profile.staffing == Staffing.establishment
    assert profile.head_teacher_years == 4 and profile.weekly_lessons == 12
    assert profile.school_area == SchoolArea.rural
    assert set(profile.given()) >= {"name", "education", "weekly_lessons"}


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("target_title", "一级教师", TitleRank.first),
        ("target_title", "正高级", TitleRank.professor),
        ("target_title", "senior", TitleRank.senior),
        ("education", "本科", Education.bachelor),
        ("education", "大学专科毕业学历", Education.junior_college),
        ("education", "博士学位", Education.doctorate),
        ("staffing", "备案制", Staffing.filing),
        ("post", "德育", Post.moral_education),
        ("special_education", "是", True),
        ("special_education", "否", False),
        ("weekly_lessons", "", None),
    ],
)
def test_values_take_codes_chinese_labels_and_common_wordings(field: str, value: str, expected: object) -> None:
    assert getattr(Applicant.model_validate({field: value}), field) == expected


def test_education_is_ordered_and_above_includes_itself() -> None:
    assert Education.doctorate.at_least(Education.master)
    assert Education.master.at_least(Education.master)
    assert not Education.bachelor.at_least(Education.master)


def test_a_value_a_fact_cannot_take_is_refused() -> None:
    with pytest.raises(ValidationError):
        Applicant.model_validate({"education": "小学文化"})
    with pytest.raises(ValidationError):
        Applicant.model_validate({"weekly_lessons": -1})


def test_cli_sources_override_in_order_and_unknown_keys_are_usage_errors(tmp_path: Path) -> None:
    file = tmp_path / "profile.yaml"
    file.write_text("姓名: 李四\n学历: 本科\nweekly_lessons: 10\n", encoding="utf-8")
    profile = build_profile([read_profile_file(file), parse_facts(["学历=硕士"]), {"tier": "city", "name": None}])
    assert profile is not None
    assert (profile.name, profile.education, profile.weekly_lessons, profile.tier) == (
        "李四", Education.master, 10, Tier.city,
    )
    assert build_profile([{}, {"name": None}]) is None
    with pytest.raises(InvalidProfile, match="身高"):
        build_profile([{"身高": "180"}])
    with pytest.raises(InvalidProfile, match="education"):
        build_profile([{"education": "幼儿园"}])
    with pytest.raises(InvalidProfile):
        parse_profile_json("[1, 2]")
    with pytest.raises(InvalidProfile):
        parse_facts(["学历"])
