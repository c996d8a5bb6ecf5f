"""The Elasticsearch engine (when ``ELASTICSEARCH_URL`` is set), through ``elasticsearch.dsl``.

Projects are indexed with the built-in ``cjk`` analyzer (character bigrams, as search.text
cuts them) behind an alias; a rebuild fills a new index and swaps the alias in one atomic
call, so searches never see a half-built index. A query expresses every hard rule of
search.policy except money as filters (money is read fresh from the ledger), and asks for the
candidates' text by relevance; the final score and explanation are search.policy's, computed
from the same facts as the embedded engine, so both engines rank alike.

Each change to a project (or to what its facts read: its regions, its charity, the charity's
referral answers) is pushed after commit by a background task (search.tasks), which indexes the
open ones and deletes the rest through the alias. Not built yet: the needs index (projects ->
needs and the proposal run on the embedded engine).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from elasticsearch import Elasticsearch, helpers
from elasticsearch.dsl import Boolean, Document, Float, Integer, Keyword, Long, Q, Search, Text

from search.engine import EmbeddedEngine, Match
from search.policy import NeedFacts, ProjectFacts
from search.text import term_counts

PROJECTS_ALIAS = "jijinan-projects"
CANDIDATES = 500  # more open projects than this passing every rule for one case is unheard of


def client() -> Elasticsearch:
    from django.conf import settings

    return Elasticsearch(settings.ELASTICSEARCH_URL)


def open_project_rows(progress=None) -> list[tuple[ProjectFacts, str]]:
    """Every open project's facts with its description, for a rebuild."""
    from projects.models import Project
    from search.facts import project_facts

    projects = Project.objects.filter(status=Project.Status.OPEN)
    descriptions = dict(projects.values_list("pk", "description"))
    return [(facts, descriptions[facts.id]) for facts in project_facts(projects, progress)]


class ProjectDocument(Document):
    project_id = Integer()
    organisation_id = Integer()
    organisation_name = Keyword()
    title = Text(analyzer="cjk")
    description = Text(analyzer="cjk")
    status = Keyword()
    categories = Keyword()
    region_codes = Keyword()
    region_level = Integer()
    statuses = Keyword()
    key_groups = Keyword()
    cap_fen = Long()
    accepts_partial = Boolean()
    verified = Boolean()
    answer_rate = Float()

    class Index:
        name = PROJECTS_ALIAS


def project_action(facts: ProjectFacts, description: str, index: str) -> dict:
    """One bulk action: the project's facts as a document (lists for the keyword sets)."""
    return {
        "_op_type": "index",
        "_index": index,
        "_id": facts.id,
        "_source": {
            "project_id": facts.id,
            "organisation_id": facts.organisation_id,
            "organisation_name": facts.organisation_name,
            "title": facts.title,
            "description": description,
            "status": facts.status,
            "categories": sorted(facts.categories),
            "region_codes": sorted(facts.region_codes),
            "region_level": facts.region_level,
            "statuses": sorted(facts.statuses),
            "key_groups": sorted(facts.key_groups),
            "cap_fen": facts.cap_fen,
            "accepts_partial": facts.accepts_partial,
            "verified": facts.verified,
            "answer_rate": facts.answer_rate,
        },
    }


def rebuild_projects(
    client: Elasticsearch,
    rows: Iterable[tuple[ProjectFacts, str]],
    progress: Callable[[int], None] | None = None,
) -> str:
    """Fill a new index with (facts, description) rows and point the alias at it; the old
    indexes behind the alias are deleted after the swap. Returns the new index's name."""
    index = f"{PROJECTS_ALIAS}-{time.time_ns()}"
    ProjectDocument._index.clone(name=index).create(using=client)
    for ok, _item in helpers.streaming_bulk(
        client, (project_action(facts, text, index) for facts, text in rows), chunk_size=500
    ):
        if progress is not None and ok:
            progress(1)
    client.indices.refresh(index=index)
    old = list(client.indices.get_alias(name=PROJECTS_ALIAS, ignore_unavailable=True).keys())
    actions = [{"remove": {"index": name, "alias": PROJECTS_ALIAS}} for name in old]
    actions.append({"add": {"index": index, "alias": PROJECTS_ALIAS}})
    client.indices.update_aliases(actions=actions)
    for name in old:
        client.indices.delete(index=name)
    return index


def push_projects(client: Elasticsearch, project_ids: Iterable[int]) -> dict[str, int]:
    """Bring these projects' documents up to date through the alias: open ones are indexed
    afresh, the others (paused, closed, deleted) removed. Idempotent: a repeated push writes
    the same documents, and deleting a document that is already gone is not an error."""
    from projects.models import Project
    from search.facts import project_facts

    wanted = sorted(set(project_ids))
    if not wanted:
        return {"indexed": 0, "deleted": 0}
    projects = Project.objects.filter(pk__in=wanted, status=Project.Status.OPEN)
    descriptions = dict(projects.values_list("pk", "description"))
    actions = [
        project_action(facts, descriptions[facts.id], PROJECTS_ALIAS)
        for facts in project_facts(projects)
    ]
    gone = [pk for pk in wanted if pk not in descriptions]
    actions += [{"_op_type": "delete", "_index": PROJECTS_ALIAS, "_id": pk} for pk in gone]
    _ok, errors = helpers.bulk(client, actions, raise_on_error=False, refresh="wait_for")
    failed = [e for e in errors if e.get("delete", {}).get("status") != 404]
    if failed:
        raise RuntimeError(f"Elasticsearch refused {len(failed)} project updates: {failed[:3]}")
    return {"indexed": len(actions) - len(gone), "deleted": len(gone)}


def projects_query(need: NeedFacts, story: str) -> Search:
    """Every hard rule but money, as filters; the story's text orders the candidates."""
    eligibility = [
        Q(
            "bool",
            should=[~Q("exists", field="statuses"), Q("terms", statuses=sorted(need.statuses))],
        ),
        Q(
            "bool",
            should=[
                ~Q("exists", field="key_groups"),
                Q("terms", key_groups=sorted(need.key_groups)),
            ],
        ),
    ]
    query = Q(
        "bool",
        filter=[
            Q("term", status="open"),
            Q("term", categories=need.category),
            Q("terms", region_codes=list(need.region_path)),
            *eligibility,
        ],
        must_not=[Q("ids", values=[str(pid) for pid in sorted(need.declined_by)])]
        if need.declined_by
        else [],
        should=[Q("multi_match", query=story, fields=["title", "description"])] if story else [],
    )
    return Search(index=PROJECTS_ALIAS).query(query).extra(size=CANDIDATES)


def facts_from_hit(source: dict) -> ProjectFacts:
    return ProjectFacts(
        id=source["project_id"],
        organisation_id=source["organisation_id"],
        organisation_name=source["organisation_name"],
        title=source["title"],
        status=source["status"],
        categories=frozenset(source["categories"]),
        region_codes=frozenset(source["region_codes"]),
        region_level=source["region_level"],
        statuses=frozenset(source["statuses"]),
        key_groups=frozenset(source["key_groups"]),
        cap_fen=source["cap_fen"],
        accepts_partial=source["accepts_partial"],
        verified=source["verified"],
        answer_rate=source["answer_rate"],
        terms=term_counts(f"{source['title']} {source['description']}"),
    )


class ElasticEngine(EmbeddedEngine):
    """Projects for a need come from Elasticsearch (candidates by the rules' filters); the
    same policy scores and explains them with the same term statistics. The rest (needs for a
    project, the proposal) is the embedded engine's until the needs index exists."""

    def __init__(self, client: Elasticsearch, **kwargs):
        super().__init__(**kwargs)
        self.client = client

    def projects_for(self, need: NeedFacts, limit: int = 20) -> list[Match]:
        self.refresh()  # the projects' term statistics
        # The story's bigrams, space-separated: the cjk analyzer reads each back as itself.
        story = " ".join(need.terms)
        response = projects_query(need, story).using(self.client).execute()
        return self.rank_projects(need, [facts_from_hit(hit.to_dict()) for hit in response], limit)
