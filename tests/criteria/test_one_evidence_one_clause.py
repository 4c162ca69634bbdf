"""004 附则 "本细则中同一业绩条件不能用于支撑不同业绩条款": the assignment that meets the most clauses."""

from __future__ import annotations

from datetime import date
from typing import Any

from models.evidence import Evidence
from models.report import Applicant, Fields
from models.vocab import ClauseStatus
from verifier.criteria import evaluate, load_ruleset
from verifier.criteria.assignment import AltSlot, ClauseSlot, NeedSlot, best_assignment

AS_OF = date(2024, 6, 30)
FIRST_CITY = Applicant(name="张三", target_title="first", tier="city", current_title_since=date(2018, 9, 1))


def make(file: str, doc_type: str, text: str, **fields: Any) -> Evidence:
    fields.setdefault("holder", "张三")
    fields.setdefault("issue_date", "2022-05-01")
    return Evidence(file=file, doc_type=doc_type, text=text, fields=Fields(**fields))


def statuses(result) -> dict[str, ClauseStatus]:
    return {c.id: c.status for c in result.clauses}


def test_greedy_would_fail_where_the_matching_meets_both_clauses() -> None:
    # a_*: 市政府表扬 for 命题 work fits clause 2 (市（州）级党委、政府表扬) AND clause 7 (市（州）级命题);
    # b_*: 县政府表彰 fits clause 2 only. First-come (file order, clause order) gives a_ to clause 2 and
    # leaves clause 7 empty; the matching gives b_ to clause 2 and a_ to clause 7.
    evidence = [
        make(
            "a_commend.pdf",
            "commendation_document",
            "关于表扬2022年中考命题工作人员的通报",
            level="municipal",
            issuer="六盘水市人民政府",
        ),
        make("b_honor.jpg", "honor_certificate", "被评为优秀教师", level="county", issuer="钟山区人民政府"),
    ]
    result = evaluate(load_ruleset("liupanshui-2024"), evidence, FIRST_CITY, as_of=AS_OF)
    got = statuses(result)
    assert got["first.performance.2.city"] == ClauseStatus.satisfied
    assert got["first.performance.7"] == ClauseStatus.satisfied
    assert result.assignment == {"a_commend.pdf": ["first.performance.7"], "b_honor.jpg": ["first.performance.2.city"]}
    assert result.eligible is True


def test_one_document_supports_one_clause_only() -> None:
    # 附则: the same 表扬 cannot be both 第十二条（二）2 and 7; with nothing else only one clause is met.
    evidence = [
        make(
            "a.pdf",
            "commendation_document",
            "关于表扬中考命题工作人员的通报",
            level="municipal",
            issuer="六盘水市人民政府",
        )
    ]
    result = evaluate(load_ruleset("liupanshui-2024"), evidence, FIRST_CITY, as_of=AS_OF)
    got = statuses(result)
    met = [cid for cid in ("first.performance.2.city", "first.performance.7") if got[cid] == ClauseStatus.satisfied]
    assert len(met) == 1
    assert result.assignment == {"a.pdf": met}
    assert result.eligible is False
    other = next(c for c in result.clauses if c.id in {"first.performance.2.city", "first.performance.7"} - set(met))
    assert "已用于支撑其他条款" in (other.missing or "")


def test_clause_needing_two_documents_is_a_capacity_of_two() -> None:
    # 第十二条（二）2 "市级教育行政部门表扬2次以上" needs two; 7 "市（州）级命题1次" needs the 命题 one.
    evidence = [
        make(
            "a.pdf",
            "commendation_document",
            "关于表扬中考命题工作人员的通报",
            level="municipal",
            issuer="六盘水市教育局",
        ),
        make("b.pdf", "commendation_document", "关于表扬优秀教师的通报", level="municipal", issuer="六盘水市教育局"),
        make("c.pdf", "commendation_document", "关于予以通报表扬的决定", level="municipal", issuer="六盘水市教育局"),
    ]
    result = evaluate(load_ruleset("liupanshui-2024"), evidence, FIRST_CITY, as_of=AS_OF)
    clause2 = next(c for c in result.clauses if c.id == "first.performance.2.city")
    assert clause2.status == ClauseStatus.satisfied and clause2.evidence == ["b.pdf", "c.pdf"]
    assert statuses(result)["first.performance.7"] == ClauseStatus.satisfied
    assert all(len(ids) == 1 for ids in result.assignment.values())


def test_required_group_is_preferred_over_exceptional_route() -> None:
    # 破格 (第十二条（三）) needs the same kind of award as 业绩条件 1; one award goes to the normal route.
    evidence = [
        make(
            "q.jpg",
            "award_certificate",
            "优质课竞赛",
            award_category="quality_lesson",
            level="provincial",
            grade="third",
        )
    ]
    got = statuses(evaluate(load_ruleset("liupanshui-2024"), evidence, FIRST_CITY, as_of=AS_OF))
    assert got["first.performance.1.city"] == ClauseStatus.satisfied
    assert got["first.exceptional.2"] == ClauseStatus.not_satisfied


def test_a_third_qualifying_award_is_left_unused_with_a_reason() -> None:
    # Two awards fill 业绩条件 1 and 破格 2; the third fits both but each clause counts once.
    evidence = [
        make(
            f"{name}.jpg",
            "award_certificate",
            f"优质课竞赛《{name}》",
            award_category="quality_lesson",
            level="municipal",
            grade="first",
        )
        for name in ("函数", "圆", "方程")
    ]
    result = evaluate(load_ruleset("liupanshui-2024"), evidence, FIRST_CITY, as_of=AS_OF)
    assert sorted(ids[0] for ids in result.assignment.values()) == ["first.exceptional.2", "first.performance.1.city"]
    unused = [f for f in ("函数.jpg", "圆.jpg", "方程.jpg") if f not in result.assignment]
    assert len(unused) == 1
    assert any("未被采用" in note for note in result.notes[unused[0]])


def test_best_assignment_beats_first_come() -> None:
    # X accepts {d1, d2}, Y accepts {d1} only: first-come gives d1 to X and Y is lost; the optimum meets both.
    slots = [
        ClauseSlot("x", [AltSlot((NeedSlot(1, {"d1": (), "d2": ()}),))]),
        ClauseSlot("y", [AltSlot((NeedSlot(1, {"d1": ()}),))]),
    ]
    solution = best_assignment(slots, lambda picked: (len(picked),))
    assert solution.chosen == {"x": (0, [["d2"]]), "y": (0, [["d1"]])}


def test_more_clauses_than_documents_can_carry() -> None:
    # Z needs two of {d2, d3}; with X and Y as above at most two clauses can be met from three documents.
    slots = [
        ClauseSlot("x", [AltSlot((NeedSlot(1, {"d1": (), "d2": ()}),))]),
        ClauseSlot("y", [AltSlot((NeedSlot(1, {"d1": ()}),))]),
        ClauseSlot("z", [AltSlot((NeedSlot(2, {"d2": (), "d3": ()}),))]),
    ]
    solution = best_assignment(slots, lambda picked: (len(picked),))
    assert len(solution.chosen) == 2
    used = [f for _, files in solution.chosen.values() for need in files for f in need]
    assert len(used) == len(set(used))


def test_distinct_kinds_use_one_document_per_kind() -> None:
    slot = ClauseSlot(
        "s", [AltSlot((NeedSlot(2, {"d1": ("说课",), "d2": ("说课",), "d3": ("微课", "说课")}, distinct=True),))]
    )
    solution = best_assignment([slot], lambda picked: (len(picked),))
    files = solution.chosen["s"][1][0]
    assert "d3" in files and len(files) == 2
    none = best_assignment(
        [ClauseSlot("s", [AltSlot((NeedSlot(2, {"d1": ("说课",), "d2": ("说课",)}, distinct=True),))])],
        lambda picked: (len(picked),),
    )
    assert none.chosen == {}
