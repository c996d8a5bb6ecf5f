import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the rate-limit counters (core/ratelimit.py) and
    cached listings of one test must not spill into the next, as they would in one process."""
    cache.clear()
    yield


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def in_english():
    """Services' messages in English, for tests that read them: outside a request the active
    language is the default, zh-hans (a request's language comes from its Accept-Language)."""
    from django.utils import translation

    with translation.override("en"):
        yield
