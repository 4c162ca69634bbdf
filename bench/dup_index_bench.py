"""Benchmark of the perceptual-hash index: 1,000,000 random 64-bit hashes plus planted near neighbours.

Reports build time, median and p95 radius-8 lookup time, recall of the planted neighbours, memory, and
a brute-force XOR + popcount scan for comparison. Run: python bench/dup_index_bench.py [--size N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verifier.duplicates import HammingIndex


def flip_bits(rng: np.random.Generator, value: int, count: int) -> int:
    for bit in rng.choice(64, size=count, replace=False):
        value ^= 1 << int(bit)
    return value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--radius", type=int, default=8)
    args = parser.parse_args()
    rng = np.random.default_rng(2024)

    hashes = rng.integers(0, 2**64, size=args.size, dtype=np.uint64, endpoint=False)
    queries = rng.integers(0, 2**64, size=args.queries, dtype=np.uint64, endpoint=False)
    planted: dict[int, set[int]] = {}
    ids = list(range(args.size))
    # Three neighbours per query, at 1–radius bits, overwrite random slots.
    slots = rng.choice(args.size, size=3 * args.queries, replace=False)
    for q_index, query in enumerate(queries.tolist()):
        planted[q_index] = set()
        for k in range(3):
            slot = int(slots[3 * q_index + k])
            hashes[slot] = flip_bits(rng, query, int(rng.integers(1, args.radius + 1)))
            planted[q_index].add(slot)

    tracemalloc.start()
    start = time.perf_counter()
    index = HammingIndex()
    index.add_many(ids, hashes)
    build_s = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    times, found_planted = [], 0
    for q_index, query in enumerate(queries.tolist()):
        start = time.perf_counter()
        result = index.query(query, args.radius)
        times.append(time.perf_counter() - start)
        found_planted += len(planted[q_index] & {i for i, _ in result})
    times_ms = np.array(times) * 1000

    brute = []
    for query in queries[:50].tolist():
        start = time.perf_counter()
        np.flatnonzero(np.bitwise_count(hashes ^ np.uint64(query)) <= args.radius)
        brute.append(time.perf_counter() - start)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.npz"
        start = time.perf_counter()
        index.save(path)
        save_s = time.perf_counter() - start
        size_mb = os.path.getsize(path) / 2**20
        start = time.perf_counter()
        HammingIndex.load(path)
        load_s = time.perf_counter() - start

    print(f"entries            {len(index):,}")
    print(f"build              {build_s:.2f} s")
    median, p95 = np.median(times_ms), np.percentile(times_ms, 95)
    print(f"lookup r={args.radius}        median {median:.3f} ms, p95 {p95:.3f} ms")
    print(f"planted recall     {found_planted}/{3 * args.queries}")
    print(f"brute force        median {np.median(brute) * 1000:.2f} ms")
    print(f"index arrays       {index.nbytes / 2**20:.1f} MiB (peak traced during build {peak / 2**20:.1f} MiB)")
    print(f"save / load        {save_s:.2f} s / {load_s:.2f} s, file {size_mb:.1f} MiB")


if __name__ == "__main__":
    main()
