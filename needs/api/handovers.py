"""Hand-overs of cases between offices: the ones the reader may see (``?awaiting=true``: those
waiting for the reader's offices), and the receiving office's two answers, one service each
(needs.services.handovers). Sending one is ``POST /cases/{id}/hand-over/``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.api.permissions import role_required
from needs import selectors, services
from needs.models import CaseHandover


class HandoverSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    from_office_name = serializers.CharField(source="from_office.name", read_only=True)
    to_office_name = serializers.CharField(source="to_office.name", read_only=True)

    class Meta:
        model = CaseHandover
        fields = [
            "id",
            "case",
            "case_number",
            "from_office",
            "from_office_name",
            "to_office",
            "to_office_name",
            "reason",
            "by",
            "at",
            "status",
            "decided_by",
            "decided_at",
            "decline_reason",
        ]
        read_only_fields = fields


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("Why the receiving office declines."))


class HandoverViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Hand-overs of the cases the reader may see and of the reader's offices."""

    serializer_class = HandoverSerializer
    permission_classes = [role_required(*selectors.CASE_READERS)]
    ordering_fields = ["at"]

    def get_queryset(self):
        if self.action == "list" and self.request.query_params.get("awaiting") in ("1", "true"):
            return selectors.handovers_awaiting(self.request.user)
        queryset = selectors.handovers_visible_to(self.request.user).order_by("-at", "-pk")
        status = self.request.query_params.get("status")
        if self.action == "list" and status in CaseHandover.Status.values:
            queryset = queryset.filter(status=status)
        return queryset

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "awaiting",
                OpenApiTypes.BOOL,
                description="Only those waiting for the reader's offices to answer.",
            ),
            OpenApiParameter("status", OpenApiTypes.STR, enum=CaseHandover.Status.values),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _answer(self, handover: CaseHandover) -> Response:
        handover = selectors.handovers_visible_to(self.request.user).get(pk=handover.pk)
        return Response(HandoverSerializer(handover).data)

    @extend_schema(request=None, responses=HandoverSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def accept(self, request, pk=None):
        """Accept the case: its office, county (for a county office) and owner move."""
        return self._answer(
            services.case_handover_accept(by=request.user, handover=self.get_object())
        )

    @extend_schema(request=DeclineSerializer, responses=HandoverSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def decline(self, request, pk=None):
        """Decline, with the reason: the case stays with the sending office."""
        data = DeclineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(
            services.case_handover_decline(
                by=request.user, handover=self.get_object(), **data.validated_data
            )
        )

    @extend_schema(request=None, responses=HandoverSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def withdraw(self, request, pk=None):
        """The sending office takes back a hand-over not yet answered."""
        return self._answer(services.handover_withdraw(by=request.user, handover=self.get_object()))
