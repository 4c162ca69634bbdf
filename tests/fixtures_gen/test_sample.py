import io
import json
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from fixtures import build_sample_submission
from fixtures.labels import SampleLabels
from models import DocType, FlagCode


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_submission(tmp_path_factory.mktemp("sample"), seed=7)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_gives_identical_bytes(sample: Path, tmp_path: Path) -> None:
    again = build_sample_submission(tmp_path / "again", seed=7)
    assert _files(sample) == _files(again)


def test_labels_validate_and_cover_every_file(sample: Path) -> None:
    labels = SampleLabels.model_validate_json((sample / "labels.json").read_text(encoding="utf-8"))
    on_disk = set(_files(sample / "submission"))
    assert {d.file for d in labels.documents} == on_disk
    assert labels.applicant.name
    for doc in labels.documents:
        assert doc.column == doc.file.split("/")[0]
        if doc.doc_type not in (None, DocType.other):
            assert doc.fields.holder == labels.applicant.name


def test_sample_has_the_promised_documents(sample: Path) -> None:
    labels = SampleLabels.model_validate_json((sample / "labels.json").read_text(encoding="utf-8"))
    by_type = {d.doc_type: d for d in labels.documents}
    award = by_type[DocType.award_certificate]
    assert (award.fields.grade, award.fields.level, award.fields.award_category) == (
        "first",
        "municipal",
        "quality_lesson",
    )
    service = by_type[DocType.teaching_service_honor]
    assert service.fields.service_years == 30 and service.fields.issuer.endswith("人民政府")
    assert service.rotation == 90 and FlagCode.NOT_UPRIGHT in service.expected_flags
    assert by_type[DocType.qualification_registration].fields.registration_result == "pass"
    assert by_type[DocType.teacher_qualification].fields.qualification_kind
    training = by_type[DocType.continuing_education]
    assert training.format == "pdf_text" and training.fields.hours
    corrupt = by_type[None]
    assert corrupt.expected_flags == [FlagCode.CORRUPT_FILE]
    names = [Path(d.file).name for d in labels.documents]
    assert all(n.split(".")[0].isdigit() for n in names)


def test_text_pdf_carries_the_text_and_scanned_pdf_does_not(sample: Path) -> None:
    labels = json.loads((sample / "labels.json").read_text(encoding="utf-8"))
    for doc in labels["documents"]:
        if doc["format"] == "pdf_text":
            with pdfplumber.open(sample / "submission" / doc["file"]) as pdf:
                text = pdf.pages[0].extract_text()
            assert doc["fields"]["holder"] in text and "学时" in text
        if doc["format"] == "pdf_scan":
            with pdfplumber.open(sample / "submission" / doc["file"]) as pdf:
                assert pdf.pages[0].extract_text().strip() == ""
                assert pdf.pages[0].images


def test_corrupt_file_does_not_decode(sample: Path) -> None:
    data = (sample / "submission" / "荣誉证书/008.jpg").read_bytes()
    assert data[:2] == b"\xff\xd8"
    with pytest.raises(OSError):
        Image.open(io.BytesIO(data)).load()
