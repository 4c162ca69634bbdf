"""A self-contained HTML report: every page as an inline thumbnail with what was read, and every flag."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from pathlib import Path

import cv2
import numpy as np
from jinja2 import Environment, FileSystemLoader, select_autoescape

from models import zh
from models.report import Report, eligibility_judged
from verifier.document import DocumentAnalysis

THUMB_SIDE = 900
_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
)


def _thumbnail(image: np.ndarray, boxes: list[list[tuple[float, float]]]) -> str:
    scale = min(1.0, THUMB_SIDE / max(image.shape[:2]))
    thumb = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image.copy()
    for box in boxes:
        pts = (np.array(box) * scale).astype(np.int32)
        cv2.polylines(thumb, [pts], isClosed=True, color=(255, 128, 0), thickness=1)
    ok, jpeg = cv2.imencode(".jpg", thumb, [cv2.IMWRITE_JPEG_QUALITY, 80])
    return "data:image/jpeg;base64," + base64.b64encode(jpeg.tobytes()).decode() if ok else ""


def render_html(report: Report, analyses: list[DocumentAnalysis], timezone: str = zh.DEFAULT_TIMEZONE) -> str:
    """The report in Chinese words (models.zh): flag names, field labels, values, clause titles and sources."""
    from verifier.criteria import RulesetNotFound, load_ruleset

    thumbs = {
        a.report.file: [_thumbnail(v.image, [ln.box for ln in v.lines]) for v in a.views] for a in analyses
    }
    ruleset = None
    if report.ruleset:
        try:
            ruleset = load_ruleset(report.ruleset)
        except RulesetNotFound:
            ruleset = None
    sources = {c.id: ruleset.source_text(c.source) for c in ruleset.clauses} if ruleset else {}
    evaluated = eligibility_judged(report)
    template = _env.get_template("report.html")
    return template.render(
        report=report,
        thumbs=thumbs,
        zh=zh,
        ruleset=ruleset,
        sources=sources,
        titles={c.id: c.title for c in report.clauses},
        eligibility=zh.eligibility_name(report.summary.eligible, evaluated),
        generated=zh.local_time(datetime.now(UTC), timezone),
    )


def write_html(
    path: Path, report: Report, analyses: list[DocumentAnalysis], timezone: str = zh.DEFAULT_TIMEZONE
) -> None:
    path.write_text(render_html(report, analyses, timezone), encoding="utf-8")
