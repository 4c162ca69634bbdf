"""The pipeline end to end on small rendered documents: OCR only where needed, bad files never stop the rest."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from models.flags import FlagCode
from models.vocab import DocType, Grade, Level
from tests.conftest import encode, pil_bytes
from tests.core.pdfs import text_pdf
from verifier.ocr import get_engine
from verifier.orient import rotate_image
from verifier.pipeline import Upload, collect_uploads, verify_submission
from verifier.settings import Settings

pytestmark = pytest.mark.ocr


class CountingEngine:
    """The real engine, counting how often it is asked to read."""

    name = "counting"

    def __init__(self) -> None:
        self.inner = get_engine()
        self.calls = 0

    def detect(self, image: np.ndarray, max_side: int | None = None):  # type: ignore[no-untyped-def]
        self.calls += 1
        return self.inner.detect(image, max_side)

    def recognize(self, crops):  # type: ignore[no-untyped-def]
        self.calls += 1
        return self.inner.recognize(crops)


@pytest.fixture
def counting_engine(monkeypatch: pytest.MonkeyPatch) -> CountingEngine:
    engine = CountingEngine()
    monkeypatch.setattr("verifier.pipeline.get_engine", lambda settings=None: engine)
    return engine


CE_LINES = [
    "继续教育证书",
    "张晓梅 同志：",
    "参加2023年六盘水市中小学教师全员培训，完成 48 学时，准予结业。",
    "六盘水市教育局",
    "二〇二三年十二月",
]


def test_text_layer_pdf_is_not_ocred(counting_engine: CountingEngine) -> None:
    result = verify_submission([Upload(file="ce.pdf", data=text_pdf(CE_LINES))], settings=Settings())
    doc = result.report.documents[0]
    assert counting_engine.calls == 0
    assert doc.doc_type == DocType.continuing_education
    assert doc.fields.hours == 48
    assert doc.fields.holder == "张晓梅"
    assert doc.quality["page_1"]["source"] == "pdf_text"


def test_scanned_pdf_is_ocred(counting_engine: CountingEngine, certificate: np.ndarray) -> None:
    data = pil_bytes(certificate, "PDF", resolution=150)
    result = verify_submission([Upload(file="scan.pdf", data=data)], settings=Settings())
    doc = result.report.documents[0]
    assert counting_engine.calls > 0
    assert doc.quality["page_1"]["source"] == "pdf_render"
    assert doc.doc_type == DocType.award_certificate
    assert doc.fields.grade == Grade.first


def test_rotated_upload_reads_like_upright(certificate: np.ndarray) -> None:
    uploads = [Upload(file="up.png", data=encode(certificate))]
    uploads += [Upload(file=f"r{deg}.png", data=encode(rotate_image(certificate, deg))) for deg in (90, 180, 270)]
    docs = verify_submission(uploads, settings=Settings()).report.documents
    upright = docs[0]
    assert FlagCode.NOT_UPRIGHT not in [f.code for f in upright.flags]
    assert upright.fields.level == Level.municipal and upright.fields.grade == Grade.first
    for doc, degrees in zip(docs[1:], (90, 180, 270), strict=True):
        assert doc.doc_type == upright.doc_type
        assert doc.fields == upright.fields
        (flag,) = [f for f in doc.flags if f.code == FlagCode.NOT_UPRIGHT]
        assert flag.value == degrees


def test_bad_files_are_flagged_and_the_rest_verified(tmp_path: Path, certificate: np.ndarray) -> None:
    folder = tmp_path / "submission"
    (folder / "获奖证书").mkdir(parents=True)
    (folder / "获奖证书" / "good.png").write_bytes(encode(certificate))
    (folder / "获奖证书" / "empty.jpg").write_bytes(b"")
    (folder / "获奖证书" / "half.jpg").write_bytes(encode(certificate, ".jpg")[:3000])
    (folder / "获奖证书" / "notes.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    (folder / "获奖证书" / ".hidden.png").write_bytes(b"not skipped")  # a dot-file is listed, not skipped
    (folder / "cover.pdf").write_bytes(text_pdf(["测试"])[:200])
    report = verify_submission(collect_uploads([folder]), settings=Settings()).report
    by_file = {d.file: d for d in report.documents}
    expected = {"获奖证书/good.png", "获奖证书/empty.jpg", "获奖证书/half.jpg", "获奖证书/notes.docx", "cover.pdf"}
    assert set(by_file) == expected | {"获奖证书/.hidden.png"}
    assert [f.code for f in by_file["获奖证书/.hidden.png"].flags] == [FlagCode.UNSUPPORTED_FORMAT]
    assert [f.code for f in by_file["获奖证书/empty.jpg"].flags] == [FlagCode.EMPTY_FILE]
    assert [f.code for f in by_file["获奖证书/half.jpg"].flags] == [FlagCode.CORRUPT_FILE]
    assert [f.code for f in by_file["获奖证书/notes.docx"].flags] == [FlagCode.UNSUPPORTED_FORMAT]
    assert [f.code for f in by_file["cover.pdf"].flags] == [FlagCode.CORRUPT_FILE]
    assert by_file["cover.pdf"].column is None
    good = by_file["获奖证书/good.png"]
    assert good.column == "获奖证书" and good.doc_type == DocType.award_certificate
    assert report.summary.rejected == 5


def test_holder_mismatch_and_missing_companion() -> None:
    qual = text_pdf(["教师资格证书", "姓名：王建国", "教师资格种类：高级中学教师资格", "任教学科：数学"])
    report = verify_submission(
        [Upload(file="q.pdf", data=qual)],
        applicant=__import__("models").Applicant(name="张晓梅"),
        settings=Settings(),
    ).report
    codes = [f.code for f in report.documents[0].flags]
    assert FlagCode.HOLDER_MISMATCH in codes
    assert FlagCode.MISSING_COMPANION in codes


def test_holder_misread_by_a_look_alike_character_is_the_applicant() -> None:
    award = text_pdf(
        ["荣誉证书", "唐风 同志：", "在2023年度教育教学工作中成绩突出，被评为优秀教师。", "六盘水市教育局",
         "二〇二三年九月十日"]
    )
    applicant = __import__("models").Applicant
    upload = Upload(file="a.pdf", data=award)
    doc = verify_submission([upload], applicant=applicant(name="唐凤"), settings=Settings()).report.documents[0]
    assert doc.fields.holder == "唐凤"  # 风 is what the recogniser makes of 凤
    assert FlagCode.HOLDER_MISMATCH not in [f.code for f in doc.flags]
    other = verify_submission([upload], applicant=applicant(name="唐丽"), settings=Settings())
    assert FlagCode.HOLDER_MISMATCH in [f.code for f in other.report.documents[0].flags]


def test_applicant_named_in_a_member_list_is_the_holder() -> None:
    project = text_pdf(
        ["课题结题证书", "课题名称：农村初中数学分层作业设计研究", "课题负责人：王建国",
         "课题组成员：李霞、张晓梅、赵刚", "经专家组鉴定，准予结题。", "六盘水市教育科学研究所", "二〇二三年六月"]
    )
    report = verify_submission(
        [Upload(file="p.pdf", data=project)],
        applicant=__import__("models").Applicant(name="张晓梅"),
        settings=Settings(),
    ).report
    doc = report.documents[0]
    assert doc.doc_type == DocType.research_project
    assert doc.fields.holder == "张晓梅"
    assert doc.fields.rank == 2  # second in the 课题组成员 list
    assert FlagCode.HOLDER_MISMATCH not in [f.code for f in doc.flags]


def test_member_rank_reads_the_list_position() -> None:
    from verifier.crosscheck import member_rank

    text = "王芳同志主持的课题《分层作业研究》经鉴定准予结题。课题组成员:王芳、李霞、张晓梅特发此证。"
    assert member_rank(text, "张晓梅") == 3
    assert member_rank(text, "王芳") == 1
    assert member_rank(text, "赵刚") is None


def test_member_rank_counts_a_line_break_between_names_as_a_break() -> None:
    from verifier.crosscheck import member_rank

    # As OCR read a clean project certificate (seed 2, S003 课题研究/006.jpg): the list wraps between two names.
    text = "课题组成员:魏波、黄磊、吴春鑫\n姜波旭、李晓凯、张博杰\n中国教育学会"
    assert member_rank(text, "李晓凯") == 5
    assert member_rank(text, "姜波旭") == 4
    # A name wrapped over two lines is still one name: 马慧 | 兰.
    assert member_rank("课题组成员:王芳、马慧\n兰、李霞\n特发此证", "李霞") == 3
    assert member_rank("课题组成员:王芳、马慧\n兰、李霞\n特发此证", "马慧兰") == 2


@pytest.mark.parametrize(
    ("applicant", "rank", "mismatch"), [("李丽", 2, False), ("王芳", 1, False), ("赵刚", None, True)]
)
def test_award_naming_several_people_belongs_to_each_of_them(applicant: str, rank: int | None, mismatch: bool) -> None:
    award = text_pdf(
        ["获奖证书", "王芳、李丽、张伟同志的《基于项目式学习的初中物理教学研究》",
         "荣获贵州省第六届基础教育教学成果奖二等奖。", "贵州省人民政府", "二〇二一年十一月"]
    )
    report = verify_submission(
        [Upload(file="a.pdf", data=award)],
        applicant=__import__("models").Applicant(name=applicant),
        settings=Settings(),
    ).report
    doc = report.documents[0]
    assert doc.doc_type == DocType.award_certificate
    assert (FlagCode.HOLDER_MISMATCH in [f.code for f in doc.flags]) is mismatch
    if not mismatch:
        assert doc.fields.holder == applicant
        assert doc.fields.rank == rank


def test_member_list_ranks_the_applicant_even_when_the_leader_is_listed_first() -> None:
    project = text_pdf(
        ["课题结题证书", "课题名称：农村初中数学分层作业设计研究", "王芳同志主持的课题经专家组鉴定，准予结题。",
         "课题组成员：王芳、李霞、张晓梅", "六盘水市教育科学研究所", "二〇二三年六月"]
    )
    report = verify_submission(
        [Upload(file="p.pdf", data=project)], applicant=__import__("models").Applicant(name="张晓梅"),
        settings=Settings(),
    ).report
    doc = report.documents[0]
    assert (doc.fields.holder, doc.fields.rank) == ("张晓梅", 3)


@pytest.mark.parametrize(("applicant", "mismatch"), [("李明", False), ("王芳", True)])
def test_foreign_certificate_names_its_holder_in_pinyin(applicant: str, mismatch: bool) -> None:
    certificate = text_pdf(
        ["CERTIFICATE OF COMPLETION", "This is to certify that Li Ming",
         "has completed 40 hours of the Teacher Professional Development Program",
         "in Modern Classroom Instruction", "Oxford Teacher Academy", "June 10, 2023"]
    )
    report = verify_submission(
        [Upload(file="c.pdf", data=certificate)], applicant=__import__("models").Applicant(name=applicant),
        settings=Settings(),
    ).report
    doc = report.documents[0]
    codes = [f.code for f in doc.flags]
    assert FlagCode.TRANSLATION_REQUIRED in codes
    assert (FlagCode.HOLDER_MISMATCH in codes) is mismatch
    assert doc.fields.holder == ("Li Ming" if mismatch else "李明")


@pytest.mark.parametrize("applicant", ["热依拉•买买提", "热依拉.买买提", "热依拉 · 买买提"])
def test_applicant_name_typed_with_another_middle_dot_is_the_holder(applicant: str) -> None:
    award = text_pdf(
        ["荣誉证书", "热依拉·买买提 同志：", "在2023年度教育教学工作中成绩突出，被评为优秀教师。", "乌鲁木齐市教育局",
         "二〇二三年九月十日"]
    )
    report = verify_submission(
        [Upload(file="a.pdf", data=award)], applicant=__import__("models").Applicant(name=applicant),
        settings=Settings(),
    ).report
    doc = report.documents[0]
    assert doc.fields.holder == "热依拉·买买提"
    assert FlagCode.HOLDER_MISMATCH not in [f.code for f in doc.flags]


def test_applicant_name_in_traditional_characters_is_the_holder() -> None:
    award = text_pdf(
        ["荣誉证书", "黄丽华 同志：", "在2023年度教育教学工作中成绩突出，被评为优秀教师。", "广州市教育局",
         "二〇二三年九月十日"]
    )
    report = verify_submission(
        [Upload(file="a.pdf", data=award)], applicant=__import__("models").Applicant(name="黃 麗華"),
        settings=Settings(),
    ).report
    assert FlagCode.HOLDER_MISMATCH not in [f.code for f in report.documents[0].flags]


def test_a_fault_while_verifying_one_file_is_reported_and_the_rest_verified(
    tmp_path: Path, certificate: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    import verifier.pipeline as pipeline

    real = pipeline.analyze_document

    def failing_on_one(data: bytes, file: str, *args: object) -> object:
        if file.endswith("second.png"):
            raise ValueError("a fault inside the verifier")
        return real(data, file, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "analyze_document", failing_on_one)
    folder = tmp_path / "submission" / "获奖证书"
    folder.mkdir(parents=True)
    (folder / "first.png").write_bytes(encode(certificate))
    (folder / "second.png").write_bytes(encode(certificate))
    # In this process (one worker): the fault is the file's report, not the submission's end.
    report = verify_submission(collect_uploads([tmp_path / "submission"]), settings=Settings(), workers=1).report
    by_file = {d.file: d for d in report.documents}
    failed = by_file["获奖证书/second.png"]
    assert [f.code for f in failed.flags] == [FlagCode.CORRUPT_FILE] and "处理失败" in failed.flags[0].message
    assert by_file["获奖证书/first.png"].doc_type == DocType.award_certificate
