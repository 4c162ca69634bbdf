"""Evidence + applicant + rule set → which clauses are met, by which documents, and what is still missing."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from models.evidence import Evidence
from models.flags import FlagCode
from models.report import Applicant, ClauseResult, Flag
from models.vocab import ClauseStatus, Tier
from verifier.criteria.assignment import (
    AltSlot,
    ClauseSlot,
    NeedSlot,
    Picked,
    best_assignment,
    max_flow_per_need,
    solve,
)
from verifier.criteria.facts import FactOutcome, all_hold, any_holds, decide, test_text
from verifier.criteria.layered import find_lower_level_awards
from verifier.criteria.matching import in_window, kinds_of, matches_need, normalised_text, same_person, window_start
from verifier.criteria.result import Coverage, CriteriaResult, GroupResult
from verifier.criteria.schema import Alternative, Clause, GroupRole, Need, RuleSet, Window
from verifier.criteria.totals import add_up, missing_text
from verifier.criteria.wording import need_text
from verifier.criteria.yearly import attendance


def applicable_clauses(ruleset: RuleSet, applicant: Applicant, as_of: date | None = None) -> list[Clause]:
    """Clauses for the applicant's target title and tier; an unknown title or tier keeps every variant. A clause
    the profile exempts (`unless` holds, an `only_if` test fails) is left out; an unknown fact keeps it."""
    as_of = as_of or date.today()
    selected = []
    for clause in ruleset.clauses:
        if clause.unless and any_holds(applicant, clause.unless, as_of) is True:
            continue
        if clause.only_if and all_hold(applicant, clause.only_if, as_of) is False:
            continue
        group = ruleset.group(clause.group)
        titles = clause.target_titles or (group.target_titles if group else [])
        if titles and applicant.target_title is not None and applicant.target_title not in titles:
            continue
        if clause.tiers and applicant.tier is not None and applicant.tier not in clause.tiers:
            continue
        selected.append(clause)
    return selected


def effective_window(ruleset: RuleSet, clause: Clause, need: Need | None = None) -> Window | None:
    if need is not None and need.window is not None:
        return need.window
    if clause.window is not None:
        return clause.window
    group = ruleset.group(clause.group)
    return group.window if group else None


@dataclass
class _Context:
    ruleset: RuleSet
    applicant: Applicant
    as_of: date
    pool: list[Evidence] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    flags: dict[str, list[Flag]] = field(default_factory=lambda: defaultdict(list))
    # file → windows it fell outside of, for a clause it otherwise fits
    outside: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # file → clause ids it fits (inside the window)
    fits: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    assignment: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    undated_noted: set[str] = field(default_factory=set)

    def alt_facts(self, alt: Alternative) -> FactOutcome | None:
        """The profile facts an alternative also needs: None when it needs none."""
        return decide(self.applicant, alt.facts, self.as_of) if alt.facts else None

    def to_confirm(self, alt: Alternative) -> str | None:
        """What a reviewer must still confirm when this alternative's documents are present."""
        outcome = self.alt_facts(alt)
        if outcome is not None and outcome.met is None:
            return outcome.text
        return alt.confirm

    def note(self, file: str, text: str) -> None:
        if text not in self.notes[file]:
            self.notes[file].append(text)


def _screen(ctx: _Context, evidence: list[Evidence]) -> None:
    """Drop what can never count: rejected documents, other people's documents, lower rounds of 层层赛."""
    for item in evidence:
        if not item.usable:
            ctx.note(item.file, "材料不可用（存在错误标记），不计入任何条款")
            continue
        if same_person(item.fields.holder, ctx.applicant.name) is False:
            ctx.note(item.file, f"持有人“{item.fields.holder}”与申报人“{ctx.applicant.name}”不一致，不计入")
            continue
        ctx.pool.append(item)
    if not ctx.ruleset.layered_highest_only:
        return
    lower = find_lower_level_awards(ctx.pool, ctx.ruleset.layered_categories)
    dropped = {award.file for award in lower}
    for award in lower:
        ctx.flags[award.file].append(Flag.make(FlagCode.LOWER_LEVEL_SAME_PROJECT, detail=award.detail))
        ctx.note(award.file, f"层层赛：{award.detail}")
    ctx.pool = [e for e in ctx.pool if e.file not in dropped]


def _window_label(ctx: _Context, window: Window) -> str:
    start = window_start(window, ctx.applicant, ctx.as_of)
    if window.calendar_year or window.previous_year:
        return f"{window.label}（{start.year if start else ctx.as_of.year} 年度）"
    return f"{window.label}（{start.isoformat()} 起）" if start else window.label


def _dated_ok(ctx: _Context, item: Evidence, window: Window | None) -> bool:
    inside = in_window(item, window, ctx.applicant, ctx.as_of)
    if inside is False:
        assert window is not None
        ctx.outside[item.file].add(_window_label(ctx, window))
        return False
    if inside is None and window is not None and item.file not in ctx.undated_noted:
        ctx.undated_noted.add(item.file)
        reason = "未提供任现职时间" if window.since_current_title and not ctx.applicant.current_title_since else ""
        ctx.note(item.file, f"{reason or '证书日期未识别'}，未核对时间范围（{window.label}），请评审人员核实")
    return True


def _need_slot(ctx: _Context, clause: Clause, need: Need) -> NeedSlot:
    window = effective_window(ctx.ruleset, clause, need)
    candidates: dict[str, tuple[str, ...]] = {}
    for item in ctx.pool:
        if not matches_need(item, need, ctx.ruleset.higher_level_min_grade):
            continue
        if not _dated_ok(ctx, item, window):
            continue
        kinds = tuple(kinds_of(need, normalised_text(item))) if need.distinct_kinds else ()
        candidates[item.file] = kinds
        ctx.fits[item.file].add(clause.id)
    return NeedSlot(count=need.count, candidates=candidates, distinct=bool(need.distinct_kinds))


def _alt_slot(ctx: _Context, clause: Clause, alt: Alternative) -> AltSlot:
    """An alternative the profile rules out (its facts fail) can take no document."""
    outcome = ctx.alt_facts(alt)
    if outcome is not None and outcome.met is False:
        return AltSlot(needs=tuple(NeedSlot(count=need.count, candidates={}) for need in alt.needs))
    return AltSlot(needs=tuple(_need_slot(ctx, clause, need) for need in alt.needs))


def _shortfall(clause: Clause, index: int, slot: AltSlot, allowed: set[str] | None) -> list[tuple[Need, int]]:
    flows = max_flow_per_need([(clause.id, index, slot)], allowed)
    gaps = []
    for need_index, (need, need_slot) in enumerate(zip(clause.alternatives[index].needs, slot.needs, strict=True)):
        got = len(flows.get(("need", clause.id, index, need_index), []))
        if got < need_slot.count:
            gaps.append((need, need_slot.count - got))
    return gaps


def _missing(ctx: _Context, clause: Clause, slots: list[AltSlot], free: set[str] | None) -> tuple[str, int]:
    """What is still missing for the closest alternative, and that alternative's index."""
    shortfalls = [_shortfall(clause, i, slot, free) for i, slot in enumerate(slots)]
    index = min(range(len(slots)), key=lambda i: sum(g for _, g in shortfalls[i]))  # first of equals
    gaps = shortfalls[index]
    text = "；".join(f"还差 {gap} 项：{need_text(need)}" for need, gap in gaps)
    if free is not None and sum(g for _, g in _shortfall(clause, index, slots[index], None)) < sum(g for _, g in gaps):
        text += "（另有符合条件的材料已用于支撑其他条款，按附则不重复计算）"
    alt = clause.alternatives[index]
    outcome = ctx.alt_facts(alt)
    if outcome is not None and outcome.met is False:
        text += f"（{outcome.text}）"
    elif outcome is not None and outcome.met is None:
        text += f"（另须核实：{outcome.text}）"
    elif alt.confirm:
        text += f"（另须核实：{alt.confirm}）"
    if clause.reviewer:
        text += f"；或经评审人员核实：{clause.reviewer}"
    return text, index


def _flag_partial(ctx: _Context, clause: Clause, slot: AltSlot, alt: Alternative, free: set[str] | None) -> None:
    """MISSING_COMPANION: documents present for some needs while a companion need has none."""
    if clause.partial_flag is None:
        return
    flows = max_flow_per_need([(clause.id, 0, slot)], free)
    present = {i: flows.get(("need", clause.id, 0, i), []) for i in range(len(slot.needs))}
    absent = [need_text(alt.needs[i]) for i, files in present.items() if len(files) < slot.needs[i].count]
    if not absent:
        return
    for files in present.values():
        for file in files:
            ctx.flags[file].append(Flag.make(clause.partial_flag, detail=f"缺少{'、'.join(absent)}"))


def _result_for_alternatives(
    ctx: _Context,
    clause: Clause,
    slots: list[AltSlot],
    chosen: tuple[int, list[list[str]]] | None,
    free: set[str] | None,
) -> ClauseResult:
    if chosen is not None:
        alt_index, files_per_need = chosen
        files = sorted({f for files in files_per_need for f in files})
        for file in files:
            if clause.id not in ctx.assignment[file]:
                ctx.assignment[file].append(clause.id)
            ctx.note(file, f"用于支撑条款 {clause.id}（{clause.source}）")
        confirm = ctx.to_confirm(clause.alternatives[alt_index])
        if confirm:
            text = f"材料已具备，另须评审人员核实：{confirm}"
            return _clause_result(clause, ClauseStatus.needs_reviewer, files, text)
        return ClauseResult(id=clause.id, title=clause.title, status=ClauseStatus.satisfied, evidence=files)
    missing, index = _missing(ctx, clause, slots, free)
    _flag_partial(ctx, clause, slots[index], clause.alternatives[index], free)
    return ClauseResult(id=clause.id, title=clause.title, status=ClauseStatus.not_satisfied, missing=missing)


def _total_result(ctx: _Context, clause: Clause) -> ClauseResult:
    assert clause.total is not None
    rule = clause.total
    window = effective_window(ctx.ruleset, clause)
    items = [e for e in ctx.pool if e.doc_type in rule.doc_types and _dated_ok(ctx, e, window)]
    for item in items:
        ctx.fits[item.file].add(clause.id)
    outcome = add_up(rule, items)
    for file in outcome.counted:
        ctx.assignment[file].append(clause.id)
        ctx.note(file, f"学时计入条款 {clause.id}（{clause.source}）")
    for file in outcome.without_hours:
        ctx.note(file, f"未注明学时，未计入条款 {clause.id}")
    if outcome.met(rule):
        return ClauseResult(
            id=clause.id, title=clause.title, status=ClauseStatus.satisfied, evidence=sorted(outcome.counted)
        )
    return ClauseResult(
        id=clause.id,
        title=clause.title,
        status=ClauseStatus.not_satisfied,
        evidence=sorted(outcome.counted),
        missing=missing_text(rule, outcome),
    )


def _scorer(
    ruleset: RuleSet, clauses: list[Clause], members: dict[str, int], to_confirm: Callable[[Alternative], str | None]
) -> Callable[[list[Picked]], tuple[int, ...]]:
    by_id = {c.id: c for c in clauses}

    def score(picked: list[Picked]) -> tuple[int, ...]:
        # tier versions of one condition (kept when the tier is unknown) count once
        conditions = {(by_id[cid].group or "", by_id[cid].condition_key) for cid, _ in picked}
        per_group: Counter[str] = Counter(group for group, _ in conditions)
        capped = {role: 0 for role in GroupRole}
        for group in ruleset.groups:
            capped[group.role] += min(per_group[group.id], group.needed(members[group.id]))
        clean = sum(1 for cid, alt in picked if alt is None or not to_confirm(by_id[cid].alternatives[alt]))
        return capped[GroupRole.required], capped[GroupRole.exceptional], len(picked), clean

    return score


def evaluate(
    ruleset: RuleSet, evidence: list[Evidence], applicant: Applicant, *, as_of: date | None = None
) -> CriteriaResult:
    """Match the documents to the clauses for this applicant; `as_of` anchors 近三年 and 年度 (default today)."""
    ctx = _Context(ruleset=ruleset, applicant=applicant, as_of=as_of or date.today())
    _screen(ctx, evidence)
    clauses = applicable_clauses(ruleset, applicant, ctx.as_of)

    slots: dict[str, list[AltSlot]] = {}
    for clause in clauses:
        if clause.alternatives:
            slots[clause.id] = [_alt_slot(ctx, clause, alt) for alt in clause.alternatives]
    exclusive = [c for c in clauses if c.alternatives and (ruleset.exclusive if c.exclusive is None else c.exclusive)]
    members = Counter(group for group, _ in {(c.group or "", c.condition_key) for c in clauses})
    score = _scorer(ruleset, exclusive, members, ctx.to_confirm)
    solution = best_assignment([ClauseSlot(c.id, slots[c.id]) for c in exclusive], score)
    used = {f for _, files in solution.chosen.values() for need_files in files for f in need_files}
    free = {e.file for e in ctx.pool} - used

    results: dict[str, ClauseResult] = {}
    for clause in clauses:
        if clause.profile:
            results[clause.id] = _profile_result(ctx, clause)
        elif clause.yearly is not None:
            results[clause.id] = _yearly_result(ctx, clause)
        elif clause.total is not None:
            results[clause.id] = _total_result(ctx, clause)
        elif not clause.alternatives:
            results[clause.id] = ClauseResult(
                id=clause.id,
                title=clause.title,
                status=ClauseStatus.needs_reviewer,
                missing=f"无法由证书材料证明，须评审人员核实：{clause.reviewer}",
            )
        elif clause in exclusive:
            results[clause.id] = _result_for_alternatives(
                ctx, clause, slots[clause.id], solution.chosen.get(clause.id), free
            )
        else:
            results[clause.id] = _result_for_alternatives(
                ctx, clause, slots[clause.id], _first_feasible(clause, slots[clause.id]), None
            )

    for clause in clauses:
        results[clause.id] = _maybe_not_required(ctx, clause, results[clause.id])
    _explain_unused(ctx, {c.id for c in exclusive})
    pending = {c.id for c in clauses if _pending(c, results[c.id])}
    groups = _group_results(ruleset, clauses, results, pending)
    eligible = _eligible(ruleset, applicant, groups)
    if applicant.tier is None and eligible is True and any(c.tiers for c in clauses):
        eligible = _eligible_in_every_tier(ruleset, evidence, applicant, ctx.as_of)
    return CriteriaResult(
        ruleset=ruleset.id,
        clauses=[results[c.id] for c in clauses],
        groups=groups,
        assignment={f: ids for f, ids in ctx.assignment.items() if ids},
        flags={f: flags for f, flags in ctx.flags.items() if flags},
        notes={f: notes for f, notes in ctx.notes.items() if notes},
        eligible=eligible,
        search_complete=solution.complete,
        coverage=_coverage(ruleset, applicant, groups),
    )


def _eligible_in_every_tier(
    ruleset: RuleSet, evidence: list[Evidence], applicant: Applicant, as_of: date
) -> bool | None:
    """Without a tier, a group met through one tier's wording only is not met for sure: true only when the
    applicant is eligible as a city and as a county teacher alike."""
    verdicts = {
        evaluate(ruleset, evidence, applicant.model_copy(update={"tier": tier}), as_of=as_of).eligible
        for tier in (Tier.city, Tier.county)
    }
    return True if verdicts == {True} else None


def _profile_result(ctx: _Context, clause: Clause) -> ClauseResult:
    """A condition the profile decides; a missing fact is a reviewer's, never met by default."""
    outcome = decide(ctx.applicant, clause.profile, ctx.as_of)
    if outcome.met is True:
        return ClauseResult(id=clause.id, title=clause.title, status=ClauseStatus.satisfied, missing=None)
    status = ClauseStatus.needs_reviewer if outcome.met is None else ClauseStatus.not_satisfied
    return ClauseResult(id=clause.id, title=clause.title, status=status, missing=outcome.text)


def _yearly_result(ctx: _Context, clause: Clause) -> ClauseResult:
    assert clause.yearly is not None
    rule = clause.yearly
    outcome = attendance(rule, ctx.pool, ctx.as_of)
    files = sorted(outcome.files)
    for file in files:
        if clause.id not in ctx.assignment[file]:
            ctx.assignment[file].append(clause.id)
    if not outcome.missed:
        return ClauseResult(id=clause.id, title=clause.title, status=ClauseStatus.satisfied, evidence=files)
    years = "、".join(f"{y}" for y in outcome.missed)
    undated = f"（另有 {len(outcome.undated)} 份证书日期未识别）" if outcome.undated else ""
    if outcome.undated or outcome.can_make_up(rule):
        text = f"{years} 年度没有继续教育证书{undated}：须补齐该年度学时（一个学习年度只能补一个年度），请评审人员核实"
        return _clause_result(clause, ClauseStatus.needs_reviewer, files, text)
    text = f"{years} 年度没有继续教育证书，之后的学习年度不够补齐（一个学习年度只能补一个年度）"
    return _clause_result(clause, ClauseStatus.not_satisfied, files, text)


def _clause_result(clause: Clause, status: ClauseStatus, evidence: list[str], missing: str | None) -> ClauseResult:
    return ClauseResult(id=clause.id, title=clause.title, status=status, evidence=evidence, missing=missing)


def _maybe_not_required(ctx: _Context, clause: Clause, result: ClauseResult) -> ClauseResult:
    """A clause kept only because its `only_if` fact is unknown: documents missing are a reviewer's question."""
    if not clause.only_if or result.status != ClauseStatus.not_satisfied:
        return result
    if all_hold(ctx.applicant, clause.only_if, ctx.as_of) is not None:
        return result
    condition = "、".join(test_text(t) for t in clause.only_if)
    return result.model_copy(
        update={
            "status": ClauseStatus.needs_reviewer,
            "missing": f"{result.missing}；仅{condition}须提交，申报人信息未说明，请评审人员核实",
        }
    )


def _pending(clause: Clause, result: ClauseResult) -> bool:
    """needs_reviewer that a reviewer could turn into met: documents present, or a fact the profile lacks."""
    if result.status != ClauseStatus.needs_reviewer:
        return False
    return bool(result.evidence) or bool(clause.profile) or bool(clause.only_if)


def _coverage(ruleset: RuleSet, applicant: Applicant, groups: list[GroupResult]) -> Coverage:
    evaluated = [g.id for g in groups if g.role == GroupRole.required]
    return Coverage(
        evaluated_groups=evaluated,
        reported_groups=[g.id for g in groups if g.role != GroupRole.required],
        not_modelled=list(ruleset.not_modelled),
        needs_target_title=applicant.target_title is None and ruleset.needs_target_title,
    )


def _first_feasible(clause: Clause, slots: list[AltSlot]) -> tuple[int, list[list[str]]] | None:
    """Non-exclusive clauses: every matching document is listed; clean alternatives before confirm ones."""
    alts = clause.alternatives
    order = sorted(range(len(slots)), key=lambda i: bool(alts[i].confirm or alts[i].facts))
    for index in order:
        if solve([(clause.id, index, slots[index])]) is not None:
            return index, [sorted(n.candidates) for n in slots[index].needs]
    return None


def _explain_unused(ctx: _Context, exclusive_ids: set[str]) -> None:
    for item in ctx.pool:
        file = item.file
        if ctx.assignment.get(file):
            continue
        fits = sorted(ctx.fits.get(file, set()) & exclusive_ids)
        if fits:
            ctx.note(
                file,
                f"符合条款 {'、'.join(fits)} 的条件，但未被采用："
                "按附则同一材料只支撑一个条款，现有分配已使满足的条款最多",
            )
        elif ctx.outside.get(file) and not ctx.fits.get(file):
            windows = "、".join(sorted(ctx.outside[file]))
            ctx.flags[file].append(Flag.make(FlagCode.DATE_OUT_OF_WINDOW, detail=windows, value=item.fields.issue_date))
            ctx.note(file, f"证书时间 {item.fields.issue_date} 不在 {windows} 内，不计入")
        elif not ctx.fits.get(file):
            ctx.note(file, "不符合本规则集中适用条款的条件")


def _group_results(
    ruleset: RuleSet, clauses: list[Clause], results: dict[str, ClauseResult], pending_ids: set[str]
) -> list[GroupResult]:
    groups = []
    for group in ruleset.groups:
        members = [c for c in clauses if c.group == group.id]
        if not members:
            continue
        # one count per condition: its city and county versions (both kept when the tier is unknown) are one
        statuses: dict[str, set[str]] = defaultdict(set)
        for clause in members:
            result = results[clause.id]
            statuses[clause.condition_key].add("pending" if clause.id in pending_ids else result.status.value)
        required = group.needed(len(statuses))
        satisfied = sum(ClauseStatus.satisfied.value in s for s in statuses.values())
        pending = sum("pending" in s and ClauseStatus.satisfied.value not in s for s in statuses.values())
        groups.append(
            GroupResult(
                id=group.id,
                title=group.title,
                source=group.source,
                role=group.role,
                required=required,
                satisfied=satisfied,
                needs_reviewer=pending,
                met=satisfied >= required,
            )
        )
    return groups


def _eligible(ruleset: RuleSet, applicant: Applicant, groups: list[GroupResult]) -> bool | None:
    required = [g for g in groups if g.role == GroupRole.required]
    if (ruleset.needs_target_title and applicant.target_title is None) or not required:
        return None
    if all(g.met for g in required):
        return True
    if all(g.satisfied + g.needs_reviewer >= g.required for g in required):
        return None
    return False
