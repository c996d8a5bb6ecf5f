"""Back-office screens of the core: writes through services, reads through jurisdiction."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core import services
from core.audit import audit_record
from core.factories import OrganisationFactory, UserFactory
from core.models import AuditEvent, Holiday, Membership, Organisation, Region

Role = Membership.Role
pytestmark = pytest.mark.django_db


def member(role, region_code="220104", kind=Organisation.Kind.GOVERNMENT_OFFICE):
    user = UserFactory()
    organisation = OrganisationFactory(kind=kind, region=Region.objects.get(code=region_code))
    services.membership_grant(by=None, user=user, organisation=organisation, role=role)
    return user


def test_platform_admin_registers_an_organisation_through_the_service(client):
    client.force_login(member(Role.PLATFORM_ADMIN))
    response = client.post(
        "/admin/organisations/new/",
        {
            "name": "长春市朝阳区民政局",
            "kind": "government_office",
            "region": "220104",
            "sector": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Organisation.objects.get(name="长春市朝阳区民政局")
    assert AuditEvent.objects.filter(
        action="organisation.create", object_id=str(created.pk)
    ).exists()


def test_a_broken_rule_shows_on_the_form_and_writes_nothing(client):
    client.force_login(member(Role.PLATFORM_ADMIN))
    response = client.post(
        "/admin/organisations/new/",
        {"name": "某局", "kind": "government_office", "region": "220104", "is_verified": "on"},
    )
    assert response.status_code == 200
    assert "只有慈善组织可以标记为已认定" in response.content.decode()
    assert not Organisation.objects.filter(name="某局").exists()
    assert not AuditEvent.objects.filter(action="organisation.create").exists()


def test_editing_cannot_move_an_organisation_to_another_region(client):
    organisation = OrganisationFactory(name="原名", region=Region.objects.get(code="220104"))
    client.force_login(member(Role.PLATFORM_ADMIN))
    response = client.post(
        f"/admin/organisations/edit/{organisation.pk}/",
        {"name": "新名", "region": "360102", "kind": "charity", "is_active": "on"},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.region_id, organisation.kind) == (
        "新名",
        "220104",
        "government_office",
    )
    event = AuditEvent.objects.get(action="organisation.update")
    assert event.changes == {"name": ["原名", "新名"]}


def test_caseworker_cannot_register_organisations_in_the_admin(client):
    client.force_login(member(Role.CASEWORKER))
    response = client.post(
        "/admin/organisations/new/", {"name": "X", "kind": "charity", "region": "220104"}
    )
    assert response.status_code in (302, 403)
    assert not Organisation.objects.filter(name="X").exists()


def test_supervisor_sees_only_their_jurisdictions_audit_events(client):
    inside = member(Role.CASEWORKER, "220104")
    outside = member(Role.CASEWORKER, "360102")
    with transaction.atomic():
        inside_event = audit_record(actor=inside, action="inside.action")
        outside_event = audit_record(actor=outside, action="outside.action")

    client.force_login(member(Role.SUPERVISOR, "220100"))
    listing = client.get("/admin/audit_log/").content.decode()

    assert "inside.action" in listing
    assert "outside.action" not in listing
    assert client.get(f"/admin/audit_log/inspect/{inside_event.pk}/").status_code == 200
    assert client.get(f"/admin/audit_log/inspect/{outside_event.pk}/").status_code == 404


def test_caseworker_cannot_read_the_audit_log(client):
    client.force_login(member(Role.CASEWORKER))
    assert client.get("/admin/audit_log/").status_code in (302, 403)


def test_audit_events_cannot_be_edited_or_deleted_in_the_admin(client):
    with transaction.atomic():
        event = audit_record(actor=None, action="x.y")
    client.force_login(UserFactory(is_superuser=True))
    client.post(f"/admin/audit_log/edit/{event.pk}/", {})
    client.post(f"/admin/audit_log/delete/{event.pk}/")
    assert AuditEvent.objects.get(pk=event.pk).action == "x.y"


def test_adding_a_holiday_is_audited(client):
    client.force_login(member(Role.PLATFORM_ADMIN))
    response = client.post(
        "/admin/holidays/new/", {"date": "2031-06-01", "name": "地方假日", "is_working_day": ""}
    )
    assert response.status_code == 302
    holiday = Holiday.objects.get(date="2031-06-01")
    assert AuditEvent.objects.filter(action="holiday.save", object_id=str(holiday.pk)).exists()


def test_membership_listing_follows_jurisdiction(client):
    chaoyang = member(Role.CASEWORKER, "220104")
    nanguan = member(Role.CASEWORKER, "220102")
    client.force_login(member(Role.AUDITOR, "220000"))
    everything = client.get("/admin/memberships/").content.decode()
    assert chaoyang.username in everything and nanguan.username in everything

    # A platform admin who is also a supervisor of Chaoyang only: the listing is scoped by
    # the same selector as the API.
    scoped = member(Role.SUPERVISOR, "220104")
    scoped.groups.add(*member(Role.PLATFORM_ADMIN).groups.all())
    client.force_login(scoped)
    listing = client.get("/admin/memberships/").content.decode()
    assert chaoyang.username in listing
    assert nanguan.username not in listing

    client.force_login(chaoyang)
    # Caseworkers have no view permission on memberships at all.
    assert client.get("/admin/memberships/").status_code in (302, 403)


def test_staff_roles_cannot_be_edited_or_deleted_in_place(client):
    caseworker = member(Role.CASEWORKER, "220104")
    membership = Membership.objects.get(user=caseworker)
    client.force_login(UserFactory(is_superuser=True))
    client.post(f"/admin/memberships/edit/{membership.pk}/", {"role": "auditor"})
    client.post(f"/admin/memberships/delete/{membership.pk}/")
    membership.refresh_from_db()
    assert membership.role == Role.CASEWORKER


def test_deleting_a_holiday_goes_through_the_service_and_is_audited(client):
    holiday = Holiday.objects.create(date="2031-06-02", name="地方假日")
    client.force_login(member(Role.PLATFORM_ADMIN))
    response = client.post(f"/admin/holidays/delete/{holiday.pk}/")
    assert response.status_code == 302
    assert not Holiday.objects.filter(pk=holiday.pk).exists()
    assert AuditEvent.objects.filter(action="holiday.delete", object_id=str(holiday.pk)).exists()


def test_a_supervisor_sets_time_limits_for_offices_below_only(client):
    from core.models import OfficeTimeLimit

    office = OrganisationFactory(region=Region.objects.get(code="220104"))
    far_office = OrganisationFactory(region=Region.objects.get(code="360102"))
    supervisor = member(Role.SUPERVISOR, "220100")
    services.time_limit_save(by=supervisor, office=office, step="accept", working_days=2)
    assert OfficeTimeLimit.objects.get(office=office).working_days == 2
    with pytest.raises(PermissionDenied):
        services.time_limit_save(by=supervisor, office=far_office, step="accept", working_days=2)
    with pytest.raises(ValidationError):
        services.time_limit_save(by=supervisor, office=office, step="nonsense", working_days=2)


def test_back_office_page_titles_name_the_platform_not_wagtail(client):
    admin = UserFactory(username="root2", is_superuser=True, is_staff=True)
    client.force_login(admin)
    for url in ("/admin/", "/admin/cases/", "/admin/audit_log/"):
        html = client.get(url).content.decode()
        title = html.split("<title>", 1)[1].split("</title>", 1)[0]
        assert "Wagtail" not in title, (url, title)
        assert "救急难" in title, (url, title)
