"""附则 "同一业绩条件不能用于支撑不同业绩条款": assign each document to at most one clause so that the
most clauses are met.

A clause needing k documents is a b-matching capacity, so a set of clauses (each with one chosen
alternative) is feasible exactly when a max-flow source → need (capacity k) → [kind (1)] → document (1) →
sink saturates every need. Which clauses to meet is a search over clause sets (branch and bound on the
caller's score), each candidate set checked by max-flow. First-come greedy is wrong here: an award that
fits two clauses may be the only one that fits the second.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import networkx as nx

# Flow checks allowed per evaluation; real submissions need a few dozen. Past it the best set found so far
# is kept and the result says the search was cut short.
MAX_FLOW_CHECKS = 20_000


@dataclass(frozen=True)
class NeedSlot:
    count: int
    candidates: dict[str, tuple[str, ...]]  # file → kinds it is of (empty when kinds do not matter)
    distinct: bool = False

    def possible(self, allowed: set[str] | None = None) -> bool:
        files = [f for f in self.candidates if allowed is None or f in allowed]
        if len(files) < self.count:
            return False
        if self.distinct:
            return len({k for f in files for k in self.candidates[f]}) >= self.count
        return True


@dataclass(frozen=True)
class AltSlot:
    needs: tuple[NeedSlot, ...]

    def possible(self, allowed: set[str] | None = None) -> bool:
        return all(n.possible(allowed) for n in self.needs) and sum(n.count for n in self.needs) <= len(
            {f for n in self.needs for f in n.candidates if allowed is None or f in allowed}
        )


@dataclass
class ClauseSlot:
    clause_id: str
    alternatives: list[AltSlot]


Choice = tuple[str, int, AltSlot]  # clause id, alternative index, alternative


@dataclass
class Solution:
    # clause id → (alternative index, files used per need)
    chosen: dict[str, tuple[int, list[list[str]]]] = field(default_factory=dict)
    complete: bool = True  # False when the search hit MAX_FLOW_CHECKS


def _flow_graph(choices: Sequence[Choice], allowed: set[str] | None) -> tuple[nx.DiGraph, int]:
    graph = nx.DiGraph()
    demand = 0
    for clause_id, alt_index, alt in choices:
        for need_index, need in enumerate(alt.needs):
            need_node = ("need", clause_id, alt_index, need_index)
            graph.add_edge("source", need_node, capacity=need.count)
            demand += need.count
            for file, kinds in need.candidates.items():
                if allowed is not None and file not in allowed:
                    continue
                doc_node = ("doc", file)
                graph.add_edge(doc_node, "sink", capacity=1)
                if need.distinct:
                    for kind in kinds:
                        kind_node = ("kind", clause_id, alt_index, need_index, kind)
                        graph.add_edge(need_node, kind_node, capacity=1)
                        graph.add_edge(kind_node, doc_node, capacity=1)
                else:
                    graph.add_edge(need_node, doc_node, capacity=1)
    return graph, demand


def _files_of(flow: dict, need_node: tuple) -> list[str]:
    files: list[str] = []
    for succ, amount in flow.get(need_node, {}).items():
        if amount <= 0:
            continue
        if succ[0] == "doc":
            files.append(succ[1])
        else:  # a kind node: follow it to its document
            files.extend(doc[1] for doc, a in flow[succ].items() if a > 0)
    return sorted(files)


def max_flow_per_need(choices: Sequence[Choice], allowed: set[str] | None = None) -> dict[tuple, list[str]]:
    """Files reaching each need node in one maximum flow (need node → files)."""
    graph, _ = _flow_graph(choices, allowed)
    if "source" not in graph or "sink" not in graph:
        return {}
    _, flow = nx.maximum_flow(graph, "source", "sink")
    return {node: _files_of(flow, node) for node in graph.successors("source")}


def solve(choices: Sequence[Choice], allowed: set[str] | None = None) -> dict[str, list[list[str]]] | None:
    """Files per need for every chosen clause, or None when the set cannot be met with distinct documents."""
    graph, demand = _flow_graph(choices, allowed)
    if demand == 0:
        return {}
    if "sink" not in graph:
        return None
    value, flow = nx.maximum_flow(graph, "source", "sink")
    if value < demand:
        return None
    result: dict[str, list[list[str]]] = {}
    for clause_id, alt_index, alt in choices:
        result[clause_id] = [_files_of(flow, ("need", clause_id, alt_index, i)) for i in range(len(alt.needs))]
    return result


Picked = tuple[str, int | None]  # clause id, alternative index (None: not yet chosen, score it at its best)


def best_assignment(slots: list[ClauseSlot], score: Callable[[list[Picked]], tuple[int, ...]]) -> Solution:
    """The clause set with the highest score that distinct documents can meet.

    `score` must not decrease when a clause is added, nor when an undecided clause (index None) is decided.
    """
    options = [
        (slot.clause_id, [(i, alt) for i, alt in enumerate(slot.alternatives) if alt.possible()]) for slot in slots
    ]
    options = [(cid, alts) for cid, alts in options if alts]
    best_choices: list[Choice] = []
    best_score = score([])
    checks = 0
    complete = True

    def search(index: int, chosen: list[Choice]) -> None:
        nonlocal best_choices, best_score, checks, complete
        optimistic = score([(c[0], c[1]) for c in chosen] + [(cid, None) for cid, _ in options[index:]])
        if optimistic <= best_score:
            return
        if index == len(options):
            current = score([(c[0], c[1]) for c in chosen])
            if current > best_score:
                best_score, best_choices = current, list(chosen)
            return
        clause_id, alternatives = options[index]
        for alt_index, alt in alternatives:
            if checks >= MAX_FLOW_CHECKS:
                complete = False
                return
            attempt = [*chosen, (clause_id, alt_index, alt)]
            checks += 1
            if solve(attempt) is not None:
                search(index + 1, attempt)
        search(index + 1, chosen)

    search(0, [])
    files = solve(best_choices) or {}
    solution = Solution(complete=complete)
    for clause_id, alt_index, _ in best_choices:
        solution.chosen[clause_id] = (alt_index, files.get(clause_id, []))
    return solution
