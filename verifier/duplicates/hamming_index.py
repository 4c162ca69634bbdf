"""Radius search over 64-bit perceptual hashes by multi-index hashing (Norouzi et al., 2012).

Each hash is cut into four 16-bit substrings. If two hashes differ in at most r bits, at least one
substring differs in at most ⌊r/4⌋ bits (pigeonhole), so a query probes, in each of the four tables,
the buckets within ⌊r/4⌋ bits of its substring and checks only the hashes found there. Each table is a
sorted array of substrings (binary search per probe), so the index is four numpy arrays plus the hashes,
saved to and loaded from one .npz file.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import numpy as np

_PARTS = 4
_PART_BITS = 16
_CONSOLIDATE_AT = 4096  # hashes added since the last sort are scanned directly until there are this many


class HammingIndex:
    def __init__(self) -> None:
        self._ids: list[int | str] = []
        self._hashes = np.empty(0, dtype=np.uint64)  # sorted tables cover _hashes[: self._indexed]
        self._indexed = 0
        self._order: list[np.ndarray] = []  # per table: positions sorted by substring
        self._keys: list[np.ndarray] = []  # per table: substrings in that order (uint16)
        self._sorted: list[np.ndarray] = []  # per table: the hashes in that order, so buckets are contiguous
        self._pending: list[int] = []

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, id: int | str, hash: int) -> None:
        self._ids.append(id)
        self._pending.append(int(hash))
        if len(self._pending) >= max(_CONSOLIDATE_AT, self._indexed // 100):
            self._consolidate()

    def add_many(self, ids: list[int | str], hashes: np.ndarray | list[int]) -> None:
        values = np.asarray(hashes, dtype=np.uint64)
        if len(ids) != len(values):
            raise ValueError("ids and hashes differ in length")
        self._consolidate()
        self._ids.extend(ids)
        self._hashes = np.concatenate([self._hashes, values])
        self._rebuild()

    def query(self, hash: int, radius: int) -> list[tuple[int | str, int]]:
        """Every (id, distance) within `radius` bits of `hash`, nearest first."""
        if not 0 <= radius <= 64:
            raise ValueError("radius must be 0–64")
        q = np.uint64(int(hash))
        found: list[tuple[int, int]] = []
        if self._indexed:
            unique: dict[int, int] = {}
            for part in range(_PARTS):
                slots = self._bucket_slots(part, int(hash), radius // _PARTS)
                distances = np.bitwise_count(self._sorted[part][slots] ^ q)
                hit = distances <= radius
                unique.update(zip(self._order[part][slots[hit]].tolist(), distances[hit].tolist(), strict=True))
            found.extend(unique.items())
        if self._pending:
            pending = np.asarray(self._pending, dtype=np.uint64)
            distances = np.bitwise_count(pending ^ q)
            for k in np.flatnonzero(distances <= radius).tolist():
                found.append((self._indexed + k, int(distances[k])))
        found.sort(key=lambda item: (item[1], item[0]))
        return [(self._ids[position], distance) for position, distance in found]

    def save(self, path: str | Path) -> None:
        self._consolidate()
        ids = np.asarray(self._ids)
        if ids.dtype == object:
            raise TypeError("ids must be all integers or all strings to be saved")
        np.savez(Path(path), hashes=self._hashes, ids=ids)

    @classmethod
    def load(cls, path: str | Path) -> HammingIndex:
        with np.load(Path(path), allow_pickle=False) as data:
            index = cls()
            index.add_many(data["ids"].tolist(), data["hashes"])
        return index

    @property
    def nbytes(self) -> int:
        """Memory held by the numpy arrays (the id list comes on top)."""
        tables = self._order + self._keys + self._sorted
        return int(self._hashes.nbytes + sum(a.nbytes for a in tables))

    def _consolidate(self) -> None:
        if self._pending:
            self._hashes = np.concatenate([self._hashes, np.asarray(self._pending, dtype=np.uint64)])
            self._pending = []
            self._rebuild()

    def _rebuild(self) -> None:
        self._order, self._keys, self._sorted = [], [], []
        for part in range(_PARTS):
            keys = _substring(self._hashes, part)
            order = np.argsort(keys, kind="stable").astype(np.int32 if len(keys) < 2**31 else np.int64)
            self._order.append(order)
            self._keys.append(keys[order])
            self._sorted.append(self._hashes[order])
        self._indexed = len(self._hashes)

    def _bucket_slots(self, part: int, hash: int, part_radius: int) -> np.ndarray:
        """Slots of table `part` whose substring is within `part_radius` bits of the query's."""
        probe = ((hash >> (part * _PART_BITS)) & 0xFFFF) ^ _flip_masks(part_radius)
        keys = self._keys[part]
        lo = np.searchsorted(keys, probe, side="left")
        counts = np.searchsorted(keys, probe, side="right") - lo
        total = int(counts.sum())
        # Concatenate the ranges [lo, lo + count) without a Python loop.
        starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
        return starts + np.arange(total)


def _substring(hashes: np.ndarray, part: int) -> np.ndarray:
    return ((hashes >> np.uint64(part * _PART_BITS)) & np.uint64(0xFFFF)).astype(np.uint16)


_FLIP_CACHE: dict[int, np.ndarray] = {}


def _flip_masks(radius: int) -> np.ndarray:
    """All 16-bit masks with at most `radius` bits set (137 for radius 2)."""
    if radius not in _FLIP_CACHE:
        masks = [
            sum(1 << b for b in bits)
            for r in range(min(radius, _PART_BITS) + 1)
            for bits in combinations(range(_PART_BITS), r)
        ]
        _FLIP_CACHE[radius] = np.array(masks, dtype=np.uint16)
    return _FLIP_CACHE[radius]
