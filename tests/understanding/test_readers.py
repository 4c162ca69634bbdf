"""The small readers behind extraction: names, partly lost years, body-name repair, grades and ranks."""

from __future__ import annotations

import pytest

from models.vocab import AwardCategory, Grade
from verifier.understand.awards import find_award_category, find_grade, find_project_rank, find_rank
from verifier.understand.dates import dates_in
from verifier.understand.names import is_person_name
from verifier.understand.signature import repair_body_name


@pytest.mark.parametrize("text", ["张晓梅", "欧阳明", "王芳", "阿依古丽·买买提", "张王丽华"])
def test_names(text: str) -> None:
    assert is_person_name(text)


@pytest.mark.parametrize("text", ["申报人", "全体", "以下", "教师", "数学", "特发此证", "张三的"])
def test_words_that_are_not_names(text: str) -> None:
    assert not is_person_name(text)


@pytest.mark.parametrize(
    ("line", "context", "iso"),
    [
        ("二〇二三年七月十三日", "", "2023-07-13"),
        ("二二年六月十四日", "", "2022-06-14"),  # 二〇二二: 〇 dropped, repeated 二 merged
        ("二〇四年十一月三日", "于2014年立项", "2014-11-03"),  # 一 dropped
        ("三年五月二十三日", "参加2013年比赛", "2013-05-23"),  # the start hidden by the seal
        ("2019年11月8", "", "2019-11-08"),  # 日 cut off at the edge
        ("January 21, 2022", "", "2022-01-21"),
    ],
)
def test_dates_as_ocr_reads_them(line: str, context: str, iso: str) -> None:
    assert dates_in(line, context)[-1][1] == iso


def test_a_lone_numeral_is_no_year_without_a_year_in_the_text() -> None:
    assert dates_in("三年五月二十三日", "") == []
    assert dates_in("聘期一年", "") == []


@pytest.mark.parametrize(
    ("read", "context", "repaired"),
    [
        ("六盘水市教肓局", "", "六盘水市教育局"),
        ("宜春市袁州区人资源和社会保障局", "", "宜春市袁州区人力资源和社会保障局"),
        ("山西省人力资源社会保障厅", "", "山西省人力资源社会保障厅"),  # both forms are printed
        ("体育局", "", "体育局"),  # another body, not a misread 教育局
        ("六盘永市教育局", "在六盘水市举办的", "六盘水市教育局"),
        ("南市教育局", "荣获渭南市2023年骨干教师称号", "渭南市教育局"),
        ("资源四川省教育厅", "", "四川省教育厅"),  # seal ring characters read into the name
        ("贵州省六盘水市教育局", "", "贵州省六盘水市教育局"),  # a parent place is part of the name
        ("中共六盘水市委", "", "中共六盘水市委"),
    ],
)
def test_body_name_repair(read: str, context: str, repaired: str) -> None:
    assert repair_body_name(read, context) == repaired


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("荣获壹等奖", Grade.first),
        ("获得特等奖", Grade.special),
        ("荣获铜牌", Grade.bronze),
        ("荣获优秀奖", Grade.excellent),
    ],
)
def test_grades(text: str, grade: Grade) -> None:
    assert find_grade(text) == grade


def test_a_works_title_does_not_decide_the_kind_of_award() -> None:
    text = "你的论文《基于优质课的课堂教学评价研究》在2020年教育教学论文评比中荣获一等奖"
    assert find_award_category(text) == AwardCategory.paper


@pytest.mark.parametrize(
    ("text", "rank"), [("（排名第三）", 3), ("第二完成人", 2), ("第1作者", 1), ("荣获第一名", None)]
)
def test_ranks(text: str, rank: int | None) -> None:
    assert find_rank(text) == rank


def test_project_rank_follows_the_member_list() -> None:
    text = "马风同志主持的课题《乡村学校阅读教学研究》经专家组鉴定，准予结题。课题组成员：马风、谢斌、曹辉、张飞"
    assert find_project_rank("张飞", text) == 4
    assert find_project_rank("马风", text) == 1
    assert find_project_rank("李四", text) is None


def test_project_leader_ranks_first_without_a_member_list() -> None:
    assert find_project_rank("黄明莹", "经评审，黄明莹同志申报的课题《…》被批准为立项课题") == 1
