"""Inputs bench/fuzz.py found that broke a property of a text parser, kept as tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.ingest import ingest_bytes
from verifier.normalize import chinese_number


@pytest.mark.parametrize("text", ["-211", "-220311", "负三", "负二十"])
def test_a_negative_is_no_count(text: str) -> None:
    assert chinese_number(text) is None


def test_counts_still_read() -> None:
    assert [chinese_number(t) for t in ("三十", "二十五", "廿二", "30", "0")] == [30, 25, 22, 30, 0]


def test_a_tiff_page_without_dimensions_is_corrupt_not_an_exception() -> None:
    # Pillow raises TypeError("Missing dimensions") while seeking to its second page.
    data = (Path(__file__).parent / "fuzz_findings" / "tiff-missing-dimensions.tif").read_bytes()
    result = ingest_bytes(data)
    assert [f.code for f in result.flags] == ["CORRUPT_FILE"] and result.pages == []
