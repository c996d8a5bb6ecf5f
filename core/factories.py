"""Test and benchmark data for the core (factory_boy)."""

from __future__ import annotations

import datetime

import factory

from core.charity_law import credit_code_check_character
from core.models import Membership, Organisation, Region, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pass-for-tests")


def credit_code(n: int, prefix: str = "53220000") -> str:
    """A well-formed unified social credit code (GB 32100-2015): ``prefix`` (registration
    authority 5 = civil affairs, type 3 = foundation, region 220000), then a 9-digit
    organisation code from ``n``, then the check character."""
    first17 = f"{prefix}{n:09d}"
    return first17 + credit_code_check_character(first17)


class OrganisationFactory(factory.django.DjangoModelFactory):
    """Regions come from the real GB/T 2260 data: pass ``region__code`` or a Region.

    A charity gets a credit code and a current public-fundraising qualification, so that its
    projects and funds may take gifts from the public (core.charity_law); pass
    ``fundraising_certificate_number=""`` (and no dates) for one without."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"组织{n}")
    kind = Organisation.Kind.GOVERNMENT_OFFICE
    region = factory.LazyFunction(lambda: Region.objects.get(code="220104"))
    registration_authority = factory.LazyAttribute(
        lambda o: "吉林省民政厅" if o.kind == Organisation.Kind.CHARITY else ""
    )
    fundraising_certificate_number = factory.LazyAttributeSequence(
        lambda o, n: f"5322000000{n:08d}" if o.kind == Organisation.Kind.CHARITY else ""
    )
    fundraising_qualified_from = factory.LazyAttribute(
        lambda o: datetime.date(2020, 1, 1) if o.kind == Organisation.Kind.CHARITY else None
    )
    fundraising_qualified_until = None

    @factory.lazy_attribute_sequence
    def credit_code(self, n):
        # 53: registered by civil affairs as a foundation. Other kinds have codes too, but
        # the platform shows and checks only a charity's.
        return credit_code(n + 1) if self.kind == Organisation.Kind.CHARITY else ""


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
