"""API plumbing: error format in both languages, authentication, core endpoints."""

import pytest
from rest_framework.authtoken.models import Token

from core.factories import MembershipFactory, OrganisationFactory, UserFactory, staff
from core.models import AuditEvent, Membership, Organisation, Region

Role = Membership.Role
pytestmark = pytest.mark.django_db


def admin_client(api_client):
    api_client.force_authenticate(UserFactory(is_superuser=True))
    return api_client


def test_validation_error_names_the_field_and_the_rule_in_chinese_by_default(api_client):
    response = admin_client(api_client).post(
        "/api/v1/organisations/", {"name": "", "kind": "government_office", "region": "999999"}
    )

    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert body["code"] == "invalid"
    errors = {e["field"]: e for e in body["errors"]}
    assert errors["name"]["code"] == "blank"
    assert errors["name"]["message"] == "该字段不能为空。"
    assert errors["region"]["code"] == "unknown_region"
    assert errors["region"]["message"] == "未知的行政区划代码“999999”。"
    assert body["message"] == "请求有误，请查看下列字段。"
    assert body["request_id"] == response["X-Request-ID"]
    assert not Organisation.objects.exists()


def test_validation_error_in_english_when_the_request_asks_for_it(api_client):
    response = admin_client(api_client).post(
        "/api/v1/organisations/",
        {"name": "", "kind": "nonsense", "region": "220104"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    errors = {e["field"]: e for e in response.json()["errors"]}
    assert response.json()["message"] == "The request has errors: see the fields named below."
    assert errors["name"]["message"] == "This field may not be blank."
    assert errors["kind"]["code"] == "invalid_choice"
    assert errors["kind"]["message"] == '"nonsense" is not a valid choice.'


def test_service_rule_errors_keep_their_field_and_code(api_client):
    response = admin_client(api_client).post(
        "/api/v1/organisations/",
        {
            "name": "某区民政局",
            "kind": "government_office",
            "region": "220104",
            "is_verified": True,
        },
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "is_verified"
    assert not Organisation.objects.exists()


def test_anonymous_api_call_gets_401_with_token_challenge(api_client):
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "not_authenticated"


def test_malformed_token_is_refused_clearly(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not a token")
    response = api_client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"] == (
        "Invalid token header. Token string should not contain spaces."
    )

    api_client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["message"] == "认证令牌无效。"


def test_token_login_and_me_show_roles_and_scope(api_client):
    user = staff(Role.CASEWORKER, "220104", username="wangfang")
    user.set_password("a-good-password-1")
    user.save()

    token_response = api_client.post(
        "/api/v1/auth/token/", {"username": "wangfang", "password": "a-good-password-1"}
    )
    assert token_response.status_code == 200
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token_response.json()['token']}")
    me = api_client.get("/api/v1/me/").json()

    assert me["username"] == "wangfang"
    assert me["roles"] == ["caseworker"]
    assert me["scope"] == {"everything": False, "regions": ["220104"], "organisations": []}


def test_regions_are_public_and_filter_within_a_region(api_client):
    response = api_client.get(
        "/api/v1/regions/", {"within": "220100", "level": 3, "page_size": 200}
    )
    codes = [r["code"] for r in response.json()["results"]]
    assert "220104" in codes and "220102" in codes
    assert all(code.startswith("2201") for code in codes)

    detail = api_client.get("/api/v1/regions/220104/").json()
    assert detail["full_name"] == "吉林省长春市朝阳区"
    assert [a["code"] for a in detail["ancestors"]] == ["220000", "220100"]


def test_bad_region_filter_names_the_parameter(api_client):
    response = api_client.get("/api/v1/regions/", {"within": "12ab"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "within"
    assert response.json()["errors"][0]["code"] == "invalid"


def test_platform_admin_registers_an_organisation_and_it_is_audited(api_client):
    response = admin_client(api_client).post(
        "/api/v1/organisations/",
        {"name": "长春市朝阳区民政局", "kind": "government_office", "region": "220104"},
    )
    assert response.status_code == 201, response.json()
    organisation = Organisation.objects.get(name="长春市朝阳区民政局")
    assert organisation.region_id == "220104"
    assert AuditEvent.objects.filter(
        action="organisation.create", object_id=str(organisation.pk)
    ).exists()


def test_caseworker_cannot_register_organisations(api_client):
    api_client.force_authenticate(staff(Role.CASEWORKER, "220104"))
    response = api_client.post(
        "/api/v1/organisations/", {"name": "X", "kind": "charity", "region": "220104"}
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="X").exists()


def test_verifying_a_charity_twice_records_one_event(api_client):
    charity = OrganisationFactory(kind=Organisation.Kind.CHARITY)
    client = admin_client(api_client)
    for _ in range(2):
        response = client.post(f"/api/v1/organisations/{charity.pk}/verify/", {"is_verified": True})
        assert response.status_code == 200
    charity.refresh_from_db()
    assert charity.is_verified
    assert AuditEvent.objects.filter(action="organisation.verify").count() == 1


def test_memberships_listing_follows_jurisdiction(api_client):
    chaoyang = staff(Role.CASEWORKER, "220104", username="chaoyang")
    staff(Role.CASEWORKER, "220102", username="nanguan")

    api_client.force_authenticate(chaoyang)
    usernames = {m["username"] for m in api_client.get("/api/v1/memberships/").json()["results"]}

    assert usernames == {"chaoyang"}


def test_granting_a_role_that_does_not_fit_the_organisation_is_refused(api_client):
    charity = OrganisationFactory(kind=Organisation.Kind.CHARITY)
    user = UserFactory()
    response = admin_client(api_client).post(
        "/api/v1/memberships/", {"user": user.pk, "organisation": charity.pk, "role": "caseworker"}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "role"
    assert not Membership.objects.filter(user=user).exists()


def test_audit_log_is_for_auditors_admins_and_supervisors_only(api_client):
    api_client.force_authenticate(staff(Role.CASEWORKER, "220104"))
    assert api_client.get("/api/v1/audit-events/").status_code == 403

    api_client.force_authenticate(staff(Role.CHARITY_STAFF, "220104"))
    assert api_client.get("/api/v1/audit-events/").status_code == 403


def test_supervisor_no_longer_sees_events_of_staff_who_left_or_of_charities(api_client):
    from django.db import transaction

    from core import services
    from core.audit import audit_record

    mover = staff(Role.CASEWORKER, "220104")
    services.membership_revoke(by=None, membership=Membership.objects.get(user=mover))
    charity_worker = staff(Role.CHARITY_STAFF, "220104")
    with transaction.atomic():
        audit_record(actor=mover, action="after.leaving")
        audit_record(actor=charity_worker, action="charity.action")
    supervisor = staff(Role.SUPERVISOR, "220100")

    api_client.force_authenticate(supervisor)
    actions = {e["action"] for e in api_client.get("/api/v1/audit-events/").json()["results"]}

    assert "after.leaving" not in actions
    assert "charity.action" not in actions


def test_supervisor_reads_audit_events_of_staff_in_their_jurisdiction_only(api_client):
    from django.db import transaction

    from core.audit import audit_record

    inside = staff(Role.CASEWORKER, "220104")
    outside = staff(Role.CASEWORKER, "360102")
    with transaction.atomic():
        audit_record(actor=inside, action="inside.action")
        audit_record(actor=outside, action="outside.action")
    city = OrganisationFactory(region=Region.objects.get(code="220100"))
    supervisor = UserFactory()
    MembershipFactory(user=supervisor, organisation=city, role=Role.SUPERVISOR)

    api_client.force_authenticate(supervisor)
    actions = {e["action"] for e in api_client.get("/api/v1/audit-events/").json()["results"]}

    assert actions == {"inside.action"}


def test_token_of_a_deactivated_user_does_not_authenticate(api_client):
    user = UserFactory()
    token = Token.objects.create(user=user)
    user.is_active = False
    user.save()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api_client.get("/api/v1/me/").status_code == 401
