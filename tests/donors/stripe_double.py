"""A small local stand-in for the Stripe endpoints the platform calls, and signed webhooks.

The real ``stripe`` client is pointed at it (``STRIPE_API_BASE``), so requests are built,
sent, parsed and turned into errors by the library itself; nothing leaves 127.0.0.1.

- ``POST /v1/checkout/sessions``: a Checkout Session (``cs_test_…``) with a URL; the same
  ``Idempotency-Key`` gets the same session, as on Stripe.
- ``GET /v1/payment_intents/{id}``: a PaymentIntent registered with ``add_payment_intent``;
  with ``expand[]=latest_charge.balance_transaction`` the charge and its balance transaction
  (with the fee) are nested, as on Stripe.
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
    fail_with: int | None = None  # answer every request with this HTTP status (a Stripe error)
    _counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    def add_payment_intent(
        self, pi_id: str, *, amount: int, fee: int | None, currency: str = "cny", **balance
    ) -> None:
        """Register a paid PaymentIntent whose charge has a balance transaction with ``fee``
        (None: Stripe has no balance transaction yet). ``balance`` adds fields to it."""
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
            "latest_charge": {
                "id": charge_id,
                "object": "charge",
                "amount": amount,
                "currency": "cny",
                "balance_transaction": balance_transaction,
            },
        }

    def calls(self, method: str, path_prefix: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == method and r.path.startswith(path_prefix)]

    # ---- the endpoints ----

    def handle(self, method: str, path: str, headers: dict, params: dict) -> tuple[int, dict]:
        self.requests.append(Recorded(method, path, headers, params))
        if self.fail_with:
            return self.fail_with, _error("api_error", "The double is down.")
        if headers.get("Authorization") != f"Bearer {SECRET_KEY}":
            return 401, _error("invalid_request_error", "Invalid API Key provided.")
        if method == "POST" and path == "/v1/checkout/sessions":
            return 200, self._create_session(headers, params)
        if method == "GET" and path.startswith("/v1/payment_intents/"):
            pi_id = path.rsplit("/", 1)[-1]
            intent = self.payment_intents.get(pi_id)
            if intent is None:
                return 404, _error("invalid_request_error", f"No such payment_intent: '{pi_id}'")
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

    def _create_session(self, headers: dict, params: dict) -> dict:
        key = headers.get("Idempotency-Key")
        if key and key in self.sessions_by_key:
            return self.sessions_by_key[key]
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
        return session


def _error(kind: str, message: str) -> dict:
    return {"error": {"type": kind, "message": message}}


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
        "api_version": "2025-09-30.clover",
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
