"""Reviewer pages (server-rendered, Chinese): queue, submission, document with boxes, flag decisions, audit log."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from api import auth, review_queries
from api.deps import SESSION_COOKIE, ServicesDep, SessionDep
from api.errors import ApiError
from api.tables import ApiKey, Document, ReviewDecision, Submission
from models.flags import FlagCode
from models.vocab import DOC_TYPE_ZH, GRADE_ZH, LEVEL_ZH, DocType, Grade, Level

router = APIRouter(prefix="/review", include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")
templates.env.globals.update(
    doc_type_zh=lambda code: DOC_TYPE_ZH.get(DocType(code), code) if code in DocType.__members__ else (code or "—"),
    level_zh=lambda code: LEVEL_ZH.get(Level(code), code) if code in Level.__members__ else code,
    grade_zh=lambda code: GRADE_ZH.get(Grade(code), code) if code in Grade.__members__ else code,
    verdict_zh={"accept": "通过", "review": "待复核", "reject": "不通过"},
    status_zh={"queued": "排队中", "running": "处理中", "done": "已完成", "failed": "失败"},
    decision_zh={"accept": "确认问题", "override": "驳回（误报）"},
    flag_codes=[code.value for code in FlagCode],
)


class LoginRequired(Exception):
    pass


def reviewer(request: Request, services: ServicesDep, session: SessionDep) -> ApiKey:
    key = auth.find_session_key(session, request.cookies.get(SESSION_COOKIE, ""), services.settings.key_pepper)
    if key is None or key.role != auth.Role.reviewer:
        raise LoginRequired
    return key


ReviewerDep = Annotated[ApiKey, Depends(reviewer)]


def _same_origin(request: Request) -> bool:
    """Form posts must come from our own pages (the cookie is also SameSite=Strict)."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return True
    return urlsplit(origin).netloc == request.url.netloc


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, error: str | None = None) -> HTMLResponse:
    return templates.TemplateResponse(request, "login.html", {"error": error})


@router.post("/login")
def login(request: Request, services: ServicesDep, key: Annotated[str, Form(max_length=200)]) -> Response:
    with services.sessions.begin() as session:
        found = auth.find_key(session, key.strip(), services.settings.key_pepper)
        if found is None or found.role != auth.Role.reviewer:
            return templates.TemplateResponse(
                request, "login.html", {"error": "密钥无效或不是审核员密钥"}, status_code=401
            )
        token = auth.open_session(session, found, services.settings.key_pepper, services.settings.session_hours)
    response = RedirectResponse("/review", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=int(services.settings.session_hours * 3600),
        path="/",
    )
    return response


@router.post("/logout")
def logout(request: Request, services: ServicesDep) -> Response:
    with services.sessions.begin() as session:
        auth.close_session(session, request.cookies.get(SESSION_COOKIE, ""), services.settings.key_pepper)
    response = RedirectResponse("/review/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("", response_class=HTMLResponse)
def queue_page(
    request: Request,
    key: ReviewerDep,
    session: SessionDep,
    flag: Annotated[str | None, Query(max_length=64)] = None,
    verdict: Annotated[str | None, Query(max_length=16)] = None,
) -> HTMLResponse:
    flag = flag if flag in FlagCode.__members__ else None
    verdict = verdict if verdict in ("accept", "review", "reject") else None
    submissions = review_queries.queue(session, key.tenant_id, flag, verdict)
    return templates.TemplateResponse(
        request, "queue.html", {"reviewer": key, "submissions": submissions, "flag": flag, "verdict": verdict}
    )


def _submission(session: SessionDep, key: ApiKey, submission_id: str) -> Submission:
    submission = session.get(Submission, submission_id)
    if submission is None or submission.tenant_id != key.tenant_id:
        raise ApiError(404, "NOT_FOUND", "申报不存在")
    return submission


@router.get("/submissions/{submission_id}", response_class=HTMLResponse)
def submission_page(
    request: Request, submission_id: str, key: ReviewerDep, session: SessionDep, services: ServicesDep
) -> HTMLResponse:
    submission = _submission(session, key, submission_id)
    report = review_queries.load_report(services.blobs, submission)
    return templates.TemplateResponse(
        request,
        "submission.html",
        {
            "reviewer": key,
            "submission": submission,
            "report": report,
            "decisions": review_queries.decisions(session, submission.id),
        },
    )


@router.get("/submissions/{submission_id}/documents/{doc}", response_class=HTMLResponse)
def document_page(
    request: Request, submission_id: str, doc: int, key: ReviewerDep, session: SessionDep, services: ServicesDep
) -> HTMLResponse:
    submission = _submission(session, key, submission_id)
    report = review_queries.load_report(services.blobs, submission)
    rows = review_queries.documents(session, submission.id)
    if report is None or not 1 <= doc <= len(report.documents) or len(rows) != len(report.documents):
        raise ApiError(404, "NOT_FOUND", "材料不存在")
    document, row = report.documents[doc - 1], rows[doc - 1]
    decisions = review_queries.decisions(session, submission.id, doc - 1)
    latest = {}
    for decision in reversed(decisions):  # oldest first, so the newest wins
        latest[decision.flag_code] = decision
    clause_titles = {c.id: c.title for c in report.clauses}
    return templates.TemplateResponse(
        request,
        "document.html",
        {
            "reviewer": key,
            "submission": submission,
            "doc_number": doc,
            "document": document,
            "pages": review_queries.page_overlays(services.blobs, row),
            "duplicates": _duplicate_views(session, key, row),
            "clause_titles": clause_titles,
            "decisions": decisions,
            "latest": latest,
        },
    )


def _duplicate_views(session: SessionDep, key: ApiKey, row: Document) -> list[dict[str, object]]:
    views = []
    for link in row.duplicates:
        other = session.get(Submission, link["submission_id"])
        if other is None or other.tenant_id != key.tenant_id:
            continue
        views.append({**link, "doc": link["position"] + 1, "applicant_name": (other.applicant or {}).get("name")})
    return views


@router.post("/submissions/{submission_id}/documents/{doc}/decisions")
def record_decision(
    request: Request,
    submission_id: str,
    doc: int,
    key: ReviewerDep,
    services: ServicesDep,
    flag_code: Annotated[str, Form(max_length=64)],
    decision: Annotated[str, Form(max_length=16)],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    if not _same_origin(request):
        raise ApiError(403, "FORBIDDEN", "跨站请求被拒绝")
    if decision not in ("accept", "override") or flag_code not in FlagCode.__members__:
        raise ApiError(422, "VALIDATION_ERROR", "无效的审核决定")
    if not reason.strip():
        raise ApiError(422, "REASON_REQUIRED", "请填写理由")
    with services.sessions.begin() as session:
        submission = _submission(session, key, submission_id)
        rows = review_queries.documents(session, submission.id)
        if not 1 <= doc <= len(rows) or f" {flag_code} " not in rows[doc - 1].flag_codes:
            raise ApiError(404, "NOT_FOUND", "该材料没有这个标记")
        session.add(
            ReviewDecision(
                submission_id=submission.id,
                position=doc - 1,
                flag_code=flag_code,
                decision=decision,
                reason=reason.strip(),
                actor=f"{key.name}（{key.id}）",
            )
        )
    return RedirectResponse(f"/review/submissions/{submission_id}/documents/{doc}#audit", status_code=303)
