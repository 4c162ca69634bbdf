"""A document past its time budget: its worker process is stopped, the document is flagged, the rest of the
submission is verified."""

from __future__ import annotations

from fixtures.hostile import slow_pdf
from models.flags import FlagCode
from tests.core.pdfs import text_pdf
from verifier.pipeline import Upload, WorkerPool, verify_submission
from verifier.settings import Settings

CE = ["继续教育证书", "张晓梅 同志：", "参加全员培训，完成 48 学时，准予结业。", "六盘水市教育局", "二〇二三年十二月"]


def budget_settings(seconds: float) -> Settings:
    settings = Settings()
    settings.ocr.engine = "null"
    settings.document_seconds = seconds
    return settings


def test_a_document_past_its_budget_is_flagged_and_the_rest_verified() -> None:
    # The slow page takes minutes to draw; the budget is a fraction of that and far above a certificate's time.
    settings = budget_settings(10)
    uploads = [
        Upload(file="a.pdf", data=text_pdf(CE)),
        Upload(file="slow.pdf", data=slow_pdf()),
        Upload(file="b.pdf", data=text_pdf([line.replace("48", "24") for line in CE])),
    ]
    with WorkerPool(settings, 1) as pool:
        report = verify_submission(uploads, settings=settings, pool=pool).report
    slow = report.documents[1]
    assert [f.code for f in slow.flags] == [FlagCode.PROCESSING_TIMEOUT]
    assert "超时" in slow.flags[0].message and slow.verdict == "review"
    assert [d.fields.hours for d in (report.documents[0], report.documents[2])] == [48, 24]
