"""Production: differs from the others only through environment variables.

`manage.py check --deploy` passes when SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL,
FIELD_ENCRYPTION_KEY (not the development one) and CACHE_URL (Redis: the rate limits) are set.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")  # no default: refuse to start without a real secret
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
FIELD_ENCRYPTION_KEY = env.str("FIELD_ENCRYPTION_KEY")  # ID numbers are encrypted with it

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Only a proxy in front (PROXY_COUNT > 0) may say the request came over HTTPS: without one,
# a client could send X-Forwarded-Proto itself.
if PROXY_COUNT:  # noqa: F405
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True  # the 关怀版 cookie follows SESSION_COOKIE_SECURE (cms/views.py)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "crosscheck_uploads": CROSSCHECK_UPLOAD_STORAGE,  # noqa: F405
    "payment_proofs": PAYMENT_PROOF_STORAGE,  # noqa: F405
    "check_authorizations": CHECK_AUTHORIZATION_STORAGE,  # noqa: F405
}

# Wagtail's page preview shows the page in a same-origin frame, so frames stay SAMEORIGIN
# (X_FRAME_OPTIONS and CSP frame-ancestors 'self') instead of DENY.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
