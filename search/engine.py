"""The embedded matching engine: in-process, fed from the database, no service to run.

Open projects and cases ready for referral are held in memory as search.policy facts, with
indexes by region code (every code on a case's path; each region a project covers) and the
inverse document frequency of the projects' terms. Before answering, an engine compares the
index stamps (one small query) with the versions it loaded and reloads the side that changed,
so several server processes each notice every change. Balances are not cached: the money rule
reads them fresh for the candidates that passed every other rule (one query).
"""

from __future__ import annotations

import heapq
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from search import policy, stamps
from search.facts import need_facts, project_facts
from search.policy import NeedFacts, ProjectFacts


@dataclass
class Match:
    score: float
    rules: list[policy.Rule]
    signals: list[policy.Signal]
    project: ProjectFacts | None = None
    need: NeedFacts | None = None


def project_balances(project_ids) -> dict[int, int]:
    from donors.models import Account

    return dict(
        Account.objects.filter(project_id__in=list(project_ids)).values_list(
            "project_id", "balance_fen"
        )
    )


class EmbeddedEngine:
    """``load_projects``, ``load_needs``, ``balances`` and ``read_stamps`` default to the
    database; the benchmark passes generated data through the same interface."""

    def __init__(
        self,
        *,
        load_projects: Callable[[], list[ProjectFacts]] = project_facts,
        load_needs: Callable[[], list[NeedFacts]] = need_facts,
        balances: Callable[[Iterable[int]], dict[int, int]] = project_balances,
        read_stamps: Callable[[], dict[str, str]] = stamps.current,
    ) -> None:
        self._load_project_facts = load_projects
        self._load_need_facts = load_needs
        self._balances = balances
        self._read_stamps = read_stamps
        self._lock = threading.Lock()
        self._versions: dict[str, str | None] = {}
        self._loaded: set[str] = set()
        self.projects: list[ProjectFacts] = []
        self.project_index: dict[int, int] = {}
        self.projects_by_region: dict[str, list[int]] = {}
        self.idf: dict[str, float] = {}
        self.needs: list[NeedFacts] = []
        self.needs_by_region: dict[str, list[int]] = {}

    # ---- keeping up with the database ----

    def refresh(self) -> None:
        versions = self._read_stamps()
        with self._lock:
            sides = ((stamps.PROJECTS, self._load_projects), (stamps.NEEDS, self._load_needs))
            for side, load in sides:
                if side not in self._loaded or versions.get(side) != self._versions.get(side):
                    load()
                    self._loaded.add(side)
                    self._versions[side] = versions.get(side)

    def _load_projects(self) -> None:
        projects = self._load_project_facts()
        by_region = defaultdict(list)
        document_frequency = Counter()
        for index, project in enumerate(projects):
            for code in project.region_codes:
                by_region[code].append(index)
            document_frequency.update(project.terms.keys())
        self.projects = projects
        self.project_index = {project.id: index for index, project in enumerate(projects)}
        self.projects_by_region = dict(by_region)
        self.idf = policy.idf_for(document_frequency, len(projects))

    def _load_needs(self) -> None:
        needs = self._load_need_facts()
        by_region = defaultdict(list)
        for index, need in enumerate(needs):
            for code in need.region_path:
                by_region[code].append(index)
        self.needs = needs
        self.needs_by_region = dict(by_region)

    # ---- the two directions ----

    def open_project(self, project_id: int) -> ProjectFacts | None:
        self.refresh()
        index = self.project_index.get(project_id)
        return None if index is None else self.projects[index]

    def candidate_projects(self, need: NeedFacts) -> list[ProjectFacts]:
        """Open projects covering a region on the need's path (the rules decide the rest)."""
        indexes = set()
        for code in need.region_path:
            indexes.update(self.projects_by_region.get(code, ()))
        return [self.projects[index] for index in sorted(indexes)]

    def proposal(self, needs: list[NeedFacts]):
        """search.proposal.propose over these needs and every open project, money read now."""
        from search.proposal import propose

        self.refresh()
        projects = {p.id: p for need in needs for p in self.candidate_projects(need)}
        balances = self._balances(projects)
        return propose(needs, list(projects.values()), balances, self.candidate_projects)

    def projects_for(self, need: NeedFacts, limit: int = 20) -> list[Match]:
        """The open projects that pass every hard rule for ``need``, best first."""
        self.refresh()
        passing = [
            project
            for project in self.candidate_projects(need)
            if policy.passes_without_money(need, project)
        ]
        balances = self._balances(project.id for project in passing)
        scored = []
        for project in passing:
            available = balances.get(project.id, 0)
            if not policy.has_money(need, project, available):
                continue
            relevance = policy.text_relevance(need.terms, project.terms, self.idf)
            values = policy.signal_values(need, project, relevance, available)
            scored.append((policy.score(values), -project.id, project, relevance, available))
        best = heapq.nlargest(limit, scored, key=lambda row: (row[0], row[1]))
        return [
            Match(
                score=total,
                rules=policy.rules(need, project, available),
                signals=policy.signals(need, project, relevance, available),
                project=project,
            )
            for total, _tie, project, relevance, available in best
        ]

    def needs_for(self, project: ProjectFacts, limit: int = 50) -> list[Match]:
        """The cases ready for referral that ``project`` may take, most fitting first."""
        self.refresh()
        candidates = set()
        for code in project.region_codes:
            candidates.update(self.needs_by_region.get(code, ()))
        available = self._balances([project.id]).get(project.id, 0)
        scored = []
        for index in candidates:
            need = self.needs[index]
            if not policy.passes_without_money(need, project):
                continue
            if not policy.has_money(need, project, available):
                continue
            relevance = policy.text_relevance(need.terms, project.terms, self.idf)
            values = policy.signal_values(need, project, relevance, available)
            scored.append((policy.score(values), -need.case_id, need, relevance))
        best = heapq.nlargest(limit, scored, key=lambda row: (row[0], row[1]))
        return [
            Match(
                score=total,
                rules=policy.rules(need, project, available),
                signals=policy.signals(need, project, relevance, available),
                need=need,
            )
            for total, _tie, need, relevance in best
        ]


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
