"""Rules of the core services: organisations and staff roles."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core import services
from core.factories import OrganisationFactory, UserFactory, staff
from core.models import AuditEvent, Membership, Organisation, Region

pytestmark = pytest.mark.django_db
Role = Membership.Role


def test_an_organisation_cannot_become_its_own_ancestor():
    province = OrganisationFactory(region=Region.objects.get(code="220000"))
    city = OrganisationFactory(region=Region.objects.get(code="220100"), parent=province)
    with pytest.raises(ValidationError) as error:
        services.organisation_update(by=None, organisation=province, parent=city)
    assert "parent" in error.value.error_dict
    with pytest.raises(ValidationError):
        services.organisation_update(by=None, organisation=province, parent=province)
    province.refresh_from_db()
    assert province.parent is None


def test_kind_and_region_cannot_be_changed_after_registration():
    office = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        services.organisation_update(
            by=None, organisation=office, region=Region.objects.get(code="360102")
        )
    assert "region" in error.value.error_dict


def test_roles_are_not_granted_to_deactivated_users_or_organisations():
    office = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        services.membership_grant(
            by=None, user=UserFactory(is_active=False), organisation=office, role=Role.CASEWORKER
        )
    assert "user" in error.value.error_dict
    closed = OrganisationFactory(is_active=False)
    with pytest.raises(ValidationError) as error:
        services.membership_grant(
            by=None, user=UserFactory(), organisation=closed, role=Role.CASEWORKER
        )
    assert "organisation" in error.value.error_dict
    assert not Membership.objects.exists()


def test_granting_the_same_role_twice_changes_nothing():
    user, office = UserFactory(), OrganisationFactory()
    services.membership_grant(by=None, user=user, organisation=office, role=Role.CASEWORKER)
    services.membership_grant(by=None, user=user, organisation=office, role=Role.CASEWORKER)
    assert Membership.objects.count() == 1
    assert AuditEvent.objects.filter(action="membership.grant").count() == 1


def test_revoking_the_last_role_removes_back_office_access():
    user, office = UserFactory(), OrganisationFactory()
    membership = services.membership_grant(
        by=None, user=user, organisation=office, role=Role.CASEWORKER
    )
    assert user.has_perm("wagtailadmin.access_admin")
    services.membership_revoke(by=None, membership=membership)
    user = type(user).objects.get(pk=user.pk)  # fresh permission cache
    assert not user.has_perm("wagtailadmin.access_admin")


def test_only_platform_admins_manage_organisations():
    caseworker = staff(Role.CASEWORKER, "220104")
    with pytest.raises(PermissionDenied):
        services.organisation_create(
            by=caseworker,
            name="X",
            kind=Organisation.Kind.CHARITY,
            region=Region.objects.get(code="220104"),
        )
