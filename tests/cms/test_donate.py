"""The donate pages: choose a target, pay online through Stripe Checkout (the local double,
through the real client) or read the bank details, and the thank-you page after paying."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

from donors import services
from donors.models import Donation, Donor, Transaction
from needs import services as needs_services
from projects.models import Project
from tests.donors import stripe_double as double

no_network = double.no_network
stripe_double = double.stripe_double

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    cache.clear()  # per-IP counters
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def errors(response) -> list[str]:
    return re.findall(r'class="error"[^>]*>([^<]*)<', response.content.decode())


def nothing_written(donors_before: int) -> bool:
    return (
        Donor.objects.count() == donors_before
        and not Donation.objects.exists()
        and not Transaction.objects.exclude(kind="appropriation").exists()
    )


def test_choose_page_lists_public_funds_and_open_projects(client, money):
    Project.objects.filter(pk=money.world.other_project.pk).update(status=Project.Status.PAUSED)
    page = client.get("/donate/").content.decode()
    assert f"?fund={money.fund.pk}" in page
    assert f"?project={money.world.project.pk}" in page
    assert f"?project={money.world.other_project.pk}" not in page


def test_without_stripe_the_page_shows_bank_details_only(client, money):
    charity = money.world.charity
    charity.bank_name, charity.bank_account_number = "中国工商银行长春支行", "4200 0000 0001"
    charity.save()
    page = client.get(f"/donate/?project={money.world.project.pk}").content.decode()
    assert "Online payment is not offered" in page
    assert 'name="amount"' not in page
    assert "4200 0000 0001" in page and "中国工商银行长春支行" in page
    assert "捐赠 大病救助项目" in page


def test_online_donation_redirects_to_stripe_checkout(client, money, stripe_double):
    response = client.post(
        "/donate/",
        {"project": money.world.project.pk, "amount": "88.80", "name": "陈爱心"},
    )
    assert response.status_code == 303
    assert response["Location"].startswith("https://checkout.stripe.test/c/pay/cs_test_")
    donation = Donation.objects.get()
    assert (donation.amount_fen, donation.status, donation.project) == (
        8_880,
        Donation.Status.PENDING,
        money.world.project,
    )
    (call,) = stripe_double.calls("POST", "/v1/checkout/sessions")
    success = call.params["success_url"]
    assert success.endswith("/donate/thanks/?session_id={CHECKOUT_SESSION_ID}")
    assert "checkout=cancelled" in call.params["cancel_url"]
    # nothing is booked before Stripe says it is paid
    assert not Transaction.objects.exclude(kind="appropriation").exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "greater than zero"),
        ("-5", "cannot be negative"),
        ("abc", ""),
        ("1000000", "limited to ¥999,999.99"),
        ("3.99", "The smallest online donation is ¥4.00"),
        ("0.50", "The smallest online donation is ¥4.00"),
        ("", "Enter an amount"),
    ],
)
def test_bad_amounts_are_refused_and_write_nothing(client, money, stripe_double, amount, message):
    donors_before = Donor.objects.count()
    response = client.post("/donate/", {"fund": money.fund.pk, "amount": amount, "name": "王"})
    assert response.status_code == 400
    assert errors(response) and message in errors(response)[0]
    assert 'aria-invalid="true"' in response.content.decode()
    assert nothing_written(donors_before)
    assert not stripe_double.calls("POST", "/v1/checkout/sessions")


def test_the_page_states_the_online_limits_beside_the_amount(client, money, stripe_double):
    page = client.get(f"/donate/?fund={money.fund.pk}").content.decode()

    assert 'aria-describedby="donate-amount-limits"' in page
    assert "Online gifts from ¥4.00 to ¥999,999.99." in page


def test_stripes_minimum_itself_is_taken(client, money, stripe_double):
    response = client.post("/donate/", {"fund": money.fund.pk, "amount": "4", "name": "王"})

    assert response.status_code == 303
    assert Donation.objects.get().amount_fen == 400


def test_unknown_or_closed_targets_get_a_clear_page(client, money, stripe_double):
    assert client.get("/donate/?fund=999999").status_code == 404
    assert client.get("/donate/?need=not-a-uuid").status_code == 404
    response = client.get("/donate/?project=abc")
    assert response.status_code == 404 and "No such fund" in response.content.decode()
    Project.objects.filter(pk=money.world.project.pk).update(status=Project.Status.CLOSED)
    response = client.post("/donate/", {"project": money.world.project.pk, "amount": "10"})
    assert response.status_code == 409 and "not open for donations" in response.content.decode()
    assert not Donation.objects.exists()


def test_a_donation_to_a_need_taken_down_is_refused(client, money, stripe_double):
    need = money.published_need()
    needs_services.need_unpublish(by=money.world.caseworker, need=need)
    response = client.post("/donate/", {"need": str(need.public_id), "amount": "10"})
    assert response.status_code == 409
    assert not Donation.objects.exists()


def test_per_ip_limit_on_starting_payments(client, money, stripe_double, monkeypatch):
    from cms import donate

    monkeypatch.setattr(donate, "STARTS_PER_IP_PER_HOUR", 2)
    for _ in range(2):
        assert (
            client.post(
                "/donate/", {"fund": money.fund.pk, "amount": "10", "name": "王"}
            ).status_code
            == 303
        )
    response = client.post("/donate/", {"fund": money.fund.pk, "amount": "10", "name": "王"})
    assert response.status_code == 429 and "Too many attempts" in response.content.decode()
    assert Donation.objects.count() == 2


def test_thanks_page_follows_the_donation_to_its_receipt(client, money, stripe_double):
    client.post(
        "/donate/", {"fund": money.fund.pk, "amount": "100", "name": "王", "email": "a@example.com"}
    )
    donation = Donation.objects.get()
    url = f"/donate/thanks/?session_id={donation.external_reference}"
    page = client.get(url).content.decode()
    assert "waiting for the payment service" in page and "a@example.com" not in page
    services.donation_succeed(donation=donation, fee_fen=60, payment_intent="pi_1")
    page = client.get(url).content.decode()
    assert f"/donations/receipt/{donation.public_id}/" in page
    assert client.get("/donate/thanks/?session_id=cs_unknown").status_code == 404
    assert client.get("/donate/thanks/").status_code == 404


def test_missing_name_and_bad_email_are_named(client, money, stripe_double):
    response = client.post("/donate/", {"fund": money.fund.pk, "amount": "10", "email": "x@"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="donate-name-error"' in page and 'id="donate-email-error"' in page
    assert not Donation.objects.exists()


def test_the_donate_page_lets_its_form_go_to_stripe_checkout(client, money, settings):
    settings.STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.com"
    response = client.get(f"/donate/?fund={money.fund.pk}")
    assert _directives(response)["form-action"] == "'self' https://checkout.stripe.com"
    assert _directives(client.get("/needs/"))["form-action"] == "'self'"


def _directives(response):
    # The middleware does not promise an order of directives: read them by name.
    parts = (part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts if part[0]}
