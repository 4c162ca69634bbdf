"""What the criteria stage returns: clause results, which document supports which clause, and why."""

from __future__ import annotations

from pydantic import BaseModel, Field

from models.report import ClauseResult, Coverage, Flag
from verifier.criteria.schema import GroupRole

__all__ = ["Coverage", "CriteriaResult", "GroupResult"]


class GroupResult(BaseModel):
    id: str
    title: str
    source: str
    role: GroupRole
    required: int = Field(description="须具备下列条件之 N")
    satisfied: int
    needs_reviewer: int = Field(description="clauses whose documents are present but a reviewer must confirm a fact")
    met: bool


class CriteriaResult(BaseModel):
    ruleset: str
    clauses: list[ClauseResult] = Field(description="every clause that applies to the applicant's title and tier")
    groups: list[GroupResult] = Field(default_factory=list)
    assignment: dict[str, list[str]] = Field(
        default_factory=dict, description="file → clause ids it supports (one clause each where the 附则 applies)"
    )
    flags: dict[str, list[Flag]] = Field(default_factory=dict, description="file → flags raised by the criteria")
    notes: dict[str, list[str]] = Field(default_factory=dict, description="file → why it was or was not counted")
    eligible: bool | None = Field(
        None,
        description="true when every required group is met; null without a target title, or when only "
        "reviewer-confirmed clauses could make up the difference",
    )
    search_complete: bool = Field(True, description="false when the assignment search was cut short")
    coverage: Coverage = Field(default_factory=Coverage, description="what `eligible` covers and does not")
