"""Test and benchmark data for the core (factory_boy)."""

from __future__ import annotations

import factory

from core.models import Membership, Organisation, Region, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pass-for-tests")


class OrganisationFactory(factory.django.DjangoModelFactory):
    """Regions come from the real GB/T 2260 data: pass ``region__code`` or a Region."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"组织{n}")
    kind = Organisation.Kind.GOVERNMENT_OFFICE
    region = factory.LazyFunction(lambda: Region.objects.get(code="220104"))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.CASEWORKER


def staff(
    role: str, region_code: str, *, kind: str | None = None, username: str | None = None
) -> User:
    """A user holding ``role`` in a fresh organisation based in ``region_code``."""
    if kind is None:
        kind = {
            Membership.Role.CHARITY_STAFF: Organisation.Kind.CHARITY,
            Membership.Role.FUND_MANAGER: Organisation.Kind.ENTERPRISE,
        }.get(role, Organisation.Kind.GOVERNMENT_OFFICE)
    organisation = OrganisationFactory(kind=kind, region=Region.objects.get(code=region_code))
    user = UserFactory(**({"username": username} if username else {}))
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user
