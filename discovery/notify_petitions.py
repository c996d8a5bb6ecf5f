"""Notifications of the petition register and the concentrated surveys: whoever the work waits
for is told, once per event (the key), in their own language. A message names a petition by
its number and a survey by its name, never the petitioner or a household (DESIGN.md 7.1)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Membership, Notification
from discovery.models import Petition
from supervision.notify_events import _send, office_staff

Kind = Notification.Kind
Role = Membership.Role
# How many days before a petition's time limit its office is reminded (信访工作条例 counts days).
DEFAULT_REMINDER_DAYS = 3


def _caseworkers(office_id: int) -> list:
    return office_staff(office_id, [Role.CASEWORKER])


def _petition_link(petition: Petition) -> str:
    return reverse("discovery_admin:petition_detail", args=[petition.pk])


def petition_registered(petition: Petition, *, by) -> int:
    """A letter or visit entered for an office: its caseworkers decide on acceptance."""
    due = timezone.localtime(petition.accept_due_at).strftime("%Y-%m-%d")
    return _send(
        [u for u in _caseworkers(petition.office_id) if u.pk != getattr(by, "pk", None)],
        Kind.OTHER,
        lambda: (
            _("Petition %(id)s was registered for %(office)s: decide on its acceptance by %(due)s.")
            % {"id": petition.pk, "office": petition.office.name, "due": due}
        ),
        _petition_link(petition),
        f"petition-registered:{petition.pk}",
    )


def _limits(petition: Petition, horizon: dt.datetime) -> list[tuple[str, dt.datetime]]:
    if petition.status == Petition.Status.RECEIVED and petition.accept_due_at < horizon:
        return [("accept", petition.accept_due_at)]
    if (
        petition.status == Petition.Status.ACCEPTED
        and petition.handle_due_at is not None
        and petition.handle_due_at < horizon
    ):
        return [("reply", petition.handle_due_at)]
    return []


def petition_reminders_send(*, now: dt.datetime | None = None, within_days: int | None = None):
    """Remind the office's caseworkers of each open petition whose acceptance or reply time
    limit is past or within ``within_days`` (setting PETITION_REMINDER_DAYS): once per
    petition and deadline, so an extended deadline is reminded again. The periodic runner
    (supervision.tasks.run_all) calls this."""
    now = now or timezone.now()
    days = (
        getattr(settings, "PETITION_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)
        if within_days is None
        else within_days
    )
    horizon = now + dt.timedelta(days=days)
    petitions = (
        Petition.objects.filter(
            Q(status=Petition.Status.RECEIVED, accept_due_at__lt=horizon)
            | Q(status=Petition.Status.ACCEPTED, handle_due_at__lt=horizon)
        )
        .select_related("office")
        .order_by("pk")
    )
    sent = 0
    for petition in petitions.iterator(chunk_size=500):
        for step, due_at in _limits(petition, horizon):
            words = {
                "id": petition.pk,
                "due": timezone.localtime(due_at).strftime("%Y-%m-%d %H:%M"),
            }

            def compose(step=step, due_at=due_at, words=words) -> str:
                if step == "accept":
                    if due_at < now:
                        return (
                            _("Petition %(id)s: acceptance was to be decided by %(due)s.") % words
                        )
                    return _("Petition %(id)s: decide on its acceptance by %(due)s.") % words
                if due_at < now:
                    return _("Petition %(id)s: the reply was due by %(due)s.") % words
                return _("Petition %(id)s: reply to the petitioner by %(due)s.") % words

            with transaction.atomic():
                sent += _send(
                    _caseworkers(petition.office_id),
                    Kind.DEADLINE_REMINDER,
                    compose,
                    _petition_link(petition),
                    f"petition-due:{petition.pk}:{step}:{due_at:%Y%m%d%H%M}",
                )
    return sent


def survey_assigned(survey, *, visitor, assignments: list) -> int:
    """Households or villages of a concentrated survey assigned to a visitor: the visitor is
    told, once per assignment (the first row of the batch names it)."""
    if not assignments:
        return 0
    return _send(
        [visitor],
        Kind.OTHER,
        lambda: (
            _("Concentrated survey “%(survey)s”: %(count)s visits are assigned to you, by %(end)s.")
            % {
                "survey": survey.name,
                "count": len(assignments),
                "end": survey.ends_on.strftime("%Y-%m-%d"),
            }
        ),
        reverse("discovery_admin:survey_detail", args=[survey.pk]),
        f"survey-assigned:{survey.pk}:{min(a.pk for a in assignments)}",
    )
