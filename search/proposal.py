"""Allocation proposal: which referrals would cover the most weighted urgent need with the
money the open projects, their charities' special funds and the enterprises' special funds
hold, under every hard rule of search.policy.

The problem. Each case ready for referral has a gap and a weight per fen (its urgency:
normal 1, urgent 2, critical 4). Each open project holds a balance; each special fund it may
draw on (donors.selectors.drawable_funds) holds one too: a fund of its own charity, shared by
every project of that charity, or an enterprise's fund, shared by every project of every
charity (its fund managers commit it to whichever accepted referral), each only for the cases
whose category and region the fund's restrictions admit. A
project may take a case it passes every rule for (search.policy.passes_without_money), at
most its per-case cap in all, paid from its own balance or from such a fund. Find how many
fen each source gives each case through each project so that the sum of weight x fen covered
is as large as possible.

The method and its guarantee. The flow network is case (gap) -> (case, project) (the cap) ->
source (the project's balance, or a fund admitting the case) -> sink (each source's
balance). The amounts a set of cases can receive form a polymatroid (the maximum flow from a
set of sources of a network is submodular), and on a polymatroid the greedy algorithm is
optimal (Edmonds, 1970): take the cases heaviest first and give each as much as can still
reach it, letting cases already served switch to another project or source when that frees
money (augmenting paths in the residual network), never reducing what they got. So, with
amounts in whole fen, the proposal is an optimal solution of this problem, not an
approximation; no source ever gives more than it holds, a fund included, across all cases.

What it leaves out, and says so: a project that does not accept partial funding must pay a
case's whole need or nothing; such partial shares are dropped after the optimisation (so the
guarantee holds for the problem without that condition). A case may be proposed money from
several sources through one project (several allocations to one referral). A charity's fund
is not a source for another charity's projects (only its own staff allocate it, and they
handle their own referrals). Staff confirm each proposed referral through the normal refer
step; the charity allocates from its project and funds, an enterprise's fund managers from
their fund (they find the accepted referral among the cases their fund may pay for).
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
    # (case_id, project_id) -> [(("project", id) or ("fund", id), fen)]: where the money is from
    sources: dict[tuple[int, int], list[tuple[tuple[str, int], int]]] = field(default_factory=dict)
    # case_id -> the service project (or volunteer team) proposed to take it: one place each
    services: dict[int, int] = field(default_factory=dict)


def weight(need: NeedFacts) -> int:
    return URGENCY_WEIGHT.get(need.urgency, 1)


SINK = ("sink",)


class _Network:
    """A residual network with integer capacities: ``cap[(u, v)]`` is the room left on u -> v
    (a reverse edge gets what was pushed forward)."""

    def __init__(self) -> None:
        self.cap: dict[tuple, int] = defaultdict(int)
        self.out: dict[tuple, list] = defaultdict(list)
        # Nodes from which no path with room reaches the sink. Pushing along a shortest path
        # (breadth-first) never brings a node closer to the sink (the Edmonds-Karp lemma, on
        # distances to the sink), so a node once cut off stays cut off: no later search
        # needs to look at it again, and the failed searches cost O(edges) in all.
        self.dead: set = set()

    def add(self, u, v, capacity: int) -> None:
        if (u, v) not in self.cap and (v, u) not in self.cap:
            self.out[u].append(v)
            self.out[v].append(u)
        self.cap[(u, v)] += capacity

    def path(self, start):
        """Breadth-first from ``start`` to the sink over edges with room."""
        if start in self.dead:
            return None
        parent = {start: None}
        queue = deque([start])
        dead = self.dead
        while queue:
            node = queue.popleft()
            for nxt in self.out[node]:
                if nxt not in parent and nxt not in dead and self.cap[(node, nxt)] > 0:
                    parent[nxt] = node
                    if nxt == SINK:
                        path = [nxt]
                        while parent[path[-1]] is not None:
                            path.append(parent[path[-1]])
                        return path[::-1]
                    queue.append(nxt)
        dead.update(parent)  # everything this search reached is cut off from the sink
        return None

    def push(self, path, wanted: int) -> int:
        steps = list(itertools.pairwise(path))
        fen = min([wanted, *(self.cap[step] for step in steps)])
        for u, v in steps:
            self.cap[(u, v)] -= fen
            self.cap[(v, u)] += fen
        return fen


def propose(
    needs: list[NeedFacts],
    projects: list[ProjectFacts],
    balances: dict[int, int],
    candidates: Callable[[NeedFacts], Iterable[ProjectFacts]] | None = None,
    funds: dict[int, list] | None = None,
) -> Proposal:
    """``candidates`` narrows the projects looked at for a need (the engine's region index);
    the rules still decide. ``funds``: organisation id -> its drawable funds
    (donors.selectors.FundSource: its own and the enterprises'), each shared by every project
    and case it admits; a fund listed under several organisations is one source."""
    project_by_id = {p.id: p for p in projects}
    funds = funds or {}
    proposal = Proposal()
    services = [p for p in projects if policy.is_service(p)]
    if services:
        _propose_places(needs, services, balances, candidates, proposal)
        projects = [p for p in projects if not policy.is_service(p)]
    net = _Network()
    for project in projects:
        if balances.get(project.id, 0) > 0:
            net.add(("project", project.id), SINK, balances[project.id])
    for fund_list in funds.values():
        for fund in fund_list:
            if fund.available_fen > 0 and (("fund", fund.id), SINK) not in net.cap:
                net.add(("fund", fund.id), SINK, fund.available_fen)
    pairs = defaultdict(list)  # case -> projects it may go to
    for need in needs:
        for project in projects if candidates is None else candidates(need):
            if policy.is_service(project) or not policy.passes_without_money(need, project):
                continue
            sources = [("project", project.id)] if balances.get(project.id, 0) > 0 else []
            sources += [
                ("fund", fund.id)
                for fund in funds.get(project.organisation_id, ())
                if fund.available_fen > 0 and policy.fund_admits(fund, need)
            ]
            if not sources:
                continue
            pair = ("pair", need.case_id, project.id)
            cap = policy.needed_fen(need, project)  # the gap, or the per-case cap if smaller
            net.add(("case", need.case_id), pair, cap)
            for source in sources:
                net.add(pair, source, need.gap_fen)
            pairs[need.case_id].append(project.id)

    order = sorted(needs, key=lambda n: (-weight(n), -n.waiting_days, n.case_id))
    for need in order:
        wanted = need.gap_fen
        while wanted > 0:
            path = net.path(("case", need.case_id))
            if path is None:
                break
            wanted -= net.push(path, wanted)

    for need in needs:
        shares = []
        for project_id in pairs[need.case_id]:
            pair = ("pair", need.case_id, project_id)
            fen = net.cap[(pair, ("case", need.case_id))]  # what was pushed case -> pair
            if not fen:
                continue
            project = project_by_id[project_id]
            if not project.accepts_partial and fen < policy.needed_fen(need, project):
                proposal.dropped.append((need.case_id, project_id, fen))
                continue
            shares.append((project_id, fen))
            proposal.sources[(need.case_id, project_id)] = sorted(
                (
                    (source, net.cap[(source, pair)])
                    for source in net.out[pair]
                    if source[0] in ("project", "fund") and net.cap[(source, pair)] > 0
                ),
                key=lambda item: (-item[1], item[0]),
            )
        covered = sum(fen for _p, fen in shares)
        if shares:
            proposal.referrals[need.case_id] = sorted(shares, key=lambda s: -s[1])
        if covered < need.gap_fen:
            proposal.uncovered[need.case_id] = need.gap_fen - covered
        proposal.covered_fen += covered
        proposal.weighted_covered += covered * weight(need)
    return proposal


def _propose_places(needs, services, free, candidates, proposal: Proposal) -> None:
    """Services give places, not money (``free``: project id -> places free now). Each case
    needs one place at any service it passes every rule for. The heaviest cases first, each
    is given a place if one can still reach it, letting cases already placed move to another
    service that admits them to free one (an augmenting path, as for money): the cases a set
    of places can serve form a transversal matroid, on which this greedy is optimal for the
    weighted count of cases served (Edmonds, 1971). No service gives more places than it has
    free."""
    left = {p.id: free.get(p.id, 0) for p in services}
    ids = set(left)
    fitting: dict[int, list[int]] = {}
    for need in needs:
        pool = services if candidates is None else [p for p in candidates(need) if p.id in ids]
        fitting[need.case_id] = [
            p.id for p in pool if left[p.id] > 0 and policy.passes_without_money(need, p)
        ]
    holders: dict[int, list[int]] = defaultdict(list)

    def place(case_id: int, seen: set[int]) -> bool:
        options = sorted(fitting[case_id], key=lambda pid: (len(holders[pid]) - left[pid], pid))
        for pid in options:
            if pid in seen:
                continue
            seen.add(pid)
            if len(holders[pid]) < left[pid]:
                holders[pid].append(case_id)
                proposal.services[case_id] = pid
                return True
            for other in list(holders[pid]):
                holders[pid].remove(other)
                if place(other, seen):
                    holders[pid].append(case_id)
                    proposal.services[case_id] = pid
                    return True
                holders[pid].append(other)
        return False

    order = sorted(needs, key=lambda n: (-weight(n), -n.waiting_days, n.case_id))
    for need in order:
        if fitting[need.case_id]:
            place(need.case_id, set())
