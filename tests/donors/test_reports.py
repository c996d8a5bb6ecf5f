"""Fund statements, their CSV and Excel exports, the first-in first-out donation trail and a
need's funding progress."""

from __future__ import annotations

import io
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from unittest import mock
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from donors import selectors, services
from donors.exports import safe_text, statement_csv, statement_xlsx, yuan
from donors.models import Allocation, Donation, Transaction
from donors.reports import statement_for
from needs import services as needs_services

SHANGHAI = ZoneInfo("Asia/Shanghai")
FEBRUARY = {"start": date(2026, 2, 1), "end": date(2026, 2, 28)}
HOUSEHOLD_SECRETS = ("张建国", "李秀兰", "13912345678", "幸福小区", "南湖街道", "脑出血")


@contextmanager
def at(year, month, day, hour=10, minute=0):
    """Book everything inside at this Shanghai local time."""
    moment = datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def online_gift(money, amount_fen: int, fee_fen: int, **target) -> Donation:
    """A Stripe donation that succeeded with the processor's fee."""
    target = target or {"fund": money.fund}
    donation = services.donation_create(
        donor=money.donor, amount_fen=amount_fen, channel=Donation.Channel.STRIPE, **target
    )
    return services.donation_succeed(donation=donation, fee_fen=fee_fen, payment_intent="pi_1")


def allocate(money, referral, amount_fen: int) -> Allocation:
    return services.allocation_create(
        by=money.fund_manager, referral=referral, amount_fen=amount_fen, fund=money.fund
    )


def pay(money, allocation, amount_fen: int, proof: str = "INV-0001"):
    staff = money.world.charity_staff
    payment = services.disbursement_request(
        by=staff, allocation=allocation, amount_fen=amount_fen, method="hospital"
    )
    services.disbursement_approve(by=staff, disbursement=payment)
    return services.disbursement_mark_paid(by=staff, disbursement=payment, proof_reference=proof)


@dataclass
class February:
    """A fund with money before February, every kind of movement in February, and gifts
    just after it (one of them a few minutes after local midnight)."""

    first: Allocation
    second: Allocation
    refunded: Donation
    online: Donation
    last_minute: Donation


def february(money) -> February:
    first_referral = money.accepted_referral()
    second_referral = money.accepted_referral()
    with at(2026, 1, 10):
        money.give(1_000_000)
    with at(2026, 2, 3):
        refunded = money.give(500_000)
    with at(2026, 2, 4):
        online = online_gift(money, 200_000, 6_000)
    with at(2026, 2, 5):
        first = allocate(money, first_referral, 300_000)
    with at(2026, 2, 6):
        second = allocate(money, second_referral, 100_000)
    with at(2026, 2, 7):
        pay(money, first, 120_000)
    with at(2026, 2, 8):
        services.allocation_release(allocation=second, reason="家庭已获医保报销", by=None)
    with at(2026, 2, 9):
        services.donation_refund(
            donation=refunded, amount_fen=50_000, reason="捐赠人要求", by=money.fund_manager
        )
    with at(2026, 2, 28, 23, 30):  # 15:30 UTC: still February in Shanghai
        last_minute = money.give(10_000)
    with at(2026, 3, 1, 0, 10):  # 16:10 UTC on 28 February: March in Shanghai
        money.give(70_000)
    return February(first, second, refunded, online, last_minute)


# ---- statements ----


def test_a_statement_shows_every_kind_of_movement_in_the_period(money):
    february(money)
    statement = statement_for(holder=money.fund, **FEBRUARY)
    assert statement.opening_fen == 1_000_000
    assert statement.donations_fen == 500_000 + 200_000 + 10_000
    assert statement.fees_fen == 6_000
    assert statement.allocations_fen == 400_000
    assert statement.releases_fen == 100_000
    assert statement.refunds_fen == 50_000
    assert statement.corrections_fen == 0
    assert statement.disbursed_from_allocations_fen == 120_000
    assert statement.closing_fen == 1_354_000
    assert statement.closing_fen == statement.opening_fen + statement.movements_fen
    assert statement.holder_name == "吉安大病救助专项基金"
    assert statement.owner_name == "吉安实业有限公司"


def test_the_rows_add_up_to_the_change_of_balance_in_booking_order(money):
    february(money)
    statement = statement_for(holder=money.fund, **FEBRUARY)
    assert [row.kind for row in statement.rows] == [
        "donation",
        "donation",
        "fee",
        "allocation",
        "allocation",
        "release",
        "refund",
        "donation",
    ]
    assert sum(row.amount_fen for row in statement.rows) == (
        statement.closing_fen - statement.opening_fen
    )
    assert statement.rows[-1].booked_on == date(2026, 2, 28)


def test_the_closing_balance_is_what_the_fund_holds_when_nothing_came_after(money):
    february(money)
    statement = statement_for(holder=money.fund, start=date(2026, 1, 1), end=date(2026, 11, 1))
    assert statement.closing_fen == selectors.available_fen(money.fund)
    assert statement.opening_fen == 0


def test_periods_before_and_after_exclude_the_movements(money):
    february(money)
    january = statement_for(holder=money.fund, start=date(2026, 1, 1), end=date(2026, 1, 31))
    assert january.opening_fen == 0
    assert january.donations_fen == 1_000_000
    assert january.closing_fen == 1_000_000
    assert [row.kind for row in january.rows] == ["donation"]
    march = statement_for(holder=money.fund, start=date(2026, 3, 1), end=date(2026, 3, 31))
    assert march.opening_fen == 1_354_000
    assert march.donations_fen == 70_000
    assert march.allocations_fen == march.fees_fen == march.refunds_fen == 0
    assert march.disbursed_from_allocations_fen == 0
    assert march.closing_fen == 1_424_000


def test_a_single_day_includes_both_its_ends_in_local_time(money):
    february(money)
    last_day = statement_for(holder=money.fund, start=date(2026, 2, 28), end=date(2026, 2, 28))
    assert [row.amount_fen for row in last_day.rows] == [10_000]


def test_rows_name_receipts_donors_and_allocations_without_personal_data(money):
    plan = february(money)
    statement = statement_for(holder=money.fund, **FEBRUARY)
    first_gift = statement.rows[0]
    plan.refunded.refresh_from_db()
    assert first_gift.reference == plan.refunded.receipt_number
    assert first_gift.detail == "陈爱心"
    allocation_row = statement.rows[3]
    assert allocation_row.reference == f"A{plan.first.pk}"
    assert allocation_row.detail.endswith("朝阳区")
    payment = statement.disbursements[0]
    assert (payment.allocation, payment.region, payment.amount_fen) == (
        f"A{plan.first.pk}",
        "朝阳区",
        120_000,
    )
    text = repr(statement)
    for secret in HOUSEHOLD_SECRETS:
        assert secret not in text


def test_an_anonymous_donor_is_not_named(money):
    money.donor = services.donor_create(name="王慷慨", is_anonymous=True)
    with at(2026, 2, 3):
        money.give(10_000)
    statement = statement_for(holder=money.fund, **FEBRUARY)
    assert "王慷慨" not in repr(statement)
    assert statement.rows[0].detail == str(_("anonymous donor"))


def test_a_holder_that_never_received_money_has_an_empty_statement(money):
    statement = statement_for(holder=money.world.other_project, **FEBRUARY)
    assert (statement.opening_fen, statement.closing_fen, statement.rows) == (0, 0, [])
    assert statement.holder_type == "project"


def test_a_projects_and_a_needs_statements(money):
    need = money.published_need()
    with at(2026, 2, 3):
        money.give(80_000, project=money.world.project)
        money.give(30_000, need=need)
    project = statement_for(holder=money.world.project, **FEBRUARY)
    assert (project.donations_fen, project.closing_fen, project.owner_name) == (
        80_000,
        80_000,
        "吉林省慈善总会",
    )
    for_need = statement_for(holder=need, **FEBRUARY)
    assert (for_need.holder_type, for_need.donations_fen, for_need.owner_name) == (
        "need",
        30_000,
        "",
    )


def test_a_refund_beyond_the_money_held_shows_the_shortfall(money):
    referral = money.accepted_referral()
    with at(2026, 2, 3):
        gift = online_gift(money, 100_000, 0)
    with at(2026, 2, 4):
        allocate(money, referral, 80_000)
    with at(2026, 2, 5):
        services.donation_refund(donation=gift, amount_fen=100_000, reason="", from_processor=True)
    statement = statement_for(holder=money.fund, **FEBRUARY)
    assert statement.refunds_fen == 20_000
    assert statement.refund_shortfall_fen == 80_000
    assert statement.closing_fen == 0 == statement.opening_fen + statement.movements_fen


def test_a_statement_reads_and_writes_nothing(money, django_assert_max_num_queries):
    february(money)
    transactions = Transaction.objects.count()
    with django_assert_max_num_queries(8):
        statement_for(holder=money.fund, **FEBRUARY)
    assert Transaction.objects.count() == transactions


def test_start_after_end_is_refused(money):
    with pytest.raises(ValueError):
        statement_for(holder=money.fund, start=date(2026, 3, 1), end=date(2026, 2, 1))


# ---- exports ----


def test_yuan_is_exact_from_fen():
    assert yuan(12_345) == Decimal("123.45")
    assert str(yuan(100)) == "1.00"
    assert yuan(-5) == Decimal("-0.05")
    assert yuan(9_007_199_254_740_993) == Decimal("90071992547409.93")
    with pytest.raises(TypeError):
        yuan(1.5)


def test_text_that_looks_like_a_formula_is_neutralised():
    assert safe_text("=SUM(A1:A9)") == "'=SUM(A1:A9)"
    assert safe_text("+86 139") == "'+86 139"
    assert safe_text("-1") == "'-1"
    assert safe_text("@cmd") == "'@cmd"
    assert safe_text("陈爱心") == "陈爱心"


def test_the_csv_opens_in_excel_in_china_and_holds_the_totals(money):
    february(money)
    with translation.override("zh-hans"):
        text = statement_csv(statement_for(holder=money.fund, **FEBRUARY))
    assert text.startswith("\ufeff")
    assert "吉安大病救助专项基金" in text
    assert "2026-02-01 – 2026-02-28" in text
    assert "13540.00" in text  # closing balance in yuan
    assert "-3000.00" in text  # an allocation out, as a number
    for secret in HOUSEHOLD_SECRETS:
        assert secret not in text


def test_the_csv_headings_follow_the_language(money):
    february(money)
    statement = statement_for(holder=money.fund, **FEBRUARY)
    with translation.override("en"):
        english = statement_csv(statement)
    assert "Date,Kind,Amount (yuan),Reference,Details" in english
    with translation.override("zh-hans"):
        chinese = statement_csv(statement)
        heading = _("Date")
    assert heading in chinese


def _xlsx_values(content: bytes) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [tuple(row) for row in workbook.active.iter_rows(values_only=True)]


def test_the_workbook_opens_and_its_totals_match_the_statement(money):
    february(money)
    statement = statement_for(holder=money.fund, **FEBRUARY)
    with translation.override("en"):
        content = statement_xlsx(statement)
        rows = _xlsx_values(content)
        totals = {row[0]: row[1] for row in rows if row[0] and isinstance(row[1], int | float)}
    assert rows[1][:2] == ("Special fund", "吉安大病救助专项基金")
    assert totals["Opening balance"] == 10_000
    assert totals["Closing balance"] == 13_540
    assert totals["Processor fees"] == 60
    assert totals["Paid to households from its allocations"] == 1_200
    amounts = [row[2] for row in rows if row[0] == "2026-02-05"]
    assert amounts == [-3_000]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    money_cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, float | int)]
    assert money_cells
    assert all(c.number_format == "#,##0.00" for c in money_cells)
    for secret in HOUSEHOLD_SECRETS:
        assert not any(secret in str(value) for row in rows for value in row)


def test_a_donor_name_cannot_smuggle_a_formula_into_the_exports(money):
    money.donor = services.donor_create(name='=HYPERLINK("http://evil.example","点我")')
    with at(2026, 2, 3):
        money.give(10_000)
    statement = statement_for(holder=money.fund, **FEBRUARY)
    assert "'=HYPERLINK" in statement_csv(statement)
    sheet = openpyxl.load_workbook(io.BytesIO(statement_xlsx(statement))).active
    cells = [c for row in sheet.iter_rows() for c in row if "HYPERLINK" in str(c.value)]
    assert len(cells) == 1
    assert cells[0].data_type == "s"
    assert cells[0].value.startswith("'=")


# ---- the first-in, first-out trail ----


@pytest.fixture
def two_gifts_two_allocations(money):
    """Gifts A then B of 500,000 fen each; allocations X (300,000) then Y (400,000)."""
    gift_a = money.give(500_000)
    gift_b = money.give(500_000)
    x = allocate(money, money.accepted_referral(), 300_000)
    y = allocate(money, money.accepted_referral(), 400_000)
    return money, gift_a, gift_b, x, y


def _reached(donation) -> list[tuple[int, int]]:
    return [
        (step["allocation_id"], step["amount_fen"]) for step in selectors.donation_trail(donation)
    ]


def test_the_first_gift_pays_the_first_allocations(two_gifts_two_allocations):
    _money, gift_a, gift_b, x, y = two_gifts_two_allocations
    assert _reached(gift_a) == [(x.pk, 300_000), (y.pk, 200_000)]
    assert _reached(gift_b) == [(y.pk, 200_000)]


def test_a_trail_names_category_county_and_project_only(two_gifts_two_allocations):
    _money, gift_a, *_rest = two_gifts_two_allocations
    step = selectors.donation_trail(gift_a)[0]
    assert step["category"] == "illness"
    assert step["region"] == "220104"
    assert step["project"] == "大病救助项目"
    assert step["need_public_id"] is None
    for secret in HOUSEHOLD_SECRETS:
        assert secret not in repr(step)


def test_a_release_moves_later_money_forward(two_gifts_two_allocations):
    _money, gift_a, gift_b, x, y = two_gifts_two_allocations
    services.allocation_release(allocation=x, reason="转介未成功", by=None)
    assert _reached(gift_a) == [(y.pk, 400_000)]
    assert _reached(gift_b) == []


def test_what_was_paid_out_stays_attributed_after_a_release(two_gifts_two_allocations):
    money, gift_a, gift_b, x, y = two_gifts_two_allocations
    pay(money, x, 100_000)
    services.allocation_release(allocation=x, reason="余款退回", by=None)
    assert _reached(gift_a) == [(x.pk, 100_000), (y.pk, 400_000)]
    assert _reached(gift_b) == []


def test_fees_and_refunds_reduce_what_a_gift_contributes(money):
    gift_a = online_gift(money, 500_000, 20_000)
    gift_b = money.give(500_000)
    x = allocate(money, money.accepted_referral(), 300_000)
    y = allocate(money, money.accepted_referral(), 400_000)
    assert _reached(gift_a) == [(x.pk, 300_000), (y.pk, 180_000)]
    assert _reached(gift_b) == [(y.pk, 220_000)]
    # An online gift's refund is the one Stripe made (staff ask Stripe for it).
    services.donation_refund(
        donation=gift_a, amount_fen=80_000, reason="部分退款", from_processor=True
    )
    assert _reached(gift_a) == [(x.pk, 300_000), (y.pk, 100_000)]
    assert _reached(gift_b) == [(y.pk, 300_000)]


def test_a_trail_reaches_the_published_need_of_the_case(money):
    need = money.published_need()
    referral = needs_services.referral_create(
        by=money.world.caseworker, case=need.case, project=money.world.project
    )
    needs_services.referral_accept(by=money.world.charity_staff, referral=referral)
    gift = money.give(100_000)
    allocation = allocate(money, referral, 60_000)
    (step,) = selectors.donation_trail(gift)
    assert step["allocation_id"] == allocation.pk
    assert step["need_public_id"] == str(need.public_id)


def test_a_gift_to_another_target_is_not_in_the_funds_line(money):
    money.give(500_000, project=money.world.project)
    gift = money.give(100_000)
    allocation = allocate(money, money.accepted_referral(), 100_000)
    assert _reached(gift) == [(allocation.pk, 100_000)]


# ---- a need's funding progress ----


def test_a_needs_funding_progress(money):
    need = money.published_need()
    referral = needs_services.referral_create(
        by=money.world.caseworker, case=need.case, project=money.world.project
    )
    needs_services.referral_accept(by=money.world.charity_staff, referral=referral)
    money.give(200_000, need=need)
    allocation = services.allocation_create(
        by=money.world.charity_staff, referral=referral, amount_fen=150_000, need=need
    )
    pay(money, allocation, 50_000)
    progress = selectors.need_funding_progress(need)
    assert progress.gap_fen == need.remaining_gap_fen
    assert (progress.donated_fen, progress.allocated_fen, progress.disbursed_fen) == (
        200_000,
        150_000,
        50_000,
    )
    assert progress.missing_fen == need.remaining_gap_fen - 150_000
