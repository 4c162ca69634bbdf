"""The opt-in real-world variety set: every kind and capture labelled, deterministic, apart from the benchmarks."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from fixtures.labels import BenchmarkLabels
from fixtures.variety_set import generate_variety, variety_jobs
from models import FlagCode
from verifier.cli import app


def test_the_variety_set_labels_every_kind_and_capture(tmp_path: Path) -> None:
    root = generate_variety(tmp_path / "set", n=10, seed=3, workers=1)
    labels = BenchmarkLabels.read(root)
    assert [d.file for d in labels.documents] == [f"documents/{i:04d}.jpg" for i in range(1, 11)]
    assert all((root / d.file).stat().st_size > 10_000 for d in labels.documents)
    templates = {(d.template or "").split("-")[1] for d in labels.documents if (d.template or "").startswith("real-")}
    assert templates == {"team", "schoolteam", "twoline", "student", "parties", "scope", "gilded", "brush"}
    flags = {f for d in labels.documents for f in d.expected_flags}
    assert {FlagCode.PHOTOCOPY, FlagCode.SCREEN_RECAPTURE} <= flags
    assert all(d.fields.holder and d.fields.issuer and d.fields.level for d in labels.documents)


def test_the_variety_set_is_deterministic_and_its_own() -> None:
    first, again = variety_jobs(9, 4), variety_jobs(9, 4)
    assert [(r.content_seed, r.variant, rec.defects) for r, rec, _ in first] == [
        (r.content_seed, r.variant, rec.defects) for r, rec, _ in again
    ]
    assert variety_jobs(9, 5)[0][0].content_seed != first[0][0].content_seed


def test_an_unknown_variety_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["fixtures", "generate", str(tmp_path / "x"), "--n", "1", "--variety", "nope"])
    assert result.exit_code != 0 and not (tmp_path / "x").exists()
