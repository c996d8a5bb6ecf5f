"""Allocation proposal: which referrals would cover the most weighted urgent need with the
money the open projects hold, under every hard rule of search.policy.

The problem. Each case ready for referral has a gap and a weight per fen (its urgency:
normal 1, urgent 2, critical 4). Each open project holds a balance. A project may pay a case
it passes every rule for (search.policy.passes_without_money), at most its per-case cap.
Find how many fen each project gives each case so that the sum of weight x fen covered is as
large as possible.

The method and its guarantee. Covered amounts, as a vector over the cases, form a polymatroid
(the flow network source -> case (gap) -> project (cap) -> sink (balance) bounds them), and on
a polymatroid the greedy algorithm is optimal (Edmonds, 1970): take the cases heaviest first
and give each as much as can still reach it, letting cases already served switch to another
project when that frees money (augmenting paths in the residual network), never reducing
what they got. So, with amounts in whole fen, the proposal is an optimal solution of this
problem, not an approximation.

What it leaves out, and says so: a project that does not accept partial funding must pay a
case's whole need or nothing; such partial shares are dropped after the optimisation (so the
guarantee holds for the problem without that condition); special funds are not sources yet.
Staff confirm each proposed referral through the normal refer step.
"""

from __future__ import annotations

import itertools
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from search import policy
from search.policy import NeedFacts, ProjectFacts

URGENCY_WEIGHT = {1: 1, 2: 2, 3: 4}


@dataclass
class Proposal:
    # case_id -> [(project_id, fen)]
    referrals: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    uncovered: dict[int, int] = field(default_factory=dict)  # case_id -> fen still missing
    covered_fen: int = 0
    weighted_covered: int = 0
    dropped: list[tuple[int, int, int]] = field(default_factory=list)  # all-or-nothing shares


def weight(need: NeedFacts) -> int:
    return URGENCY_WEIGHT.get(need.urgency, 1)


def propose(
    needs: list[NeedFacts],
    projects: list[ProjectFacts],
    balances: dict[int, int],
    candidates: Callable[[NeedFacts], Iterable[ProjectFacts]] | None = None,
) -> Proposal:
    """``candidates`` narrows the projects looked at for a need (the engine's region index);
    the rules still decide."""
    project_by_id = {p.id: p for p in projects}
    # Residual capacities: case -> project edges (cap) and project -> sink (balance).
    edge = {}
    adjacent = defaultdict(list)
    for need in needs:
        for project in projects if candidates is None else candidates(need):
            if balances.get(project.id, 0) > 0 and policy.passes_without_money(need, project):
                edge[(need.case_id, project.id)] = min(
                    need.gap_fen, project.cap_fen or need.gap_fen
                )
                adjacent[need.case_id].append(project.id)
    left = {p.id: max(balances.get(p.id, 0), 0) for p in projects}
    flow = defaultdict(int)  # (case, project) -> fen
    served_by = defaultdict(set)  # project -> cases it pays

    order = sorted(needs, key=lambda n: (-weight(n), -n.waiting_days, n.case_id))
    for need in order:
        wanted = need.gap_fen
        while wanted > 0:
            path = _augmenting_path(need.case_id, adjacent, edge, flow, served_by, left)
            if path is None:
                break
            pushed = min(wanted, _bottleneck(path, edge, flow, left))
            _push(path, pushed, flow, served_by, left)
            wanted -= pushed

    proposal = Proposal()
    for need in needs:
        shares = []
        for project_id in adjacent[need.case_id]:
            fen = flow.get((need.case_id, project_id), 0)
            if not fen:
                continue
            project = project_by_id[project_id]
            if not project.accepts_partial and fen < policy.needed_fen(need, project):
                proposal.dropped.append((need.case_id, project_id, fen))
                continue
            shares.append((project_id, fen))
        covered = sum(fen for _p, fen in shares)
        if shares:
            proposal.referrals[need.case_id] = sorted(shares, key=lambda s: -s[1])
        if covered < need.gap_fen:
            proposal.uncovered[need.case_id] = need.gap_fen - covered
        proposal.covered_fen += covered
        proposal.weighted_covered += covered * weight(need)
    return proposal


def _augmenting_path(start, adjacent, edge, flow, served_by, left):
    """Breadth-first from a case to a project with money left. A step case -> project needs
    room on that edge; a step back project -> case follows money the project already gives
    that case (which the case may then take from another project instead)."""
    parent = {("case", start): None}
    queue = deque([("case", start)])
    while queue:
        kind, node = queue.popleft()
        if kind == "case":
            for project_id in adjacent[node]:
                key = ("project", project_id)
                if key not in parent and edge[(node, project_id)] - flow[(node, project_id)] > 0:
                    parent[key] = (kind, node)
                    if left[project_id] > 0:
                        return _path(parent, key)
                    queue.append(key)
        else:
            for case_id in served_by[node]:
                key = ("case", case_id)
                if key not in parent and flow[(case_id, node)] > 0:
                    parent[key] = (kind, node)
                    queue.append(key)
    return None


def _path(parent, end):
    path = [end]
    while parent[path[-1]] is not None:
        path.append(parent[path[-1]])
    return path[::-1]


def _steps(path):
    return itertools.pairwise(path)


def _bottleneck(path, edge, flow, left) -> int:
    room = left[path[-1][1]]
    for (kind, a), (_kind, b) in _steps(path):
        # Forward: room left on the edge; backward: money the project gives that case now.
        room = min(room, edge[(a, b)] - flow[(a, b)] if kind == "case" else flow[(b, a)])
    return room


def _push(path, fen, flow, served_by, left) -> None:
    for (kind, a), (_kind, b) in _steps(path):
        if kind == "case":
            flow[(a, b)] += fen
            served_by[b].add(a)
        else:
            flow[(b, a)] -= fen
            if not flow[(b, a)]:
                served_by[a].discard(b)
    left[path[-1][1]] -= fen
