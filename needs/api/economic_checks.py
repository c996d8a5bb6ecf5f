"""The household economic-status check (核对) and relatives' filing (近亲属备案) in the API:
thin edges over needs.services.economic_checks and needs.services.relatives, reads through
their jurisdiction-scoped selectors, POSTs idempotent (Idempotency-Key)."""

from __future__ import annotations

import django_filters
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.api.permissions import role_required
from core.filtersets import ReachChoiceFilter
from core.selectors import offices_visible_to
from needs.crypto import masked_id_number
from needs.models import (
    CheckAuthorization,
    EconomicCheck,
    EconomicCheckItem,
    Household,
    RelativeBenefit,
    RelativeFiling,
)
from needs.selectors import households_visible_to
from needs.services import economic_checks as checks
from needs.services import relatives

# ---- serializers ----


class CheckAuthorizationSerializer(serializers.ModelSerializer):
    has_scan = serializers.SerializerMethodField()

    class Meta:
        model = CheckAuthorization
        fields = [
            "id",
            "household",
            "method",
            "signed_by_name",
            "signed_on",
            "has_scan",
            "recorded_at",
            "withdrawn_at",
        ]
        read_only_fields = fields

    def get_has_scan(self, obj) -> bool:
        return bool(obj.scan)


class CheckAuthorizationInputSerializer(serializers.Serializer):
    household = serializers.PrimaryKeyRelatedField(queryset=Household.objects.all())
    method = serializers.ChoiceField(choices=CheckAuthorization.Method.choices)
    signed_by_name = serializers.CharField(max_length=64)
    signed_on = serializers.DateField()
    scan = serializers.FileField(required=False)


class EconomicCheckSerializer(serializers.ModelSerializer):
    """A check without its result (the result is read at /result/, and the read logged)."""

    office_name = serializers.CharField(source="office.name", read_only=True)

    class Meta:
        model = EconomicCheck
        fields = [
            "id",
            "household",
            "authorization",
            "office",
            "office_name",
            "purpose",
            "status",
            "requested_at",
            "checking_body",
            "checked_on",
            "source",
        ]
        read_only_fields = fields


class CheckRequestSerializer(serializers.Serializer):
    household = serializers.PrimaryKeyRelatedField(queryset=Household.objects.all())
    purpose = serializers.CharField(max_length=200, required=False, allow_blank=True)


class ResultItemSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=EconomicCheckItem.Category.choices)
    kind = serializers.ChoiceField(choices=EconomicCheckItem.Kind.choices)
    amount_fen = serializers.IntegerField(min_value=0)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class CheckResultInputSerializer(serializers.Serializer):
    checking_body = serializers.CharField(max_length=128)
    checked_on = serializers.DateField()
    conclusion = serializers.ChoiceField(choices=EconomicCheck.Conclusion.choices)
    conclusion_note = serializers.CharField(required=False, allow_blank=True, default="")
    reference = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    items = ResultItemSerializer(many=True)


class CheckResultSerializer(serializers.Serializer):
    check = EconomicCheckSerializer(read_only=True)
    conclusion = serializers.CharField(source="check.conclusion")
    conclusion_note = serializers.CharField(source="check.conclusion_note")
    incomes = ResultItemSerializer(many=True)
    assets = ResultItemSerializer(many=True)
    income_total_fen = serializers.IntegerField()
    asset_total_fen = serializers.IntegerField()


class CheckReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("Why the check is cancelled."))


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("The checking platform's export, CSV or .xlsx."))


class RelativeFilingSerializer(serializers.ModelSerializer):
    id_number_masked = serializers.SerializerMethodField()
    office_name = serializers.CharField(source="office.name", read_only=True)

    class Meta:
        model = RelativeFiling
        fields = [
            "id",
            "office",
            "office_name",
            "official_kind",
            "official_name",
            "official_user",
            "relative_name",
            "relation",
            "id_number_masked",
            "filed_at",
            "withdrawn_at",
        ]
        read_only_fields = fields

    def get_id_number_masked(self, obj) -> str:
        return masked_id_number(obj.id_number_encrypted)


class RelativeFilingInputSerializer(serializers.Serializer):
    official_kind = serializers.ChoiceField(choices=RelativeFiling.OfficialKind.choices)
    official_name = serializers.CharField(max_length=64, required=False, allow_blank=True)
    relative_name = serializers.CharField(max_length=64)
    relation = serializers.ChoiceField(choices=RelativeFiling.Relation.choices)
    id_number = serializers.CharField(max_length=24, write_only=True)


class RelativeBenefitSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(
        source="relief_grant.case.number", read_only=True, allow_null=True
    )

    class Meta:
        model = RelativeBenefit
        fields = [
            "id",
            "filing",
            "household",
            "relief_grant",
            "assistance_application",
            "case_number",
            "amount_fen",
            "recorded_at",
            "review",
            "reviewed_by",
            "reviewed_at",
            "review_reason",
        ]
        read_only_fields = fields


# ---- filters ----


class EconomicCheckFilterSet(django_filters.FilterSet):
    household = ReachChoiceFilter(households_visible_to)
    office = ReachChoiceFilter(offices_visible_to)

    class Meta:
        model = EconomicCheck
        fields = ["status", "household", "office", "source"]


class CheckAuthorizationFilterSet(django_filters.FilterSet):
    household = ReachChoiceFilter(households_visible_to)
    in_force = django_filters.BooleanFilter(
        field_name="withdrawn_at", lookup_expr="isnull", label=_("in force")
    )

    class Meta:
        model = CheckAuthorization
        fields = ["household", "in_force"]


class RelativeFilingFilterSet(django_filters.FilterSet):
    office = ReachChoiceFilter(offices_visible_to)
    in_force = django_filters.BooleanFilter(
        field_name="withdrawn_at", lookup_expr="isnull", label=_("in force")
    )

    class Meta:
        model = RelativeFiling
        fields = ["office", "official_kind", "relation", "in_force"]


class RelativeBenefitFilterSet(django_filters.FilterSet):
    filing = ReachChoiceFilter(relatives.filings_visible_to)
    household = ReachChoiceFilter(households_visible_to)

    class Meta:
        model = RelativeBenefit
        fields = ["review", "filing", "household"]


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _household(request, household: Household) -> Household:
    """The household, if the reader may handle it (a 404 otherwise, like any record outside
    the jurisdiction)."""
    condition = checks.household_filter(request.user)
    queryset = Household.objects.all() if condition is None else Household.objects.filter(condition)
    return get_object_or_404(queryset, pk=household.pk)


# ---- views ----


class CheckAuthorizationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Households' authorizations to check their income and assets (授权核对)."""

    serializer_class = CheckAuthorizationSerializer
    filterset_class = CheckAuthorizationFilterSet
    permission_classes = [role_required(*checks.CHECK_READERS)]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    ordering_fields = ["recorded_at"]

    def get_queryset(self):
        return checks.authorizations_visible_to(self.request.user).order_by("-recorded_at", "-pk")

    @extend_schema(
        request={
            "application/json": CheckAuthorizationInputSerializer,
            "multipart/form-data": CheckAuthorizationInputSerializer,
        },
        responses={201: CheckAuthorizationSerializer},
    )
    @idempotent
    def create(self, request, *args, **kwargs):
        """Record the household's signed authorization (the scan is optional)."""
        data = _valid(CheckAuthorizationInputSerializer, request)
        authorization = checks.check_authorization_record(
            by=request.user,
            household=_household(request, data["household"]),
            method=data["method"],
            signed_by_name=data["signed_by_name"],
            signed_on=data["signed_on"],
            scan=data.get("scan"),
        )
        return Response(
            CheckAuthorizationSerializer(authorization).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=None, responses=CheckAuthorizationSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def withdraw(self, request, pk=None):
        """The household withdraws its authorization; checks still waiting are cancelled."""
        authorization = checks.check_authorization_withdraw(
            by=request.user, authorization=self.get_object()
        )
        return Response(CheckAuthorizationSerializer(authorization).data)


class EconomicCheckViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Economic-status checks of the households in the reader's jurisdiction."""

    serializer_class = EconomicCheckSerializer
    filterset_class = EconomicCheckFilterSet
    permission_classes = [role_required(*checks.CHECK_READERS)]
    ordering_fields = ["requested_at", "checked_on"]

    def get_queryset(self):
        queryset = EconomicCheck.objects.select_related("office")
        return checks.checks_visible_to(self.request.user, queryset).order_by(
            "-requested_at", "-pk"
        )

    @extend_schema(request=CheckRequestSerializer, responses={201: EconomicCheckSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        """Ask for a check; refused without the household's authorization in force."""
        data = _valid(CheckRequestSerializer, request)
        check = checks.economic_check_request(
            by=request.user,
            household=_household(request, data["household"]),
            purpose=data.get("purpose", ""),
        )
        return Response(EconomicCheckSerializer(check).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=CheckResultSerializer)
    @action(detail=True, methods=["get"])
    def result(self, request, pk=None):
        """The result (income and assets by kind, conclusion); the read is logged."""
        check = self.get_object()
        if check.status != EconomicCheck.Status.COMPLETED:
            return Response(
                {"detail": _("This check has no result yet.")}, status=status.HTTP_404_NOT_FOUND
            )
        with transaction.atomic():
            result = checks.economic_check_result(by=request.user, check=check)
        return Response(CheckResultSerializer(result).data)

    @extend_schema(request=CheckResultInputSerializer, responses=EconomicCheckSerializer)
    @action(detail=True, methods=["post"], url_path="record-result")
    @idempotent
    def record_result(self, request, pk=None):
        """Enter the checking body's result."""
        data = _valid(CheckResultInputSerializer, request)
        check = checks.economic_check_record_result(
            by=request.user,
            check=self.get_object(),
            checking_body=data["checking_body"],
            checked_on=data["checked_on"],
            conclusion=data["conclusion"],
            conclusion_note=data["conclusion_note"],
            reference=data["reference"],
            items=[checks.ResultItem(**item) for item in data["items"]],
        )
        return Response(EconomicCheckSerializer(check).data)

    @extend_schema(request=CheckReasonSerializer, responses=EconomicCheckSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def cancel(self, request, pk=None):
        """Cancel a check still waiting for its result."""
        data = _valid(CheckReasonSerializer, request)
        check = checks.economic_check_cancel(
            by=request.user, check=self.get_object(), reason=data["reason"]
        )
        return Response(EconomicCheckSerializer(check).data)

    @extend_schema(
        request={"multipart/form-data": ImportSerializer},
        responses=EconomicCheckSerializer(many=True),
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
    )
    @idempotent
    def import_results(self, request):
        """Import the checking platform's export (format: needs.services.economic_checks):
        every result recorded, or none with the row and column of the first error."""
        upload = _valid(ImportSerializer, request)["file"]
        done = checks.economic_check_import(
            by=request.user, stream=upload.file, file_name=upload.name
        )
        return Response(EconomicCheckSerializer(done, many=True).data)


class RelativeFilingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Relatives filed by staff and village cadres (近亲属备案), in the reader's jurisdiction."""

    serializer_class = RelativeFilingSerializer
    filterset_class = RelativeFilingFilterSet
    permission_classes = [role_required(*relatives.FILING_READERS)]
    ordering_fields = ["filed_at"]

    def get_queryset(self):
        return relatives.filings_visible_to(
            self.request.user, RelativeFiling.objects.select_related("office")
        )

    def list(self, request, *args, **kwargs):
        """The filings with their relatives' names; each read is logged."""
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        for filing in page:
            relatives.relative_filing_read_record(by=request.user, filing=filing)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        """One filing with the relative's name; the read is logged."""
        filing = self.get_object()
        relatives.relative_filing_read_record(by=request.user, filing=filing)
        return Response(self.get_serializer(filing).data)

    @extend_schema(request=RelativeFilingInputSerializer, responses={201: RelativeFilingSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        """File a close relative: one's own (staff), or a village cadre's (by name)."""
        data = _valid(RelativeFilingInputSerializer, request)
        filing = relatives.relative_file(by=request.user, **data)
        return Response(RelativeFilingSerializer(filing).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CheckReasonSerializer, responses=RelativeFilingSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def withdraw(self, request, pk=None):
        """End a filing, with the reason (who filed it, or a supervisor)."""
        data = _valid(CheckReasonSerializer, request)
        filing = relatives.relative_filing_withdraw(
            by=request.user, filing=self.get_object(), reason=data["reason"]
        )
        return Response(RelativeFilingSerializer(filing).data)


class RelativeBenefitViewSet(viewsets.ReadOnlyModelViewSet):
    """The register of relief to filed relatives' households and its review. The review
    itself is the relief decision: POST /relief-grants/{id}/decide/."""

    serializer_class = RelativeBenefitSerializer
    filterset_class = RelativeBenefitFilterSet
    permission_classes = [role_required(*relatives.FILING_READERS)]
    ordering_fields = ["recorded_at"]

    def get_queryset(self):
        return relatives.benefits_visible_to(
            self.request.user, RelativeBenefit.objects.select_related("relief_grant__case")
        )
