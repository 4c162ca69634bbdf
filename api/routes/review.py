"""Reviewer pages (server-rendered, Chinese): sign-in, queue, submission, document; decisions that count.

Every decision (a flag confirmed or ruled out, a field corrected, a document or the whole submission accepted or
rejected, an assignment) is a row in the audit log with the reviewer's name and the model version, and the
report is recomputed from the machine's with all decisions applied (verifier/reviewed.py): verdicts, clause
outcomes, eligibility and the queue's counts follow at once.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from api import accounts, review_queries
from api.deps import SESSION_COOKIE, ServicesDep, SessionDep
from api.errors import ApiError
from api.review_queries import SUBMISSION, QueueQuery
from api.services import Services
from api.tables import Document, ReviewDecision, Reviewer, Submission
from models import zh
from models.flags import FlagCode
from models.report import eligibility_judged
from models.vocab import (
    AWARD_CATEGORY_ZH,
    DOC_TYPE_ZH,
    GRADE_ZH,
    LEVEL_ZH,
    TITLE_RANK_ZH,
    ClauseStatus,
    Verdict,
)
from verifier.criteria import RuleSet, RulesetNotFound, load_ruleset
from verifier.errors import UsageError
from verifier.reviewed import CORRECTABLE, DOC_TYPE_FIELD, corrected_value
from verifier.version import model_version

router = APIRouter(prefix="/review", include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")

# Choices a reviewer picks a corrected value from, by field; other fields are typed.
_CHOICES: dict[str, dict[str, str]] = {
    DOC_TYPE_FIELD: {k.value: v for k, v in DOC_TYPE_ZH.items()},
    "level": {k.value: v for k, v in LEVEL_ZH.items()},
    "grade": {k.value: v for k, v in GRADE_ZH.items()},
    "award_category": {k.value: v for k, v in AWARD_CATEGORY_ZH.items()},
    "registration_result": {k.value: v for k, v in zh.REGISTRATION_RESULT_ZH.items()},
    "title_rank": {k.value: v for k, v in TITLE_RANK_ZH.items()},
}
_FLAG_DECISION_ZH = {"accept": "确认问题", "override": "驳回（误报）"}
_DOCUMENT_DECISION_ZH = {"accept": "人工通过", "reject": "人工退回", "undo": "撤销人工结论"}
_SUBMISSION_DECISION_ZH = {"accept": "审核通过", "reject": "审核不通过"}
_ROLE_ZH = {"reviewer": "审核员", "admin": "管理员"}


def _audit_text(row: ReviewDecision) -> tuple[str, str]:
    """What an audit row is about and what was decided, in Chinese."""
    if row.kind == "flag":
        return f"标记：{zh.flag_name(row.flag_code)}", _FLAG_DECISION_ZH.get(row.decision, row.decision)
    if row.kind == "field":
        label = "材料类型" if row.field == DOC_TYPE_FIELD else zh.field_label(row.field)
        if row.decision == "revert":
            return f"字段：{label}", "恢复为识别值"
        before = _shown(row.field, json.loads(row.previous) if row.previous else None)
        after = _shown(row.field, json.loads(row.value) if row.value else None)
        return f"字段：{label}", f"更正为「{after}」（识别值「{before}」）"
    if row.kind == "document":
        return "材料结论", _DOCUMENT_DECISION_ZH.get(row.decision, row.decision)
    if row.kind == "submission":
        return "申报结论", _SUBMISSION_DECISION_ZH.get(row.decision, row.decision)
    if row.kind == "assign":
        return "分配", f"分配给 {row.value or '（无）'}"
    return row.kind, row.decision


def _ruleset_name(ruleset_id: str | None) -> str:
    if not ruleset_id:
        return "—"
    try:
        return load_ruleset(ruleset_id).name
    except RulesetNotFound:
        return ruleset_id


def _shown(name: str, value: Any) -> str:
    if name == DOC_TYPE_FIELD:
        return zh.doc_type_name(value)
    return zh.field_value(name, value)


templates.env.globals.update(
    zh=zh,
    flag_codes=[code.value for code in FlagCode],
    status_zh={"queued": "排队中", "running": "处理中", "done": "已完成", "failed": "失败"},
    flag_decision_zh=_FLAG_DECISION_ZH,
    document_decision_zh=_DOCUMENT_DECISION_ZH,
    submission_decision_zh=_SUBMISSION_DECISION_ZH,
    role_zh=_ROLE_ZH,
    choices=_CHOICES,
    audit_text=_audit_text,
    shown=_shown,
    ruleset_name=_ruleset_name,
    verdicts=[v.value for v in (Verdict.reject, Verdict.review, Verdict.accept)],
)


class LoginRequired(Exception):
    pass


def current_reviewer(request: Request, services: ServicesDep, session: SessionDep) -> Reviewer:
    cookie = request.cookies.get(SESSION_COOKIE, "")
    reviewer = accounts.find_session_reviewer(session, cookie, services.settings.key_pepper)
    if reviewer is None:
        raise LoginRequired
    return reviewer


ReviewerDep = Annotated[Reviewer, Depends(current_reviewer)]


def _same_origin(request: Request) -> bool:
    """Form posts must come from our own pages (the cookie is also SameSite=Strict)."""
    if request.headers.get("sec-fetch-site") == "cross-site":  # the browser's own word, even without Origin
        return False
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return True
    return urlsplit(origin).netloc == request.url.netloc


def _check_origin(request: Request) -> None:
    if not _same_origin(request):
        raise ApiError(403, "FORBIDDEN", "跨站请求被拒绝")


def _render(
    request: Request, services: Services, name: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    context.setdefault("timezone", services.verifier_settings.timezone)
    return templates.TemplateResponse(request, name, context, status_code=status)


# --- sign-in ----------------------------------------------------------------------------------------------------
@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, services: ServicesDep) -> HTMLResponse:
    return _render(request, services, "login.html", {"error": None})


@router.post("/login")
def login(
    request: Request,
    services: ServicesDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=200)],
) -> Response:
    _check_origin(request)
    with services.sessions.begin() as session:
        reviewer = accounts.authenticate(session, username, password)
        if reviewer is None:
            return _render(request, services, "login.html", {"error": "用户名或密码错误", "username": username}, 401)
        token = accounts.open_session(session, reviewer, services.settings.key_pepper, services.settings.session_hours)
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
        accounts.close_session(session, request.cookies.get(SESSION_COOKIE, ""), services.settings.key_pepper)
    response = RedirectResponse("/review/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# --- the queue --------------------------------------------------------------------------------------------------
@router.get("", response_class=HTMLResponse)
def queue_page(
    request: Request,
    reviewer: ReviewerDep,
    session: SessionDep,
    services: ServicesDep,
    flag: Annotated[str | None, Query(max_length=64)] = None,
    verdict: Annotated[str | None, Query(max_length=16)] = None,
    q: Annotated[str, Query(max_length=100)] = "",
    assignee: Annotated[str, Query(max_length=32)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    query = QueueQuery(
        flag=flag if flag in FlagCode.__members__ else None,
        verdict=verdict if verdict in Verdict.__members__ else None,
        text=q.strip(),
        assignee=assignee,
        page=page,
    )
    result = review_queries.queue(session, reviewer.tenant_id, query, reviewer.id)

    def link(number: int) -> str:
        params = {k: v for k, v in (("flag", query.flag), ("verdict", query.verdict), ("q", query.text),
                                    ("assignee", query.assignee)) if v}
        return "/review?" + urlencode({**params, "page": number})

    return _render(
        request,
        services,
        "queue.html",
        {
            "reviewer": reviewer,
            "result": result,
            "query": query,
            "link": link,
            "reviewers": accounts.tenant_reviewers(session, reviewer.tenant_id),
            "filtered": bool(query.flag or query.verdict or query.text or query.assignee),
        },
    )


# --- a submission -----------------------------------------------------------------------------------------------
def _submission(session: Session, reviewer: Reviewer, submission_id: str, lock: bool = False) -> Submission:
    # Decisions lock the row, so two reviewers deciding at once recompute one after the other (PostgreSQL).
    submission = session.get(Submission, submission_id, with_for_update=lock)
    if submission is None or submission.tenant_id != reviewer.tenant_id:
        raise ApiError(404, "NOT_FOUND", "申报不存在")
    return submission


def _ruleset(report: Any) -> RuleSet | None:
    if report is None or not report.ruleset:
        return None
    try:
        return load_ruleset(report.ruleset)
    except RulesetNotFound:
        return None


def _eligibility(report: Any) -> str:
    if report is None or not report.ruleset:
        return "未评估"
    evaluated = eligibility_judged(report)
    return zh.eligibility_name(report.summary.eligible, evaluated)


@router.get("/submissions/{submission_id}", response_class=HTMLResponse)
def submission_page(
    request: Request, submission_id: str, reviewer: ReviewerDep, session: SessionDep, services: ServicesDep
) -> HTMLResponse:
    submission = _submission(session, reviewer, submission_id)
    report = review_queries.reviewed_report(services.blobs, submission)
    ruleset = _ruleset(report)
    rows = review_queries.decisions(session, submission.id)
    reviewers = accounts.tenant_reviewers(session, reviewer.tenant_id)
    return _render(
        request,
        services,
        "submission.html",
        {
            "reviewer": reviewer,
            "submission": submission,
            "report": report,
            "ruleset": ruleset,
            "sources": {c.id: ruleset.source_text(c.source) for c in ruleset.clauses} if ruleset else {},
            "titles": {c.id: c.title for c in report.clauses} if report else {},
            "eligibility": _eligibility(report),
            "decisions": rows,
            "conclusion": review_queries.submission_decision(rows),
            "reviewers": reviewers,
            "assignee": next((r for r in reviewers if r.id == submission.assignee_id), None),
            "pending": ClauseStatus.needs_reviewer,
        },
    )


@router.get("/submissions/{submission_id}/documents/{doc}", response_class=HTMLResponse)
def document_page(
    request: Request, submission_id: str, doc: int, reviewer: ReviewerDep, session: SessionDep, services: ServicesDep
) -> HTMLResponse:
    submission = _submission(session, reviewer, submission_id)
    machine = review_queries.load_report(services.blobs, submission)
    report = review_queries.reviewed_report(services.blobs, submission)
    rows = review_queries.documents(session, submission.id)
    if report is None or machine is None or not 1 <= doc <= len(report.documents) or len(rows) != len(
        report.documents
    ):
        raise ApiError(404, "NOT_FOUND", "材料不存在")
    document, reading, row = report.documents[doc - 1], machine.documents[doc - 1], rows[doc - 1]
    all_decisions = review_queries.decisions(session, submission.id)
    state = review_queries.decision_state(all_decisions)
    corrected = state.fields.get(doc - 1, {})
    fields = []
    for name in CORRECTABLE:
        value = document.doc_type.value if name == DOC_TYPE_FIELD and document.doc_type else None
        read = reading.doc_type.value if name == DOC_TYPE_FIELD and reading.doc_type else None
        if name != DOC_TYPE_FIELD:
            value, read = getattr(document.fields, name), getattr(reading.fields, name)
        fields.append(
            {
                "name": name,
                "label": "材料类型" if name == DOC_TYPE_FIELD else zh.field_label(name),
                "value": value,
                "reading": read,
                "corrected": name in corrected,
                "seal": name in document.read_from_seal,
            }
        )
    return _render(
        request,
        services,
        "document.html",
        {
            "reviewer": reviewer,
            "submission": submission,
            "report": report,
            "doc_number": doc,
            "document": document,
            "fields": fields,
            "pages": review_queries.page_overlays(services.blobs, row),
            "duplicates": _duplicate_views(session, reviewer, row),
            "titles": {c.id: c.title for c in report.clauses},
            "decisions": [d for d in all_decisions if d.position == doc - 1],
            "flag_state": state.flags.get(doc - 1, {}),
            "document_decision": state.documents.get(doc - 1),
            "eligibility": _eligibility(report),
            "previous": doc - 1 if doc > 1 else None,
            "next": doc + 1 if doc < len(report.documents) else None,
        },
    )


def _duplicate_views(session: Session, reviewer: Reviewer, row: Document) -> list[dict[str, object]]:
    views = []
    for link in row.duplicates:
        other = session.get(Submission, link["submission_id"])
        if other is None or other.tenant_id != reviewer.tenant_id:
            continue
        views.append({**link, "doc": link["position"] + 1, "applicant_name": (other.applicant or {}).get("name")})
    return views


# --- decisions --------------------------------------------------------------------------------------------------
def _decide(
    services: Services,
    reviewer: Reviewer,
    submission_id: str,
    position: int,
    kind: str,
    decision: str,
    reason: str,
    assignee_id: str | None = None,
    **extra: Any,
) -> None:
    """Record one decision and recompute the reviewed report, in one transaction."""
    with services.sessions.begin() as session:
        submission = _submission(session, reviewer, submission_id, lock=True)
        if submission.status != "done" or not submission.report_sha:
            raise ApiError(409, "NOT_READY", "申报尚未核验完成")
        count = len(review_queries.documents(session, submission.id))
        if position != SUBMISSION and not 0 <= position < count:
            raise ApiError(404, "NOT_FOUND", "材料不存在")
        session.add(
            ReviewDecision(
                submission_id=submission.id,
                position=position,
                kind=kind,
                flag_code=extra.pop("flag_code", ""),
                decision=decision,
                reason=reason.strip(),
                actor=reviewer.name,
                reviewer_id=reviewer.id,
                model_version=model_version(services.verifier_settings),
                **extra,
            )
        )
        if kind == "submission":
            submission.decision = decision
        elif kind == "assign":
            submission.assignee_id = assignee_id
        session.flush()
        review_queries.recompute(session, services.blobs, submission, services.verifier_settings.columns_file)


def _back(submission_id: str, doc: int | None = None, anchor: str = "") -> RedirectResponse:
    path = f"/review/submissions/{submission_id}" + (f"/documents/{doc}" if doc else "")
    return RedirectResponse(path + (f"#{anchor}" if anchor else ""), status_code=303)


@router.post("/submissions/{submission_id}/documents/{doc}/flags")
def decide_flag(
    request: Request,
    submission_id: str,
    doc: int,
    reviewer: ReviewerDep,
    services: ServicesDep,
    flag_code: Annotated[str, Form(max_length=64)],
    decision: Annotated[str, Form(max_length=16)],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    _check_origin(request)
    if decision not in _FLAG_DECISION_ZH or flag_code not in FlagCode.__members__:
        raise ApiError(422, "VALIDATION_ERROR", "无效的审核决定")
    if not reason.strip():
        raise ApiError(422, "REASON_REQUIRED", "请填写理由")
    with services.sessions() as session:
        report = review_queries.reviewed_report(services.blobs, _submission(session, reviewer, submission_id))
    # A flag already ruled out is still in the reviewed report (shown struck out) and can be decided again.
    if report is None or not 1 <= doc <= len(report.documents) or all(
        f.code.value != flag_code for f in report.documents[doc - 1].flags
    ):
        raise ApiError(404, "NOT_FOUND", "该材料没有这个标记")
    _decide(services, reviewer, submission_id, doc - 1, "flag", decision, reason, flag_code=flag_code)
    return _back(submission_id, doc, "audit")


def _check_decision(request: Request, decision: str, reason: str, allowed: dict[str, str], why: str) -> None:
    """From our own pages, one of the allowed decisions, and a reason for a rejection."""
    _check_origin(request)
    if decision not in allowed:
        raise ApiError(422, "VALIDATION_ERROR", "无效的审核决定")
    if decision == "reject" and not reason.strip():
        raise ApiError(422, "REASON_REQUIRED", why)


@router.post("/submissions/{submission_id}/documents/{doc}/decision")
def decide_document(
    request: Request,
    submission_id: str,
    doc: int,
    reviewer: ReviewerDep,
    services: ServicesDep,
    decision: Annotated[str, Form(max_length=16)],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    _check_decision(request, decision, reason, _DOCUMENT_DECISION_ZH, "退回须填写理由")
    _decide(services, reviewer, submission_id, doc - 1, "document", decision, reason)
    return _back(submission_id, doc, "decision")


@router.post("/submissions/{submission_id}/documents/{doc}/fields")
def correct_field(
    request: Request,
    submission_id: str,
    doc: int,
    reviewer: ReviewerDep,
    services: ServicesDep,
    field: Annotated[str, Form(max_length=64)],
    value: Annotated[str, Form(max_length=500)] = "",
    revert: Annotated[str, Form(max_length=8)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    _check_origin(request)
    try:
        corrected = corrected_value(field, value)
    except UsageError as exc:
        raise ApiError(422, "VALIDATION_ERROR", str(exc)) from exc
    with services.sessions() as session:
        machine = review_queries.load_report(services.blobs, _submission(session, reviewer, submission_id))
    if machine is None or not 1 <= doc <= len(machine.documents):
        raise ApiError(404, "NOT_FOUND", "材料不存在")
    reading = machine.documents[doc - 1]
    previous = (reading.doc_type.value if reading.doc_type else None) if field == DOC_TYPE_FIELD else getattr(
        reading.fields, field
    )
    _decide(
        services,
        reviewer,
        submission_id,
        doc - 1,
        "field",
        "revert" if revert else "correct",
        reason,
        field=field,
        value=json.dumps(corrected, ensure_ascii=False),
        previous=json.dumps(previous, ensure_ascii=False),
    )
    return _back(submission_id, doc, "fields")


@router.post("/submissions/{submission_id}/decision")
def decide_submission(
    request: Request,
    submission_id: str,
    reviewer: ReviewerDep,
    services: ServicesDep,
    decision: Annotated[str, Form(max_length=16)],
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    _check_decision(request, decision, reason, _SUBMISSION_DECISION_ZH, "审核不通过须填写理由")
    _decide(services, reviewer, submission_id, SUBMISSION, "submission", decision, reason)
    return _back(submission_id, anchor="audit")


@router.post("/submissions/{submission_id}/assign")
def assign(
    request: Request,
    submission_id: str,
    reviewer: ReviewerDep,
    services: ServicesDep,
    assignee: Annotated[str, Form(max_length=32)] = "",
) -> Response:
    _check_origin(request)
    with services.sessions() as session:
        names = {r.id: r.name for r in accounts.tenant_reviewers(session, reviewer.tenant_id)}
    if assignee and assignee not in names:
        raise ApiError(422, "VALIDATION_ERROR", "无此审核员")
    _decide(
        services, reviewer, submission_id, SUBMISSION, "assign", "assign", "",
        assignee_id=assignee or None, value=names.get(assignee, ""),
    )
    return _back(submission_id)


# --- accounts (admin) -------------------------------------------------------------------------------------------
def _admin(reviewer: Reviewer) -> Reviewer:
    if reviewer.role != accounts.ReviewerRole.admin:
        raise ApiError(403, "FORBIDDEN", "仅管理员可管理账号")
    return reviewer


@router.get("/accounts", response_class=HTMLResponse)
def accounts_page(
    request: Request, reviewer: ReviewerDep, session: SessionDep, services: ServicesDep, error: str = ""
) -> HTMLResponse:
    _admin(reviewer)
    people = accounts.tenant_reviewers(session, reviewer.tenant_id)
    return _render(request, services, "accounts.html", {"reviewer": reviewer, "people": people, "error": error})


@router.post("/accounts")
def create_account(
    request: Request,
    reviewer: ReviewerDep,
    services: ServicesDep,
    username: Annotated[str, Form(max_length=64)],
    name: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=200)],
    role: Annotated[str, Form(max_length=16)] = "reviewer",
) -> Response:
    _check_origin(request)
    _admin(reviewer)
    if role not in accounts.ReviewerRole.__members__:
        raise ApiError(422, "VALIDATION_ERROR", "无效的角色")
    try:
        with services.sessions.begin() as session:
            accounts.create_reviewer(
                session, reviewer.tenant_id, username, name, password, accounts.ReviewerRole(role)
            )
    except accounts.AccountError as exc:
        return RedirectResponse("/review/accounts?" + urlencode({"error": str(exc)}), status_code=303)
    return RedirectResponse("/review/accounts", status_code=303)

