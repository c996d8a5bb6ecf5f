"""The embedded matching engine: in-process, fed from the database, no service to run.

Open projects are held as search.policy facts, indexed by region code (each region a project
covers), with the inverse document frequency of their terms. Cases ready for referral, the
large side, are held in compact columns with an inverted index of their stories' terms
(search.needs_index). Before answering, an engine reads the change feed (search.stamps: one
small query, no lock taken by writers) and applies the changed objects only (or reloads a side
when its epoch moved), so several server processes each notice every change.
Balances are not cached (nor a service's free places, read with them: projects.capacity):
the money rule reads them fresh for the candidates that passed every
other rule (one query), and, for the projects whose own balance falls short, their charities'
drawable special funds (donors.selectors.drawable_funds: two queries, whatever the number of
projects). Ranking and refreshing hold one lock: a threaded server shares an engine safely.
"""

from __future__ import annotations

import heapq
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from search import policy, stamps
from search.facts import iter_need_facts, project_facts
from search.needs_index import NeedIndex
from search.policy import NeedFacts, ProjectFacts


@dataclass
class Match:
    score: float
    rules: list[policy.Rule]
    signals: list[policy.Signal]
    project: ProjectFacts | None = None
    need: NeedFacts | None = None
    fund: object | None = None  # the special fund whose money passes the rule, or None


def project_balances(project_ids) -> dict[int, int]:
    """What each project has to give now: a funds project's balance in fen, a service
    project's free places (search.policy.has_money reads each as what it is)."""
    from donors.models import Account
    from projects.capacity import free_places

    project_ids = list(project_ids)
    available = dict(
        Account.objects.filter(project_id__in=project_ids).values_list("project_id", "balance_fen")
    )
    available.update(free_places(project_ids))
    return available


def drawable_funds(organisation_ids) -> dict[int, list]:
    from donors.selectors import drawable_funds as read

    return read(organisation_ids)


@dataclass
class FundMatch:
    """A special fund whose restrictions admit a case, with the rules it passed."""

    fund: object
    rules: list[policy.Rule]


def funds_for(need: NeedFacts, limit: int = 20) -> list[FundMatch]:
    """The active special funds holding money whose categories and regions admit ``need``,
    richest first, each with why (search.policy.fund_rules): shown beside the projects, the
    same for both engines (funds are few and their balances are read fresh)."""
    from django.db.models import Q

    from donors.selectors import fund_sources

    admitting = [f for f in fund_sources(Q()) if policy.fund_admits(f, need)][:limit]
    return [FundMatch(fund=f, rules=policy.fund_rules(f, need)) for f in admitting]


def _open_projects(ids=None) -> list[ProjectFacts]:
    from projects.models import Project

    projects = Project.objects.filter(status=Project.Status.OPEN)
    return project_facts(projects if ids is None else projects.filter(pk__in=ids))


def _ready_needs(ids=None) -> Iterable[NeedFacts]:
    from needs.models import Case

    return iter_need_facts(None if ids is None else Case.objects.filter(pk__in=ids))


def unchanging_feed(since=None, sides=()) -> stamps.Feed:
    """The feed of an engine over fixed facts: nothing ever changes."""
    return stamps.Feed(epochs=dict.fromkeys(stamps.SIDES, "fixed"), pruned=0, horizon=1)


class EmbeddedEngine:
    """``load_projects(ids)`` and ``load_needs(ids)`` (None: all), ``balances`` and
    ``read_feed`` default to the database; the benchmark passes generated data through the
    same interface."""

    def __init__(
        self,
        *,
        load_projects: Callable[..., list[ProjectFacts]] = _open_projects,
        load_needs: Callable[..., Iterable[NeedFacts]] = _ready_needs,
        balances: Callable[[Iterable[int]], dict[int, int]] = project_balances,
        funds: Callable[[Iterable[int]], dict[int, list]] = drawable_funds,
        read_feed: Callable[..., stamps.Feed] = stamps.read,
        ensure_epochs: Callable[..., None] = stamps.ensure_epochs,
    ) -> None:
        self._loaders = {stamps.PROJECTS: load_projects, stamps.NEEDS: load_needs}
        self._balances = balances
        self._funds = funds
        self._read_feed = read_feed
        self._ensure_epochs = ensure_epochs
        self._lock = threading.RLock()
        self._epochs: dict[str, str] = {}  # the epoch each side was loaded at
        self._horizon: int | None = None  # None: nothing loaded yet
        self._seen: dict[int, tuple[str, int, int]] = {}  # applied rows at or above the horizon
        self.full_loads = 0  # how often a side was read in full (for tests and the bench)
        self.project_map: dict[int, ProjectFacts] = {}
        self.projects_by_region: dict[str, set[int]] = defaultdict(set)
        self._document_frequency: Counter = Counter()
        self.idf: dict[str, float] = {}
        self._total_length = 0  # of the projects' terms: BM25's average document length
        self.avg_length = 0.0
        self._idf_version = 0  # moves with every new idf: the needs index's text weights follow
        self.need_map = NeedIndex()  # case id -> NeedFacts

    @classmethod
    def fixed(cls, projects: list[ProjectFacts], needs: list[NeedFacts], balances, **kwargs):
        """An engine over given facts that never change, with balances from a dict (the
        benchmark, tests); no special funds unless ``funds`` (organisation id -> funds) is
        given."""
        funds = kwargs.pop("funds", None) or {}
        return cls(
            load_projects=lambda ids=None: projects,
            load_needs=lambda ids=None: needs,
            balances=lambda ids: {i: balances.get(i, 0) for i in ids},
            read_feed=unchanging_feed,
            ensure_epochs=lambda sides=(): None,
            funds=lambda ids: {i: funds[i] for i in ids if i in funds},
            **kwargs,
        )

    @property
    def projects(self) -> list[ProjectFacts]:
        return list(self.project_map.values())

    @property
    def needs(self) -> list[NeedFacts]:
        return list(self.need_map.values())

    # The sides this engine holds in memory (the Elasticsearch engine: projects only).
    sides = (stamps.PROJECTS, stamps.NEEDS)

    # ---- keeping up with the database (search.stamps: the change feed) ----

    def refresh(self) -> None:
        """One query when nothing changed; else the changed objects only, or a side in full
        when its epoch moved (a rebuild, an emptied database) or the log was pruned past
        what this process has read."""
        with self._lock:
            if self._horizon is None:
                return self._load(self.sides)
            feed = self._read_feed(self._horizon, self.sides)
            if feed.pruned >= self._horizon:
                return self._load(self.sides)
            if any(feed.epochs.get(side) != self._epochs[side] for side in self.sides):
                return self._load(self.sides)  # rare: a rebuild or an emptied database
            self._apply(feed)
            return None

    def _load(self, sides) -> None:
        """Read ``sides`` in full. The feed is read first: a change committed after it shows
        up in the next one, at worst applied twice."""
        start = self._read_feed(None, self.sides)
        if not all(start.epochs.get(side) for side in self.sides):
            self._ensure_epochs(self.sides)
            start = self._read_feed(None, self.sides)
        for side in sides:
            facts = self._loaders[side]()
            if side == stamps.PROJECTS:
                self.project_map, self.projects_by_region = {}, defaultdict(set)
                self._document_frequency = Counter()
                self._total_length = 0
                self._put_projects({}, facts)
            else:
                self.need_map.load(facts)
            self.full_loads += 1
        self._epochs = {side: start.epochs.get(side, "") for side in self.sides}
        self._horizon = start.horizon
        self._seen = {row[0]: row[1:] for row in start.rows}
        return None

    def _apply(self, feed: stamps.Feed) -> None:
        """Read again the objects of the rows that appeared, and of the rows applied before
        that are gone (their transaction rolled back)."""
        rows = {row[0]: row[1:] for row in feed.rows}
        touched: dict[str, set[int]] = defaultdict(set)
        for row_id in rows.keys() ^ self._seen.keys():
            side, object_id, _position = rows.get(row_id) or self._seen[row_id]
            touched[side].add(object_id)
        for side, ids in touched.items():
            fresh = self._loaders[side](ids)
            if side == stamps.PROJECTS:
                self._put_projects(ids, fresh)
            else:
                self.need_map.replace(ids, fresh)
        self._horizon = feed.horizon
        self._seen = {row_id: row for row_id, row in rows.items() if row[2] >= feed.horizon}

    def _put_projects(self, changed_ids, facts: list[ProjectFacts]) -> None:
        """Drop the changed projects, add their fresh facts (closed ones have none)."""
        for pid in changed_ids:
            old = self.project_map.pop(pid, None)
            if old is not None:
                for code in old.region_codes:
                    self.projects_by_region[code].discard(pid)
                self._document_frequency.subtract(old.terms.keys())
                self._total_length -= old.length
        for project in facts:
            self.project_map[project.id] = project
            for code in project.region_codes:
                self.projects_by_region[code].add(project.id)
            self._document_frequency.update(project.terms.keys())
            self._total_length += project.length
        self.avg_length = self._total_length / len(self.project_map) if self.project_map else 0.0
        self._document_frequency = +self._document_frequency  # forget terms no longer used
        self.idf = policy.idf_for(self._document_frequency, len(self.project_map))
        self._idf_version += 1

    # ---- the two directions ----

    def open_project(self, project_id: int) -> ProjectFacts | None:
        with self._lock:
            self.refresh()
            return self.project_map.get(project_id)

    def candidate_projects(self, need: NeedFacts) -> list[ProjectFacts]:
        """Open projects covering a region on the need's path (the rules decide the rest)."""
        ids = set()
        for code in need.region_path:
            ids.update(self.projects_by_region.get(code, ()))
        return [self.project_map[pid] for pid in sorted(ids)]

    def candidate_pairs(self, needs: list[NeedFacts]) -> int:
        """How many (need, open project covering its region) pairs: the proposal's size."""
        with self._lock:
            self.refresh()
            return sum(len(self.candidate_projects(need)) for need in needs)

    def proposal(self, needs: list[NeedFacts]):
        """search.proposal.propose over these needs and every open project, money read now."""
        from search.proposal import propose

        with self._lock:
            self.refresh()
            projects = {p.id: p for need in needs for p in self.candidate_projects(need)}
            balances = self._balances(projects)
            funds = self._funds({p.organisation_id for p in projects.values()})
            return propose(needs, list(projects.values()), balances, self.candidate_projects, funds)

    def projects_for(self, need: NeedFacts, limit: int = 20) -> list[Match]:
        """The open projects that pass every hard rule for ``need``, best first."""
        with self._lock:
            self.refresh()
            return self.rank_projects(need, self.candidate_projects(need), limit)

    def rank_projects(self, need: NeedFacts, candidates, limit: int) -> list[Match]:
        """Apply every rule (money read now) and score what passes: the one ranking both
        engines use, whoever found the candidates."""
        passing = [p for p in candidates if policy.passes_without_money(need, p)]
        balances = self._balances(project.id for project in passing)
        short = {
            p.organisation_id
            for p in passing
            if not policy.has_money(need, p, balances.get(p.id, 0))
        }
        funds = self._funds(short) if short else {}
        weight = policy.text_weight(need.terms, self.idf)
        scored = []
        for project in passing:
            available, fund = policy.money_source(
                need, project, balances.get(project.id, 0), funds.get(project.organisation_id)
            )
            if not policy.has_money(need, project, available):
                continue
            relevance = policy.text_relevance(
                need.terms, project, self.idf, weight, self.avg_length
            )
            values = policy.signal_values(need, project, relevance, available)
            scored.append((policy.score(values), -project.id, project, relevance, available, fund))
        best = heapq.nlargest(limit, scored, key=lambda row: (row[0], row[1]))
        return [
            Match(
                score=total,
                rules=policy.rules(need, project, available, fund),
                signals=policy.signals(need, project, relevance, available),
                project=project,
                fund=fund,
            )
            for total, _tie, project, relevance, available, fund in best
        ]

    def needs_for(self, project: ProjectFacts, limit: int = 50) -> list[Match]:
        """The cases ready for referral that ``project`` may take, most fitting first: the
        needs index shortlists them over its columns, the policy ranks and explains those."""
        with self._lock:
            self.refresh()
            own, funds = self._money_of(project)
            shortlist = self.need_map.shortlist(
                project,
                own,
                funds,
                self.idf,
                self._idf_version,
                limit,
                time.time(),
                avg_length=self.avg_length,
            )
            return self.rank_needs(project, shortlist, limit, money=(own, funds))

    def _money_of(self, project: ProjectFacts) -> tuple[int, list]:
        """The project's balance and its charity's drawable funds (richest first), read now."""
        own = self._balances([project.id]).get(project.id, 0)
        funds = self._funds([project.organisation_id]).get(project.organisation_id) or []
        return own, funds

    def rank_needs(self, project: ProjectFacts, candidates, limit: int, money=None) -> list[Match]:
        """Every rule (money read now, unless ``money`` gives the project's balance and
        funds) and the score, for needs: as rank_projects."""
        own, funds = self._money_of(project) if money is None else money
        idf = self.idf
        scored = []
        for need in candidates:
            if not policy.passes_without_money(need, project):
                continue
            available, fund = policy.money_source(need, project, own, funds)
            if not policy.has_money(need, project, available):
                continue
            relevance = policy.text_relevance(need.terms, project, idf, None, self.avg_length)
            values = policy.signal_values(need, project, relevance, available)
            scored.append((policy.score(values), -need.case_id, need, relevance, available, fund))
        best = heapq.nlargest(limit, scored, key=lambda row: (row[0], row[1]))
        return [
            Match(
                score=total,
                rules=policy.rules(need, project, available, fund),
                signals=policy.signals(need, project, relevance, available),
                need=need,
                fund=fund,
            )
            for total, _tie, need, relevance, available, fund in best
        ]


def pair_rules(case, project) -> list[policy.Rule]:
    """Every hard rule of the policy for referring ``case`` to ``project``, money read now,
    whether or not the case is ready for referral: what a manual referral is checked against
    (needs.services.referrals.referral_create), the same rules the engines filter with."""
    from projects.models import Project
    from search.facts import case_facts

    need = case_facts(case)
    facts = project_facts(Project.objects.filter(pk=project.pk))[0]
    own = project_balances([project.pk]).get(project.pk, 0)
    funds = drawable_funds([project.organisation_id]).get(project.organisation_id)
    available, fund = policy.money_source(need, facts, own, funds)
    return policy.rules(need, facts, available, fund)


_engine: EmbeddedEngine | None = None


def get_engine() -> EmbeddedEngine:
    """The process's engine: Elasticsearch's when ELASTICSEARCH_URL is set, else embedded."""
    global _engine  # one engine per process, built on first use
    if _engine is None:
        from django.conf import settings

        if settings.ELASTICSEARCH_URL:
            from search import elastic

            _engine = elastic.ElasticEngine(elastic.client())
        else:
            _engine = EmbeddedEngine()
    return _engine
