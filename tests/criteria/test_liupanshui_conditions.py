"""liupanshui-2024 (004) against its own sentences where the clause catalogue used to read more into them or less."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from models.evidence import Evidence
from models.report import Applicant, Fields
from models.vocab import AwardCategory, ClauseStatus
from verifier.criteria import evaluate, load_ruleset
from verifier.criteria.layered import find_lower_level_awards

SAT, NOT, REV = ClauseStatus.satisfied, ClauseStatus.not_satisfied, ClauseStatus.needs_reviewer
AS_OF = date(2024, 6, 30)
_counter = iter(range(10_000))


def ev(doc_type: str, text: str = "", **fields: Any) -> Evidence:
    fields.setdefault("holder", "张三")
    fields.setdefault("issue_date", "2022-05-01")
    return Evidence(file=f"{next(_counter):04d}.jpg", doc_type=doc_type, text=text, fields=Fields(**fields))


def award(category: str, level: str, grade: str, text: str = "", **fields: Any) -> Evidence:
    return ev("award_certificate", text, award_category=category, level=level, grade=grade, **fields)


def person(title: str = "first", tier: str | None = "city", **facts: Any) -> Applicant:
    return Applicant(name="张三", target_title=title, tier=tier, current_title_since=date(2018, 9, 1), **facts)


def run(docs: list[Evidence], applicant: Applicant):
    return evaluate(load_ruleset("liupanshui-2024"), docs, applicant, as_of=AS_OF)


def status(result, clause_id: str) -> ClauseStatus:
    return next(c.status for c in result.clauses if c.id == clause_id)


# --- one condition, two tier versions


def test_without_a_tier_one_condition_is_not_counted_twice() -> None:
    # 第十二条（二）"须具备下列条件之二": the city and county wordings of condition 1 are one condition
    docs = [
        award("quality_lesson", "municipal", "second", "《圆》优质课"),
        award("quality_lesson", "county", "second", "《函数》优质课"),
    ]
    result = run(docs, person(tier=None))
    group = next(g for g in result.groups if g.id == "first.performance")
    assert group.satisfied <= 1
    assert result.eligible is not True


def test_without_a_tier_eligibility_holds_only_when_both_tiers_agree() -> None:
    docs = [
        award("quality_lesson", "municipal", "second", "《圆》优质课"),  # condition 1 in both tiers
        ev("appointment_letter", "兹聘请张三同志担任中考数学学科命题工作", level="municipal"),  # condition 7
    ]
    assert run(docs, person(tier="city")).eligible is True
    assert run(docs, person(tier="county")).eligible is True
    assert run(docs, person(tier=None)).eligible is True


# --- 层层赛 across years


def guide(level: str, grade: str, student: str, year: int, contest: str = "全国青少年科技创新大赛") -> Evidence:
    return ev(
        "instructor_award",
        f"指导学生：{student} 在{year}年{contest}中获奖 指导教师：张三",
        level=level,
        grade=grade,
        rank=1,
        award_category="student_contest",
        issue_date=f"{year}-06-01",
    )


def test_same_students_contest_in_another_year_keeps_only_the_highest() -> None:
    # 第十二条（二）4（4）"指导同一学生参加同一类别、同一项目的不同级别比赛，取最高级别奖项为业绩成果"
    county = guide("county", "first", "李小明", 2021)
    city = guide("municipal", "first", "李小明", 2022)
    lower = find_lower_level_awards([county, city], list(AwardCategory))
    assert [award.file for award in lower] == [county.file]


def test_different_students_are_different_projects() -> None:
    lower = find_lower_level_awards(
        [guide("county", "first", "李小明", 2021), guide("municipal", "first", "王小红", 2022)], list(AwardCategory)
    )
    assert lower == []


def test_same_lesson_promoted_a_level_next_year_counts_once() -> None:
    # 附则 "按照“层层赛”的方式，逐级组织评选推荐的比赛，同一项目不同等级获奖的，以最高级别获奖予以认定"
    a = award("quality_lesson", "county", "first", "执教的《一元二次方程》荣获优质课一等奖", issue_date="2021-11-01")
    b = award(
        "quality_lesson", "municipal", "second", "执教的《一元二次方程》荣获优质课二等奖", issue_date="2022-04-01"
    )
    assert [x.file for x in find_lower_level_awards([a, b], list(AwardCategory))] == [a.file]


# --- team contests, 基本功


def skill(text: str, level: str = "municipal", grade: str = "first", **fields: Any) -> Evidence:
    return award("teaching_skill", level, grade, text, **fields)


def test_one_team_contest_award_is_not_a_teaching_skill_award() -> None:
    # 第十二条（二）1（4）"教育教学团体技能比赛2次不同类别可按1次…计算（只认可排名前3的核心成员）"
    result = run([skill("教师团体教学技能比赛 团体一等奖", rank=1)], person())
    assert status(result, "first.performance.1.city") == NOT


def test_two_team_contests_of_different_kinds_count_once_for_the_top_three() -> None:
    docs = [skill("教师团体说课比赛 团体一等奖", rank=2), skill("教师团体课件制作比赛 团体一等奖", rank=3)]
    assert status(run(docs, person()), "first.performance.1.city") == SAT
    docs = [skill("教师团体说课比赛 团体一等奖", rank=2), skill("教师团体课件制作比赛 团体一等奖", rank=4)]
    assert status(run(docs, person()), "first.performance.1.city") == NOT


@pytest.mark.parametrize("kind", ["舞蹈", "钢琴", "声乐", "器乐", "合唱", "弹唱", "讲故事", "三字一画"])
def test_a_single_basic_skill_award_is_not_a_teaching_skill_award(kind: str) -> None:
    # 第十二条（二）1（4）"基本功技能比赛，如弹、唱、跳、讲和“三字一画一话”比赛，2次不同类别…折算为1次"
    result = run([skill(f"教师{kind}比赛 一等奖")], person())
    assert status(result, "first.performance.1.city") == NOT


def test_two_basic_skill_awards_of_different_kinds_count_once() -> None:
    docs = [skill("教师基本功舞蹈比赛 一等奖"), skill("教师基本功钢琴比赛 一等奖")]
    assert status(run(docs, person()), "first.performance.1.city") == SAT


def test_basic_skill_awards_are_for_first_level_only() -> None:
    # "基本功技能比赛仅限于申报一级教师任职资格"
    docs = [skill("教师基本功舞蹈比赛", "provincial", "first"), skill("教师基本功钢琴比赛", "provincial", "first")]
    assert status(run(docs, person("senior")), "senior.performance.1.city") == NOT


# --- 命题: 重要考试 only


@pytest.mark.parametrize(
    ("exam", "expected"),
    [
        ("中考", SAT),
        ("高考适应性考试", SAT),
        ("学业水平考试", SAT),
        ("特岗教师招聘考试", SAT),
        ("学年度期末教学质量监测考试", SAT),
        ("单元测试", NOT),
        ("学校期中考试", NOT),
        ("教研组周测", NOT),
    ],
)
def test_setting_papers_counts_for_important_exams_only(exam: str, expected: ClauseStatus) -> None:
    # 第十二条（二）7（1）"重要考试是指高考、中考、适应性考试、学业水平考试、教师素养测试、特岗教师招聘考试…"
    docs = [ev("appointment_letter", f"兹聘请张三同志担任{exam}数学学科命题工作", level="municipal")]
    assert status(run(docs, person()), "first.performance.7") == expected


# --- 表扬 by an education department


@pytest.mark.parametrize(
    ("issuer", "expected"), [("六盘水市教育局", SAT), ("六盘水市总工会", NOT), ("六盘水市妇女联合会", NOT)]
)
def test_county_teachers_praise_is_from_an_education_department(issuer: str, expected: ClauseStatus) -> None:
    # 第十二条（二）2 "县、乡（镇）教师获市（州）级教育行政部门表扬1次以上"
    docs = [ev("commendation_document", "关于对张三同志给予通报表扬的决定", level="municipal", issuer=issuer)]
    assert status(run(docs, person(tier="county")), "first.performance.2.county") == expected


@pytest.mark.parametrize("work", ["防溺水专项工作", "疫情防控专项", "普法单项工作"])
def test_praise_for_special_or_single_work_does_not_count(work: str) -> None:
    # 附则 "本细则中所称表彰、表扬、获奖，均指覆盖所规定行政级别范围内全体人员的表彰、表扬等，不包括专项或单项工作"
    docs = [
        ev(
            "commendation_document",
            f"关于对在{work}中表现突出的张三同志给予表扬",
            level="municipal",
            issuer="六盘水市教育局",
        )
    ]
    assert status(run(docs, person(tier="county")), "first.performance.2.county") == NOT


# --- 班主任 years from the profile (获硕士以上学位的为2年)


def head_teacher_title() -> Evidence:
    return ev("honor_certificate", "被评为优秀班主任", level="county", issuer="钟山区教育局")


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"head_teacher_years_since_title": 3, "education": "bachelor"}, SAT),
        ({"head_teacher_years_since_title": 2, "education": "master"}, SAT),  # 获硕士以上学位的为2年
        ({"head_teacher_years_since_title": 2, "education": "doctorate"}, SAT),
        ({"head_teacher_years_since_title": 2, "education": "bachelor"}, NOT),
        ({"head_teacher_years_since_title": 2}, REV),  # 学位 unknown
        ({}, REV),
    ],
)
def test_head_teacher_years_with_the_masters_exception(facts: dict[str, Any], expected: ClauseStatus) -> None:
    # 第十二条（二）2 "累计担任班主任、辅导员、思政干部、共青团团干工作3年以上（获硕士以上学位的为2年，下同）"
    result = run([head_teacher_title()], person(**facts))
    assert status(result, "first.performance.2.city") == expected


# --- ranks only where the article gives them


def test_paper_award_has_no_rank_limit() -> None:
    # 第十四条（二）3 "2篇论文在省级教育行政部门组织的论文评奖中获二等奖以上" names no rank
    docs = [
        award("paper", "provincial", "second", "论文评比", rank=2),
        award("paper", "provincial", "first", "论文", rank=3),
    ]
    assert status(run(docs, person("senior")), "senior.performance.3.city") == SAT


# --- books: CIP and ISBN, 10万字


def book(text: str) -> Evidence:
    return ev("publication", text, rank=1)


PAPERS = [ev("publication", f"贵州教育 CN 52-1034/G4 ISSN 1004-123{i} 作者：张三", rank=1) for i in range(3)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("《课堂的力量》 贵州人民出版社 ISBN 978-7-221-12345-6 CIP数据核字（2021）第123456号 字数：210千字", SAT),
        ("《课堂的力量》 贵州人民出版社 ISBN 978-7-221-12345-6 CIP数据核字（2021）第123456号 字数：12万字", SAT),
        ("《课堂的力量》 贵州人民出版社 ISBN 978-7-221-12345-6 字数：210千字", NOT),  # no CIP 核字号
        ("《课堂的力量》 贵州人民出版社 ISBN 978-7-221-12345-6 CIP数据核字（2021）第123456号 字数：98千字", NOT),
        ("《课堂的力量》 贵州人民出版社 ISBN 978-7-221-12345-6 CIP数据核字（2021）第123456号 字数：9.5万字", NOT),
    ],
)
def test_a_monograph_has_cip_isbn_and_100_thousand_characters(text: str, expected: ClauseStatus) -> None:
    # 第十六条（二）3 "专著1部以上（10万字以上）"; 附则 "专著、教材是指具有CIP核字号及ISBN国际标准书号"
    result = run([book(text), *PAPERS], person("professor"))
    assert status(result, "professor.performance.3") == expected


# --- 学历（学位）、资历 from the profile, reported beside eligibility


@pytest.mark.parametrize(
    ("title", "facts", "since", "expected"),
    [
        ("first", {"education": "doctorate"}, date(2024, 1, 1), SAT),  # 第十一条（一）具备博士学位
        ("first", {"education": "master"}, date(2022, 12, 31), SAT),  # （二）硕士 + 2年 (to 2024-12-31)
        ("first", {"education": "master"}, date(2023, 3, 1), NOT),
        ("first", {"education": "bachelor"}, date(2020, 12, 31), SAT),  # （三）本科 + 4年
        ("first", {"education": "bachelor"}, date(2021, 3, 1), NOT),
        ("first", {"education": "junior_college", "stage": "primary"}, date(2020, 9, 1), SAT),  # （四）
        ("first", {"education": "junior_college", "stage": "senior_high"}, date(2020, 9, 1), NOT),
        ("first", {"education": "junior_college"}, date(2020, 9, 1), REV),  # 学段 unknown
        ("first", {}, date(2020, 9, 1), REV),
        ("senior", {"education": "doctorate"}, date(2022, 9, 1), SAT),  # 第十三条（一）博士 + 2年
        ("senior", {"education": "bachelor"}, date(2019, 12, 31), SAT),  # （二）+ 5年
        ("senior", {"education": "bachelor"}, date(2020, 2, 1), NOT),
        ("professor", {"education": "bachelor"}, date(2019, 9, 1), SAT),  # 第十五条 本科 + 5年
        ("professor", {"education": "junior_college"}, date(2010, 9, 1), NOT),
    ],
)
def test_education_and_years_in_the_lower_title(
    title: str, facts: dict[str, Any], since: date, expected: ClauseStatus
) -> None:
    applicant = Applicant(name="张三", target_title=title, tier="city", current_title_since=since, **facts)
    result = run([], applicant)
    assert status(result, f"{title}.qualification") == expected
    assert f"{title}.qualification" in result.coverage.reported_groups
    assert any("延期" in item for item in result.coverage.not_modelled)


@pytest.mark.parametrize(("years", "expected"), [(4, NOT), (6, REV), (None, REV)])
def test_a_head_teacher_title_is_judged_on_its_own_route_not_as_a_commendation(
    years: int | None, expected: ClauseStatus
) -> None:
    # 第十六条（二）2 "获省（部）级以上表彰…或担任班主任、辅导员工作5年以上…获省级教育行政部门以上优秀班主任"
    title = ev("honor_certificate", "被评为贵州省优秀班主任", level="provincial", issuer="贵州省教育厅")
    result = run([title], person("professor", head_teacher_years=years))
    assert status(result, "professor.performance.2") == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("指导学生：李小明 获一等奖", {"李小明"}),
        ("指导学生李小明参加全国青少年科技创新大赛", {"李小明"}),
        ("指导王芳同学在市级比赛中获奖", {"王芳"}),
        ("指导教师：张三", set()),  # the teacher, not a student
    ],
)
def test_the_student_an_instructor_award_names(text: str, names: set[str]) -> None:
    from verifier.criteria.layered import students

    assert students(ev("instructor_award", text)) == names
