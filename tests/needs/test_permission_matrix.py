"""Each role against each endpoint: allowed or refused, and nothing written when refused."""

import pytest
from rest_framework.test import APIClient

from core.factories import staff
from core.models import AuditEvent, Membership

pytestmark = pytest.mark.django_db
Role = Membership.Role

ROLES = [
    "caseworker",
    "other_county",
    "supervisor",
    "charity",
    "other_charity",
    "fund_manager",
    "auditor",
    "anonymous",
]


def users(world):
    return {
        "caseworker": world.caseworker,
        "other_county": world.nanguan_caseworker,
        "supervisor": world.supervisor,
        "charity": world.charity_staff,
        "other_charity": world.other_charity_staff,
        "fund_manager": staff(Role.FUND_MANAGER, "220100"),
        "auditor": world.auditor,
        "anonymous": None,
    }


def client(user):
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


# endpoint -> {role: expected status}; roles not named get the "default".
MATRIX = {
    ("get", "/api/v1/cases/"): {
        "caseworker": 200,
        "other_county": 200,
        "supervisor": 200,
        "auditor": 200,
        "anonymous": 401,
        "default": 403,
    },
    ("get", "/api/v1/cases/{case}/"): {
        "caseworker": 200,
        "supervisor": 200,
        "auditor": 200,
        "other_county": 404,
        "anonymous": 401,
        "default": 403,
    },
    ("post", "/api/v1/cases/{case}/close/"): {
        "caseworker": 400,
        "supervisor": 400,
        "auditor": 403,
        "other_county": 404,
        "anonymous": 401,
        "default": 403,
    },
    ("post", "/api/v1/cases/{case}/refer/"): {
        "caseworker": 400,
        "supervisor": 400,
        "auditor": 403,
        "other_county": 404,
        "anonymous": 401,
        "default": 403,
    },
    ("post", "/api/v1/referrals/{referral}/accept/"): {
        "charity": 200,
        "other_charity": 404,
        "caseworker": 403,
        "supervisor": 403,
        "auditor": 403,
        "other_county": 404,
        "anonymous": 401,
        "default": 403,
    },
    ("get", "/api/v1/referrals/{referral}/contact/"): {
        "charity": 403,
        "other_charity": 404,
        "caseworker": 403,
        "supervisor": 403,
        "auditor": 403,
        "other_county": 404,
        "anonymous": 401,
        "default": 403,
    },
    ("post", "/api/v1/relief-grants/{grant}/decide/"): {
        "supervisor": 200,
        "caseworker": 403,
        "auditor": 403,
        "other_county": 404,
        "anonymous": 401,
        "default": 403,
    },
    ("get", "/api/v1/public/needs/"): {"default": 200},
}

BODIES = {
    "/close/": {"outcome": "withdrawn"},
    "/refer/": {"project": None},
    "/decide/": {"approve": True, "reason": "经一事一议研究同意"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path"), list(MATRIX))
def test_permission_matrix(world, role, method, path):
    from needs import services

    case, referral = world.referred()
    grant = services.relief_grant(
        by=world.caseworker, case=case, kind="temporary", amount_fen=900_000, reason="重病"
    )
    url = path.format(case=case.pk, referral=referral.pk, grant=grant.pk)
    body = next((b for suffix, b in BODIES.items() if url.endswith(suffix)), None)
    events_before = AuditEvent.objects.count()

    response = getattr(client(users(world)[role]), method)(url, body, format="json")

    expected = MATRIX[(method, path)].get(role, MATRIX[(method, path)]["default"])
    assert response.status_code == expected, response.content[:300]
    if method == "post" and expected >= 400:
        assert AuditEvent.objects.count() == events_before  # refused: nothing written
