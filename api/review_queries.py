"""Reads behind the reviewer pages: the attention-ordered queue and one document with its decisions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from api.blobs import BlobStore
from api.tables import Document, ReviewDecision, Submission
from models.report import Report

QUEUE_LIMIT = 200


def queue(session: Session, tenant_id: str, flag: str | None, verdict: str | None) -> list[Submission]:
    """Finished submissions, the ones needing most attention first: rejected documents, then reviews."""
    query = select(Submission).where(Submission.tenant_id == tenant_id, Submission.status.in_(("done", "failed")))
    if flag:
        query = query.where(
            exists().where(Document.submission_id == Submission.id, Document.flag_codes.contains(f" {flag} "))
        )
    if verdict:
        query = query.where(exists().where(Document.submission_id == Submission.id, Document.verdict == verdict))
    query = query.order_by(Submission.rejected.desc(), Submission.review.desc(), Submission.created_at.desc())
    return list(session.scalars(query.limit(QUEUE_LIMIT)))


def documents(session: Session, submission_id: str) -> list[Document]:
    return list(
        session.scalars(select(Document).where(Document.submission_id == submission_id).order_by(Document.position))
    )


def decisions(session: Session, submission_id: str, position: int | None = None) -> list[ReviewDecision]:
    query = select(ReviewDecision).where(ReviewDecision.submission_id == submission_id)
    if position is not None:
        query = query.where(ReviewDecision.position == position)
    return list(session.scalars(query.order_by(ReviewDecision.created_at.desc(), ReviewDecision.id.desc())))


def load_report(blobs: BlobStore, submission: Submission) -> Report | None:
    if not submission.report_sha:
        return None
    return Report.model_validate_json(blobs.get(submission.report_sha))


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
