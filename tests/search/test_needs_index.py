"""The needs index (compact columns and an inverted index of terms) ranks exactly as the policy's
own functions applied to every need one by one: the same needs, the same order, the same
scores, also after cases change, leave, come back and the index compacts, and whichever way it
sums the text."""

from __future__ import annotations

import random
import time
import types
from collections import Counter

import pytest

from donors.selectors import FundSource
from search import policy
from search.engine import EmbeddedEngine
from search.needs_index import NeedIndex
from search.policy import NeedFacts, ProjectFacts
from search.text import story_counts, term_counts

NOW = time.time()


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    """One clock for the engine and the naive loop: a need's waiting time would otherwise
    grow between the two, and a score lying on a half cent could round the other way."""
    clock = types.SimpleNamespace(time=lambda: NOW)
    monkeypatch.setattr("search.policy.time", clock)
    monkeypatch.setattr("search.engine.time", clock)


COUNTIES = [f"22{c:02d}{k:02d}" for c in (1, 2, 3) for k in (1, 2, 3, 4)]
CATEGORIES = ("illness", "accident", "fire", "disaster")
STATUSES = ("is_dibao", "is_tekun", "is_dibao_edge")
GROUPS = ("kg_elderly_disabled_ill", "kg_disaster_hit", "kg_other")
WORDS = (
    "突发重病住院", "医疗费用缺口", "家中失火", "房屋倒塌", "交通事故", "孩子上学",
    "老人卧床", "洪水冲毁", "生活困难", "急需帮助", "肾透析", "化疗",
)  # fmt: skip


def path_of(county: str) -> tuple[str, ...]:
    return ("220000", county[:4] + "00", county)


def random_need(rng: random.Random, case_id: int, projects: list[ProjectFacts]) -> NeedFacts:
    declined = rng.sample([p.id for p in projects], rng.choice((0, 0, 0, 1, 2)))
    published = rng.random() < 0.3  # only a published need has a public id and title
    return NeedFacts(
        case_id=case_id,
        category=rng.choice(CATEGORIES),
        region_path=path_of(rng.choice(COUNTIES)),
        county_name="某县",
        statuses=frozenset(rng.sample(STATUSES, rng.randint(0, 2))),
        key_groups=frozenset(rng.sample(GROUPS, rng.randint(0, 2))),
        gap_fen=rng.choice((50_000, 300_000, 800_000, 2_000_000)),
        urgency=rng.randint(1, 3),
        ready_since=NOW - rng.choice((0, 1, 3, 10, 20, 40)) * 86400,
        terms=story_counts("，".join(rng.sample(WORDS, rng.randint(0, 4)))),
        declined_by=frozenset(declined),
        need_public_id=f"need-{case_id}" if published else None,
        need_title=f"需求{case_id}" if published else "",
    )


def random_project(rng: random.Random, project_id: int) -> ProjectFacts:
    region = rng.choice(["220000", "220100", "220200", *COUNTIES])
    return ProjectFacts(
        id=project_id,
        organisation_id=project_id % 3 + 1,
        organisation_name="慈善会",
        title="救助项目",
        status="open" if rng.random() < 0.9 else "paused",
        categories=frozenset(rng.sample(CATEGORIES, rng.randint(1, 3))),
        region_codes=frozenset({region}),
        region_level=0 if region == "220000" else 2 if region.endswith("00") else 3,
        statuses=frozenset(rng.sample(STATUSES, 1)) if rng.random() < 0.3 else frozenset(),
        key_groups=frozenset(rng.sample(GROUPS, 1)) if rng.random() < 0.3 else frozenset(),
        cap_fen=rng.choice((None, 100_000, 500_000)),
        accepts_partial=rng.random() < 0.4,
        verified=rng.random() < 0.5,
        answer_rate=rng.choice((None, 0.2, 0.9)),
        terms=term_counts("资助" + "、".join(rng.sample(WORDS, rng.randint(1, 5)))),
    )


def funds_for(rng: random.Random) -> dict[int, list[FundSource]]:
    """Each charity's drawable funds, richest first, some restricted by category or region."""
    out = {}
    for organisation in (1, 2, 3):
        funds = [
            FundSource(
                id=organisation * 10 + i,
                name=f"专项基金{organisation}-{i}",
                owner_id=organisation,
                categories=frozenset(rng.sample(CATEGORIES, rng.randint(0, 2))),
                region_paths=tuple(
                    rng.sample(["220000/220100", "220000/220200"], rng.randint(0, 1))
                ),
                available_fen=rng.choice((200_000, 1_000_000, 3_000_000)),
            )
            for i in range(rng.randint(0, 3))
        ]
        out[organisation] = sorted(funds, key=lambda f: -f.available_fen)
    return out


def naive(project, needs, balances, funds, idf, limit, avg_length=None):
    """The policy applied to every need, one by one, then sorted: the definition."""
    own = balances.get(project.id, 0)
    rows = []
    for need in needs:
        if not policy.passes_without_money(need, project):
            continue
        available, _fund = policy.money_source(
            need, project, own, funds.get(project.organisation_id)
        )
        if not policy.has_money(need, project, available):
            continue
        relevance = policy.text_relevance(need.terms, project, idf, None, avg_length)
        values = policy.signal_values(need, project, relevance, available)
        rows.append((policy.score(values), -need.case_id))
    rows.sort(reverse=True)
    return [(score, -negative) for score, negative in rows[:limit]]


def ranked(engine, project, limit):
    return [(m.score, m.need.case_id) for m in engine.needs_for(project, limit=limit)]


def world(seed: int, n_projects=25, n_needs=400):
    rng = random.Random(seed)  # noqa: S311 (test data)
    projects = [random_project(rng, i + 1) for i in range(n_projects)]
    needs = [random_need(rng, i + 1, projects) for i in range(n_needs)]
    balances = {p.id: rng.choice((0, 60_000, 400_000, 5_000_000)) for p in projects}
    return rng, projects, needs, balances, funds_for(rng)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("limit", [1, 5, 50])
def test_the_index_ranks_as_the_policy_over_every_need(seed, limit):
    _rng, projects, needs, balances, funds = world(seed)
    engine = EmbeddedEngine.fixed(projects, needs, balances, funds=funds)
    engine.refresh()
    listing = 0
    for project in projects:
        expected = naive(project, needs, balances, funds, engine.idf, limit, engine.avg_length)
        assert ranked(engine, project, limit) == expected, project
        listing += bool(expected)
    assert listing > len(projects) / 2  # the worlds are not empty: most projects list someone


def shortlists(engine, project, balances, funds, limit):
    """The case ids shortlisted summing the text along the postings, and along the stories."""
    return [
        sorted(
            n.case_id
            for n in engine.need_map.shortlist(
                project, balances[project.id], funds.get(project.organisation_id, []),
                engine.idf, engine._idf_version, limit, NOW, text_path=path,
                avg_length=engine.avg_length,
            )
        )
        for path in ("postings", "forward")
    ]  # fmt: skip


def test_each_way_of_summing_the_text_gives_the_same_shortlist():
    _rng, projects, needs, balances, funds = world(4)
    engine = EmbeddedEngine.fixed(projects, needs, balances, funds=funds)
    engine.refresh()
    for project in projects:
        for limit in (3, 10):
            postings, forward = shortlists(engine, project, balances, funds, limit)
            assert postings == forward


def test_after_changes_and_compaction_it_still_ranks_as_the_policy(monkeypatch):
    monkeypatch.setattr("search.needs_index._COMPACT_MIN", 60)
    rng, projects, needs, balances, funds = world(5)
    by_id = {n.case_id: n for n in needs}
    index = NeedIndex()
    index.load(needs)
    next_id = len(needs) + 1
    for round_ in range(12):
        # Some cases change (new story, gap, region), some leave, some new ones come.
        changed = rng.sample(sorted(by_id), 40)
        fresh = []
        for case_id in changed:
            if rng.random() < 0.3:
                del by_id[case_id]  # no longer ready: no facts
            else:
                by_id[case_id] = fresh_need = random_need(rng, case_id, projects)
                fresh.append(fresh_need)
        for _ in range(30):
            by_id[next_id] = new = random_need(rng, next_id, projects)
            fresh.append(new)
            changed.append(next_id)
            next_id += 1
        index.replace(changed, fresh)
        assert set(index) == set(by_id)
        engine = EmbeddedEngine.fixed(projects, [], balances, funds=funds)
        engine.refresh()
        engine.need_map = index
        for project in projects[:10]:
            expected = naive(
                project, list(by_id.values()), balances, funds, engine.idf, 20, engine.avg_length
            )
            assert ranked(engine, project, 20) == expected, (round_, project)
            postings, forward = shortlists(engine, project, balances, funds, 20)
            assert postings == forward
            assert {case_id for _score, case_id in expected} <= set(postings)
    assert index.compactions >= 3  # it compacted, several times, and still ranks right
    assert index._dead <= 60


def test_it_gives_back_the_facts_it_was_given():
    _rng, _projects, needs, _balances, _funds = world(6, n_needs=60)
    index = NeedIndex()
    index.load(needs[:30])
    index.replace([], needs[30:])
    assert len(index) == 60
    for need in needs:
        assert index[need.case_id] == need
    assert 10_000 not in index


def test_a_case_that_no_longer_declines_nor_is_published_forgets_it():
    _rng, projects, needs, _balances, _funds = world(7, n_needs=1)
    before = needs[0]
    before.declined_by, before.need_public_id = frozenset({projects[0].id}), "need-1"
    index = NeedIndex()
    index.load([before])
    after = NeedFacts(**{**{f: getattr(before, f) for f in NeedFacts.__slots__},
                         "declined_by": frozenset(), "need_public_id": None})  # fmt: skip
    index.replace([1], [after])
    assert index[1].declined_by == frozenset()
    assert index[1].need_public_id is None
    assert index._declined_slots[projects[0].id] == set()


def test_an_index_of_nothing_lists_nothing():
    index = NeedIndex()
    project = random_project(random.Random(8), 1)  # noqa: S311
    assert index.shortlist(project, 10**9, [], {}, 0, 50, NOW) == []
    assert len(index) == 0


def test_the_index_holds_no_story_in_order():
    """The vocabulary lists the terms as the stories' (sorted) term counts gave them: no
    story can be read back from the order of its bigrams (DESIGN.md section 7, rule 1)."""
    story = "妻子突发脑出血住院"
    need = NeedFacts(
        case_id=1, category="illness", region_path=path_of(COUNTIES[0]), county_name="某县",
        statuses=frozenset(), key_groups=frozenset(), gap_fen=1, urgency=1,
        ready_since=NOW, terms=story_counts(story),
    )  # fmt: skip
    index = NeedIndex()
    index.load([need])
    bigrams = [story[i : i + 2] for i in range(len(story) - 1)]
    assert index._terms.values == sorted(bigrams)
    assert index[1].terms == Counter(bigrams)


def test_needs_alike_shortlist_only_as_many_as_asked_and_the_lowest_ids_win():
    """Thousands of needs with the same facts tie on the score; the policy cuts ties by the
    lower case id, and so does the shortlist, which stays ``limit`` long."""
    rng = random.Random(9)  # noqa: S311 (test data)
    project = random_project(rng, 1)
    project.status, project.statuses, project.key_groups = "open", frozenset(), frozenset()
    project.categories, project.region_codes = frozenset({"illness"}), frozenset({"220000"})
    project.accepts_partial = True
    alike = [
        NeedFacts(
            case_id=case_id, category="illness", region_path=path_of(COUNTIES[0]),
            county_name="某县", statuses=frozenset(), key_groups=frozenset(), gap_fen=300_000,
            urgency=2, ready_since=NOW - 30 * 86400, terms=story_counts("突发重病住院"),
        )
        for case_id in rng.sample(range(1, 100_000), 5000)
    ]  # fmt: skip
    engine = EmbeddedEngine.fixed([project], alike, {1: 10**9})
    engine.refresh()
    shortlisted = engine.need_map.shortlist(
        project,
        10**9,
        [],
        engine.idf,
        engine._idf_version,
        20,
        NOW,
        avg_length=engine.avg_length,
    )
    lowest = sorted(n.case_id for n in alike)[:20]
    assert sorted(n.case_id for n in shortlisted) == lowest
    assert [case_id for _score, case_id in ranked(engine, project, 20)] == lowest
    assert ranked(engine, project, 20) == naive(
        project, alike, {1: 10**9}, {}, engine.idf, 20, engine.avg_length
    )


def simple_need(case_id: int, gap_fen: int) -> NeedFacts:
    return NeedFacts(
        case_id=case_id, category="illness", region_path=path_of(COUNTIES[0]), county_name="某县",
        statuses=frozenset(), key_groups=frozenset(), gap_fen=gap_fen, urgency=2,
        ready_since=NOW - 86400, terms=story_counts("突发重病住院"),
    )  # fmt: skip


def open_medical_project(**overrides) -> ProjectFacts:
    project = random_project(random.Random(10), 1)  # noqa: S311 (test data)
    values = {
        "status": "open", "categories": frozenset({"illness"}),
        "region_codes": frozenset({"220000"}), "statuses": frozenset(),
        "key_groups": frozenset(), "cap_fen": None, **overrides,
    }  # fmt: skip
    for name, value in values.items():
        setattr(project, name, value)
    return project


@pytest.mark.parametrize(("partial", "balance"), [(True, 500), (False, 0)])
def test_a_need_with_no_gap_left_is_scored_as_the_policy_scores_it(partial, balance):
    """The policy gives a gap of 0 no amount points; the columns must not divide by it."""
    project = open_medical_project(accepts_partial=partial)
    needs = [simple_need(1, 0), simple_need(2, 0 if not partial else 1000)]
    engine = EmbeddedEngine.fixed([project], needs, {1: balance})
    engine.refresh()
    for limit in (1, 2):
        expected = naive(project, needs, {1: balance}, {}, engine.idf, limit, engine.avg_length)
        assert expected and ranked(engine, project, limit) == expected


def test_a_load_that_fails_midway_leaves_the_index_as_it_was():
    index = NeedIndex()
    index.load([simple_need(1, 100), simple_need(2, 100)])

    def stream():
        yield simple_need(7, 5)
        raise RuntimeError("the database connection was lost")

    with pytest.raises(RuntimeError):
        index.load(stream())
    assert sorted(index) == [1, 2] and 7 not in index
    assert index[1].gap_fen == 100
    index.replace([], [simple_need(9, 100)])
    assert sorted(index) == [1, 2, 9]


def test_a_case_given_twice_in_a_load_is_held_once_with_its_later_facts():
    index = NeedIndex()
    index.load([simple_need(1, 100), simple_need(1, 900)])
    assert len(index) == 1 and index[1].gap_fen == 900
    index.replace([1], [])
    project = open_medical_project(accepts_partial=True)
    assert index.shortlist(project, 10**6, [], {}, 0, 10, NOW) == []
