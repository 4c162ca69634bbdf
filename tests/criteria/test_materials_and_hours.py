"""Material lists and continuing-education hours: bingtuan-2024 (000), beijing (001), chongqing (002),
guangzhou (003)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from models.evidence import Evidence
from models.flags import FlagCode
from models.report import Applicant, Fields
from models.vocab import ClauseStatus
from verifier.criteria import evaluate, load_ruleset

AS_OF = date(2024, 6, 30)
SENIOR = Applicant(name="王五", target_title="senior", tier="city", current_title_since=date(2018, 9, 1))


def make(file: str, doc_type: str, text: str = "", **fields: Any) -> Evidence:
    fields.setdefault("holder", "王五")
    fields.setdefault("issue_date", "2023-05-01")
    return Evidence(file=file, doc_type=doc_type, text=text, fields=Fields(**fields))


def ce(file: str, hours: float | None, text: str = "培训", issue_date: str = "2022-05-01", **fields: Any) -> Evidence:
    return make(file, "continuing_education", text, hours=hours, issue_date=issue_date, **fields)


def status(result, clause_id: str) -> ClauseStatus:
    return next(c for c in result.clauses if c.id == clause_id).status


def clause(result, clause_id: str):
    return next(c for c in result.clauses if c.id == clause_id)


BINGTUAN_FULL = [
    make("zgz.jpg", "teacher_qualification", "教师资格证书"),
    make("zc.jpg", "qualification_registration", "定期注册 合格", registration_result="pass"),
    ce("ms.pdf", 120, "集中面授培训", issue_date="2020-05-01"),
    ce("xb.pdf", 90, "校本培训", issue_date="2021-05-01"),
    ce("sy.pdf", 50, "师域培训"),
    ce("xx.pdf", 100, "信息技术应用能力提升工程2.0", issue_date="2023-05-01"),
    make("djb.pdf", "personnel_form", "兵团事业单位人员登记表"),
    make("gw.pdf", "job_description", "岗位说明书"),
    make("gs.pdf", "publicity_form", "用人单位推荐考核结果公示表"),
]


def test_bingtuan_full_submission_meets_every_material_clause() -> None:
    result = evaluate(load_ruleset("bingtuan-2024"), BINGTUAN_FULL, SENIOR, as_of=AS_OF)
    assert all(c.status == ClauseStatus.satisfied for c in result.clauses), [(c.id, c.missing) for c in result.clauses]
    assert result.eligible is True
    # not exclusive: a training certificate proves both "uploaded since 2020" and the hours
    assert sorted(result.assignment["ms.pdf"]) == [
        "materials.continuing-education",
        "materials.continuing-education-hours",
        "materials.continuing-education-years",
    ]


def test_bingtuan_qualification_without_registration_page_is_a_missing_companion() -> None:
    # 000 四（九）"申报人在提交教师资格证书时，需同步上传定期注册页"
    docs = [d for d in BINGTUAN_FULL if d.file != "zc.jpg"]
    result = evaluate(load_ruleset("bingtuan-2024"), docs, SENIOR, as_of=AS_OF)
    assert status(result, "materials.qualification") == ClauseStatus.not_satisfied
    assert "定期注册页" in clause(result, "materials.qualification").missing
    assert [f.code for f in result.flags["zgz.jpg"]] == [FlagCode.MISSING_COMPANION]
    assert result.eligible is False


def test_bingtuan_registration_marked_deferred_does_not_count() -> None:
    docs = [d for d in BINGTUAN_FULL if d.file != "zc.jpg"]
    docs.append(make("zc.jpg", "qualification_registration", "暂缓注册", registration_result="deferred"))
    result = evaluate(load_ruleset("bingtuan-2024"), docs, SENIOR, as_of=AS_OF)
    assert status(result, "materials.qualification") == ClauseStatus.not_satisfied


@pytest.mark.parametrize(
    ("quote", "drop", "replace", "gap"),
    [
        ("校本培训不少于90学时", "xb.pdf", ce("xb.pdf", 70, "校本培训"), "校本培训还差 20 学时"),
        ("师域培训不少于50学时", "sy.pdf", None, "师域培训还差 50 学时"),
        (
            "信息技术能力提升2.0培训不少于100学时",
            "xx.pdf",
            ce("xx.pdf", 99.5, "信息技术2.0"),
            "信息技术能力提升2.0培训还差 0.5 学时",
        ),
        (
            "自2020年以来: a 2019 certificate does not count",
            "ms.pdf",
            ce("ms.pdf", 120, "集中面授", issue_date="2019-12-31"),
            "集中面授培训还差 120 学时",
        ),
    ],
)
def test_bingtuan_360_hour_cycle_split(quote: str, drop: str, replace: Evidence | None, gap: str) -> None:
    # 000 四（十一）"每个周期须累计完成不少于360学时…其中集中面授培训不少于120学时，校本培训不少于90学时…"
    docs = [d for d in BINGTUAN_FULL if d.file != drop] + ([replace] if replace else [])
    result = evaluate(load_ruleset("bingtuan-2024"), docs, SENIOR, as_of=AS_OF)
    hours = clause(result, "materials.continuing-education-hours")
    assert hours.status == ClauseStatus.not_satisfied, quote
    assert gap in hours.missing
    assert "学时合计还差" in hours.missing


def test_bingtuan_total_can_fall_short_even_when_parts_are_met() -> None:
    docs = [ce("a.pdf", 120, "面授"), ce("b.pdf", 90, "校本"), ce("c.pdf", 50, "师域"), ce("d.pdf", 99, "信息技术2.0")]
    result = evaluate(load_ruleset("bingtuan-2024"), docs, SENIOR, as_of=AS_OF)
    assert "学时合计还差 1 学时" in clause(result, "materials.continuing-education-hours").missing


@pytest.mark.parametrize(
    ("quote", "docs", "expected"),
    [
        (
            "北京市优秀教师",
            [make("h.jpg", "honor_certificate", "被评为北京市优秀教师", level="provincial")],
            ClauseStatus.satisfied,
        ),
        (
            "首都五一劳动奖章",
            [make("h.jpg", "honor_certificate", "授予首都五一劳动奖章", level="provincial")],
            ClauseStatus.satisfied,
        ),
        (
            "全国模范教师",
            [make("h.jpg", "honor_certificate", "全国模范教师", level="national")],
            ClauseStatus.satisfied,
        ),
        (
            "not on the list: 区级优秀教师",
            [make("h.jpg", "honor_certificate", "被评为海淀区优秀教师", level="county")],
            ClauseStatus.not_satisfied,
        ),
    ],
)
def test_beijing_exceptional_honours(quote: str, docs: list[Evidence], expected: ClauseStatus) -> None:
    # 001 三（七）1 "获得下列奖项之一：全国模范教师…北京市优秀教育工作者"
    result = evaluate(load_ruleset("beijing"), docs, SENIOR, as_of=AS_OF)
    assert status(result, "senior.exceptional.1") == expected, quote


@pytest.mark.parametrize(
    ("grade", "expected"),
    [
        ("special", ClauseStatus.satisfied),
        ("first", ClauseStatus.satisfied),
        ("second", ClauseStatus.satisfied),
        ("third", ClauseStatus.not_satisfied),
    ],
)
def test_beijing_teaching_achievement_special_first_second(grade: str, expected: ClauseStatus) -> None:
    # 001 三（七）2 "获北京市优秀教育教学成果特、一、二等奖"
    docs = [
        make(
            "a.jpg",
            "award_certificate",
            "北京市优秀教育教学成果奖",
            award_category="teaching_achievement",
            level="provincial",
            grade=grade,
        )
    ]
    result = evaluate(load_ruleset("beijing"), docs, SENIOR, as_of=AS_OF)
    assert status(result, "senior.exceptional.2") == expected


@pytest.mark.parametrize(
    ("quote", "docs", "expected"),
    [
        ("五年内完成不少于360学时", [ce("a.pdf", 200), ce("b.pdf", 160)], ClauseStatus.satisfied),
        ("360学时: 359 short", [ce("a.pdf", 200), ce("b.pdf", 159)], ClauseStatus.not_satisfied),
        (
            "获得36学分 (学分 only)",
            [ce("a.pdf", None, credits=20), ce("b.pdf", None, credits=16)],
            ClauseStatus.satisfied,
        ),
        (
            "五年内: a 2019-06 certificate is outside",
            [ce("a.pdf", 200, issue_date="2019-06-01"), ce("b.pdf", 160)],
            ClauseStatus.not_satisfied,
        ),
    ],
)
def test_beijing_continuing_education_five_years(quote: str, docs: list[Evidence], expected: ClauseStatus) -> None:
    # 001 三（六）"在五年内完成不少于360学时、获得36学分的学习任务"
    result = evaluate(load_ruleset("beijing"), docs, SENIOR, as_of=AS_OF)
    assert status(result, "continuing-education.five-years") == expected, quote


@pytest.mark.parametrize(
    ("quote", "docs", "expected", "gap"),
    [
        (
            "72学时，公需不少于18，专业不少于42",
            [ce("g.pdf", 18, "公需科目", "2024-03-01"), ce("z.pdf", 54, "专业科目", "2024-04-01")],
            ClauseStatus.satisfied,
            None,
        ),
        (
            "公需科目不少于18学时",
            [ce("g.pdf", 12, "公需科目", "2024-03-01"), ce("z.pdf", 60, "专业科目", "2024-04-01")],
            ClauseStatus.not_satisfied,
            "公需科目还差 6 学时",
        ),
        (
            "每天按6学时计算: 3天公需 = 18",
            [ce("g.pdf", None, "公需科目培训 共3天", "2024-03-01"), ce("z.pdf", 54, "专业科目", "2024-04-01")],
            ClauseStatus.satisfied,
            None,
        ),
        (
            "每年: last year's hours do not count",
            [ce("g.pdf", 18, "公需科目", "2023-12-01"), ce("z.pdf", 54, "专业科目", "2024-04-01")],
            ClauseStatus.not_satisfied,
            "公需科目还差 18 学时",
        ),
        (
            "培训证书中无明确培训时间",
            [ce("g.pdf", None, "公需科目培训", "2024-03-01"), ce("z.pdf", 72, "专业科目", "2024-04-01")],
            ClauseStatus.not_satisfied,
            "未注明学时",
        ),
    ],
)
def test_guangzhou_annual_verification(
    quote: str, docs: list[Evidence], expected: ClauseStatus, gap: str | None
) -> None:
    # 003 "每年须完成累计不少于12天或72学时…（每天按6学时计算）。"
    # "其中，公需科目不少于3天或18学时，专业科目不少于7天或42学时"
    result = evaluate(load_ruleset("guangzhou-ce"), docs, Applicant(name="王五"), as_of=AS_OF)
    hours = clause(result, "annual.hours")
    assert hours.status == expected, (quote, hours.missing)
    if gap:
        assert gap in hours.missing
    assert result.eligible is (expected == ClauseStatus.satisfied)  # the same check for every title


CHONGQING_FULL = [
    make("sqb.pdf", "other", "教师资格定期注册申请表"),
    make("zgz.jpg", "teacher_qualification", "教师资格证书"),
    make("ht.pdf", "appointment_letter", "聘用合同"),
    ce("jxjy.pdf", 72, "继续教育培训证明"),
    make("kh.pdf", "assessment_record", "2023年度考核 合格", issue_date="2024-01-10"),
    make("sd.pdf", "other", "师德表现证明"),
    make("jk.pdf", "other", "身心健康证明"),
]


@pytest.mark.parametrize("missing_file", [d.file for d in CHONGQING_FULL])
def test_chongqing_each_registration_material_is_required(missing_file: str) -> None:
    # 002 三（二）"现场确认须提交的材料如下：1.《教师资格定期注册申请表》…7.身心健康证明"
    ruleset = load_ruleset("chongqing-registration")
    full = evaluate(ruleset, CHONGQING_FULL, SENIOR, as_of=AS_OF)
    assert all(c.status == ClauseStatus.satisfied for c in full.clauses if c.id.startswith("materials."))
    partial = evaluate(ruleset, [d for d in CHONGQING_FULL if d.file != missing_file], SENIOR, as_of=AS_OF)
    unmet = [c.id for c in partial.clauses if c.status != ClauseStatus.satisfied and c.id.startswith("materials.")]
    assert len(unmet) == 1
    assert partial.eligible is False
