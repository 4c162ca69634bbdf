"""Deciding which uploads are the same document.

SHA-256 decides byte-identical uploads. Everything else is decided on the recognised text, because a
whole-page perceptual hash puts two teachers' certificates printed from one template closer together
(0–4 bits) than one certificate photographed twice (18–24 bits): pHash only proposes the pairs to compare.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Literal

import numpy as np
from pydantic import BaseModel
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from models.flags import FlagCode
from verifier.duplicates.fingerprint import DocFingerprint
from verifier.settings import defaults
from verifier.settings.duplicates import DuplicateSettings


class DuplicateMatch(BaseModel):
    a: str  # the earlier file, in the order given
    b: str
    kind: Literal["exact", "near"]
    score: float  # 0–1
    reason: str  # in Chinese, for the reviewer

    @property
    def flag_code(self) -> FlagCode:
        return FlagCode.DUPLICATE_EXACT if self.kind == "exact" else FlagCode.DUPLICATE_NEAR


def find_duplicates(fps: list[DocFingerprint], settings: DuplicateSettings | None = None) -> list[DuplicateMatch]:
    s = settings or defaults(DuplicateSettings)
    matches: list[DuplicateMatch] = []
    exact: set[tuple[int, int]] = set()
    by_sha: dict[str, list[int]] = defaultdict(list)
    for i, fp in enumerate(fps):
        by_sha[fp.sha256].append(i)
    for group in by_sha.values():
        for i, j in combinations(group, 2):
            exact.add((i, j))
            matches.append(
                DuplicateMatch(
                    a=fps[i].file, b=fps[j].file, kind="exact", score=1.0, reason="文件内容完全相同（SHA-256 一致）"
                )
            )
    distances = _page_distances(fps)
    for i, j in sorted(_candidate_pairs(fps, distances, s.candidate_radius) - exact):
        decision = compare(fps[i], fps[j], s)
        if decision is not None:
            score, reasons = decision
            if (i, j) in distances:
                reasons.append(f"页面感知哈希距离 {distances[i, j]}")
            matches.append(
                DuplicateMatch(a=fps[i].file, b=fps[j].file, kind="near", score=score, reason="；".join(reasons))
            )
    return matches


def compare(x: DocFingerprint, y: DocFingerprint, s: DuplicateSettings) -> tuple[float, list[str]] | None:
    """(score, reasons) when x and y are the same certificate by their recognised fields, else None."""
    reasons: list[str] = []
    similarities: list[float] = []

    # Fields printed on both copies must not disagree.
    if x.grade and y.grade and x.grade != y.grade:
        return None
    if x.issue_date and y.issue_date and not _dates_agree(x.issue_date, y.issue_date):
        return None
    issuer_sim = fuzz.ratio(x.issuer, y.issuer) if x.issuer and y.issuer else None
    if issuer_sim is not None and issuer_sim < s.issuer_min:
        return None
    text_sim = _text_similarity(x.text_signature, y.text_signature)
    agreeing = []
    if issuer_sim is not None:
        agreeing.append("颁发单位一致")
        similarities.append(issuer_sim)
    if x.issue_date and y.issue_date:
        agreeing.append(f"日期一致（{x.issue_date}）")
    if x.grade and y.grade:
        agreeing.append("等级一致")
    holder_sim = fuzz.ratio(x.holder, y.holder) if x.holder and y.holder else None

    if x.certificate_no and y.certificate_no:
        distance = Levenshtein.distance(x.certificate_no, y.certificate_no)
        if distance == 0:
            reasons.append(f"证书编号相同（{x.certificate_no}）")
        elif (
            distance == 1
            and min(len(x.certificate_no), len(y.certificate_no)) >= s.number_min_length_for_typo
            and holder_sim == 100
            and len(agreeing) >= 2
            and text_sim is not None
            and text_sim >= s.text_min
        ):
            reasons.append(f"证书编号仅差一个字符（{x.certificate_no} / {y.certificate_no}），其余信息一致")
        else:
            return None  # two numbers: two certificates (numbers are often sequential)
        if holder_sim is not None:
            if holder_sim < s.holder_fuzzy_min:
                return None
            reasons.append(
                f"持有人一致（{x.holder}）" if holder_sim == 100 else f"持有人相近（{x.holder} / {y.holder}）"
            )
            similarities.append(holder_sim)
        elif not (issuer_sim is not None and text_sim is not None and text_sim >= s.text_min):
            return None  # a bare number may recur across issuers and years
    else:
        # Without a number on both, the holder must read the same and the wording and most fields agree.
        if holder_sim != 100 or text_sim is None or text_sim < s.text_min or len(agreeing) < 2:
            return None
        reasons.append(f"持有人一致（{x.holder}）")
        similarities.append(holder_sim)
    reasons.extend(agreeing)
    if text_sim is not None:
        reasons.append(f"正文相似度 {text_sim:.0f}%")
        similarities.append(text_sim)
    score = (sum(similarities) / len(similarities) / 100) if similarities else 1.0
    return round(score, 3), reasons


def _dates_agree(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)  # YYYY-MM agrees with any day of that month


def _text_similarity(a: str, b: str) -> float | None:
    if not a or not b:
        return None
    similarity = fuzz.ratio(a, b)
    # A photo may read more than the certificate (a stamp nearby, a desk note): compare the shorter text
    # within the longer when it is at least most of it.
    if min(len(a), len(b)) >= 0.6 * max(len(a), len(b)):
        similarity = max(similarity, fuzz.partial_ratio(a, b))
    return float(similarity)


def _page_distances(fps: list[DocFingerprint]) -> dict[tuple[int, int], int]:
    """Smallest pHash distance between any page of one document and any page of another."""
    owners = np.array([i for i, fp in enumerate(fps) for _ in fp.phashes], dtype=np.int64)
    if owners.size < 2:
        return {}
    hashes = np.array([h for fp in fps for h in fp.phashes], dtype=np.uint64)
    rows, cols = np.triu_indices(len(hashes), k=1)
    bits = np.bitwise_count(hashes[rows] ^ hashes[cols]).astype(np.int64)
    a, b = np.minimum(owners[rows], owners[cols]), np.maximum(owners[rows], owners[cols])
    keep = a != b
    best = np.full((len(fps), len(fps)), 65, dtype=np.int64)
    np.minimum.at(best, (a[keep], b[keep]), bits[keep])
    found = np.argwhere(best <= 64)
    return {(int(i), int(j)): int(best[i, j]) for i, j in found}


def _candidate_pairs(
    fps: list[DocFingerprint], distances: dict[tuple[int, int], int], radius: int
) -> set[tuple[int, int]]:
    pairs = {key for key, d in distances.items() if d <= radius}
    for attribute in ("certificate_no", "holder"):
        groups: dict[str, list[int]] = defaultdict(list)
        for i, fp in enumerate(fps):
            value = getattr(fp, attribute)
            if value:
                groups[value].append(i)
        for group in groups.values():
            pairs.update(combinations(group, 2))
    return pairs
