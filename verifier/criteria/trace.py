"""Traceability: every condition sentence of a seed notice → the clause ids that encode it → the tests of those.

A map (docs/trace/<rule set>.yaml) walks the seed in order: each span starts at the line holding its `start`
fragment and runs to the next span; `overrides` give single sentences their own entry. Every entry is encoded
(clause ids), needs_reviewer (a clause that hands the sentence to a reviewer, with the reason) or out_of_scope
(with the reason). The table is rendered to docs/trace/<rule set>.md by scripts/trace.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from verifier.criteria.schema import RuleSet

# A sentence states a condition when it carries one of these words (须、不少于、以上、是指 …).
_CUE = re.compile(
    r"须|应当|应|不少于|以上|以下|不得|必须|需|要求|条件|只能|不能|方可|可不|均指|是指|为准|不包括|包括|认定|"
    r"计算|折算|限于|满|不足|一票否决|延期|之一|之二|上传|提交|提供|获|证明|证书|合同|申请表|注册|加盖|盖章|学时|指"
)
_END = re.compile(r"(?<=[。；;！])")


class Status(StrEnum):
    encoded = "encoded"
    needs_reviewer = "needs_reviewer"
    out_of_scope = "out_of_scope"


STATUS_ZH = {Status.encoded: "已编码", Status.needs_reviewer: "评审人员核实", Status.out_of_scope: "不在范围"}


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Status
    clauses: list[str] = Field(default_factory=list)
    reason: str = ""

    @model_validator(mode="after")
    def _explained(self) -> Entry:
        if self.status == Status.encoded and not self.clauses:
            raise ValueError("an encoded entry names its clause ids")
        if self.status != Status.encoded and not self.reason:
            raise ValueError(f"a {self.status} entry gives its reason")
        return self


class Span(Entry):
    start: str = Field(description="a fragment of the first line of the span")


class Override(Entry):
    contains: str = Field(description="a fragment of the sentence (whitespace ignored)")


class TraceMap(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ruleset: str
    seed: str
    spans: list[Span] = Field(min_length=1)
    overrides: list[Override] = Field(default_factory=list)


@dataclass
class Row:
    line: int
    sentence: str
    entry: Entry
    tests: list[str] = field(default_factory=list)


def _squash(text: str) -> str:
    """Fragments match across full- and half-width punctuation and line breaks (the seeds mix them)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def seed_lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]


def condition_sentences(lines: list[str]) -> list[tuple[int, str]]:
    """(line index, sentence) for every sentence that states a condition."""
    found = []
    for index, line in enumerate(lines):
        for piece in _END.split(line):
            piece = piece.strip()
            if len(piece) >= 6 and _CUE.search(piece):
                found.append((index, piece))
    return found


def load_map(path: Path) -> TraceMap:
    return TraceMap.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def span_starts(trace: TraceMap, lines: list[str]) -> list[int]:
    """The line each span starts at, searching forward from the previous span; ValueError when not found."""
    starts, position = [], 0
    for span in trace.spans:
        fragment = _squash(span.start)
        index = next((i for i in range(position, len(lines)) if fragment in _squash(lines[i])), None)
        if index is None:
            raise ValueError(f"span start not found after line {position + 1}: {span.start!r}")
        starts.append(index)
        position = index
    return starts


def resolve(trace: TraceMap, seed_text: str) -> list[Row]:
    lines = seed_lines(seed_text)
    starts = span_starts(trace, lines)
    if starts[0] != 0:
        raise ValueError("the first span must start at the seed's first line")
    rows = []
    for line, sentence in condition_sentences(lines):
        span = max(i for i, start in enumerate(starts) if start <= line)
        entry: Entry = trace.spans[span]
        squashed = _squash(sentence)
        for override in trace.overrides:
            if _squash(override.contains) in squashed:
                entry = override
                break
        rows.append(Row(line=line + 1, sentence=sentence, entry=entry))
    return rows


def unused_overrides(trace: TraceMap, seed_text: str) -> list[str]:
    sentences = [_squash(s) for _, s in condition_sentences(seed_lines(seed_text))]
    return [o.contains for o in trace.overrides if not any(_squash(o.contains) in s for s in sentences)]


def index_tests(tests_root: Path) -> dict[str, list[str]]:
    """Clause id → the test modules and probe ids that name it."""
    index: dict[str, set[str]] = defaultdict(set)
    id_pattern = re.compile(r"[\"']([a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)+)[\"']")
    for path in sorted(tests_root.rglob("test_*.py")):
        for clause_id in id_pattern.findall(path.read_text(encoding="utf-8")):
            index[clause_id].add(path.relative_to(tests_root.parent).as_posix())
    for path in sorted((tests_root / "probes").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for probe in data.get("probes", []):
            for expectation in probe.get("expect", []):
                if "clause" in expectation:
                    index[expectation["clause"]].add(f"probe {probe['id']}")
    return {k: sorted(v, key=lambda s: (s.startswith("probe"), s)) for k, v in index.items()}


def attach_tests(rows: list[Row], tests: dict[str, list[str]]) -> None:
    for row in rows:
        row.tests = sorted({t for clause in row.entry.clauses for t in tests.get(clause, [])})


def _tests_text(tests: list[str]) -> str:
    modules = [t for t in tests if not t.startswith("probe")]
    probes = [t.removeprefix("probe ") for t in tests if t.startswith("probe")]
    parts = [f"`{m}`" for m in modules]
    if probes:
        shown = ", ".join(probes[:6]) + (f" … (+{len(probes) - 6})" if len(probes) > 6 else "")
        parts.append(f"probes {shown}")
    return "<br>".join(parts)


def render(ruleset: RuleSet, trace: TraceMap, rows: list[Row]) -> str:
    counts = {status: sum(r.entry.status == status for r in rows) for status in Status}
    encoded_ids = {c for r in rows for c in r.entry.clauses}
    lines = [
        f"# Traceability: {ruleset.id}",
        "",
        f"Seed `{trace.seed}` ({ruleset.policy_title}). Generated by `python scripts/trace.py` from",
        f"`docs/trace/{ruleset.id}.yaml`, `verifier/rulesets/{ruleset.id}.yaml` and the tests; do not edit by hand.",
        "",
        f"Condition sentences: {len(rows)}; encoded {counts[Status.encoded]}, "
        f"needs_reviewer {counts[Status.needs_reviewer]}, out of scope {counts[Status.out_of_scope]}; "
        f"coverage {100 if rows else 0}%. Clauses traced: {len(encoded_ids & {c.id for c in ruleset.clauses})} "
        f"of {len(ruleset.clauses)}.",
        "",
        "| line | sentence | status | clauses | reason | tests |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        sentence = row.sentence.replace("|", "｜")
        clauses = "<br>".join(f"`{c}`" for c in row.entry.clauses)
        reason = row.entry.reason.replace("|", "｜")
        lines.append(
            f"| {row.line} | {sentence} | {STATUS_ZH[row.entry.status]} | {clauses} | {reason} | "
            f"{_tests_text(row.tests)} |"
        )
    return "\n".join(lines) + "\n"
