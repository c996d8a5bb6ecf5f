"""The dashboard's 待办 (my work): the Wagtail home page's one panel, built from needs.worklist
(the API shows the same lists). Wagtail's own panels, its page search and editor guide are
not the back office's work and are left out (needs.wagtail_hooks)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from core.jurisdiction import active_memberships, user_roles
from core.models import Membership
from needs.worklist import due_words, person_name, worklist_for


class WorklistPanel(Component):
    name = "worklist"
    order = 10
    template_name = "needs/admin/worklist_panel.html"

    class Media:
        css = {"all": ["css/worklist.css"]}

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        now = timezone.now()
        lists = worklist_for(user, now=now)
        sections = [
            # Due times in words and local time, next to each item.
            {"work": work, "items": [(item, due_words(item, now)) for item in work.items]}
            for work in lists
        ]
        roles = dict(Membership.Role.choices)
        held = user_roles(user)
        return {
            "name": person_name(user),
            "memberships": [
                {"role": roles.get(m.role, m.role), "organisation": m.organisation.name}
                for m in active_memberships(user)
            ],
            "is_admin": Membership.Role.PLATFORM_ADMIN in held,
            "reader_starts": _reader_starts() if Membership.Role.AUDITOR in held else [],
            "sections": sections,
            # The kinds of work with nothing waiting are named in one line, not as empty tiles.
            "nothing_waiting": [work.label for work in lists if not work.count],
            "waiting": sum(work.count for work in lists),
            "overdue": sum(work.overdue for work in lists),
        }


def _reader_starts() -> list[tuple[str, str]]:
    """Where an auditor's day starts, since nothing waits for a role that only reads."""
    return [
        (_("Read log"), reverse("supervision_admin:read_log")),
        (_("Audit log"), reverse("audit_log:index")),
        (_("Reconciliation"), reverse("donors_admin:reconcile")),
        (_("Supervision"), reverse("supervision_admin:dashboard")),
    ]
