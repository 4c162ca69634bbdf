"""DUPLICATE_ACROSS_APPLICANTS: the same certificate in an earlier submission by another applicant.

Fingerprints of every verified document are kept in the database. Candidates are found through indexed
columns (same bytes, same certificate number, same holder) — the duplicate decision itself needs one of those to
agree — and decided by verifier.duplicates. Matches across tenants are flagged without naming anything of the
other tenant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from api.tables import Fingerprint, Submission
from models.flags import FlagCode
from models.report import Flag
from verifier.duplicates import DocFingerprint, DuplicateSettings, find_duplicates

_MAX_CANDIDATES = 200  # a common holder name can recur a lot; the nearest earlier ones are enough


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


def remember(session: Session, submission: Submission, position: int, fingerprint: DocFingerprint) -> None:
    first_phash = fingerprint.phashes[0] if fingerprint.phashes else None
    session.add(
        Fingerprint(
            submission_id=submission.id,
            submitted_at=submission.created_at,
            tenant_id=submission.tenant_id,
            applicant_key=submission.applicant_key,
            position=position,
            file=fingerprint.file,
            sha256=fingerprint.sha256,
            certificate_no=fingerprint.certificate_no[:100],
            holder=fingerprint.holder[:100],
            phash=_signed(first_phash) if first_phash is not None else None,
            data=fingerprint.model_dump(mode="json"),
        )
    )


def find_matches(
    session: Session, submission: Submission, fingerprint: DocFingerprint, settings: DuplicateSettings | None = None
) -> list[CrossMatch]:
    keys = [Fingerprint.sha256 == fingerprint.sha256]
    if fingerprint.certificate_no:
        keys.append(Fingerprint.certificate_no == fingerprint.certificate_no[:100])
    if fingerprint.holder:
        keys.append(Fingerprint.holder == fingerprint.holder[:100])
    rows = session.scalars(
        select(Fingerprint)
        .where(or_(*keys), Fingerprint.submission_id != submission.id)
        .order_by(Fingerprint.submitted_at.desc())
        .limit(_MAX_CANDIDATES)
    ).all()
    rows = [r for r in rows if _is_other_earlier(r, submission)]
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


def flag_for(match: CrossMatch) -> Flag:
    if match.same_tenant:
        who = match.applicant if match.applicant and not match.applicant.startswith("#") else "另一申报人"
        detail = f"与{who}的申报材料（编号 {match.submission_id}）中的「{match.file}」为同一证书；{match.reason}"
    else:
        detail = "与其他平台的申报材料为同一证书"  # nothing of the other tenant leaks
    return Flag.make(FlagCode.DUPLICATE_ACROSS_APPLICANTS, detail=detail, value=round(float(match.score), 3))


def _is_other_earlier(row: Fingerprint, submission: Submission) -> bool:
    if row.tenant_id == submission.tenant_id and row.applicant_key == submission.applicant_key:
        return False  # the same applicant's resubmission is not fraud
    theirs, ours = _naive(row.submitted_at), _naive(submission.created_at)
    return (theirs, row.submission_id) < (ours, submission.id)


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= (1 << 63) else value
