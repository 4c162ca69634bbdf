"""申报人名单 and the profile words clerks write: Chinese or codes, dates as offices write them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from models.applicant import Education
from models.vocab import Tier, TitleRank
from verifier.clerk.profile import parse_since, parse_tier, parse_title
from verifier.clerk.roster import read_roster
from verifier.errors import UsageError


@pytest.mark.parametrize(
    ("text", "rank"),
    [("高级教师", TitleRank.senior), ("中小学一级教师", TitleRank.first), ("正高级教师", TitleRank.professor),
     ("senior", TitleRank.senior), ("二级", TitleRank.second), ("", None)],
)
def test_titles_in_chinese_or_codes(text: str, rank: TitleRank | None) -> None:
    assert parse_title(text) == rank


def test_tiers_and_dates() -> None:
    assert parse_tier("县、乡（镇）") == Tier.county and parse_tier("省、市（州）及所在地") == Tier.city
    assert parse_tier("county") == Tier.county
    assert parse_since("2018年9月") == date(2018, 9, 1)
    assert parse_since("2018.09.15") == date(2018, 9, 15)
    assert parse_since("2018-09-01") == date(2018, 9, 1)
    with pytest.raises(UsageError, match="任现职时间"):
        parse_since("去年")
    with pytest.raises(UsageError, match="third 三级教师 / second 二级教师 / first 一级教师 / senior"):
        parse_title("教授")


def test_xlsx_roster_with_a_title_row_and_a_rule_set_line(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["某中学2024年职称申报人名单"])
    sheet.append(["规则集：liupanshui-2024"])
    sheet.append(["序号", "姓名", "申报职称", "层级", "任现职时间", "文件夹", "学历", "班主任年限", "周课时"])
    sheet.append([1, "张 晓梅", "高级教师", "县乡", date(2018, 9, 1), None, "硕士", 4, 12])
    sheet.append([2, "王芳", "一级教师", "省市及所在地", "2019年3月", "王芳（语文组）", None, None, None])
    sheet.append([None] * 9)
    path = tmp_path / "名单.xlsx"
    workbook.save(path)
    first, second = read_roster(path)
    profile = first.profile
    assert (profile.name, profile.target_title, profile.tier, profile.current_title_since) == (
        "张晓梅", TitleRank.senior, Tier.county, date(2018, 9, 1))
    assert (profile.education, profile.head_teacher_years, profile.weekly_lessons) == (Education.master, 4, 12)
    assert first.ruleset == second.ruleset == "liupanshui-2024"
    assert second.folder_name == "王芳（语文组）" and second.profile.current_title_since == date(2019, 3, 1)


def test_gbk_csv_roster_and_errors_name_the_row(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_bytes("姓名,申报职称,任现职时间\n李明,高级教师,2017-08-01\n赵丽,一级,不详\n".encode("gb18030"))
    with pytest.raises(UsageError, match="第 3 行（赵丽）"):
        read_roster(path)
    path.write_bytes("姓名,申报职称\n李明,高级教师\n李明,一级\n".encode("gb18030"))
    with pytest.raises(UsageError, match="重复"):
        read_roster(path)
    path.write_bytes("姓名,申报职称,周课时\n李明,高级教师,很多\n".encode("gb18030"))
    with pytest.raises(UsageError, match="第 2 行（李明）：weekly_lessons"):
        read_roster(path)
    path.write_text("编号,职称\n1,高级\n", encoding="utf-8")
    with pytest.raises(UsageError, match="姓名"):
        read_roster(path)


def test_applicant_folders_are_told_from_columns(tmp_path: Path) -> None:
    from verifier.clerk.school import applicant_like_folders

    for path in ("学校/王五/继续教育/a.pdf", "学校/李四/获奖证书/b.pdf", "学校/获奖证书/c.pdf"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"x")
    assert applicant_like_folders(tmp_path / "学校") == ["李四", "王五"]
    for path in ("材料/获奖证书/2023年/a.pdf", "材料/2023年/获奖证书/b.pdf", "材料/继续教育/c.pdf"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"x")
    assert applicant_like_folders(tmp_path / "材料") == []
