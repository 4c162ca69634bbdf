"""The built-in sample submission through the real pipeline: types, key fields, bad files, orientation."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from fixtures.labels import SampleLabels
from fixtures.sample import build_sample_submission
from models.flags import FlagCode
from models.report import Report
from models.schema import SCHEMA_PATH
from tests.conftest import encode
from verifier.ingest import ingest_bytes
from verifier.orient import rotate_image
from verifier.pipeline import Upload, collect_uploads, verify_submission
from verifier.settings import Settings

pytestmark = pytest.mark.ocr
KEY_FIELDS = ("holder", "issuer", "level", "grade", "issue_date")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleLabels]:
    root = build_sample_submission(tmp_path_factory.mktemp("sample"))
    labels = SampleLabels.model_validate_json((root / "labels.json").read_text(encoding="utf-8"))
    return root / "submission", labels


@pytest.fixture(scope="module")
def report(sample: tuple[Path, SampleLabels]) -> Report:
    folder, labels = sample
    return verify_submission(collect_uploads([folder]), labels.applicant, settings=Settings()).report


def test_report_validates_against_the_exported_schema(report: Report) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(report.model_dump_json()), schema)


def test_every_sample_document_is_typed_and_read(sample: tuple[Path, SampleLabels], report: Report) -> None:
    _, labels = sample
    by_file = {d.file: d for d in report.documents}
    assert set(by_file) == {lab.file for lab in labels.documents}
    for lab in labels.documents:
        doc = by_file[lab.file]
        assert doc.doc_type == lab.doc_type, lab.file
        if lab.doc_type is None or lab.severity.value != "clean":
            continue
        for name in KEY_FIELDS:
            expected = getattr(lab.fields, name)
            if expected is not None:
                got = getattr(doc.fields, name)
                assert "".join(str(got).split()) == "".join(str(expected).split()), (lab.file, name)


def test_expected_flags_are_raised(sample: tuple[Path, SampleLabels], report: Report) -> None:
    _, labels = sample
    by_file = {d.file: d for d in report.documents}
    for lab in labels.documents:
        codes = {f.code for f in by_file[lab.file].flags}
        assert set(lab.expected_flags) <= codes, (lab.file, codes)
    corrupt = [lab.file for lab in labels.documents if FlagCode.CORRUPT_FILE in lab.expected_flags]
    assert corrupt, "the sample carries a corrupt file"


def test_rotating_a_sample_keeps_type_and_fields(sample: tuple[Path, SampleLabels], report: Report) -> None:
    folder, labels = sample
    by_file = {d.file: d for d in report.documents}
    upright = [
        lab for lab in labels.documents
        if lab.doc_type is not None and lab.rotation == 0 and lab.format in ("jpg", "png")
    ]
    assert len(upright) >= 3
    uploads, originals = [], {}
    for lab, degrees in zip(upright, [90, 180, 270] * len(upright), strict=False):
        page = ingest_bytes((folder / lab.file).read_bytes()).pages[0].image
        name = f"rot{degrees}-{Path(lab.file).name}.png"
        uploads.append(Upload(file=name, data=encode(rotate_image(page, degrees))))
        originals[name] = (by_file[lab.file], degrees)
    for doc in verify_submission(uploads, settings=Settings(), cross_checks=False).report.documents:
        original, degrees = originals[doc.file]
        assert doc.doc_type == original.doc_type, doc.file
        assert doc.fields == original.fields, doc.file
        (flag,) = [f for f in doc.flags if f.code == FlagCode.NOT_UPRIGHT]
        assert flag.value == degrees
