"""The real evaluation set: certificates from public repositories, kept as a manifest of sources and labels.

The images carry real people's names, so only where each file comes from (repository, commit, git blob id — not
its path, which may carry a name — and sha256) and its labels are kept; holders are stored as salted hashes.
`assemble` rebuilds the folder `verifier eval` reads from snapshots of those repositories.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from pydantic import BaseModel, Field

from fixtures.labels import BenchmarkLabels, DocumentLabel, SeverityClass
from models import DocType, FlagCode
from models.report import Fields
from models.vocab import Grade, Level
from verifier.evaluation.metrics import DocumentScores, Ratio

MANIFEST = Path(__file__).resolve().parents[2] / "bench" / "realset" / "realset.json"


class RealItem(BaseModel):
    index: int
    repo: str = Field(description="owner/name of the public repository")
    commit: str
    blob: str = Field(description="git blob id of the file")
    sha256: str
    format: str = Field(description="file extension: jpg, png, pdf, …")
    doc_type: DocType
    holder_hashes: list[str] = Field(
        default_factory=list, description="salted hashes of every name that counts as the holder; empty: unread"
    )
    issuer: str | None = None
    issuer_also: list[str] = Field(default_factory=list, description="the other bodies of a jointly issued page")
    issue_date: str | None = None
    level: Level | None = None
    grade: Grade | None = None
    rotation: int = Field(0, description="degrees clockwise that make the page upright")
    capture: list[FlagCode] = Field(
        default_factory=list, description="capture flags the file deserves; empty for a good capture"
    )
    tolerated: list[FlagCode] = Field(default_factory=list, description="capture flags fair to raise, not required")
    has_seal: bool = True
    notes: str = Field("", description="what makes the page hard, in words that name nobody")


class RealManifest(BaseModel):
    schema_version: str = "1"
    salt: str
    items: list[RealItem]


class AssembleResult(BaseModel):
    written: int = 0
    missing_repos: list[str] = Field(default_factory=list)
    bad_files: list[int] = Field(default_factory=list, description="indexes whose blob is absent or differs")


def load_manifest(path: Path = MANIFEST) -> RealManifest:
    return RealManifest.model_validate_json(path.read_text(encoding="utf-8"))


def git_dir(mirror: Path, repo: str) -> Path:
    """Where a snapshot of `repo` sits under `mirror`: <owner>+<name>/repo, as the snapshots are laid out."""
    base = mirror / repo.replace("/", "+")
    return base / "repo" if (base / "repo").is_dir() else base


def read_blob(gitdir: Path, blob: str) -> bytes | None:
    done = subprocess.run(
        ["git", "--git-dir", str(gitdir), "cat-file", "blob", blob], capture_output=True, check=False
    )
    return done.stdout if done.returncode == 0 else None


def document_label(item: RealItem, file: str) -> DocumentLabel:
    """The item's labels in the form `verifier eval` scores."""
    expected = list(dict.fromkeys([*item.capture, *([FlagCode.NOT_UPRIGHT] if item.rotation else [])]))
    tolerated = [*item.tolerated]
    if not item.has_seal:
        tolerated.append(FlagCode.NO_SEAL)  # a page without a seal may or may not be a type that needs one
    if item.doc_type == DocType.other:
        tolerated.append(FlagCode.UNKNOWN_TYPE)
    fields = Fields(issuer=item.issuer, issue_date=item.issue_date, level=item.level, grade=item.grade)
    return DocumentLabel(
        file=file,
        doc_type=item.doc_type,
        fields=fields,
        holder_hashes=item.holder_hashes,
        accepted={"issuer": [item.issuer, *item.issuer_also]} if item.issuer else {},
        expected_flags=expected,
        tolerated_flags=list(dict.fromkeys(tolerated)),
        severity=SeverityClass.moderate if item.capture else SeverityClass.clean,
        rotation=item.rotation,
        format=item.format,
        has_seal=item.has_seal,
    )


def assemble(manifest: RealManifest, mirror: Path, out: Path) -> AssembleResult:
    """Write out/documents/NNNN.<ext> for every item whose snapshot is under `mirror` and whose bytes match its
    sha256, and out/labels.json for those; report what could not be had."""
    result = AssembleResult()
    (out / "documents").mkdir(parents=True, exist_ok=True)
    labels: list[DocumentLabel] = []
    for item in manifest.items:
        gitdir = git_dir(mirror, item.repo)
        if not gitdir.is_dir():
            if item.repo not in result.missing_repos:
                result.missing_repos.append(item.repo)
            continue
        data = read_blob(gitdir, item.blob)
        if data is None or hashlib.sha256(data).hexdigest() != item.sha256:
            result.bad_files.append(item.index)
            continue
        file = f"documents/{item.index:04d}.{item.format}"
        (out / file).write_bytes(data)
        labels.append(document_label(item, file))
        result.written += 1
    bench = BenchmarkLabels(seed=0, n=len(labels), documents=labels, submissions=[], holder_salt=manifest.salt)
    (out / "labels.json").write_text(bench.model_dump_json(indent=1), encoding="utf-8")
    return result


# Issue 28's targets on the real set: (field, least share right, most share wrong).
TARGETS: tuple[tuple[str, float, float | None], ...] = (
    ("doc_type", 0.95, None),
    ("holder", 0.90, None),
    ("issuer", 0.88, None),
    ("issue_date", 0.90, 0.02),
    ("level", 0.88, None),
    ("grade", 0.0, None),
)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def _unread_types(scores: DocumentScores) -> int:
    """Labelled documents the pipeline gave no type at all."""
    return sum(row.get("unreadable", 0) for truth, row in scores.confusion.items() if truth != "unreadable")


def summary_markdown(scores: DocumentScores) -> str:
    """The real set's figures as one table: right, wrong and empty per field against the targets, orientation,
    and good captures given a false capture flag."""
    lines = ["| field | right | wrong | empty | scored | right % | wrong % | target |", "|---" * 8 + "|"]
    for name, least, most_wrong in TARGETS:
        ratio: Ratio | None
        if name == "doc_type":
            ratio, empty = scores.doc_type, _unread_types(scores)
        else:
            ratio, empty = scores.fields.get(name), scores.field_empty.get(name, 0)
        if ratio is None:
            continue
        wrong = ratio.total - ratio.correct - empty
        target = f"≥ {100 * least:.0f}%" if least else ""
        if most_wrong is not None:
            target += f", wrong ≤ {100 * most_wrong:.0f}%"
        lines.append(
            f"| {name} | {ratio.correct} | {wrong} | {empty} | {ratio.total} | {_pct(ratio.correct, ratio.total)} | "
            f"{_pct(wrong, ratio.total)} | {target} |"
        )
    turned = scores.orientation
    lines += [
        "",
        f"- orientation (page turned upright as labelled): {_pct(turned.correct, turned.total)} "
        f"({turned.correct}/{turned.total}); target 100%",
        f"- good captures given a false capture flag: "
        f"{_pct(scores.clean_with_quality_flag, scores.clean_documents)} "
        f"({scores.clean_with_quality_flag}/{scores.clean_documents}); target ≤ 3%",
    ]
    return "\n".join(lines) + "\n"
