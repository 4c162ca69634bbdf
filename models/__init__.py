"""The typed vocabulary every part of the verifier speaks."""

from models.applicant import Education, Post, SchoolArea, SchoolStage, Staffing
from models.flags import FLAG_SPECS, FlagCode, FlagSpec
from models.report import (
    SCHEMA_VERSION,
    Applicant,
    ClauseResult,
    DocumentReport,
    Fields,
    Flag,
    Report,
    Summary,
    summarize,
    verdict_for,
)
from models.vocab import (
    AwardCategory,
    ClauseStatus,
    DocType,
    Grade,
    Level,
    RegistrationResult,
    Severity,
    Tier,
    TitleRank,
    Verdict,
)

__all__ = [
    "FLAG_SPECS",
    "SCHEMA_VERSION",
    "Applicant",
    "AwardCategory",
    "ClauseResult",
    "ClauseStatus",
    "DocType",
    "DocumentReport",
    "Education",
    "Fields",
    "Flag",
    "FlagCode",
    "FlagSpec",
    "Grade",
    "Level",
    "Post",
    "RegistrationResult",
    "Report",
    "SchoolArea",
    "SchoolStage",
    "Severity",
    "Staffing",
    "Summary",
    "Tier",
    "TitleRank",
    "Verdict",
    "summarize",
    "verdict_for",
]
