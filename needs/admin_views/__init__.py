"""The cases back office in the Wagtail admin: case list, case page with its actions as forms,
"report a case", and the referral inbox.

Thin edges, like the API (needs/api/views.py): every read goes through the jurisdiction
selectors, every change through exactly one service, and every page showing a household's
personal data records the read in the audit log (DESIGN.md 7.1, 7.3, 7.5).

common.py holds what the screens share, cases.py the case list, case page and case report,
case_actions.py the actions on a case, referrals.py the inbox and the answers to a referral,
crosscheck.py the data cross-check imports and their risk warnings, supervision_tasks.py the
supervision tasks opened from them.
"""

from __future__ import annotations

from django.urls import path

from needs.admin_views import discovery, economic_checks, proposal, relatives, typical
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
from needs.admin_views.crosscheck import (
    crosscheck_list,
    crosscheck_report,
    crosscheck_upload,
    warning_detail,
    warning_dispose,
    warning_list,
)
from needs.admin_views.handovers import HANDOVER_ACTION_VIEWS, handover_list
from needs.admin_views.offers import OFFER_ACTION_VIEWS, offer_detail
from needs.admin_views.referrals import REFERRAL_ACTION_VIEWS, referral_detail, referral_list
from needs.admin_views.supervision_tasks import TaskDoneView, task_detail, task_list

__all__ = ["CASE_ROLES", "REFERRAL_ROLES", "urlpatterns"]

urlpatterns = [
    path("cases/", case_list, name="case_list"),
    path("cases/new/", case_report, name="case_report"),
    path("cases/<int:pk>/", case_detail, name="case_detail"),
    *[
        path(f"cases/<int:pk>/{view.name}/", view.as_view(), name=view.url_name())
        for view in CASE_ACTION_VIEWS
    ],
    path("cases/proxy/", discovery.proxy_application, name="proxy_application"),
    path("cases/proposal/", proposal.proposal, name="proposal"),
    path("cases/typical/", typical.typical_list, name="typical_list"),
    path("hotline/", discovery.hotline_list, name="hotline_list"),
    path("hotline/new/", discovery.hotline_record, name="hotline_record"),
    path("hotline/overdue/", discovery.hotline_overdue, name="hotline_overdue"),
    path("hotline/<int:pk>/", discovery.hotline_detail, name="hotline_detail"),
    path("hotline/<int:pk>/call-back/", discovery.hotline_call_back, name="hotline_call_back"),
    path("hotline/<int:pk>/close/", discovery.hotline_close, name="hotline_close"),
    path("hotline/<int:pk>/to-case/", discovery.hotline_to_case, name="hotline_to_case"),
    path("visits/", discovery.visit_list, name="visit_list"),
    path("visits/new/", discovery.visit_record, name="visit_record"),
    path("visits/due/", discovery.visits_due, name="visits_due"),
    path("visits/<int:pk>/", discovery.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/to-case/", discovery.visit_to_case, name="visit_to_case"),
    path("crosscheck/", crosscheck_list, name="crosscheck_list"),
    path("crosscheck/new/", crosscheck_upload, name="crosscheck_upload"),
    path("crosscheck/<int:pk>/", crosscheck_report, name="crosscheck_report"),
    path("crosscheck/warnings/", warning_list, name="warning_list"),
    path("crosscheck/warnings/<int:pk>/", warning_detail, name="warning_detail"),
    path("crosscheck/warnings/<int:pk>/<str:action>/", warning_dispose, name="warning_dispose"),
    path("crosscheck/supervision-tasks/", task_list, name="supervision_task_list"),
    path("crosscheck/supervision-tasks/<int:pk>/", task_detail, name="supervision_task_detail"),
    path(
        "crosscheck/supervision-tasks/<int:pk>/done/",
        TaskDoneView.as_view(),
        name=TaskDoneView.url_name(),
    ),
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
