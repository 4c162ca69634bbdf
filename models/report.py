"""The verification report (shared CONTRACT.md): the same model for the CLI's --json and the HTTP API."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from models.applicant import Applicant
from models.flags import FLAG_SPECS, FlagCode
from models.vocab import (
    AwardCategory,
    ClauseStatus,
    DocType,
    Grade,
    Level,
    RegistrationResult,
    Severity,
    TitleRank,
    Verdict,
)

SCHEMA_VERSION = "1"


class Fields(BaseModel):
    """What a document proves; every field is null where the document has none."""

    holder: str | None = None
    issuer: str | None = None
    issue_date: str | None = Field(None, description="ISO YYYY-MM-DD, or YYYY-MM where the day is not printed")
    level: Level | None = None
    grade: Grade | None = None
    award_category: AwardCategory | None = None
    rank: int | None = Field(None, ge=1, description="1 for 排名第一 / 第一完成人")
    certificate_no: str | None = None
    service_years: int | None = Field(None, ge=0)
    hours: float | None = Field(None, ge=0)
    credits: float | None = Field(None, ge=0)
    subject: str | None = None
    qualification_kind: str | None = None
    registration_result: RegistrationResult | None = None
    title_rank: TitleRank | None = None


class Flag(BaseModel):
    code: FlagCode
    severity: Severity
    message: str = Field(description="Chinese message for clerks and reviewers")
    page: int | None = Field(None, ge=1, description="1-based page the flag concerns; null for the whole file")
    value: float | str | None = Field(None, description="the measured value that triggered the flag (extension)")

    @classmethod
    def make(
        cls,
        code: FlagCode,
        *,
        page: int | None = None,
        detail: str | None = None,
        value: float | str | None = None,
        severity: Severity | None = None,
    ) -> Flag:
        spec = FLAG_SPECS[code]
        message = spec.message_zh if not detail else f"{spec.message_zh}：{detail}"
        return cls(code=code, severity=severity or spec.severity, message=message, page=page, value=value)


class DocumentReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file: str = Field(description="path as given, relative to the folder or submission")
    sha256: str | None = None
    column: str | None = None
    pages: int = 0
    doc_type: DocType | None = None
    doc_type_confidence: float | None = Field(None, ge=0, le=1)
    verdict: Verdict = Verdict.accept
    fields: Fields = Field(default_factory=Fields)
    quality: dict[str, Any] = Field(default_factory=dict, description="measured scores, per page")
    flags: list[Flag] = Field(default_factory=list)
    duplicate_of: list[str] = Field(default_factory=list)
    clauses: list[str] = Field(default_factory=list)
    text: str = ""
    cues: list[str] = Field(default_factory=list, description="the text cues behind doc_type (extension)")
    read_from_seal: list[str] = Field(
        default_factory=list,
        description="fields read from a seal's ring text because the printed text gave none (extension)",
    )
    members: list[str] = Field(
        default_factory=list,
        description="every person a certificate names as its recipients when it names several (a team, joint "
        "winners, the teachers who coached), the holder first; the applicant counts when among them (extension)",
    )


class ClauseResult(BaseModel):
    id: str
    title: str
    status: ClauseStatus
    evidence: list[str] = Field(default_factory=list)
    missing: str | None = Field(None, description="what is still missing, in plain Chinese (extension)")


class Coverage(BaseModel):
    """What `eligible` covers (extension): the groups it was decided on and what the rule set does not check."""

    evaluated_groups: list[str] = Field(default_factory=list, description="required groups `eligible` is decided on")
    reported_groups: list[str] = Field(
        default_factory=list, description="groups reported but not deciding `eligible` (破格, 注册结论)"
    )
    not_modelled: list[str] = Field(
        default_factory=list, description="conditions of the notice no clause checks; a reviewer judges them"
    )
    needs_target_title: bool = Field(False, description="true when `eligible` is null for want of a target title")


class Summary(BaseModel):
    documents: int
    accepted: int
    review: int
    rejected: int
    eligible: bool | None = None
    coverage: Coverage | None = Field(None, description="what `eligible` covers, when a rule set ran (extension)")


class Report(BaseModel):
    schema_version: str = SCHEMA_VERSION
    ruleset: str | None = None
    applicant: Applicant | None = None
    documents: list[DocumentReport] = Field(default_factory=list)
    clauses: list[ClauseResult] = Field(default_factory=list)
    summary: Summary


def eligibility_judged(report: Report) -> bool:
    """Was eligibility judged? Not without a target title, unless the rule set decides it for every title alike
    (年度验证, 定期注册: summary.coverage.needs_target_title is false)."""
    if report.summary.coverage is not None:
        return not report.summary.coverage.needs_target_title
    return report.applicant is not None and report.applicant.target_title is not None


def verdict_for(flags: list[Flag]) -> Verdict:
    """CONTRACT: reject on any error flag, review on any warning, else accept."""
    if any(f.severity == Severity.error for f in flags):
        return Verdict.reject
    if flags:
        return Verdict.review
    return Verdict.accept


def summarize(
    documents: list[DocumentReport], eligible: bool | None = None, coverage: Coverage | None = None
) -> Summary:
    return Summary(
        coverage=coverage,
        documents=len(documents),
        accepted=sum(d.verdict == Verdict.accept for d in documents),
        review=sum(d.verdict == Verdict.review for d in documents),
        rejected=sum(d.verdict == Verdict.reject for d in documents),
        eligible=eligible,
    )
