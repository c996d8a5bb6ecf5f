"""The API's throttles, counted in ``core.ratelimit``: atomic in the shared cache, so they hold
across processes and hosts, and keyed on the client address as the trusted-proxy setting
resolves it. DRF's own ``AnonRateThrottle`` reads ``X-Forwarded-For`` when no proxy count is
configured, so a fresh header per request escaped it; and it reads, then writes, its history,
so parallel requests all passed."""

from __future__ import annotations

import time

from rest_framework.throttling import SimpleRateThrottle

from core import ratelimit
from core.middleware import client_ip


class ClientRateThrottle(SimpleRateThrottle):
    """Anonymous requests: ``anon`` of DEFAULT_THROTTLE_RATES per client address. Signed-in
    callers are left to ``UserRateThrottle`` where a view asks for it."""

    scope = "anon"

    def get_cache_key(self, request, view):  # required by SimpleRateThrottle; unused
        return None

    def allow_request(self, request, view) -> bool:
        if request.user and request.user.is_authenticated:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        ident = client_ip(request._request) or "unknown"
        return ratelimit.take(
            f"api-{self.scope}", ident, limit=self.num_requests, window=self.duration
        )

    def wait(self) -> float:
        return self.duration - (time.time() % self.duration)
