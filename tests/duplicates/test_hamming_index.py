"""Multi-index hashing: radius queries return exactly the hashes within the radius."""

from __future__ import annotations

import numpy as np
import pytest

from verifier.duplicates import HammingIndex


def flip(value: int, bits: list[int]) -> int:
    for bit in bits:
        value ^= 1 << bit
    return value


@pytest.fixture
def planted() -> tuple[HammingIndex, int, dict[str, int], np.ndarray]:
    rng = np.random.default_rng(7)
    hashes = rng.integers(0, 2**64, size=50_000, dtype=np.uint64)
    index = HammingIndex()
    index.add_many(list(range(len(hashes))), hashes)
    query = int(rng.integers(0, 2**63))
    near = {"n1": flip(query, [3]), "n5": flip(query, [0, 17, 33, 49, 63]), "n8": flip(query, list(range(0, 64, 8)))}
    near["n9"] = flip(query, list(range(9)))
    for name, value in near.items():
        index.add(name, value)
    return index, query, near, hashes


def test_query_returns_planted_neighbours_within_radius_nearest_first(planted):
    index, query, _, hashes = planted
    result = index.query(query, 8)
    brute = {i for i in range(len(hashes)) if bin(int(hashes[i]) ^ query).count("1") <= 8}
    assert [r for r in result if isinstance(r[0], str)] == [("n1", 1), ("n5", 5), ("n8", 8)]
    assert {r[0] for r in result if not isinstance(r[0], str)} == brute


def test_neighbours_added_one_by_one_are_found_after_consolidation(planted):
    index, query, _, _ = planted
    for k in range(5000):  # forces the pending buffer into the sorted tables
        index.add(f"extra{k}", flip(query, [k % 64, (k + 1) % 64, (k + 7) % 64]) if k % 1000 == 0 else k * 7919)
    found = {i for i, _ in index.query(query, 8)}
    assert {"n1", "n5", "n8", "extra0", "extra1000", "extra4000"} <= found
    assert "n9" not in found


def test_saved_index_loads_with_the_same_answers(planted, tmp_path):
    _, query, _, hashes = planted
    numeric = HammingIndex()
    numeric.add_many(list(range(len(hashes))), hashes)
    numeric.add(10**9, flip(query, [1, 2]))
    path = tmp_path / "index.npz"
    numeric.save(path)
    loaded = HammingIndex.load(path)
    assert len(loaded) == len(numeric)
    assert loaded.query(query, 6) == numeric.query(query, 6) == [(10**9, 2)]


def test_radius_outside_the_hash_is_rejected(planted):
    with pytest.raises(ValueError):
        planted[0].query(planted[1], 65)
