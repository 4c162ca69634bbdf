"""Reads and writes behind the reviewer pages: the queue, decisions, and the report with decisions applied."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, func, or_, select, update
from sqlalchemy.orm import Session

from api.blobs import BlobStore
from api.tables import Document, ReviewDecision, Reviewer, Submission
from models.report import Report
from verifier.reviewed import Decisions, ReviewedReport, apply_decisions

PAGE_SIZE = 25
SUBMISSION = -1  # the position of a decision on the whole submission


@dataclass
class QueueQuery:
    flag: str | None = None
    verdict: str | None = None
    text: str = ""  # applicant name or file name, in part
    assignee: str = ""  # "" anyone, "me", "none", or a reviewer id
    page: int = 1


@dataclass
class QueuePage:
    rows: list[Submission]
    total: int
    page: int
    pages: int
    assignees: dict[str, str] = field(default_factory=dict)  # reviewer id → name


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def queue(session: Session, tenant_id: str, query: QueueQuery, me: str) -> QueuePage:
    """Finished submissions, the ones needing most attention first: rejected documents, then reviews."""
    where = [Submission.tenant_id == tenant_id, Submission.status.in_(("done", "failed"))]
    if query.flag:
        where.append(
            exists().where(Document.submission_id == Submission.id, Document.flag_codes.contains(f" {query.flag} "))
        )
    if query.verdict:
        where.append(exists().where(Document.submission_id == Submission.id, Document.verdict == query.verdict))
    text = "".join(query.text.split())
    if text:
        pattern = _like(text)
        where.append(
            or_(
                Submission.applicant_key.like(pattern, escape="\\"),
                exists().where(Document.submission_id == Submission.id, Document.file.like(pattern, escape="\\")),
            )
        )
    if query.assignee == "me":
        where.append(Submission.assignee_id == me)
    elif query.assignee == "none":
        where.append(Submission.assignee_id.is_(None))
    elif query.assignee:
        where.append(Submission.assignee_id == query.assignee)
    total = session.scalar(select(func.count()).select_from(Submission).where(*where)) or 0
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(1, query.page), pages)
    rows = list(
        session.scalars(
            select(Submission)
            .where(*where)
            .order_by(Submission.rejected.desc(), Submission.review.desc(), Submission.created_at.desc(), Submission.id)
            .offset((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE)
        )
    )
    ids = {r.assignee_id for r in rows if r.assignee_id}
    names = {r.id: r.name for r in session.scalars(select(Reviewer).where(Reviewer.id.in_(ids)))} if ids else {}
    return QueuePage(rows, total, page, pages, names)


def documents(session: Session, submission_id: str) -> list[Document]:
    return list(
        session.scalars(select(Document).where(Document.submission_id == submission_id).order_by(Document.position))
    )


def decisions(session: Session, submission_id: str, position: int | None = None) -> list[ReviewDecision]:
    """Newest first, for the audit log."""
    query = select(ReviewDecision).where(ReviewDecision.submission_id == submission_id)
    if position is not None:
        query = query.where(ReviewDecision.position == position)
    return list(session.scalars(query.order_by(ReviewDecision.created_at.desc(), ReviewDecision.id.desc())))


def load_report(blobs: BlobStore, submission: Submission) -> Report | None:
    """The machine's report, as the pipeline made it."""
    if not submission.report_sha:
        return None
    return Report.model_validate_json(blobs.get(submission.report_sha))


def reviewed_report(blobs: BlobStore, submission: Submission) -> Report | None:
    """The report with reviewers' decisions applied (the machine's while nobody decided anything)."""
    if submission.reviewed_sha:
        return Report.model_validate_json(blobs.get(submission.reviewed_sha))
    return load_report(blobs, submission)


def decision_state(rows: list[ReviewDecision]) -> Decisions:
    """The newest decision of each kind wins; a field set back to the machine's reading drops its correction."""
    state = Decisions()
    for row in sorted(rows, key=lambda r: (r.created_at, r.id)):
        if row.kind == "flag":
            state.flags.setdefault(row.position, {})[row.flag_code] = row.decision
        elif row.kind == "document":
            if row.decision == "undo":
                state.documents.pop(row.position, None)
            else:
                state.documents[row.position] = row.decision
        elif row.kind == "field":
            values = state.fields.setdefault(row.position, {})
            if row.decision == "revert":
                values.pop(row.field, None)
            else:
                values[row.field] = json.loads(row.value) if row.value else None
    return state


def submission_decision(rows: list[ReviewDecision]) -> ReviewDecision | None:
    """The newest decision on the whole submission."""
    return next((r for r in rows if r.kind == "submission"), None)


def recompute(session: Session, blobs: BlobStore, submission: Submission, columns_file: str | None) -> ReviewedReport:
    """Apply every decision to the machine's report and store what follows: the reviewed report, each document's
    verdict and open flags (what the queue filters on), the counts and eligibility the queue shows."""
    machine = load_report(blobs, submission)
    if machine is None:
        raise LookupError(submission.id)
    state = decision_state(decisions(session, submission.id))
    result = apply_decisions(machine, state, columns_file)
    report = result.report
    submission.reviewed_sha = blobs.put(report.model_dump_json().encode())
    submission.accepted = report.summary.accepted
    submission.review = report.summary.review
    submission.rejected = report.summary.rejected
    submission.eligible = "" if report.summary.eligible is None else str(report.summary.eligible).lower()
    for position, doc in enumerate(report.documents):
        ruled_out = state.overridden(position)
        codes = sorted({f.code.value for f in doc.flags if f.code.value not in ruled_out})
        session.execute(
            update(Document)
            .where(Document.submission_id == submission.id, Document.position == position)
            .values(
                verdict=doc.verdict.value,
                doc_type=doc.doc_type.value if doc.doc_type else None,
                flag_codes=" " + " ".join(codes) + " " if codes else "",
            )
        )
    return result


@dataclass
class PageOverlay:
    number: int
    width: int
    height: int
    rotation: int
    lines: list[dict[str, Any]]  # {text, points "x,y x,y …", confidence}
    columns: bool = False  # written in columns (竖排), read by columns and shown upright


def page_overlays(blobs: BlobStore, document: Document) -> list[PageOverlay]:
    pages = []
    for page in document.pages:
        lines = json.loads(blobs.get(page["lines"]))
        for line in lines:
            line["points"] = " ".join(f"{x:.1f},{y:.1f}" for x, y in line["box"])
        pages.append(
            PageOverlay(
                page["number"], page["width"], page["height"], page["rotation"], lines, page.get("columns", False)
            )
        )
    return pages

