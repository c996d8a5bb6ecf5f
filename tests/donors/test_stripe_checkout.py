"""Starting an online donation: the public API, the Checkout Session sent to Stripe (a local
double, through the real client), and everything refused before money could move."""

from __future__ import annotations

import socket
import uuid

import pytest
import stripe
from django.core.cache import cache
from django.core.exceptions import ValidationError
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.factories import UserFactory
from core.locale.zh_hans_stripe_today import ZH
from core.models import AuditEvent
from donors import services, stripe_gateway
from donors.api.checkout import DonationThrottle
from donors.models import Donation, Donor, Transaction
from needs import services as needs_services
from projects.models import Project
from tests.donors import stripe_double as double
from tests.donors.stripe_double import PUBLISHABLE_KEY

# The double's fixtures, used by name.
no_network = double.no_network
stripe_double = double.stripe_double

URL = "/api/v1/public/donations/"


@pytest.fixture
def api():
    cache.clear()  # throttle counters
    return APIClient()


def body(money, **overrides) -> dict:
    return {
        "target_type": "fund",
        "target_id": str(money.fund.pk),
        "amount": "100.00",
        "name": "陈爱心",
        "email": "chen@example.com",
        "message": "早日康复",
        **overrides,
    }


def errors_of(response) -> dict:
    return {e["field"]: e["code"] for e in response.json()["errors"]}


def nothing_written(before_donors: int) -> bool:
    return (
        Donor.objects.count() == before_donors
        and not Donation.objects.exists()
        # government relief money (the world's budgets, a case's relief) is not the gift's
        and not Transaction.objects.exclude(kind__in=["appropriation", "relief"]).exists()
    )


def draft_need(world):
    case = world.relieved()
    needs_services.consent_record(
        by=world.caseworker,
        case=case,
        scope="publish_need",
        method="written",
        given_by_name="张建国",
    )
    return needs_services.need_preview(by=world.caseworker, case=case)


# ---- the happy path ----


def test_a_donation_opens_a_checkout_session_and_stays_pending(money, api, stripe_double, settings):
    response = api.post(URL, body(money), format="json")

    assert response.status_code == 201, response.json()
    answer = response.json()
    donation = Donation.objects.get(public_id=answer["donation"])
    assert answer["checkout_url"] == "https://checkout.stripe.test/c/pay/cs_test_0001"
    assert answer["status"] == "pending" and answer["amount_fen"] == 10_000
    assert donation.status == Donation.Status.PENDING
    assert donation.channel == Donation.Channel.STRIPE
    assert donation.external_reference == "cs_test_0001"
    assert donation.receipt_number is None
    assert donation.donor.name == "陈爱心" and donation.message == "早日康复"
    # nothing is booked before Stripe confirms
    assert not Transaction.objects.exclude(kind="appropriation").exists()
    assert AuditEvent.objects.filter(action="donation.checkout", object_id=str(donation.pk))

    [sent] = stripe_double.calls("POST", "/v1/checkout/sessions")
    reference = str(donation.public_id)
    assert sent.params["mode"] == "payment"
    assert sent.params["line_items[0][price_data][currency]"] == "cny"
    assert sent.params["line_items[0][price_data][unit_amount]"] == "10000"
    assert sent.params["line_items[0][quantity]"] == "1"
    assert money.fund.name in sent.params["line_items[0][price_data][product_data][name]"]
    # Stripe's dynamic payment methods, filtered: payment_method_types is gone from the API.
    assert not any(name.startswith("payment_method_types") for name in sent.params)
    assert [sent.params[f"allowed_payment_method_types[{i}]"] for i in range(3)] == [
        "card",
        "alipay",
        "wechat_pay",
    ]
    assert "allowed_payment_method_types[3]" not in sent.params
    assert sent.params["payment_method_options[wechat_pay][client]"] == "web"
    assert sent.params["metadata[donation]"] == reference
    assert sent.params["payment_intent_data[metadata][donation]"] == reference
    assert sent.params["client_reference_id"] == reference
    assert sent.params["customer_email"] == "chen@example.com"
    assert sent.params["success_url"] == "http://testserver/?checkout=success"
    assert sent.params["cancel_url"] == "http://testserver/?checkout=cancelled"
    assert sent.header("Idempotency-Key") == f"donation-checkout-{reference}"
    assert sent.header("Authorization") == "Bearer sk_test_double"
    assert sent.header("Stripe-Version") == settings.STRIPE_API_VERSION == "2026-10-28.endive"


def test_yuan_text_becomes_exact_fen_and_the_donor_comes_back_to_the_given_path(
    money, api, stripe_double
):
    response = api.post(
        URL, body(money, amount="1,234.56", return_path="/donate/thanks/"), format="json"
    )

    assert response.status_code == 201, response.json()
    [sent] = stripe_double.calls("POST", "/v1/checkout/sessions")
    assert sent.params["line_items[0][price_data][unit_amount]"] == "123456"
    assert sent.params["success_url"] == "http://testserver/donate/thanks/?checkout=success"


def test_an_anonymous_donor_needs_no_name_and_gives_no_email(money, api, stripe_double):
    response = api.post(
        URL, body(money, name="", email="", is_anonymous=True, amount=50), format="json"
    )

    assert response.status_code == 201, response.json()
    donation = Donation.objects.get()
    assert donation.donor.is_anonymous and donation.amount_fen == 5_000
    [sent] = stripe_double.calls("POST", "/v1/checkout/sessions")
    assert "customer_email" not in sent.params


def test_a_published_need_and_an_open_project_take_donations(money, api, stripe_double):
    world = money.world
    need = needs_services.need_publish(by=world.caseworker, need=draft_need(world))

    to_need = api.post(
        URL,
        body(
            money,
            target_type="need",
            target_id=str(need.public_id),
            receiver_type="project",
            receiver_id=str(world.project.pk),
        ),
        format="json",
    )
    to_project = api.post(
        URL, body(money, target_type="project", target_id=str(world.project.pk)), format="json"
    )

    assert to_need.status_code == 201 and to_project.status_code == 201
    gift = Donation.objects.get(public_id=to_need.json()["donation"])
    assert (gift.need, gift.receiving_project) == (need, world.project)
    assert gift.receiving_organisation == world.charity  # a charity, never the civil-affairs office
    assert Donation.objects.get(public_id=to_project.json()["donation"]).project == world.project
    names = [
        r.params["line_items[0][price_data][product_data][name]"]
        for r in stripe_double.calls("POST", "/v1/checkout/sessions")
    ]
    assert need.title in names[0] and world.project.title in names[1]


# ---- Stripe failing ----


def test_when_stripe_fails_the_donation_is_failed_and_nothing_is_booked(money, api, stripe_double):
    stripe_double.fail_with = 500

    response = api.post(URL, body(money), format="json")

    assert response.status_code == 503
    answer = response.json()
    assert answer["code"] == "payment_provider_error"
    assert "bank transfer" in answer["message"] or "银行" in answer["message"]
    donation = Donation.objects.get()
    assert donation.status == Donation.Status.FAILED
    assert donation.failure_reason == "stripe checkout: APIError"
    assert donation.external_reference == ""
    assert not Transaction.objects.exclude(kind="appropriation").exists()


def test_when_stripe_cannot_be_reached_the_donation_is_failed(money, api, stripe_double, settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed_port}"

    response = api.post(URL, body(money), format="json")

    assert response.status_code == 503
    assert response.json()["code"] == "payment_provider_error"
    assert Donation.objects.get().status == Donation.Status.FAILED
    assert not Transaction.objects.exclude(kind="appropriation").exists()


def test_checkout_start_raises_a_clean_error_when_stripe_refuses(money, stripe_double):
    stripe_double.fail_with = 402

    with pytest.raises(stripe_gateway.PaymentUnavailableError) as error:
        stripe_gateway.checkout_start(
            donor_name="陈爱心",
            email="",
            is_anonymous=False,
            amount_fen=10_000,
            fund=money.fund,
            success_url="http://testserver/?ok",
            cancel_url="http://testserver/?no",
        )

    assert error.value.code == "payment_provider_error"
    assert Donation.objects.get().status == Donation.Status.FAILED


# ---- bad input: 400 naming the field, nothing written, Stripe not called ----


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        (0, "min_value"),
        ("0.00", "min_value"),
        ("-5", "min_value"),
        ("1.234", "precision"),
        (1.5, "invalid"),
        ("abc", "invalid"),
        ("", "invalid"),
        ("0.01", "min_value"),
        ("3.99", "min_value"),
        ("1000000.00", "max_value"),
    ],
)
def test_bad_amounts_are_refused_naming_the_field(money, api, stripe_double, amount, code):
    donors = Donor.objects.count()

    response = api.post(URL, body(money, amount=amount), format="json")

    assert response.status_code == 400
    assert errors_of(response) == {"amount": code}
    assert nothing_written(donors)
    assert stripe_double.requests == []


def test_an_amount_under_stripes_minimum_gets_a_localized_message(money, api, stripe_double):
    english = api.post(URL, body(money, amount="3.99"), format="json", HTTP_ACCEPT_LANGUAGE="en")

    assert english.status_code == 400
    assert english.json()["errors"] == [
        {
            "field": "amount",
            "code": "min_value",
            "message": "The smallest online donation is ¥4.00 (Stripe's minimum charge); "
            "give smaller amounts by bank transfer.",
        }
    ]
    # Its Chinese is in the table `make messages` compiles from.
    assert english.json()["errors"][0]["message"].replace("¥4.00", "%(minimum)s") in ZH
    assert not Donation.objects.exists() and stripe_double.requests == []


@pytest.mark.parametrize(("amount", "fen"), [("4", 400), ("4.00", 400), ("999999.99", 99_999_999)])
def test_stripes_limits_themselves_are_accepted(money, api, stripe_double, amount, fen):
    response = api.post(URL, body(money, amount=amount), format="json")

    assert response.status_code == 201, response.json()
    [sent] = stripe_double.calls("POST", "/v1/checkout/sessions")
    assert sent.params["line_items[0][price_data][unit_amount]"] == str(fen)


def test_the_service_itself_refuses_an_amount_stripe_would_refuse(money, stripe_double):
    with pytest.raises(ValidationError) as error:
        stripe_gateway.checkout_start(
            donor_name="陈爱心",
            email="",
            is_anonymous=False,
            amount_fen=399,
            fund=money.fund,
            success_url="http://testserver/?ok",
            cancel_url="http://testserver/?no",
        )

    assert error.value.error_dict["amount_fen"][0].code == "min_value"
    assert not Donation.objects.exists() and stripe_double.requests == []


@pytest.mark.parametrize(
    ("target_type", "target_id"),
    [
        ("fund", "999999"),
        ("fund", "abc"),
        ("project", "999999"),
        ("need", str(uuid.UUID(int=7))),
        ("need", "not-a-uuid"),
    ],
)
def test_an_unknown_target_is_refused(money, api, stripe_double, target_type, target_id):
    donors = Donor.objects.count()

    response = api.post(
        URL, body(money, target_type=target_type, target_id=target_id), format="json"
    )

    assert response.status_code == 400
    assert errors_of(response) == {"target_id": "unknown_target"}
    assert nothing_written(donors)
    assert stripe_double.requests == []


def test_a_fund_hidden_from_the_public_is_an_unknown_target(money, api, stripe_double):
    type(money.fund).objects.filter(pk=money.fund.pk).update(is_public=False)

    response = api.post(URL, body(money), format="json")

    assert errors_of(response) == {"target_id": "unknown_target"}


def test_a_closed_fund_is_refused_and_no_donor_is_left_behind(money, api, stripe_double):
    services.fund_close(by=money.fund_manager, fund=money.fund)
    donors = Donor.objects.count()

    response = api.post(URL, body(money), format="json")

    assert response.status_code == 400
    assert errors_of(response) == {"target_id": "fund_closed"}
    assert nothing_written(donors)
    assert stripe_double.requests == []


def test_an_unpublished_need_is_refused(money, api, stripe_double):
    need = draft_need(money.world)
    donors = Donor.objects.count()

    response = api.post(
        URL, body(money, target_type="need", target_id=str(need.public_id)), format="json"
    )

    assert response.status_code == 400
    assert errors_of(response) == {"target_id": "need_not_published"}
    assert nothing_written(donors)


def test_a_closed_project_is_refused(money, api, stripe_double):
    project = money.world.project
    Project.objects.filter(pk=project.pk).update(status=Project.Status.CLOSED)

    response = api.post(
        URL, body(money, target_type="project", target_id=str(project.pk)), format="json"
    )

    assert response.status_code == 400
    assert errors_of(response) == {"target_id": "project_not_open"}
    assert stripe_double.requests == []


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"name": ""}, "name", "required"),
        ({"email": "not-an-email"}, "email", "invalid"),
        ({"target_type": "household"}, "target_type", "invalid_choice"),
        ({"return_path": "//evil.example/"}, "return_path", "invalid"),
        ({"return_path": "https://evil.example/"}, "return_path", "invalid"),
    ],
)
def test_other_bad_input_is_refused_naming_the_field(
    money, api, stripe_double, overrides, field, code
):
    donors = Donor.objects.count()

    response = api.post(URL, body(money, **overrides), format="json")

    assert response.status_code == 400
    assert errors_of(response) == {field: code}
    assert nothing_written(donors)
    assert stripe_double.requests == []


def test_errors_follow_the_request_language(money, api, stripe_double):
    english = api.post(URL, body(money, amount="1.234"), format="json", HTTP_ACCEPT_LANGUAGE="en")
    chinese = api.post(URL, body(money, amount="1.234"), format="json")

    assert english.json()["errors"][0]["message"] == (
        "An amount has at most two decimal places (fen)."
    )
    assert chinese.json()["errors"][0]["message"] != english.json()["errors"][0]["message"]


# ---- Stripe not configured ----


@pytest.fixture
def no_stripe(settings, no_network):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.STRIPE_API_BASE = ""


def test_without_keys_the_online_option_is_hidden(api, no_stripe):
    response = api.get(URL + "options/")

    assert response.status_code == 200
    assert response.json() == {
        "stripe": False,
        "publishable_key": None,
        "payment_methods": [],
        "min_amount_fen": 400,
        "max_amount_fen": 99_999_999,
        "offline": True,
    }


@pytest.mark.parametrize("missing", ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"])
def test_one_missing_key_hides_the_online_option(api, stripe_double, settings, missing):
    setattr(settings, missing, "")

    assert api.get(URL + "options/").json()["stripe"] is False


def test_with_keys_the_options_name_the_publishable_key(api, stripe_double):
    assert api.get(URL + "options/").json() == {
        "stripe": True,
        "publishable_key": PUBLISHABLE_KEY,
        "payment_methods": ["card", "alipay", "wechat_pay"],
        "min_amount_fen": 400,
        "max_amount_fen": 99_999_999,
        "offline": True,
    }


def test_without_keys_a_donation_is_refused_pointing_to_bank_transfer(money, api, no_stripe):
    donors = Donor.objects.count()

    response = api.post(URL, body(money), format="json", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 503
    answer = response.json()
    assert answer["code"] == "online_payment_unavailable"
    assert "bank transfer" in answer["message"]
    assert nothing_written(donors)


def test_offline_donations_still_work_without_keys(money, no_stripe):
    donation = money.give(20_000)

    assert donation.status == Donation.Status.SUCCEEDED and donation.receipt_number


# ---- following a donation ----


def test_the_status_page_shows_the_donation_without_the_donor(money, api, stripe_double):
    public_id = api.post(URL, body(money), format="json").json()["donation"]

    response = APIClient().get(f"{URL}{public_id}/")

    assert response.status_code == 200
    answer = response.json()
    assert answer["id"] == public_id
    assert answer["status"] == "pending"
    assert answer["amount_fen"] == 10_000 and answer["amount"] == "¥100.00"
    assert answer["target_type"] == "fund" and answer["target_title"] == money.fund.name
    assert answer["receipt_number"] is None
    text = response.content.decode()
    assert "chen@example.com" not in text and "陈爱心" not in text


def test_an_unknown_donation_is_not_found(db, api, no_stripe):
    assert api.get(f"{URL}{uuid.uuid4()}/").status_code == 404


def test_a_withdrawn_need_is_no_longer_named_on_the_status_page(money, api, stripe_double):
    world = money.world
    need = needs_services.need_publish(by=world.caseworker, need=draft_need(world))
    public_id = api.post(
        URL,
        body(
            money,
            target_type="need",
            target_id=str(need.public_id),
            receiver_type="project",
            receiver_id=str(world.project.pk),
        ),
        format="json",
    ).json()["donation"]
    needs_services.need_unpublish(by=world.caseworker, need=need)

    answer = api.get(f"{URL}{public_id}/").json()

    assert answer["target_type"] == "need"
    assert need.title not in answer["target_title"]


# ---- repeated requests and rate limits ----


def test_a_signed_in_retry_with_an_idempotency_key_starts_one_checkout(money, stripe_double):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=UserFactory()).key}")

    first = client.post(URL, body(money), format="json", HTTP_IDEMPOTENCY_KEY="donate-0001")
    again = client.post(URL, body(money), format="json", HTTP_IDEMPOTENCY_KEY="donate-0001")

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Donation.objects.count() == 1
    assert len(stripe_double.calls("POST", "/v1/checkout/sessions")) == 1


def test_an_anonymous_idempotency_key_does_not_break_the_request(money, api, stripe_double):
    response = api.post(URL, body(money), format="json", HTTP_IDEMPOTENCY_KEY="donate-0002")

    assert response.status_code == 201


def test_anonymous_callers_are_rate_limited(money, api, stripe_double, monkeypatch):
    monkeypatch.setattr(DonationThrottle, "rate", "2/minute", raising=False)

    codes = [api.post(URL, body(money), format="json").status_code for _ in range(3)]

    assert codes == [201, 201, 429]
    assert Donation.objects.count() == 2


# ---- the fee look-up ----


def test_the_fee_comes_from_the_charge_balance_transaction(stripe_double):
    stripe_double.add_payment_intent("pi_test_fee", amount=10_000, fee=320)

    assert stripe_gateway.fee_for_payment_intent("pi_test_fee") == 320
    [sent] = stripe_double.calls("GET", "/v1/payment_intents/pi_test_fee")
    assert sent.params == {"expand[0]": "latest_charge.balance_transaction"}


def test_a_fee_settled_in_another_currency_is_converted_back_to_fen(stripe_double):
    # ¥100.00 settled as US$13.80 (rate 0.138); Stripe's fee US$0.70 is ¥5.07 (5.072…).
    stripe_double.add_payment_intent(
        "pi_test_usd", amount=10_000, fee=70, currency="usd", exchange_rate=0.138
    )

    assert stripe_gateway.fee_for_payment_intent("pi_test_usd") == 507


def test_a_fee_not_known_yet_is_an_error_not_zero(stripe_double):
    stripe_double.add_payment_intent("pi_test_nobt", amount=10_000, fee=None)

    with pytest.raises(stripe_gateway.FeeUnknownError):
        stripe_gateway.fee_for_payment_intent("pi_test_nobt")


def test_an_unknown_payment_intent_is_stripes_own_error(stripe_double):
    with pytest.raises(stripe.InvalidRequestError):
        stripe_gateway.fee_for_payment_intent("pi_test_missing")
