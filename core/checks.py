"""Deployment checks of our own (``manage.py check --deploy``), beside Django's.

Each catches a setting that works on a laptop and breaks a promise in production."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

# The key `make run` uses (core/settings/dev.py): public, in the repository.
DEVELOPMENT_ENCRYPTION_KEY = "dev-only-field-encryption-key"
SHARED_CACHES = (
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
    "django_redis.cache.RedisCache",
)


@register(Tags.security, deploy=True)
def check_field_encryption_key(app_configs, **kwargs):
    key = getattr(settings, "FIELD_ENCRYPTION_KEY", "")
    if key == DEVELOPMENT_ENCRYPTION_KEY or len(key) < 16:
        return [
            Error(
                "FIELD_ENCRYPTION_KEY is the public development key or too short; ID numbers "
                "and bank cards would be readable by anyone with the repository.",
                hint="Set FIELD_ENCRYPTION_KEY to a long random secret of this deployment.",
                id="core.E001",
            )
        ]
    return []


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in SHARED_CACHES:
        return [
            Error(
                f"The cache ({backend}) is not shared by the processes and hosts that serve "
                "the site: the rate limits of the public forms, the anonymous API and sign-in "
                "would hold per process only.",
                hint="Set CACHE_URL=redis://host:6379/0 (core/ratelimit.py).",
                id="core.E002",
            )
        ]
    return []
