"""The demo money is booked through the services: balanced, non-negative, loaded once."""

import pytest
from django.core.management import call_command
from django.db.models import Sum

from donors.models import Account, Allocation, Disbursement, Donation, Entry, Fund

pytestmark = pytest.mark.django_db


def _seed():
    from io import StringIO

    call_command("seed_demo", stdout=StringIO(), allow_production=True)


def test_the_demo_has_donations_allocations_and_a_paid_disbursement():
    _seed()
    assert Fund.objects.count() == 1
    assert Donation.objects.filter(status="succeeded").count() >= 6
    assert Allocation.objects.exists()
    paid = Disbursement.objects.filter(status="paid")
    # One payment with its scanned invoice uploaded, one with the invoice number only: the
    # fund statement shows a proof present and one absent.
    assert paid.exclude(proof_file="").count() == 1
    assert paid.filter(proof_file="").exclude(proof_reference="").count() == 1
    with_file = paid.exclude(proof_file="").get()
    assert with_file.proof_content_type == "application/pdf"
    with with_file.proof_file.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-")
    assert Entry.objects.aggregate(total=Sum("amount_fen"))["total"] == 0
    assert not Account.objects.filter(kind__in=Account.HOLDING_KINDS, balance_fen__lt=0).exists()
    for account in Account.objects.all():
        entries = Entry.objects.filter(account=account).aggregate(total=Sum("amount_fen"))
        assert account.balance_fen == (entries["total"] or 0), account.key


def test_seeding_twice_adds_no_money():
    _seed()
    before = (Donation.objects.count(), Entry.objects.count())
    _seed()
    assert (Donation.objects.count(), Entry.objects.count()) == before


def test_the_demo_fund_manager_finds_cases_and_can_commit_money_on_screen(client):
    """Issue 15, item 5: log in as fund.jian, open Money → Allocations, pick a referral."""
    from core.models import User
    from donors.selectors import fundable_referrals

    _seed()
    fund = Fund.objects.get()
    assert fund.holder.name == "吉林省慈善总会"
    enterprise_gift = Donation.objects.get(donor__name="吉安实业有限公司")
    assert enterprise_gift.receiving_organisation == fund.holder
    referral = fundable_referrals(fund).first()
    assert referral is not None
    client.force_login(User.objects.get(username="fund.jian"))
    assert f"#{referral.pk}" in client.get("/admin/money/allocations/").content.decode()
    page = client.get(f"/admin/money/referrals/{referral.pk}/")
    assert [panel["name"] for panel in page.context["actions"]] == ["allocate"]


def test_the_demo_offices_have_funded_budgets_and_their_cash_relief_is_booked():
    from django.utils import timezone

    from donors.models import ReliefBudget, Transaction
    from donors.reconcile import reconcile
    from needs.models import ReliefGrant

    _seed()
    year = timezone.localdate().year
    budgets = ReliefBudget.objects.filter(year=year)
    assert budgets.filter(scheme="temporary").count() == 3
    assert budgets.filter(scheme="advance").count() == 3
    effective = ReliefGrant.objects.filter(status__in=["granted", "approved"], amount_fen__gt=0)
    assert effective.exists()
    booked = Transaction.objects.filter(kind=Transaction.Kind.RELIEF)
    assert booked.count() == effective.count()
    paid = Entry.objects.filter(account__kind=Account.Kind.RELIEF_PAID).aggregate(
        total=Sum("amount_fen")
    )["total"]
    assert paid == effective.aggregate(total=Sum("amount_fen"))["total"]
    assert not [p for p in reconcile() if p.is_failure]
