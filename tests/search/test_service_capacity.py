"""Services as resources: a service project or volunteer team gives places, not money. Matching
and the allocation proposal count its free places; a referral beyond them is refused; what
its volunteers do is recorded on the case, never on a public page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent, Region
from needs import services
from needs.models import Referral, ServiceRecord
from projects.capacity import period_start, places_free
from projects.models import Project
from search import policy
from search.engine import EmbeddedEngine, project_balances
from search.proposal import propose
from tests.search.test_policy import need, project


def service(**overrides):
    return project(**{"places": 10, "cap_fen": None, "id": 30, **overrides})


# ---- the policy and the engines, on facts ----


def test_a_service_with_no_money_but_free_places_passes():
    rules = policy.rules(need(), service(), 4)
    assert all(rule.passed for rule in rules)
    capacity = next(rule for rule in rules if rule.code == "capacity")
    assert "4" in capacity.text and "10" in capacity.text
    assert not any(rule.code == "money" for rule in rules)


def test_a_service_without_free_places_fails_the_capacity_rule():
    rules = policy.rules(need(), service(), 0)
    assert [rule.code for rule in rules if not rule.passed] == ["capacity"]


def test_no_special_fund_gives_a_service_places():
    class Fund:
        available_fen = 10**9

        def admits(self, category, path):
            return True

    assert policy.money_source(need(), service(), 0, [Fund()]) == (0, None)


def test_both_directions_of_the_engine_list_a_service_only_while_it_has_places():
    needs = [need(case_id=1), need(case_id=2, urgency=1)]
    funds_project = project(id=10)
    engine = EmbeddedEngine.fixed([funds_project, service()], needs, {10: 0, 30: 3})
    found = [m.project.id for m in engine.projects_for(needs[0])]
    assert found == [30]  # the funds project holds nothing, the service has 3 places
    assert {m.need.case_id for m in engine.needs_for(service())} == {1, 2}
    full = EmbeddedEngine.fixed([funds_project, service()], needs, {10: 0, 30: 0})
    assert full.projects_for(needs[0]) == []
    assert full.needs_for(service()) == []


def test_the_proposal_gives_places_to_the_heaviest_cases_and_moves_earlier_ones():
    critical = need(case_id=1, urgency=3, region_path=("220000", "220100", "220104"))
    urgent = need(case_id=2, urgency=2, region_path=("220000", "220100", "220102"))
    normal = need(case_id=3, urgency=1, region_path=("220000", "220100", "220104"))
    # A county service with one place (朝阳区 only), a city-wide one with one place.
    county = service(id=31, region_codes=frozenset({"220104"}))
    city = service(id=32, region_codes=frozenset({"220100"}))
    proposal = propose([normal, urgent, critical], [county, city], {31: 1, 32: 1})
    # The critical case first; the urgent one (outside 朝阳区) can only use the city's place,
    # so the critical case takes the county's: two served, the normal one waits.
    assert proposal.services == {1: 31, 2: 32}
    assert proposal.covered_fen == 0 and proposal.referrals == {}


def test_the_proposal_never_gives_more_places_than_are_free():
    needs = [need(case_id=i, urgency=1 + i % 3) for i in range(1, 8)]
    proposal = propose(needs, [service(id=31), service(id=32)], {31: 2, 32: 1})
    assert len(proposal.services) == 3
    assert sorted(proposal.services.values()) == [31, 31, 32]
    served = set(proposal.services)
    heaviest = sorted(needs, key=lambda n: -n.urgency)[:3]
    assert {n.case_id for n in heaviest} <= served | {
        n.case_id for n in needs if n.urgency == heaviest[-1].urgency
    }


# ---- the database: capacity, referrals and service records ----


def open_service(world, places=2, period=Project.Period.MONTH, **extra) -> Project:
    project = Project.objects.create(
        organisation=world.charity,
        title="困境家庭心理疏导",
        status=Project.Status.OPEN,
        categories=["illness"],
        kind=Project.Kind.SERVICE,
        service_type=Project.ServiceType.PSYCHOLOGICAL,
        places_per_period=places,
        capacity_period=period,
        **extra,
    )
    project.regions.add(Region.objects.get(code="220000"))
    return project


def test_a_case_is_referred_to_a_service_without_money_or_relief_first(world):
    psych = open_service(world)
    case = world.accepted()  # no assessment, no relief: a service needs neither
    referral = services.referral_create(by=world.caseworker, case=case, project=psych)
    assert (referral.status, referral.to_organisation) == ("requested", world.charity)
    assert referral.answer_due_at > timezone.now()  # the same deadlines as any referral
    assert places_free(psych) == 1
    assert project_balances([psych.pk, world.project.pk])[psych.pk] == 1


def test_a_referral_beyond_the_capacity_is_refused_and_writes_nothing(world):
    psych = open_service(world, places=1)
    services.referral_create(by=world.caseworker, case=world.accepted(), project=psych)
    second = world.accepted()
    before = (Referral.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as error:
        services.referral_create(by=world.caseworker, case=second, project=psych)
    refusal = error.value.error_dict["project"][0]
    assert refusal.code == "no_capacity"
    assert "困境家庭心理疏导" in refusal.message
    assert (Referral.objects.count(), AuditEvent.objects.count()) == before
    second.refresh_from_db()
    assert second.status == "accepted"


def test_a_rejected_referral_gives_its_place_back(world):
    psych = open_service(world, places=1)
    referral = services.referral_create(by=world.caseworker, case=world.accepted(), project=psych)
    assert places_free(psych) == 0
    services.referral_reject(by=world.charity_staff, referral=referral, reason="no_capacity")
    assert places_free(psych) == 1


def test_places_count_per_period():
    now = timezone.make_aware(dt.datetime(2026, 8, 19, 10, 0))  # a Wednesday
    assert period_start(Project.Period.WEEK, now).date() == dt.date(2026, 8, 17)
    assert period_start(Project.Period.MONTH, now).date() == dt.date(2026, 8, 1)
    assert period_start(Project.Period.QUARTER, now).date() == dt.date(2026, 7, 1)


def test_the_refusal_names_the_field_over_the_api(world, client):
    psych = open_service(world, places=1)
    services.referral_create(by=world.caseworker, case=world.accepted(), project=psych)
    case = world.accepted()
    client.force_login(world.caseworker)
    response = client.post(
        f"/api/v1/cases/{case.pk}/refer/",
        {"project": psych.pk},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["field"], error["code"]) == ("project", "no_capacity")
    assert "困境家庭心理疏导 has no free place per month" in error["message"]
    assert not Referral.objects.filter(case=case).exists()


def accepted_service_referral(world):
    psych = open_service(world)
    referral = services.referral_create(by=world.caseworker, case=world.accepted(), project=psych)
    return services.referral_accept(by=world.charity_staff, referral=referral)


def test_the_service_records_its_visits_hours_and_outcome_on_the_case(world):
    referral = accepted_service_referral(world)
    record = services.service_record_add(
        by=world.charity_staff,
        referral=referral,
        kind=ServiceRecord.Kind.VISIT,
        date=timezone.localdate(),
        minutes=90,
        outcome="情绪稳定，约定两周后再访。",
        provider_name="刘晓红",
    )
    assert record.referral.case_id == referral.case_id
    event = AuditEvent.objects.get(action="referral.service_record", object_id=str(record.pk))
    assert "刘晓红" not in str(event.changes)  # the volunteer's name stays out of the log


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"minutes": 0}, "minutes"),
        ({"minutes": 2000}, "minutes"),
        ({"outcome": " "}, "outcome"),
        ({"provider_name": ""}, "provider_name"),
        ({"kind": "party"}, "kind"),
        ({"date": dt.date.today() + dt.timedelta(days=3)}, "date"),
    ],
)
def test_a_bad_service_record_names_the_field_and_writes_nothing(world, change, field):
    referral = accepted_service_referral(world)
    values = {
        "kind": "session",
        "date": timezone.localdate(),
        "minutes": 60,
        "outcome": "完成首次评估",
        "provider_name": "王社工",
        **change,
    }
    with pytest.raises(ValidationError) as error:
        services.service_record_add(by=world.charity_staff, referral=referral, **values)
    assert field in error.value.error_dict
    assert not ServiceRecord.objects.exists()


def test_only_the_service_records_its_work_and_only_once_accepted(world):
    psych = open_service(world)
    referral = services.referral_create(by=world.caseworker, case=world.accepted(), project=psych)
    values = {
        "kind": "call",
        "date": timezone.localdate(),
        "minutes": 15,
        "outcome": "电话回访",
        "provider_name": "王社工",
    }
    with pytest.raises(ValidationError) as error:
        services.service_record_add(by=world.charity_staff, referral=referral, **values)
    assert error.value.code == "not_accepted"
    services.referral_accept(by=world.charity_staff, referral=referral)
    for outsider in (world.other_charity_staff, world.caseworker):
        with pytest.raises(PermissionDenied):
            services.service_record_add(by=outsider, referral=referral, **values)
    assert not ServiceRecord.objects.exists()


def test_service_records_over_the_api_and_never_on_public_pages(world, client):
    referral = accepted_service_referral(world)
    client.force_login(world.charity_staff)
    url = f"/api/v1/referrals/{referral.pk}/service-records/"
    body = {
        "kind": "visit",
        "date": timezone.localdate().isoformat(),
        "minutes": 45,
        "outcome": "上门陪伴",
        "provider_name": "志愿者刘晓红",
    }
    headers = {"HTTP_IDEMPOTENCY_KEY": "service-record-0001"}
    first = client.post(url, body, content_type="application/json", **headers)
    again = client.post(url, body, content_type="application/json", **headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert ServiceRecord.objects.count() == 1
    assert [r["minutes"] for r in client.get(url).json()] == [45]
    client.logout()
    project_page = client.get(f"/api/v1/projects/{referral.project_id}/")
    assert project_page.status_code == 200
    assert "刘晓红" not in project_page.content.decode()
    assert client.get(url).status_code in (401, 403)


def test_the_case_page_shows_the_services_given_to_the_office(world, client):
    from django.urls import reverse

    referral = accepted_service_referral(world)
    services.service_record_add(
        by=world.charity_staff,
        referral=referral,
        kind=ServiceRecord.Kind.SESSION,
        date=timezone.localdate(),
        minutes=90,
        outcome="完成心理评估",
        provider_name="王社工",
    )
    client.force_login(world.caseworker)
    page = client.get(
        reverse("needs_admin:case_detail", args=[referral.case_id]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Services given" in text and "完成心理评估" in text and "1.5" in text
