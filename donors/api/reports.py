"""Reports API: statements of funds and projects (JSON, CSV, Excel), a public need's funding
progress, and the platform's public transparency figures.

A statement is read by staff of the organisation that holds the money, by auditors and by
platform administrators; everyone else gets 403 (or 404 for a fund they may not even see).
Statements and the public figures name allocations by number, category and county only:
no household's personal data (DESIGN.md 7.1).
"""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from core.filtersets import PeriodDateField
from core.jurisdiction import Role, has_role
from donors import selectors
from donors.exports import export_filename, statement_csv, statement_xlsx
from donors.models import Account, Fund, Transaction
from donors.reports import Proof, Statement, statement_for
from donors.rules import is_staff_of
from donors.transparency import (
    government_relief_figures,
    platform_totals,
    public_fund_figures,
)
from needs.models import Need
from projects.models import Project

AKind = Account.Kind
TKind = Transaction.Kind
MAX_PERIOD_YEARS = 3
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---- renderers: ?format=csv|xlsx picks the file; errors stay JSON ----


class _FileRenderer(BaseRenderer):
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data.encode("utf-8") if isinstance(data, str) else data


class CSVRenderer(_FileRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"


class XLSXRenderer(_FileRenderer):
    media_type = XLSX_MEDIA_TYPE
    format = "xlsx"


# ---- serializers ----


class StatementQuerySerializer(serializers.Serializer):
    # The years of PeriodDateField: the day after 9999-12-31 (the end of the period) and the
    # UTC of 0001-01-01's local midnight overflow the calendar.
    start = serializers.DateField(
        help_text=gettext_lazy("First day (local), YYYY-MM-DD."),
        validators=list(PeriodDateField.default_validators),
    )
    end = serializers.DateField(
        help_text=gettext_lazy("Last day (local), included."),
        validators=list(PeriodDateField.default_validators),
    )

    def validate(self, attrs):
        start, end = attrs["start"], attrs["end"]
        if start > end:
            raise serializers.ValidationError(
                {"end": [_("The last day cannot be before the first day.")]}, code="before_start"
            )
        if end >= _years_after(start, MAX_PERIOD_YEARS):
            raise serializers.ValidationError(
                {
                    "end": [
                        _("A statement covers at most %(years)s years.")
                        % {"years": MAX_PERIOD_YEARS}
                    ]
                },
                code="period_too_long",
            )
        return attrs


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return date(day.year + years, 3, 1)


class StatementRowSerializer(serializers.Serializer):
    booked_at = serializers.DateTimeField()
    booked_on = serializers.DateField()
    transaction = serializers.IntegerField(source="transaction_id")
    kind = serializers.ChoiceField(choices=TKind.choices)
    kind_label = serializers.CharField()
    amount_fen = serializers.IntegerField(
        help_text=gettext_lazy("Signed: into the holder (+) or out of it (−).")
    )
    reference = serializers.CharField(
        help_text=gettext_lazy("Receipt number of a donation, or the allocation (A12).")
    )
    detail = serializers.CharField(
        help_text=gettext_lazy("The donor's public name, or the case's category and county.")
    )


class DisbursementRowSerializer(serializers.Serializer):
    booked_at = serializers.DateTimeField()
    booked_on = serializers.DateField()
    transaction = serializers.IntegerField(source="transaction_id")
    allocation = serializers.CharField()
    category = serializers.CharField()
    region = serializers.CharField()
    amount_fen = serializers.IntegerField()
    payment = serializers.CharField(help_text=gettext_lazy("The payment's number (D34)."))
    proof = serializers.ChoiceField(
        choices=Proof.choices,
        help_text=gettext_lazy(
            "Its proof: the uploaded slip or invoice, only its number, or none."
        ),
    )
    has_proof_file = serializers.BooleanField()


class StatementSerializer(serializers.Serializer):
    holder_type = serializers.CharField()
    holder_id = serializers.IntegerField()
    holder_name = serializers.CharField()
    owner_name = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    currency = serializers.CharField()
    opening_fen = serializers.IntegerField()
    donations_fen = serializers.IntegerField()
    fees_fen = serializers.IntegerField()
    allocations_fen = serializers.IntegerField()
    releases_fen = serializers.IntegerField()
    refunds_fen = serializers.IntegerField()
    corrections_fen = serializers.IntegerField()
    closing_fen = serializers.IntegerField()
    disbursed_from_allocations_fen = serializers.IntegerField()
    refund_shortfall_fen = serializers.IntegerField()
    rows = StatementRowSerializer(many=True)
    disbursements = DisbursementRowSerializer(many=True)


class FundingProgressSerializer(serializers.Serializer):
    need = serializers.UUIDField()
    title = serializers.CharField()
    gap_fen = serializers.IntegerField(
        help_text=gettext_lazy("What government relief left for charities and donors to cover.")
    )
    donated_fen = serializers.IntegerField()
    allocated_fen = serializers.IntegerField(
        help_text=gettext_lazy("Committed to the case's referrals, net of what was released.")
    )
    disbursed_fen = serializers.IntegerField()
    missing_fen = serializers.IntegerField(
        help_text=gettext_lazy(
            "The need's remaining gap: the same figure as remaining_gap_fen in the need list."
        )
    )


class PlatformTotalsSerializer(serializers.Serializer):
    raised_fen = serializers.IntegerField()
    fees_fen = serializers.IntegerField()
    allocated_fen = serializers.IntegerField(
        help_text=gettext_lazy("Allocated to referrals, net of what was released back.")
    )
    disbursed_fen = serializers.IntegerField()
    refunded_fen = serializers.IntegerField()


class PublicFundFiguresSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    owner_name = serializers.CharField()
    status = serializers.CharField()
    raised_fen = serializers.IntegerField()
    available_fen = serializers.IntegerField()
    committed_fen = serializers.IntegerField(
        help_text=gettext_lazy("Allocated to referrals, net of what was released back.")
    )
    paid_fen = serializers.IntegerField(
        help_text=gettext_lazy("Paid to households out of those allocations.")
    )


class GovernmentReliefFiguresSerializer(serializers.Serializer):
    county = serializers.CharField()
    office = serializers.CharField()
    year = serializers.IntegerField()
    scheme = serializers.CharField()
    appropriated_fen = serializers.IntegerField()
    paid_fen = serializers.IntegerField()
    grants = serializers.IntegerField()


class TransparencySerializer(serializers.Serializer):
    currency = serializers.CharField()
    totals = PlatformTotalsSerializer()
    funds = PublicFundFiguresSerializer(many=True)
    government_relief = GovernmentReliefFiguresSerializer(
        many=True,
        help_text=gettext_lazy(
            "Government relief per county of the office, year and scheme: appropriated, "
            "paid to households, grants paid. No household is named."
        ),
    )


# ---- statements ----

_STATEMENT_PARAMETERS = [
    OpenApiParameter("start", OpenApiTypes.DATE, required=True),
    OpenApiParameter("end", OpenApiTypes.DATE, required=True),
    OpenApiParameter(
        "format",
        OpenApiTypes.STR,
        enum=["json", "csv", "xlsx"],
        description=gettext_lazy("json (default), csv (UTF-8 with BOM) or xlsx."),
    ),
]
_STATEMENT_RESPONSES = {
    (200, "application/json"): StatementSerializer,
    (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR),
    (200, XLSX_MEDIA_TYPE): OpenApiResponse(OpenApiTypes.BINARY),
}


class _StatementView(APIView):
    """GET a statement for a period, as JSON, CSV or Excel."""

    renderer_classes = [JSONRenderer, CSVRenderer, XLSXRenderer]

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404:  # DRF's answer to an unknown ?format=
            raise exceptions.ValidationError(
                {"format": [_("Choose json, csv or xlsx.")]}, code="invalid_choice"
            ) from None

    def handle_exception(self, exc):
        # An error is the API's JSON error, whatever file was asked for.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    def get_holder(self, request, pk: int):
        raise NotImplementedError

    def _respond(self, request, statement: Statement) -> Response:
        file_format = request.accepted_renderer.format
        if file_format == "csv":
            content, media_type = statement_csv(statement), "text/csv; charset=utf-8"
        elif file_format == "xlsx":
            content, media_type = statement_xlsx(statement), XLSX_MEDIA_TYPE
        else:
            return Response(StatementSerializer(statement).data)
        filename = export_filename(statement, file_format)
        return Response(
            content,
            content_type=media_type,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    def _statement(self, request, pk: int) -> Response:
        holder = self.get_holder(request, pk)
        query = StatementQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        statement = statement_for(
            holder=holder, start=query.validated_data["start"], end=query.validated_data["end"]
        )
        return self._respond(request, statement)


def _may_read_statements_of(user, organisation_id: int, roles) -> bool:
    return has_role(user, Role.AUDITOR) or is_staff_of(user, organisation_id, roles)


class FundStatementView(_StatementView):
    """A special fund's statement: for its owner's staff, the staff of the charity holding it
    (it received the gifts and issues their receipts), auditors and administrators."""

    def get_holder(self, request, pk: int) -> Fund:
        queryset = selectors.funds_visible_to(request.user, Fund.objects.select_related("owner"))
        fund = get_object_or_404(queryset, pk=pk)
        readers = (Role.FUND_MANAGER, Role.CHARITY_STAFF)
        if not _may_read_statements_of(request.user, fund.owner_id, readers) and not (
            fund.holder_id and is_staff_of(request.user, fund.holder_id, (Role.CHARITY_STAFF,))
        ):
            raise exceptions.PermissionDenied(
                _("Only the fund's holder, auditors and administrators read its statement.")
            )
        return fund

    @extend_schema(
        operation_id="fund_statement",
        parameters=_STATEMENT_PARAMETERS,
        responses=_STATEMENT_RESPONSES,
    )
    def get(self, request, fund_id: int):
        return self._statement(request, fund_id)


class ProjectStatementView(_StatementView):
    """A charity project's statement: for its charity's staff, auditors and administrators."""

    def get_holder(self, request, pk: int) -> Project:
        project = get_object_or_404(Project.objects.select_related("organisation"), pk=pk)
        if not _may_read_statements_of(
            request.user, project.organisation_id, (Role.CHARITY_STAFF,)
        ):
            raise exceptions.PermissionDenied(
                _("Only the project's charity, auditors and administrators read its statement.")
            )
        return project

    @extend_schema(
        operation_id="project_statement",
        parameters=_STATEMENT_PARAMETERS,
        responses=_STATEMENT_RESPONSES,
    )
    def get(self, request, project_id: int):
        return self._statement(request, project_id)


# ---- public figures ----


class PublicNeedFundingView(APIView):
    """A published need's funding progress: donated, allocated, paid, still missing."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(operation_id="public_need_funding", responses=FundingProgressSerializer)
    def get(self, request, public_id):
        need = get_object_or_404(Need, public_id=public_id, status=Need.Status.PUBLISHED)
        progress = selectors.need_funding_progress(need)
        return Response(
            FundingProgressSerializer(
                {
                    "need": need.public_id,
                    "title": need.title,
                    "gap_fen": progress.gap_fen,
                    "donated_fen": progress.donated_fen,
                    "allocated_fen": progress.allocated_fen,
                    "disbursed_fen": progress.disbursed_fen,
                    "missing_fen": progress.missing_fen,
                }
            ).data
        )


class TransparencyView(APIView):
    """Where the platform's money stands, for everyone: totals and each public fund."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(operation_id="public_transparency", responses=TransparencySerializer)
    def get(self, request):
        return Response(
            TransparencySerializer(
                {
                    "currency": "CNY",
                    "totals": platform_totals(),
                    "funds": public_fund_figures(),
                    "government_relief": government_relief_figures(),
                }
            ).data
        )
