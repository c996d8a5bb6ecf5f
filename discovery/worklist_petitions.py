"""The petition register's work on the 待办 (needs.worklist): open petitions of the
caseworker's offices, acceptance to decide or a reply due, overdue ones first."""

from __future__ import annotations

from django.db.models import Case as When_
from django.db.models import F, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.jurisdiction import Role
from discovery.models import Petition
from discovery.selectors_petitions import petition_overdue_condition
from needs.worklist.base import LIMIT, WorkItem, WorkList, _made, _offices


def petitions_due(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Petitions of the caseworker's offices still open: acceptance to decide (15 days) or,
    once accepted, a reply due (60 days, or as extended)."""
    offices = _offices(user, Role.CASEWORKER)
    if not offices:
        return None
    now = now or timezone.now()
    queryset = (
        Petition.objects.filter(office_id__in=offices, status__in=Petition.OPEN_STATUSES)
        .annotate(
            due=When_(
                When(status=Petition.Status.RECEIVED, then=F("accept_due_at")),
                default=F("handle_due_at"),
            )
        )
        .order_by("due", "pk")
    )

    def item(petition):
        if petition.status == Petition.Status.RECEIVED:
            detail = _("decide on acceptance")
        else:
            detail = _("reply to the petitioner")
        return WorkItem(
            title=_("Petition %(id)s") % {"id": petition.pk},
            detail=f"{detail} · {petition.get_form_display()}",
            link=reverse("discovery_admin:petition_detail", args=[petition.pk]),
            due_at=petition.due,
            overdue=petition.is_overdue(now),
        )

    return _made(
        "petitions_due",
        _("Petitions to handle"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("discovery_admin:petition_list") + "?overdue=yes",
        overdue=petition_overdue_condition(now),
    )


def survey_visits_due(user, *, now=None, limit: int = LIMIT) -> WorkList | None:
    """Concentrated-survey visits assigned to the user and not made yet, in open surveys;
    overdue once the survey's period has ended."""
    from django.db.models import Q

    from core.jurisdiction import GOVERNMENT_ROLES, has_role
    from discovery.models import Survey, SurveyAssignment

    if not has_role(user, *GOVERNMENT_ROLES):
        return None
    today = timezone.localdate(now or timezone.now())
    queryset = (
        SurveyAssignment.objects.filter(
            visitor=user,
            status=SurveyAssignment.Status.PENDING,
            survey__status=Survey.Status.OPEN,
        )
        .select_related("survey")
        .order_by("survey__ends_on", "pk")
    )

    def item(row):
        return WorkItem(
            title=row.survey.name,
            detail=(
                _("Household %(number)s") % {"number": row.household_id}
                if row.household_id
                else row.village
            ),
            link=reverse("discovery_admin:survey_detail", args=[row.survey_id]),
            due_on=row.survey.ends_on,
            overdue=row.survey.ends_on < today,
        )

    return _made(
        "survey_visits_due",
        _("Survey visits to make"),
        queryset,
        item,
        limit=limit,
        list_link=reverse("discovery_admin:survey_list"),
        overdue=Q(survey__ends_on__lt=today),
    )
