"""Rate limits that hold across processes and hosts: counters in the shared cache.

Every public form and anonymous API counts here, keyed on the client address as resolved by
the trusted-proxy setting (``core.middleware.client_ip``; never a raw ``X-Forwarded-For``).
A slot is taken with the cache's atomic increment *before* the work is done, so requests
racing in parallel, in other processes or on other hosts, cannot all pass a check that each
read before any of them counted. That needs a cache every process shares and that increments
atomically: Redis in production (``CACHE_URL=redis://…``, checked by ``check --deploy``); the
in-memory cache where one process serves (``make run``, the tests).

Windows are fixed (this hour, this minute): at a window's edge a client can get up to twice the
limit in a short time, which is acceptable for abuse limits and keeps each check one round-trip.
"""

from __future__ import annotations

import contextlib
import time

from django.core.cache import cache

from core.middleware import client_ip


def _key(scope: str, ident: str, window: int) -> str:
    return f"ratelimit:{scope}:{ident}:{window}:{int(time.time() // window)}"


def take(scope: str, ident: str, *, limit: int, window: int) -> bool:
    """Take one of ``limit`` slots of ``ident``'s current ``window``-second period: True if
    one was left. The slot stays taken when the caller's work fails; ``give_back`` returns it
    where a failure should not count (a form with a typo)."""
    key = _key(scope, ident, window)
    cache.add(key, 0, timeout=window + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new period starts with this request
        cache.add(key, 1, timeout=window + 60)
        count = 1
    return count <= limit


def used(scope: str, ident: str, *, window: int) -> int:
    """How many slots of ``ident``'s current period are taken."""
    return cache.get(_key(scope, ident, window), 0)


def give_back(scope: str, ident: str, *, window: int) -> None:
    with contextlib.suppress(ValueError):  # the period ended meanwhile: nothing to give back
        cache.decr(_key(scope, ident, window))


def take_for_client(request, scope: str, *, limit: int, window: int) -> bool:
    """``take`` keyed on the request's client address."""
    return take(scope, client_ip(request) or "unknown", limit=limit, window=window)


def give_back_for_client(request, scope: str, *, window: int) -> None:
    give_back(scope, client_ip(request) or "unknown", window=window)
