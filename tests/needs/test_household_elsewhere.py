"""A household found by ID number in another jurisdiction is not attached (issue 16, item 6):
the reporter is told only that a household with that ID is on record elsewhere and that the
offices connect through a hand-over or a request; none of its personal data is shown."""

from __future__ import annotations

import copy

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from needs import services
from needs.factories import household_input, id_number
from needs.models import Case, Household, HouseholdMember

pytestmark = pytest.mark.django_db

# The Chaoyang household (world.report(): 张建国, 幸福小区3栋2单元501室, 13912345678).
CHAOYANG_ID = id_number("22010419790315123")
PRIVATE = ("张建国", "李秀兰", "幸福小区", "南湖街道", "13912345678", "2345678", CHAOYANG_ID)

NANGUAN_REPORT = {
    "channel": "walk_in",
    "category": "illness",
    "narrative": "一位老人来所求助，说家中有病人。",
    "household": {
        "region": "220102",
        "township": "自由大路街道",
        "address_detail": "桃源小区1栋",
        "phone": "13600001111",
        "flags": [],
        "members": [
            {"name": "王某", "relation": "head", "age": 60, "id_number": CHAOYANG_ID},
        ],
    },
}


def counts():
    return Case.objects.count(), Household.objects.count(), HouseholdMember.objects.count()


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_another_countys_id_number_attaches_nothing_and_shows_nothing(world):
    first = world.report()  # Chaoyang
    before = counts()
    response = api(world.nanguan_caseworker).post("/api/v1/cases/", NANGUAN_REPORT, format="json")
    assert response.status_code == 400, response.json()
    error = response.json()["errors"][0]
    assert error["code"] == "on_record_elsewhere"
    assert error["field"] == "household.members.0.id_number"
    text = response.content.decode()
    for private in PRIVATE:
        assert private not in text, private
    assert first.number not in text
    assert counts() == before
    assert list(Case.objects.filter(household=first.household)) == [first]


def test_the_admin_form_refuses_it_beside_the_id_number_field(client, world):
    first = world.report()
    before = counts()
    client.force_login(world.nanguan_caseworker)
    response = client.post(
        "/admin/cases/new/",
        {
            "office": world.nanguan.pk,
            "channel": "walk_in",
            "category": "illness",
            "narrative": "一位老人来所求助。",
            "urgency": "2",
            "county": "220102",
            "township": "自由大路街道",
            "address_detail": "桃源小区1栋",
            "phone": "13600001111",
            "head_name": "王某",
            "head_id_number": CHAOYANG_ID,
            "head_age": "60",
        },
    )
    assert response.status_code in (200, 400)
    assert "head_id_number" in response.context["form"].errors
    page = response.content.decode()
    for private in PRIVATE[:-1]:  # the form echoes the number typed, nothing else of theirs
        assert private not in page, private
    assert first.number not in page
    assert counts() == before


def test_the_service_refuses_every_discovery_channel(world):
    world.report()
    before = counts()
    with pytest.raises(ValidationError) as refused:
        services.case_report(
            by=world.nanguan_caseworker,
            office=world.nanguan,
            channel=Case.Channel.WALK_IN,
            category=Case.Category.ILLNESS,
            narrative="搬到南关区后再次求助。",
            household=household_input(region_code="220102", head="王某", phone=""),
        )
    error = refused.value.error_dict["household.members.0.id_number"][0]
    assert error.code == "on_record_elsewhere"
    assert "hand-over" in error.message or "移交" in error.message
    for private in PRIVATE:
        assert private not in " ".join(refused.value.messages)
    assert counts() == before


def test_the_same_phone_and_head_elsewhere_is_not_attached_either(world):
    world.report()
    before = counts()
    data = household_input(region_code="220102", head_id=id_number("22010219800101123"))
    with pytest.raises(ValidationError) as refused:
        services.case_report(
            by=world.nanguan_caseworker,
            office=world.nanguan,
            channel=Case.Channel.WALK_IN,
            category=Case.Category.ILLNESS,
            narrative="同名同电话。",
            household=data,
        )
    assert refused.value.error_dict["household.phone"][0].code == "on_record_elsewhere"
    assert counts() == before


def test_inside_the_jurisdiction_or_after_a_hand_over_the_case_joins_the_chain(world):
    first = world.accepted()  # the caseworker owns it (首问负责) and may hand it over
    # The same county: joins its chain with a warning, as before.
    again = services.case_report(
        by=world.caseworker,
        office=world.chaoyang,
        channel=Case.Channel.WALK_IN,
        category=Case.Category.ILLNESS,
        narrative="再次求助。",
        household=household_input(),
    )
    assert again.case.household_id == first.household_id
    assert again.warnings[0].code == "existing_household"
    handover = services.case_handover(
        by=world.caseworker, case=first, to_office=world.nanguan, reason="家庭搬到南关区居住"
    )
    services.case_handover_accept(by=world.nanguan_caseworker, handover=handover)
    moved = services.case_report(
        by=world.nanguan_caseworker,
        office=world.nanguan,
        channel=Case.Channel.WALK_IN,
        category=Case.Category.ILLNESS,
        narrative="搬到南关区后再次求助。",
        household=household_input(region_code="220102"),
    )
    assert moved.case.household_id == first.household_id


def test_a_new_id_number_makes_a_new_household(world):
    world.report()
    payload = copy.deepcopy(NANGUAN_REPORT)
    payload["household"]["members"][0]["id_number"] = id_number("22010219600101123")
    response = api(world.nanguan_caseworker).post("/api/v1/cases/", payload, format="json")
    assert response.status_code == 201, response.json()
