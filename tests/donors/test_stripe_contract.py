"""The contract with Stripe's API: the version the code is written for is the one the locked
library sends, the library is pinned exactly, and every parameter the code sends is one the
library's own typed parameters (generated from Stripe's API of that version) still accept.

When a library upgrade drops a parameter (as 2026-09-30.endive dropped Checkout's
``payment_method_types``), these fail before a donor meets the error."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest
import stripe
from django.conf import settings
from stripe.params import RefundCreateParams
from stripe.params.checkout import SessionCreateParams
from typing_extensions import is_typeddict

from donors import stripe_gateway
from donors.models import Refund
from donors.services.refunds import refund_request_key
from tests.donors import stripe_double as double

no_network = double.no_network
stripe_double = double.stripe_double

ROOT = Path(__file__).resolve().parents[2]


def typed_dicts_in(annotation, module) -> list[type]:
    """The TypedDicts an annotation of the library's params names (as a class, a string or a
    forward reference, inside NotRequired, List, Union...), looked up in its module."""
    text = annotation if isinstance(annotation, str) else repr(annotation)
    found = []
    for name in dict.fromkeys(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text)):
        candidate = getattr(module, name, None)
        if isinstance(candidate, type) and is_typeddict(candidate):
            found.append(candidate)
    return found


def not_accepted(value, typed: type, path: str = "") -> list[str]:
    """Every key of ``value`` (a dict the gateway sends, walked into nested dicts and lists)
    that ``typed`` (a TypedDict of the library) does not declare, and every key it requires
    that is missing, as dotted paths. A dict typed only as Dict[str, str] (metadata) may hold
    any key."""
    module = sys.modules[typed.__module__]
    fields = typed.__annotations__
    problems = [
        f"{path}{key} (missing, required)" for key in sorted(typed.__required_keys__ - set(value))
    ]
    for key, item in value.items():
        if key not in fields:
            problems.append(f"{path}{key}")
            continue
        nested = typed_dicts_in(fields[key], module)
        items = item if isinstance(item, list) else [item]
        for index, element in enumerate(items):
            if not isinstance(element, dict) or not nested:
                continue
            where = f"{path}{key}.{index}." if isinstance(item, list) else f"{path}{key}."
            # A union of several typed shapes: the element must fit one of them.
            fits = [not_accepted(element, shape, where) for shape in nested]
            problems.extend(min(fits, key=len))
    return problems


@pytest.fixture
def online_donation(money):
    donation = money.give(10_000)  # offline, then made to look like a paid online gift
    type(donation).objects.filter(pk=donation.pk).update(
        channel="stripe", payment_intent="pi_test_contract", external_reference="cs_test_c"
    )
    donation.refresh_from_db()
    return donation


def checkout_params(donation) -> dict:
    return stripe_gateway.checkout_session_params(
        donation=donation,
        email="chen@example.com",
        success_url="https://example.org/ok",
        cancel_url="https://example.org/no",
    )


def refund_params(donation) -> dict:
    refund = Refund(
        donation=donation,
        amount_fen=1_000,
        request_key=refund_request_key(donation=donation, request="form:t"),
    )
    return stripe_gateway.refund_params(refund)


# ---- the version and the pin ----


def test_the_api_version_the_code_is_written_for_is_the_one_the_library_sends():
    assert stripe.api_version == settings.STRIPE_API_VERSION


def test_the_stripe_library_is_pinned_exactly_in_pyproject_and_the_lock():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    pins = [d for d in project["project"]["dependencies"] if d.startswith("stripe")]
    assert pins == [f"stripe=={stripe.VERSION}"]
    assert f"\nstripe=={stripe.VERSION} " in (ROOT / "requirements.lock").read_text()


def test_every_request_names_the_pinned_version(money, online_donation, stripe_double):
    stripe_gateway.stripe_client().v1.checkout.sessions.create(
        params=checkout_params(online_donation)
    )

    [sent] = stripe_double.requests
    assert sent.header("Stripe-Version") == settings.STRIPE_API_VERSION


# ---- the parameters ----


def test_the_services_the_gateway_calls_take_the_typed_params_checked_here():
    # If the library types its services with other classes, the walks below must follow.
    session_create = stripe.checkout.SessionService.create.__annotations__["params"]
    refund_create = stripe.RefundService.create.__annotations__["params"]

    assert "SessionCreateParams" in repr(session_create)
    assert "RefundCreateParams" in repr(refund_create)


def test_every_checkout_session_parameter_is_one_the_library_accepts(money, online_donation):
    assert not_accepted(checkout_params(online_donation), SessionCreateParams) == []


def test_every_refund_parameter_is_one_the_library_accepts(money, online_donation):
    assert not_accepted(refund_params(online_donation), RefundCreateParams) == []


def test_the_payment_methods_allowed_are_ones_the_library_names(money, online_donation):
    allowed = SessionCreateParams.__annotations__["allowed_payment_method_types"]
    for method in checkout_params(online_donation)["allowed_payment_method_types"]:
        assert f'"{method}"' in repr(allowed) or f"'{method}'" in repr(allowed)


def test_the_walk_catches_a_parameter_stripe_removed_and_a_nested_mistake(money, online_donation):
    params = checkout_params(online_donation)
    params["payment_method_types"] = ["card"]
    params["payment_method_options"] = {"wechat_pay": {"client": "web", "clent": "web"}}
    params["line_items"][0]["price_data"]["unit_amout"] = 1
    del params["line_items"][0]["price_data"]["currency"]

    assert sorted(not_accepted(params, SessionCreateParams)) == [
        "line_items.0.price_data.currency (missing, required)",
        "line_items.0.price_data.unit_amout",
        "payment_method_options.wechat_pay.clent",
        "payment_method_types",
    ]


def test_wechat_pay_is_told_it_pays_on_the_web(money, online_donation):
    assert checkout_params(online_donation)["payment_method_options"] == {
        "wechat_pay": {"client": "web"}
    }


# ---- the double answers like today's API ----


def test_the_double_refuses_payment_method_types_as_stripe_does(money, stripe_double):
    with pytest.raises(stripe.InvalidRequestError) as error:
        stripe_gateway.stripe_client().v1.checkout.sessions.create(
            params={
                "mode": "payment",
                "payment_method_types": ["card"],  # type: ignore[typeddict-unknown-key]
                "line_items": [
                    {
                        "quantity": 1,
                        "price_data": {
                            "currency": "cny",
                            "unit_amount": 1_000,
                            "product_data": {"name": "x"},
                        },
                    }
                ],
            }
        )

    assert error.value.http_status == 400
    assert error.value.code == "parameter_unknown"
    assert error.value.param == "payment_method_types"


def test_the_double_refuses_a_request_naming_another_api_version(money, stripe_double):
    client = stripe.StripeClient(
        double.SECRET_KEY,
        stripe_version="2025-09-30.clover",
        base_addresses={"api": stripe_double.url},
        max_network_retries=0,
    )

    with pytest.raises(stripe.InvalidRequestError):
        client.v1.refunds.create(params={"payment_intent": "pi_x"})


def test_the_double_refuses_an_amount_under_the_minimum(money, online_donation, stripe_double):
    params = checkout_params(online_donation)
    params["line_items"][0]["price_data"]["unit_amount"] = 399

    with pytest.raises(stripe.InvalidRequestError) as error:
        stripe_gateway.stripe_client().v1.checkout.sessions.create(params=params)

    assert error.value.code == "amount_too_small"
