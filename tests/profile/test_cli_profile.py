"""`verifier check` takes the applicant's profile from --profile FILE and --fact key=value."""

from __future__ import annotations

import json
from pathlib import Path

from tests.core.pdfs import text_pdf
from tests.core.test_cli import CE, run_cli


def test_profile_file_and_facts_reach_the_report(tmp_path: Path) -> None:
    (tmp_path / "ce.pdf").write_bytes(text_pdf(CE))
    profile = tmp_path / "profile.yaml"
    profile.write_text("学历: 本科\n编制: 备案制\n", encoding="utf-8")
    result = run_cli(
        "check", str(tmp_path / "ce.pdf"), "--json", "--engine", "null",
        "--profile", str(profile), "--fact", "周课时=14", "--fact", "学历=硕士", "--applicant", "张晓梅",
    )
    assert result.returncode == 0, result.stderr
    applicant = json.loads(result.stdout)["applicant"]
    assert applicant["name"] == "张晓梅"
    assert (applicant["education"], applicant["staffing"], applicant["weekly_lessons"]) == ("master", "filing", 14)


def test_an_unknown_fact_is_a_usage_error_without_a_traceback(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path), "--engine", "null", "--fact", "身高=180")
    assert result.returncode == 2
    assert "身高" in result.stderr and "Traceback" not in result.stderr
