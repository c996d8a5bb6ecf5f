"""The printable donation receipt (捐赠收据): the link is the key, the page names no household."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.utils import timezone

from core.money import format_money_upper
from donors import services
from donors.receipts import chinese_date

pytestmark = pytest.mark.django_db


def receipt(client, donation) -> tuple[int, str]:
    response = client.get(f"/donations/receipt/{donation.public_id}/")
    return response.status_code, response.content.decode()


def test_a_receipt_shows_number_organisation_donor_amounts_target_date_and_channel(client, money):
    donation = money.give(1_234_500)
    status, page = receipt(client, donation)
    assert status == 200
    assert "捐赠收据" in page or "Donation receipt" in page
    assert donation.receipt_number in page
    # The fund is the enterprise's; the charity holding it received the gift and issues the
    # receipt (issue 15, item 5).
    assert money.holder.name in page
    assert money.enterprise.name not in page
    # Its unified social credit code, as a receipt under the Charity Law carries it.
    assert money.holder.credit_code and money.holder.credit_code in page
    assert "陈爱心" in page
    assert "¥12,345.00" in page
    assert format_money_upper(1_234_500) in page
    assert "壹万贰仟叁佰肆拾伍元整" in page
    assert money.fund.name in page
    assert chinese_date(timezone.localtime(donation.succeeded_at).date()) in page
    assert donation.get_channel_display() in page
    assert "@media print" in page


def test_an_anonymous_donor_is_not_named_on_the_receipt(client, money):
    anonymous = services.donor_create(name="王五", is_anonymous=True)
    donation = services.donation_record_offline(
        by=money.fund_manager,
        donor=anonymous,
        amount_fen=50_000,
        channel="cash",
        reference="CASH-0009",
        fund=money.fund,
    )
    status, page = receipt(client, donation)
    assert status == 200
    assert "王五" not in page
    assert anonymous.public_name in page


def test_a_receipt_for_a_public_need_names_no_household(client, money):
    need = money.published_need()
    donation = money.give(88_800, need=need)
    status, page = receipt(client, donation)
    assert status == 200
    assert need.title in page
    # The receiving charity issues it (core.charity_law), not the civil-affairs office.
    assert money.world.charity.name in page and money.world.chaoyang.name not in page
    for personal in ("张建国", "李秀兰", "13912345678"):
        assert personal not in page


def test_there_is_no_receipt_for_money_not_given(client, money):
    pending = services.donation_create(
        donor=money.donor, amount_fen=10_000, channel="stripe", fund=money.fund
    )
    failed = services.donation_fail(
        donation=services.donation_create(
            donor=money.donor, amount_fen=10_000, channel="stripe", fund=money.fund
        ),
        reason="card_declined",
    )
    refunded = money.give(30_000)
    services.donation_refund(
        donation=refunded, amount_fen=30_000, reason="退回", by=money.fund_manager
    )
    for donation in (pending, failed, refunded):
        assert receipt(client, donation)[0] == 404
    assert client.get(f"/donations/receipt/{uuid.uuid4()}/").status_code == 404
    assert client.get("/donations/receipt/12345/").status_code == 404
    assert client.get(f"/donations/receipt/{refunded.pk}/").status_code == 404


def test_a_partly_refunded_gift_shows_what_was_kept(client, money):
    donation = money.give(100_000)
    services.donation_refund(
        donation=donation, amount_fen=40_000, reason="部分退回", by=money.fund_manager
    )
    status, page = receipt(client, donation)
    assert status == 200
    assert "¥600.00" in page
    assert "陆佰元整" in page
    assert "¥1,000.00" in page and "¥400.00" in page


def test_the_link_stays_out_of_search_engines_and_referrers(client, money):
    donation = money.give(10_000)
    response = client.get(f"/donations/receipt/{donation.public_id}/")
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert client.post(f"/donations/receipt/{donation.public_id}/").status_code == 405


def test_the_receipt_follows_the_readers_language(client, money):
    donation = money.give(10_000)
    page = client.get(
        f"/donations/receipt/{donation.public_id}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert '<html lang="en">' in page
    assert "Donation receipt" in page
    assert "壹佰元整" in page  # the capital numerals are the receipt's own form


def test_dates_are_written_the_chinese_way():
    assert chinese_date(datetime.date(2026, 11, 22)) == "2026年11月22日"
    assert chinese_date(datetime.date(2027, 1, 5)) == "2027年1月5日"
