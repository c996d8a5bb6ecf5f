"""The policy index's listing: filters by issuer, year, topic and status, and text search.

Text search is Wagtail search when Elasticsearch is configured (its index of the policy pages,
cut into Chinese bigrams by the cjk analyzer, kept current by Wagtail on publish). Without it
the listing uses the matching service's bigrams on the database (every term must appear):
Wagtail's database backend does not split Chinese words, so 先救助 would find nothing inside
a sentence."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from cms.listings import page_notes
from search.public import MAX_QUERY_CHARS, text_matches
from search.text import tokens

PAGE_SIZE = 20
EXCERPT_CHARS = 90
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


def excerpt(text: str, query: str, width: int = EXCERPT_CHARS) -> SafeString:
    """A short passage of ``text`` around the first place the query matches, the matches
    marked (<mark>), everything else escaped. The query's words are marked whole where they
    occur; otherwise the two-character pieces the search matched on (search.text.tokens)."""
    flat = re.sub(r"\s+", " ", text or "").strip()
    folded = flat.lower()
    terms = [word for word in query.lower().split() if word in folded]
    if not terms:
        terms = [term for term in dict.fromkeys(tokens(query)) if term in folded]
    if not terms:
        return escape(flat[:width] + ("…" if len(flat) > width else ""))
    first = min(folded.index(term) for term in terms)
    start = max(0, first - width // 4)
    end = min(len(flat), start + width)
    pattern = re.compile(
        "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.I
    )
    parts, last = [], start
    for match in pattern.finditer(flat, start, end):
        parts += [escape(flat[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    parts.append(escape(flat[last:end]))
    return mark_safe(("…" if start else "") + "".join(parts) + ("…" if end < len(flat) else ""))  # noqa: S308  (every piece escaped above)


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
    if chosen["q"]:
        for policy in page.object_list:
            policy.excerpt = excerpt(policy.search_text, chosen["q"])
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
