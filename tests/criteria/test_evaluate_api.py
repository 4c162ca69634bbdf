"""The public API: which clauses apply, which documents never count, eligibility."""

from __future__ import annotations

from datetime import date
from typing import Any

from models.evidence import Evidence
from models.report import Applicant, Fields
from models.vocab import ClauseStatus
from verifier.criteria import applicable_clauses, evaluate, list_rulesets, load_ruleset

AS_OF = date(2024, 6, 30)


def award(file: str, holder: str | None = "张三", usable: bool = True, **fields: Any) -> Evidence:
    base = {"issue_date": "2022-05-01", "award_category": "quality_lesson", "level": "municipal", "grade": "first"}
    base.update(fields)
    return Evidence(
        file=file, doc_type="award_certificate", text="优质课竞赛", usable=usable, fields=Fields(holder=holder, **base)
    )


def applicant(title: str | None = "first", tier: str | None = "city") -> Applicant:
    return Applicant(name="张三", target_title=title, tier=tier, current_title_since=date(2018, 9, 1))


def test_list_rulesets_reports_clause_counts() -> None:
    infos = {i.id: i for i in list_rulesets()}
    assert infos["liupanshui-2024"].clauses == len(load_ruleset("liupanshui-2024").clauses)
    assert infos["liupanshui-2024"].seed.startswith("004")


def test_only_the_target_title_and_tier_apply() -> None:
    ruleset = load_ruleset("liupanshui-2024")
    ids = {c.id for c in applicable_clauses(ruleset, applicant("senior", "county"))}
    assert "senior.performance.1.county" in ids and "senior.performance.8" in ids
    assert "senior.performance.1.city" not in ids
    assert not any(i.startswith(("first.", "professor.")) for i in ids)


def test_unknown_tier_keeps_both_variants() -> None:
    ids = {c.id for c in applicable_clauses(load_ruleset("liupanshui-2024"), applicant("first", None))}
    assert {"first.performance.1.city", "first.performance.1.county"} <= ids


def test_no_target_title_means_no_eligibility_verdict() -> None:
    result = evaluate(load_ruleset("liupanshui-2024"), [award("a.jpg")], applicant(None, "city"), as_of=AS_OF)
    assert result.eligible is None
    assert any(c.id.startswith("professor.") for c in result.clauses)


def test_rejected_document_never_counts() -> None:
    result = evaluate(load_ruleset("liupanshui-2024"), [award("a.jpg", usable=False)], applicant(), as_of=AS_OF)
    assert result.assignment == {}
    assert "不可用" in result.notes["a.jpg"][0]


def test_another_persons_certificate_never_counts() -> None:
    # 000 四（二）: the holder must be the applicant; OCR spaces inside a name do not matter.
    ruleset = load_ruleset("liupanshui-2024")
    other = evaluate(ruleset, [award("a.jpg", holder="李四")], applicant(), as_of=AS_OF)
    assert other.assignment == {} and "不一致" in other.notes["a.jpg"][0]
    spaced = evaluate(ruleset, [award("a.jpg", holder="张 三")], applicant(), as_of=AS_OF)
    assert spaced.assignment == {"a.jpg": ["first.performance.1.city"]}
    unknown = evaluate(ruleset, [award("a.jpg", holder=None)], applicant(), as_of=AS_OF)
    assert unknown.assignment == {"a.jpg": ["first.performance.1.city"]}


def test_missing_text_says_what_is_still_needed() -> None:
    result = evaluate(load_ruleset("liupanshui-2024"), [], applicant("first", "city"), as_of=AS_OF)
    clause = next(c for c in result.clauses if c.id == "first.performance.1.city")
    assert clause.status == ClauseStatus.not_satisfied
    assert clause.missing.startswith("还差 1 项：")
    assert "市（州）级一等奖（排名前5）以上" in clause.missing
    assert result.eligible is False


def test_group_counts_and_eligibility_need_two_clauses() -> None:
    # 004 第十二条（二）"任现职以来，须具备下列条件之二"
    ruleset = load_ruleset("liupanshui-2024")
    one = evaluate(ruleset, [award("a.jpg")], applicant(), as_of=AS_OF)
    group = next(g for g in one.groups if g.id == "first.performance")
    assert (group.required, group.satisfied, group.met) == (2, 1, False)
    assert one.eligible is False
    honor = Evidence(
        file="h.jpg",
        doc_type="honor_certificate",
        text="被评为优秀教师",
        fields=Fields(holder="张三", issue_date="2021-01-01", level="county", issuer="钟山区人民政府"),
    )
    two = evaluate(ruleset, [award("a.jpg"), honor], applicant(), as_of=AS_OF)
    assert two.eligible is True


def test_reviewer_confirmation_leaves_eligibility_open() -> None:
    # 优秀班主任 needs "累计担任班主任…3年以上" confirmed: with one clean clause, eligibility is undecided.
    head = Evidence(
        file="bzr.jpg",
        doc_type="honor_certificate",
        text="被评为优秀班主任",
        fields=Fields(holder="张三", issue_date="2021-01-01", level="county", issuer="钟山区教育局"),
    )
    result = evaluate(load_ruleset("liupanshui-2024"), [award("a.jpg"), head], applicant(), as_of=AS_OF)
    clause = next(c for c in result.clauses if c.id == "first.performance.2.city")
    assert clause.status == ClauseStatus.needs_reviewer and clause.evidence == ["bzr.jpg"]
    assert "3年以上" in clause.missing
    assert result.eligible is None


def test_result_is_deterministic() -> None:
    ruleset = load_ruleset("liupanshui-2024")
    docs = [award(f"{i}.jpg", grade=g) for i, g in enumerate(["first", "second", "first"])]
    first = evaluate(ruleset, docs, applicant(), as_of=AS_OF)
    assert all(evaluate(ruleset, docs, applicant(), as_of=AS_OF) == first for _ in range(3))
    assert first.search_complete
