"""The cases back office in the Wagtail admin: case list, case page with its actions as forms,
"report a case", and the referral inbox.

Thin edges, like the API (needs/api/views.py): every read goes through the jurisdiction
selectors, every change through exactly one service, and every page showing a household's
personal data records the read in the audit log (DESIGN.md 7.1, 7.3, 7.5).

common.py holds what the screens share, cases.py the case list, case page and case report,
case_actions.py the actions on a case, referrals.py the inbox and the answers to a referral,
the discovery registers (hotline, visits, proxy applications, the data cross-check) live in
``discovery`` and the supervision tasks in ``supervision`` (issue 19).
"""

from __future__ import annotations

from django.urls import path

from needs.admin_views import economic_checks, proposal, relatives, typical
from needs.admin_views.assistance import (
    ASSISTANCE_ACTION_VIEWS,
    application_detail,
    application_list,
    application_new,
    office_rule_edit,
    office_rules,
)
from needs.admin_views.case_actions import CASE_ACTION_VIEWS
from needs.admin_views.cases import case_detail, case_list, case_report
from needs.admin_views.common import CASE_ROLES, REFERRAL_ROLES
from needs.admin_views.handovers import HANDOVER_ACTION_VIEWS, handover_list
from needs.admin_views.offers import OFFER_ACTION_VIEWS, offer_detail
from needs.admin_views.referrals import REFERRAL_ACTION_VIEWS, referral_detail, referral_list

__all__ = ["CASE_ROLES", "REFERRAL_ROLES", "urlpatterns"]

urlpatterns = [
    path("cases/", case_list, name="case_list"),
    path("cases/new/", case_report, name="case_report"),
    path("cases/<int:pk>/", case_detail, name="case_detail"),
    *[
        path(f"cases/<int:pk>/{view.name}/", view.as_view(), name=view.url_name())
        for view in CASE_ACTION_VIEWS
    ],
    path("cases/proposal/", proposal.proposal, name="proposal"),
    path("cases/typical/", typical.typical_list, name="typical_list"),
    path("economic-checks/", economic_checks.check_list, name="economic_check_list"),
    path("economic-checks/import/", economic_checks.check_import, name="economic_check_import"),
    path("economic-checks/policy/", economic_checks.check_policy, name="economic_check_policy"),
    path("economic-checks/<int:pk>/", economic_checks.check_detail, name="economic_check_detail"),
    *[
        path(f"economic-checks/<int:pk>/{view.name}/", view.as_view(), name=view.url_name())
        for view in economic_checks.CHECK_ACTION_VIEWS
    ],
    path(
        "households/<int:pk>/checks/",
        economic_checks.household_checks,
        name="household_checks",
    ),
    *[
        path(f"households/<int:pk>/checks/{view.name}/", view.as_view(), name=view.url_name())
        for view in economic_checks.ACTION_VIEWS
    ],
    path("relatives/", relatives.filing_list, name="relative_filing_list"),
    path("relatives/new/", relatives.filing_new, name="relative_filing_new"),
    path("relatives/register/", relatives.benefit_list, name="relative_benefit_list"),
    path("relatives/<int:pk>/", relatives.filing_detail, name="relative_filing_detail"),
    path(
        "relatives/<int:pk>/withdraw/",
        relatives.WithdrawView.as_view(),
        name=relatives.WithdrawView.url_name(),
    ),
    path("handovers/", handover_list, name="handover_list"),
    *[
        path(f"handovers/<int:pk>/{view.name}/", view.as_view(), name=view.url_name())
        for view in HANDOVER_ACTION_VIEWS
    ],
    path("assistance/", application_list, name="assistance_list"),
    path("assistance/<int:pk>/", application_detail, name="assistance_detail"),
    path("assistance/apply/<int:case_pk>/", application_new, name="assistance_new"),
    path("assistance/rules/", office_rules, name="assistance_rules"),
    path("assistance/rules/<int:office_pk>/", office_rule_edit, name="assistance_rule_edit"),
    *[
        path(f"assistance/<int:pk>/{view.name}/", view.as_view(), name=view.url_name())
        for view in ASSISTANCE_ACTION_VIEWS
    ],
    path("offers/<int:pk>/", offer_detail, name="offer_detail"),
    *[
        path(f"offers/<int:pk>/{view.name}/", view.as_view(), name=view.url_name())
        for view in OFFER_ACTION_VIEWS
    ],
    path("referrals/", referral_list, name="referral_list"),
    path("referrals/<int:pk>/", referral_detail, name="referral_detail"),
    *[
        path(f"referrals/<int:pk>/{view.name}/", view.as_view(), name=view.url_name())
        for view in REFERRAL_ACTION_VIEWS
    ],
]
