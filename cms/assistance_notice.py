"""The public notice (公示) of assistance applications recommended for approval (低保, 特困,
医疗救助...), during their notice period, so that anyone may object before the approval.

Rows come from needs.selectors_assistance.public_notices: surname + 某, county, village or
community, type, amount and the notice dates, nothing else about a household. Not cached:
a notice starts and ends by the day, and the list is short.
"""

from __future__ import annotations

from django.template.response import TemplateResponse

from cms.listings import page_of
from needs.models import AssistanceType
from needs.selectors_assistance import public_notices


def _row(application) -> dict:
    return {
        "name": application.notice_name,
        "county": application.region.display_name,
        "village": application.village,
        "type": application.get_type_display(),
        "amount_fen": application.amount_fen,
        "until": application.notice_ends_on,
    }


def assistance_notice(request):
    wanted = (request.GET.get("type") or "").strip()[:24]
    notices = public_notices()
    if wanted in AssistanceType.values:
        notices = notices.filter(type=wanted)
    else:
        wanted = ""
    page, notes = page_of(notices, request.GET.get("page"), _row)
    return TemplateResponse(
        request,
        "cms/assistance_notice.html",
        {
            "notices": page,
            "notes": notes,
            "types": AssistanceType.choices,
            "chosen": wanted,
            "query": f"type={wanted}" if wanted else "",
        },
    )
