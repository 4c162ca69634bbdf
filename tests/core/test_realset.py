"""The real evaluation set: assembling its folder from snapshots, and scoring hashed holders, accepted issuers,
empty readings, orientation and false capture flags. No OCR: reports are built by hand."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from fixtures.labels import BenchmarkLabels
from models import DocType, FlagCode
from models.report import DocumentReport, Fields, Flag
from models.vocab import Level
from verifier.evaluation.metrics import holder_hash, score_documents
from verifier.evaluation.realset import (
    RealItem,
    RealManifest,
    assemble,
    document_label,
    load_manifest,
    summary_markdown,
)

SALT = "test-salt"


def _snapshot(mirror: Path, repo: str, payload: bytes) -> str:
    """A bare snapshot laid out as fetched ones are (<owner>+<name>/repo), holding `payload`; its blob id."""
    gitdir = mirror / repo.replace("/", "+") / "repo"
    subprocess.run(["git", "init", "-q", "--bare", str(gitdir)], check=True)
    done = subprocess.run(
        ["git", "--git-dir", str(gitdir), "hash-object", "-w", "--stdin"], input=payload, capture_output=True,
        check=True,
    )
    return done.stdout.decode().strip()


def _item(index: int, repo: str, blob: str, payload: bytes, **labels: object) -> RealItem:
    return RealItem(
        index=index, repo=repo, commit="0" * 40, blob=blob, sha256=hashlib.sha256(payload).hexdigest(),
        format="jpg", doc_type=DocType.honor_certificate, **labels,  # type: ignore[arg-type]
    )


def test_assemble_writes_what_matches_and_reports_what_is_missing_or_changed(tmp_path: Path) -> None:
    mirror, out = tmp_path / "mirror", tmp_path / "out"
    good, changed = b"\xff\xd8 first certificate", b"\xff\xd8 second certificate"
    blob_good = _snapshot(mirror, "someone/site", good)
    blob_changed = _snapshot(mirror, "other/site", changed)
    manifest = RealManifest(salt=SALT, items=[
        _item(0, "someone/site", blob_good, good, holder_hashes=[holder_hash(SALT, "张三")], issuer="某某学院"),
        _item(1, "other/site", blob_changed, b"the bytes the label was made on"),
        _item(2, "gone/site", "1" * 40, b"never fetched"),
    ])

    result = assemble(manifest, mirror, out)

    assert result.written == 1
    assert result.bad_files == [1]
    assert result.missing_repos == ["gone/site"]
    assert (out / "documents" / "0000.jpg").read_bytes() == good
    assert not (out / "documents" / "0001.jpg").exists()
    labels = BenchmarkLabels.read(out)
    assert [d.file for d in labels.documents] == ["documents/0000.jpg"]
    assert labels.holder_salt == SALT
    assert labels.documents[0].fields.holder is None  # the name is nowhere in the folder's labels


def test_a_good_capture_expects_no_flag_and_a_turned_one_expects_not_upright() -> None:
    upright = document_label(_item(0, "a/b", "0", b"x", has_seal=False), "documents/0000.jpg")
    turned = document_label(_item(1, "a/b", "0", b"x", rotation=90, capture=[FlagCode.PHOTOCOPY]), "d/1.jpg")
    assert upright.expected_flags == [] and upright.severity == "clean"
    assert FlagCode.NO_SEAL in upright.tolerated_flags
    assert turned.expected_flags == [FlagCode.PHOTOCOPY, FlagCode.NOT_UPRIGHT] and turned.severity == "moderate"


def _scored(item: RealItem, report: DocumentReport):  # type: ignore[no-untyped-def]
    return score_documents([(document_label(item, report.file), report)], holder_salt=SALT)


def _report(**fields: object) -> DocumentReport:
    return DocumentReport(
        file="documents/0000.jpg", doc_type=DocType.honor_certificate, fields=Fields(**fields),  # type: ignore[arg-type]
        quality={"page_1": {"rotation": 0}},
    )


def test_any_named_winner_counts_as_the_holder_and_anyone_else_is_wrong() -> None:
    team = _item(0, "a/b", "0", b"x", holder_hashes=[holder_hash(SALT, n) for n in ("张三", "李四")])
    assert _scored(team, _report(holder="李 四")).fields["holder"].correct == 1
    wrong = _scored(team, _report(holder="王五"))
    assert wrong.fields["holder"].correct == 0 and wrong.field_empty == {}
    assert "王五" not in wrong.misses[0]["truth"]
    empty = _scored(team, _report())
    assert empty.fields["holder"].total == 1 and empty.field_empty == {"holder": 1}


def test_an_unread_holder_is_not_scored() -> None:
    assert "holder" not in _scored(_item(0, "a/b", "0", b"x"), _report(holder="张三")).fields


def test_either_body_of_a_joint_certificate_counts_and_quote_marks_do_not_matter() -> None:
    joint = _item(0, "a/b", "0", b"x", issuer="福建省“互联网+”大赛组委会", issuer_also=["福建省教育厅"])
    assert _scored(joint, _report(issuer='福建省"互联网+"大赛组委会')).fields["issuer"].correct == 1
    assert _scored(joint, _report(issuer="福建省教育厅")).fields["issuer"].correct == 1
    assert _scored(joint, _report(issuer="福建省人民政府")).fields["issuer"].correct == 0


def test_right_wrong_and_empty_levels_are_told_apart() -> None:
    item = _item(0, "a/b", "0", b"x", level=Level.provincial)
    assert _scored(item, _report(level="provincial")).fields["level"].correct == 1
    wrong = _scored(item, _report(level="national"))
    assert (wrong.fields["level"].correct, wrong.field_empty.get("level", 0)) == (0, 0)
    assert _scored(item, _report()).field_empty == {"level": 1}


def test_orientation_and_false_capture_flags_on_good_captures_are_counted() -> None:
    turned = _item(0, "a/b", "0", b"x", rotation=90)
    report = _report()
    assert _scored(turned, report).orientation.correct == 0
    report.quality["page_1"]["rotation"] = 90
    assert _scored(turned, report).orientation.correct == 1

    good = _item(1, "a/b", "0", b"x")
    flagged = _report()
    flagged.flags.append(Flag.make(FlagCode.INCOMPLETE, page=1))
    scores = _scored(good, flagged)
    assert (scores.clean_documents, scores.clean_with_quality_flag) == (1, 1)
    assert _scored(good, _report()).clean_with_quality_flag == 0


def test_the_committed_manifest_names_nobody_and_reads() -> None:
    manifest = load_manifest()
    assert len({item.index for item in manifest.items}) == len(manifest.items)
    assert all(len(h) == 64 for item in manifest.items for h in item.holder_hashes)
    assert all(len(item.sha256) == 64 and len(item.blob) == 40 for item in manifest.items)


def test_the_summary_tells_right_wrong_and_empty_against_the_targets() -> None:
    item = _item(0, "a/b", "0", b"x", issue_date="2024-05", holder_hashes=[holder_hash(SALT, "张三")])
    pairs = [
        (document_label(item, "d/0.jpg"), _report(issue_date="2024-05", holder="张三")),
        (document_label(item, "d/1.jpg"), _report(issue_date="2023-05")),
        (document_label(item, "d/2.jpg"), _report()),
    ]
    for label, report in pairs:
        report.file = label.file
    text = summary_markdown(score_documents(pairs, holder_salt=SALT))
    assert "| issue_date | 1 | 1 | 1 | 3 | 33.3% | 33.3% | ≥ 90%, wrong ≤ 2% |" in text
    assert "| holder | 1 | 0 | 2 | 3 |" in text
    assert "good captures given a false capture flag: 0.0% (0/3)" in text
