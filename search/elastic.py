"""The Elasticsearch engine (when ``ELASTICSEARCH_URL`` is set), through ``elasticsearch.dsl``.

Projects are indexed with the built-in ``cjk`` analyzer (character bigrams, as search.text
cuts them) behind an alias; a rebuild fills a new index and swaps the alias in one atomic
call, so searches never see a half-built index. A query expresses every hard rule of
search.policy except money as filters (money is read fresh from the ledger), and asks for the
candidates' text by relevance; the final score and explanation are search.policy's, computed
from the same facts as the embedded engine, so both engines rank alike.

Cases ready for referral are indexed the same way (the needs index, for a project's matches):
their facts and the story's bigrams in sorted order (search.text; never the story itself, and
search.facts leaves out the members' names, the address and every token with a digit). It is
a back-office index: only staff screens and the charity's own-project matches read it, and
they show anonymized needs. The query holds every hard rule as filters (money too: the
project's balance is read first) and orders the candidates by the need-side signals (text,
urgency, waiting, key groups, amount) in a function score; search.policy then scores and
explains them, as for projects.

A push before the first rebuild writes nothing (the alias does not exist yet; a rebuild reads
everything), so no index is ever created with a guessed mapping.

Each change to a project (or to what its facts read: its regions, its charity, the charity's
referral answers) or to a case is pushed after commit by a background task (search.tasks),
which indexes the open projects and ready cases and deletes the rest through the aliases. The
allocation proposal runs on the facts held in memory (the embedded engine's), on both engines.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterable

from elasticsearch import Elasticsearch, helpers
from elasticsearch.dsl import (
    Boolean,
    Document,
    Double,
    Float,
    Integer,
    Keyword,
    Long,
    Object,
    Q,
    Search,
    Text,
)
from elasticsearch.dsl.query import FunctionScore

from search import policy, stamps
from search.engine import EmbeddedEngine, Match
from search.policy import TITLE_BOOST, WAITING_FULL_DAYS, WEIGHTS, NeedFacts, ProjectFacts
from search.text import project_counts

_PREFIX_FORM = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")
CANDIDATES = 500  # more open projects than this passing every rule for one case is unheard of
# Needs passing a project's rules can be many (a provincial project, a province's cases): the
# function score puts the likeliest best first, the policy ranks these. Tested to agree with
# the embedded engine's top 50 when fewer than this many pass.
NEED_CANDIDATES = 1000


def index_prefix() -> str:
    """settings.SEARCH_INDEX_PREFIX (default "jijinan"): the start of every index and alias
    name, so several deployments, or the tests, share a cluster without touching each other's
    indexes. Lowercase letters, digits, "-" and "_", as Elasticsearch index names allow."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    prefix = getattr(settings, "SEARCH_INDEX_PREFIX", "jijinan")
    if not isinstance(prefix, str) or not _PREFIX_FORM.fullmatch(prefix):
        raise ImproperlyConfigured(
            "SEARCH_INDEX_PREFIX must be lowercase letters, digits, '-' or '_', "
            f"starting with a letter or digit: {prefix!r}"
        )
    return prefix


def projects_alias() -> str:
    return f"{index_prefix()}-projects"


def needs_alias() -> str:
    return f"{index_prefix()}-needs"


def client() -> Elasticsearch:
    from django.conf import settings

    return Elasticsearch(settings.ELASTICSEARCH_URL)


def open_project_rows(projects: list[ProjectFacts]) -> list[tuple[ProjectFacts, str]]:
    """These open projects' facts with their descriptions, for a rebuild."""
    from projects.models import Project

    descriptions = dict(
        Project.objects.filter(pk__in=[p.id for p in projects]).values_list("pk", "description")
    )
    return [(facts, descriptions[facts.id]) for facts in projects]


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
    # The structured limits (search.policy's hard rules); absent when the project sets none.
    age_min = Integer()
    age_max = Integer()
    sex = Keyword()
    conditions = Keyword()
    disability_grade_max = Integer()
    requires_local_hukou = Boolean()
    completed_referrals = Integer()
    places = Integer()

    class Index:
        name = "projects"  # a template: each rebuild creates a clone named after the alias


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
            "age_min": facts.age_min,
            "age_max": facts.age_max,
            "sex": facts.sex or None,  # absent, not "": the query's "exists" means a limit
            "conditions": sorted(facts.conditions),
            "disability_grade_max": facts.disability_grade_max,
            "requires_local_hukou": facts.requires_local_hukou,
            "completed_referrals": facts.completed_referrals,
            "places": facts.places,
        },
    }


def rebuild_projects(
    client: Elasticsearch,
    rows: Iterable[tuple[ProjectFacts, str]],
    progress: Callable[[int], None] | None = None,
) -> str:
    """Fill a new index with (facts, description) rows and point the alias at it; the old
    indexes behind the alias are deleted after the swap. Returns the new index's name."""
    return _rebuild(
        client,
        ProjectDocument,
        projects_alias(),
        lambda index: (project_action(facts, text, index) for facts, text in rows),
        progress,
    )


def rebuild_needs(
    client: Elasticsearch,
    needs: Iterable[NeedFacts],
    progress: Callable[[int], None] | None = None,
) -> str:
    """The needs index afresh from these facts, swapped in behind its alias like projects'."""
    return _rebuild(
        client,
        NeedDocument,
        needs_alias(),
        lambda index: (need_action(need, index) for need in needs),
        progress,
    )


def _rebuild(client, document, alias: str, actions_into, progress) -> str:
    index = f"{alias}-{time.time_ns()}"
    document._index.clone(name=index).create(using=client)
    for ok, _item in helpers.streaming_bulk(client, actions_into(index), chunk_size=500):
        if progress is not None and ok:
            progress(1)
    client.indices.refresh(index=index)
    # The first rebuild finds no alias: Elasticsearch answers 404.
    found = client.options(ignore_status=404).indices.get_alias(name=alias)
    old = [] if found.meta.status == 404 else list(found.keys())
    actions = [{"remove": {"index": name, "alias": alias}} for name in old]
    actions.append({"add": {"index": index, "alias": alias}})
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
    alias = projects_alias()
    actions = [
        project_action(facts, descriptions[facts.id], alias) for facts in project_facts(projects)
    ]
    gone = [pk for pk in wanted if pk not in descriptions]
    return _push(client, alias, actions, gone, "project")


def push_needs(client: Elasticsearch, case_ids: Iterable[int]) -> dict[str, int]:
    """Bring these cases' documents up to date: the ones ready for referral indexed afresh,
    the others (closed, referred in full, not ready yet, deleted) removed. Idempotent."""
    from needs.models import Case
    from search.facts import need_facts

    wanted = sorted(set(case_ids))
    if not wanted:
        return {"indexed": 0, "deleted": 0}
    facts = need_facts(Case.objects.filter(pk__in=wanted))
    ready = {need.case_id for need in facts}
    gone = [pk for pk in wanted if pk not in ready]
    alias = needs_alias()
    return _push(client, alias, [need_action(n, alias) for n in facts], gone, "case")


class PushRefused(Exception):
    """Elasticsearch refused some of a push's updates. The message names the documents and
    the kinds of error only: an error's reason may quote a field's value."""

    def __init__(self, what: str, failed: list[dict]) -> None:
        items = [next(iter(item.values()), {}) for item in failed]
        kinds = sorted(
            {str((item.get("error") or {}).get("type", item.get("status"))) for item in items}
        )
        ids = [item.get("_id") for item in items[:10]]
        super().__init__(
            f"Elasticsearch refused {len(failed)} {what} updates ({', '.join(kinds)}): ids {ids}"
        )


def _push(client, alias: str, actions: list[dict], gone: list[int], what: str) -> dict[str, int]:
    if not client.indices.exists_alias(name=alias):
        return {"indexed": 0, "deleted": 0}  # not built yet: the first rebuild reads it all
    actions = actions + [{"_op_type": "delete", "_index": alias, "_id": pk} for pk in gone]
    _ok, errors = helpers.bulk(
        client, actions, raise_on_error=False, refresh="wait_for", require_alias=True
    )
    failed = [e for e in errors if e.get("delete", {}).get("status") != 404]
    if failed:
        raise PushRefused(what, failed)
    return {"indexed": len(actions) - len(gone), "deleted": len(gone)}


def _open_or(field: str, *matching) -> Q:
    """No limit set on ``field`` (absent), or one of ``matching`` holds."""
    return Q("bool", should=[~Q("exists", field=field), *matching])


def limit_filters(need: NeedFacts) -> list[Q]:
    """policy.meets_limits as filters on the projects index: each limit absent, or met by
    the need's facts (a limit the need's unrecorded fact cannot meet is not met)."""
    age = need.age
    patient = [c for c in (need.condition, need.disability_kind) if c]
    return [
        _open_or("age_min", *([Q("range", age_min={"lte": age})] if age is not None else [])),
        _open_or("age_max", *([Q("range", age_max={"gte": age})] if age is not None else [])),
        _open_or("sex", *([Q("term", sex=need.sex)] if need.sex else [])),
        _open_or("conditions", *([Q("terms", conditions=patient)] if patient else [])),
        _open_or(
            "disability_grade_max",
            *(
                [Q("range", disability_grade_max={"gte": need.disability_grade})]
                if need.disability_grade
                else []
            ),
            *([Q("term", conditions=need.condition)] if need.condition else []),
        ),
        *([Q("term", requires_local_hukou=False)] if need.hukou_elsewhere else []),
        # policy.cap_covers: partial funding, no cap, or a cap covering the whole gap.
        _open_or(
            "cap_fen",
            Q("term", accepts_partial=True),
            Q("range", cap_fen={"gte": need.gap_fen}),
        ),
    ]


def projects_query(need: NeedFacts, story: str) -> Search:
    """Every hard rule but money, as filters; the story's text orders the candidates by
    BM25 (Elasticsearch's default similarity) over the title, boosted TITLE_BOOST times,
    and the description: the fields and weights search.policy.text_relevance scores."""
    excluded = need.declined_by | need.referred_to
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
            *limit_filters(need),
        ],
        # policy: not a project that declined the case, nor one holding an open referral.
        must_not=[Q("ids", values=[str(pid) for pid in sorted(excluded)])] if excluded else [],
        should=[
            Q(
                "multi_match",
                query=story,
                fields=[f"title^{TITLE_BOOST}", "description"],
                type="most_fields",
            )
        ]
        if story
        else [],
    )
    return Search(index=projects_alias()).query(query).extra(size=CANDIDATES)


class NeedDocument(Document):
    case_id = Integer()
    category = Keyword()
    region_codes = Keyword()  # every code on the county's path
    county_name = Keyword()
    statuses = Keyword()
    key_groups = Keyword()
    gap_fen = Long()
    urgency = Integer()
    ready_since = Double()  # Unix time
    # The story's bigrams (search.text), space-separated: the cjk analyzer reads each back as
    # itself, so Elasticsearch matches the same terms the embedded engine counts.
    story = Text(analyzer="cjk")
    terms = Object(enabled=False)  # term -> count, for the policy's relevance; not searchable
    declined_by = Integer()
    referred_to = Integer()  # projects holding an open referral for the case
    need_public_id = Keyword()
    need_title = Keyword(index=False)
    # The patient's facts as assessed (absent when not recorded).
    age = Integer()
    sex = Keyword()
    condition = Keyword()
    disability_kind = Keyword()
    disability_grade = Integer()
    hukou_elsewhere = Boolean()

    class Index:
        name = "needs"  # a template: each rebuild creates a clone named after the alias


def need_action(need: NeedFacts, index: str) -> dict:
    return {
        "_op_type": "index",
        "_index": index,
        "_id": need.case_id,
        "_source": {
            "case_id": need.case_id,
            "category": need.category,
            "region_codes": list(need.region_path),
            "county_name": need.county_name,
            "statuses": sorted(need.statuses),
            "key_groups": sorted(need.key_groups),
            "gap_fen": need.gap_fen,
            "urgency": need.urgency,
            "ready_since": need.ready_since,
            # Sorted, so the overlapping bigrams cannot be read back into the story.
            "story": " ".join(sorted(need.terms.elements())),
            "terms": dict(sorted(need.terms.items())),
            "declined_by": sorted(need.declined_by),
            "referred_to": sorted(need.referred_to),
            "need_public_id": need.need_public_id,
            "need_title": need.need_title,
            "age": need.age,
            "sex": need.sex or None,
            "condition": need.condition or None,
            "disability_kind": need.disability_kind or None,
            "disability_grade": need.disability_grade,
            "hukou_elsewhere": need.hukou_elsewhere,
        },
    }


def need_limit_filters(project: ProjectFacts) -> list[Q]:
    """policy.meets_limits as filters on the needs index: a need whose fact a limit reads is
    not recorded (the field absent) fails a range or term filter on it, as in the policy."""
    filters = []
    ages = {"gte": project.age_min, "lte": project.age_max}
    ages = {bound: value for bound, value in ages.items() if value is not None}
    if ages:
        filters.append(Q("range", age=ages))
    if project.sex:
        filters.append(Q("term", sex=project.sex))
    named = sorted(project.conditions)
    if named:
        filters.append(
            Q("bool", should=[Q("terms", condition=named), Q("terms", disability_kind=named)])
        )
    if project.disability_grade_max is not None:
        graded = Q("range", disability_grade={"gte": 1, "lte": project.disability_grade_max})
        filters.append(Q("bool", should=[graded, Q("terms", condition=named)]) if named else graded)
    if project.requires_local_hukou:
        filters.append(Q("term", hukou_elsewhere=False))
    if project.cap_fen and not project.accepts_partial:  # policy.cap_covers
        filters.append(Q("range", gap_fen={"lte": project.cap_fen}))
    return filters


def needs_query(project: ProjectFacts, available_fen: int, now: float | None = None) -> Search:
    """Every hard rule as filters, money included (``available_fen`` is the project's balance
    read now); candidates ordered by the signals that differ between needs for one project
    (text, urgency, waiting, key groups, amount), with the policy's weights, so the
    candidates cut at NEED_CANDIDATES are the likeliest best."""
    now = time.time() if now is None else now
    rules = [
        Q("terms", category=sorted(project.categories)),
        Q("terms", region_codes=sorted(project.region_codes)),
    ]
    if project.statuses:
        rules.append(Q("terms", statuses=sorted(project.statuses)))
    if project.key_groups:
        rules.append(Q("terms", key_groups=sorted(project.key_groups)))
    rules.extend(need_limit_filters(project))
    # policy.has_money: without partial funding the balance must cover the gap, or the cap
    # when the cap is smaller (then every need passes once the balance covers the cap).
    # A service (policy.is_service) needs only a free place, which ``available_fen`` holds.
    if (
        not policy.is_service(project)
        and not project.accepts_partial
        and not (project.cap_fen and project.cap_fen <= available_fen)
    ):
        rules.append(Q("range", gap_fen={"lte": available_fen}))
    text = " ".join(project.terms)
    base = Q(
        "bool",
        filter=rules,
        must_not=[Q("term", declined_by=project.id), Q("term", referred_to=project.id)],
        should=[Q("match", story=text)] if text else [],
    )
    # The policy's need-side points: urgency 1..3 gives 0..1 of its weight, waiting grows to
    # full points over WAITING_FULL_DAYS, any key group half of its weight when the project
    # names none (when it does, every candidate has one: the filter above), and the share of
    # the gap the project can cover.
    points = (
        "params.urgency * (doc['urgency'].value - 1) / 2.0"
        " + params.waiting * Math.max(0.0, Math.min(1.0,"
        " (params.now - doc['ready_since'].value) / params.full))"
        " + (doc['key_groups'].size() > 0 ? params.key_group : 0)"
        " + params.amount * Math.min(1.0, params.coverable / (double) doc['gap_fen'].value)"
    )
    params = {
        "urgency": WEIGHTS["urgency"],
        "waiting": WEIGHTS["waiting"],
        "key_group": 0 if project.key_groups else WEIGHTS["key_group"] / 2,
        "amount": WEIGHTS["amount"],
        "coverable": min(available_fen, project.cap_fen or available_fen),
        "now": now,
        "full": WAITING_FULL_DAYS * 86400,
    }
    functions = [{"script_score": {"script": {"source": points, "params": params}}}]
    query = FunctionScore(query=base, functions=functions, score_mode="sum", boost_mode="sum")
    return Search(index=needs_alias()).query(query).extra(size=NEED_CANDIDATES)


def need_from_hit(source: dict) -> NeedFacts:
    return NeedFacts(
        case_id=source["case_id"],
        category=source["category"],
        region_path=tuple(source["region_codes"]),
        county_name=source["county_name"],
        statuses=frozenset(source["statuses"]),
        key_groups=frozenset(source["key_groups"]),
        gap_fen=source["gap_fen"],
        urgency=source["urgency"],
        ready_since=source["ready_since"],
        terms=Counter(source["terms"]),
        declined_by=frozenset(source["declined_by"]),
        referred_to=frozenset(source.get("referred_to") or ()),
        need_public_id=source["need_public_id"],
        need_title=source["need_title"],
        age=source.get("age"),
        sex=source.get("sex") or "",
        condition=source.get("condition") or "",
        disability_kind=source.get("disability_kind") or "",
        disability_grade=source.get("disability_grade"),
        hukou_elsewhere=bool(source.get("hukou_elsewhere")),
    )


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
        terms=project_counts(source["title"], source["description"], TITLE_BOOST),
        age_min=source.get("age_min"),
        age_max=source.get("age_max"),
        sex=source.get("sex") or "",
        conditions=frozenset(source.get("conditions") or ()),
        disability_grade_max=source.get("disability_grade_max"),
        requires_local_hukou=bool(source.get("requires_local_hukou")),
        completed_referrals=source.get("completed_referrals") or 0,
        places=source.get("places"),
    )


class ElasticEngine(EmbeddedEngine):
    """Projects for a need and needs for a project come from Elasticsearch (candidates by
    the rules' filters); the same policy scores and explains them with the same term
    statistics. Only the projects are held in memory (their term statistics, and the
    candidates of the allocation proposal, which is given its needs); the cases ready for
    referral, the large side, live in the cluster only."""

    sides = (stamps.PROJECTS,)

    def __init__(self, client: Elasticsearch, **kwargs):
        super().__init__(**kwargs)
        self.client = client

    def projects_for(self, need: NeedFacts, limit: int = 20) -> list[Match]:
        self.refresh()  # the projects' term statistics
        # The story's bigrams, space-separated: the cjk analyzer reads each back as itself.
        story = " ".join(need.terms)
        response = projects_query(need, story).using(self.client).execute()
        return self.rank_projects(need, [facts_from_hit(hit.to_dict()) for hit in response], limit)

    def needs_for(self, project: ProjectFacts, limit: int = 50) -> list[Match]:
        self.refresh()
        own, funds = self._money_of(project)
        # The richest drawable fund may pay for some needs: the query's money filter reads
        # the larger balance (a looser filter); rank_needs applies the exact rule per need.
        available = max([own, *(fund.available_fen for fund in funds)])
        if available <= 0:
            return []  # no need passes the money rule
        response = needs_query(project, available).using(self.client).execute()
        candidates = [need_from_hit(hit.to_dict()) for hit in response]
        return self.rank_needs(project, candidates, limit, money=(own, funds))
