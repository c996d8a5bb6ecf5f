"""Reads of the petition register and the concentrated surveys, always through the jurisdiction
(DESIGN.md 7.5): the same rule as the other discovery registers (discovery.selectors_registers):
government staff see the rows of their regions and of their own offices, auditors and platform
administrators all of them, charities and the public nothing."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from discovery.models import Petition, Survey, SurveyAssignment
from discovery.selectors_registers import _visible

# What a petition's page shows of the petitioner; recorded with each read (DESIGN.md 7.1).
PETITIONER_FIELDS_SHOWN = ["petitioner_name", "petitioner_phone", "petitioner_id_number"]


def petitions_visible_to(user, queryset: QuerySet[Petition] | None = None) -> QuerySet[Petition]:
    return _visible(Petition.objects.all() if queryset is None else queryset, user)


def petition_overdue_condition(now: dt.datetime) -> Q:
    """Acceptance not decided by its deadline, or an accepted petition not replied to by its
    (possibly extended) handling deadline."""
    return Q(status=Petition.Status.RECEIVED, accept_due_at__lt=now) | Q(
        status=Petition.Status.ACCEPTED, handle_due_at__lt=now
    )


def petitions_overdue(user, *, now: dt.datetime | None = None) -> QuerySet[Petition]:
    now = now or timezone.now()
    return petitions_visible_to(user).filter(petition_overdue_condition(now))


def surveys_visible_to(user, queryset: QuerySet[Survey] | None = None) -> QuerySet[Survey]:
    return _visible(Survey.objects.all() if queryset is None else queryset, user)


def survey_assignments_visible_to(
    user, queryset: QuerySet[SurveyAssignment] | None = None
) -> QuerySet[SurveyAssignment]:
    """The assignments of the surveys the user sees, and those assigned to the user."""
    queryset = SurveyAssignment.objects.all() if queryset is None else queryset
    return queryset.filter(
        Q(survey__in=surveys_visible_to(user).values("pk"))
        | Q(visitor_id=getattr(user, "pk", None))
    )


def survey_coverage(survey: Survey) -> dict:
    """How far the survey has come: assigned, visited, found in need, made cases, and the
    share visited in whole percent; also per visitor (one figure, used by every screen)."""
    rows = survey.assignments.values("visitor_id").annotate(
        assigned=Count("id"),
        visited=Count("id", filter=Q(status=SurveyAssignment.Status.VISITED)),
        in_need=Count("id", filter=Q(needs_help=True)),
        cases=Count("id", filter=Q(case__isnull=False)),
    )
    from core.models import User

    names = {
        u.pk: (u.get_full_name() or u.get_username())
        for u in User.objects.filter(pk__in=[r["visitor_id"] for r in rows])
    }
    visitors = [
        {
            "visitor": row["visitor_id"],
            "visitor_name": names.get(row["visitor_id"], ""),
            "assigned": row["assigned"],
            "visited": row["visited"],
            "percent": row["visited"] * 100 // row["assigned"] if row["assigned"] else 0,
        }
        for row in rows.order_by("visitor_id")
    ]
    assigned = sum(r["assigned"] for r in rows)
    visited = sum(r["visited"] for r in rows)
    return {
        "assigned": assigned,
        "visited": visited,
        "in_need": sum(r["in_need"] for r in rows),
        "cases": sum(r["cases"] for r in rows),
        "percent": visited * 100 // assigned if assigned else 0,
        "visitors": visitors,
    }
