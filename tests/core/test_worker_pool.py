"""A file that kills its worker process is reported as corrupt; every other file is still verified."""

from __future__ import annotations

import os
from dataclasses import dataclass

from models.flags import FlagCode
from tests.core.pdfs import text_pdf
from verifier.pipeline import Upload, analyze_all
from verifier.settings import Settings
from verifier.workers import CHILD_ENV


@dataclass
class CrashingUpload(Upload):
    """Stands in for a decoder crash: reading it ends the worker process abruptly (in workers only)."""

    def read(self) -> bytes:
        if os.environ.get(CHILD_ENV):
            os._exit(70)
        return b""


def test_crashing_file_does_not_lose_the_submission() -> None:
    settings = Settings()
    settings.ocr.engine = "null"
    good = text_pdf(["继续教育证书", "完成 48 学时"])
    uploads = [Upload(file=f"ok{i}.pdf", data=good) for i in range(4)]
    uploads.insert(2, CrashingUpload(file="crash.jpg"))
    results = list(analyze_all(uploads, settings, workers=2))
    assert [r.report.file for r in results] == [u.file for u in uploads]
    crashed = results[2].report
    assert [f.code for f in crashed.flags] == [FlagCode.CORRUPT_FILE]
    for analysis in results[:2] + results[3:]:
        assert analysis.report.flags == []
        assert analysis.report.fields.hours == 48
