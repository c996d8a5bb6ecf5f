"""Notifications of the visit register: a visit that finds a household needing help now tells
the caseworkers of the office that answers for the household's area, once per visit, in their
own language. The message names the visit by its number and the village, never the household
(DESIGN.md 7.1)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core.models import Membership, Notification, Region
from discovery.models import Visit
from supervision.notify_events import _send, office_staff


def visit_needs_help(visit: Visit, *, place: Region, by) -> int:
    """Tell the caseworkers of ``visit.help_office`` (not the recorder) that a visit found a
    household needing help now; ``place`` is the village (or county) it was found in."""
    if visit.help_office_id is None:
        return 0
    recipients = [
        user
        for user in office_staff(visit.help_office_id, [Membership.Role.CASEWORKER])
        if user.pk != getattr(by, "pk", None)
    ]
    return _send(
        recipients,
        Notification.Kind.OTHER,
        lambda: (
            _(
                "Visit %(id)s in %(place)s found a household that needs help now: make a case "
                "or say what was done."
            )
            % {"id": visit.pk, "place": place.display_name}
        ),
        reverse("discovery_registers:visit_detail", args=[visit.pk]),
        f"visit-needs-help:{visit.pk}",
    )
