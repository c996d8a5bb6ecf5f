"""The API against its own OpenAPI schema, fuzzed with Schemathesis (issue 16, item 3).

Every operation of /api/schema/ is called with generated input, each input as every demo
role and as an anonymous client, in this process through Django's WSGI application (the test
database). The bar: no server error and no answer outside the schema (status code, content
type, body). Bounded: FUZZ_EXAMPLES generated inputs per operation (default 6; `make
fuzz-api` sets 15), a few minutes in all. `make fuzz-api` runs it (CI does); `make test`
leaves it out.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis import checks
from schemathesis.config import SchemathesisConfig

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
ROLES = (
    None,  # anonymous
    "caseworker.chaoyang",
    "supervisor.changchun",
    "charity.jilin",
    "fund.jian",
    "auditor.jilin",
)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo's offices and logins, once for the whole run (each test rolls back)."""
    from core.demo import seed_core

    with django_db_blocker.unblock():
        seed_core()


@pytest.fixture
def credentials(db) -> list[dict]:
    """Request headers of each role (an empty dict: anonymous)."""
    from rest_framework.authtoken.models import Token

    from core.models import User

    headers = []
    for username in ROLES:
        if username is None:
            headers.append({})
            continue
        token, _created = Token.objects.get_or_create(user=User.objects.get(username=username))
        headers.append({"Authorization": f"Token {token.key}"})
    return headers


# Random generation only, bounded above: the coverage phase's boundary cases alone would
# take longer than the whole CI run may.
CONFIG = SchemathesisConfig.from_dict(
    {"phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}}}
)

# Generating the schema reads the code only, not the database: it loads at collection.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application(), config=CONFIG)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_within_its_schema(case, credentials):
    from django.core.cache import cache

    for headers in credentials:  # the same input as every role
        cache.clear()  # the rate limits count per client: every call starts afresh
        case.call_and_validate(headers=headers, checks=CHECKS)
