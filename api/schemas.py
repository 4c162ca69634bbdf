"""Request and response bodies of the HTTP API (the report itself is models.report.Report)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from api.accounts import ReviewerRole
from api.auth import Role
from models.report import Report

SubmissionState = Literal["queued", "running", "done", "failed"]


class SubmissionPriority(StrEnum):
    """Which jobs run first: interactive (one document someone waits for), normal, bulk (a season's upload)."""

    interactive = "interactive"
    normal = "normal"
    bulk = "bulk"


class ErrorBody(BaseModel):
    code: str = Field(description="stable code, e.g. FILE_TOO_LARGE, UNAUTHORIZED, IDEMPOTENCY_KEY_REUSED")
    message: str
    detail: object | None = None

    model_config = {"json_schema_extra": {"examples": [{"code": "FILE_TOO_LARGE", "message": "文件过大"}]}}


class SubmissionAccepted(BaseModel):
    id: str
    status: SubmissionState
    status_url: str

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "id": "3f2a9c0e8b7d4e1fa5c6b2d1e0f9a8b7",
                    "status": "queued",
                    "status_url": "/v1/submissions/3f2a9c0e8b7d4e1fa5c6b2d1e0f9a8b7",
                }
            ]
        }
    }


class Progress(BaseModel):
    documents_done: int
    documents_total: int


class ReviewState(BaseModel):
    """What reviewers made of a submission: the report with their decisions applied, and their conclusion."""

    conclusion: Literal["accept", "reject"] | None = Field(None, description="审核通过 / 审核不通过, once given")
    report: Report = Field(description="the CONTRACT report recomputed with reviewers' corrections and decisions")


class SubmissionStatus(BaseModel):
    id: str
    status: SubmissionState
    created_at: datetime
    updated_at: datetime
    progress: Progress
    report: Report | None = Field(None, description="the CONTRACT report, once status is done")
    error: ErrorBody | None = Field(None, description="why, once status is failed")
    review: ReviewState | None = Field(None, description="reviewers' decisions applied, once any was made (extension)")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "id": "3f2a9c0e8b7d4e1fa5c6b2d1e0f9a8b7",
                    "status": "running",
                    "created_at": "2024-05-06T08:00:00Z",
                    "updated_at": "2024-05-06T08:00:03Z",
                    "progress": {"documents_done": 2, "documents_total": 5},
                    "report": None,
                    "error": None,
                }
            ]
        }
    }


class SubmissionSummary(BaseModel):
    """One submission in a listing: its state and verdict counts, without the report."""

    id: str
    status: SubmissionState
    priority: SubmissionPriority
    applicant_name: str | None
    ruleset: str | None
    created_at: datetime
    updated_at: datetime
    progress: Progress
    accepted: int
    review: int
    rejected: int


class SubmissionList(BaseModel):
    items: list[SubmissionSummary]
    next_cursor: str | None = Field(None, description="pass as `cursor` for the next page; null on the last")


class DeletionOut(BaseModel):
    id: str = Field(description="the erased submission")
    status: Literal["deleted"] = "deleted"
    documents: int
    blobs_erased: int
    deleted_at: datetime


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    status: Literal["ready", "not_ready"]
    database: bool
    ocr_engine: bool
    jobs: dict[str, int] = Field(default_factory=dict, description="jobs by status")


class TenantCreate(BaseModel):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{1,63}$", examples=["school-platform-a"])
    name: str = Field(min_length=1, max_length=200, examples=["某市职称申报平台"])


class TenantOut(BaseModel):
    id: str
    name: str


class KeyCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200, examples=["申报平台生产环境"])
    role: Role = Role.platform


class KeyCreated(BaseModel):
    id: str
    tenant_id: str
    name: str
    role: Role
    key: str = Field(description="the API key; shown once, stored only as a hash")


class ReviewerCreate(BaseModel):
    username: str = Field(min_length=1, max_length=64, examples=["wang.laoshi"])
    name: str = Field(min_length=1, max_length=200, examples=["王老师"])
    password: str = Field(min_length=8, max_length=200)
    role: ReviewerRole = ReviewerRole.reviewer


class ReviewerOut(BaseModel):
    id: str
    tenant_id: str
    username: str
    name: str
    role: ReviewerRole
