"""Limits that hold across processes and hosts (issue 16, item 2).

- The counters are atomic in the shared cache: requests racing in parallel cannot all pass a
  check each read before any counted (threads here; two processes on Redis below).
- They are keyed on the client address as the trusted-proxy setting resolves it: a fresh
  ``X-Forwarded-For`` per request does not make a fresh client.
- Password spraying (a few passwords across many usernames from one address) is shut out
  beside the per-user lockout.
"""

from __future__ import annotations

import multiprocessing
import os
import socket
import threading

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from core import ratelimit
from core.api.throttles import ClientRateThrottle
from core.factories import UserFactory
from discovery.models import PublicReport
from donors.api.checkout import DonationThrottle
from donors.models import Donation
from tests.cms.ratelimit_worker import take_slots
from tests.cms.test_report_someone import GOOD
from tests.donors import stripe_double as double
from tests.donors.test_stripe_checkout import body

stripe_double = double.stripe_double
no_network = double.no_network

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def in_parallel(count: int, request) -> list[int]:
    """``request()`` from ``count`` threads released at once; their status codes."""
    start, codes, lock = threading.Barrier(count), [], threading.Lock()

    def run():
        start.wait()
        try:
            code = request()
        finally:
            connection.close()  # each thread opened its own
        with lock:
            codes.append(code)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


def test_take_counts_atomically_under_threads():
    results = []
    barrier = threading.Barrier(20)

    def run():
        barrier.wait()
        results.append(ratelimit.take("t", "1.2.3.4", limit=5, window=3600))

    threads = [threading.Thread(target=run) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(True) == 5


def test_give_back_returns_a_slot():
    assert all(ratelimit.take("t", "a", limit=2, window=3600) for _ in range(2))
    assert not ratelimit.take("t", "a", limit=2, window=3600)
    ratelimit.give_back("t", "a", window=3600)
    ratelimit.give_back("t", "a", window=3600)
    assert ratelimit.take("t", "a", limit=2, window=3600)
    assert not ratelimit.take("t", "b", limit=0, window=3600)


ON_POSTGRES = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="parallel requests need PostgreSQL: run with DATABASE_URL=postgres://... (CI does)",
)
# Threads use their own database connections: they see only committed rows.
IN_THREADS = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@ON_POSTGRES
@IN_THREADS
def test_parallel_reports_cannot_all_pass_the_hourly_limit(world):
    codes = in_parallel(12, lambda: Client().post("/report/", GOOD).status_code)
    assert sorted(codes).count(302) == 5 and codes.count(429) == 7
    assert PublicReport.objects.count() == 5


def test_a_report_refused_for_a_mistake_does_not_use_up_the_hour(world, client):
    for _ in range(8):
        assert client.post("/report/", {**GOOD, "what_happened": ""}).status_code == 400
    assert client.post("/report/", GOOD).status_code == 302


@ON_POSTGRES
@IN_THREADS
def test_parallel_donation_starts_cannot_all_pass(money, stripe_double, monkeypatch):
    from cms import donate

    monkeypatch.setattr(donate, "STARTS_PER_IP_PER_HOUR", 3)
    form = {"fund": money.fund.pk, "amount": "10", "name": "王"}
    codes = in_parallel(8, lambda: Client().post("/donate/", form).status_code)
    assert codes.count(303) == 3 and codes.count(429) == 5
    assert Donation.objects.count() == 3


def test_a_fresh_forwarded_for_header_is_not_a_fresh_client(money, stripe_double, monkeypatch):
    """No proxy configured (PROXY_COUNT=0): X-Forwarded-For is the client's own word."""
    monkeypatch.setattr(DonationThrottle, "rate", "3/hour", raising=False)
    api = APIClient()
    codes = [
        api.post(
            "/api/v1/public/donations/",
            body(money),
            format="json",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        ).status_code
        for n in range(6)
    ]
    assert codes == [201, 201, 201, 429, 429, 429]
    assert Donation.objects.count() == 3


def test_behind_one_trusted_proxy_clients_are_told_apart(money, stripe_double, settings):
    settings.PROXY_COUNT = 1
    first = ratelimit.take_for_client(_request("203.0.113.1"), "x", limit=1, window=60)
    assert first
    assert not ratelimit.take_for_client(_request("203.0.113.1"), "x", limit=1, window=60)
    assert ratelimit.take_for_client(_request("203.0.113.2"), "x", limit=1, window=60)


def _request(forwarded_for: str):
    from django.test import RequestFactory

    return RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded_for, REMOTE_ADDR="10.0.0.1")


def test_anonymous_api_reads_are_limited_per_address(db, monkeypatch):
    rates = {**ClientRateThrottle.THROTTLE_RATES, "anon": "4/minute"}
    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", rates)
    api = APIClient()
    codes = [api.get("/api/v1/regions/?code=110000").status_code for _ in range(6)]
    signed_in = APIClient()
    signed_in.force_authenticate(UserFactory())
    assert signed_in.get("/api/v1/regions/?code=110000").status_code == 200
    assert codes == [200, 200, 200, 200, 429, 429]


def test_password_spraying_from_one_address_is_shut_out(db, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 10
    users = [UserFactory(username=f"staff{n}") for n in range(6)]
    real = users[0]
    real.set_password("the-right-password-1")
    real.save()
    client = Client()
    # Two passwords tried across six usernames: never five failures for one username.
    for password in ("123456", "password"):
        for user in users[1:]:
            assert (
                client.post(
                    "/admin/login/", {"username": user.username, "password": password}
                ).status_code
                == 200
            )
    response = client.post(
        "/admin/login/", {"username": real.username, "password": "the-right-password-1"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    api = APIClient()
    token = api.post(
        "/api/v1/auth/token/", {"username": real.username, "password": "the-right-password-1"}
    )
    assert token.status_code == 429 and token.json()["code"] == "locked_out"
    # Another address signs in.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert (
        other.post(
            "/admin/login/", {"username": real.username, "password": "the-right-password-1"}
        ).status_code
        == 302
    )


# Two processes on the same Redis: the counter is shared and atomic across them.

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(
    not _redis_reachable() and os.environ.get("CI") != "true",
    reason="Redis is not running on 127.0.0.1:6379 (CI runs this test)",
)
def test_two_processes_share_one_atomic_counter_in_redis():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    workers = [
        context.Process(target=take_slots, args=(REDIS_URL, barrier, results, 40)) for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    taken = [results.get(timeout=60) for _ in range(80)]
    for worker in workers:
        worker.join(timeout=60)
    assert taken.count(True) == 25


# Two real server processes (gunicorn) on the test database and one Redis: the public report
# form's hourly limit holds for requests fired at both at once.


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_server(port: int, database_url: str):
    import subprocess
    import sys
    import time

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "core.settings.test",
        "DATABASE_URL": database_url,
        "TEST_SERVER_CACHE_URL": REDIS_URL,
    }
    command = [sys.executable, "-m", "gunicorn", "core.wsgi", "-b", f"127.0.0.1:{port}"]
    command += ["--workers", "1", "--threads", "8", "--log-level", "warning"]
    server = subprocess.Popen(command, env=env)  # noqa: S603 (our own fixed command)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise AssertionError(f"the server on port {port} did not start")


@ON_POSTGRES
@pytest.mark.skipif(
    not _redis_reachable() and os.environ.get("CI") != "true",
    reason="Redis is not running on 127.0.0.1:6379 (CI runs this test)",
)
@IN_THREADS
def test_parallel_reports_across_two_server_processes_cannot_pass_the_hourly_limit(world):
    import re

    import redis
    import requests

    redis.Redis.from_url(REDIS_URL).flushdb()
    name = connection.settings_dict["NAME"]
    database_url = f"postgres://postgres@127.0.0.1:5432/{name}"
    ports = [_free_port(), _free_port()]
    servers = [_start_server(port, database_url) for port in ports]
    try:
        # Each "browser" opens the form on one of the two servers for its CSRF token...
        sessions = []
        for n in range(12):
            session = requests.Session()
            url = f"http://127.0.0.1:{ports[n % 2]}/report/"
            page = session.get(url, timeout=30)
            assert page.status_code == 200
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
            sessions.append((session, url, {**GOOD, "csrfmiddlewaretoken": token}))
        # ... then all twelve send it at once.
        start, codes, lock = threading.Barrier(12), [], threading.Lock()

        def send(session, url, form):
            start.wait()
            code = session.post(url, form, allow_redirects=False, timeout=30).status_code
            with lock:
                codes.append(code)

        threads = [threading.Thread(target=send, args=entry) for entry in sessions]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    assert sorted(codes) == [302] * 5 + [429] * 7
    assert PublicReport.objects.count() == 5
