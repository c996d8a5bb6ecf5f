"""The policy index's listing: filters by issuer, year, topic and status, and text search
with the matching service's Chinese bigrams (every term must appear)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F
from django.utils.translation import gettext as _

from search.public import MAX_QUERY_CHARS, text_matches

PAGE_SIZE = 20


def _with_topic(queryset, topic: str):
    if connection.features.supports_json_field_contains:
        return queryset.filter(topics__contains=[topic])
    return queryset.filter(topics__icontains=f'"{topic}"')


def policy_listing(index_page, params) -> dict:
    from cms.models import PolicyPage

    # Newest first; undated documents last on every database (PostgreSQL sorts NULL first).
    policies = (
        PolicyPage.objects.live()
        .child_of(index_page)
        .order_by(F("issued_on").desc(nulls_last=True), "title")
    )
    everything = policies
    notes = []
    chosen = {
        name: (params.get(name) or "").strip()
        for name in ("q", "issuer", "year", "topic", "status")
    }
    if chosen["issuer"]:
        policies = policies.filter(issuer=chosen["issuer"])
    if chosen["year"]:
        if chosen["year"].isdigit():
            policies = policies.filter(issued_on__year=int(chosen["year"]))
        else:
            notes.append(
                _("“%(value)s” is not a year; the year filter was left out.")
                % {"value": chosen["year"][:20]}
            )
            chosen["year"] = ""
    if chosen["topic"]:
        if chosen["topic"] in PolicyPage.Topic.values:
            policies = _with_topic(policies, chosen["topic"])
        else:
            notes.append(_("Unknown topic; the topic filter was left out."))
            chosen["topic"] = ""
    if chosen["status"]:
        if chosen["status"] in PolicyPage.Status.values:
            policies = policies.filter(status=chosen["status"])
        else:
            notes.append(_("Unknown status; the status filter was left out."))
            chosen["status"] = ""
    if chosen["q"]:
        if len(chosen["q"]) > MAX_QUERY_CHARS:
            notes.append(
                _("The search text is too long; it was shortened to %(count)s characters.")
                % {"count": MAX_QUERY_CHARS}
            )
            chosen["q"] = chosen["q"][:MAX_QUERY_CHARS]
        policies = text_matches(
            policies, chosen["q"], ("title", "document_number", "issuer", "search_text")
        )
    page = Paginator(policies, PAGE_SIZE).get_page(params.get("page"))
    return {
        "policies": page,
        "chosen": chosen,
        "notes": notes,
        "issuers": sorted(set(everything.values_list("issuer", flat=True))),
        "years": sorted(
            {d.year for d in everything.values_list("issued_on", flat=True) if d}, reverse=True
        ),
        "topics": PolicyPage.Topic.choices,
        "statuses": PolicyPage.Status.choices,
    }
