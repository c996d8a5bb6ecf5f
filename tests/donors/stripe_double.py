"""A small local stand-in for the Stripe endpoints the platform calls, and signed webhooks.

The real ``stripe`` client is pointed at it (``STRIPE_API_BASE``), so requests are built,
sent, parsed and turned into errors by the library itself; nothing leaves 127.0.0.1.

It answers as Stripe's API version ``API_VERSION`` does (the version the platform is written
for, ``settings.STRIPE_API_VERSION``): a request naming another version is refused, and so
is what that version no longer takes, with Stripe's error shape, so a regression fails here.

- ``POST /v1/checkout/sessions``: a Checkout Session (``cs_test_…``) with a URL; the same
  ``Idempotency-Key`` gets the same session, as on Stripe. ``payment_method_types`` (removed
  in 2026-09-30.endive) is an unknown parameter; WeChat Pay needs
  ``payment_method_options[wechat_pay][client]``; a yuan amount under ¥4.00 or over
  ¥999,999.99 is refused.
- ``GET /v1/payment_intents/{id}``: a PaymentIntent registered with ``add_payment_intent``;
  with ``expand[]=latest_charge.balance_transaction`` the charge and its balance transaction
  (with the fee) are nested, as on Stripe.
- ``POST /v1/refunds``: a Refund (``re_test_…``) of a registered PaymentIntent, at most what
  is left of it; a card refund succeeds at once, an Alipay or WeChat Pay one is pending until
  the test settles it (``settle_refund``). The same ``Idempotency-Key`` gets the same refund;
  with other parameters, Stripe's ``idempotency_error``. ``GET /v1/refunds/{id}`` reads one.
Every request is recorded (method, path, headers, form or query parameters) for assertions.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest

SECRET_KEY = "sk_test_double"
PUBLISHABLE_KEY = "pk_test_double"
WEBHOOK_SECRET = "whsec_test_double"
# The Stripe API version this double answers as. Not read from the library or the settings:
# after an upgrade, someone reads Stripe's changelog and changes the double with the code.
API_VERSION = "2026-10-28.endive"
# Parameters Stripe removed from Checkout Session create by API_VERSION.
REMOVED_SESSION_PARAMS = {"payment_method_types"}
REFUND_PARAMS = {
    "amount",
    "charge",
    "currency",
    "customer",
    "expand",
    "instructions_email",
    "metadata",
    "origin",
    "payment_intent",
    "reason",
    "refund_application_fee",
    "reverse_transfer",
}
MIN_CNY_FEN, MAX_CNY_FEN = 400, 99_999_999
# Payment methods whose refunds settle later: pending first.
ASYNC_REFUND_METHODS = {"alipay", "wechat_pay"}


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    params: dict[str, str]

    def header(self, name: str) -> str | None:
        return {k.lower(): v for k, v in self.headers.items()}.get(name.lower())


@dataclass
class StripeDouble:
    url: str = ""
    requests: list[Recorded] = field(default_factory=list)
    payment_intents: dict[str, dict] = field(default_factory=dict)
    sessions_by_key: dict[str, dict] = field(default_factory=dict)
    refunds: dict[str, dict] = field(default_factory=dict)
    refunds_by_key: dict[str, tuple[dict, dict]] = field(default_factory=dict)
    fail_with: int | None = None  # answer every request with this HTTP status (a Stripe error)
    # Do what is asked, then answer with this HTTP status: Stripe acted, the answer was lost.
    lose_answers_with: int | None = None
    _counter: itertools.count = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add_payment_intent(
        self,
        pi_id: str,
        *,
        amount: int,
        fee: int | None,
        currency: str = "cny",
        payment_method: str = "card",
        metadata: dict | None = None,
        **balance,
    ) -> None:
        """Register a paid PaymentIntent whose charge has a balance transaction with ``fee``
        (None: Stripe has no balance transaction yet), paid with ``payment_method`` (card,
        alipay, wechat_pay), with ``metadata`` (Checkout copies ours to it). ``balance`` adds
        fields to the balance transaction."""
        charge_id = f"ch_test_{pi_id}"
        balance_transaction = (
            None
            if fee is None
            else {
                "id": f"txn_test_{pi_id}",
                "object": "balance_transaction",
                "amount": amount,
                "fee": fee,
                "net": amount - fee,
                "currency": currency,
                **balance,
            }
        )
        self.payment_intents[pi_id] = {
            "id": pi_id,
            "object": "payment_intent",
            "amount": amount,
            "currency": "cny",
            "status": "succeeded",
            "payment_method_types": [payment_method],
            "metadata": metadata or {},
            "latest_charge": {
                "id": charge_id,
                "object": "charge",
                "amount": amount,
                "currency": "cny",
                "balance_transaction": balance_transaction,
                "payment_method_details": {"type": payment_method},
            },
        }

    def settle_refund(self, refund_id: str, status: str, failure_reason: str | None = None):
        """Stripe settles a refund (succeeded, failed, canceled): returns the refund object as
        the event about it carries it."""
        with self._lock:
            refund = self.refunds[refund_id]
            refund["status"] = status
            refund["failure_reason"] = failure_reason
            return json.loads(json.dumps(refund))

    def refunded_fen(self, pi_id: str) -> int:
        """What Stripe has refunded (or is refunding) of a PaymentIntent."""
        return sum(
            r["amount"]
            for r in self.refunds.values()
            if r["payment_intent"] == pi_id and r["status"] not in ("failed", "canceled")
        )

    def calls(self, method: str, path_prefix: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == method and r.path.startswith(path_prefix)]

    # ---- the endpoints ----

    def handle(self, method: str, path: str, headers: dict, params: dict) -> tuple[int, dict]:
        with self._lock:
            answer = self._handle(method, path, headers, params)
        if self.lose_answers_with:
            return self.lose_answers_with, _error("api_error", "The answer was lost.")
        return answer

    def _handle(self, method: str, path: str, headers: dict, params: dict) -> tuple[int, dict]:
        self.requests.append(Recorded(method, path, headers, params))
        if self.fail_with:
            return self.fail_with, _error("api_error", "The double is down.")
        if headers.get("Authorization") != f"Bearer {SECRET_KEY}":
            return 401, _error("invalid_request_error", "Invalid API Key provided.")
        version = headers.get("Stripe-Version")
        if version != API_VERSION:
            return 400, _error(
                "invalid_request_error",
                f"This double answers as API version {API_VERSION}, not {version}.",
                code="api_version_invalid",
            )
        if method == "POST" and path == "/v1/checkout/sessions":
            return self._create_session(headers, params)
        if method == "POST" and path == "/v1/refunds":
            return self._create_refund(headers, params)
        if method == "GET" and path.startswith("/v1/refunds/"):
            refund = self.refunds.get(path.rsplit("/", 1)[-1])
            if refund is None:
                return 404, _missing("refund", path.rsplit("/", 1)[-1])
            return 200, refund
        if method == "GET" and path.startswith("/v1/payment_intents/"):
            pi_id = path.rsplit("/", 1)[-1]
            intent = self.payment_intents.get(pi_id)
            if intent is None:
                return 404, _missing("payment_intent", pi_id)
            intent = json.loads(json.dumps(intent))
            expanded = [v for k, v in params.items() if k.startswith("expand[")]
            if "latest_charge.balance_transaction" not in expanded:
                charge = intent["latest_charge"]
                if "latest_charge" in expanded:
                    bt = charge["balance_transaction"]
                    charge["balance_transaction"] = bt and bt["id"]
                else:
                    intent["latest_charge"] = charge["id"]
            return 200, intent
        return 404, _error("invalid_request_error", f"Unrecognized request URL ({method} {path})")

    def _create_session(self, headers: dict, params: dict) -> tuple[int, dict]:
        key = headers.get("Idempotency-Key")
        if key and key in self.sessions_by_key:
            return 200, self.sessions_by_key[key]
        for name in sorted({param.split("[", 1)[0] for param in params}):
            if name in REMOVED_SESSION_PARAMS:
                return 400, _unknown_parameter(name)
        allowed = [v for k, v in params.items() if k.startswith("allowed_payment_method_types[")]
        if (not allowed or "wechat_pay" in allowed) and params.get(
            "payment_method_options[wechat_pay][client]"
        ) not in ("web", "ios", "android"):
            return 400, _error(
                "invalid_request_error",
                "payment_method_options[wechat_pay][client] is required for WeChat Pay.",
                code="parameter_missing",
                param="payment_method_options[wechat_pay][client]",
            )
        amount = int(params.get("line_items[0][price_data][unit_amount]", 0))
        if params.get("line_items[0][price_data][currency]") == "cny":
            if amount < MIN_CNY_FEN:
                return 400, _error(
                    "invalid_request_error",
                    "The Checkout Session's total amount due must add up to at least ¥4.00.",
                    code="amount_too_small",
                    param="line_items[0][price_data][unit_amount]",
                )
            if amount > MAX_CNY_FEN:
                return 400, _error(
                    "invalid_request_error",
                    "Amount must be no more than ¥999,999.99.",
                    code="amount_too_large",
                    param="line_items[0][price_data][unit_amount]",
                )
        session_id = f"cs_test_{next(self._counter):04d}"
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": params.get("mode"),
            "url": f"https://checkout.stripe.test/c/pay/{session_id}",
            "payment_intent": None,
            "payment_status": "unpaid",
            "status": "open",
            "amount_total": int(params.get("line_items[0][price_data][unit_amount]", 0)),
            "currency": params.get("line_items[0][price_data][currency]"),
            "client_reference_id": params.get("client_reference_id"),
            "metadata": {"donation": params.get("metadata[donation]")},
        }
        if key:
            self.sessions_by_key[key] = session
        return 200, session

    def _create_refund(self, headers: dict, params: dict) -> tuple[int, dict]:
        key = headers.get("Idempotency-Key")
        if key and key in self.refunds_by_key:
            first_params, refund = self.refunds_by_key[key]
            if first_params != params:
                return 400, _error(
                    "idempotency_error",
                    "Keys for idempotent requests can only be used with the same parameters "
                    "they were first used with.",
                )
            return 200, refund
        for name in sorted({param.split("[", 1)[0] for param in params}):
            if name not in REFUND_PARAMS:
                return 400, _unknown_parameter(name)
        pi_id = params.get("payment_intent", "")
        intent = self.payment_intents.get(pi_id)
        if intent is None:
            return 404, _missing("payment_intent", pi_id)
        left = intent["amount"] - self.refunded_fen(pi_id)
        charge = intent["latest_charge"]
        if left <= 0:
            return 400, _error(
                "invalid_request_error",
                f"Charge {charge['id']} has already been refunded.",
                code="charge_already_refunded",
            )
        amount = int(params.get("amount", left))
        if amount > left:
            return 400, _error(
                "invalid_request_error",
                f"Refund amount ({amount}) is greater than unrefunded amount on charge ({left})",
                code="amount_too_large",
                param="amount",
            )
        method = charge["payment_method_details"]["type"]
        refund = {
            "id": f"re_test_{next(self._counter):04d}",
            "object": "refund",
            "amount": amount,
            "currency": intent["currency"],
            "charge": charge["id"],
            "payment_intent": pi_id,
            "reason": params.get("reason"),
            "status": "pending" if method in ASYNC_REFUND_METHODS else "succeeded",
            "failure_reason": None,
            "metadata": {
                k[len("metadata[") : -1]: v for k, v in params.items() if k.startswith("metadata[")
            },
            "created": int(time.time()),
        }
        self.refunds[refund["id"]] = refund
        if key:
            self.refunds_by_key[key] = (params, refund)
        return 200, json.loads(json.dumps(refund))


def _error(kind: str, message: str, **details) -> dict:
    """Stripe's error shape: type, message, and code and param where Stripe gives them."""
    return {"error": {"type": kind, "message": message, **details}}


def _unknown_parameter(name: str) -> dict:
    return _error(
        "invalid_request_error",
        f"Received unknown parameter: {name}",
        code="parameter_unknown",
        param=name,
        doc_url="https://stripe.com/docs/error-codes/parameter-unknown",
    )


def _missing(kind: str, object_id: str) -> dict:
    return _error(
        "invalid_request_error",
        f"No such {kind}: '{object_id}'",
        code="resource_missing",
        param="id",
    )


def _handler_for(double: StripeDouble):
    class Handler(BaseHTTPRequestHandler):
        def _answer(self, method: str) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            params = dict(parse_qsl(parts.query or body, keep_blank_values=True))
            status, payload = double.handle(method, parts.path, dict(self.headers), params)
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Request-Id", f"req_test_{len(double.requests)}")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            self._answer("GET")

        def do_POST(self):
            self._answer("POST")

        def log_message(self, *args):  # keep test output quiet
            pass

    return Handler


def _is_loopback(address) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    return isinstance(host, str) and (host in ("localhost", "::1") or host.startswith("127."))


@pytest.fixture
def no_network(monkeypatch):
    """Fail any connection to anywhere but this machine: these tests never touch the network."""
    real_connect = socket.socket.connect

    def guarded_connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
            raise AssertionError(f"test tried to reach the network: {address!r}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)


@pytest.fixture
def stripe_double(settings, monkeypatch, no_network):
    """Start the double on a free port and configure Stripe to use it (keys set)."""
    from donors import stripe_gateway

    double = StripeDouble()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(double))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    double.url = f"http://127.0.0.1:{server.server_address[1]}"
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = double.url
    # No back-off sleeps in tests: a failure is seen at once.
    monkeypatch.setattr(stripe_gateway, "MAX_NETWORK_RETRIES", 0)
    yield double
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


# ---- webhooks ----

_event_ids = itertools.count(1)


def event(event_type: str, obj: dict, *, event_id: str | None = None) -> dict:
    """A Stripe event as Stripe sends it to a webhook endpoint."""
    return {
        "id": event_id or f"evt_test_{next(_event_ids):06d}",
        "object": "event",
        "api_version": API_VERSION,
        "created": int(time.time()),
        "livemode": False,
        "pending_webhooks": 1,
        "type": event_type,
        "data": {"object": obj},
    }


def sign(payload: str, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """The ``Stripe-Signature`` header, computed here (not by the library) from Stripe's
    scheme: ``t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<payload>" keyed by the secret>``."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def post_event(client, evt: dict, *, signature: str | None = None, **headers):
    """Send ``evt`` to the webhook signed with the test secret (or with ``signature``)."""
    payload = json.dumps(evt)
    return client.post(
        "/api/v1/stripe/webhook/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature if signature is not None else sign(payload),
        **headers,
    )
