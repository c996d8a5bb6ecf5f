"""Reports upward and special inspections in the API: the same selectors (jurisdiction) and
services (one per step) as the back-office screens; every POST takes an Idempotency-Key."""

from __future__ import annotations

from django.http import FileResponse, HttpResponse
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.api.permissions import role_required
from core.jurisdiction import GOVERNMENT_ROLES, READ_EVERYTHING_ROLES
from core.models import Organisation, User
from supervision import monthly_report as mr
from supervision import selectors_upward as sel
from supervision import services_inspections as si
from supervision import services_reports as sr
from supervision.models import (
    InspectionCampaign,
    MonthlyReport,
    RectificationTask,
    SelfInspection,
    SelfInspectionItem,
    SpotCheck,
    SpotCheckCase,
)

READERS = (*GOVERNMENT_ROLES, *READ_EVERYTHING_ROLES)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _government_offices():
    return Organisation.objects.filter(kind=Organisation.Kind.GOVERNMENT_OFFICE)


# ---- monthly reports ----


class MonthlyReportSerializer(serializers.ModelSerializer):
    office_name = serializers.CharField(source="office.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    month = serializers.DateField(format="%Y-%m")
    figures = serializers.JSONField(
        help_text=gettext_lazy("The figures as generated: counts, amounts in fen, choice codes.")
    )

    class Meta:
        model = MonthlyReport
        fields = [
            "id",
            "office",
            "office_name",
            "month",
            "status",
            "status_label",
            "figures",
            "generated_by",
            "generated_at",
            "reviewed_by",
            "reviewed_at",
            "review_note",
            "submitted_to",
            "submitted_by",
            "submitted_at",
            "acknowledged_by",
            "acknowledged_at",
            "acknowledgement_note",
        ]
        read_only_fields = fields


class ReportGenerateSerializer(serializers.Serializer):
    office = serializers.PrimaryKeyRelatedField(queryset=_government_offices())
    month = serializers.DateField(
        input_formats=["%Y-%m", "%Y-%m-%d"],
        help_text=gettext_lazy("The month, as 2026-03 (a month ended)."),
    )


class ReportNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ReportSubmitSerializer(serializers.Serializer):
    pass


class MonthlyReportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Monthly progress reports upward in the reader's jurisdiction (a province sees its
    counties'): generate, review, submit to the office above, acknowledge; Excel and PDF."""

    serializer_class = MonthlyReportSerializer
    permission_classes = [role_required(*READERS)]
    filterset_fields = ["office", "month", "status", "submitted_to"]

    def get_queryset(self):
        return sel.reports_visible_to(self.request.user).order_by("-month", "pk")

    def _row(self, report, code=status.HTTP_200_OK) -> Response:
        return Response(MonthlyReportSerializer(self.get_queryset().get(pk=report.pk)).data, code)

    @extend_schema(request=ReportGenerateSerializer, responses={201: MonthlyReportSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        """Generate (or, while it awaits review, generate again) a report for a month ended."""
        data = _valid(ReportGenerateSerializer, request)
        report = sr.monthly_report_generate(
            by=request.user, office=data["office"], month=data["month"]
        )
        return self._row(report, status.HTTP_201_CREATED)

    @extend_schema(request=ReportNoteSerializer, responses=MonthlyReportSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def review(self, request, pk=None):
        data = _valid(ReportNoteSerializer, request)
        return self._row(
            sr.monthly_report_review(by=request.user, report=self.get_object(), **data)
        )

    @extend_schema(request=ReportSubmitSerializer, responses=MonthlyReportSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def submit(self, request, pk=None):
        return self._row(sr.monthly_report_submit(by=request.user, report=self.get_object()))

    @extend_schema(request=ReportNoteSerializer, responses=MonthlyReportSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def acknowledge(self, request, pk=None):
        data = _valid(ReportNoteSerializer, request)
        return self._row(
            sr.monthly_report_acknowledge(by=request.user, report=self.get_object(), **data)
        )

    @extend_schema(responses={(200, XLSX_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def xlsx(self, request, pk=None):
        """The report as an Excel workbook."""
        report = self.get_object()
        from supervision.exports import export_record

        export_record(user=request.user, what="monthly_report", filters=None, fmt="xlsx")
        return FileResponse(
            mr.report_xlsx(report),
            as_attachment=True,
            filename=f"monthly-report-{report.office_id}-{report.month:%Y-%m}.xlsx",
            content_type=XLSX_TYPE,
        )

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (503, "text/plain"): OpenApiResponse(
                OpenApiTypes.STR, description="No Chinese font is installed on the server."
            ),
        }
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        """The report as a PDF with its Chinese font embedded."""
        report = self.get_object()
        try:
            body = mr.report_pdf(report)
        except mr.NoChineseFont as error:
            return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
        from supervision.exports import export_record

        export_record(user=request.user, what="monthly_report", filters=None, fmt="pdf")
        response = HttpResponse(body, content_type="application/pdf")
        name = f"monthly-report-{report.office_id}-{report.month:%Y-%m}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


# ---- inspections ----


class InspectionCampaignSerializer(serializers.ModelSerializer):
    organiser_name = serializers.CharField(source="organiser.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    summary = serializers.SerializerMethodField()

    class Meta:
        model = InspectionCampaign
        fields = [
            "id",
            "title",
            "organiser",
            "organiser_name",
            "period_start",
            "period_end",
            "self_inspection_due_on",
            "status",
            "status_label",
            "closing_report",
            "closed_at",
            "created_at",
            "summary",
        ]
        read_only_fields = fields

    def get_summary(self, campaign) -> dict[str, int]:
        return si.inspection_summary(campaign)


class InspectionCampaignCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    organiser = serializers.PrimaryKeyRelatedField(queryset=_government_offices())
    offices = serializers.PrimaryKeyRelatedField(queryset=_government_offices(), many=True)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    self_inspection_due_on = serializers.DateField()
    checklist = serializers.ListField(
        child=serializers.CharField(max_length=300),
        required=False,
        max_length=100,
        help_text=gettext_lazy("The checklist's lines; seed 004's points when left out."),
    )


class InspectionCloseSerializer(serializers.Serializer):
    closing_report = serializers.CharField(max_length=20000)


class SpotCheckDrawSerializer(serializers.Serializer):
    office = serializers.PrimaryKeyRelatedField(queryset=_government_offices())
    sample_size = serializers.IntegerField(min_value=1, max_value=si.MAX_SAMPLE)
    seed = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=2**63 - 1,
        help_text=gettext_lazy("Leave out for a fresh seed; it is recorded either way."),
    )


class RectificationCreateSerializer(serializers.Serializer):
    office = serializers.PrimaryKeyRelatedField(queryset=_government_offices())
    description = serializers.CharField(max_length=5000)
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    due_on = serializers.DateField()
    finding = serializers.PrimaryKeyRelatedField(
        queryset=SpotCheckCase.objects.all(), required=False, allow_null=True
    )


class SelfInspectionItemSerializer(serializers.ModelSerializer):
    result_label = serializers.CharField(source="get_result_display", read_only=True)

    class Meta:
        model = SelfInspectionItem
        fields = ["number", "text", "result", "result_label", "note"]
        read_only_fields = fields


class SelfInspectionSerializer(serializers.ModelSerializer):
    office_name = serializers.CharField(source="office.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    items = SelfInspectionItemSerializer(many=True, read_only=True)

    class Meta:
        model = SelfInspection
        fields = [
            "id",
            "campaign",
            "office",
            "office_name",
            "status",
            "status_label",
            "summary",
            "submitted_at",
            "items",
        ]
        read_only_fields = fields


class SelfInspectionAnswerSerializer(serializers.Serializer):
    number = serializers.IntegerField(min_value=1)
    result = serializers.ChoiceField(choices=[c for c in SelfInspectionItem.Result.values if c])
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class SelfInspectionAnswersSerializer(serializers.Serializer):
    answers = SelfInspectionAnswerSerializer(many=True)


class SelfInspectionSummarySerializer(serializers.Serializer):
    summary = serializers.CharField(max_length=20000)


class SelfInspectionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Self-inspections (自查自纠): the inspected office answers its checklist and submits."""

    serializer_class = SelfInspectionSerializer
    permission_classes = [role_required(*READERS)]
    filterset_fields = ["campaign", "office", "status"]

    def get_queryset(self):
        return (
            sel.self_inspections_visible_to(self.request.user)
            .prefetch_related("items")
            .order_by("pk")
        )

    def _row(self, item) -> Response:
        return Response(SelfInspectionSerializer(self.get_queryset().get(pk=item.pk)).data)

    @extend_schema(request=SelfInspectionAnswersSerializer, responses=SelfInspectionSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def answer(self, request, pk=None):
        data = _valid(SelfInspectionAnswersSerializer, request)
        return self._row(
            si.self_inspection_answer(
                by=request.user,
                self_inspection=self.get_object(),
                answers=[dict(a) for a in data["answers"]],
            )
        )

    @extend_schema(request=SelfInspectionSummarySerializer, responses=SelfInspectionSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def submit(self, request, pk=None):
        data = _valid(SelfInspectionSummarySerializer, request)
        return self._row(
            si.self_inspection_submit(by=request.user, self_inspection=self.get_object(), **data)
        )


class SampledCaseSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    finding_label = serializers.CharField(source="get_finding_display", read_only=True)

    class Meta:
        model = SpotCheckCase
        fields = ["id", "position", "case", "case_number", "finding", "finding_label", "note"]
        read_only_fields = fields


class SpotCheckSerializer(serializers.ModelSerializer):
    office_name = serializers.CharField(source="office.name", read_only=True)
    cases = SampledCaseSerializer(many=True, read_only=True)

    class Meta:
        model = SpotCheck
        fields = [
            "id",
            "campaign",
            "office",
            "office_name",
            "sample_size",
            "seed",
            "population",
            "drawn_at",
            "cases",
        ]
        read_only_fields = fields


class SpotCheckFindingSerializer(serializers.Serializer):
    finding = serializers.ChoiceField(choices=[c for c in SpotCheckCase.Finding.values if c])
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class SpotCheckViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Spot checks with their sampled cases (by case number only) and findings."""

    serializer_class = SpotCheckSerializer
    permission_classes = [role_required(*READERS)]
    filterset_fields = ["campaign", "office"]

    def get_queryset(self):
        return (
            sel.spot_checks_visible_to(self.request.user)
            .prefetch_related("cases__case")
            .order_by("-drawn_at", "-pk")
        )

    @extend_schema(request=SpotCheckFindingSerializer, responses=SampledCaseSerializer)
    @action(detail=True, methods=["post"], url_path=r"cases/(?P<sampled_id>[0-9]+)/finding")
    @idempotent
    def finding(self, request, pk=None, sampled_id=None):
        """Record the finding on one sampled case."""
        check = self.get_object()
        from django.shortcuts import get_object_or_404

        sampled = get_object_or_404(check.cases.all(), pk=sampled_id)
        data = _valid(SpotCheckFindingSerializer, request)
        sampled = si.spot_check_finding_record(by=request.user, sampled=sampled, **data)
        return Response(SampledCaseSerializer(sampled).data)


class RectificationSerializer(serializers.ModelSerializer):
    office_name = serializers.CharField(source="office.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = RectificationTask
        fields = [
            "id",
            "campaign",
            "office",
            "office_name",
            "finding",
            "description",
            "owner",
            "due_on",
            "status",
            "status_label",
            "done_note",
            "done_at",
            "created_at",
        ]
        read_only_fields = fields


class RectificationDoneSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=5000)


class RectificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Rectification tasks (整改) with owners and deadlines, tracked to done."""

    serializer_class = RectificationSerializer
    permission_classes = [role_required(*READERS)]
    filterset_fields = ["campaign", "office", "status", "owner"]

    def get_queryset(self):
        return sel.rectifications_visible_to(self.request.user).order_by("due_on", "pk")

    @extend_schema(request=RectificationDoneSerializer, responses=RectificationSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def done(self, request, pk=None):
        data = _valid(RectificationDoneSerializer, request)
        task = si.rectification_done(by=request.user, task=self.get_object(), **data)
        return Response(RectificationSerializer(task).data)


class InspectionCampaignViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Special inspections (专项治理) the reader organises or whose offices it inspects."""

    serializer_class = InspectionCampaignSerializer
    permission_classes = [role_required(*READERS)]
    filterset_fields = ["status", "organiser"]

    def get_queryset(self):
        return sel.campaigns_visible_to(self.request.user).order_by("-created_at", "-pk")

    def _row(self, campaign, code=status.HTTP_200_OK) -> Response:
        return Response(
            InspectionCampaignSerializer(self.get_queryset().get(pk=campaign.pk)).data, code
        )

    @extend_schema(
        request=InspectionCampaignCreateSerializer, responses={201: InspectionCampaignSerializer}
    )
    @idempotent
    def create(self, request, *args, **kwargs):
        data = _valid(InspectionCampaignCreateSerializer, request)
        campaign = si.inspection_campaign_create(by=request.user, **data)
        return self._row(campaign, status.HTTP_201_CREATED)

    @extend_schema(request=InspectionCloseSerializer, responses=InspectionCampaignSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def close(self, request, pk=None):
        data = _valid(InspectionCloseSerializer, request)
        return self._row(si.inspection_close(by=request.user, campaign=self.get_object(), **data))

    @extend_schema(request=SpotCheckDrawSerializer, responses={201: SpotCheckSerializer})
    @action(detail=True, methods=["post"], url_path="spot-checks")
    @idempotent
    def spot_checks(self, request, pk=None):
        """Draw a spot check: a seeded random sample of the office's cases of the period."""
        data = _valid(SpotCheckDrawSerializer, request)
        check = si.spot_check_draw(by=request.user, campaign=self.get_object(), **data)
        return Response(SpotCheckSerializer(check).data, status.HTTP_201_CREATED)

    @extend_schema(request=RectificationCreateSerializer, responses={201: RectificationSerializer})
    @action(detail=True, methods=["post"])
    @idempotent
    def rectifications(self, request, pk=None):
        data = _valid(RectificationCreateSerializer, request)
        task = si.rectification_create(by=request.user, campaign=self.get_object(), **data)
        return Response(RectificationSerializer(task).data, status.HTTP_201_CREATED)
