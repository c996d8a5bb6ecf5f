"""Special funds as money sources: a charity's project with no money of its own is listed for a
case its charity's fund may pay for (the explanation names the fund); a fund whose
restrictions exclude the case does not help; the proposal shares a fund's money across
projects and cases and never spends more than it holds."""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Region
from donors import services
from donors.models import Donation
from donors.selectors import FundSource, drawable_funds
from search.engine import EmbeddedEngine
from search.proposal import propose
from tests.search.test_matches_api import api, matches, open_project
from tests.search.test_policy import need as make_need
from tests.search.test_policy import project as make_project

pytestmark = pytest.mark.django_db


def charity_fund(money, name, amount_fen, *, categories=(), regions=("220000",)):
    world = money.world
    fund = services.fund_create(
        by=world.charity_staff,
        owner=world.charity,
        name=name,
        purpose="专项资助",
        categories=list(categories),
        regions=[Region.objects.get(code=code) for code in regions],
        # A charity's fund takes gifts only under a filed plan (core.charity_law).
        filing_number=f"备案-{name}",
        filing_starts_on=datetime.date(2024, 1, 1),
        filing_ends_on=datetime.date(2099, 12, 31),
    )
    if amount_fen:
        money._ref = getattr(money, "_ref", 0) + 1
        services.donation_record_offline(
            by=world.charity_staff,
            donor=money.donor,
            amount_fen=amount_fen,
            channel=Donation.Channel.BANK_TRANSFER,
            reference=f"FUND-{money._ref:05d}",
            fund=fund,
        )
    return fund


def money_rule(result):
    return next(rule for rule in result["rules"] if rule["code"] == "money")


def test_a_project_without_money_is_listed_when_its_charitys_fund_admits_the_case(money):
    world = money.world
    empty = open_project(world, "无资金大病项目")
    charity_fund(
        money, "慈善总会长春大病专项", 5_000_000, categories=["illness"], regions=["220100"]
    )
    case = world.relieved()
    results = matches(world.caseworker, case)
    found = next(r for r in results if r["project"]["title"] == "无资金大病项目")
    rule = money_rule(found)
    assert rule["passed"] and "慈善总会长春大病专项" in rule["text"]
    assert "¥50,000.00" in rule["text"]
    english = (
        api(world.caseworker)
        .get(f"/api/v1/cases/{case.pk}/matches/", HTTP_ACCEPT_LANGUAGE="en")
        .json()
    )
    found_en = next(r for r in english if r["project"]["id"] == empty.pk)
    assert money_rule(found_en)["text"].startswith(
        "The charity's special fund 慈善总会长春大病专项"
    )
    # The project's own needs list sees the case too, through the fund.
    response = api(world.charity_staff).get(f"/api/v1/projects/{empty.pk}/matches/")
    assert response.status_code == 200
    assert [(n["need"]["gap_fen"], n["need"]["county"]) for n in response.json()] == [
        (2_600_000, "朝阳区")
    ]
    assert "慈善总会长春大病专项" in money_rule(response.json()[0])["text"]


@pytest.mark.parametrize(
    ("categories", "regions"),
    [(["fire"], ["220000"]), (["illness"], ["360000"]), (["illness"], ["220102"])],
)
def test_a_fund_whose_restrictions_exclude_the_case_does_not_help(money, categories, regions):
    world = money.world
    open_project(world, "无资金大病项目", accepts_partial_funding=False)
    charity_fund(money, "受限专项", 5_000_000, categories=categories, regions=regions)
    titles = {r["project"]["title"] for r in matches(world.caseworker, world.relieved())}
    assert "无资金大病项目" not in titles


def test_only_the_projects_own_charitys_active_funds_with_money_count(money):
    world = money.world
    open_project(world, "无资金大病项目", accepts_partial_funding=False)
    small = charity_fund(money, "不足专项", 1_000_000)  # less than the gap, no partial funding
    closed = charity_fund(money, "已关闭专项", 5_000_000)
    services.fund_close(by=world.charity_staff, fund=closed)
    charity_fund(money, "空专项", 0)
    # Another charity's fund is not drawn on by this charity's projects.
    other = services.fund_create(
        by=world.other_charity_staff,
        owner=world.other_charity,
        name="春晖专项",
        purpose="x",
        filing_number="备案-春晖专项",
        filing_starts_on=datetime.date(2024, 1, 1),
        filing_ends_on=datetime.date(2099, 12, 31),
    )
    services.donation_record_offline(
        by=world.other_charity_staff,
        donor=money.donor,
        amount_fen=5_000_000,
        channel=Donation.Channel.BANK_TRANSFER,
        reference="OTHER-1",
        fund=other,
    )
    results = matches(world.caseworker, world.relieved())
    assert "无资金大病项目" not in {r["project"]["title"] for r in results}
    assert [f.id for f in drawable_funds([world.charity.pk])[world.charity.pk]] == [small.pk]


def test_an_enterprises_fund_is_a_source_for_every_charitys_projects(money):
    """Issue 15, item 5: the enterprise's fund managers commit their fund to any charity
    project's accepted referral, so matching counts it, named as the enterprise's fund."""
    world = money.world
    empty = open_project(world, "无资金大病项目", accepts_partial_funding=False)
    money.give(5_000_000)  # the enterprise's fund: illness and accidents in Jilin
    funds = drawable_funds([world.charity.pk, world.other_charity.pk])
    assert [f.id for f in funds[world.charity.pk]] == [money.fund.pk]
    assert funds[world.charity.pk][0] is funds[world.other_charity.pk][0]
    assert funds[world.charity.pk][0].enterprise
    case = world.relieved()
    found = next(r for r in matches(world.caseworker, case) if r["project"]["id"] == empty.pk)
    rule = money_rule(found)
    assert (
        rule["passed"] and money.fund.name in rule["text"] and money.enterprise.name in rule["text"]
    )
    assert found["fund"]["kind"] == "special_fund"
    assert found["fund"]["id"] == money.fund.pk and found["fund"]["enterprise"] is True
    # A case the fund's rules do not admit (a fire) gets no help from it.
    fire_project = open_project(world, "无资金火灾项目", accepts_partial_funding=False)
    fire_project.categories = ["fire"]
    fire_project.save()
    fire = world.relieved(category="fire")
    titles = {r["project"]["title"] for r in matches(world.caseworker, fire)}
    assert "无资金火灾项目" not in titles


def test_the_proposal_counts_an_enterprises_fund_once_across_charities():
    cases = [make_need(case_id=i, gap_fen=100, urgency=2) for i in (1, 2, 3)]
    projects = [pnum(10, org=5), pnum(20, org=6)]
    shared = FundSource(9, "企业专项", 99, frozenset(), (), 150, enterprise=True)
    proposal = propose(cases, projects, {}, funds={5: [shared], 6: [shared]})
    assert proposal.covered_fen == 150
    from_fund = sum(
        fen
        for shares in proposal.sources.values()
        for source, fen in shares
        if source == ("fund", 9)
    )
    assert from_fund == 150


def test_funds_are_read_in_bulk(money):
    world = money.world
    organisations = [world.charity.pk]
    for i in range(4):
        charity_fund(money, f"专项{i}", 1_000_000 + i, regions=["220000", "220100"])
    with CaptureQueriesContext(connection) as queries:
        funds = drawable_funds(organisations)
    assert len(queries) == 2
    assert [f.available_fen for f in funds[world.charity.pk]] == [
        1_000_003,
        1_000_002,
        1_000_001,
        1_000_000,
    ]
    assert funds[world.charity.pk][0].region_paths == ("220000", "220000/220100")


def fund(fid, owner, fen, *, categories=(), paths=()):
    return FundSource(fid, f"专项{fid}", owner, frozenset(categories), tuple(paths), fen)


def test_the_embedded_engine_ranks_with_fund_money_in_both_directions():
    shared = fund(1, 5, 2_000_000, categories=["illness"], paths=["220000/220100"])
    p = make_project(id=10, organisation_id=5, cap_fen=None)
    n = make_need(case_id=1, gap_fen=1_500_000)
    other = make_need(case_id=2, gap_fen=1_500_000, region_path=("220000", "220200", "220202"))
    engine = EmbeddedEngine.fixed([p], [n, other], {}, funds={5: [shared]})
    (found,) = engine.projects_for(n)
    assert found.fund is shared and found.rules[4].passed
    assert [m.need.case_id for m in engine.needs_for(p)] == [1]
    assert EmbeddedEngine.fixed([p], [n], {}).projects_for(n) == []


def pnum(pid, org=5, **extra):
    values = {"cap_fen": None, "accepts_partial": True, "organisation_id": org}
    values.update(extra)
    return make_project(id=pid, **values)


def test_the_proposal_shares_a_fund_across_projects_and_cases_and_never_overspends_it():
    cases = [make_need(case_id=i, gap_fen=100, urgency=2) for i in (1, 2, 3)]
    projects = [pnum(10), pnum(20)]
    shared = fund(7, 5, 150)
    proposal = propose(cases, projects, {}, funds={5: [shared]})
    assert proposal.covered_fen == 150
    from_fund = sum(
        fen
        for shares in proposal.sources.values()
        for source, fen in shares
        if source == ("fund", 7)
    )
    assert from_fund == 150
    assert sum(proposal.uncovered.values()) == 150


def test_the_proposal_respects_a_funds_restrictions():
    fire = make_need(case_id=1, gap_fen=100, category="fire")
    ill = make_need(case_id=2, gap_fen=100)
    p = pnum(10, categories=frozenset({"illness", "fire"}))
    proposal = propose([fire, ill], [p], {}, funds={5: [fund(7, 5, 500, categories=["illness"])]})
    assert proposal.referrals == {2: [(10, 100)]}
    assert proposal.sources[(2, 10)] == [(("fund", 7), 100)]
    assert proposal.uncovered == {1: 100}


def test_random_instances_never_overspend_a_project_or_a_fund():
    rng = random.Random(5)  # noqa: S311 - test data
    regions = [("220000", "220100", "220104"), ("220000", "220200", "220202")]
    for _round in range(30):
        needs = [
            make_need(
                case_id=i,
                gap_fen=rng.randint(10, 200),
                urgency=rng.randint(1, 3),
                category=rng.choice(["illness", "fire"]),
                region_path=rng.choice(regions),
            )
            for i in range(1, 13)
        ]
        projects = [
            pnum(
                100 + j,
                org=rng.choice([5, 6]),
                categories=frozenset({"illness", "fire"}),
                cap_fen=rng.choice([None, 80]),
            )
            for j in range(4)
        ]
        balances = {p.id: rng.choice([0, rng.randint(0, 200)]) for p in projects}
        funds = {
            org: [
                fund(
                    org * 10 + k,
                    org,
                    rng.randint(0, 300),
                    categories=rng.choice([[], ["illness"]]),
                    paths=rng.choice([[], ["220000/220100"]]),
                )
                for k in range(2)
            ]
            for org in (5, 6)
        }
        by_id = {f.id: f for fs in funds.values() for f in fs}
        proposal = propose(needs, projects, balances, funds=funds)
        spent = defaultdict(int)
        for (case_id, project_id), shares in proposal.sources.items():
            need_ = next(n for n in needs if n.case_id == case_id)
            project_ = next(p for p in projects if p.id == project_id)
            for (kind, sid), fen in shares:
                spent[(kind, sid)] += fen
                if kind == "fund":
                    f = by_id[sid]
                    assert f.owner_id == project_.organisation_id
                    assert f.admits(need_.category, "/".join(need_.region_path))
            assert sum(fen for _s, fen in shares) == dict(proposal.referrals[case_id])[project_id]
            assert project_.cap_fen is None or sum(fen for _s, fen in shares) <= project_.cap_fen
        for (kind, sid), fen in spent.items():
            assert fen <= (balances[sid] if kind == "project" else by_id[sid].available_fen)
        for case_id, shares in proposal.referrals.items():
            gap = next(n.gap_fen for n in needs if n.case_id == case_id)
            assert sum(fen for _p, fen in shares) <= gap


def test_a_cases_matches_list_the_special_funds_that_may_pay_for_it(money):
    """Beside the projects: the funds whose rules admit the case, labelled and explained."""
    world = money.world
    money.give(5_000_000)
    fire_only = charity_fund(money, "火灾专项", 3_000_000, categories=["fire"])
    case = world.relieved()
    response = api(world.caseworker).get(f"/api/v1/cases/{case.pk}/matches/funds/")
    assert response.status_code == 200
    rows = response.json()
    assert [row["fund"]["id"] for row in rows] == [money.fund.pk]  # not the fire-only fund
    row = rows[0]
    assert row["fund"]["kind"] == "special_fund" and row["fund"]["enterprise"] is True
    assert row["fund"]["owner_name"] == money.enterprise.name
    assert all(rule["passed"] for rule in row["rules"])
    assert any("朝阳区" in rule["text"] for rule in row["rules"])
    assert fire_only.name not in response.content.decode()
    # The case page shows them too, for staff who may handle the case.
    from django.test import Client

    client = Client()
    client.force_login(world.caseworker)
    page = client.get(f"/admin/cases/{case.pk}/").content.decode()
    assert f"专项基金 {money.fund.name}" in page or f"special fund {money.fund.name}" in page


def test_fund_matches_follow_the_case_scope(money):
    world = money.world
    money.give(5_000_000)
    case = world.relieved()
    assert api(world.donghu_caseworker).get(
        f"/api/v1/cases/{case.pk}/matches/funds/"
    ).status_code in (403, 404)
    assert api(money.fund_manager).get(f"/api/v1/cases/{case.pk}/matches/funds/").status_code == 403
    unready = world.accepted()  # no gap recorded yet
    response = api(world.caseworker).get(f"/api/v1/cases/{unready.pk}/matches/funds/")
    assert response.status_code == 400
