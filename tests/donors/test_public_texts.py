"""What the public reads of the money: a special fund's name and purpose are refused by field
when they name a person, through the service, the back-office form and the API, and nothing
is written; the notes staff write on allocations and payments, which do name the household
now and then, reach no public page and no public API answer."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.test import APIClient

from donors import services
from donors.models import Fund

pytestmark = pytest.mark.django_db

# A beneficiary's story in a fund holder's words: a name, an address, a diagnosis, a phone.
STORY = "专门资助王小明一家（住幸福路12号3单元），其子患白血病，联系电话13812345678。"
FOUND = ["王小明", "幸福路12号", "13812345678"]


def new_fund(money, **overrides) -> Fund:
    kwargs = {
        "by": money.fund_manager,
        "owner": money.enterprise,
        "holder": money.world.charity,
        "name": "吉安助学应急基金",
        "purpose": "资助因灾因病致困家庭",
    }
    kwargs.update(overrides)
    return services.fund_create(**kwargs)


@pytest.mark.parametrize(
    ("field", "text"), [("purpose", STORY), ("name", "王小明救助基金13812345678")]
)
def test_a_fund_text_naming_a_person_is_refused_by_field(money, field, text):
    before = Fund.objects.count()
    with pytest.raises(ValidationError) as refused:
        new_fund(money, **{field: text})

    assert set(refused.value.message_dict) == {field}
    assert {e.code for e in refused.value.error_dict[field]} == {"identifier_found"}
    assert "13812345678" in " ".join(refused.value.message_dict[field])
    assert Fund.objects.count() == before


def test_a_clean_fund_is_created(money):
    fund = new_fund(money)
    assert fund.purpose == "资助因灾因病致困家庭"


def test_the_fund_form_shows_the_refusal_on_the_field(client, money):
    client.force_login(money.fund_manager)
    response = client.post(
        "/admin/money/funds/new/",
        {
            "owner": money.enterprise.pk,
            "holder": money.world.charity.pk,
            "name": "吉安助学应急基金",
            "purpose": STORY,
            "regions": "",
            "is_public": "on",
            "submission": "e" * 32,
        },
    )

    assert response.status_code in (200, 400)
    form = response.context["form"]
    assert {e.code for e in form.errors.as_data()["purpose"]} == {"identifier_found"}
    assert not Fund.objects.filter(name="吉安助学应急基金").exists()


def test_the_fund_api_refuses_naming_the_field(money):
    api = APIClient()
    api.force_authenticate(money.fund_manager)
    response = api.post(
        "/api/v1/funds/",
        {"name": "吉安助学应急基金", "purpose": STORY, "holder": money.holder.pk},
        format="json",
    )

    assert response.status_code == 400
    assert ("purpose", "identifier_found") in [
        (e["field"], e["code"]) for e in response.json()["errors"]
    ]
    assert not Fund.objects.filter(name="吉安助学应急基金").exists()


def test_allocation_and_payment_notes_reach_no_public_page_or_api(money):
    money.give(1_000_000)
    referral = money.accepted_referral()
    allocation = services.allocation_create(
        by=money.fund_manager,
        referral=referral,
        fund=money.fund,
        amount_fen=300_000,
        note=STORY,
    )
    staff = money.world.charity_staff
    payment = services.disbursement_request(
        by=staff, allocation=allocation, amount_fen=100_000, method="hospital", note=STORY
    )
    services.disbursement_approve(by=staff, disbursement=payment)
    services.disbursement_mark_paid(by=staff, disbursement=payment, proof_reference="ZY-0001")
    cache.clear()

    client = Client()
    answers = [
        client.get("/transparency/"),
        client.get(f"/transparency/funds/{money.fund.pk}/"),
        client.get("/api/v1/public/transparency/"),
    ]
    for answer in answers:
        assert answer.status_code == 200, answer.request["PATH_INFO"]
        text = answer.content.decode()
        assert not [found for found in FOUND if found in text], answer.request["PATH_INFO"]
    # The money did move: the statement shows the payment, by allocation number only.
    assert f"A{allocation.pk}" in answers[1].content.decode()
