"""Recognition batches by line width: no short line is padded to a long one's width."""

from __future__ import annotations

from verifier.ocr.rapid import width_batches


def test_lines_of_like_width_share_a_batch_and_a_long_row_stands_alone() -> None:
    ratios = [3.0, 2.5, 92.0, 12.0, 11.0, 4.0, 13.5, 1.0]
    batches = width_batches(ratios, size=6, spread=1.5)
    assert sorted(i for batch in batches for i in batch) == list(range(len(ratios)))
    assert [2] in batches, "the 92-wide sliver is padded alone"
    # Everything up to the recogniser's least width (6.7) costs the same and shares one batch.
    assert {0, 1, 5, 7} == set(next(b for b in batches if 0 in b))
    assert {3, 4, 6} == set(next(b for b in batches if 3 in b))


def test_batches_hold_at_most_size_crops() -> None:
    batches = width_batches([5.0] * 14, size=6)
    assert [len(b) for b in batches] == [6, 6, 2]
    assert width_batches([]) == []
