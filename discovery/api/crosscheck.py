"""The data cross-check API: import reports, risk warnings and their four dispositions (the
supervision tasks they open: supervision.api.tasks). Readers are government staff of the
jurisdiction and auditors; every disposition is one service call (DESIGN.md 7.3), refused for
auditors by the service itself.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.api.permissions import role_required
from core.api.serializers import RegionCodeField
from core.audit import personal_data_read_record
from core.models import User
from discovery import selectors_crosscheck as discovery_selectors
from discovery import services as discovery_services
from discovery.filtersets_registers import RiskWarningFilterSet
from discovery.models import CrossCheckImport, RiskWarning
from needs import selectors
from needs.models import AssistanceType, Case
from supervision.api.tasks import SupervisionTaskSerializer

# ---- output ----


class RefusedRowSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    code = serializers.CharField()
    reason = serializers.CharField()


class CrossCheckImportSerializer(serializers.ModelSerializer):
    refused = RefusedRowSerializer(many=True, read_only=True)
    warnings_by_type = serializers.DictField(child=serializers.IntegerField(), read_only=True)
    extra_columns = serializers.ListField(child=serializers.CharField(), read_only=True)
    mapping = serializers.DictField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = CrossCheckImport
        fields = [
            "id",
            "office",
            "kind",
            "source_department",
            "file_name",
            "content_sha256",
            "status",
            "failure",
            "mapping",
            "extra_columns",
            "rows_expected",
            "rows_done",
            "rows_read",
            "rows_imported",
            "rows_refused",
            "rows_duplicate",
            "refused",
            "warnings_by_type",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class RiskWarningSerializer(serializers.ModelSerializer):
    """A warning as lists show it: no name, no ID number (not even masked)."""

    region = serializers.CharField(source="region_id", read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True, default=None)
    kind = serializers.CharField(source="crosscheck_import.kind", read_only=True)

    class Meta:
        model = RiskWarning
        fields = [
            "id",
            "crosscheck_import",
            "kind",
            "row_number",
            "office",
            "region",
            "type",
            "amount_fen",
            "event_date",
            "household",
            "case",
            "case_number",
            "disposition",
            "disposition_note",
            "disposed_by",
            "disposed_at",
            "created_at",
        ]
        read_only_fields = fields


class RiskWarningDetailSerializer(RiskWarningSerializer):
    """One warning with the person's name, masked ID number and the list's note; reading it is
    logged."""

    class Meta(RiskWarningSerializer.Meta):
        fields = [*RiskWarningSerializer.Meta.fields, "name", "id_number_masked", "note"]
        read_only_fields = fields


# ---- input ----


class StartProcedureSerializer(serializers.Serializer):
    category = serializers.ChoiceField(
        choices=Case.Category.choices, required=False, allow_blank=True, default=""
    )
    narrative = serializers.CharField(required=False, allow_blank=True, default="")
    name = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    region = RegionCodeField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    assistance_type = serializers.ChoiceField(
        choices=AssistanceType.choices, required=False, allow_blank=True, default=""
    )


class SuperviseSerializer(serializers.Serializer):
    assigned_to = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), label=_("assigned to")
    )
    due_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReferNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EndAssistanceSerializer(serializers.Serializer):
    reason = serializers.CharField()


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# ---- views ----


class CrossCheckImportViewSet(viewsets.ReadOnlyModelViewSet):
    """Import reports (专项救助数据导入) of the offices in the reader's jurisdiction. Lists are
    uploaded on the admin screen or with `manage.py import_crosscheck`."""

    serializer_class = CrossCheckImportSerializer
    permission_classes = [role_required(*selectors.CASE_READERS)]
    filterset_fields = ["kind", "status", "office"]
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return discovery_selectors.crosscheck_imports_visible_to(self.request.user)


class RiskWarningViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Risk warnings (风险预警) in the reader's jurisdiction and the four dispositions of seed
    003: start the eligibility procedure, supervise, refer, end assistance."""

    permission_classes = [role_required(*selectors.CASE_READERS)]
    filterset_class = RiskWarningFilterSet
    ordering_fields = ["created_at", "row_number"]

    def get_queryset(self):
        queryset = RiskWarning.objects.select_related("case", "crosscheck_import")
        return discovery_selectors.risk_warnings_visible_to(self.request.user, queryset)

    def get_serializer_class(self):
        return RiskWarningDetailSerializer if self.action == "retrieve" else RiskWarningSerializer

    def retrieve(self, request, *args, **kwargs):
        warning = self.get_object()
        with transaction.atomic():
            personal_data_read_record(
                actor=request.user,
                obj=warning,
                fields=["name", "id_number_masked", "note"],
                purpose=f"risk warning {warning.pk}",
            )
        return Response(RiskWarningDetailSerializer(warning).data)

    def _answer(self, warning, code=status.HTTP_200_OK):
        return Response(
            RiskWarningSerializer(self.get_queryset().get(pk=warning.pk)).data, status=code
        )

    @extend_schema(request=StartProcedureSerializer, responses=RiskWarningSerializer)
    @action(detail=True, methods=["post"], url_path="start-procedure")
    @idempotent
    def start_procedure(self, request, pk=None):
        """Disposition 1: not yet covered but eligible; opens a case (channel: data cross-check)."""
        warning = self.get_object()
        data = _valid(StartProcedureSerializer, request)
        warning = discovery_services.warning_start_procedure(
            by=request.user, warning=warning, **data
        )
        return self._answer(warning, status.HTTP_201_CREATED)

    @extend_schema(request=SuperviseSerializer, responses=SupervisionTaskSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def supervise(self, request, pk=None):
        """Disposition 2: covered but the policy was not delivered; opens a supervision task."""
        warning = self.get_object()
        data = _valid(SuperviseSerializer, request)
        task = discovery_services.warning_supervise(by=request.user, warning=warning, **data)
        return Response(SupervisionTaskSerializer(task).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReferNoteSerializer, responses=RiskWarningSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def refer(self, request, pk=None):
        """Disposition 3: covered with a new need; the open case is flagged for a new match."""
        warning = self.get_object()
        data = _valid(ReferNoteSerializer, request)
        return self._answer(
            discovery_services.warning_refer(by=request.user, warning=warning, **data)
        )

    @extend_schema(request=EndAssistanceSerializer, responses=RiskWarningSerializer)
    @action(detail=True, methods=["post"], url_path="end-assistance")
    @idempotent
    def end_assistance(self, request, pk=None):
        """Disposition 4: no longer eligible; the open case closes as not eligible."""
        warning = self.get_object()
        data = _valid(EndAssistanceSerializer, request)
        return self._answer(
            discovery_services.warning_end_assistance(by=request.user, warning=warning, **data)
        )
