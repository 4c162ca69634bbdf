"""Documents already seen in other applicants' submissions, kept in memory (the CLI and benchmarks).

The HTTP service keeps the same facts in its database (api/cross_duplicates.py); both decide with `compare`.
Candidates come from exact keys — same bytes, same certificate number, same holder — because a near-duplicate
decision needs the number or the holder to agree anyway.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from verifier.duplicates.fingerprint import DocFingerprint
from verifier.duplicates.matching import compare
from verifier.settings import defaults
from verifier.settings.duplicates import DuplicateSettings


@dataclass(frozen=True)
class SeenDocument:
    submission: str
    applicant: str
    fingerprint: DocFingerprint


@dataclass
class CrossMatch:
    submission: str
    file: str
    score: float
    reason: str


@dataclass
class SubmissionRegister:
    settings: DuplicateSettings = field(default_factory=lambda: defaults(DuplicateSettings))
    _seen: list[SeenDocument] = field(default_factory=list)
    _by_key: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))

    @staticmethod
    def _keys(fp: DocFingerprint) -> list[tuple[str, str]]:
        keys = [("sha", fp.sha256)]
        if fp.certificate_no:
            keys.append(("no", fp.certificate_no))
        if fp.holder:
            keys.append(("holder", fp.holder))
        return keys

    def matches(self, fp: DocFingerprint, applicant: str) -> list[CrossMatch]:
        """Earlier documents of other applicants that are the same certificate as fp."""
        candidates = sorted({i for key in self._keys(fp) for i in self._by_key.get(key, [])})
        found = []
        for i in candidates:
            seen = self._seen[i]
            if seen.applicant == applicant:
                continue
            if seen.fingerprint.sha256 == fp.sha256:
                found.append(CrossMatch(seen.submission, seen.fingerprint.file, 1.0, "文件内容完全相同"))
                continue
            decision = compare(seen.fingerprint, fp, self.settings)
            if decision is not None:
                score, reasons = decision
                found.append(CrossMatch(seen.submission, seen.fingerprint.file, score, "；".join(reasons)))
        return found

    def add(self, submission: str, applicant: str, fp: DocFingerprint) -> None:
        self._seen.append(SeenDocument(submission, applicant, fp))
        for key in self._keys(fp):
            self._by_key[key].append(len(self._seen) - 1)
