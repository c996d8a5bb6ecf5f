"""Laptop settings: `make run`. SQLite and nothing else running."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# Serve static files straight from the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A fixed key so that `make run` works out of the box; never use it for real data.
FIELD_ENCRYPTION_KEY = env.str("FIELD_ENCRYPTION_KEY", default="dev-only-field-encryption-key")

# The site's own 404 and 500 pages even with DEBUG on; DEBUG_PAGES=1 brings Django's back.
if DEBUG and not env.bool("DEBUG_PAGES", default=False):
    MIDDLEWARE = [*MIDDLEWARE, "core.middleware.SiteErrorPagesMiddleware"]  # noqa: F405
