import re
from collections import Counter
from pathlib import Path

import pytest

from fixtures import generate_benchmark
from fixtures.benchmark import _document_jobs
from fixtures.capture import DEFECTS, NO_SEAL
from fixtures.labels import BenchmarkLabels
from models import DocType, FlagCode


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_benchmark(tmp_path_factory.mktemp("bench"), n=22, seed=3, workers=2, submissions=6)


@pytest.fixture(scope="module")
def labels(bench: Path) -> BenchmarkLabels:
    return BenchmarkLabels.model_validate_json((bench / "labels.json").read_text(encoding="utf-8"))


def test_every_doc_type_is_planned_for_n_60() -> None:
    planned = {job[0].doc_type for job in _document_jobs(60, seed=1) if not isinstance(job, str)}
    assert planned == set(DocType)


def test_every_defect_is_planned_for_n_600_across_many_places() -> None:
    jobs = [j for j in _document_jobs(600, seed=1) if not isinstance(j, str)]
    defects = {d for _, recipe, _ in jobs for d in recipe.defects}
    assert defects >= set(DEFECTS) | {NO_SEAL}
    homes = [req.person.home for req, _, _ in jobs]
    assert len({h.province for h in homes}) >= 25
    assert len({h.prefecture for h in homes if h.prefecture}) >= 60
    assert len({h.code for h in homes}) >= 100


def test_labels_cover_every_file_and_names_are_neutral(bench: Path, labels: BenchmarkLabels) -> None:
    files = {str(p.relative_to(bench)) for p in bench.rglob("*") if p.is_file()} - {"labels.json"}
    labelled = {d.file for d in labels.documents}
    labelled |= {f"submissions/{s.id}/{d.file}" for s in labels.submissions for d in s.documents}
    assert files == labelled
    assert all(re.fullmatch(r"\d+\.[a-z]+", Path(f).name) for f in files)


def test_small_benchmark_is_varied(labels: BenchmarkLabels) -> None:
    types = Counter(d.doc_type for d in labels.documents)
    assert len(types) >= 12
    assert len({d.format for d in labels.documents}) >= 3
    assert {d.severity for d in labels.documents} >= {"clean", "moderate"}


def test_submissions_carry_the_planned_problems(labels: BenchmarkLabels) -> None:
    flags = Counter(f for s in labels.submissions for d in s.documents for f in d.expected_flags)
    for code in (
        FlagCode.DUPLICATE_EXACT,
        FlagCode.DUPLICATE_NEAR,
        FlagCode.HOLDER_MISMATCH,
        FlagCode.WRONG_COLUMN,
        FlagCode.MISSING_COMPANION,
    ):
        assert flags[code] >= 1, code
    for sub in labels.submissions:
        groups = Counter(d.duplicate_group for d in sub.documents if d.duplicate_group)
        assert all(count >= 2 for count in groups.values())


def test_same_template_look_alike_is_not_a_duplicate(labels: BenchmarkLabels) -> None:
    sub = next(s for s in labels.submissions if any(FlagCode.HOLDER_MISMATCH in d.expected_flags for d in s.documents))
    look_alike = next(d for d in sub.documents if FlagCode.HOLDER_MISMATCH in d.expected_flags)
    original = next(d for d in sub.documents if d.template == look_alike.template and d is not look_alike)
    assert look_alike.fields.holder != original.fields.holder
    assert look_alike.duplicate_group is None and original.duplicate_group is None


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a = generate_benchmark(tmp_path / "a", n=5, seed=9, workers=1, submissions=1)
    b = generate_benchmark(tmp_path / "b", n=5, seed=9, workers=1, submissions=1)
    read = lambda root: {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    assert read(a) == read(b)


def test_labels_keep_the_printed_text_the_rule_set_reads(labels: BenchmarkLabels) -> None:
    readable = [d for s in labels.submissions for d in s.documents if d.doc_type is not None]
    assert readable and all(d.printed_text for d in readable)
    # The holder's name is printed on the page (a holder is a printed field), so it is in the printed text.
    named = [d for d in readable if d.fields.holder]
    assert named and all(d.fields.holder in d.printed_text.replace(" ", "") for d in named)
