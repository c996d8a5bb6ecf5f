"""A separate process taking rate-limit slots from Redis (tests/cms/test_rate_limits.py).

Its own module, importing nothing of Django's models at the top, so that a spawned process can
import it before Django is set up."""

from __future__ import annotations

import os


def take_slots(url: str, barrier, results, count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings.test")
    import django

    django.setup()
    from django.core.cache.backends.redis import RedisCache

    from core import ratelimit

    ratelimit.cache = RedisCache(url, {})  # the shared cache production uses
    barrier.wait()
    for _ in range(count):
        results.put(ratelimit.take("two-processes", "203.0.113.9", limit=25, window=3600))
