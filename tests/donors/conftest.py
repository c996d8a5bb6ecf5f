from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from core import services as core_services
from core.factories import OrganisationFactory, UserFactory
from core.models import Membership, Organisation, Region, User
from donors import services
from donors.models import Donation, Donor, Fund
from needs import services as needs_services
from tests.needs.conftest import World, world  # noqa: F401  (the fixture is used by name)

Role = Membership.Role


@dataclass
class Money:
    """The needs world plus the people and pots money moves through."""

    world: World
    enterprise: Organisation
    fund_manager: User
    second_charity_staff: User
    fund: Fund
    donor: Donor
    # The charity the enterprise's fund is set up in: it receives the fund's gifts and issues
    # their receipts (issue 15, item 5); its staff are nobody else in these tests.
    holder: Organisation

    def give(self, amount_fen: int, *, reference: str | None = None, **target) -> Donation:
        """An offline bank transfer to the fund (default) or another target, recorded by staff
        of whoever receives it. A gift to a need is received by a qualified charity project
        (receiver_of), restricted to the need, and recorded by that charity's staff."""
        target = target or {"fund": self.fund}
        by = self.fund_manager if "fund" in target else self.world.charity_staff
        if "need" in target and "receiving_fund" not in target:
            target.setdefault("receiving_project", self.receiver_of(target["need"]))
            by = staff_of(target["receiving_project"].organisation)
        self._ref = getattr(self, "_ref", 0) + 1
        return services.donation_record_offline(
            by=by,
            donor=self.donor,
            amount_fen=amount_fen,
            channel=Donation.Channel.BANK_TRANSFER,
            reference=reference or f"BANK-{self._ref:05d}",
            **target,
        )

    def receiver_of(self, need):
        """The project a gift to ``need`` goes to: the one handling its referral, else the
        world's project when its rules admit the case, else the first qualified match."""
        from donors.need_gifts import need_receivers

        projects = need_receivers(need).projects
        return next((p for p in projects if p == self.world.project), None) or projects[0]

    def published_need(self, **overrides):
        """A relieved case whose anonymized need is on the public site."""
        case = self.world.relieved(**overrides)
        needs_services.consent_record(
            by=self.world.caseworker,
            case=case,
            scope="publish_need",
            method="written",
            given_by_name="张建国",
        )
        need = needs_services.need_preview(by=self.world.caseworker, case=case)
        return needs_services.need_publish(by=self.world.caseworker, need=need)

    def accepted_referral(self, **overrides):
        # The project takes the case's kind of hardship (a referral meets its rules).
        project, category = self.world.project, overrides.get("category")
        if category and category not in project.categories:
            project.categories = [*project.categories, category]
            project.save(update_fields=["categories"])
        _case, referral = self.world.referred(**overrides)
        needs_services.referral_accept(by=self.world.charity_staff, referral=referral)
        referral.refresh_from_db()
        return referral


def staff_of(organisation: Organisation) -> User:
    """An active charity-staff member of ``organisation`` (who records its gifts)."""
    return (
        organisation.memberships.filter(role=Role.CHARITY_STAFF, is_active=True)
        .select_related("user")
        .first()
        .user
    )


@pytest.fixture
def money(world) -> Money:  # noqa: F811
    enterprise = OrganisationFactory(
        name="吉安实业有限公司",
        kind=Organisation.Kind.ENTERPRISE,
        region=Region.objects.get(code="220000"),
    )
    fund_manager = UserFactory(username="jian.fund")
    core_services.membership_grant(
        by=None, user=fund_manager, organisation=enterprise, role=Role.FUND_MANAGER
    )
    second = UserFactory(username="zhaomin2")
    core_services.membership_grant(
        by=None, user=second, organisation=world.charity, role=Role.CHARITY_STAFF
    )
    holder = OrganisationFactory(
        name="长春市慈善总会",
        kind=Organisation.Kind.CHARITY,
        region=Region.objects.get(code="220100"),
        is_verified=True,
    )
    fund = services.fund_create(
        by=fund_manager,
        owner=enterprise,
        holder=holder,
        name="吉安大病救助专项基金",
        purpose="资助吉林省内大病致困家庭",
        categories=["illness", "accident"],
        regions=[Region.objects.get(code="220000")],
        # Raised from the public with a partner charity under its filed plan (慈善法 art. 26).
        filing_number="53220000MJ0000118-2026-0099",
        filing_starts_on=datetime.date(2024, 1, 1),
        filing_ends_on=datetime.date(2099, 12, 31),
    )
    donor = services.donor_create(name="陈爱心", email="chen@example.com")
    return Money(world, enterprise, fund_manager, second, fund, donor, holder)
