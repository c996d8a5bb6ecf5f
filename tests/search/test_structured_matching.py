"""Matching a caseworker would agree with (issue 22): a hard rule per structured limit, BM25
text relevance, and signals where fit, the share of the gap and reliability lead."""

from __future__ import annotations

import pytest
from django.utils import translation

from search import elastic, policy
from search.engine import EmbeddedEngine
from search.text import project_counts, story_counts
from tests.search.test_policy import need, project


def failed(need_facts, project_facts, available=2_000_000):
    return [r.code for r in policy.rules(need_facts, project_facts, available) if not r.passed]


@pytest.mark.parametrize(
    ("limits", "patient", "rule"),
    [
        ({"age_min": 0, "age_max": 18}, {"age": 41}, "age"),
        ({"age_min": 0, "age_max": 18}, {"age": None}, "age"),  # not recorded: not shown to fit
        ({"age_min": 60}, {"age": 59}, "age"),
        ({"sex": "female"}, {"sex": "male"}, "sex"),
        ({"sex": "female"}, {"sex": ""}, "sex"),
        ({"conditions": frozenset({"congenital_heart"})}, {"condition": "uraemia"}, "condition"),
        ({"conditions": frozenset({"leukaemia"})}, {"condition": ""}, "condition"),
        ({"disability_grade_max": 2}, {"disability_grade": 3}, "disability"),
        ({"disability_grade_max": 2}, {"disability_grade": None}, "disability"),
        (
            {"conditions": frozenset({"disability_physical"}), "disability_grade_max": 2},
            {"disability_kind": "disability_physical", "disability_grade": 3},
            "disability",
        ),
        ({"requires_local_hukou": True}, {"hukou_elsewhere": True}, "residence"),
    ],
)
def test_each_structured_limit_excludes_a_case_outside_it_and_says_which(limits, patient, rule):
    limited = project(**limits)
    case = need(**patient)
    assert not policy.passes_without_money(case, limited)
    assert failed(case, limited) == [rule]


@pytest.mark.parametrize(
    ("limits", "patient"),
    [
        ({"age_min": 0, "age_max": 18}, {"age": 7}),
        ({"age_min": 0, "age_max": 18}, {"age": 18}),
        ({"age_min": 60}, {"age": 75}),
        ({"sex": "female"}, {"sex": "female"}),
        ({"conditions": frozenset({"leukaemia", "childhood_cancer"})}, {"condition": "leukaemia"}),
        ({"disability_grade_max": 2}, {"disability_grade": 1}),
        (
            {"conditions": frozenset({"stroke", "disability_physical"}), "disability_grade_max": 2},
            {"condition": "stroke"},  # taken for its named illness: no disability needed
        ),
        (
            {"conditions": frozenset({"stroke", "disability_physical"}), "disability_grade_max": 2},
            {
                "condition": "trauma",
                "disability_kind": "disability_physical",
                "disability_grade": 2,
            },
        ),
        ({"requires_local_hukou": True}, {"hukou_elsewhere": False}),
    ],
)
def test_a_case_within_every_limit_passes(limits, patient):
    assert policy.passes_without_money(need(**patient), project(**limits))
    assert failed(need(**patient), project(**limits)) == []


def test_a_cap_below_the_gap_without_partial_funding_is_not_eligible():
    small = project(cap_fen=400_000, accepts_partial=False)
    big_gap = need(gap_fen=11_500_000)
    assert not policy.passes_without_money(big_gap, small)
    assert failed(big_gap, small, 400_000) == ["cap"]
    # The same cap with partial funding may pay part; a gap within the cap passes whole.
    assert policy.passes_without_money(big_gap, project(cap_fen=400_000, accepts_partial=True))
    assert policy.passes_without_money(need(gap_fen=300_000), small)


def test_the_limit_rules_explain_themselves():
    with translation.override("en"):
        rules = {
            r.code: r.text
            for r in policy.rules(
                need(age=41, condition="uraemia"),
                project(age_min=0, age_max=18, conditions=frozenset({"congenital_heart"})),
                2_000_000,
            )
        }
    assert rules["age"] == "The project takes patients aged 0 to 18 years; the patient is 41."
    assert "congenital heart disease" in rules["condition"]
    assert "uraemia and dialysis" in rules["condition"]


def test_the_engines_rank_a_childrens_heart_fund_out_for_an_adult_on_dialysis():
    heart = project(id=1, age_max=18, conditions=frozenset({"congenital_heart"}))
    dialysis = project(id=2, conditions=frozenset({"uraemia"}))
    case = need(age=41, condition="uraemia")
    engine = EmbeddedEngine.fixed([heart, dialysis], [case], {1: 9_000_000, 2: 9_000_000})
    assert [m.project.id for m in engine.projects_for(case)] == [2]
    assert [m.need.case_id for m in engine.needs_for(heart)] == []
    assert [m.need.case_id for m in engine.needs_for(dialysis)] == [1]


# ---- BM25 ----


def bm25_world(texts: dict[int, tuple[str, str]]):
    projects = [project(id=pid, terms=project_counts(t, d)) for pid, (t, d) in texts.items()]
    engine = EmbeddedEngine.fixed(projects, [], {p.id: 9_000_000 for p in projects})
    engine.refresh()
    return engine, {p.id: p for p in projects}


def relevance(engine, projects, story, pid):
    terms = story_counts(story)
    return policy.text_relevance(terms, projects[pid], engine.idf, None, engine.avg_length)


def test_a_rare_matching_term_outweighs_common_billing_words():
    billing = "医保报销后自付费用仍然困难，手术费用"
    texts = {i: ("医疗救助", f"{billing}家庭资助{i}") for i in range(1, 9)}
    texts[9] = ("儿童白血病救助", "白血病患儿治疗")
    engine, projects = bm25_world(texts)
    story = "孩子确诊白血病，医保报销后自付费用仍然困难"
    rare = relevance(engine, projects, story, 9)
    common = relevance(engine, projects, story, 1)
    assert rare > common
    assert engine.idf["白血"] > 2 * engine.idf["报销"]


def test_the_title_weighs_above_the_description():
    engine, projects = bm25_world(
        {
            1: ("尿毒症透析救助", "资助困难家庭"),
            2: ("困难家庭救助", "资助尿毒症透析"),
            3: ("大病救助", "资助困难家庭住院"),
        }
    )
    story = "丈夫尿毒症每周透析"
    assert relevance(engine, projects, story, 1) > relevance(engine, projects, story, 2) > 0


def test_relevance_is_a_share_at_most_one():
    engine, projects = bm25_world({1: ("白血病", "白血病白血病"), 2: ("大病", "住院")})
    assert 0 < relevance(engine, projects, "白血病", 1) <= 1.0


# ---- signals ----


def points(signals, code):
    return next(s.points for s in signals if s.code == code)


def test_covering_17_percent_of_the_gap_scores_clearly_above_2_percent():
    gap = need(gap_fen=29_500_000)
    small = policy.signals(gap, project(cap_fen=600_000), 0.0, 9_000_000)
    larger = policy.signals(gap, project(cap_fen=5_000_000), 0.0, 9_000_000)
    assert points(larger, "amount") == pytest.approx(
        points(small, "amount") * 5_000 / 600, abs=0.05
    )
    assert points(larger, "amount") - points(small, "amount") >= 2.5


def test_reliability_outranks_restriction_bonus_and_region_specificity():
    household = need(key_groups=frozenset({"kg_elderly_disabled_ill"}))
    # An unverified county group restricted to the household's key group, never answering...
    bonus = project(
        id=1,
        key_groups=frozenset({"kg_elderly_disabled_ill"}),
        region_codes=frozenset({"220104"}),
        region_level=3,
        verified=False,
        answer_rate=0.0,
    )
    # ...against a verified provincial programme that answers in time and completes referrals.
    reliable = project(id=2, verified=True, answer_rate=1.0, completed_referrals=12)
    score = {
        p.id: policy.score(policy.signal_values(household, p, 0.0, 500_000))
        for p in (bonus, reliable)
    }
    assert score[2] > score[1]
    weights = policy.WEIGHTS
    reliability = weights["verified"] + weights["answers"] + weights["completed"]
    assert reliability > weights["key_group"] + weights["region"]


def test_structured_fit_leads_the_signals():
    made_for = project(id=1, age_max=18, conditions=frozenset({"leukaemia"}))
    open_to_all = project(id=2, categories=frozenset({"illness", "accident", "fire"}))
    child = need(age=7, condition="leukaemia")
    assert policy.fit_value(made_for) == 1.0
    assert policy.fit_value(open_to_all) < 0.5
    assert policy.WEIGHTS["fit"] == max(policy.WEIGHTS.values())
    made, other = (policy.signals(child, p, 0.0, 500_000) for p in (made_for, open_to_all))
    assert points(made, "fit") - points(other, "fit") > policy.WEIGHTS["region"]


def test_every_new_signal_is_explained():
    with translation.override("en"):
        shown = {s.code: s.text for s in policy.signals(need(), project(), 0.5, 500_000)}
    assert "completed" in shown["completed"]
    assert "conditions" in shown["fit"]


# ---- Elasticsearch query documents ----


def test_the_projects_query_filters_the_patients_limits():
    case = need(age=41, sex="male", condition="uraemia", disability_grade=None, gap_fen=900_000)
    body = elastic.projects_query(case, "透析").to_dict()
    filters = body["query"]["bool"]["filter"]
    assert {
        "bool": {
            "should": [
                {"bool": {"must_not": [{"exists": {"field": "age_max"}}]}},
                {"range": {"age_max": {"gte": 41}}},
            ]
        }
    } in filters
    assert {
        "bool": {
            "should": [
                {"bool": {"must_not": [{"exists": {"field": "conditions"}}]}},
                {"terms": {"conditions": ["uraemia"]}},
            ]
        }
    } in filters
    # No disability grade recorded: only projects without that limit, or naming the illness.
    assert {
        "bool": {
            "should": [
                {"bool": {"must_not": [{"exists": {"field": "disability_grade_max"}}]}},
                {"term": {"conditions": "uraemia"}},
            ]
        }
    } in filters
    cap = next(f for f in filters if "cap_fen" in str(f))
    assert {"range": {"cap_fen": {"gte": 900_000}}} in cap["bool"]["should"]
    assert {"term": {"accepts_partial": True}} in cap["bool"]["should"]


def test_the_needs_query_filters_the_projects_limits():
    limited = project(
        age_min=0,
        age_max=18,
        sex="female",
        conditions=frozenset({"leukaemia", "childhood_cancer"}),
        disability_grade_max=2,
        requires_local_hukou=True,
        cap_fen=400_000,
        accepts_partial=False,
    )
    body = elastic.needs_query(limited, 9_000_000, now=1_000_000.0).to_dict()
    filters = body["query"]["function_score"]["query"]["bool"]["filter"]
    for expected in (
        {"range": {"age": {"gte": 0, "lte": 18}}},
        {"term": {"sex": "female"}},
        {
            "bool": {
                "should": [
                    {"terms": {"condition": ["childhood_cancer", "leukaemia"]}},
                    {"terms": {"disability_kind": ["childhood_cancer", "leukaemia"]}},
                ]
            }
        },
        {
            "bool": {
                "should": [
                    {"range": {"disability_grade": {"gte": 1, "lte": 2}}},
                    {"terms": {"condition": ["childhood_cancer", "leukaemia"]}},
                ]
            }
        },
        {"term": {"hukou_elsewhere": False}},
        {"range": {"gap_fen": {"lte": 400_000}}},
    ):
        assert expected in filters


def test_documents_carry_the_limits_and_read_back_alike():
    limited = project(age_max=18, conditions=frozenset({"leukaemia"}), sex="female")
    limited.terms = project_counts(limited.title, "白血病患儿")
    source = elastic.project_action(limited, "白血病患儿", "x")["_source"]
    assert source["age_max"] == 18 and source["conditions"] == ["leukaemia"]
    assert source["age_min"] is None  # absent: no limit for the "exists" filter
    back = elastic.facts_from_hit(source)
    assert (back.age_max, back.conditions, back.sex, back.terms) == (
        18,
        frozenset({"leukaemia"}),
        "female",
        limited.terms,
    )
    case = need(age=7, condition="leukaemia", sex="female", disability_grade=2)
    again = elastic.need_from_hit(elastic.need_action(case, "x")["_source"])
    assert (again.age, again.condition, again.sex, again.disability_grade) == (
        7,
        "leukaemia",
        "female",
        2,
    )
