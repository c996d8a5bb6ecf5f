from django.urls import path

from search.api.views import (
    CaseFundMatchesView,
    CaseMatchesView,
    ProjectMatchesView,
    ProposalView,
)

urlpatterns = [
    path("cases/<int:pk>/matches/", CaseMatchesView.as_view(), name="case-matches"),
    path("cases/<int:pk>/matches/funds/", CaseFundMatchesView.as_view(), name="case-fund-matches"),
    path("projects/<int:pk>/matches/", ProjectMatchesView.as_view(), name="project-matches"),
    path("proposals/", ProposalView.as_view(), name="allocation-proposal"),
]
