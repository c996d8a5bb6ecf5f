"""Special funds through the staff API: who sees which fund, who may set one up or close it."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from core.factories import UserFactory, staff
from core.models import Membership
from donors import services
from donors.models import Fund

pytestmark = pytest.mark.django_db
Role = Membership.Role


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def first_error(response) -> tuple[str | None, str]:
    error = response.json()["errors"][0]
    return error["field"], error["code"]


def enterprise_fund(money) -> dict:
    """A new enterprise fund, held by the charity it is set up in (issue 15, item 5)."""
    return {**NEW_FUND, "holder": money.world.charity.pk}


NEW_FUND = {
    "name": "吉安助学专项基金",
    "purpose": "资助因灾致困家庭的孩子继续上学",
    "categories": ["disaster", "child"],
    "regions": ["220100"],
    "is_public": False,
}


@pytest.fixture
def private_fund(money) -> Fund:
    return services.fund_create(
        by=money.fund_manager,
        owner=money.enterprise,
        holder=money.world.charity,
        name="吉安内部应急基金",
        purpose="只在企业内部公示",
        is_public=False,
    )


def listed(user) -> set[str]:
    response = api(user).get("/api/v1/funds/")
    assert response.status_code == 200, response.json()
    return {row["name"] for row in response.json()["results"]}


def test_public_funds_are_listed_to_every_staff_role_private_ones_to_owner_and_holder(
    money, private_fund
):
    world = money.world
    everything = {money.fund.name, private_fund.name}
    assert listed(money.fund_manager) == everything
    assert listed(world.auditor) == everything
    assert listed(UserFactory(username="root", is_superuser=True)) == everything
    # The charity holding the private fund sees it: it received the gifts and receipts them.
    assert listed(world.charity_staff) == everything
    for outsider in (
        world.caseworker,
        world.supervisor,
        world.other_charity_staff,
        staff(Role.FUND_MANAGER, "220000", username="other.fund"),
    ):
        assert listed(outsider) == {money.fund.name}


def test_anonymous_and_memberless_users_are_refused(money):
    assert api().get("/api/v1/funds/").status_code == 401
    assert api(UserFactory(username="nobody")).get("/api/v1/funds/").status_code == 403


def test_another_enterprise_cannot_open_a_private_fund(money, private_fund):
    other = staff(Role.FUND_MANAGER, "220000", username="other.fund")
    assert api(other).get(f"/api/v1/funds/{private_fund.pk}/").status_code == 404


def test_the_fund_page_shows_its_restrictions_and_available_money(money):
    money.give(1_000_000)
    body = api(money.world.caseworker).get(f"/api/v1/funds/{money.fund.pk}/").json()
    assert body["available_fen"] == 1_000_000
    assert body["categories"] == ["illness", "accident"]
    assert body["regions"] == ["220000"]
    assert body["owner"] == money.enterprise.pk
    assert body["status"] == "active"


def test_a_fund_manager_sets_up_a_fund_for_their_own_enterprise(money):
    response = api(money.fund_manager).post("/api/v1/funds/", enterprise_fund(money), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["owner"] == money.enterprise.pk
    assert body["categories"] == ["disaster", "child"]
    assert body["regions"] == ["220100"]
    assert body["available_fen"] == 0
    fund = Fund.objects.get(pk=body["id"])
    assert not fund.is_public and fund.created_by == money.fund_manager


def test_charity_staff_set_up_a_fund_for_their_charity(money):
    response = api(money.world.charity_staff).post(
        "/api/v1/funds/", {**NEW_FUND, "owner": money.world.charity.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["owner"] == money.world.charity.pk


@pytest.mark.parametrize("who", ["caseworker", "supervisor", "auditor"])
def test_government_staff_and_auditors_cannot_set_up_funds(money, who):
    before = Fund.objects.count()
    response = api(getattr(money.world, who)).post(
        "/api/v1/funds/", {**NEW_FUND, "owner": money.enterprise.pk}, format="json"
    )
    assert response.status_code == 403
    assert Fund.objects.count() == before


def test_nobody_sets_up_a_fund_for_someone_elses_organisation(money):
    before = Fund.objects.count()
    other = staff(Role.FUND_MANAGER, "220000", username="other.fund")
    response = api(other).post(
        "/api/v1/funds/", {**NEW_FUND, "owner": money.enterprise.pk}, format="json"
    )
    assert response.status_code == 403
    response = api(money.world.other_charity_staff).post(
        "/api/v1/funds/", {**NEW_FUND, "owner": money.world.charity.pk}, format="json"
    )
    assert response.status_code == 403
    assert Fund.objects.count() == before


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"categories": ["lottery"]}, "categories.0", "invalid_choice"),
        ({"regions": ["999999"]}, "regions.0", None),
        ({"regions": [220100]}, "regions.0", "invalid"),
        ({"name": ""}, "name", "blank"),
        ({"name": "吉安大病救助专项基金"}, "name", "unique"),
    ],
)
def test_bad_fund_input_names_the_field_and_writes_nothing(money, change, field, code):
    before = Fund.objects.count()
    response = api(money.fund_manager).post(
        "/api/v1/funds/", {**enterprise_fund(money), **change}, format="json"
    )
    assert response.status_code == 400, response.json()
    error_field, error_code = first_error(response)
    assert error_field == field
    if code:
        assert error_code == code
    assert Fund.objects.count() == before


def test_someone_with_two_organisations_must_say_which_owns_the_fund(money):
    from core import services as core_services

    core_services.membership_grant(
        by=None, user=money.fund_manager, organisation=money.world.charity, role=Role.CHARITY_STAFF
    )
    response = api(money.fund_manager).post("/api/v1/funds/", NEW_FUND, format="json")
    assert response.status_code == 400
    assert first_error(response) == ("owner", "required")


def test_the_owner_closes_a_fund_once(money):
    client = api(money.fund_manager)
    response = client.post(f"/api/v1/funds/{money.fund.pk}/close/")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "closed"
    again = client.post(f"/api/v1/funds/{money.fund.pk}/close/")
    assert again.status_code == 400
    assert first_error(again) == (None, "already_closed")


@pytest.mark.parametrize("who", ["charity_staff", "caseworker", "auditor", "other_enterprise"])
def test_only_the_owner_closes_a_fund(money, who):
    user = (
        staff(Role.FUND_MANAGER, "220000", username="other.fund")
        if who == "other_enterprise"
        else getattr(money.world, who)
    )
    response = api(user).post(f"/api/v1/funds/{money.fund.pk}/close/")
    assert response.status_code == 403
    money.fund.refresh_from_db()
    assert money.fund.status == Fund.Status.ACTIVE


def test_anonymous_cannot_close_a_fund(money):
    assert api().post(f"/api/v1/funds/{money.fund.pk}/close/").status_code == 401


def test_a_retried_fund_creation_acts_once(money):
    client = api(money.fund_manager)
    headers = {"HTTP_IDEMPOTENCY_KEY": "fund-create-0001"}
    first = client.post("/api/v1/funds/", enterprise_fund(money), format="json", **headers)
    second = client.post("/api/v1/funds/", enterprise_fund(money), format="json", **headers)
    assert first.status_code == second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert second.json()["id"] == first.json()["id"]
    assert Fund.objects.filter(name=NEW_FUND["name"]).count() == 1


def test_funds_filter_by_status(money, private_fund):
    services.fund_close(by=money.fund_manager, fund=private_fund)
    response = api(money.fund_manager).get("/api/v1/funds/", {"status": "closed"})
    assert [row["name"] for row in response.json()["results"]] == [private_fund.name]
