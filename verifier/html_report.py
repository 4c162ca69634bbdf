"""A self-contained HTML report: every page as an inline thumbnail with what was read, and every flag."""

from __future__ import annotations

import base64
from pathlib import Path

import cv2
import numpy as np
from jinja2 import Environment, FileSystemLoader, select_autoescape

from models.report import Report
from models.vocab import DOC_TYPE_ZH, GRADE_ZH, LEVEL_ZH
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


def render_html(report: Report, analyses: list[DocumentAnalysis]) -> str:
    thumbs = {
        a.report.file: [_thumbnail(v.image, [ln.box for ln in v.lines]) for v in a.views] for a in analyses
    }
    template = _env.get_template("report.html")
    return template.render(
        report=report,
        thumbs=thumbs,
        doc_type_zh={k.value: v for k, v in DOC_TYPE_ZH.items()},
        level_zh={k.value: v for k, v in LEVEL_ZH.items()},
        grade_zh={k.value: v for k, v in GRADE_ZH.items()},
    )


def write_html(path: Path, report: Report, analyses: list[DocumentAnalysis]) -> None:
    path.write_text(render_html(report, analyses), encoding="utf-8")
