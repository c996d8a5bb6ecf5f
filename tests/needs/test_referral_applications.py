"""A department referral carries the assistance type (issue 20, item 1): the referral names
the assistance the department is asked to consider, and the department, accepting it, starts
that application for the case's household in one step, as the office responsible."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from core.factories import OrganisationFactory
from core.models import AuditEvent, Membership, Organisation, Region
from needs import services
from needs.models import AssistanceApplication, Referral
from tests.needs.conftest import _member
from tests.needs.test_assistance_screens_api import token_of

pytestmark = pytest.mark.django_db


def _referred(world, assistance_type="medical", **kwargs):
    case = world.relieved()
    return services.referral_create(
        by=world.caseworker,
        case=case,
        department=world.department,
        assistance_type=assistance_type,
        **kwargs,
    )


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# ---- the service ----


def test_the_department_accepts_and_starts_the_application_in_one_step(world):
    referral = _referred(world)
    assert referral.assistance_type == "medical"
    application = services.referral_application_start(by=world.department_staff, referral=referral)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    assert application.type == "medical"
    assert application.office == world.department  # the department is responsible
    assert application.household == referral.case.household
    assert application.case == referral.case and application.referral == referral
    assert application.stage == AssistanceApplication.Stage.APPLIED
    assert AuditEvent.objects.filter(action="referral.accept", object_id=str(referral.pk)).exists()
    assert AuditEvent.objects.filter(action="assistance.apply").count() == 1
    event = AuditEvent.objects.get(action="referral.application_start")
    assert event.changes["assistance_application"] == [None, application.pk]


def test_an_accepted_referral_starts_its_application_later(world):
    referral = _referred(world)
    services.referral_accept(by=world.department_staff, referral=referral)
    application = services.referral_application_start(by=world.department_staff, referral=referral)
    assert application.referral == referral


def test_department_staff_role_starts_it_too(world):
    staff = _member(Membership.Role.DEPARTMENT_STAFF, world.department, "yibao2")
    application = services.referral_application_start(by=staff, referral=_referred(world))
    assert application.office == world.department


def test_a_repeated_start_is_refused_and_nothing_more_is_written(in_english, world):
    referral = _referred(world)
    services.referral_application_start(by=world.department_staff, referral=referral)
    with pytest.raises(ValidationError, match="already started from this referral"):
        services.referral_application_start(by=world.department_staff, referral=referral)
    assert AssistanceApplication.objects.count() == 1
    assert AuditEvent.objects.filter(action="referral.application_start").count() == 1


def test_only_the_receiving_department_starts_it(in_english, world):
    referral = _referred(world)
    for outsider in (world.caseworker, world.charity_staff, world.donghu_caseworker):
        with pytest.raises(PermissionDenied, match="sent to another organisation"):
            services.referral_application_start(by=outsider, referral=referral)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REQUESTED
    assert not AssistanceApplication.objects.exists()


def test_a_referral_without_a_type_starts_nothing(in_english, world):
    referral = _referred(world, assistance_type="")
    with pytest.raises(ValidationError) as error:
        services.referral_application_start(by=world.department_staff, referral=referral)
    assert "assistance_type" in error.value.message_dict
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REQUESTED  # not accepted either
    assert not AssistanceApplication.objects.exists()


def test_a_closed_referral_starts_nothing(in_english, world):
    referral = _referred(world)
    services.referral_reject(by=world.department_staff, referral=referral, reason="not_eligible")
    with pytest.raises(ValidationError, match="cannot be changed this way"):
        services.referral_application_start(by=world.department_staff, referral=referral)
    assert not AssistanceApplication.objects.exists()


def test_a_department_outside_the_households_region_is_refused_and_the_referral_stays(
    in_english, world
):
    far = OrganisationFactory(
        name="南昌市医疗保障局",
        kind=Organisation.Kind.DEPARTMENT,
        region=Region.objects.get(code="360102"),
    )
    staff = _member(Membership.Role.DEPARTMENT_STAFF, far, "nanchang")
    case = world.relieved()
    referral = services.referral_create(
        by=world.caseworker, case=case, department=far, assistance_type="medical"
    )
    with pytest.raises(ValidationError) as error:
        services.referral_application_start(by=staff, referral=referral)
    assert "office" in error.value.message_dict
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REQUESTED  # the acceptance was rolled back
    assert not AssistanceApplication.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"assistance_type": "pension"}, "Choose an assistance type."),
        ({"project": "project"}, "Only a referral to a department names an assistance type."),
    ],
)
def test_a_referral_with_a_bad_type_is_refused_naming_the_field(in_english, world, kwargs, message):
    case = world.relieved()
    target = (
        {"project": world.project, "amount_requested_fen": 100_000}
        if "project" in kwargs
        else {"department": world.department}
    )
    with pytest.raises(ValidationError) as error:
        services.referral_create(
            by=world.caseworker,
            case=case,
            assistance_type=kwargs.get("assistance_type", "medical"),
            **target,
        )
    assert error.value.message_dict["assistance_type"] == [message]
    assert not Referral.objects.exists()


# ---- the referral screen ----


def test_the_referral_page_names_the_type_and_starts_the_application_once(client, world):
    referral = _referred(world)
    client.force_login(world.department_staff)
    url = f"/admin/referrals/{referral.pk}/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "医疗救助" in page and ">medical<" not in page
    action = f"{url}start_application/"
    token = token_of(page, action)
    response = client.post(action, {"submission": token})
    assert response.status_code == 302
    again = client.post(action, {"submission": token})
    assert again.status_code == 302
    assert AssistanceApplication.objects.count() == 1
    application = AssistanceApplication.objects.get()
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"/admin/assistance/{application.pk}/" in page
    assert action not in page  # started: the action is gone


def test_the_referring_caseworker_is_not_offered_the_action(client, world):
    referral = _referred(world)
    client.force_login(world.caseworker)
    page = client.get(f"/admin/referrals/{referral.pk}/").content.decode()
    assert "start_application/" not in page
    response = client.post(f"/admin/referrals/{referral.pk}/start_application/", {})
    assert response.status_code in (200, 403)
    assert not AssistanceApplication.objects.exists()


def test_the_refer_form_sends_the_type(client, world):
    case = world.relieved()
    client.force_login(world.caseworker)
    url = f"/admin/cases/{case.pk}/refer/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'name="assistance_type"' in page and "医疗救助" in page
    token = page.split('name="submission" value="')[1].split('"')[0]
    response = client.post(
        url,
        {
            "submission": token,
            "department": world.department.pk,
            "assistance_type": "medical",
        },
    )
    assert response.status_code == 302
    assert Referral.objects.get().assistance_type == "medical"


# ---- the API ----


def test_the_api_refers_with_a_type_and_the_department_starts_it_once(world):
    case = world.relieved()
    created = api(world.caseworker).post(
        f"/api/v1/cases/{case.pk}/refer/",
        {"department": world.department.pk, "assistance_type": "medical"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="refer-medical-1",
    )
    assert created.status_code == 201, created.content
    referral_id = created.json()["referral"]["id"]
    assert created.json()["referral"]["assistance_type"] == "medical"
    department = api(world.department_staff)
    url = f"/api/v1/referrals/{referral_id}/start-application/"
    started = department.post(url, HTTP_IDEMPOTENCY_KEY="start-application-0001")
    assert started.status_code == 201, started.content
    assert started.json()["type"] == "medical"
    assert started.json()["office"] == world.department.pk
    repeat = department.post(url, HTTP_IDEMPOTENCY_KEY="start-application-0001")
    assert repeat.status_code == 201 and repeat.json()["id"] == started.json()["id"]
    other_key = department.post(
        url, HTTP_IDEMPOTENCY_KEY="start-application-0002", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert other_key.status_code == 400
    assert "already started" in other_key.content.decode()
    assert AssistanceApplication.objects.count() == 1
    read = department.get(f"/api/v1/referrals/{referral_id}/").json()
    assert read["assistance_application"] == started.json()["id"]
    listed = department.get("/api/v1/referrals/?assistance_type=medical").json()["results"]
    assert [row["id"] for row in listed] == [referral_id]
    assert department.get("/api/v1/referrals/?assistance_type=housing").json()["results"] == []


def test_the_api_refuses_a_bad_type_naming_the_field(world):
    case = world.relieved()
    response = api(world.caseworker).post(
        f"/api/v1/cases/{case.pk}/refer/",
        {"department": world.department.pk, "assistance_type": "pension"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "assistance_type" in response.content.decode()
    assert not Referral.objects.exists()


def test_the_api_refuses_others_than_the_department(world):
    referral = _referred(world)
    response = api(world.charity_staff).post(f"/api/v1/referrals/{referral.pk}/start-application/")
    assert response.status_code in (403, 404)
    assert not AssistanceApplication.objects.exists()
