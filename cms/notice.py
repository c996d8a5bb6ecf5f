"""The public notice (公示) of relief granted, by month or quarter and by office.

The lines come from the one path needs/ opens for it (needs.notice): surname + 某, county,
amount, category, date, and nothing else about a household. Cached like the other public
lists (cms.listings): a new or decided relief grant moves the listing generation.
Bad filters never fail the page: each one is left out with a note.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.editor_pages import NoticePage, editor_text
from cms.listings import cached, cached_page, listing_generation, page_of
from core.models import Organisation
from donors.reports import local_day_bounds
from needs.notice import notice_grants, notice_row

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
MONTHS_OFFERED = 12
QUARTERS_OFFERED = 8


def period_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of "2026-03" (a month) or "2026-Q1" (a quarter); None if it is
    neither."""
    if match := MONTH.match(value):
        year, month = int(match[1]), int(match[2])
        if not (1 <= month <= 12 and 2000 <= year <= 2999):
            return None
        first = dt.date(year, month, 1)
    elif match := QUARTER.match(value):
        year, quarter = int(match[1]), int(match[2])
        if not 2000 <= year <= 2999:
            return None
        first = dt.date(year, 3 * quarter - 2, 1)
        return first, _month_end(dt.date(year, 3 * quarter, 1))
    else:
        return None
    return first, _month_end(first)


def _month_end(first: dt.date) -> dt.date:
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def period_choices(today: dt.date) -> list[tuple[str, str]]:
    """The latest quarters and months, newest first."""
    quarters, months = [], []
    year, quarter = today.year, (today.month - 1) // 3 + 1
    for _step in range(QUARTERS_OFFERED):
        label = _("%(year)s, quarter %(quarter)s") % {"year": year, "quarter": quarter}
        quarters.append((f"{year}-Q{quarter}", label))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    year, month = today.year, today.month
    for _step in range(MONTHS_OFFERED):
        months.append(
            (f"{year}-{month:02d}", _("%(year)s-%(month)s") % {"year": year, "month": month})
        )
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return quarters + months


def _offices() -> list[tuple[str, str]]:
    return [
        (str(pk), name)
        for pk, name in Organisation.objects.filter(
            kind=Organisation.Kind.GOVERNMENT_OFFICE, is_active=True
        )
        .order_by("region__path", "name")
        .values_list("pk", "name")
    ]


@cached_page
def relief_notice(request, editor_page=None):
    period = (request.GET.get("period") or "").strip()[:20]
    office = (request.GET.get("office") or "").strip()[:20]
    number = request.GET.get("page")
    generation = listing_generation()
    offices = cached("notice-offices", {}, _offices, generation)
    notes, params = [], {}
    if period:
        bounds = period_bounds(period)
        if bounds is None:
            notes.append(
                _(
                    "The period “%(value)s” is not a month (2026-03) or a quarter (2026-Q1); "
                    "that filter was left out."
                )
                % {"value": period}
            )
            period = ""
        else:
            params["period"] = period
    if office:
        if office not in dict(offices):
            notes.append(
                _("There is no office “%(value)s”; that filter was left out.") % {"value": office}
            )
            office = ""
        else:
            params["office"] = office

    def build():
        start = end = None
        if "period" in params:
            start, end = local_day_bounds(*period_bounds(params["period"]))
        grants = notice_grants(
            start=start, end=end, office_id=int(params["office"]) if "office" in params else None
        )
        return page_of(grants, number, notice_row)

    page, page_notes = cached("notice", {**params, "page": number or ""}, build, generation)
    query = urlencode(params)
    return TemplateResponse(
        request,
        "cms/relief_notice.html",
        {
            "page_text": editor_text(NoticePage, editor_page),
            "grants": page,
            "notes": [*notes, *page_notes],
            "periods": period_choices(timezone.localdate()),
            "offices": offices,
            "chosen": {"period": period, "office": office},
            "query": query,
        },
    )
