"""The transparency page: totals raised, allocated, disbursed and refunded, the flow of the
money as a Sankey picture (Apache ECharts from our own static files) with a table of the same
numbers for screen readers and readers without JavaScript, and each public fund's figures.
Every figure comes from the ledger (donors.transparency)."""

from __future__ import annotations

from django.template.response import TemplateResponse

from cms.listings import cached, cached_page
from donors.transparency import money_flows, platform_totals, public_fund_figures, sankey_data


def _figures() -> dict:
    flows = money_flows()
    return {
        "totals": platform_totals(),
        "funds": public_fund_figures(),
        "flows": flows,
        "sankey": sankey_data(flows),
    }


@cached_page
def transparency(request):
    return TemplateResponse(request, "cms/transparency.html", cached("transparency", {}, _figures))
