"""Every liupanshui-2024 clause, table-driven from the seed (004): each case quotes the article it pins down."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from models.evidence import Evidence
from models.report import Applicant, Fields
from models.vocab import ClauseStatus
from verifier.criteria import evaluate, load_ruleset

SAT, NOT, REV = ClauseStatus.satisfied, ClauseStatus.not_satisfied, ClauseStatus.needs_reviewer
AS_OF = date(2024, 6, 30)


def doc(doc_type: str, text: str = "", **fields: Any) -> dict[str, Any]:
    fields.setdefault("holder", "张三")
    fields.setdefault("issue_date", "2022-05-01")
    return {"doc_type": doc_type, "text": text, "fields": fields}


def award(category: str, level: str, grade: str, text: str = "", **fields: Any) -> dict[str, Any]:
    return doc("award_certificate", text, award_category=category, level=level, grade=grade, **fields)


def honor(level: str, issuer: str, text: str = "被评为优秀教师，特发此证", **fields: Any) -> dict[str, Any]:
    return doc("honor_certificate", text, level=level, issuer=issuer, **fields)


def praise(level: str, issuer: str, text: str = "给予通报表扬", **fields: Any) -> dict[str, Any]:
    return doc("commendation_document", f"关于对张三同志{text}的通报", level=level, issuer=issuer, **fields)


def guide(level: str, grade: str, rank: int = 1, text: str = "指导学生参加数学竞赛获奖") -> dict[str, Any]:
    return doc("instructor_award", text, level=level, grade=grade, rank=rank, award_category="student_contest")


def exam(level: str) -> dict[str, Any]:
    return doc("appointment_letter", "兹聘请张三同志担任中考数学学科命题工作", level=level)


def project(level: str, rank: int = 1, text: str = "经专家鉴定，准予结题，特发此证") -> dict[str, Any]:
    return doc("research_project", text, level=level, rank=rank)


def paper(rank: int = 1, cn: str = "CN 52-1034/G4", issn: str = "ISSN 1004-1234", **fields: Any) -> dict[str, Any]:
    return doc("publication", f"贵州教育 {cn} {issn} 2022年第5期 作者：张三", rank=rank, **fields)


def service(years: int, issuer: str) -> dict[str, Any]:
    return doc(
        "teaching_service_honor", f"从事教育工作满{years}年", service_years=years, issuer=issuer, level="provincial"
    )


CASES: list[tuple[str, str, str, list[dict[str, Any]], str, ClauseStatus]] = [
    # --- 一级教师 第十二条（二）1
    (
        "优质课竞赛…市（州）级二等奖以上",
        "first",
        "city",
        [award("quality_lesson", "municipal", "second")],
        "first.performance.1.city",
        SAT,
    ),
    (
        "优质课竞赛…市（州）级二等奖以上: 三等奖 short",
        "first",
        "city",
        [award("quality_lesson", "municipal", "third")],
        "first.performance.1.city",
        NOT,
    ),
    (
        "…或县（市、区）一等奖",
        "first",
        "city",
        [award("quality_lesson", "county", "first")],
        "first.performance.1.city",
        SAT,
    ),
    (
        "…或县（市、区）一等奖: 二等奖 short",
        "first",
        "city",
        [award("quality_lesson", "county", "second")],
        "first.performance.1.city",
        NOT,
    ),
    (
        "优秀教学成果奖市（州）级一等奖（排名前 5）以上",
        "first",
        "city",
        [award("teaching_achievement", "municipal", "first", rank=5)],
        "first.performance.1.city",
        SAT,
    ),
    (
        "优秀教学成果奖…（排名前 5）: 第6名",
        "first",
        "city",
        [award("teaching_achievement", "municipal", "first", rank=6)],
        "first.performance.1.city",
        NOT,
    ),
    (
        "或县（市、区）级特等奖（排名前 3）",
        "first",
        "city",
        [award("teaching_achievement", "county", "special", rank=3)],
        "first.performance.1.city",
        SAT,
    ),
    (
        "县（市、区）级特等奖: 县级一等奖 short",
        "first",
        "city",
        [award("teaching_achievement", "county", "first", rank=1)],
        "first.performance.1.city",
        NOT,
    ),
    (
        "教育科研优秀成果奖市（州）级二等奖（排名前 5）以上",
        "first",
        "city",
        [award("research_achievement", "municipal", "second", rank=5)],
        "first.performance.1.city",
        SAT,
    ),
    (
        "县、乡（镇）教师…优质课竞赛…市（州）级三等奖",
        "first",
        "county",
        [award("quality_lesson", "municipal", "third")],
        "first.performance.1.county",
        SAT,
    ),
    (
        "县、乡（镇）教师获优秀教学成果奖…县（市、区）级一等奖以上",
        "first",
        "county",
        [award("teaching_achievement", "county", "first")],
        "first.performance.1.county",
        SAT,
    ),
    (
        "县、乡（镇）教师…教育科研优秀成果奖…县（市、区）级二等奖以上",
        "first",
        "county",
        [award("research_achievement", "county", "second")],
        "first.performance.1.county",
        SAT,
    ),
    (
        "县、乡（镇）教师…教师教学技能比赛…县级二等奖以上: 三等奖 short",
        "first",
        "county",
        [award("teaching_skill", "county", "third", "教学技能比赛")],
        "first.performance.1.county",
        NOT,
    ),
    (
        "（3）3次不同类别单项技能比赛获奖折算为1次",
        "first",
        "city",
        [
            award("teaching_skill", "municipal", "second", "说课比赛"),
            award("teaching_skill", "municipal", "first", "教学设计比赛"),
            award("teaching_skill", "county", "first", "课件制作比赛"),
        ],
        "first.performance.1.city",
        SAT,
    ),
    (
        "（3）…不同类别: two 说课 are one kind",
        "first",
        "city",
        [
            award("teaching_skill", "municipal", "second", "说课比赛"),
            award("teaching_skill", "municipal", "first", "说课比赛初中组"),
            award("teaching_skill", "county", "first", "微课比赛"),
        ],
        "first.performance.1.city",
        NOT,
    ),
    (
        "（3）非完整教学课的单项比赛 alone is not a 教学技能比赛",
        "first",
        "city",
        [award("teaching_skill", "municipal", "first", "说课比赛")],
        "first.performance.1.city",
        NOT,
    ),
    (
        "（4）2次不同类别的基本功技能比赛获奖折算为1次",
        "first",
        "city",
        [
            award("teaching_skill", "county", "first", "粉笔字比赛"),
            award("teaching_skill", "county", "first", "简笔画比赛"),
        ],
        "first.performance.1.city",
        SAT,
    ),
    # --- 一级教师 第十二条（二）2
    ("获县（市、区）级政府表彰", "first", "city", [honor("county", "钟山区人民政府")], "first.performance.2.city", SAT),
    (
        "获县（市、区）级政府表彰: 乡镇政府 short",
        "first",
        "city",
        [honor("township", "大河镇人民政府")],
        "first.performance.2.city",
        NOT,
    ),
    (
        "或获省级教育行政部门表扬1次以上",
        "first",
        "city",
        [praise("provincial", "贵州省教育厅")],
        "first.performance.2.city",
        SAT,
    ),
    (
        "或获市级教育行政部门表扬2次以上: only 1",
        "first",
        "city",
        [praise("municipal", "六盘水市教育局")],
        "first.performance.2.city",
        NOT,
    ),
    (
        "或获市级教育行政部门表扬2次以上",
        "first",
        "city",
        [praise("municipal", "六盘水市教育局"), praise("municipal", "六盘水市教育局", "予以表扬")],
        "first.performance.2.city",
        SAT,
    ),
    (
        "或获市（州）级党委、政府表扬1次以上",
        "first",
        "city",
        [praise("municipal", "中共六盘水市委")],
        "first.performance.2.city",
        SAT,
    ),
    (
        "累计担任班主任…3年以上，获县（市、区）级以上优秀班主任 (years need a reviewer)",
        "first",
        "city",
        [honor("county", "钟山区教育局", "被评为优秀班主任")],
        "first.performance.2.city",
        REV,
    ),
    (
        "县、乡（镇）教师获市（州）级教育行政部门表扬1次以上",
        "first",
        "county",
        [praise("municipal", "六盘水市教育局")],
        "first.performance.2.county",
        SAT,
    ),
    (
        "县、乡（镇）…获乡（镇）级以上优秀班主任 (years need a reviewer)",
        "first",
        "county",
        [honor("township", "大河镇中心学校", "被评为优秀班主任")],
        "first.performance.2.county",
        REV,
    ),
    (
        "或所带班级、幼儿活动在乡（镇）级以上评选中获奖",
        "first",
        "county",
        [honor("township", "大河镇人民政府", "所带班级被评为先进班集体")],
        "first.performance.2.county",
        SAT,
    ),
    # --- 一级教师 第十二条（二）4
    (
        "所指导的学生…2人（次）获…市（州）级一等奖以上",
        "first",
        "city",
        [guide("municipal", "first"), guide("municipal", "first")],
        "first.performance.4.city",
        SAT,
    ),
    ("…2人（次）: only 1", "first", "city", [guide("municipal", "first")], "first.performance.4.city", NOT),
    (
        "（3）学生个人赛的指导教师必须为第1人",
        "first",
        "city",
        [guide("municipal", "first"), guide("municipal", "first", rank=2)],
        "first.performance.4.city",
        NOT,
    ),
    (
        "（3）团队赛的指导教师…最多认定到第5人",
        "first",
        "city",
        [guide("municipal", "first"), guide("provincial", "second", rank=4, text="指导学生团体赛获奖")],
        "first.performance.4.city",
        SAT,
    ),
    (
        "县、乡（镇）教师…2人（次）获…县（市、区）级一等奖以上",
        "first",
        "county",
        [guide("county", "first"), guide("county", "first")],
        "first.performance.4.county",
        SAT,
    ),
    (
        "省、市（州）及所在地: 县级一等奖 short",
        "first",
        "city",
        [guide("county", "first"), guide("county", "first")],
        "first.performance.4.city",
        NOT,
    ),
    # --- 一级教师 第十二条（二）6, 7, 8
    ("在乡镇以下学校从事教学工作 15 年以上 (no document can show it)", "first", "city", [], "first.performance.6", REV),
    ("县（市、区）级命题 2 次以上", "first", "city", [exam("county"), exam("county")], "first.performance.7", SAT),
    ("县（市、区）级命题 2 次以上: only 1", "first", "city", [exam("county")], "first.performance.7", NOT),
    ("或市（州）级命题 1 次以上", "first", "city", [exam("municipal")], "first.performance.7", SAT),
    ("参与完成市（州）级课题 1 项", "first", "city", [project("municipal", rank=4)], "first.performance.8", SAT),
    (
        "参与完成…课题以项目结题的时间为准: 立项 only",
        "first",
        "city",
        [project("municipal", text="课题立项通知书")],
        "first.performance.8",
        NOT,
    ),
    (
        "或县（市、区）级以上教科研课题 2 项",
        "first",
        "city",
        [project("county"), project("county", text="该课题已结题")],
        "first.performance.8",
        SAT,
    ),
    # --- 一级教师 破格 第十二条（三）
    (
        "破格 1. 获市（州）级以上政府…表彰",
        "first",
        "city",
        [honor("municipal", "六盘水市人民政府"), honor("municipal", "六盘水市人民政府", "被评为先进工作者")],
        "first.exceptional.1",
        SAT,
    ),
    (
        "破格 1. 获市（州）级以上政府表彰: 县政府 short",
        "first",
        "city",
        [honor("county", "钟山区人民政府")],
        "first.exceptional.1",
        NOT,
    ),
    (
        "破格 2. 优质课竞赛…省级三等奖",
        "first",
        "city",
        [award("quality_lesson", "provincial", "third"), award("quality_lesson", "municipal", "second", "《函数》")],
        "first.exceptional.2",
        SAT,
    ),
    (
        "破格 2. 科学技术奖…市（州）级二等奖（排名前 3）以上",
        "first",
        "city",
        [doc("award_certificate", "荣获六盘水市科学技术奖二等奖", level="municipal", grade="second", rank=3)],
        "first.exceptional.2",
        SAT,
    ),
    # --- 高级教师 第十四条（二）1
    (
        "优秀教学成果奖省级二等奖（排名前5）",
        "senior",
        "city",
        [award("teaching_achievement", "provincial", "second", rank=5)],
        "senior.performance.1.city",
        SAT,
    ),
    (
        "省、市（州）及所在地: 市级一等奖 is not 特等奖",
        "senior",
        "city",
        [award("teaching_achievement", "municipal", "first", rank=1)],
        "senior.performance.1.city",
        NOT,
    ),
    (
        "县、乡（镇）教师…市级一等奖（排名前5）",
        "senior",
        "county",
        [award("teaching_achievement", "municipal", "first", rank=5)],
        "senior.performance.1.county",
        SAT,
    ),
    (
        "县、乡（镇）教师…优质课竞赛…县（市、区）级一等奖以上",
        "senior",
        "county",
        [award("quality_lesson", "county", "first")],
        "senior.performance.1.county",
        SAT,
    ),
    (
        "省、市（州）及所在地…优质课…市（州）级一等奖以上: 县级 short",
        "senior",
        "city",
        [award("quality_lesson", "county", "first")],
        "senior.performance.1.city",
        NOT,
    ),
    # --- 高级教师 第十四条（二）2
    (
        "获市（州）级政府…表彰1次以上",
        "senior",
        "city",
        [honor("municipal", "六盘水市人民政府")],
        "senior.performance.2.city",
        SAT,
    ),
    (
        "获市（州）级政府…表彰: 县政府 short",
        "senior",
        "city",
        [honor("county", "钟山区人民政府")],
        "senior.performance.2.city",
        NOT,
    ),
    (
        "县、乡（镇）教师获县（市、区）级政府表彰",
        "senior",
        "county",
        [honor("county", "钟山区人民政府")],
        "senior.performance.2.county",
        SAT,
    ),
    # --- 高级教师 第十四条（二）3 and 附则 论文 CN/ISSN
    (
        "公开发表较高质量论文 2 篇",
        "senior",
        "city",
        [paper(), paper(issue_date="2021-03-01")],
        "senior.performance.3.city",
        SAT,
    ),
    ("公开发表较高质量论文 2 篇: only 1", "senior", "city", [paper()], "senior.performance.3.city", NOT),
    ("县、乡（镇）教师公开发表较高质量论文 1 篇", "senior", "county", [paper()], "senior.performance.3.county", SAT),
    ("附则 论文…CN和ISSN: no ISSN", "senior", "county", [paper(issn="")], "senior.performance.3.county", NOT),
    (
        "附则 地区序号…1000-5999: 6123 is outside",
        "senior",
        "county",
        [paper(cn="CN 52-6123/G4")],
        "senior.performance.3.county",
        NOT,
    ),
    (
        "附则 作者…独立或排名第一: second author",
        "senior",
        "county",
        [paper(rank=2)],
        "senior.performance.3.county",
        NOT,
    ),
    (
        "或 2 篇论文在省级教育行政部门组织的论文评奖中获二等奖以上",
        "senior",
        "city",
        [award("paper", "provincial", "second", "论文评比"), award("paper", "provincial", "first", "论文评比")],
        "senior.performance.3.city",
        SAT,
    ),
    (
        "县、乡（镇）…2 篇论文在市（州）级…论文评奖中获二等奖以上",
        "senior",
        "county",
        [award("paper", "municipal", "second", "论文评比"), award("paper", "municipal", "second", "论文评选")],
        "senior.performance.3.county",
        SAT,
    ),
    # --- 高级教师 第十四条（二）6, 8, 9, 11
    (
        "所指导的学生…3 人（次）获…省级二等奖",
        "senior",
        "city",
        [guide("provincial", "second")] * 3,
        "senior.performance.6.city",
        SAT,
    ),
    (
        "县、乡（镇）…2 人（次）获…省级二等奖",
        "senior",
        "county",
        [guide("provincial", "second")] * 2,
        "senior.performance.6.county",
        SAT,
    ),
    (
        "获省人民政府颁发的三十年…教龄荣誉证书",
        "senior",
        "city",
        [service(30, "贵州省人民政府")],
        "senior.performance.8",
        SAT,
    ),
    ("…或二十五年教龄荣誉证书", "senior", "city", [service(25, "贵州省人民政府")], "senior.performance.8", SAT),
    ("三十年或二十五年: 二十年 short", "senior", "city", [service(20, "贵州省人民政府")], "senior.performance.8", NOT),
    (
        "省人民政府颁发: 市人民政府 is not",
        "senior",
        "city",
        [service(30, "六盘水市人民政府")],
        "senior.performance.8",
        NOT,
    ),
    (
        "在市（州）级以上…重要考试中承担的学科命题 2 次以上",
        "senior",
        "city",
        [exam("municipal"), exam("provincial")],
        "senior.performance.9",
        SAT,
    ),
    (
        "主持完成市（州）级以上…课题研究 1 项",
        "senior",
        "city",
        [project("municipal", rank=1)],
        "senior.performance.11",
        SAT,
    ),
    ("主持…: 第2名 is not 主持", "senior", "city", [project("municipal", rank=2)], "senior.performance.11", NOT),
    (
        "或作为主要参与者（排名前 3）完成省级以上…课题",
        "senior",
        "city",
        [project("provincial", rank=3)],
        "senior.performance.11",
        SAT,
    ),
    # --- 高级教师 破格 第十四条（三）
    (
        "破格 1. 获省（部）级以上表彰",
        "senior",
        "city",
        [honor("provincial", "贵州省人民政府"), honor("provincial", "贵州省人民政府", "被评为劳动模范")],
        "senior.exceptional.1",
        SAT,
    ),
    (
        "破格 1. 或被评为黔灵名师",
        "senior",
        "county",
        [honor("provincial", "贵州省教育厅", "被评为黔灵名师"), honor("county", "钟山区人民政府")],
        "senior.exceptional.1",
        SAT,
    ),
    (
        "破格 2. 优质课竞赛…省级一等奖以上: 二等奖 short",
        "senior",
        "city",
        [award("quality_lesson", "provincial", "second")],
        "senior.exceptional.2",
        NOT,
    ),
    (
        "破格 2. 优质课竞赛…省级一等奖以上",
        "senior",
        "city",
        [award("quality_lesson", "provincial", "first"), award("quality_lesson", "provincial", "first", "《圆》")],
        "senior.exceptional.2",
        SAT,
    ),
    # --- 正高级教师 第十六条（二）
    (
        "获优秀教学成果奖省级一等奖（排名前 3）以上",
        "professor",
        "city",
        [award("teaching_achievement", "provincial", "first", rank=3)],
        "professor.performance.1",
        SAT,
    ),
    (
        "…（排名前 3）: 第4名",
        "professor",
        "city",
        [award("teaching_achievement", "provincial", "first", rank=4)],
        "professor.performance.1",
        NOT,
    ),
    (
        "公开发表高水平论文 5 篇，其中 2 篇为近三年发表",
        "professor",
        "city",
        [paper(issue_date=d) for d in ("2019-05", "2020-05", "2021-01", "2022-05", "2023-05")],
        "professor.performance.3",
        SAT,
    ),
    (
        "…其中 2 篇为近三年发表: none recent",
        "professor",
        "city",
        [paper(issue_date=d) for d in ("2019-05", "2019-09", "2020-05", "2020-09", "2021-01")],
        "professor.performance.3",
        NOT,
    ),
    (
        "出版本专业教育教学专著 1 部以上…并公开发表…论文 3 篇",
        "professor",
        "city",
        [
            doc("publication", "ISBN 978-7-5621-1234-5 CIP数据核字（2021）第012345号 字数：260千字 专著", rank=1),
            paper(),
            paper(),
            paper(),
        ],
        "professor.performance.3",
        SAT,
    ),
    (
        "指导…学生…有 5 人（次）获…省级一等奖以上",
        "professor",
        "city",
        [guide("provincial", "first")] * 5,
        "professor.performance.4",
        SAT,
    ),
    ("…有 5 人（次）: only 4", "professor", "city", [guide("provincial", "first")] * 4, "professor.performance.4", NOT),
    (
        "在省级以上…重要考试工作中承担学科命题 2 次以上",
        "professor",
        "city",
        [exam("provincial"), exam("national")],
        "professor.performance.6",
        SAT,
    ),
    ("参与完成国家级课题 1 项", "professor", "city", [project("national", rank=6)], "professor.performance.8", SAT),
    (
        "或作为主要参与者完成省级重点课题 1 项",
        "professor",
        "city",
        [project("provincial", rank=3, text="省级重点课题 准予结题")],
        "professor.performance.8",
        SAT,
    ),
    (
        "或主持完成省级课题: 一般课题第2名 short",
        "professor",
        "city",
        [project("provincial", rank=2)],
        "professor.performance.8",
        NOT,
    ),
    # --- 正高级教师 破格 第十六条（三）
    (
        "破格 1. 获国务院表彰",
        "professor",
        "city",
        [honor("national", "国务院", "被评为全国模范教师"), honor("national", "国务院", "被评为全国先进工作者")],
        "professor.exceptional.1",
        SAT,
    ),
    (
        "破格 2. 优质课竞赛…国家级三等奖以上",
        "professor",
        "city",
        [award("quality_lesson", "national", "third"), award("quality_lesson", "national", "third", "《方程》")],
        "professor.exceptional.2",
        SAT,
    ),
    (
        "破格 2. 教育科研优秀成果奖…省级一等奖（排名第1）: 第2名",
        "professor",
        "city",
        [award("research_achievement", "provincial", "first", rank=2)],
        "professor.exceptional.2",
        NOT,
    ),
]


@pytest.mark.parametrize(("quote", "title", "tier", "docs", "clause_id", "expected"), CASES, ids=[c[0] for c in CASES])
def test_clause(
    quote: str, title: str, tier: str, docs: list[dict[str, Any]], clause_id: str, expected: ClauseStatus
) -> None:
    ruleset = load_ruleset("liupanshui-2024")
    evidence = [
        Evidence(file=f"{i:02d}.jpg", doc_type=d["doc_type"], text=d["text"], fields=Fields(**d["fields"]))
        for i, d in enumerate(docs)
    ]
    applicant = Applicant(name="张三", target_title=title, tier=tier, current_title_since=date(2018, 9, 1))
    result = evaluate(ruleset, evidence, applicant, as_of=AS_OF)
    clause = next(c for c in result.clauses if c.id == clause_id)
    assert clause.status == expected, (quote, clause.missing, result.notes)
    if expected == SAT:
        assert clause.evidence and clause.missing is None
    if expected == NOT:
        assert clause.missing and not clause.evidence
