"""What the quality stage reports: per-page scores and flags."""

from __future__ import annotations

from pydantic import BaseModel, Field

from models.report import Flag


class PageQuality(BaseModel):
    page: int = Field(ge=1)
    scores: dict[str, float] = Field(default_factory=dict, description="measured values, one number per measure")
    flags: list[Flag] = Field(default_factory=list)
