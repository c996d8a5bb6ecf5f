"""The Charity Law's gate on every gift (donors.services.donations.donation_destination):
only a project or fund of a charity with a current public-fundraising qualification and a
plan filed for today takes gifts from the public, and a gift to a need goes to the qualified
charity project handling it (or, before a referral, the one the donor chose), never to a
government office. Each refusal names the field and writes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent, Organisation
from donors import selectors, services
from donors.models import Donation, Donor, Fund, Transaction
from needs import services as needs_services
from projects.models import Project

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def _refusal(error: ValidationError) -> tuple[str, str]:
    (field, errors), *_rest = error.error_dict.items()
    return field, errors[0].code


def _nothing_written() -> bool:
    return (
        not Donation.objects.exists()
        and not Transaction.objects.exclude(kind__in=["appropriation", "relief"]).exists()
        and not AuditEvent.objects.filter(action="donation.create").exists()
    )


def _online(money, **target) -> Donation:
    return services.donation_create(
        donor=money.donor, amount_fen=10_000, channel=Donation.Channel.STRIPE, **target
    )


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"filing_number": "", "filing_starts_on": None, "filing_ends_on": None}, "no_filing"),
        ({"filing_ends_on": YESTERDAY}, "filing_ended"),
        ({"filing_starts_on": TOMORROW}, "filing_not_started"),
    ],
)
def test_a_project_without_a_plan_filed_for_today_takes_no_gift(money, change, rule):
    Project.objects.filter(pk=money.world.project.pk).update(**change)
    for give in (
        lambda: _online(money, project=money.world.project),
        lambda: money.give(5_000, project=money.world.project),
    ):
        with pytest.raises(ValidationError) as error:
            give()
        assert _refusal(error.value) == ("project", rule)
    assert _nothing_written()


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"fundraising_qualified_until": YESTERDAY}, "qualification_expired"),
        ({"fundraising_qualified_from": TOMORROW}, "qualification_not_started"),
        (
            {"fundraising_certificate_number": "", "fundraising_qualified_from": None},
            "no_qualification",
        ),
    ],
)
def test_a_charity_without_a_current_qualification_takes_no_gift(money, change, rule):
    Organisation.objects.filter(pk=money.world.charity.pk).update(**change)
    with pytest.raises(ValidationError) as error:
        money.give(5_000, project=money.world.project)
    field, code = _refusal(error.value)
    assert (field, code) == ("project", rule)
    assert money.world.charity.name in error.value.error_dict["project"][0].message
    assert _nothing_written()


def test_the_refusal_has_its_chinese_and_a_chinese_date(money):
    from django.utils import translation

    from core.charity_law import chinese_date
    from core.locale.zh_hans_charitylaw import ZH

    Organisation.objects.filter(pk=money.world.charity.pk).update(
        fundraising_qualified_until=YESTERDAY
    )
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        money.give(5_000, project=money.world.project)
    message = error.value.error_dict["project"][0].message
    day = chinese_date(YESTERDAY)
    assert day == f"{YESTERDAY.year}年{YESTERDAY.month}月{YESTERDAY.day}日" and day in message
    # The catalogue's Chinese (merged from the table by `make messages`) has the same shape.
    template = "The public-fundraising qualification of %(name)s expired on %(day)s."
    assert ZH[template] % {"name": "x", "day": day}


def test_a_qualified_project_with_a_filed_plan_takes_gifts(money):
    donation = money.give(5_000, project=money.world.project)
    assert donation.status == Donation.Status.SUCCEEDED
    assert donation.receiving_organisation == money.world.charity


def test_an_enterprise_fund_raises_online_only_under_a_filed_plan(money):
    Fund.objects.filter(pk=money.fund.pk).update(filing_ends_on=YESTERDAY)
    assert money.give(5_000).status == Donation.Status.SUCCEEDED  # the enterprise's own money
    with pytest.raises(ValidationError) as error:
        _online(money, fund=money.fund)
    assert _refusal(error.value) == ("fund", "filing_ended")
    assert Donation.objects.count() == 1


def test_a_charity_fund_raises_online_only_under_a_filed_plan(money):
    fund = services.fund_create(
        by=money.world.charity_staff,
        owner=money.world.charity,
        name="吉林大病救助基金",
        purpose="资助大病致困家庭",
    )
    with pytest.raises(ValidationError) as error:
        _online(money, fund=fund)
    assert _refusal(error.value) == ("fund", "no_filing")
    fund.filing_number = "53220000MJ0000001A-2026-001"
    fund.filing_starts_on = YESTERDAY
    fund.filing_ends_on = TOMORROW
    fund.save()
    assert _online(money, fund=fund).receiving_organisation == money.world.charity


# ---- gifts to a need ----


def test_a_gift_to_a_need_goes_to_the_chosen_qualified_project_restricted_to_the_need(money):
    need = money.published_need()
    donation = money.give(50_000, need=need)
    assert donation.receiving_organisation == money.world.charity
    assert donation.receiving_project == money.world.project
    assert not donation.receiving_organisation.is_government
    # Restricted: the money sits in the need's own account, not the project's.
    assert selectors.available_fen(need) == 50_000
    assert selectors.available_fen(money.world.project) == 0
    # The receipt is the receiving charity's, numbered in its own series.
    assert donation.receipt_number.split("-")[1] == f"{money.world.charity.pk:04d}"


def test_before_a_referral_the_donor_must_choose_among_the_qualified_matches(money):
    need = money.published_need()
    with pytest.raises(ValidationError) as error:
        services.donation_create(
            donor=money.donor, amount_fen=10_000, channel=Donation.Channel.STRIPE, need=need
        )
    assert _refusal(error.value) == ("receiver", "receiver_required")
    assert _nothing_written()


def test_a_project_whose_rules_do_not_admit_the_case_cannot_receive_its_gift(money):
    need = money.published_need()
    Project.objects.filter(pk=money.world.other_project.pk).update(categories=["disaster"])
    with pytest.raises(ValidationError) as error:
        _online(money, need=need, receiving_project=money.world.other_project)
    assert _refusal(error.value) == ("receiver", "receiver_not_matching")
    assert _nothing_written()


def test_an_unqualified_receiver_is_refused_with_the_charity_law_rule(money):
    need = money.published_need()
    Organisation.objects.filter(pk=money.world.other_charity.pk).update(
        fundraising_qualified_until=YESTERDAY
    )
    with pytest.raises(ValidationError) as error:
        _online(money, need=need, receiving_project=money.world.other_project)
    assert _refusal(error.value) == ("receiver", "qualification_expired")
    assert _nothing_written()


def test_once_a_charity_took_the_case_its_project_receives_every_gift(money):
    referral = money.accepted_referral()
    case = referral.case
    needs_services.consent_record(
        by=money.world.caseworker,
        case=case,
        scope="publish_need",
        method="written",
        given_by_name="张建国",
    )
    need = needs_services.need_publish(
        by=money.world.caseworker,
        need=needs_services.need_preview(by=money.world.caseworker, case=case),
    )
    donation = _online(money, need=need)
    assert donation.receiving_project == referral.project == money.world.project
    with pytest.raises(ValidationError) as error:
        _online(money, need=need, receiving_project=money.world.other_project)
    assert _refusal(error.value) == ("receiver", "receiver_not_handling")
    assert Donation.objects.count() == 1


def test_with_no_qualified_receiver_the_need_takes_no_gift(money):
    need = money.published_need()
    Project.objects.update(filing_number="", filing_starts_on=None, filing_ends_on=None)
    Fund.objects.update(filing_number="", filing_starts_on=None, filing_ends_on=None)
    with pytest.raises(ValidationError) as error:
        _online(money, need=need)
    assert _refusal(error.value) == ("receiver", "no_receiver")
    assert _nothing_written()


def test_a_caseworker_no_longer_records_gifts_to_a_need(money):
    need = money.published_need()
    with pytest.raises(PermissionDenied):
        services.donation_record_offline(
            by=money.world.caseworker,
            donor=money.donor,
            amount_fen=1_000,
            channel="bank_transfer",
            reference="BANK-NEED-1",
            need=need,
            receiving_project=money.world.project,
        )
    assert _nothing_written()
    assert Donor.objects.count() == 1
