"""Counting the places the benchmark's issuers come from, and those whose every document got its level right."""

from __future__ import annotations

from verifier.evaluation.coverage import level_coverage


def test_places_are_counted_from_the_names_and_the_gazetteer() -> None:
    coverage = level_coverage(
        [
            ("贵州省六盘水市盘州市第一中学", True),  # province, prefecture and county all printed
            ("沭阳县教育局", True),  # a county: its province and prefecture from the gazetteer
            ("江苏省教育厅", False),  # a second document from 江苏: one wrong level spoils the province
            ("新疆生产建设兵团第八师教育局", True),
            ("中国教育学会", True),  # national: no place
        ]
    )
    assert coverage.total == {"province": 3, "prefecture": 3, "county": 2}
    # 江苏省 has one wrong document; 贵州省 and the 兵团 are right everywhere.
    assert coverage.right == {"province": 2, "prefecture": 3, "county": 2}
    assert (coverage.bingtuan_right, coverage.bingtuan_total) == (2, 2)  # 兵团 itself and 第八师


def test_no_documents_no_places() -> None:
    coverage = level_coverage([])
    assert coverage.total == {"province": 0, "prefecture": 0, "county": 0} and coverage.bingtuan_total == 0
