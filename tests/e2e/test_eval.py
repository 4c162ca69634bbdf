"""`verifier eval` on a small generated benchmark: every task is scored from the real pipeline's output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.benchmark import generate_benchmark
from fixtures.labels import BenchmarkLabels

pytestmark = pytest.mark.ocr


@pytest.fixture(scope="module")
def benchmark(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_benchmark(tmp_path_factory.mktemp("bench"), n=10, seed=5, workers=1, submissions=1)


def test_eval_scores_every_task(benchmark: Path, tmp_path: Path) -> None:
    out = tmp_path / "eval.json"
    result = subprocess.run(
        [sys.executable, "-m", "verifier.cli", "eval", str(benchmark), "--json", str(out), "--workers", "2"],
        capture_output=True, text=True, timeout=900, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "doc_type accuracy" in result.stdout
    scores = json.loads(out.read_text(encoding="utf-8"))
    labels = BenchmarkLabels.model_validate_json((benchmark / "labels.json").read_text(encoding="utf-8"))
    readable = [d for d in labels.documents if d.doc_type is not None]
    assert scores["documents"]["doc_type"]["total"] == len(readable)
    # The pipeline, not the labels, produced these: most but not necessarily all documents are typed right.
    assert scores["documents"]["doc_type"]["correct"] >= 0.6 * len(readable)
    sub_docs = sum(len(s.documents) for s in labels.submissions)
    assert sum(c for row in scores["submissions"]["confusion"].values() for c in row.values()) == sub_docs
    assert scores["pages"] > 0 and scores["seconds"] > 0
    assert scores["clauses"]["total"] > 0
    # Where the issuers come from, and every miss written out for reading.
    places = scores["level_places"]
    assert places["total"]["province"] >= 1 and places["right"]["province"] <= places["total"]["province"]
    assert "Issuer level by place" in result.stdout
    missed = [m for m in scores["documents"]["misses"] if m["what"] != "doc_type" and not m["what"].startswith("flag")]
    field_total = sum(r["total"] - r["correct"] for r in scores["documents"]["fields"].values())
    assert len(missed) == field_total


@pytest.mark.parametrize("labels", [None, "{not json", '{"documents": 3}'])
def test_eval_on_a_folder_without_usable_labels_says_so_in_one_line(tmp_path: Path, labels: str | None) -> None:
    if labels is not None:
        (tmp_path / "labels.json").write_text(labels, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "verifier", "eval", str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "labels.json" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
