"""Time windows: 任现职以来 (004 第十二条（二）), 近三年 (004 第十六条（二）3), 自2020年以来 (000 四（十一）)."""

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


def quality_award(issue_date: str | None, file: str = "q.jpg") -> Evidence:
    fields: dict[str, Any] = {"holder": "张三", "issue_date": issue_date, "award_category": "quality_lesson"}
    return Evidence(
        file=file,
        doc_type="award_certificate",
        text="优质课竞赛",
        fields=Fields(level="municipal", grade="first", **fields),
    )


def first_city(since: date | None = date(2019, 9, 1)) -> Applicant:
    return Applicant(name="张三", target_title="first", tier="city", current_title_since=since)


@pytest.mark.parametrize(
    ("quote", "issue_date", "expected"),
    [
        ("任现职以来: the day the title was conferred counts", "2019-09-01", ClauseStatus.satisfied),
        ("任现职以来: the day before does not", "2019-08-31", ClauseStatus.not_satisfied),
        ("任现职以来: 2019-09 without a day may fall inside", "2019-09", ClauseStatus.satisfied),
        ("任现职以来: 2019-08 without a day is before", "2019-08", ClauseStatus.not_satisfied),
    ],
)
def test_since_current_title(quote: str, issue_date: str, expected: ClauseStatus) -> None:
    ruleset = load_ruleset("liupanshui-2024")
    result = evaluate(ruleset, [quality_award(issue_date)], first_city(), as_of=AS_OF)
    statuses = {c.id: c.status for c in result.clauses}
    assert statuses["first.performance.1.city"] == expected, quote


def test_out_of_window_document_is_flagged_when_it_could_have_counted() -> None:
    # A 县级一等奖 fits only 第十二条（二）1, which counts 任现职以来; it is too low for 破格 (no window there).
    low = Evidence(
        file="old.jpg",
        doc_type="award_certificate",
        text="优质课竞赛",
        fields=Fields(
            holder="张三", issue_date="2015-05-01", award_category="quality_lesson", level="county", grade="first"
        ),
    )
    result = evaluate(load_ruleset("liupanshui-2024"), [low], first_city(), as_of=AS_OF)
    flags = result.flags["old.jpg"]
    assert [f.code for f in flags] == [FlagCode.DATE_OUT_OF_WINDOW]
    assert "任现职以来（2019-09-01 起）" in flags[0].message
    assert flags[0].value == "2015-05-01"
    assert "old.jpg" not in result.assignment


def test_old_document_that_still_supports_an_unwindowed_clause_is_not_flagged() -> None:
    # 破格条件 (第十二条（三）) carries no 任现职以来 window: a 2015 市级一等奖 still supports it.
    result = evaluate(load_ruleset("liupanshui-2024"), [quality_award("2015-05-01")], first_city(), as_of=AS_OF)
    assert "q.jpg" not in result.flags
    assert result.assignment == {"q.jpg": ["first.exceptional.2"]}


def test_unknown_title_date_or_issue_date_counts_but_asks_a_reviewer() -> None:
    ruleset = load_ruleset("liupanshui-2024")
    no_since = evaluate(ruleset, [quality_award("2010-01-01")], first_city(since=None), as_of=AS_OF)
    assert any("未提供任现职时间" in n for n in no_since.notes["q.jpg"])
    no_date = evaluate(ruleset, [quality_award(None)], first_city(), as_of=AS_OF)
    assert any("证书日期未识别" in n for n in no_date.notes["q.jpg"])
    assert {c.id: c.status for c in no_date.clauses}["first.performance.1.city"] == ClauseStatus.satisfied


def paper(file: str, issue_date: str) -> Evidence:
    return Evidence(
        file=file,
        doc_type="publication",
        text="CN 52-1034/G4 ISSN 1004-1234",
        fields=Fields(holder="张三", issue_date=issue_date, rank=1),
    )


@pytest.mark.parametrize(
    ("recent", "expected"),
    [
        (["2021-07-01", "2023-01-01"], ClauseStatus.satisfied),
        (["2021-06-29", "2023-01-01"], ClauseStatus.not_satisfied),
    ],
)
def test_near_three_years_for_two_of_five_papers(recent: list[str], expected: ClauseStatus) -> None:
    # 004 第十六条（二）3 "公开发表高水平论文 5 篇，其中 2 篇为近三年发表" (as of 2024-06-30: from 2021-06-30).
    papers = [paper(f"old{i}.pdf", d) for i, d in enumerate(["2018-01-01", "2018-06-01", "2019-01-01"])]
    papers += [paper(f"new{i}.pdf", d) for i, d in enumerate(recent)]
    applicant = Applicant(name="张三", target_title="professor", tier="city", current_title_since=date(2017, 1, 1))
    result = evaluate(load_ruleset("liupanshui-2024"), papers, applicant, as_of=AS_OF)
    assert {c.id: c.status for c in result.clauses}["professor.performance.3"] == expected
