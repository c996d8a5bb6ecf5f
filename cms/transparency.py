"""The transparency page: totals raised, allocated, disbursed and refunded, the flow of the
money as a Sankey picture (Apache ECharts from our own static files) with a table of the same
numbers for screen readers and readers without JavaScript, and each public fund's figures.
Every figure comes from the ledger (donors.transparency)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.editor_pages import TransparencyPage, editor_text
from cms.listings import cached, cached_page
from core.charity_law import public_record
from donors.models import Fund
from donors.reports import statement_for
from donors.services.donations import fund_fundraising_problem
from donors.transparency import (
    government_relief_figures,
    money_flows,
    platform_totals,
    public_fund_figures,
    sankey_data,
)


def _figures() -> dict:
    flows = money_flows()
    return {
        "totals": platform_totals(),
        "funds": public_fund_figures(),
        "flows": flows,
        "sankey": sankey_data(flows),
        "government": government_relief_figures(),
    }


@cached_page
def transparency(request, editor_page=None):
    context = {
        **cached("transparency", {}, _figures),
        "page_text": editor_text(TransparencyPage, editor_page),
    }
    return TemplateResponse(request, "cms/transparency.html", context)


def _statement_year(raw: str | None, this_year: int) -> tuple[int, list[str]]:
    """The year asked for (this year by default); one that cannot be read, or lies outside
    2000..this year, gives this year with a note."""
    if not raw:
        return this_year, []
    if raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= this_year:
        return int(raw), []
    note = _("There is no statement for “%(value)s”; this is %(year)s.")
    return this_year, [note % {"value": raw[:10], "year": this_year}]


@cached_page
def fund_statement(request, pk: int):
    """A public fund's statement for a calendar year: opening and closing balance, donations,
    fees, allocations, releases, refunds and payments to households, from the ledger; where
    the money went by allocation number, kind of hardship and county (never a household)."""
    fund = get_object_or_404(Fund.objects.select_related("owner", "holder"), pk=pk, is_public=True)
    this_year = timezone.localdate().year
    year, notes = _statement_year(request.GET.get("year"), this_year)

    def build():
        statement = statement_for(holder=fund, start=date(year, 1, 1), end=date(year, 12, 31))
        # The donors' rows stay with the fund's holder: the public sees their total.
        return replace(statement, rows=[])

    statement = cached("fund-statement", {"fund": fund.pk, "year": year}, build)
    return TemplateResponse(
        request,
        "cms/fund_statement.html",
        {
            "fund": fund,
            "charity_facts": public_record(
                fund, fund.holder or fund.owner, fund_fundraising_problem(fund, online=True) is None
            ),
            "statement": statement,
            "year": year,
            "years": list(range(this_year, max(2000, fund.created_at.year) - 1, -1)),
            "notes": notes,
        },
    )
