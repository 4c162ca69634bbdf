"""Plain-Chinese wording of rule-set conditions, for `missing` and for `verifier rules show`."""

from __future__ import annotations

from models.vocab import AWARD_CATEGORY_ZH, DOC_TYPE_ZH, GRADE_ZH, LEVEL_ZH, TITLE_RANK_ZH, TitleRank
from verifier.criteria.schema import Need, Threshold, Total, Window

TIER_ZH = {"city": "省、市（州）及所在地", "county": "县、乡（镇）"}


def threshold_text(threshold: Threshold) -> str:
    text = LEVEL_ZH[threshold.level]
    if threshold.grade is not None:
        text += GRADE_ZH[threshold.grade]
    if threshold.max_rank is not None:
        text += "（排名第一）" if threshold.max_rank == 1 else f"（排名前{threshold.max_rank}）"
    return text if threshold.exact_level else text + "以上"


def need_text(need: Need) -> str:
    """The need's own label, else one built from its conditions: 市（州）级二等奖以上的优质课竞赛获奖证书."""
    if need.label:
        return need.label
    if need.award_categories:
        subject = "、".join(AWARD_CATEGORY_ZH[c] for c in need.award_categories) + "获奖"
    else:
        subject = "或".join(DOC_TYPE_ZH[t] for t in need.doc_types)
    if need.thresholds:
        return "或".join(threshold_text(t) for t in need.thresholds) + "的" + subject
    return subject


def need_with_count(need: Need) -> str:
    unit = f"不同类别 {need.count} 项" if need.distinct_kinds else f"{need.count} 项"
    return f"{need_text(need)}（{unit}）"


def window_text(window: Window | None) -> str:
    return window.label if window else "不限时间"


def titles_text(titles: list[TitleRank]) -> str:
    return "、".join(TITLE_RANK_ZH[t] for t in titles) if titles else "各级"


def total_text(total: Total) -> str:
    parts = "，".join(f"{p.name}不少于 {p.min:g} 学时" for p in total.parts)
    text = f"累计不少于 {total.min:g} 学时"
    if total.hours_per_credit:
        text += f"（1 学分按 {total.hours_per_credit:g} 学时计）"
    if total.hours_per_day:
        text += f"（每天按 {total.hours_per_day:g} 学时计）"
    return text + (f"；其中{parts}" if parts else "")
