"""One upload that holds several certificates is flagged, and the first is verified rather than a mix of them."""

from __future__ import annotations

from models.flags import FlagCode
from models.vocab import DocType
from tests.core.pdfs import Run, runs_pdf
from tests.core.test_pdf_text_layer import CERTIFICATE
from verifier.document import analyze_document
from verifier.ocr import get_engine
from verifier.settings import OcrSettings, Settings

HONOUR: list[Run] = [
    (300, 100, 44, "荣誉证书"),
    (110, 180, 24, "张晓梅同志："),
    (150, 230, 20, "在2022年度教育教学工作中成绩突出，"),
    (150, 270, 20, "被评为“六盘水市优秀教师”。"),
    (150, 310, 20, "特发此证，以资鼓励。"),
    (560, 420, 20, "六盘水市人民政府"),
    (560, 520, 18, "二〇二二年九月十日"),
]
QUALIFICATION: list[Run] = [
    (300, 100, 40, "教师资格证书"),
    (110, 180, 20, "姓名 张晓梅  性别 女"),
    (110, 220, 20, "资格种类 初级中学教师资格"),
    (110, 260, 20, "任教学科 数学"),
    (110, 300, 20, "证书号码 20155220042001234"),
    (560, 420, 20, "发证机关：六盘水市教育局"),
    (560, 470, 18, "2015年7月1日"),
]
REGISTRATION: list[Run] = [
    (300, 100, 40, "教师资格定期注册"),
    (110, 180, 20, "注册日期 注册结论 注册机构（盖章）"),
    (110, 230, 20, "2016.09.01 合格 六盘水市教育局"),
    (110, 280, 20, "2021.09.01 合格 六盘水市教育局"),
]


def _report(pages: list[list[Run]]):  # type: ignore[no-untyped-def]
    # Text-layer pages: the null engine reads nothing, so all comes from the PDFs' text.
    engine = get_engine(OcrSettings(engine="null"))
    return analyze_document(runs_pdf(pages), "upload.pdf", None, engine, Settings()).report


def test_an_award_and_an_honour_in_one_pdf_are_flagged_and_the_first_is_verified() -> None:
    report = _report([CERTIFICATE, HONOUR])
    flags = [f for f in report.flags if f.code == FlagCode.SEVERAL_DOCUMENTS]
    assert len(flags) == 1 and "第2页" in flags[0].message
    assert report.doc_type == DocType.award_certificate
    # The award's own fields, not the honour's date or issuer.
    assert (report.fields.issuer, report.fields.issue_date) == ("六盘水市教育局", "2023-11")


def test_one_certificate_and_its_companion_page_are_one_upload() -> None:
    for pages in ([QUALIFICATION, REGISTRATION], [CERTIFICATE, CERTIFICATE], [CERTIFICATE]):
        report = _report(pages)
        assert FlagCode.SEVERAL_DOCUMENTS not in [f.code for f in report.flags]
