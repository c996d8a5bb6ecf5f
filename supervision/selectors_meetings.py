"""Reads of joint meetings, jurisdiction-scoped (DESIGN.md 7.5): government staff (and auditors,
platform administrators) see the meetings of offices in their jurisdiction; department staff
see the mechanisms their unit is a member of and the meetings it was invited to, and of the
meetings' cases only what a referral shows a department: no household data (7.1)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from django.db.models import Q, QuerySet
from django.urls import reverse

from core.jurisdiction import GOVERNMENT_ROLES, READ_EVERYTHING_ROLES, scope_filter, scope_for
from needs.anonymize.known import KnownIdentifiers
from needs.models import Case, Need
from needs.public_text import public_text
from needs.selectors import cases_visible_to, department_ids
from supervision.models import (
    JointMeeting,
    JointMeetingMechanism,
    JointMeetingTask,
)

OFFICE_READERS = (*GOVERNMENT_ROLES, *READ_EVERYTHING_ROLES)


def _condition(user, region_field: str, department_field: str) -> Q | None:
    """None: everything. Otherwise the office-jurisdiction part or the department part."""
    office = scope_filter(scope_for(user, roles=OFFICE_READERS), region_field=region_field)
    if office is None:
        return None
    return office | Q(**{f"{department_field}__in": department_ids(user)})


def mechanisms_visible_to(user, queryset=None) -> QuerySet[JointMeetingMechanism]:
    queryset = JointMeetingMechanism.objects.all() if queryset is None else queryset
    condition = _condition(user, "office__region", "members__department")
    queryset = queryset if condition is None else queryset.filter(condition).distinct()
    return queryset.select_related("office__region")


def meetings_visible_to(user, queryset=None) -> QuerySet[JointMeeting]:
    queryset = JointMeeting.objects.all() if queryset is None else queryset
    condition = _condition(user, "mechanism__office__region", "invitations__department")
    if condition is not None:
        queryset = queryset.filter(pk__in=JointMeeting.objects.filter(condition).values("pk"))
    return queryset.select_related("mechanism__office")


def tasks_visible_to(user, queryset=None) -> QuerySet[JointMeetingTask]:
    """Tasks of the meetings the user may see (a member unit sees the other units' tasks of
    its meetings: the decisions are shared)."""
    queryset = JointMeetingTask.objects.all() if queryset is None else queryset
    return queryset.filter(meeting__in=meetings_visible_to(user).values("pk")).select_related(
        "unit", "meeting", "decision"
    )


@dataclass(frozen=True)
class MeetingCase:
    """One case as this reader may read it on a meeting's page."""

    pk: int
    number: str
    category: str
    urgency: str
    county: str
    situation: str
    link: str  # the case page, only for those who may open the case


def meeting_cases_for(user, meeting: JointMeeting) -> list[MeetingCase]:
    """The meeting's cases as ``user`` reads them: staff who may open a case read its
    narrative as written; anyone else (a member department) reads what a referral shows,
    the published story or the narrative through the anonymizer, and no household field."""
    from needs.services.known_facts import known_identifiers

    cases = list(meeting.cases.select_related("region", "household").order_by("pk"))
    readable = set(
        cases_visible_to(user).filter(pk__in=[c.pk for c in cases]).values_list("pk", flat=True)
    )
    stories = dict(
        Need.objects.filter(case__in=cases, status=Need.Status.PUBLISHED).values_list(
            "case_id", "story"
        )
    )
    rows = []
    for case in cases:
        if case.pk in readable:
            situation = case.narrative
            link = reverse("needs_admin:case_detail", args=[case.pk])
        else:
            situation = stories.get(case.pk) or public_text(
                case.narrative, known_identifiers(case.household, case)
            )
            link = ""
        rows.append(
            MeetingCase(
                pk=case.pk,
                number=case.number or "",
                category=case.get_category_display(),
                urgency=case.get_urgency_display(),
                county=case.region.name,
                situation=situation,
                link=link,
            )
        )
    return rows


def _reads_as_office(user, meeting: JointMeeting) -> bool:
    """Whether ``user`` sees the meeting as its convening side (an office in jurisdiction, an
    auditor, an administrator), not only as an invited member unit."""
    office = scope_filter(
        scope_for(user, roles=OFFICE_READERS), region_field="mechanism__office__region"
    )
    return office is None or JointMeeting.objects.filter(office, pk=meeting.pk).exists()


def _merged(known: list[KnownIdentifiers]) -> KnownIdentifiers:
    """One list of identifiers for several households (a meeting discusses several cases)."""
    return KnownIdentifiers(
        **{
            f.name: tuple(value for k in known for value in getattr(k, f.name))
            for f in fields(KnownIdentifiers)
        }
    )


def meeting_text_for(user, meeting: JointMeeting) -> Callable[[str], str]:
    """How ``user`` reads what the convener typed on a meeting (its agenda, closing summary,
    decisions, tasks): as written by the convening side when it may open every case of the
    meeting; for anyone else (a member department) through the anonymizer with everything the
    platform knows of the households of the cases it may not open, as the cases' situations
    are (meeting_cases_for). The one rule of the meeting page and the API."""
    from needs.services.known_facts import known_identifiers

    cases = list(meeting.cases.select_related("household"))
    readable = set(
        cases_visible_to(user).filter(pk__in=[c.pk for c in cases]).values_list("pk", flat=True)
    )
    hidden = [c for c in cases if c.pk not in readable]
    if not hidden and _reads_as_office(user, meeting):
        return lambda text: text or ""
    known = _merged([known_identifiers(c.household, c) for c in hidden])
    return lambda text: public_text(text or "", known)


def cases_to_discuss(user) -> QuerySet[Case]:
    """The open cases a convener may put on the agenda: those they may read."""
    return cases_visible_to(user).exclude(status=Case.Status.CLOSED).order_by("-pk")


def overdue_tasks_visible_to(user, *, today=None) -> QuerySet[JointMeetingTask]:
    """Open follow-up tasks past their deadline in open meetings the user may see, the
    longest overdue first (the supervision dashboard)."""
    from django.utils import timezone

    today = today or timezone.localdate()
    return (
        tasks_visible_to(user)
        .filter(
            status=JointMeetingTask.Status.OPEN,
            due_on__lt=today,
            meeting__status=JointMeeting.Status.CONVENED,
        )
        .select_related("meeting__mechanism__office")
        .order_by("due_on", "pk")
    )
