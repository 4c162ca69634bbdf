"""DUPLICATE_ACROSS_APPLICANTS: the same certificate stored earlier in another applicant's submission.

Fingerprints of every verified document are kept in the database. "Earlier" means stored first: a document's
fingerprint is checked and stored in one transaction that first takes a lock per certificate key (its SHA-256,
certificate number and holder — a duplicate decision needs the number or the holder to agree), so when two
workers verify two applicants' copies at the same moment one waits for the other, and exactly the later one is
flagged. Candidates come from those indexed keys and, for a re-photographed copy, from the stored perceptual
hashes through a Hamming index (verifier.duplicates.HammingIndex); verifier.duplicates decides. Matches across
tenants are flagged without naming anything of the other tenant.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field

from sqlalchemy import delete, or_, select, text, update
from sqlalchemy.orm import Session

from api.tables import Fingerprint, Submission
from models.flags import FlagCode
from models.report import Flag
from verifier.duplicates import DocFingerprint, DuplicateSettings, HammingIndex, find_duplicates

_MAX_CANDIDATES = 200  # a common holder name can recur a lot; the nearest earlier ones are enough
# Fingerprint ids can commit out of order on PostgreSQL (a lower id in a longer transaction): each refresh of
# the Hamming index reads back this many ids before the highest one it has seen.
_REFRESH_OVERLAP = 1000


@dataclass
class CrossMatch:
    submission_id: str
    position: int
    file: str
    applicant: str | None  # None when the other submission belongs to another tenant
    score: float
    reason: str

    @property
    def same_tenant(self) -> bool:
        return self.applicant is not None


def applicant_key(name: str | None, submission_id: str) -> str:
    """Who the applicant is, for 'another applicant': the normalised name, or the submission itself when unnamed."""
    cleaned = "".join((name or "").split())
    return cleaned or f"#{submission_id}"


def forget(session: Session, submission_id: str) -> None:
    session.execute(delete(Fingerprint).where(Fingerprint.submission_id == submission_id))


def lock_keys(session: Session, fingerprint: DocFingerprint) -> None:
    """Hold, until the transaction ends, a lock per certificate key of this fingerprint.

    PostgreSQL: one transaction-level advisory lock per key, taken in sorted order so two transactions never
    wait on each other in a circle. SQLite has one writer at a time: a write (that changes nothing) takes its
    lock before anything is read, which serialises these transactions whatever their keys."""
    if session.get_bind().dialect.name != "postgresql":
        session.execute(update(Fingerprint).where(Fingerprint.id == -1).values(position=-1))
        return
    keys = {"sha:" + fingerprint.sha256}
    if fingerprint.certificate_no:
        keys.add("no:" + fingerprint.certificate_no[:100])
    if fingerprint.holder:
        keys.add("holder:" + fingerprint.holder[:100])
    for key in sorted(keys):
        lock = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock})


def check_and_remember(
    session: Session,
    submission: Submission,
    position: int,
    fingerprint: DocFingerprint,
    settings: DuplicateSettings,
) -> list[CrossMatch]:
    """Inside the caller's transaction: lock the keys, find the copies stored before this one, store it.

    A retried job keeps the place its documents took the first time (their rows are updated, not stored anew),
    so a copy stored by another applicant in between stays the later one."""
    lock_keys(session, fingerprint)
    mine = session.scalar(
        select(Fingerprint).where(Fingerprint.submission_id == submission.id, Fingerprint.position == position)
    )
    if mine is not None and mine.sha256 != fingerprint.sha256:
        session.delete(mine)
        session.flush()
        mine = None
    matches = find_matches(session, submission, fingerprint, settings, before=mine.id if mine else None)
    if mine is None:
        remember(session, submission, position, fingerprint)
    else:
        session.execute(
            update(Fingerprint).where(Fingerprint.id == mine.id).values(**_columns(fingerprint), file=fingerprint.file)
        )
    return matches


def remember(session: Session, submission: Submission, position: int, fingerprint: DocFingerprint) -> None:
    session.add(
        Fingerprint(
            submission_id=submission.id,
            submitted_at=submission.created_at,
            tenant_id=submission.tenant_id,
            applicant_key=submission.applicant_key,
            position=position,
            file=fingerprint.file,
            **_columns(fingerprint),
        )
    )


def _columns(fingerprint: DocFingerprint) -> dict[str, object]:
    first_phash = fingerprint.phashes[0] if fingerprint.phashes else None
    return {
        "sha256": fingerprint.sha256,
        "certificate_no": fingerprint.certificate_no[:100],
        "holder": fingerprint.holder[:100],
        "phash": _signed(first_phash) if first_phash is not None else None,
        "data": fingerprint.model_dump(mode="json"),
    }


def find_matches(
    session: Session,
    submission: Submission,
    fingerprint: DocFingerprint,
    settings: DuplicateSettings,
    before: int | None = None,
) -> list[CrossMatch]:
    """Other applicants' documents stored before this one (all stored so far, or those before row `before`)
    that verifier.duplicates decides are the same certificate."""
    keys = [Fingerprint.sha256 == fingerprint.sha256]
    if fingerprint.certificate_no:
        keys.append(Fingerprint.certificate_no == fingerprint.certificate_no[:100])
    if fingerprint.holder:
        keys.append(Fingerprint.holder == fingerprint.holder[:100])
    phashes = fingerprint.phashes
    near = _PHASHES.neighbours(session, phashes[0], settings.candidate_radius) if phashes else []
    if near:
        keys.append(Fingerprint.id.in_(near[:_MAX_CANDIDATES]))
    query = select(Fingerprint).where(or_(*keys), Fingerprint.submission_id != submission.id)
    if before is not None:
        query = query.where(Fingerprint.id < before)
    rows = session.scalars(query.order_by(Fingerprint.id.desc()).limit(_MAX_CANDIDATES)).all()
    rows = [r for r in rows if not _same_applicant(r, submission)]
    if not rows:
        return []
    this = fingerprint.model_copy(update={"file": "\x00this"})
    others = [DocFingerprint.model_validate({**row.data, "file": str(i)}) for i, row in enumerate(rows)]
    matches: list[CrossMatch] = []
    seen: set[tuple[str, int]] = set()
    for match in find_duplicates([this, *others], settings):
        if this.file not in (match.a, match.b):
            continue
        row = rows[int(match.b if match.a == this.file else match.a)]
        if (row.submission_id, row.position) in seen:
            continue
        seen.add((row.submission_id, row.position))
        same_tenant = row.tenant_id == submission.tenant_id
        applicant = row.applicant_key if same_tenant else None
        matches.append(CrossMatch(row.submission_id, row.position, row.file, applicant, match.score, match.reason))
    return matches


@dataclass
class _PhashNeighbours:
    """This process's Hamming index over the stored first-page pHashes, brought up to date before each query
    from the rows stored since (a fingerprint deleted since is simply not found again by id)."""

    index: HammingIndex = field(default_factory=HammingIndex)
    known: set[int] = field(default_factory=set)
    highest: int = 0
    database: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def neighbours(self, session: Session, phash: int, radius: int) -> list[int]:
        with self.lock:
            self._refresh(session)
            return [int(i) for i, _distance in self.index.query(phash, radius)]

    def _refresh(self, session: Session) -> None:
        database = str(session.get_bind().engine.url)
        if database != self.database:  # another database (tests, a reconfigured process): start over
            self.index, self.known, self.highest, self.database = HammingIndex(), set(), 0, database
        rows = session.execute(
            select(Fingerprint.id, Fingerprint.phash).where(
                Fingerprint.id > self.highest - _REFRESH_OVERLAP, Fingerprint.phash.is_not(None)
            )
        ).all()
        for row_id, phash in rows:
            if phash is not None and row_id not in self.known:  # the query leaves out rows without one
                self.known.add(row_id)
                self.index.add(row_id, phash & ((1 << 64) - 1))
                self.highest = max(self.highest, row_id)


_PHASHES = _PhashNeighbours()


def flag_for(match: CrossMatch) -> Flag:
    if match.same_tenant:
        who = match.applicant if match.applicant and not match.applicant.startswith("#") else "另一申报人"
        detail = f"与{who}的申报材料（编号 {match.submission_id}）中的「{match.file}」为同一证书；{match.reason}"
    else:
        detail = "与其他平台的申报材料为同一证书"  # nothing of the other tenant leaks
    return Flag.make(FlagCode.DUPLICATE_ACROSS_APPLICANTS, detail=detail, value=round(float(match.score), 3))


def _same_applicant(row: Fingerprint, submission: Submission) -> bool:
    # The same applicant's resubmission is not fraud.
    return row.tenant_id == submission.tenant_id and row.applicant_key == submission.applicant_key


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= (1 << 63) else value
