from django.urls import path

from search.api.views import CaseMatchesView, ProjectMatchesView, ProposalView

urlpatterns = [
    path("cases/<int:pk>/matches/", CaseMatchesView.as_view(), name="case-matches"),
    path("projects/<int:pk>/matches/", ProjectMatchesView.as_view(), name="project-matches"),
    path("proposals/", ProposalView.as_view(), name="allocation-proposal"),
]
