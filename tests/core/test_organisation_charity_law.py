"""An organisation's Charity Law record (credit code, registration authority, qualification)
through the back office and the API: the platform administrator records it, a bad credit code
or an expired period is refused by field and writes nothing, and other roles cannot set it."""

from __future__ import annotations

import datetime

import pytest

from core import services
from core.factories import OrganisationFactory, UserFactory, credit_code, staff
from core.models import AuditEvent, Membership, Organisation, Region

Role = Membership.Role
pytestmark = pytest.mark.django_db

CODE = credit_code(5_000_001, "53220100")


def _admin():
    user = UserFactory()
    office = OrganisationFactory(region=Region.objects.get(code="220000"))
    services.membership_grant(by=None, user=user, organisation=office, role=Role.PLATFORM_ADMIN)
    return user


def test_the_api_registers_a_charity_with_its_record(api_client):
    api_client.force_authenticate(_admin())
    response = api_client.post(
        "/api/v1/organisations/",
        {
            "name": "长春市爱心基金会",
            "kind": "charity",
            "region": "220100",
            "credit_code": CODE,
            "registration_authority": "长春市民政局",
            "fundraising_certificate_number": "5322010050000001",
            "fundraising_qualified_from": "2021-03-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["credit_code"] == CODE
    charity = Organisation.objects.get(name="长春市爱心基金会")
    assert charity.fundraising_qualified_from == datetime.date(2021, 3, 1)


def test_the_api_names_a_bad_credit_code_in_chinese_and_writes_nothing(api_client):
    api_client.force_authenticate(_admin())
    before = Organisation.objects.count()
    response = api_client.post(
        "/api/v1/organisations/",
        {
            "name": "长春市爱心基金会",
            "kind": "charity",
            "region": "220100",
            "credit_code": CODE[:17] + ("0" if CODE[17] != "0" else "1"),
        },
        format="json",
    )
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert (error["field"], error["code"]) == ("credit_code", "credit_code_checksum")
    assert Organisation.objects.count() == before
    assert not AuditEvent.objects.filter(action="organisation.create").exists()


def test_a_caseworker_cannot_register_a_charitys_record(api_client):
    api_client.force_authenticate(staff(Role.CASEWORKER, "220104"))
    response = api_client.post(
        "/api/v1/organisations/",
        {"name": "X", "kind": "charity", "region": "220104", "credit_code": CODE},
        format="json",
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="X").exists()


def _edit_form(charity: Organisation, **changes) -> dict:
    data = {
        "name": charity.name,
        "sector": "",
        "is_verified": "on",
        "is_active": "on",
        "credit_code": charity.credit_code,
        "registration_authority": charity.registration_authority,
        "fundraising_certificate_number": charity.fundraising_certificate_number,
        "fundraising_qualified_from": str(charity.fundraising_qualified_from or ""),
        "fundraising_qualified_until": "",
    }
    data.update(changes)
    return data


def test_the_admin_records_a_charitys_qualification_and_it_is_audited(client):
    charity = OrganisationFactory(kind="charity", fundraising_certificate_number="")
    charity.fundraising_qualified_from = None
    Organisation.objects.filter(pk=charity.pk).update(fundraising_qualified_from=None)
    client.force_login(_admin())
    response = client.post(
        f"/admin/organisations/edit/{charity.pk}/",
        _edit_form(
            charity,
            fundraising_certificate_number="5322000050000999",
            fundraising_qualified_from="2022-01-01",
            fundraising_qualified_until="2027-12-31",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    charity.refresh_from_db()
    assert charity.fundraising_certificate_number == "5322000050000999"
    event = AuditEvent.objects.get(action="organisation.update", object_id=str(charity.pk))
    assert event.changes["fundraising_certificate_number"] == ["", "5322000050000999"]


@pytest.mark.parametrize(
    ("changes", "shown"),
    [
        ({"credit_code": "53220000MJ00001"}, "18 characters"),
        ({"fundraising_qualified_until": "2019-12-31"}, "cannot end before it starts"),
    ],
)
def test_a_broken_record_shows_on_the_admin_form_and_writes_nothing(client, changes, shown):
    charity = OrganisationFactory(kind="charity")
    before = Organisation.objects.values().get(pk=charity.pk)
    client.force_login(_admin())
    response = client.post(
        f"/admin/organisations/edit/{charity.pk}/",
        _edit_form(charity, **changes),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert shown in response.content.decode()
    assert Organisation.objects.values().get(pk=charity.pk) == before
    assert not AuditEvent.objects.filter(action="organisation.update").exists()
