"""Settings shared by every environment.

Every deployment difference is an environment variable with a safe default for a laptop
(README.md lists them all). ``dev``, ``test`` and ``production`` only change defaults.
"""

from __future__ import annotations

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core",
    "needs",
    "discovery",
    "projects",
    "donors",
    "search",
    "cms",
    "supervision",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RequestContextMiddleware",
    # Before anything reads the request: control characters get a 400, never a 500.
    "core.middleware.ControlCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Refuses sign-in from an address that failed too often, whatever the usernames.
    "core.lockout.LoginSprayGuardMiddleware",
    # Axes must be last: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
    # After axes (process_exception runs bottom-up, so this sees a view's error first).
    "core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "core.urls"
WSGI_APPLICATION = "core.wsgi.application"
ASGI_APPLICATION = "core.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "core" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite file by default so that `make run` needs nothing running; DATABASE_URL switches to
# PostgreSQL (postgres://user@host:5432/name).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep a worker's connection between requests: opening one costs more than a cached page
# (SQLite parses the whole schema again on every new connection, about 6 ms of the 8 ms a
# cached public page took; bench/public_pages.py). Health checks drop a broken one.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait on a locked database instead of failing at once when two requests write together.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # Take the write lock when a transaction starts: SQLite has no row locks, so money
    # services that read a balance and then write serialise here (DESIGN.md 7.2).
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out login before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "wagtailadmin_login"

# Language: Chinese first, English available (DESIGN.md section 7 rule 6).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "core" / "locale"]
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Wagtail's sign-in form with its password field labelled in the reader's language.
WAGTAILADMIN_USER_LOGIN_FORM = "core.admin_login.LoginForm"
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "core" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A list uploaded for a data cross-check waits here, under a random name, until its
# background import finishes or stops: outside MEDIA_ROOT and without a URL, so never served.
# At scale, point it to a private bucket that the workers reach (CROSSCHECK_UPLOAD_STORAGE).
CROSSCHECK_UPLOAD_STORAGE = {
    "BACKEND": env.str(
        "CROSSCHECK_UPLOAD_STORAGE_BACKEND",
        default="django.core.files.storage.FileSystemStorage",
    ),
    "OPTIONS": {
        "location": env.path(
            "CROSSCHECK_UPLOAD_DIR", default=BASE_DIR / "private" / "crosscheck-uploads"
        ),
        "base_url": None,
        "file_permissions_mode": 0o600,
        "directory_permissions_mode": 0o700,
    },
}
STORAGES["crosscheck_uploads"] = CROSSCHECK_UPLOAD_STORAGE
# Proofs of payment to households (bank slips, hospital invoices): they show a household's
# name and account, so they are personal data. Kept outside MEDIA_ROOT and without a URL;
# served only by the view that checks who may read that payment (donors.proofs).
PAYMENT_PROOF_STORAGE = {
    "BACKEND": env.str(
        "PAYMENT_PROOF_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
    ),
    "OPTIONS": {
        "location": env.path("PAYMENT_PROOF_DIR", default=BASE_DIR / "private" / "payment-proofs"),
        "base_url": None,
        "file_permissions_mode": 0o600,
        "directory_permissions_mode": 0o700,
    },
}
STORAGES["payment_proofs"] = PAYMENT_PROOF_STORAGE
# Households' signed authorizations of the economic-status check (授权核对): a signature and
# names, so personal data kept like the proofs of payment (no URL, never served as media).
CHECK_AUTHORIZATION_STORAGE = {
    "BACKEND": env.str(
        "CHECK_AUTHORIZATION_STORAGE_BACKEND",
        default="django.core.files.storage.FileSystemStorage",
    ),
    "OPTIONS": {
        "location": env.path(
            "CHECK_AUTHORIZATION_DIR", default=BASE_DIR / "private" / "check-authorizations"
        ),
        "base_url": None,
        "file_permissions_mode": 0o600,
        "directory_permissions_mode": 0o700,
    },
}
STORAGES["check_authorizations"] = CHECK_AUTHORIZATION_STORAGE

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# Wagtail
WAGTAIL_SITE_NAME = "救急难 · 救助资源与救助需求对接平台"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "csv", "txt", "odt", "ods"]

# Elasticsearch serves the matching service at scale (search/); empty means the embedded engine.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
# Every matching index and alias name starts with this ("jijinan-projects", "jijinan-needs").
SEARCH_INDEX_PREFIX = env.str("SEARCH_INDEX_PREFIX", default="jijinan")
# An allocation proposal is computed in the request; beyond these it would take more than some
# ten seconds (bench/proposal.py), so staff are asked to choose part of their cases first.
PROPOSAL_MAX_CASES = env.int("PROPOSAL_MAX_CASES", default=20_000)
PROPOSAL_MAX_PAIRS = env.int("PROPOSAL_MAX_PAIRS", default=1_500_000)  # (case, project) pairs
if ELASTICSEARCH_URL:
    # Wagtail search (the policy pages, the admin's page search) moves to the same cluster.
    # Chinese has no spaces between words: every text field without an analyzer of its own
    # is cut into bigrams by the built-in cjk analyzer, as the matching indexes are.
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"{SEARCH_INDEX_PREFIX}-wagtail-",
            "INDEX_SETTINGS": {
                "settings": {"analysis": {"analyzer": {"default": {"type": "cjk"}}}}
            },
        }
    }

# Stripe is optional: without keys the Stripe option is hidden and offline donations still work.
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")
# The Stripe API version the integration is written for (its parameters, events and objects):
# the version the locked `stripe` library sends (stripe.api_version), sent with every request.
# Upgrading the library (pinned exactly in pyproject.toml) means reading Stripe's changelog,
# changing this and whatever the new version changed; a test fails until the two agree.
STRIPE_API_VERSION = "2026-10-28.endive"
# Where Checkout pages live: the donate form may send the browser there (CSP form-action).
STRIPE_CHECKOUT_ORIGIN = env.str("STRIPE_CHECKOUT_ORIGIN", default="https://checkout.stripe.com")

# Background work: Django's task framework (the django-tasks backport) on the database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Email: console by default; EMAIL_URL (smtp://user:pass@host:587) when configured.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@jijinan.local")
# Staff notifications go out by email too once a mail server is configured (core.notifications).
NOTIFICATION_EMAILS = env.bool("NOTIFICATION_EMAILS", default="EMAIL_URL" in env.ENVIRON)
# Owners are reminded of a step this many hours before it is due (supervision.services).
DEADLINE_REMINDER_HOURS = env.int("DEADLINE_REMINDER_HOURS", default=24)

# The password `manage.py seed_demo` gives every demo login.
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="")

# Personal data of people in hardship: ID numbers are encrypted at rest with this key.
FIELD_ENCRYPTION_KEY = env.str("FIELD_ENCRYPTION_KEY", default="")

# Working-day time limits (工作日) for each step of a case, unless an office sets its own.
# Seed 000 asks for handling time limits; the figures are defaults an office may override.
DEFAULT_TIME_LIMITS_WORKING_DAYS = {
    "accept": 1,  # accept by the next working day
    "assess": 3,
    "relief": 5,
    "referral_answer": 3,
    "advance_relief_paperwork": 10,
    "hotline_callback": 1,  # call a 12349 caller back by the next working day
    "hotline_result": 5,  # and tell them the result within five working days (限时办结)
    # The stages of an assistance application (needs.services.assistance): 低保 is to be decided
    # within 30 working days of the application, and these add up to that.
    "assistance_accept": 3,
    "assistance_check": 10,
    "assistance_review": 10,
    "assistance_approve": 7,
}
# An office may also set a stage's limit for one assistance type only ("assistance_check:medical").
ASSISTANCE_TYPE_CODES = (
    "dibao",
    "tekun",
    "dibao_edge",
    "expenditure_hardship",
    "medical",
    "education",
    "housing",
    "employment",
    "disaster",
    "temporary",
    "vagrant",
)
DEFAULT_TIME_LIMITS_WORKING_DAYS.update(
    {
        f"{step}:{code}": days
        for step, days in list(DEFAULT_TIME_LIMITS_WORKING_DAYS.items())
        if step.startswith("assistance_")
        for code in ASSISTANCE_TYPE_CODES
    }
)

# Routine visits (必到必访) to key-group households: days between two visits, per key group
# (seed 003 asks for regular visits without fixing an interval; these are defaults). A
# household in several groups is visited as often as its most demanding group requires.
ROUTINE_VISIT_INTERVAL_DAYS = {
    "kg_elderly_disabled_ill": 30,
    "kg_no_work_capacity": 30,
    "kg_unstable_ex_poverty": 30,
    "kg_earlier_applicant": 90,
    "kg_hotline_caller": 30,
    "kg_disaster_hit": 15,
    "kg_hardship_after_relief": 30,
    "kg_other": 90,
}
ROUTINE_VISIT_DEFAULT_INTERVAL_DAYS = env.int("ROUTINE_VISIT_DEFAULT_INTERVAL_DAYS", default=90)
# Advance relief (先行救助) is counted in hours from the emergency report, not working days.
ADVANCE_RELIEF_WITHIN_HOURS = env.int("ADVANCE_RELIEF_WITHIN_HOURS", default=24)

# Data cross-checks (专项救助数据导入): the largest list accepted, rows per committed batch, and
# how many refused rows an import's report lists one by one (all are counted).
CROSSCHECK_MAX_UPLOAD_BYTES = env.int("CROSSCHECK_MAX_UPLOAD_BYTES", default=100 * 1024 * 1024)
CROSSCHECK_BATCH_SIZE = env.int("CROSSCHECK_BATCH_SIZE", default=2000)
CROSSCHECK_REPORT_ROWS = env.int("CROSSCHECK_REPORT_ROWS", default=1000)
# A background import holds a lease on its record, renewed with every committed batch: one not
# renewed for this long means its worker died, and the sweep (sweep_overdue, or the next import
# task) resumes it from its progress, at most CROSSCHECK_MAX_RECOVERIES times, or stops it. A
# queued import no worker has taken within CROSSCHECK_QUEUE_SECONDS is handled the same way.
CROSSCHECK_LEASE_SECONDS = env.int("CROSSCHECK_LEASE_SECONDS", default=300)
CROSSCHECK_QUEUE_SECONDS = env.int("CROSSCHECK_QUEUE_SECONDS", default=24 * 3600)
CROSSCHECK_MAX_RECOVERIES = env.int("CROSSCHECK_MAX_RECOVERIES", default=3)

# Temporary relief ceilings (fen) unless an office sets its own (needs.ReliefPolicy). Above the
# normal ceiling a supervisor approves case by case (一事一议).
RELIEF_CEILING_FEN = env.int("RELIEF_CEILING_FEN", default=500_000)  # ¥5,000.00
ADVANCE_RELIEF_CEILING_FEN = env.int("ADVANCE_RELIEF_CEILING_FEN", default=100_000)  # ¥1,000.00
# The shortest public notice (公示) of an assistance application any office may set, platform
# wide (issue 20). The seeds require a notice but name no period; the national practice is 7
# days, which is also the offices' default, so a floor above it is refused at start-up (it
# would make the default rules invalid).
ASSISTANCE_NOTICE_FLOOR_DAYS = env.int("ASSISTANCE_NOTICE_FLOOR_DAYS", default=7)
if not 1 <= ASSISTANCE_NOTICE_FLOOR_DAYS <= 7:
    raise ImproperlyConfigured("ASSISTANCE_NOTICE_FLOOR_DAYS must be between 1 and 7 days.")
# The household economic-status check (核对, "逢进必核"): temporary relief above this amount
# needs a current check of the household unless the office sets its own threshold
# (needs.EconomicCheckPolicy); unset, only offices that set one require it. A completed check
# stays current for this many days.
ECONOMIC_CHECK_RELIEF_THRESHOLD_FEN = env.int("ECONOMIC_CHECK_RELIEF_THRESHOLD_FEN", default=None)
ECONOMIC_CHECK_VALIDITY_DAYS = env.int("ECONOMIC_CHECK_VALIDITY_DAYS", default=180)
# Payments to one referral's household above this in total within the period below need a
# second person to approve them (four eyes): splitting a payment in two does not avoid it.
DISBURSEMENT_FOUR_EYES_FEN = env.int("DISBURSEMENT_FOUR_EYES_FEN", default=500_000)  # ¥5,000.00
DISBURSEMENT_FOUR_EYES_DAYS = env.int("DISBURSEMENT_FOUR_EYES_DAYS", default=30)
# The largest proof of payment file accepted (a phone photo of a bank slip, a scanned invoice).
PAYMENT_PROOF_MAX_BYTES = env.int("PAYMENT_PROOF_MAX_BYTES", default=10 * 1024 * 1024)

# API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous API call then gets 401 with WWW-Authenticate, not 403.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "core.api.filters.FilterBackend",
        "core.api.filters.StableOrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    # Anonymous callers of every public endpoint, per client address (core.api.throttles);
    # starting an online donation, which opens a Checkout Session, has its own tighter rate.
    "DEFAULT_THROTTLE_CLASSES": ["core.api.throttles.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/minute", "user": "600/minute", "donation": "20/hour"},
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "救急难平台 API",
    "DESCRIPTION": "Back-office and public API of the emergency and hardship relief platform.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["core.api.schema.only_platform_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.error_responses",
    ],
    # Several models have a "status" or "outcome"; give each choice set its own name.
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "needs.models.cases.Case.Status",
        "CaseOutcomeEnum": "needs.models.cases.Case.Outcome",
        "ReliefGrantStatusEnum": "needs.models.cases.ReliefGrant.Status",
        "ReliefKindEnum": "needs.models.cases.ReliefGrant.Kind",
        "ReferralStatusEnum": "needs.models.referrals.Referral.Status",
        "ReferralOutcomeEnum": "needs.models.referrals.Referral.Outcome",
        "ReferralRejectReasonEnum": "needs.models.referrals.Referral.RejectReason",
        "OrganisationKindEnum": "core.models.organisations.Organisation.Kind",
        "NeedStatusEnum": "needs.models.public.Need.Status",
        "HotlineCallStatusEnum": "discovery.models.registers.HotlineCall.Status",
        "ProxyApplicationReasonEnum": "discovery.models.registers.ProxyApplication.Reason",
        "CrossCheckKindEnum": "discovery.models.crosscheck.CrossCheckImport.Kind",
        "CrossCheckImportStatusEnum": "discovery.models.crosscheck.CrossCheckImport.Status",
        "RiskWarningTypeEnum": "discovery.models.crosscheck.RiskWarning.Type",
        "RiskWarningDispositionEnum": "discovery.models.crosscheck.RiskWarning.Disposition",
        "SupervisionTaskStatusEnum": "supervision.models.tasks.SupervisionTask.Status",
        "JointMeetingStatusEnum": "supervision.models.meetings.JointMeeting.Status",
        "JointMeetingTaskStatusEnum": "supervision.models.meetings.JointMeetingTask.Status",
        "HouseholdMemberRelationEnum": "needs.models.households.HouseholdMember.Relation",
        "HouseholdContactRelationEnum": "needs.models.households.HouseholdContact.Relation",
        "HouseholdIdentifierKindEnum": "needs.models.households.HouseholdIdentifier.Kind",
        "AssistanceTypeEnum": "needs.models.assistance.AssistanceType",
        "AssistanceStageEnum": "needs.models.assistance.AssistanceApplication.Stage",
        "CommunityReviewKindEnum": "needs.models.assistance.CommunityReview.Kind",
        "CommunityReviewResultEnum": "needs.models.assistance.CommunityReview.Result",
        "CheckAuthorizationMethodEnum": "needs.models.economic_checks.CheckAuthorization.Method",
        # The names these sets had before the check's API added a third "method" and
        # "category" to the schema (drf-spectacular cannot name three by their components).
        "MethodEnum": "needs.models.consent.Consent.Method",
        "CategoryEnum": "needs.models.cases.Case.Category",
        "EconomicCheckItemCategoryEnum": "needs.models.economic_checks.EconomicCheckItem.Category",
        "RelativeFilingRelationEnum": "needs.models.relatives.RelativeFiling.Relation",
        "PetitionStatusEnum": "discovery.models.petitions.Petition.Status",
        "PetitionFormEnum": "discovery.models.petitions.Petition.Form",
        "SurveyStatusEnum": "discovery.models.surveys.Survey.Status",
        "SurveyReasonEnum": "discovery.models.surveys.Survey.Reason",
        "SurveyAssignmentStatusEnum": "discovery.models.surveys.SurveyAssignment.Status",
        "ZeroReportOutcomeEnum": "discovery.models.zero_reports.ZeroReport.Outcome",
        "ProjectKindEnum": "projects.models.Project.Kind",
        "StockMovementKindEnum": "projects.models.StockMovement.Kind",
        "ServiceRecordKindEnum": "needs.models.referrals.ServiceRecord.Kind",
    },
}

# How many reverse proxies stand in front of the app and append to X-Forwarded-For. 0 (the
# default) trusts no header: the client IP is REMOTE_ADDR. Used by the audit log and axes.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)

# Login rate limiting (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"
# Against password spraying: failed sign-ins per client address, any usernames, per window.
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=30)
LOGIN_FAILURES_WINDOW = env.int("LOGIN_FAILURES_WINDOW_SECONDS", default=900)

# Content Security Policy: everything from our own origin; no CDN anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # Wagtail's admin still relies on inline scripts and styles.
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # Wagtail's admin JavaScript reads the CSRF cookie.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
