"""Thin edges: the projects API picks projects through the selectors and changes them through
one service per request."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.api.permissions import role_required
from core.models import Organisation
from donors.selectors import with_available_fen
from projects import selectors, services
from projects.api import serializers as s
from projects.filtersets import ProjectFilterSet
from projects.models import Project


def _valid(serializer_class, request, **kwargs) -> dict:
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ProjectViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Charity projects (慈善项目). Everyone, signed in or not, reads open projects; charity
    staff also read and manage every project of their own charity."""

    serializer_class = s.ProjectSerializer
    filterset_class = ProjectFilterSet
    ordering_fields = ["title", "created_at", "updated_at", "per_case_cap_fen"]

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [AllowAny()]
        return [role_required(*selectors.PROJECT_MANAGERS)()]

    def get_queryset(self):
        queryset = Project.objects.select_related("organisation").prefetch_related("regions")
        return with_available_fen(selectors.projects_visible_to(self.request.user, queryset))

    def _answer(self, project: Project, code: int = status.HTTP_200_OK) -> Response:
        project = self.get_queryset().get(pk=project.pk)
        return Response(s.ProjectSerializer(project).data, status=code)

    def _only_charity(self, user) -> Organisation:
        charities = list(selectors.charities_managed_by(user)[:2])
        if len(charities) != 1:
            services.refuse("organisation", _("Say which charity runs the project."), "required")
        return charities[0]

    @extend_schema(request=s.ProjectCreateSerializer, responses={201: s.ProjectSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        """Post a new project, as a draft."""
        data = _valid(s.ProjectCreateSerializer, request)
        organisation = data.pop("organisation", None) or self._only_charity(request.user)
        project = services.project_create(by=request.user, organisation=organisation, **data)
        return self._answer(project, status.HTTP_201_CREATED)

    @extend_schema(request=s.ProjectUpdateSerializer, responses=s.ProjectSerializer)
    def partial_update(self, request, *args, **kwargs):
        """Change what the project covers, who is eligible, its amounts."""
        data = _valid(s.ProjectUpdateSerializer, request, partial=True)
        project = services.project_update(by=request.user, project=self.get_object(), **data)
        return self._answer(project)

    @extend_schema(request=s.ProjectStatusChangeSerializer, responses=s.ProjectSerializer)
    @action(detail=True, methods=["post"], url_path="status", url_name="status")
    @idempotent
    def set_status(self, request, pk=None):
        """Open, pause, resume or close the project (draft → open ⇄ paused → closed)."""
        data = _valid(s.ProjectStatusChangeSerializer, request)
        project = services.project_set_status(
            by=request.user, project=self.get_object(), status=data["status"]
        )
        return self._answer(project)
