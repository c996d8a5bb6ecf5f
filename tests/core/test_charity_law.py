"""The Charity Law's records: the unified social credit code's check character, the
public-fundraising qualification and the filed fundraising plan (core.charity_law)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from core import services
from core.charity_law import (
    credit_code_check_character,
    filing_problem,
    qualification_problem,
    validate_credit_code,
)
from core.factories import UserFactory, credit_code
from core.models import Membership, Organisation, Region
from projects.factories import ProjectFactory

TODAY = datetime.date(2026, 12, 5)


def _check(first17: str) -> str:
    """GB 32100-2015 written out again: weights 3^i mod 31, check = 31 - sum mod 31."""
    charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    total = sum(charset.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return charset[(31 - total % 31) % 31]


@pytest.mark.parametrize(
    "code",
    [
        # Codes of real shape: registration authority, type, region, organisation code.
        "53100000500021676K",  # a national foundation registered with the Ministry of Civil Affairs
        "91350100M000100Y43",  # the standard's own worked example (an enterprise)
        credit_code(1),
        credit_code(987_654_321),
    ],
)
def test_a_well_formed_code_passes(code):
    assert credit_code_check_character(code[:17]) == _check(code[:17]) == code[17]
    validate_credit_code(code)


def test_the_weights_are_the_standards():
    from core.charity_law import CREDIT_CODE_WEIGHTS

    assert tuple(pow(3, i, 31) for i in range(17)) == CREDIT_CODE_WEIGHTS


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("53100000500021676", "credit_code_length"),
        ("53100000500021676KK", "credit_code_length"),
        ("53100000500021676J", "credit_code_checksum"),
        ("5310000050002167OK", "credit_code_characters"),  # the letter O is not used
        ("53100000500021676k", "credit_code_characters"),
    ],
)
def test_a_malformed_code_is_refused_with_its_rule(code, rule):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(code)
    assert error.value.code == rule


@pytest.mark.django_db
def test_registering_a_charity_with_a_bad_credit_code_writes_nothing():
    admin = UserFactory()
    services.membership_grant(
        by=None,
        user=admin,
        organisation=Organisation.objects.create(
            name="平台", kind="government_office", region=Region.objects.get(code="220000")
        ),
        role=Membership.Role.PLATFORM_ADMIN,
    )
    before = Organisation.objects.count()
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            by=admin,
            name="长春市爱心基金会",
            kind="charity",
            region=Region.objects.get(code="220100"),
            credit_code="53220100MJ0000001X",
        )
    assert error.value.error_dict["credit_code"][0].code == "credit_code_checksum"
    assert Organisation.objects.count() == before
    good = credit_code(42, "53220100")
    charity = services.organisation_create(
        by=admin,
        name="长春市爱心基金会",
        kind="charity",
        region=Region.objects.get(code="220100"),
        credit_code=good,
        registration_authority="长春市民政局",
        fundraising_certificate_number="5322010000000042",
        fundraising_qualified_from=datetime.date(2021, 3, 1),
    )
    assert charity.credit_code == good
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            by=admin,
            name="另一家基金会",
            kind="charity",
            region=Region.objects.get(code="220100"),
            credit_code=good,
        )
    assert error.value.error_dict["credit_code"][0].code == "unique"


@pytest.mark.django_db
def test_only_a_charity_holds_the_qualification():
    office = Organisation(
        name="某民政局",
        kind="government_office",
        region=Region.objects.get(code="220104"),
        fundraising_certificate_number="X1",
        fundraising_qualified_from=datetime.date(2020, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        office.full_clean()
    assert error.value.error_dict["fundraising_certificate_number"][0].code == "not_charity"


@pytest.mark.django_db
def test_a_qualification_ending_before_it_starts_is_refused():
    charity = Organisation(
        name="某基金会",
        kind="charity",
        region=Region.objects.get(code="220104"),
        fundraising_certificate_number="X1",
        fundraising_qualified_from=datetime.date(2024, 1, 1),
        fundraising_qualified_until=datetime.date(2023, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        charity.full_clean()
    assert error.value.error_dict["fundraising_qualified_until"][0].code == "period_order"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "rule"),
    [
        ({"kind": "enterprise", "fundraising_certificate_number": ""}, "not_charity"),
        (
            {"fundraising_certificate_number": "", "fundraising_qualified_from": None},
            "no_qualification",
        ),
        ({"fundraising_qualified_from": datetime.date(2027, 1, 1)}, "qualification_not_started"),
        ({"fundraising_qualified_until": datetime.date(2026, 12, 4)}, "qualification_expired"),
    ],
)
def test_a_charity_without_a_current_qualification_may_not_raise(fields, rule):
    project = ProjectFactory()
    organisation = project.organisation
    assert qualification_problem(organisation, TODAY) is None
    for name, value in fields.items():
        setattr(organisation, name, value)
    _field, message, code = qualification_problem(organisation, TODAY)
    assert code == rule and organisation.name in message


@pytest.mark.django_db
def test_the_last_day_of_a_qualification_still_counts():
    organisation = ProjectFactory().organisation
    organisation.fundraising_qualified_until = TODAY
    assert qualification_problem(organisation, TODAY) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "rule", "field"),
    [
        ({"filing_number": ""}, "no_filing", "filing_number"),
        (
            {"filing_starts_on": datetime.date(2026, 12, 6)},
            "filing_not_started",
            "filing_starts_on",
        ),
        ({"filing_ends_on": datetime.date(2026, 12, 4)}, "filing_ended", "filing_ends_on"),
    ],
)
def test_a_project_without_a_plan_filed_for_today_may_not_raise(fields, rule, field):
    project = ProjectFactory()
    assert filing_problem(project, TODAY) is None
    for name, value in fields.items():
        setattr(project, name, value)
    named, _message, code = filing_problem(project, TODAY)
    assert (named, code) == (field, rule)


@pytest.mark.django_db
def test_a_filing_number_needs_its_period():
    project = ProjectFactory(filing_starts_on=None)
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "filing_starts_on" in error.value.error_dict
    project = ProjectFactory(filing_ends_on=datetime.date(2023, 12, 31))
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert error.value.error_dict["filing_ends_on"][0].code == "period_order"
