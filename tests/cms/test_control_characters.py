"""Control characters (NUL above all) get a 400 naming the field and change nothing, on the
public forms, in addresses and queries, and in the API (issue 16, item 3). They gave
anonymous 500s: PostgreSQL text cannot hold NUL."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from discovery.models import PublicReport
from donors.models import Donation
from tests.cms.test_report_someone import GOOD
from tests.donors import stripe_double as double
from tests.donors.test_stripe_checkout import body

stripe_double = double.stripe_double
no_network = double.no_network

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["what_happened", "contact", "region"])
@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x7f"])
def test_the_report_form_refuses_control_characters_naming_the_field(
    client, world, field, character
):
    response = client.post(
        "/report/", {**GOOD, field: GOOD.get(field, "") + character}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 400
    assert f"“{field}”中含有控制字符" in response.content.decode()
    assert not PublicReport.objects.exists()


def test_tabs_and_line_breaks_are_text(client, world):
    response = client.post(
        "/report/", {**GOOD, "what_happened": GOOD["what_happened"] + "\r\n\t续"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "address",
    ["/report/%00/", "/donate/thanks/?session_id=%00", "/needs/?q=%00", "/needs/%01/"],
)
def test_addresses_and_queries_with_control_characters_are_a_400(client, world, address):
    assert client.get(address).status_code == 400


def test_the_donate_form_refuses_nul(client, money, stripe_double):
    response = client.post("/donate/", {"fund": money.fund.pk, "amount": "10", "name": "王\x00"})
    assert response.status_code == 400
    assert not Donation.objects.exists()


def test_the_api_answers_in_its_format_naming_the_field(db):
    response = APIClient().get("/api/v1/regions/", {"name": "长\x00春"})
    assert response.status_code == 400
    payload = response.json()
    assert payload["code"] == "control_character"
    assert payload["errors"][0]["field"] == "name"


def test_a_json_body_with_nul_is_refused_by_the_serializer(money, stripe_double):
    response = APIClient().post(
        "/api/v1/public/donations/", body(money, name="陈\x00爱心"), format="json"
    )
    assert response.status_code == 400
    assert "name" in {error["field"] for error in response.json()["errors"]}
    assert not Donation.objects.exists()
