"""Test settings (bakerydemo habit): fast hasher, local cache, tasks run at once."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Server processes a test starts itself (tests/cms/test_rate_limits.py) share Redis, as
# production's do; the test process itself keeps the local cache.
if env.str("TEST_SERVER_CACHE_URL", default=""):
    CACHES = {"default": env.cache_url("TEST_SERVER_CACHE_URL")}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "crosscheck_uploads": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "payment_proofs": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "check_authorizations": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
FIELD_ENCRYPTION_KEY = env.str(
    "FIELD_ENCRYPTION_KEY", default="dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LTMyYg=="
)
# One connection per request, as Django's test runner expects (server threads a test starts
# would otherwise keep theirs open past the test database's teardown).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# Login rate limiting stays on: its own tests prove it works.
AXES_FAILURE_LIMIT = 3

# Serve static files straight from the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tests never touch a deployment's indexes on a shared Elasticsearch cluster.
SEARCH_INDEX_PREFIX = "jijinan-test"
if WAGTAILSEARCH_BACKENDS["default"].get("INDEX_PREFIX"):  # noqa: F405
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = f"{SEARCH_INDEX_PREFIX}-wagtail-"  # noqa: F405
