"""Reports: statements (JSON, CSV, Excel), a public need's funding, public transparency.

``funds/<id>/statement/`` sits beside the staff router's ``funds/`` routes (included first):
the router's detail route ends at ``funds/<id>/`` and the fund viewset has no ``statement``
action, so nothing there matches this path.
"""

from django.urls import path

from donors.api import reports

urlpatterns = [
    path(
        "funds/<int:fund_id>/statement/",
        reports.FundStatementView.as_view(),
        name="fund-statement",
    ),
    path(
        "project-statements/<int:project_id>/",
        reports.ProjectStatementView.as_view(),
        name="project-statement",
    ),
    path(
        "public/needs/<uuid:public_id>/funding/",
        reports.PublicNeedFundingView.as_view(),
        name="public-need-funding",
    ),
    path(
        "public/transparency/",
        reports.TransparencyView.as_view(),
        name="public-transparency",
    ),
]
