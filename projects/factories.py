"""Test and demo data for charity projects (factory_boy)."""

from __future__ import annotations

import datetime

import factory

from core.factories import OrganisationFactory
from core.models import Organisation, Region
from projects.models import Project


class CharityFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"慈善组织{n}")
    kind = Organisation.Kind.CHARITY
    region = factory.LazyFunction(lambda: Region.objects.get(code="220000"))


class ProjectFactory(factory.django.DjangoModelFactory):
    """A draft project of a fresh charity, covering grave illness across 吉林省 (220000),
    with a filed fundraising plan.

    Pass ``regions=["220104", ...]`` (codes) to cover other regions, ``regions=[]`` for none.
    It writes directly, without the services' checks or audit events: use the services when
    the test is about them.
    """

    class Meta:
        model = Project
        skip_postgeneration_save = True

    organisation = factory.SubFactory(CharityFactory)
    title = factory.Sequence(lambda n: f"救助项目{n}")
    description = "为突发重病的困难家庭提供医疗费用救助。"
    categories = factory.LazyFunction(lambda: ["illness"])
    per_case_cap_fen = 2_000_000
    status = Project.Status.DRAFT
    # A fundraising plan filed for a period around today, so that the project may take
    # gifts from the public (core.charity_law); pass filing_number="" etc. for one without.
    filing_number = factory.Sequence(lambda n: f"53220000MJ{n:08d}A")
    filing_starts_on = datetime.date(2024, 1, 1)
    filing_ends_on = datetime.date(2099, 12, 31)

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if not create:
            return
        codes = ["220000"] if extracted is None else extracted
        self.regions.set(Region.objects.filter(code__in=codes))
