"""The allocation proposal in the back office: which referrals would cover the most weighted
urgent need in the reader's jurisdiction with the money projects and their charities' funds
hold now, and what stays uncovered. Nothing is referred until a caseworker confirms each
referral with its own button (the case page's one-click refer, back to this screen)."""

from __future__ import annotations

import uuid

from django.template.response import TemplateResponse
from django.urls import reverse

from core.jurisdiction import GOVERNMENT_ROLES
from core.widgets import jurisdiction_roots
from needs.admin_views.case_actions import ReferView
from needs.admin_views.common import require_roles, visible_cases
from needs.filtersets import ProposalFilterSet
from needs.models import Case
from search.proposal_report import ProposalTooLarge, proposal_for


@require_roles(*GOVERNMENT_ROLES)
def proposal(request):
    scope = ProposalFilterSet(request.GET or None, queryset=visible_cases(request.user))
    scope.form.fields["within"].widget.roots = lambda: jurisdiction_roots(request.user)
    nothing = {"scope": scope.form, "proposal": None}  # the form shows why, nothing proposed
    if scope.is_bound and not scope.is_valid():
        return TemplateResponse(request, "needs/admin/proposal.html", nothing)
    try:
        data = proposal_for(scope.qs)
    except ProposalTooLarge as error:
        nothing["too_large"] = str(error)
        return TemplateResponse(request, "needs/admin/proposal.html", nothing)
    for row in [*data["referrals"], *data["services"], *data["uncovered"]]:
        row["urgency_label"] = Case.Urgency(row["urgency"]).label
    for row in [*data["referrals"], *data["services"]]:
        row["url"] = reverse(f"needs_admin:{ReferView.url_name()}", args=[row["case"]])
        for share in row["shares"]:
            share["submission"] = uuid.uuid4().hex  # one confirmation per rendered button
            share["amount_yuan"] = f"{share['amount_fen'] // 100}.{share['amount_fen'] % 100:02d}"
    return TemplateResponse(
        request,
        "needs/admin/proposal.html",
        # The refer buttons come back to this same scope.
        {"scope": scope.form, "proposal": data, "next": request.get_full_path()},
    )
