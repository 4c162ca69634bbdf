"""A readable plain-text rendering of a rule set, for `verifier rules show ID`."""

from __future__ import annotations

from verifier.criteria.facts import test_text
from verifier.criteria.schema import Clause, RuleSet
from verifier.criteria.wording import TIER_ZH, need_with_count, threshold_text, titles_text, total_text, window_text

_ROLE_ZH = {"required": "必备", "exceptional": "破格", "informational": "参考"}


def _clause_lines(ruleset: RuleSet, clause: Clause) -> list[str]:
    tiers = "、".join(TIER_ZH[t] for t in clause.tiers) if clause.tiers else "不分层级"
    group = ruleset.group(clause.group)
    window = clause.window or (group.window if group else None)
    lines = [
        f"  [{clause.id}] {clause.title}",
        f"      出处：{ruleset.source_text(clause.source)}；适用：{tiers}；时间：{window_text(window)}",
    ]
    for number, alt in enumerate(clause.alternatives, start=1):
        needs = " 且 ".join(need_with_count(n) for n in alt.needs)
        lines.append(f"      方式{number}：{needs}")
        for need in alt.needs:
            if need.window:
                lines.append(f"        （{need_with_count(need)} 须在{need.window.label}）")
            if need.thresholds and need.label:
                lines.append(f"        （等级：{'或'.join(threshold_text(t) for t in need.thresholds)}）")
        if alt.facts:
            routes = "；或".join("、".join(test_text(t) for t in route.all) for route in alt.facts)
            lines.append(f"        另须（申报人信息）：{routes}")
        if alt.confirm:
            lines.append(f"        另须核实：{alt.confirm}")
    if clause.total:
        lines.append(f"      学时：{total_text(clause.total)}")
    if clause.yearly:
        last = clause.yearly.through_year or "评审前一"
        years = f"{clause.yearly.since_year}—{last} 年"
        lines.append(f"      年度：{years}每年须有继续教育证书，缺的年度须补齐（一年只能补一个年度）")
    for number, route in enumerate(clause.profile, start=1):
        lines.append(f"      申报人信息{number}：{'、'.join(test_text(t) for t in route.all)}")
    if clause.only_if:
        lines.append(f"      仅适用于：{'、'.join(test_text(t) for t in clause.only_if)}")
    if clause.unless:
        lines.append(f"      不适用于：{'或'.join(test_text(t) for t in clause.unless)}")
    if clause.reviewer:
        lines.append(f"      评审人员核实：{clause.reviewer}")
    return lines


def describe_ruleset(ruleset: RuleSet) -> str:
    lines = [f"{ruleset.id}：{ruleset.name}", f"地区：{ruleset.region}；依据：{ruleset.policy_title}"]
    if ruleset.description:
        lines.append(ruleset.description.strip())
    if ruleset.exclusive:
        lines.append("同一业绩只能支撑一个条款（附则）。")
    if ruleset.layered_highest_only:
        lines.append("层层赛同一项目只计最高级别获奖（附则）。")
    for group in ruleset.groups:
        members = [c for c in ruleset.clauses if c.group == group.id]
        lines.append("")
        required = "全部" if group.required == "all" else group.required
        lines.append(
            f"{group.title}（{_ROLE_ZH[group.role]}；{titles_text(group.target_titles)}；"
            f"须具备 {required} 项；出处：{ruleset.source_text(group.source)}）"
        )
        for clause in members:
            lines.extend(_clause_lines(ruleset, clause))
    loose = [c for c in ruleset.clauses if c.group is None]
    if loose:
        lines.append("")
        lines.append("其他条款")
        for clause in loose:
            lines.extend(_clause_lines(ruleset, clause))
    return "\n".join(lines) + "\n"
