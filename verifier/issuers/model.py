"""The answer of the level inference."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.vocab import Level


@dataclass
class LevelInference:
    level: Level | None
    unit: str | None = None  # the body matched, e.g. "贵州省六盘水市" or "盘州市第一中学"
    province: str | None = None
    cues: list[str] = field(default_factory=list)  # why, in words a reviewer can check
    confidence: float = 0.0
