"""The petition register on the supervision dashboard and in its exports (supervision/): the
petitions received in the period, by status, with those past a time limit; the file for an
inspection. Read through the jurisdiction like every figure there; no petitioner data."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from discovery.models import Petition
from discovery.selectors_petitions import petition_overdue_condition, petitions_visible_to


def petitions_in_scope(user, filters) -> QuerySet[Petition]:
    """Petitions the user may see, received in the filters' period, of their office."""
    petitions = petitions_visible_to(user)
    start, end = filters.bounds()
    if start:
        petitions = petitions.filter(received_at__gte=start)
    if end:
        petitions = petitions.filter(received_at__lt=end)
    if filters.office_id:
        petitions = petitions.filter(office_id=filters.office_id)
    return petitions


def _query(filters, **extra: str) -> dict[str, str]:
    query = {}
    if filters.start:
        query["received_from"] = filters.start.isoformat()
    if filters.end:
        query["received_to"] = filters.end.isoformat()
    if filters.office_id:
        query["office"] = str(filters.office_id)
    return {**query, **extra}


def petitions_by_status(user, filters) -> dict:
    """Per status the petitions received in the period, and how many are past a time limit;
    each with the petition list's query that shows them."""
    petitions = petitions_in_scope(user, filters)
    counts = dict(
        petitions.order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return {
        "rows": [
            {"label": label, "count": counts.get(value, 0), "query": _query(filters, status=value)}
            for value, label in Petition.Status.choices
        ],
        "overdue": petitions.filter(petition_overdue_condition(timezone.now())).count(),
        "overdue_query": _query(filters, overdue="yes"),
    }


def petition_headings() -> list[str]:
    return [
        _("Petition"),
        _("Form"),
        _("Status"),
        _("County"),
        _("Handling office"),
        _("Received at"),
        _("Decide on acceptance by"),
        _("Accepted at"),
        _("Handle by"),
        _("Extended by (days)"),
        _("Replied at"),
        _("Past a time limit"),
        _("Case number"),
    ]


def petition_rows(user, filters) -> Iterator[list]:
    from supervision.exports import _labels, _local, _yes_no

    forms, statuses = _labels(Petition.Form.choices), _labels(Petition.Status.choices)
    now = timezone.now()
    petitions = (
        petitions_in_scope(user, filters)
        .select_related("region", "office", "case")
        .order_by("received_at", "pk")
    )
    for p in petitions.iterator(chunk_size=2000):
        yield [
            p.pk,
            forms.get(p.form, p.form),
            statuses.get(p.status, p.status),
            p.region.name,
            p.office.name,
            _local(p.received_at),
            _local(p.accept_due_at),
            _local(p.accepted_at),
            _local(p.handle_due_at),
            p.extended_days or "",
            _local(p.replied_at),
            _yes_no(p.is_overdue(now)),
            p.case.number if p.case_id else "",
        ]
