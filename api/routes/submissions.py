"""Submissions: upload many files for asynchronous verification, poll the status and report, fetch page images."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import uuid
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Header, Path, Query, Request, UploadFile, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from api import jobs
from api.auth import Role
from api.cross_duplicates import applicant_key
from api.deps import CurrentKey, ServicesDep, SessionDep, ViewerKey
from api.erasure import erase_submission
from api.errors import ApiError
from api.schemas import (
    DeletionOut,
    ErrorBody,
    Progress,
    ReviewState,
    SubmissionAccepted,
    SubmissionList,
    SubmissionPriority,
    SubmissionState,
    SubmissionStatus,
    SubmissionSummary,
)
from api.services import Services
from api.tables import ApiKey, Document, Job, Reviewer, Submission, Upload
from api.uploads import check_pixels, check_size, label_uploads
from models.report import Applicant, Report
from models.vocab import Tier, TitleRank
from verifier.criteria import load_ruleset
from verifier.profile import build_profile, parse_profile_json

router = APIRouter(prefix="/v1/submissions", tags=["submissions"], responses={401: {"model": ErrorBody}})

_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "no such submission for this key's tenant"}
}


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=SubmissionAccepted,
    responses={
        200: {"model": SubmissionAccepted, "description": "an earlier request with this Idempotency-Key"},
        404: {"model": ErrorBody, "description": "unknown rule set (UNKNOWN_RULESET)"},
        409: {"model": ErrorBody, "description": "Idempotency-Key reused with another body (IDEMPOTENCY_KEY_REUSED)"},
        413: {"model": ErrorBody, "description": "a file or the request is too large (FILE_TOO_LARGE)"},
        422: {
            "model": ErrorBody,
            "description": "TOO_MANY_FILES, IMAGE_TOO_LARGE, COLUMNS_MISMATCH, INVALID_PROFILE, VALIDATION_ERROR",
        },
    },
    summary="Upload a submission (many files, each with its column) for verification",
    description=(
        "Multipart form. `files`: one part per file. Columns (栏目): either a `columns` field per file, in the same "
        "order (empty for none), or — when no `columns` are sent — a filename prefix `column/file.jpg`. File names "
        "are only labels in the report; types are detected from content. Applicant profile: `name`, "
        "`target_title`, `tier`, `current_title_since`, and `profile` (JSON) for the other facts; "
        "`ruleset` names a rule set (GET /v1/rulesets). "
        "Send an `Idempotency-Key` header to make retries safe: the same key with the same body returns the "
        "first submission, with another body 409."
    ),
)
async def create_submission(
    request: Request,
    key: CurrentKey,
    services: ServicesDep,
    files: Annotated[list[UploadFile], File(description="the documents (images or PDFs)")],
    columns: Annotated[list[str] | None, Form(description="column per file, same order")] = None,
    name: Annotated[str | None, Form(max_length=50, examples=["张晓梅"])] = None,
    target_title: Annotated[TitleRank | None, Form()] = None,
    tier: Annotated[Tier | None, Form()] = None,
    current_title_since: Annotated[date | None, Form()] = None,
    ruleset: Annotated[str | None, Form(max_length=100, examples=["liupanshui-2024"])] = None,
    profile: Annotated[
        str | None,
        Form(
            max_length=4000,
            description="JSON object: more of the applicant's profile (education, teaching_years, staffing, "
            "head_teacher_years, weekly_lessons, rural_service_years, …; field names or Chinese captions). "
            "The named fields above override it.",
            examples=['{"education": "master", "head_teacher_years_since_title": 4, "weekly_lessons": 12}'],
        ),
    ] = None,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)] = None,
    priority: Annotated[
        SubmissionPriority | None,
        Form(description="interactive (default for one file), normal (default), or bulk (a season's upload)"),
    ] = None,
) -> JSONResponse:
    settings = services.settings
    if not files:
        raise ApiError(422, "NO_FILES", "至少上传一个文件")
    if len(files) > settings.max_files:
        raise ApiError(
            422,
            "TOO_MANY_FILES",
            f"每次申报最多 {settings.max_files} 个文件",
            {"files": len(files), "limit": settings.max_files},
        )
    if columns is not None and len(columns) != len(files):
        raise ApiError(
            422, "COLUMNS_MISMATCH", "columns 的数量须与 files 相同", {"files": len(files), "columns": len(columns)}
        )
    if ruleset:
        load_ruleset(ruleset)  # unknown id: 404 UNKNOWN_RULESET before anything is stored
    labels = label_uploads([f.filename for f in files], columns)
    contents: list[bytes] = []
    for (label, _column), upload in zip(labels, files, strict=True):
        if upload.size is not None:
            check_size(upload.size, label, settings)  # spooled already: refuse before reading it into memory
        data = await upload.read(settings.max_file_bytes + 1)
        check_size(len(data), label, settings)
        check_pixels(data, label, settings)
        contents.append(data)
    named = {"name": name, "target_title": target_title, "tier": tier, "current_title_since": current_title_since}
    applicant = build_profile([parse_profile_json(profile) if profile else {}, named]) or Applicant()
    if priority is None:
        # One document is a check someone waits for; a whole submission is the season's normal work.
        priority = SubmissionPriority.interactive if len(files) == 1 else SubmissionPriority.normal
    accepted, job_id = await run_in_threadpool(
        _store_submission, services, key, labels, contents, applicant, ruleset, idempotency_key, priority
    )
    created = job_id is not None
    if job_id is not None:
        await run_in_threadpool(request.app.state.dispatcher.dispatch, [job_id])
    return JSONResponse(
        accepted.model_dump(),
        status_code=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK,
        headers={"Location": accepted.status_url, "Retry-After": str(_poll_after(len(files), 0))},
    )


def _store_submission(
    services: Services,
    key: ApiKey,
    labels: list[tuple[str, str | None]],
    contents: list[bytes],
    applicant: Applicant,
    ruleset: str | None,
    idempotency_key: str | None,
    priority: SubmissionPriority,
) -> tuple[SubmissionAccepted, int | None]:
    """Store the files and the job; the job's id, or None when an earlier request with this key stored it."""
    shas = [services.blobs.put(data) for data in contents]  # durable on disk before the job exists
    request_hash = hashlib.sha256(
        json.dumps(
            {
                "files": [[label, column, sha] for (label, column), sha in zip(labels, shas, strict=True)],
                "applicant": applicant.model_dump(mode="json"),
                "ruleset": ruleset,
            },
            sort_keys=True,
            ensure_ascii=False,
        ).encode()
    ).hexdigest()
    if idempotency_key:
        earlier = _find_idempotent(services, key.tenant_id, idempotency_key, request_hash)
        if earlier is not None:
            return earlier, None
    submission_id = uuid.uuid4().hex
    try:
        with services.sessions.begin() as session:
            session.add(
                Submission(
                    id=submission_id,
                    tenant_id=key.tenant_id,
                    applicant=applicant.model_dump(mode="json"),
                    applicant_key=applicant_key(applicant.name, submission_id),
                    ruleset=ruleset,
                    status="queued",
                    idempotency_key=idempotency_key,
                    request_hash=request_hash,
                    documents_total=len(contents),
                )
            )
            session.flush()
            for position, ((label, column), sha, data) in enumerate(zip(labels, shas, contents, strict=True)):
                session.add(
                    Upload(
                        submission_id=submission_id,
                        position=position,
                        file=label,
                        column=column,
                        sha256=sha,
                        size=len(data),
                    )
                )
            job = jobs.enqueue(session, submission_id, key.tenant_id, jobs.Priority[priority.value])
            session.flush()
            job_id = job.id
    except IntegrityError:
        # The same Idempotency-Key arrived twice at once; the other request stored it.
        earlier = _find_idempotent(services, key.tenant_id, idempotency_key or "", request_hash)
        if earlier is None:
            raise
        return earlier, None
    return _accepted(submission_id, "queued"), job_id


def _find_idempotent(services: Services, tenant_id: str, idem_key: str, request_hash: str) -> SubmissionAccepted | None:
    with services.sessions() as session:
        earlier = session.scalar(
            select(Submission).where(Submission.tenant_id == tenant_id, Submission.idempotency_key == idem_key)
        )
    if earlier is None:
        return None
    if earlier.request_hash != request_hash:
        raise ApiError(409, "IDEMPOTENCY_KEY_REUSED", "该 Idempotency-Key 已用于另一份不同的申报")
    return _accepted(earlier.id, earlier.status)


def _accepted(submission_id: str, state: str) -> SubmissionAccepted:
    return SubmissionAccepted(id=submission_id, status=state, status_url=f"/v1/submissions/{submission_id}")


def _poll_after(documents_total: int, documents_done: int) -> int:
    """Seconds a client should wait before polling again (Retry-After): about a second per two documents
    still to verify, between 1 and 30."""
    return max(1, min(30, math.ceil((documents_total - documents_done) / 2)))


def owned_submission(session: SessionDep, key: ApiKey | Reviewer, submission_id: str) -> Submission:
    submission = session.get(Submission, submission_id)
    if submission is None or submission.tenant_id != key.tenant_id or submission.status == "deleted":
        raise ApiError(404, "NOT_FOUND", "申报不存在")  # another tenant's submission does not exist for this key
    return submission


@router.get(
    "",
    response_model=SubmissionList,
    summary="This tenant's submissions, newest first, with filters and cursor pagination",
    responses={422: {"model": ErrorBody, "description": "a bad cursor or filter (VALIDATION_ERROR)"}},
)
def list_submissions(
    key: CurrentKey,
    session: SessionDep,
    status_: Annotated[SubmissionState | None, Query(alias="status")] = None,
    priority: SubmissionPriority | None = None,
    name: Annotated[str | None, Query(max_length=50, description="the applicant's name")] = None,
    created_after: datetime | None = None,
    created_before: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> SubmissionList:
    query = (
        select(Submission, Job.priority)
        .join(Job, Job.submission_id == Submission.id)
        .where(Submission.tenant_id == key.tenant_id, Submission.status != "deleted")
    )
    if status_:
        query = query.where(Submission.status == status_)
    if priority:
        query = query.where(Job.priority == int(jobs.Priority[priority.value]))
    if name:
        query = query.where(Submission.applicant_key == applicant_key(name, ""))
    if created_after:
        query = query.where(Submission.created_at >= created_after)
    if created_before:
        query = query.where(Submission.created_at < created_before)
    if cursor:
        moment, last_id = _read_cursor(cursor)
        query = query.where(
            or_(Submission.created_at < moment, and_(Submission.created_at == moment, Submission.id < last_id))
        )
    rows = session.execute(query.order_by(Submission.created_at.desc(), Submission.id.desc()).limit(limit + 1)).all()
    items = [_summary(submission, priority_value) for submission, priority_value in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1][0]
        next_cursor = _write_cursor(last.created_at, last.id)
    return SubmissionList(items=items, next_cursor=next_cursor)


def _summary(submission: Submission, priority: int) -> SubmissionSummary:
    return SubmissionSummary(
        id=submission.id,
        status=submission.status,
        priority=SubmissionPriority(jobs.Priority(priority).name),
        applicant_name=(submission.applicant or {}).get("name"),
        ruleset=submission.ruleset,
        created_at=submission.created_at,
        updated_at=submission.updated_at,
        progress=Progress(documents_done=submission.documents_done, documents_total=submission.documents_total),
        accepted=submission.accepted,
        review=submission.review,
        rejected=submission.rejected,
    )


def _write_cursor(moment: datetime, submission_id: str) -> str:
    raw = json.dumps([moment.isoformat(), submission_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _read_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        moment, submission_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return datetime.fromisoformat(moment), str(submission_id)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise ApiError(422, "VALIDATION_ERROR", "cursor 无效", {"cursor": cursor}) from exc


@router.delete(
    "/{submission_id}",
    response_model=DeletionOut,
    responses=_NOT_FOUND,
    summary="Erase a submission: its uploads, page images, reports and fingerprints (an audit row is kept)",
)
def delete_submission(
    key: CurrentKey, services: ServicesDep, session: SessionDep, submission_id: str = Path(max_length=64)
) -> DeletionOut:
    owned_submission(session, key, submission_id)
    session.close()
    with services.sessions.begin() as write:
        submission = owned_submission(write, key, submission_id)
        deletion = erase_submission(write, services.blobs, submission, key)
        write.flush()
        return DeletionOut(
            id=submission_id,
            documents=deletion.documents,
            blobs_erased=deletion.blobs_erased,
            deleted_at=deletion.created_at,
        )


@router.post(
    "/{submission_id}/rerun",
    response_model=SubmissionAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    responses={**_NOT_FOUND, 409: {"model": ErrorBody, "description": "still queued or running (NOT_FINISHED)"}},
    summary="Verify a finished submission again, ahead of bulk work (reviewer keys)",
)
def rerun_submission(
    request: Request,
    key: CurrentKey,
    services: ServicesDep,
    session: SessionDep,
    submission_id: str = Path(max_length=64),
) -> JSONResponse:
    if key.role != Role.reviewer:
        raise ApiError(403, "FORBIDDEN", "仅审核员密钥可以重新核验")
    submission = owned_submission(session, key, submission_id)
    if submission.status not in ("done", "failed"):
        raise ApiError(409, "NOT_FINISHED", "该申报尚在处理中")
    session.close()
    with services.sessions.begin() as write:
        job_id = write.scalar(
            update(Job)
            .where(Job.submission_id == submission_id, Job.status.in_(("done", "failed")))
            .values(
                status="queued",
                priority=int(jobs.Priority.interactive),
                attempts=0,
                lease_owner=None,
                lease_until=None,
                published_at=None,
                finished_at=None,
                last_error=None,
            )
            .returning(Job.id)
        )
        if job_id is None:
            raise ApiError(409, "NOT_FINISHED", "该申报尚在处理中")
        write.execute(
            update(Submission)
            .where(Submission.id == submission_id)
            .values(status="queued", error_code=None, error_message=None, updated_at=jobs.now())
        )
    request.app.state.dispatcher.dispatch([job_id])
    accepted = _accepted(submission_id, "queued")
    return JSONResponse(
        accepted.model_dump(),
        status_code=status.HTTP_202_ACCEPTED,
        headers={"Location": accepted.status_url, "Retry-After": str(_poll_after(submission.documents_total, 0))},
    )


@router.get(
    "/{submission_id}",
    response_model=SubmissionStatus,
    responses=_NOT_FOUND,
    summary="Status, and the CONTRACT report once done (Retry-After while queued or running)",
)
def get_submission(
    key: CurrentKey,
    session: SessionDep,
    services: ServicesDep,
    response: Response,
    submission_id: str = Path(max_length=64),
) -> SubmissionStatus:
    submission = owned_submission(session, key, submission_id)
    report = None
    if submission.status == "done" and submission.report_sha:
        report = Report.model_validate_json(services.blobs.get(submission.report_sha))
    if submission.status in ("queued", "running"):
        response.headers["Retry-After"] = str(_poll_after(submission.documents_total, submission.documents_done))
    error = None
    if submission.status == "failed":
        error = ErrorBody(code=submission.error_code or "FAILED", message=submission.error_message or "")
    review = None
    if report is not None and submission.reviewed_sha:
        reviewed = Report.model_validate_json(services.blobs.get(submission.reviewed_sha))
        review = ReviewState(conclusion=submission.decision or None, report=reviewed)
    return SubmissionStatus(
        id=submission.id,
        status=submission.status,
        created_at=submission.created_at,
        updated_at=submission.updated_at,
        progress=Progress(documents_done=submission.documents_done, documents_total=submission.documents_total),
        report=report,
        error=error,
        review=review,
    )


@router.get(
    "/{submission_id}/documents/{doc}/pages/{page}.png",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}, "description": "the page, upright"}, **_NOT_FOUND},
    summary="A page image, upright (documents and pages count from 1, in report order)",
)
def get_page_image(
    key: ViewerKey,
    session: SessionDep,
    services: ServicesDep,
    submission_id: str = Path(max_length=64),
    doc: int = Path(ge=1, le=100_000),
    page: int = Path(ge=1, le=100_000),
) -> Response:
    owned_submission(session, key, submission_id)
    document = session.scalar(
        select(Document).where(Document.submission_id == submission_id, Document.position == doc - 1)
    )
    stored = next((p for p in (document.pages if document else []) if p["number"] == page), None)
    if stored is None:
        raise ApiError(404, "NOT_FOUND", "页面不存在")
    return Response(
        services.blobs.get(stored["image"]), media_type="image/png", headers={"Cache-Control": "private, max-age=86400"}
    )
