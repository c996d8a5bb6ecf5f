"""The matching policy on its own: each hard rule excludes, each signal is shown and counted."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from search import policy
from search.policy import NeedFacts, ProjectFacts
from search.text import term_counts


def need(**overrides) -> NeedFacts:
    values = {
        "case_id": 1,
        "category": "illness",
        "region_path": ("220000", "220100", "220104"),
        "county_name": "朝阳区",
        "statuses": frozenset({"is_dibao"}),
        "key_groups": frozenset({"kg_elderly_disabled_ill"}),
        "gap_fen": 1_000_000,
        "urgency": 3,
        "ready_since": time.time() - 7 * 86400,
        "terms": term_counts("妻子突发脑出血住院，医疗费用缺口大"),
    }
    values.update(overrides)
    return NeedFacts(**values)


def project(**overrides) -> ProjectFacts:
    values = {
        "id": 10,
        "organisation_id": 5,
        "organisation_name": "吉林省慈善总会",
        "title": "大病医疗救助",
        "status": "open",
        "categories": frozenset({"illness"}),
        "region_codes": frozenset({"220000"}),
        "region_level": 1,
        "statuses": frozenset(),
        "key_groups": frozenset(),
        "cap_fen": 500_000,
        "accepts_partial": True,
        "verified": True,
        "answer_rate": None,
        "terms": term_counts("资助突发重病住院、医疗费用负担重的困难家庭"),
    }
    values.update(overrides)
    return ProjectFacts(**values)


def test_a_fitting_project_passes_every_rule():
    assert policy.passes_without_money(need(), project())
    assert all(rule.passed for rule in policy.rules(need(), project(), 500_000))


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"status": "paused"}, "open"),
        ({"categories": frozenset({"fire"})}, "category"),
        ({"region_codes": frozenset({"360000"})}, "region"),
        ({"statuses": frozenset({"is_tekun"})}, "eligibility"),
        ({"key_groups": frozenset({"kg_disaster_hit"})}, "eligibility"),
    ],
)
def test_each_hard_rule_excludes_and_says_which(change, rule):
    broken = project(**change)
    assert not policy.passes_without_money(need(), broken)
    failed = [r.code for r in policy.rules(need(), broken, 500_000) if not r.passed]
    assert failed == [rule]


def test_a_project_that_declined_the_case_is_excluded():
    declined = need(declined_by=frozenset({10}))
    assert not policy.passes_without_money(declined, project())
    assert [r.code for r in policy.rules(declined, project(), 500_000) if not r.passed] == [
        "not_declined"
    ]


def test_money_must_cover_the_gap_unless_partial_funding():
    whole = {"accepts_partial": False}
    assert policy.has_money(need(), project(cap_fen=1_000_000, **whole), 1_000_000)
    assert not policy.has_money(need(), project(cap_fen=1_000_000, **whole), 999_999)
    assert not policy.has_money(need(), project(cap_fen=None, **whole), 999_999)  # the whole gap
    assert policy.has_money(need(), project(accepts_partial=True), 1)
    assert not policy.has_money(need(), project(accepts_partial=True), 0)


def test_every_signal_is_shown_and_the_score_is_their_sum():
    idf = dict.fromkeys(need().terms, 1.0)
    relevance = policy.text_relevance(need().terms, project().terms, idf)
    shown = policy.signals(need(), project(), relevance, 500_000)
    assert [s.code for s in shown] == list(policy.WEIGHTS)
    values = policy.signal_values(need(), project(), relevance, 500_000)
    assert policy.score(values) == pytest.approx(sum(s.points for s in shown), abs=0.05)
    assert 0 < relevance < 1


def test_a_county_project_beats_a_provincial_one_all_else_equal():
    county = policy.signal_values(need(), project(region_level=3), 0.0, 500_000)
    province = policy.signal_values(need(), project(region_level=1), 0.0, 500_000)
    assert policy.score(county) > policy.score(province)


def test_urgency_waiting_and_key_groups_raise_the_score():
    base = policy.score(policy.signal_values(need(urgency=1), project(), 0.0, 500_000))
    urgent = policy.score(policy.signal_values(need(urgency=3), project(), 0.0, 500_000))
    assert urgent > base
    fresh = need(ready_since=time.time())
    waited = need(ready_since=time.time() - 30 * 86400)
    assert policy.score(policy.signal_values(waited, project(), 0, 500_000)) > policy.score(
        policy.signal_values(fresh, project(), 0, 500_000)
    )
    targeted = project(key_groups=frozenset({"kg_elderly_disabled_ill"}))
    assert policy.signal_values(need(), targeted, 0, 500_000)[3] == 1.0


def test_text_relevance_is_zero_without_shared_terms_and_one_when_all_are_shared():
    story = Counter({"住院": 1, "医疗": 2})
    idf = {"住院": 2.0, "医疗": 1.0}
    assert policy.text_relevance(story, Counter({"火灾": 1}), idf) == 0.0
    assert policy.text_relevance(story, Counter({"住院": 3, "医疗": 5}), idf) == 1.0
