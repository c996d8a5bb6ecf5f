"""The supervision tasks (督办) opened from risk warnings, in the reader's jurisdiction: list,
read, and record done (one service call, supervision.services_tasks)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.api.permissions import role_required
from needs import selectors
from supervision import selectors_tasks as task_selectors
from supervision.models import SupervisionTask
from supervision.services_tasks import supervision_task_done


class SupervisionTaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupervisionTask
        fields = [
            "id",
            "warning",
            "office",
            "assigned_to",
            "due_on",
            "status",
            "note",
            "created_at",
        ]
        read_only_fields = fields


class TaskDoneSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class SupervisionTaskViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Supervision tasks (督办) opened from risk warnings, in the reader's jurisdiction."""

    serializer_class = SupervisionTaskSerializer
    permission_classes = [role_required(*selectors.CASE_READERS)]
    filterset_fields = ["status", "assigned_to"]

    def get_queryset(self):
        return task_selectors.supervision_tasks_visible_to(self.request.user)

    @extend_schema(request=TaskDoneSerializer, responses=SupervisionTaskSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def done(self, request, pk=None):
        task = self.get_object()
        data = _valid(TaskDoneSerializer, request)
        task = supervision_task_done(by=request.user, task=task, **data)
        return Response(SupervisionTaskSerializer(task).data)
