"""待办 (my work): what waits for this person or their office, one function per kind of item.

The dashboard (needs.admin_views.worklist) and the API (``GET /api/v1/me/worklist/``) show
the same lists from here, so the screen and the API agree. Every function:

- answers only for the roles whose work it is (``None`` for anyone else, so a section that is
  not the reader's work is not shown at all, and an empty list means "nothing waits");
- reads through the jurisdiction rules (core.jurisdiction, the apps' selectors): a caseworker
  sees the work of their own office, a supervisor that of the offices below, a charity that
  of its own organisation, and nobody anything of others';
- counts everything that waits and lists the first ``limit`` items, most urgent first (the
  earliest due time), each with the link to the screen where it is done.

No item names a person in hardship: cases are named by their number (DESIGN.md 7.1).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from discovery.worklist_petitions import petitions_due, survey_visits_due
from discovery.worklist_registers import (
    hotline_callbacks,
    supervision_tasks,
    visits_due,
    visits_needing_help,
    warnings_to_dispose,
)
from needs.worklist.assistance import assistance_approvals, assistance_steps
from needs.worklist.base import LIMIT, WorkItem, WorkList
from needs.worklist.cases import (
    assessments_due,
    cases_to_accept,
    handovers_to_accept,
    open_handovers_to,
    overdue_below,
    relief_approvals,
    relief_due,
)
from needs.worklist.checks import economic_checks_awaiting_result, relative_reviews
from needs.worklist.offers import offers_to_answer
from needs.worklist.organisations import (
    payment_approvals,
    referrals_to_answer,
    referrals_to_fund,
)
from needs.worklist.zero_reports import pairing_visits_due, zero_reports_missing
from projects.worklist_supermarkets import goods_to_issue
from supervision.worklist import WORK as UPWARD_WORK

# ---- everything, in the order the dashboard shows it ----

WORK = (
    cases_to_accept,
    visits_needing_help,
    handovers_to_accept,
    assessments_due,
    relief_due,
    relief_approvals,
    assistance_steps,
    assistance_approvals,
    relative_reviews,
    economic_checks_awaiting_result,
    offers_to_answer,
    payment_approvals,
    referrals_to_answer,
    referrals_to_fund,
    goods_to_issue,
    hotline_callbacks,
    petitions_due,
    survey_visits_due,
    visits_due,
    pairing_visits_due,
    zero_reports_missing,
    warnings_to_dispose,
    supervision_tasks,
    overdue_below,
    # Reports upward and inspections (supervision.worklist).
    *UPWARD_WORK,
)


def worklist_for(user, *, now=None, limit: int = LIMIT) -> list[WorkList]:
    """Every kind of work that is the user's, in the dashboard's order (empty ones too: they
    say that nothing waits)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    now = now or timezone.now()
    lists = (kind(user, now=now, limit=limit) for kind in WORK)
    return [work for work in lists if work is not None]


def due_words(item: WorkItem, now: dt.datetime | None = None) -> str:
    """When an item is due, in words and local time: "overdue since 12-03 23:59", "due today
    by 17:00", "due by 12-08 23:59"."""
    now = timezone.localtime(now or timezone.now())
    if item.due_at is not None:
        due = timezone.localtime(item.due_at)
        if due < now:
            days = (now.date() - due.date()).days
            if days >= 1:
                return _("overdue by %(days)s days (due %(when)s)") % {
                    "days": days,
                    "when": due.strftime("%m-%d %H:%M"),
                }
            return _("overdue since %(time)s today") % {"time": due.strftime("%H:%M")}
        if due.date() == now.date():
            return _("due today by %(time)s") % {"time": due.strftime("%H:%M")}
        if due.date() == now.date() + dt.timedelta(days=1):
            return _("due tomorrow by %(time)s") % {"time": due.strftime("%H:%M")}
        return _("due by %(when)s") % {"when": due.strftime("%Y-%m-%d %H:%M")}
    if item.due_on is not None:
        today = now.date()
        if item.due_on < today:
            days = (today - item.due_on).days
            return _("overdue by %(days)s days (due %(when)s)") % {
                "days": days,
                "when": item.due_on.strftime("%m-%d"),
            }
        if item.due_on == today:
            return _("due today")
        return _("due on %(day)s") % {"day": item.due_on.strftime("%Y-%m-%d")}
    return ""


def person_name(user) -> str:
    """A member of staff's name as Chinese writes it, family name first (王芳, not 芳 王):
    core.User.get_full_name; the login name when no name is recorded."""
    return user.get_full_name() or user.get_username()


__all__ = [
    "LIMIT",
    "WORK",
    "WorkItem",
    "WorkList",
    "assessments_due",
    "assistance_approvals",
    "assistance_steps",
    "cases_to_accept",
    "due_words",
    "economic_checks_awaiting_result",
    "handovers_to_accept",
    "hotline_callbacks",
    "offers_to_answer",
    "open_handovers_to",
    "overdue_below",
    "payment_approvals",
    "person_name",
    "referrals_to_answer",
    "referrals_to_fund",
    "relative_reviews",
    "relief_approvals",
    "relief_due",
    "supervision_tasks",
    "visits_due",
    "visits_needing_help",
    "warnings_to_dispose",
    "worklist_for",
]
