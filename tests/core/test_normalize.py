"""Normalisation: traditional characters, full-width forms, Chinese numerals and both date styles."""

from __future__ import annotations

import pytest

from verifier.normalize import chinese_number, find_dates, normalize_text, parse_date


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("榮獲 數學 競賽 一等獎", "荣获数学竞赛一等奖"),  # OCR mixes traditional forms in (競賽, 獎, 數學)
        ("ＡＢＣ１２３", "ABC123"),
        ("张 晓 梅 同志：", "张晓梅同志:"),
        ("黔教发[2023]12号", "黔教发〔2023〕12号"),
        ("二○二三年", "二〇二三年"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    "raw,iso",
    [
        ("二〇二三年十一月二十日", "2023-11-20"),
        ("二〇二三年十一月", "2023-11"),
        ("2023年11月", "2023-11"),
        ("2023年 9 月 1 日", "2023-09-01"),
        ("二零一九年九月十日", "2019-09-10"),
        ("二〇二〇年元月", "2020-01"),
        ("二〇二〇年七月七年", "2020-07-07"),  # the day's 日 misread as 年 (a blurred sign-off)
        ("2020年7月7曰", "2020-07-07"),
        ("2020年7月7年度", "2020-07"),  # 7年度 is no day: the month is all there is
        ("发证日期：2022.9.10", "2022-09-10"),
        ("2021-06-30", "2021-06-30"),
        ("二〇二三年十三月", None),  # no 13th month
        ("编号 20231120", None),  # a number is not a date
    ],
)
def test_parse_date(raw: str, iso: str | None) -> None:
    assert parse_date(normalize_text(raw)) == iso


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("二○一九年一月三十日", "2019-01-30"),  # the zero typed as a circle sign, as a re-read line gives it
        ("二◯二三年九月", "2023-09"),
        ("二〇一九年十月廿二日", "2019-10-22"),
        ("二〇二〇年三月卅日", "2020-03-30"),
    ],
)
def test_dates_as_read_before_normalising(raw: str, iso: str) -> None:
    assert [d for _, d in find_dates(raw)] == [iso]


def test_find_dates_keeps_order() -> None:
    text = "出生日期：1985年3月2日 发证日期：2015年7月1日"
    assert [d for _, d in find_dates(text)] == ["1985-03-02", "2015-07-01"]


@pytest.mark.parametrize(
    "raw,value",
    [("三十", 30), ("二十五", 25), ("30", 30), ("两", 2), ("廿二", 22), ("卅", 30), ("满", None), ("", None)],
)
def test_chinese_number(raw: str, value: int | None) -> None:
    assert chinese_number(raw) == value


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("二〇一人年五月", "二〇一八年五月"),
        ("一人年十二月", "一八年十二月"),
        ("三年四月人日", "三年四月八日"),
        ("先进个人", "先进个人"),
    ],
)
def test_eight_read_as_ren_between_date_words(read: str, printed: str) -> None:
    from verifier.normalize import date_numerals

    assert date_numerals(read) == printed


@pytest.mark.parametrize(
    ("read", "iso"),
    [
        ("2014年4月122日", "2014-04-22"),  # a stroke before the day read as 1 (seed-2 benchmark page 0122)
        ("2014年4月12日", "2014-04-12"),
        ("2014年11月131日", "2014-11"),  # 31 November does not exist: the day is left unread
        ("2014年4月135日", "2014-04"),
    ],
)
def test_stroke_before_a_two_digit_day_read_as_one(read: str, iso: str) -> None:
    assert parse_date(read) == iso
