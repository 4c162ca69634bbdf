"""Analyses kept on disk by the file's content hash, so a second run over a school verifies only what is new.

An entry is the per-document analysis (before any cross-document check): the report, the duplicate
fingerprint and the page views the HTML report draws. It is written whole or not at all (a folder renamed into
place), so a run stopped half-way leaves only finished entries. The key includes the pipeline's settings: a run
with another engine or other thresholds verifies again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import cv2
import numpy as np

from models.page import TextLine
from models.report import DocumentReport
from verifier.document import DocumentAnalysis, PageView
from verifier.duplicates import DocFingerprint
from verifier.settings import Settings

_JPEG_QUALITY = 85


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def settings_digest(settings: Settings) -> str:
    """What decides an analysis: every setting except how many processes and threads ran it."""
    values = settings.model_dump(mode="json", exclude={"workers", "timezone"})
    values.get("ocr", {}).pop("threads", None)
    values.get("ocr", {}).pop("cache_dir", None)
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:16]


class AnalysisCache:
    def __init__(self, directory: Path, settings: Settings) -> None:
        self.directory = Path(directory)
        self.digest = settings_digest(settings)

    def _entry(self, sha256: str) -> Path:
        return self.directory / sha256[:2] / f"{sha256}-{self.digest}"

    def has(self, sha256: str) -> bool:
        return (self._entry(sha256) / "report.json").is_file()

    def load(self, sha256: str, file: str, column: str | None) -> DocumentAnalysis | None:
        """The kept analysis, labelled with this upload's path and column; None when absent or unreadable."""
        entry = self._entry(sha256)
        try:
            report = DocumentReport.model_validate_json((entry / "report.json").read_text(encoding="utf-8"))
            fingerprint_path = entry / "fingerprint.json"
            fingerprint = (
                DocFingerprint.model_validate_json(fingerprint_path.read_text(encoding="utf-8"))
                if fingerprint_path.is_file()
                else None
            )
            views = [self._load_view(entry, meta) for meta in json.loads((entry / "views.json").read_text("utf-8"))]
        except (OSError, ValueError):
            return None
        report.file, report.column = file, column
        if fingerprint is not None:
            fingerprint.file = file
        return DocumentAnalysis(report=report, views=views, fingerprint=fingerprint)

    @staticmethod
    def _load_view(entry: Path, meta: dict[str, object]) -> PageView:
        image = cv2.imdecode(np.fromfile(entry / str(meta["image"]), dtype=np.uint8), cv2.IMREAD_COLOR)
        if image is None:
            raise ValueError("page image unreadable")
        lines = [
            TextLine(text=ln["text"], box=[tuple(p) for p in ln["box"]], confidence=ln["confidence"])
            for ln in meta["lines"]  # type: ignore[attr-defined]
        ]
        return PageView(
            number=int(meta["number"]),  # type: ignore[call-overload]  # an int in the JSON this cache wrote
            image=image,
            lines=lines,
            rotation=int(meta["rotation"]),  # type: ignore[call-overload]  # an int in the JSON this cache wrote
            source=str(meta["source"]),
            columns=bool(meta.get("columns", False)),
        )

    def store(self, sha256: str, analysis: DocumentAnalysis) -> None:
        entry = self._entry(sha256)
        if entry.exists():
            return
        entry.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".part-", dir=entry.parent))
        try:
            views = []
            for view in analysis.views:
                name = f"page_{view.number}.jpg"
                ok, jpeg = cv2.imencode(".jpg", view.image, [cv2.IMWRITE_JPEG_QUALITY, _JPEG_QUALITY])
                if not ok:
                    continue
                (staging / name).write_bytes(jpeg.tobytes())
                views.append(
                    {
                        "number": view.number,
                        "image": name,
                        "rotation": view.rotation,
                        "source": str(view.source),
                        "columns": view.columns,
                        "lines": [
                            {"text": ln.text, "box": [list(p) for p in ln.box], "confidence": ln.confidence}
                            for ln in view.lines
                        ],
                    }
                )
            (staging / "views.json").write_text(json.dumps(views, ensure_ascii=False), encoding="utf-8")
            if isinstance(analysis.fingerprint, DocFingerprint):
                (staging / "fingerprint.json").write_text(analysis.fingerprint.model_dump_json(), encoding="utf-8")
            # The report last: its presence marks the entry complete.
            (staging / "report.json").write_text(analysis.report.model_dump_json(), encoding="utf-8")
            os.replace(staging, entry)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
            if not entry.exists():  # else another run stored the same file meanwhile
                raise
