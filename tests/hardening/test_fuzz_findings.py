"""Inputs bench/fuzz.py found that broke a property of a text parser, kept as tests."""

from __future__ import annotations

import pytest

from verifier.normalize import chinese_number


@pytest.mark.parametrize("text", ["-211", "-220311", "负三", "负二十"])
def test_a_negative_is_no_count(text: str) -> None:
    assert chinese_number(text) is None


def test_counts_still_read() -> None:
    assert [chinese_number(t) for t in ("三十", "二十五", "廿二", "30", "0")] == [30, 25, 22, 30, 0]
