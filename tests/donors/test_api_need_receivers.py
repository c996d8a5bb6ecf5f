"""The public API for giving to a need under the Charity Law: which qualified charity projects
or funds may receive the gift, and starting the donation with the donor's choice."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import Organisation
from donors.models import Donation, Donor
from needs import services as needs_services
from tests.donors import stripe_double as double

no_network = double.no_network
stripe_double = double.stripe_double

RECEIVERS = "/api/v1/public/donations/receivers/"
START = "/api/v1/public/donations/"


@pytest.fixture
def api():
    cache.clear()  # throttle counters
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


def _start(api, need, **receiver):
    return api.post(
        START,
        {
            "target_type": "need",
            "target_id": str(need.public_id),
            "amount": "100.00",
            "name": "陈爱心",
            **receiver,
        },
        format="json",
    )


def test_the_receivers_of_a_need_before_a_referral_are_the_qualified_matches(money, api):
    need = money.published_need()
    body = api.get(RECEIVERS, {"need": str(need.public_id)}).json()
    assert body["handled_by_referral"] is False
    listed = {(r["receiver_type"], r["receiver_id"]) for r in body["receivers"]}
    assert ("project", money.world.project.pk) in listed
    row = next(r for r in body["receivers"] if r["receiver_id"] == money.world.project.pk)
    assert row["credit_code"] == money.world.charity.credit_code
    assert row["filing_number"] == money.world.project.filing_number
    assert money.world.chaoyang.name not in str(body)  # never a government office


def test_an_unqualified_charity_is_not_listed(money, api):
    need = money.published_need()
    Organisation.objects.filter(pk=money.world.other_charity.pk).update(
        fundraising_qualified_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    body = api.get(RECEIVERS, {"need": str(need.public_id)}).json()
    assert money.world.other_project.pk not in {r["receiver_id"] for r in body["receivers"]}


def test_an_unknown_or_withdrawn_need_is_named(money, api):
    assert api.get(RECEIVERS, {"need": "not-a-uuid"}).status_code == 400
    need = money.published_need()
    needs_services.need_unpublish(by=money.world.caseworker, need=need)
    response = api.get(RECEIVERS, {"need": str(need.public_id)})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "need"


def test_the_donor_gives_through_the_chosen_receiver(money, api, stripe_double):
    need = money.published_need()
    response = _start(api, need, receiver_type="project", receiver_id=str(money.world.project.pk))
    assert response.status_code == 201, response.json()
    donation = Donation.objects.get(public_id=response.json()["donation"])
    assert donation.receiving_project == money.world.project
    status = api.get(f"{START}{donation.public_id}/").json()
    assert status["received_by"] == money.world.charity.name


@pytest.mark.parametrize(
    ("receiver", "field", "code"),
    [
        ({}, "receiver_id", "receiver_required"),
        ({"receiver_type": "project", "receiver_id": "999999"}, "receiver_id", "unknown_receiver"),
    ],
)
def test_a_missing_or_unknown_receiver_is_named_and_writes_nothing(
    money, api, stripe_double, receiver, field, code
):
    need = money.published_need()
    donors_before = Donor.objects.count()
    response = _start(api, need, **receiver)
    assert response.status_code == 400
    assert {(e["field"], e["code"]) for e in response.json()["errors"]} == {(field, code)}
    assert Donor.objects.count() == donors_before and not Donation.objects.exists()
    assert not stripe_double.calls("POST", "/v1/checkout/sessions")


def test_an_expired_qualification_is_refused_by_the_api_and_writes_nothing(
    money, api, stripe_double
):
    Organisation.objects.filter(pk=money.world.charity.pk).update(
        fundraising_qualified_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    donors_before = Donor.objects.count()
    response = api.post(
        START,
        {
            "target_type": "project",
            "target_id": str(money.world.project.pk),
            "amount": "100.00",
            "name": "陈爱心",
        },
        format="json",
    )
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert (error["field"], error["code"]) == ("target_id", "qualification_expired")
    assert "expired" in error["message"]
    assert Donor.objects.count() == donors_before and not Donation.objects.exists()
