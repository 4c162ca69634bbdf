"""以上 includes the level itself; a higher level counts from 三等奖 up (004 附则 "凡冠有"以上"…均包括本级")."""

from __future__ import annotations

import pytest

from models.vocab import Grade, Level
from verifier.criteria.matching import meets_threshold, meets_thresholds, parse_issue_date
from verifier.criteria.schema import Threshold

M, C, P, N, T = Level.municipal, Level.county, Level.provincial, Level.national, Level.township


@pytest.mark.parametrize(
    ("quote", "threshold", "level", "grade", "rank", "expected"),
    [
        ("市（州）级二等奖以上: 二等奖 itself", Threshold(level=M, grade=Grade.second), M, Grade.second, None, True),
        ("市（州）级二等奖以上: 一等奖", Threshold(level=M, grade=Grade.second), M, Grade.first, None, True),
        ("市（州）级二等奖以上: 特等奖", Threshold(level=M, grade=Grade.second), M, Grade.special, None, True),
        ("市（州）级二等奖以上: 三等奖 is below", Threshold(level=M, grade=Grade.second), M, Grade.third, None, False),
        (
            "市（州）级二等奖以上: 县级一等奖 is below",
            Threshold(level=M, grade=Grade.second),
            C,
            Grade.first,
            None,
            False,
        ),
        (
            "市（州）级二等奖以上: 省级三等奖 (higher level)",
            Threshold(level=M, grade=Grade.second),
            P,
            Grade.third,
            None,
            True,
        ),
        (
            "市（州）级二等奖以上: 省级优秀奖 not",
            Threshold(level=M, grade=Grade.second),
            P,
            Grade.excellent,
            None,
            False,
        ),
        (
            "exact level: 北京市…二等奖, national not",
            Threshold(level=P, grade=Grade.second, exact_level=True),
            N,
            Grade.first,
            None,
            False,
        ),
        (
            "市（州）级一等奖（排名前5）: rank 5",
            Threshold(level=M, grade=Grade.first, max_rank=5),
            M,
            Grade.first,
            5,
            True,
        ),
        (
            "市（州）级一等奖（排名前5）: rank 6",
            Threshold(level=M, grade=Grade.first, max_rank=5),
            M,
            Grade.first,
            6,
            False,
        ),
        (
            "县（市、区）级特等奖（排名前3）: rank 3",
            Threshold(level=C, grade=Grade.special, max_rank=3),
            C,
            Grade.special,
            3,
            True,
        ),
        (
            "县（市、区）级特等奖（排名前3）: rank 4",
            Threshold(level=C, grade=Grade.special, max_rank=3),
            C,
            Grade.special,
            4,
            False,
        ),
        ("乡（镇）级以上称号: county honour", Threshold(level=T), C, None, None, True),
        ("县（市、区）级以上表彰: township is below", Threshold(level=C), T, None, None, False),
        ("银牌以上: gold counts", Threshold(level=P, grade=Grade.silver), P, Grade.gold, None, True),
        ("银牌以上: bronze does not", Threshold(level=P, grade=Grade.silver), P, Grade.bronze, None, False),
        ("level not read: never counts", Threshold(level=C), None, Grade.first, None, False),
    ],
)
def test_threshold(quote: str, threshold: Threshold, level, grade, rank, expected: bool) -> None:
    assert meets_threshold(level, grade, rank, threshold, Grade.third) is expected, quote


def test_without_higher_level_rule_a_higher_level_needs_the_same_grade() -> None:
    threshold = Threshold(level=M, grade=Grade.second)
    assert meets_threshold(P, Grade.third, None, threshold, None) is False
    assert meets_threshold(P, Grade.second, None, threshold, None) is True


@pytest.mark.parametrize(
    ("value", "earliest", "latest"),
    [
        ("2021-05-03", "2021-05-03", "2021-05-03"),
        ("2021-05", "2021-05-01", "2021-05-31"),
        ("2021", "2021-01-01", "2021-12-31"),
    ],
)
def test_issue_dates_with_missing_parts_span_their_period(value: str, earliest: str, latest: str) -> None:
    span = parse_issue_date(value)
    assert span is not None
    assert (span.earliest.isoformat(), span.latest.isoformat()) == (earliest, latest)


def test_unparseable_issue_date_is_none() -> None:
    assert parse_issue_date("二〇二一年") is None
    assert parse_issue_date("2021-13-40") is None


@pytest.mark.parametrize(
    ("quote", "level", "grade", "expected"),
    [
        ("市（州）级二等奖以上或县（市、区）一等奖: 市级三等奖 is judged at 市级", M, Grade.third, False),
        ("市（州）级二等奖以上或县（市、区）一等奖: 市级二等奖", M, Grade.second, True),
        ("市（州）级二等奖以上或县（市、区）一等奖: 县级一等奖", C, Grade.first, True),
        ("市（州）级二等奖以上或县（市、区）一等奖: 省级三等奖 is above both", P, Grade.third, True),
        ("市（州）级二等奖以上或县（市、区）一等奖: 乡镇一等奖 is below both", T, Grade.first, False),
    ],
)
def test_or_joined_thresholds_judge_a_listed_level_by_its_own_entry(quote: str, level, grade, expected: bool) -> None:
    thresholds = [Threshold(level=M, grade=Grade.second), Threshold(level=C, grade=Grade.first)]
    assert meets_thresholds(level, grade, None, thresholds, Grade.third) is expected, quote
