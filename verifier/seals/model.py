"""A seal found on a page."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Seal(BaseModel):
    """A red round or oval seal, in the pixel coordinates of the image it was found on."""

    centre: tuple[float, float]
    axes: tuple[float, float] = Field(description="full ellipse axes (major, minor) in pixels")
    angle: float = Field(description="direction of the major axis in degrees, clockwise from the x axis (0–180)")
    rim_coverage: float = Field(ge=0, le=1, description="share of the ellipse rim that is red ink")
    box: tuple[int, int, int, int] = Field(description="x, y, width, height")
