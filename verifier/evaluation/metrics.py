"""Metrics of predicted reports against labels: pure functions, no I/O."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from pydantic import BaseModel, Field

from models.flags import FlagCode
from models.report import DocumentReport, Fields

# Flags about the capture of a page: a clean scan should carry none of them.
QUALITY_FLAGS = {
    FlagCode.BLURRY, FlagCode.LOW_RESOLUTION, FlagCode.TOO_DARK, FlagCode.OVEREXPOSED, FlagCode.GLARE,
    FlagCode.NOT_UPRIGHT, FlagCode.SKEWED, FlagCode.INCOMPLETE, FlagCode.PHOTOCOPY, FlagCode.SCREEN_RECAPTURE,
    FlagCode.NO_SEAL, FlagCode.UNREADABLE, FlagCode.SEVERAL_DOCUMENTS,
}
FIELD_NAMES = list(Fields.model_fields)
# Quote marks and spaces are typography, not part of a printed body's name: “互联网+” and "互联网+" are one issuer.
_TYPOGRAPHY = re.compile(r"[\s\"'“”‘’「」『』]")


def holder_hash(salt: str, name: str) -> str:
    """The salted hash a real document's holder is stored as: a reading can be compared, the name is not kept."""
    return hashlib.sha256((salt + "".join(name.split())).encode("utf-8")).hexdigest()


class Ratio(BaseModel):
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)


class PrecisionRecall(BaseModel):
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


class DocumentScores(BaseModel):
    doc_type: Ratio = Field(default_factory=Ratio)
    doc_type_by_severity: dict[str, Ratio] = Field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = Field(default_factory=dict)
    fields: dict[str, Ratio] = Field(default_factory=dict)
    fields_by_severity: dict[str, dict[str, Ratio]] = Field(default_factory=dict)
    field_spurious: dict[str, int] = Field(default_factory=dict, description="predicted where the label has none")
    field_empty: dict[str, int] = Field(
        default_factory=dict, description="left empty where the label has a value (counted among the wrong ones)"
    )
    field_not_carried: dict[str, int] = Field(
        default_factory=dict, description="printed, but cut away or washed out by the capture: not scored"
    )
    flags: dict[str, PrecisionRecall] = Field(default_factory=dict)
    orientation: Ratio = Field(default_factory=Ratio, description="first page turned upright as the label says")
    clean_documents: int = 0
    clean_with_quality_flag: int = 0
    # The issuer of documents signed with the seal alone: named only by the seal's ring text.
    seal_only_issuer: Ratio = Field(default_factory=Ratio)
    misses: list[dict[str, str]] = Field(default_factory=list, description="every error, for reading")


def _same(field: str, truth: object, predicted: object) -> bool:
    if field in ("holder", "issuer", "certificate_no", "subject", "qualification_kind") and truth and predicted:
        return "".join(str(truth).split()) == "".join(str(predicted).split())
    if field in ("hours", "credits") and truth is not None and predicted is not None:
        return abs(float(truth) - float(predicted)) < 1e-6  # type: ignore[arg-type]
    return truth == predicted


def _accepted(label: object, field: str, predicted: object, holder_salt: str | None) -> bool | None:
    """Whether a reading is right by the label's hashed holders or accepted alternatives; None where the label
    has neither for this field."""
    hashes = getattr(label, "holder_hashes", None)
    if field == "holder" and hashes and holder_salt is not None:
        return predicted is not None and holder_hash(holder_salt, str(predicted)) in hashes
    alternatives = getattr(label, "accepted", {}).get(field)
    if not alternatives:
        return None
    if predicted is None:
        return False
    got = _TYPOGRAPHY.sub("", str(predicted))
    return any(_TYPOGRAPHY.sub("", str(value)) == got for value in alternatives)


def score_documents(
    pairs: Iterable[tuple[object, DocumentReport]], max_misses: int = 100_000, holder_salt: str | None = None
) -> DocumentScores:
    """pairs: (fixtures.labels.DocumentLabel, predicted DocumentReport) for the same file. `holder_salt`: the salt
    of labels that store their holder as salted hashes (real documents)."""
    scores = DocumentScores()
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for label, doc in pairs:
        truth_type = label.doc_type.value if label.doc_type else "unreadable"  # type: ignore[attr-defined]
        predicted_type = doc.doc_type.value if doc.doc_type else "unreadable"
        if label.doc_type is not None:  # type: ignore[attr-defined]
            ok = truth_type == predicted_type
            scores.doc_type.add(ok)
            scores.doc_type_by_severity.setdefault(label.severity.value, Ratio()).add(ok)  # type: ignore[attr-defined]
            if not ok and len(scores.misses) < max_misses:
                scores.misses.append({"file": doc.file, "what": "doc_type", "truth": truth_type, "got": predicted_type})
        confusion[truth_type][predicted_type] += 1
        _score_orientation(scores, label, doc, max_misses)
        if label.doc_type is not None and truth_type == predicted_type:  # type: ignore[attr-defined]
            severity = label.severity.value  # type: ignore[attr-defined]
            not_carried = set(getattr(label, "not_carried", []))
            _score_fields(scores, label, doc, max_misses, severity, not_carried, holder_salt)
            if label.seal_only_sign_off and label.fields.issuer:  # type: ignore[attr-defined]
                scores.seal_only_issuer.add(_same("issuer", label.fields.issuer, doc.fields.issuer))  # type: ignore[attr-defined]
        _score_flags(scores, label, doc, max_misses)
    scores.confusion = {t: dict(c) for t, c in sorted(confusion.items())}
    return scores


def _score_orientation(scores: DocumentScores, label: object, doc: DocumentReport, max_misses: int) -> None:
    turned = doc.quality.get("page_1", {}).get("rotation")
    truth = label.rotation  # type: ignore[attr-defined]
    if label.doc_type is None or turned is None:  # type: ignore[attr-defined]
        return
    scores.orientation.add(turned == truth)
    if turned != truth and len(scores.misses) < max_misses:
        scores.misses.append({"file": doc.file, "what": "rotation", "truth": str(truth), "got": str(turned)})


def _score_fields(
    scores: DocumentScores,
    label: object,
    doc: DocumentReport,
    max_misses: int,
    severity: str,
    not_carried: set[str],
    holder_salt: str | None,
) -> None:
    truth: Fields = label.fields  # type: ignore[attr-defined]
    for name in FIELD_NAMES:
        expected, got = getattr(truth, name), getattr(doc.fields, name)
        if name in not_carried:
            scores.field_not_carried[name] = scores.field_not_carried.get(name, 0) + 1
            continue
        hashed = name == "holder" and bool(getattr(label, "holder_hashes", None))
        if expected is None and not hashed:
            if got is not None:
                scores.field_spurious[name] = scores.field_spurious.get(name, 0) + 1
            continue
        accepted = _accepted(label, name, got, holder_salt)
        ok = bool(accepted) or (expected is not None and _same(name, expected, got))
        scores.fields.setdefault(name, Ratio()).add(ok)
        scores.fields_by_severity.setdefault(severity, {}).setdefault(name, Ratio()).add(ok)
        if got is None:
            scores.field_empty[name] = scores.field_empty.get(name, 0) + 1
        if not ok and len(scores.misses) < max_misses:
            shown = "(a listed name, stored hashed)" if hashed else str(expected)
            scores.misses.append({"file": doc.file, "what": name, "truth": shown, "got": str(got)})


def _score_flags(scores: DocumentScores, label: object, doc: DocumentReport, max_misses: int) -> None:
    expected = set(label.expected_flags)  # type: ignore[attr-defined]
    tolerated = set(label.tolerated_flags)  # type: ignore[attr-defined]
    predicted = {f.code for f in doc.flags}
    for code in sorted(expected | predicted):
        pr = scores.flags.setdefault(code.value, PrecisionRecall())
        if code in expected and code in predicted:
            pr.tp += 1
            continue
        if code in expected:
            pr.fn += 1
            miss = {"file": doc.file, "what": f"flag {code.value}", "truth": "raised", "got": "missing"}
        elif code not in tolerated:
            pr.fp += 1
            miss = {"file": doc.file, "what": f"flag {code.value}", "truth": "not raised", "got": "raised"}
        else:
            continue
        if len(scores.misses) < max_misses:
            scores.misses.append(miss)
    if label.severity.value == "clean" and not (expected & QUALITY_FLAGS):  # type: ignore[attr-defined]
        scores.clean_documents += 1
        if (predicted - tolerated) & QUALITY_FLAGS:
            scores.clean_with_quality_flag += 1


def duplicate_pairs(files_with_duplicates: Iterable[tuple[str, list[str]]]) -> set[frozenset[str]]:
    return {frozenset((f, other)) for f, others in files_with_duplicates for other in others if other != f}


def score_pairs(truth: set[frozenset[str]], predicted: set[frozenset[str]]) -> PrecisionRecall:
    return PrecisionRecall(tp=len(truth & predicted), fp=len(predicted - truth), fn=len(truth - predicted))
