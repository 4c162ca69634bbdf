"""Probes: cases written from a notice's own sentences (not from the rule set), run through the evaluator.

A probe file (YAML) names its rule set and lists probes; each gives the applicant's profile, hand-made evidence
(doc_type, text, fields — no OCR) and what the notice says should follow: a clause's status, a group's
outcome, or `eligible`. Agreement is the share of probes whose every expectation the evaluator meets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from models.applicant import Applicant
from models.evidence import Evidence
from models.report import Fields
from models.vocab import ClauseStatus, DocType
from verifier.criteria.evaluate import evaluate
from verifier.criteria.loader import load_ruleset
from verifier.criteria.result import CriteriaResult


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProbeDocument(_Strict):
    doc_type: DocType
    text: str = ""
    fields: dict[str, Any] = Field(default_factory=dict)
    usable: bool = True


class Expectation(_Strict):
    """What the notice says follows; every given key must hold."""

    clause: str | None = Field(None, description="a clause id whose status is checked")
    status: ClauseStatus | None = Field(None, description="the clause's status; absent (with `clause`) = not applied")
    absent: bool = Field(False, description="the clause does not apply to this applicant")
    eligible: bool | None = Field(None, description="`eligible` (use eligible_null for null)")
    eligible_null: bool = False
    group: str | None = None
    group_met: bool | None = None


class Probe(_Strict):
    id: str
    quote: str = Field(description="the seed's sentence the probe is written from")
    applicant: dict[str, Any] = Field(default_factory=dict)
    evidence: list[ProbeDocument] = Field(default_factory=list)
    expect: list[Expectation] = Field(min_length=1)


class ProbeFile(_Strict):
    ruleset: str
    seed: str
    as_of: date
    holder: str = Field("张三", description="holder of every document and the applicant's name unless given")
    applicant: dict[str, Any] = Field(default_factory=dict, description="defaults for every probe's applicant")
    probes: list[Probe]


@dataclass
class ProbeOutcome:
    probe: Probe
    failures: list[str] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return not self.failures


def _evidence(probe: Probe, holder: str, as_of: date) -> list[Evidence]:
    items = []
    for index, document in enumerate(probe.evidence):
        values = {"holder": holder, "issue_date": f"{as_of.year - 1}-05-01", **document.fields}
        items.append(
            Evidence(
                file=f"{probe.id}-{index + 1}",
                doc_type=document.doc_type,
                text=document.text,
                fields=Fields(**values),
                usable=document.usable,
            )
        )
    return items


def _check(result: CriteriaResult, expectation: Expectation) -> str | None:
    if expectation.clause is not None:
        found = next((c for c in result.clauses if c.id == expectation.clause), None)
        if expectation.absent:
            if found is not None:
                return f"{expectation.clause}: applies ({found.status}), expected not to"
        elif found is None:
            return f"{expectation.clause}: does not apply"
        elif expectation.status is not None and found.status != expectation.status:
            return f"{expectation.clause}: {found.status}, expected {expectation.status}（{found.missing or ''}）"
    if expectation.eligible_null and result.eligible is not None:
        return f"eligible {result.eligible}, expected null"
    if expectation.eligible is not None and result.eligible is not expectation.eligible:
        return f"eligible {result.eligible}, expected {expectation.eligible}"
    if expectation.group is not None:
        group = next((g for g in result.groups if g.id == expectation.group), None)
        if group is None:
            return f"group {expectation.group} not evaluated"
        if expectation.group_met is not None and group.met is not expectation.group_met:
            return f"group {expectation.group}: met {group.met}, expected {expectation.group_met}"
    return None


def run_probe_file(path: Path) -> tuple[ProbeFile, list[ProbeOutcome]]:
    spec = ProbeFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    ruleset = load_ruleset(spec.ruleset)
    outcomes = []
    for probe in spec.probes:
        facts = {"name": spec.holder, **spec.applicant, **probe.applicant}
        applicant = Applicant.model_validate(facts)
        result = evaluate(ruleset, _evidence(probe, spec.holder, spec.as_of), applicant, as_of=spec.as_of)
        failures = [f for e in probe.expect if (f := _check(result, e)) is not None]
        outcomes.append(ProbeOutcome(probe=probe, failures=failures))
    return spec, outcomes


def probe_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml"))
