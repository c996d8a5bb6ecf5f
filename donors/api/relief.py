"""Government relief budgets in the API (issue 15, item 4): the budgets a reader's
jurisdiction covers, one budget's statement for a period, and recording an appropriation
(拨款) through the one service. Households are never named: a statement line is a case
number."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.api.permissions import role_required
from core.jurisdiction import Role
from core.models import Organisation
from donors.api.reports import StatementQuerySerializer
from donors.models import ReliefBudget
from donors.relief_statements import budgets_visible_to, relief_statement
from donors.services.relief_budgets import appropriation_record

READERS = (Role.CASEWORKER, Role.SUPERVISOR, Role.AUDITOR, Role.PLATFORM_ADMIN)
WRITERS = (Role.SUPERVISOR,)


class ReliefBudgetSerializer(serializers.ModelSerializer):
    office_name = serializers.CharField(source="office.name", read_only=True)
    balance_fen = serializers.SerializerMethodField()

    class Meta:
        model = ReliefBudget
        fields = ["id", "office", "office_name", "year", "scheme", "balance_fen"]

    @extend_schema_field(OpenApiTypes.INT)
    def get_balance_fen(self, budget: ReliefBudget) -> int:
        account = getattr(budget, "account", None)
        return account.balance_fen if account else 0


class AppropriationCreateSerializer(serializers.Serializer):
    office = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind=Organisation.Kind.GOVERNMENT_OFFICE)
    )
    year = serializers.IntegerField()
    scheme = serializers.ChoiceField(choices=ReliefBudget.Scheme.choices)
    amount_fen = serializers.IntegerField()
    reference = serializers.CharField(max_length=100)
    received_on = serializers.DateField(required=False)
    memo = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class AppropriationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    budget = serializers.IntegerField(source="budget_id")
    amount_fen = serializers.IntegerField()
    reference = serializers.CharField()
    received_on = serializers.DateField()


class StatementLineSerializer(serializers.Serializer):
    booked_at = serializers.DateTimeField()
    kind = serializers.CharField()
    amount_fen = serializers.IntegerField()
    reference = serializers.CharField(help_text=gettext_lazy("Document number or case number."))
    proof = serializers.CharField()


class ReliefStatementSerializer(serializers.Serializer):
    budget = serializers.IntegerField(source="budget.pk")
    start = serializers.DateField(source="date_from")
    end = serializers.DateField(source="date_to")
    opening_fen = serializers.IntegerField()
    appropriated_fen = serializers.IntegerField()
    granted_fen = serializers.IntegerField()
    closing_fen = serializers.IntegerField()
    grants = serializers.IntegerField()
    grants_without_proof = serializers.IntegerField()
    lines = StatementLineSerializer(many=True)


class ReliefBudgetViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Relief budgets per office, year and scheme: an office's staff see their own region's,
    supervisors above see their region's, auditors all."""

    serializer_class = ReliefBudgetSerializer

    def get_permissions(self):
        roles = READERS if self.request.method in SAFE_METHODS else WRITERS
        return [role_required(*roles)()]

    def get_queryset(self):
        return (
            budgets_visible_to(self.request.user)
            .select_related("account")
            .order_by("-year", "office__name", "scheme")
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("start", OpenApiTypes.DATE, required=True),
            OpenApiParameter("end", OpenApiTypes.DATE, required=True),
        ],
        responses=ReliefStatementSerializer,
    )
    @action(detail=True, methods=["get"])
    def statement(self, request, pk=None):
        """Opening balance, appropriations, relief paid and closing balance for a period."""
        budget = self.get_object()
        query = StatementQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        statement = relief_statement(
            budget, query.validated_data["start"], query.validated_data["end"]
        )
        return Response(ReliefStatementSerializer(statement).data)

    @extend_schema(request=AppropriationCreateSerializer, responses={201: AppropriationSerializer})
    @action(detail=False, methods=["post"])
    @idempotent
    def appropriations(self, request):
        """Record an appropriation to an office's budget (a supervisor of the office or
        above); the budget is opened on its first one."""
        serializer = AppropriationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        appropriation = appropriation_record(by=request.user, **serializer.validated_data)
        return Response(AppropriationSerializer(appropriation).data, status=status.HTTP_201_CREATED)
