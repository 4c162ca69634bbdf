"""Counting the places the benchmark's issuers come from, and those whose every document got its level right."""

from __future__ import annotations

from verifier.evaluation.coverage import level_coverage


def test_places_are_counted_from_the_names_and_the_gazetteer() -> None:
    coverage = level_coverage(
        [
            ("贵州省六盘水市盘州市第一中学", True, True),  # province, prefecture and county all printed
            ("沭阳县教育局", True, True),  # a county: its province and prefecture from the gazetteer
            ("江苏省教育厅", False, False),  # a second document from 江苏: one wrong level spoils the province
            ("新疆生产建设兵团第八师教育局", True, True),
            ("中国教育学会", True, True),  # national: no place
            ("遵义市教育局", False, True),  # issuer read exactly, level still wrong: an inference miss
        ]
    )
    assert coverage.total == {"province": 3, "prefecture": 4, "county": 2}
    # 江苏省 and 贵州省 (遵义市) each have a wrong document; the 兵团 is right everywhere.
    assert coverage.right == {"province": 1, "prefecture": 3, "county": 2}
    assert (coverage.bingtuan_right, coverage.bingtuan_total) == (2, 2)  # 兵团 itself and 第八师
    # Counting only issuers read exactly: 江苏's misread document drops out (沭阳 keeps 江苏 right), 遵义's wrong
    # level stays and spoils 贵州.
    assert coverage.inferred_total == {"province": 3, "prefecture": 4, "county": 2}
    assert coverage.inferred_right == {"province": 2, "prefecture": 3, "county": 2}


def test_no_documents_no_places() -> None:
    coverage = level_coverage([])
    assert coverage.total == {"province": 0, "prefecture": 0, "county": 0} and coverage.bingtuan_total == 0
    assert coverage.inferred_total == {"province": 0, "prefecture": 0, "county": 0}
