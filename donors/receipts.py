"""The printable donation receipt (捐赠收据).

The donation's random public id is the key to its receipt, like a thank-you link: whoever
holds the link may print it, so the page says nothing a donor should not see — no household,
and the donor's own name only if the donor did not give anonymously.
"""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.models import Organisation
from core.money import format_money, format_money_upper
from donors.models import Donation


def chinese_date(day: date) -> str:
    """2026年11月22日: how a date is written on a Chinese receipt."""
    return f"{day.year}年{day.month}月{day.day}日"


@never_cache
@require_safe
def donation_receipt(request: HttpRequest, public_id) -> HttpResponse:
    """A receipt for a gift that succeeded; 404 for one still pending, failed or fully
    refunded, so a link never certifies money that was not (or no longer) given. The issuer
    is the receiving organisation: for a special fund, the charity holding it (Fund.holder),
    never the enterprise that owns the fund."""
    donation = (
        Donation.objects.select_related(
            "donor", "fund", "project", "need", "receiving_organisation"
        )
        .filter(public_id=public_id, status=Donation.Status.SUCCEEDED)
        .first()
    )
    if donation is None or not donation.receipt_number:
        raise Http404
    # Only a charity (or the government office of a public need) issues a receipt; a gift an
    # enterprise's fund received itself before funds had a holding charity has no valid one.
    if donation.receiving_organisation.kind == Organisation.Kind.ENTERPRISE:
        raise Http404
    received_fen = donation.amount_fen - donation.refunded_fen
    target = donation.target
    response = render(
        request,
        "donors/receipt.html",
        {
            "donation": donation,
            "donor_name": donation.donor.public_name,
            "target_title": target.name if donation.fund_id else target.title,
            "amount": format_money(received_fen),
            "amount_upper": format_money_upper(received_fen),
            "refunded": format_money(donation.refunded_fen) if donation.refunded_fen else "",
            "original_amount": format_money(donation.amount_fen),
            "date": chinese_date(timezone.localtime(donation.succeeded_at).date()),
            "channel": donation.get_channel_display(),
        },
    )
    # The address is the key: keep it out of search engines and other sites' logs.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
