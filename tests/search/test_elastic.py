"""The Elasticsearch engine through the real client: a node that records every request and
answers as Elasticsearch would shows the mapping, the bulk actions, the alias swap and the
query document are what the policy says. With ELASTICSEARCH_URL set, the same expectations
also run against the real cluster (test_live_parity)."""

from __future__ import annotations

import json
import os
import time

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node._base import NodeApiResponse
from elasticsearch import Elasticsearch

from search import elastic, stamps
from search.engine import EmbeddedEngine
from search.text import project_counts, term_counts
from tests.search.test_policy import need as make_need
from tests.search.test_policy import project as make_project


class RecordingNode(BaseNode):
    """Records (method, path, body) and answers like a small Elasticsearch."""

    calls: list[tuple[str, str, object]] = []
    hits: list[dict] = []
    existing: list[str] = ["jijinan-test-projects-1"]
    missing: set[str] = set()  # document ids a delete does not find
    no_alias = False  # a cluster before the first rebuild: asking for an alias gives 404

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        text = body.decode() if body else ""
        path = target.split("?")[0]
        if path.endswith("/_bulk"):
            parsed = [json.loads(line) for line in text.splitlines() if line]
        else:
            parsed = json.loads(text) if text else None
        RecordingNode.calls.append((method, path, parsed))
        status, payload = 200, self.answer(method, path, parsed)
        if path.startswith("/_alias/") and self.no_alias:
            status, payload = 404, {"error": "alias [x] missing", "status": 404}
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders(
                {"x-elastic-product": "Elasticsearch", "content-type": "application/json"}
            ),
            duration=0.0,
            node=self.config,
        )
        return NodeApiResponse(meta, json.dumps(payload).encode())

    def answer(self, method, path, body):
        if path.endswith("/_bulk"):
            items, lines = [], iter(body)
            for action in lines:
                op, meta = next(iter(action.items()))
                if op == "delete":
                    found = str(meta["_id"]) not in self.missing
                    items.append({op: {"_id": meta["_id"], "status": 200 if found else 404}})
                else:
                    next(lines)  # the document
                    items.append({op: {"_id": meta["_id"], "status": 201}})
            errors = any(item[next(iter(item))]["status"] >= 300 for item in items)
            return {"took": 1, "errors": errors, "items": items}
        if path.startswith("/_alias/"):
            return {name: {"aliases": {elastic.projects_alias(): {}}} for name in self.existing}
        if path.endswith("/_search"):
            hits = [
                {
                    "_index": "x",
                    "_id": str(h.get("project_id", h.get("case_id"))),
                    "_score": 1.0,
                    "_source": h,
                }
                for h in self.hits
            ]
            return {
                "took": 1,
                "timed_out": False,
                "hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits},
            }
        return {"acknowledged": True, "index": path.strip("/")}


@pytest.fixture
def client():
    RecordingNode.calls = []
    RecordingNode.hits = []
    RecordingNode.missing = set()
    RecordingNode.no_alias = False
    return Elasticsearch("http://es.test:9200", node_class=RecordingNode)


def test_a_rebuild_maps_cjk_text_bulk_indexes_and_swaps_the_alias(client):
    project = make_project()
    index = elastic.rebuild_projects(client, [(project, "资助突发重病住院的困难家庭")])
    methods = [(m, p) for m, p, _b in RecordingNode.calls]
    assert methods[0] == ("PUT", f"/{index}")
    mapping = RecordingNode.calls[0][2]["mappings"]["properties"]
    assert mapping["title"] == {"type": "text", "analyzer": "cjk"}
    assert mapping["description"] == {"type": "text", "analyzer": "cjk"}
    assert mapping["region_codes"] == {"type": "keyword"}
    bulk = next(body for m, p, body in RecordingNode.calls if p.endswith("/_bulk"))
    assert bulk[0] == {"index": {"_index": index, "_id": project.id}}
    assert bulk[1]["categories"] == ["illness"] and bulk[1]["region_codes"] == ["220000"]
    swap = next(body for m, p, body in RecordingNode.calls if p == "/_aliases")
    assert swap["actions"] == [
        {"remove": {"index": "jijinan-test-projects-1", "alias": "jijinan-test-projects"}},
        {"add": {"index": index, "alias": "jijinan-test-projects"}},
    ]
    assert methods[-1] == ("DELETE", "/jijinan-test-projects-1")  # only after the swap


def test_the_query_document_states_every_rule_but_money():
    need = make_need(declined_by=frozenset({7}))
    body = elastic.projects_query(need, "脑出血住院").to_dict()
    query = body["query"]["bool"]
    assert {"term": {"status": "open"}} in query["filter"]
    assert {"term": {"categories": "illness"}} in query["filter"]
    assert {"terms": {"region_codes": ["220000", "220100", "220104"]}} in query["filter"]
    eligibility = [f for f in query["filter"] if "bool" in f]
    # household statuses, key groups (empty list means no limit), the patient's limits
    assert len(eligibility) == 2 + len(elastic.limit_filters(need))
    assert query["must_not"] == [{"ids": {"values": ["7"]}}]
    # BM25 over the title, boosted as search.policy.TITLE_BOOST, and the description.
    assert query["should"][0]["multi_match"]["fields"] == ["title^3", "description"]
    assert body["size"] == elastic.CANDIDATES


DESCRIPTION = "资助突发重病住院、医疗费用负担重的困难家庭"


def indexed(**overrides):
    """A project's facts as the database loader builds them: terms of title and description."""
    project = make_project(**overrides)
    project.terms = project_counts(project.title, DESCRIPTION)
    return project


def test_the_elastic_engine_ranks_and_explains_as_the_embedded_one(client):
    county = indexed(id=1, region_codes=frozenset({"220104"}), region_level=3)
    province = indexed(id=2)
    broke = indexed(id=3)
    balances = {1: 900_000, 2: 900_000, 3: 0}
    for project in (county, province, broke):
        RecordingNode.hits.append(elastic.project_action(project, DESCRIPTION, "x")["_source"])
    embedded = EmbeddedEngine.fixed([county, province, broke], [], balances)
    embedded.refresh()
    engine = elastic.ElasticEngine.fixed([county, province, broke], [], balances, client=client)
    need = make_need()
    from_es = engine.projects_for(need)
    search_body = next(body for m, p, body in RecordingNode.calls if p.endswith("/_search"))
    assert search_body["query"]["bool"]["should"][0]["multi_match"]["query"].split() == list(
        need.terms
    )
    from_embedded = embedded.projects_for(need)
    assert (
        [(m.project.id, m.score) for m in from_es]
        == [(m.project.id, m.score) for m in from_embedded]
        == [(1, pytest.approx(from_es[0].score)), (2, pytest.approx(from_es[1].score))]
    )
    assert [s.text for s in from_es[0].signals] == [s.text for s in from_embedded[0].signals]


@pytest.fixture
def live(settings):
    """The real cluster, under a prefix of this run's own (never a deployment's indexes);
    every index the test made is deleted afterwards, by name (wildcard deletes are refused
    by default)."""
    settings.SEARCH_INDEX_PREFIX = f"jijinan-test-{os.getpid()}-{time.time_ns()}"
    cluster = Elasticsearch(os.environ["ELASTICSEARCH_URL"])
    yield cluster
    for alias in (elastic.projects_alias(), elastic.needs_alias()):
        made = cluster.options(ignore_status=404).indices.get(index=f"{alias}-*")
        for name in made.body if made.meta.status != 404 else ():
            cluster.options(ignore_status=404).indices.delete(index=name)


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs ELASTICSEARCH_URL")
def test_live_parity(live):
    projects = [
        indexed(id=1, region_codes=frozenset({"220104"}), region_level=3),
        indexed(id=2),
        indexed(id=3, categories=frozenset({"fire"})),
    ]
    elastic.rebuild_projects(live, [(p, DESCRIPTION) for p in projects])
    time.sleep(1)
    balances = {1: 900_000, 2: 900_000, 3: 900_000}
    embedded = EmbeddedEngine.fixed(projects, [], balances)
    embedded.refresh()
    engine = elastic.ElasticEngine.fixed(projects, [], balances, client=live)
    need = make_need()
    assert [m.project.id for m in engine.projects_for(need)] == [
        m.project.id for m in embedded.projects_for(need)
    ]


def test_the_engine_is_elasticsearchs_when_configured(settings, monkeypatch):
    from search import engine

    monkeypatch.setattr(engine, "_engine", None)
    settings.ELASTICSEARCH_URL = "http://es.test:9200"
    assert isinstance(engine.get_engine(), elastic.ElasticEngine)
    monkeypatch.setattr(engine, "_engine", None)
    settings.ELASTICSEARCH_URL = ""
    assert type(engine.get_engine()) is engine.EmbeddedEngine


def bulk_bodies() -> list[list]:
    return [body for _m, path, body in RecordingNode.calls if path.endswith("/_bulk")]


@pytest.mark.django_db
def test_a_push_indexes_open_projects_and_deletes_the_others(client, world):
    from projects.models import Project

    open_project, closed = world.project, world.other_project
    Project.objects.filter(pk=closed.pk).update(status=Project.Status.CLOSED)
    RecordingNode.missing = {str(closed.pk)}  # never indexed: its delete finds nothing
    result = elastic.push_projects(client, [open_project.pk, closed.pk, open_project.pk])
    assert result == {"indexed": 1, "deleted": 1}
    (bulk,) = bulk_bodies()
    assert bulk[0] == {"index": {"_index": "jijinan-test-projects", "_id": open_project.pk}}
    assert bulk[1]["title"] == open_project.title and bulk[1]["status"] == "open"
    assert bulk[2] == {"delete": {"_index": "jijinan-test-projects", "_id": closed.pk}}


@pytest.mark.django_db
def test_project_changes_are_pushed_after_commit_only(
    client, world, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = "http://es.test:9200"
    monkeypatch.setattr(elastic, "client", lambda: client)
    project = world.project
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        project.title = "大病救助项目（二期）"
        project.save()
    assert callbacks and not bulk_bodies()  # nothing reaches Elasticsearch before commit
    for callback in callbacks:
        callback()
    (bulk,) = bulk_bodies()
    assert bulk[1]["title"] == "大病救助项目（二期）"


@pytest.mark.django_db
def test_without_elasticsearch_nothing_is_queued(
    world, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks() as callbacks:
        world.project.save()
    assert callbacks == []


# ---- the needs index (a project's matches) ----

STORY = "妻子突发脑出血住院，医疗费用缺口大。联系电话13912345678，身份证220104198001011234。"


def test_a_needs_rebuild_maps_the_facts_and_never_a_number_or_the_story(client):
    from search.text import story_counts

    need = make_need(case_id=42, terms=story_counts(STORY), declined_by=frozenset({7}))
    index = elastic.rebuild_needs(client, [need])
    assert index.startswith("jijinan-test-needs-")
    mapping = RecordingNode.calls[0][2]["mappings"]["properties"]
    assert mapping["story"] == {"type": "text", "analyzer": "cjk"}
    assert mapping["terms"] == {"type": "object", "enabled": False}
    assert mapping["region_codes"] == {"type": "keyword"}
    (bulk,) = bulk_bodies()
    assert bulk[0] == {"index": {"_index": index, "_id": 42}}
    document = bulk[1]
    assert document["region_codes"] == ["220000", "220100", "220104"]
    assert document["declined_by"] == [7]
    assert "脑出" in document["story"].split() and document["terms"]["脑出"] == 1
    # Sorted: the overlapping bigrams cannot be chained back into the story.
    assert document["story"].split() == sorted(document["story"].split())
    assert list(document["terms"]) == sorted(document["terms"])
    text = json.dumps(document, ensure_ascii=False)
    for number in ("13912345678", "220104198001011234", "1234"):
        assert number not in text
    assert "联系电话" not in text  # the story is never stored whole, only its bigrams
    swap = next(body for m, p, body in RecordingNode.calls if p == "/_aliases")
    assert swap["actions"][-1] == {"add": {"index": index, "alias": "jijinan-test-needs"}}


def test_the_needs_query_states_every_rule_money_included():
    project = make_project(
        id=10,
        statuses=frozenset({"is_dibao"}),
        key_groups=frozenset(),
        categories={"fire"},
        accepts_partial=False,
    )
    project.terms = term_counts("火灾受灾家庭")
    body = elastic.needs_query(project, 300_000, now=1_000_000.0).to_dict()
    function_score = body["query"]["function_score"]
    query = function_score["query"]["bool"]
    assert {"terms": {"category": ["fire"]}} in query["filter"]
    assert {"terms": {"region_codes": ["220000"]}} in query["filter"]
    assert {"terms": {"statuses": ["is_dibao"]}} in query["filter"]
    assert not any("key_groups" in f.get("terms", {}) for f in query["filter"])  # no limit
    # No partial funding, a cap above the balance: the balance must cover the whole gap.
    assert {"range": {"gap_fen": {"lte": 300_000}}} in query["filter"]
    assert query["must_not"] == [
        {"term": {"declined_by": 10}},
        {"term": {"referred_to": 10}},
    ]
    assert query["should"] == [{"match": {"story": "火灾 灾受 受灾 灾家 家庭"}}]
    (function,) = function_score["functions"]
    params = function["script_score"]["script"]["params"]
    assert params == {
        "urgency": 12,
        "waiting": 5,
        "key_group": 2.0,
        "amount": 18,
        "coverable": 300_000,
        "now": 1_000_000.0,
        "full": 14 * 86400,
    }
    assert function_score["boost_mode"] == "sum"
    assert body["size"] == elastic.NEED_CANDIDATES


@pytest.mark.parametrize(
    ("overrides", "limited"),
    [
        ({"cap_fen": 200_000, "accepts_partial": False}, False),
        ({"accepts_partial": True}, False),
        ({"accepts_partial": False}, True),
    ],
)
def test_the_money_filter_follows_the_policy(overrides, limited):
    project = make_project(**overrides)
    body = elastic.needs_query(project, 300_000).to_dict()
    filters = body["query"]["function_score"]["query"]["bool"]["filter"]
    assert ({"range": {"gap_fen": {"lte": 300_000}}} in filters) is limited
    # policy.cap_covers: without partial funding, only gaps the cap covers whole.
    capped = {"range": {"gap_fen": {"lte": project.cap_fen}}} in filters
    assert capped is (not project.accepts_partial and bool(project.cap_fen))


def test_the_elastic_engine_ranks_needs_as_the_embedded_one(client):
    project = indexed(id=1, region_codes=frozenset({"220104"}), region_level=3)
    needs = [
        make_need(case_id=1, urgency=1),
        make_need(case_id=2, urgency=3, terms=term_counts("家中失火，房屋烧毁")),
        make_need(case_id=3, urgency=3),
        make_need(case_id=4, declined_by=frozenset({1})),  # the project declined it
    ]
    for need in needs:
        RecordingNode.hits.append(elastic.need_action(need, "x")["_source"])
    balances = {1: 900_000}
    embedded = EmbeddedEngine.fixed([project], needs, balances)
    engine = elastic.ElasticEngine.fixed([project], needs, balances, client=client)
    from_es = engine.needs_for(project)
    from_embedded = embedded.needs_for(project)
    assert [m.need.case_id for m in from_es] == [m.need.case_id for m in from_embedded] == [3, 1, 2]
    assert [m.score for m in from_es] == [m.score for m in from_embedded]
    assert [s.text for s in from_es[0].signals] == [s.text for s in from_embedded[0].signals]
    search_path = next(p for m, p, b in RecordingNode.calls if p.endswith("/_search"))
    assert search_path == "/jijinan-test-needs/_search"


@pytest.mark.django_db
def test_a_needs_push_indexes_ready_cases_and_deletes_the_others(client, money):
    from needs.models import Case

    ready = money.world.relieved()
    not_ready = money.world.report()
    RecordingNode.missing = {str(not_ready.pk)}
    result = elastic.push_needs(client, [ready.pk, not_ready.pk])
    assert result == {"indexed": 1, "deleted": 1}
    (bulk,) = bulk_bodies()
    assert bulk[0] == {"index": {"_index": "jijinan-test-needs", "_id": ready.pk}}
    assert bulk[1]["case_id"] == ready.pk and bulk[1]["gap_fen"] == ready.remaining_gap_fen
    assert bulk[2] == {"delete": {"_index": "jijinan-test-needs", "_id": not_ready.pk}}
    indexed = json.dumps(bulk, ensure_ascii=False)
    # The World's story names the head and his wife and gives a phone number.
    for text in ("13912345678", "张建", "建国", "李秀", "秀兰"):
        assert text not in indexed
    assert "脑出" in bulk[1]["terms"]  # what happened stays
    Case.objects.filter(pk=ready.pk).update(status=Case.Status.CLOSED)
    RecordingNode.calls = []
    assert elastic.push_needs(client, [ready.pk]) == {"indexed": 0, "deleted": 1}


@pytest.mark.django_db
def test_case_changes_are_pushed_after_commit_only(
    client, world, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = "http://es.test:9200"
    monkeypatch.setattr(elastic, "client", lambda: client)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case = world.report()
    assert callbacks and not bulk_bodies()
    for callback in callbacks:
        callback()
    deletes = [a for body in bulk_bodies() for a in body if "delete" in a]
    assert {"delete": {"_index": "jijinan-test-needs", "_id": case.pk}} in deletes  # not ready yet


@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs ELASTICSEARCH_URL")
def test_live_needs_parity(live):
    project = indexed(id=1, region_codes=frozenset({"220104"}), region_level=3)
    needs = [make_need(case_id=i, urgency=1 + i % 3) for i in range(1, 8)]
    needs.append(make_need(case_id=9, category="fire"))
    elastic.rebuild_needs(live, needs)
    time.sleep(1)
    balances = {1: 900_000}
    embedded = EmbeddedEngine.fixed([project], needs, balances)
    engine = elastic.ElasticEngine.fixed([project], needs, balances, client=live)
    assert [m.need.case_id for m in engine.needs_for(project)] == [
        m.need.case_id for m in embedded.needs_for(project)
    ]


def test_the_first_rebuild_on_an_empty_cluster_adds_the_alias(client):
    RecordingNode.no_alias = True
    index = elastic.rebuild_needs(client, [make_need(case_id=1)])
    swap = next(body for m, p, body in RecordingNode.calls if p == "/_aliases")
    assert swap["actions"] == [{"add": {"index": index, "alias": "jijinan-test-needs"}}]
    assert not [p for m, p, b in RecordingNode.calls if m == "DELETE"]


@pytest.mark.django_db
def test_a_push_before_the_first_rebuild_writes_nothing(client, money):
    """Without the alias a bulk write would create an index with a guessed mapping."""
    RecordingNode.no_alias = True
    case = money.world.relieved()
    assert elastic.push_needs(client, [case.pk]) == {"indexed": 0, "deleted": 0}
    assert elastic.push_projects(client, [money.world.project.pk]) == {"indexed": 0, "deleted": 0}
    assert not bulk_bodies()


@pytest.mark.django_db
def test_a_member_change_marks_the_households_cases_changed(world):
    from needs.models import HouseholdMember
    from search.models import IndexChange

    case = world.report()
    member = HouseholdMember.objects.filter(household=case.household).first()
    IndexChange.objects.all().delete()
    member.name = "张建华"
    member.save()
    assert IndexChange.objects.filter(side="needs", object_id=case.pk).exists()


# ---- what the Elasticsearch engine holds, and pushes that fail ----


def test_the_elastic_engine_holds_the_projects_only(client):
    """The cases ready for referral live in the cluster: the engine never loads them."""

    def no_needs(ids=None):
        raise AssertionError("the Elasticsearch engine read the cases")

    project = indexed(id=1)
    engine = elastic.ElasticEngine(
        client,
        load_projects=lambda ids=None: [project],
        load_needs=no_needs,
        balances=lambda ids: dict.fromkeys(ids, 900_000),
        funds=lambda ids: {},
        read_feed=lambda since, sides: stamps.Feed(
            epochs={"projects": "p", "needs": "n"}, pruned=0, horizon=1
        ),
    )
    RecordingNode.hits.append(elastic.need_action(make_need(case_id=7), "x")["_source"])
    assert [m.need.case_id for m in engine.needs_for(project)] == [7]
    assert engine.full_loads == 1 and len(engine.need_map) == 0
    assert engine.open_project(1) is project


def failing_push(monkeypatch, failures: int, error=None):
    """push_projects fails ``failures`` times, then succeeds; returns the calls made."""
    calls = []

    def push(client, ids):
        calls.append(list(ids))
        if len(calls) <= failures:
            raise error or elastic.PushRefused(
                "project", [{"index": {"_id": 5, "status": 400, "error": {"type": "x_error"}}}]
            )
        return {"indexed": len(ids), "deleted": 0}

    monkeypatch.setattr(elastic, "push_projects", push)
    return calls


@pytest.mark.django_db
def test_a_failed_push_is_tried_again_until_it_goes_through(settings, monkeypatch, caplog):
    from elastic_transport import ConnectionError as TransportConnectionError

    from search.tasks import push_changes

    settings.ELASTICSEARCH_URL = "http://es.test:9200"
    down = TransportConnectionError("connection refused")
    calls = failing_push(monkeypatch, failures=2, error=down)
    result = push_changes.enqueue(side="projects", ids=[5, 6])  # the tests run tasks at once
    assert result.return_value == {"status": "retrying", "attempt": 1}
    assert calls == [[5, 6]] * 3  # two failures, then the push that went through
    assert "trying again" in caplog.text


@pytest.mark.django_db
def test_a_push_that_keeps_failing_gives_up_and_says_what_to_run(settings, monkeypatch, caplog):
    from search.tasks import RETRY_DELAYS, push_changes

    settings.ELASTICSEARCH_URL = "http://es.test:9200"
    calls = failing_push(monkeypatch, failures=100)
    push_changes.enqueue(side="projects", ids=[5])
    assert len(calls) == len(RETRY_DELAYS) + 1
    assert "gave up" in caplog.text and "search_index --rebuild" in caplog.text


@pytest.mark.django_db
def test_a_retry_waits_when_the_task_backend_can_wait(settings, monkeypatch):
    """The database backend (production) runs the retry later: it is queued with run_after."""
    import datetime as dt

    from django.utils import timezone
    from django_tasks import task_backends

    from search.tasks import RETRY_DELAYS, push_changes

    settings.ELASTICSEARCH_URL = "http://es.test:9200"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    failing_push(monkeypatch, failures=1)
    backend = task_backends["default"]
    push_changes.call(side="projects", ids=[5])
    (queued,) = backend.results
    assert queued.args == [] and queued.kwargs == {"side": "projects", "ids": [5], "attempt": 2}
    wait = queued.task.run_after - timezone.now()
    assert dt.timedelta(seconds=RETRY_DELAYS[0] - 5) < wait <= dt.timedelta(seconds=RETRY_DELAYS[0])


def test_a_refused_push_names_documents_and_error_kinds_never_values():
    error = elastic.PushRefused(
        "case",
        [
            {
                "index": {
                    "_id": 9,
                    "status": 400,
                    "error": {
                        "type": "document_parsing_exception",
                        "reason": "failed to parse field [gap_fen]. "
                        "Preview of field's value: '脑出血'",
                    },
                }
            }
        ],
    )
    assert "document_parsing_exception" in str(error) and "9" in str(error)
    assert "脑出血" not in str(error)


def test_both_engines_rank_a_small_set_with_limits_alike(client):
    """Projects with structured limits and their own texts, cases with patient facts: the
    Elasticsearch engine (its candidates from the recording node) ranks, scores and explains
    as the embedded one, both ways."""
    from search.text import story_counts

    texts = {
        1: (
            "儿童白血病救助",
            "资助0至18岁白血病患儿",
            {"age_max": 18, "conditions": {"leukaemia"}},
        ),
        2: ("尿毒症透析救助", "资助尿毒症患者透析费用", {"conditions": {"uraemia"}}),
        3: ("大病医疗救助", "医保报销后自付费用困难家庭", {}),
        4: ("女性两癌救助", "乳腺癌宫颈癌", {"sex": "female", "conditions": {"breast_cancer"}}),
    }
    projects = []
    for pid, (title, description, limits) in texts.items():
        limits = {k: frozenset(v) if isinstance(v, set) else v for k, v in limits.items()}
        project = make_project(id=pid, title=title, **limits)
        project.terms = project_counts(title, description)
        projects.append((project, description))
        RecordingNode.hits.append(elastic.project_action(project, description, "x")["_source"])
    facts = [p for p, _d in projects]
    cases = [
        make_need(case_id=1, age=7, condition="leukaemia", terms=story_counts("孩子白血病化疗")),
        make_need(case_id=2, age=41, condition="uraemia", terms=story_counts("尿毒症每周透析")),
        make_need(
            case_id=3,
            age=52,
            sex="female",
            condition="breast_cancer",
            terms=story_counts("乳腺癌手术后化疗"),
        ),
    ]
    balances = dict.fromkeys(texts, 9000000)
    embedded = EmbeddedEngine.fixed(facts, cases, balances)
    engine = elastic.ElasticEngine.fixed(facts, cases, balances, client=client)
    for case in cases:
        from_es = engine.projects_for(case)
        from_embedded = embedded.projects_for(case)
        assert [(m.project.id, m.score) for m in from_es] == [
            (m.project.id, m.score) for m in from_embedded
        ]
        assert [s.text for s in from_es[0].signals] == [s.text for s in from_embedded[0].signals]
    assert [m.project.id for m in embedded.projects_for(cases[0])] == [1, 3]
    assert [m.project.id for m in embedded.projects_for(cases[1])] == [2, 3]
    assert [m.project.id for m in embedded.projects_for(cases[2])] == [4, 3]
    RecordingNode.hits = [elastic.need_action(case, "x")["_source"] for case in cases]
    for project in facts:
        assert [(m.need.case_id, m.score) for m in engine.needs_for(project)] == [
            (m.need.case_id, m.score) for m in embedded.needs_for(project)
        ]


# ---- a project holding an open referral for a case (search.policy's "not_referred") ----


def test_the_projects_query_leaves_out_projects_holding_an_open_referral():
    need = make_need(declined_by=frozenset({7}), referred_to=frozenset({3, 12}))
    query = elastic.projects_query(need, "脑出血住院").to_dict()["query"]["bool"]
    assert query["must_not"] == [{"ids": {"values": ["3", "7", "12"]}}]
    only_referred = elastic.projects_query(make_need(referred_to=frozenset({3})), "").to_dict()
    assert only_referred["query"]["bool"]["must_not"] == [{"ids": {"values": ["3"]}}]


def test_a_needs_document_carries_the_open_referrals_and_reads_back_alike(client):
    need = make_need(case_id=42, referred_to=frozenset({5, 2}))
    index = elastic.rebuild_needs(client, [need])
    mapping = RecordingNode.calls[0][2]["mappings"]["properties"]
    assert mapping["referred_to"] == {"type": "integer"}
    (bulk,) = bulk_bodies()
    assert bulk[0] == {"index": {"_index": index, "_id": 42}}
    assert bulk[1]["referred_to"] == [2, 5]
    assert elastic.need_from_hit(bulk[1]).referred_to == frozenset({2, 5})
    # A document indexed before the field existed reads back as no open referral.
    older = dict(bulk[1])
    del older["referred_to"]
    assert elastic.need_from_hit(older).referred_to == frozenset()


def test_both_engines_leave_out_the_project_holding_an_open_referral(client):
    project = indexed(id=1, region_codes=frozenset({"220104"}), region_level=3)
    other = indexed(id=2, region_codes=frozenset({"220104"}), region_level=3)
    needs = [make_need(case_id=1), make_need(case_id=2, referred_to=frozenset({1}))]
    balances = {1: 900_000, 2: 900_000}
    embedded = EmbeddedEngine.fixed([project, other], needs, balances)
    engine = elastic.ElasticEngine.fixed([project, other], needs, balances, client=client)
    # The node answers with every document, as a cluster ignoring must_not would: the policy
    # still applies the rule, so both engines agree whatever the candidates.
    RecordingNode.hits = [elastic.need_action(need, "x")["_source"] for need in needs]
    assert [m.need.case_id for m in engine.needs_for(project)] == [1]
    assert [m.need.case_id for m in embedded.needs_for(project)] == [1]
    body = next(b for m, p, b in RecordingNode.calls if p.endswith("/_search"))
    must_not = body["query"]["function_score"]["query"]["bool"]["must_not"]
    assert {"term": {"referred_to": 1}} in must_not
    RecordingNode.hits = [
        elastic.project_action(p, DESCRIPTION, "x")["_source"] for p in (project, other)
    ]
    assert [m.project.id for m in engine.projects_for(needs[1])] == [2]
    assert [m.project.id for m in embedded.projects_for(needs[1])] == [2]
