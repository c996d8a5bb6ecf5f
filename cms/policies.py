"""The policy index's listing: filters by issuer, year, topic and status, and text search.

Text search is Wagtail search when Elasticsearch is configured (its index of the policy pages,
cut into Chinese bigrams by the cjk analyzer, kept current by Wagtail on publish). Without it
the listing uses the matching service's bigrams on the database (every term must appear):
Wagtail's database backend does not split Chinese words, so 先救助 would find nothing inside
a sentence."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F
from django.utils.translation import gettext as _

from cms.listings import page_notes
from search.public import MAX_QUERY_CHARS, text_matches

PAGE_SIZE = 20
MAX_SEARCH_HITS = 1000  # far more policy documents than one region ever publishes


def _text_search(policies, query: str, index_page):
    from cms.models import PolicyPage

    if settings.ELASTICSEARCH_URL:
        pages = PolicyPage.objects.live().descendant_of(index_page)
        hits = pages.search(query, operator="and")[:MAX_SEARCH_HITS]
        return policies.filter(pk__in=[page.pk for page in hits])
    return text_matches(policies, query, ("title", "document_number", "issuer", "search_text"))


def _with_topic(queryset, topic: str):
    if connection.features.supports_json_field_contains:
        return queryset.filter(topics__contains=[topic])
    return queryset.filter(topics__icontains=f'"{topic}"')


def _year(text: str) -> int | None:
    """A plausible year of a policy document, or None. Only ASCII digits (str.isdigit also
    takes "²"), and a range the databases' date functions accept (year 0 or 10000 raised)."""
    if len(text) == 4 and text.isascii() and text.isdigit() and 1900 <= int(text) <= 2999:
        return int(text)
    return None


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
        year = _year(chosen["year"])
        if year:
            policies = policies.filter(issued_on__year=year)
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
        policies = _text_search(policies, chosen["q"], index_page)
    page = Paginator(policies, PAGE_SIZE).get_page(params.get("page"))
    notes += page_notes(params.get("page"), page)
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
