"""The grid network's API: townships and villages, grids, households in grids, cadre-household
pairing with its visits, and zero reports with the missing-report figures.

Thin edges, as needs.api.discovery: reads through the jurisdiction selectors
(discovery.selectors_grids), each change through one service, POSTs retried safely with an
Idempotency-Key. Lists carry household numbers, never names.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.idempotency import idempotent
from core.api.serializers import RegionCodeField, RegionSerializer
from core.jurisdiction import GOVERNMENT_ROLES, has_role
from core.models import Region, User
from core.regions import region_create_below_county
from discovery import selectors_grids as selectors
from discovery.filtersets_grids import (
    CadrePairingFilterSet,
    GridFilterSet,
    GridHouseholdFilterSet,
    PairingVisitFilterSet,
    ZeroReportFilterSet,
)
from discovery.models import CadrePairing, Grid, GridHousehold, PairingVisit, ZeroReport
from discovery.services import grids as services
from discovery.services.zero_reports import zero_report_submit
from needs.models import Household


class ReadOrRoleWrite(BasePermission):
    """Readers of the grid registers read; ``write_roles`` of the view write. The services
    decide the rest (jurisdiction, the grid leader's own grid, the cadre's own pairing)."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return has_role(request.user, *selectors.READERS)
        return has_role(request.user, *getattr(view, "write_roles", GOVERNMENT_ROLES)) or bool(
            getattr(view, "allow_any_signed_in_writer", False) and request.user.is_authenticated
        )


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _users():
    return User.objects.filter(is_active=True)


# ---- townships and villages ----


class LocalRegionInputSerializer(serializers.Serializer):
    parent = RegionCodeField()
    code = serializers.CharField(max_length=12)
    name = serializers.CharField(max_length=64)


class LocalRegionView(APIView):
    """Register a township or street under a county, or a village or community under a
    township, with its twelve-digit statistical division code."""

    permission_classes = [ReadOrRoleWrite]

    @extend_schema(request=LocalRegionInputSerializer, responses={201: RegionSerializer})
    @idempotent
    def post(self, request):
        region = region_create_below_county(
            by=request.user, **_valid(LocalRegionInputSerializer, request)
        )
        return Response(RegionSerializer(region).data, status=status.HTTP_201_CREATED)


# ---- grids ----


class GridSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.name")
    leader_name = serializers.SerializerMethodField()

    class Meta:
        model = Grid
        fields = ["id", "region", "region_name", "name", "leader", "leader_name", "is_active"]

    def get_leader_name(self, grid: Grid) -> str:
        if grid.leader is None:
            return ""
        return grid.leader.get_full_name() or grid.leader.username


class GridInputSerializer(serializers.Serializer):
    region = RegionCodeField()
    name = serializers.CharField(max_length=64)
    leader = serializers.PrimaryKeyRelatedField(
        queryset=_users(), required=False, allow_null=True, default=None
    )


class GridUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=64)
    leader = serializers.PrimaryKeyRelatedField(queryset=_users(), allow_null=True)
    is_active = serializers.BooleanField(default=True)


class GridViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Grids (网格) of the villages in the reader's jurisdiction, with their leaders."""

    permission_classes = [ReadOrRoleWrite]
    serializer_class = GridSerializer
    filterset_class = GridFilterSet
    ordering_fields = ["name", "region"]

    def get_queryset(self):
        return selectors.grids_visible_to(
            self.request.user, Grid.objects.select_related("region", "leader")
        )

    @extend_schema(request=GridInputSerializer, responses={201: GridSerializer})
    @idempotent
    def create(self, request):
        grid = services.grid_create(by=request.user, **_valid(GridInputSerializer, request))
        return Response(GridSerializer(grid).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=GridUpdateSerializer, responses=GridSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def change(self, request, pk=None):
        """Rename the grid, change its leader or retire it."""
        grid = services.grid_update(
            by=request.user, grid=self.get_object(), **_valid(GridUpdateSerializer, request)
        )
        return Response(GridSerializer(grid).data)


# ---- households in grids ----


class GridHouseholdSerializer(serializers.ModelSerializer):
    grid_name = serializers.CharField(source="grid.__str__")

    class Meta:
        model = GridHousehold
        fields = ["id", "household", "grid", "grid_name", "assigned_at"]


class GridHouseholdInputSerializer(serializers.Serializer):
    household = serializers.PrimaryKeyRelatedField(queryset=Household.objects.all())
    grid = serializers.PrimaryKeyRelatedField(queryset=Grid.objects.all())


class GridHouseholdViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Which grid each household of the reader's jurisdiction belongs to."""

    permission_classes = [ReadOrRoleWrite]
    serializer_class = GridHouseholdSerializer
    filterset_class = GridHouseholdFilterSet
    ordering_fields = ["assigned_at"]

    def get_queryset(self):
        return selectors.grid_households_visible_to(
            self.request.user, GridHousehold.objects.select_related("grid__region")
        )

    @extend_schema(request=GridHouseholdInputSerializer, responses={201: GridHouseholdSerializer})
    @idempotent
    def create(self, request):
        """Put a household in a grid, or move it to another."""
        assignment = services.grid_household_assign(
            by=request.user, **_valid(GridHouseholdInputSerializer, request)
        )
        return Response(GridHouseholdSerializer(assignment).data, status=status.HTTP_201_CREATED)


# ---- cadre-household pairing ----


class PairingSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id")
    cadre_name = serializers.SerializerMethodField()

    class Meta:
        model = CadrePairing
        fields = [
            "id",
            "cadre",
            "cadre_name",
            "grid",
            "household",
            "region",
            "visit_interval_days",
            "last_visited_on",
            "next_visit_due_on",
            "is_active",
        ]

    def get_cadre_name(self, pairing: CadrePairing) -> str:
        return pairing.cadre.get_full_name() or pairing.cadre.username


class PairingInputSerializer(serializers.Serializer):
    cadre = serializers.PrimaryKeyRelatedField(queryset=_users())
    grid = serializers.PrimaryKeyRelatedField(
        queryset=Grid.objects.all(), required=False, allow_null=True, default=None
    )
    household = serializers.PrimaryKeyRelatedField(
        queryset=Household.objects.all(), required=False, allow_null=True, default=None
    )
    visit_interval_days = serializers.IntegerField()
    first_visit_due_on = serializers.DateField(required=False, allow_null=True, default=None)


class PairingVisitSerializer(serializers.ModelSerializer):
    class Meta:
        model = PairingVisit
        fields = ["id", "pairing", "visited_on", "note", "found_hardship", "recorded_at"]


class PairingVisitInputSerializer(serializers.Serializer):
    visited_on = serializers.DateField()
    note = serializers.CharField()
    found_hardship = serializers.BooleanField(default=False)


class PairingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """包片联户: cadres paired with grids or households, and their visit duties."""

    permission_classes = [ReadOrRoleWrite]
    serializer_class = PairingSerializer
    filterset_class = CadrePairingFilterSet
    ordering_fields = ["next_visit_due_on"]

    @property
    def allow_any_signed_in_writer(self) -> bool:
        # A cadre records the visits of their own pairing whatever their role; the service
        # checks that the pairing is theirs or in the recorder's jurisdiction.
        return self.action == "visits"

    def get_queryset(self):
        return selectors.pairings_visible_to(
            self.request.user, CadrePairing.objects.select_related("cadre")
        )

    @extend_schema(request=PairingInputSerializer, responses={201: PairingSerializer})
    @idempotent
    def create(self, request):
        pairing = services.pairing_create(
            by=request.user, **_valid(PairingInputSerializer, request)
        )
        return Response(PairingSerializer(pairing).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PairingVisitInputSerializer, responses={201: PairingVisitSerializer})
    @action(detail=True, methods=["post"])
    @idempotent
    def visits(self, request, pk=None):
        """Record a visit made under the pairing; the next one falls due an interval later."""
        visit = services.pairing_visit_record(
            by=request.user,
            pairing=self.get_object(),
            **_valid(PairingVisitInputSerializer, request),
        )
        return Response(PairingVisitSerializer(visit).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=PairingSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def end(self, request, pk=None):
        pairing = services.pairing_end(by=request.user, pairing=self.get_object())
        return Response(PairingSerializer(pairing).data)


class PairingVisitViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Visits made under pairings, in the reader's jurisdiction or their own."""

    permission_classes = [ReadOrRoleWrite]
    serializer_class = PairingVisitSerializer
    filterset_class = PairingVisitFilterSet
    ordering_fields = ["visited_on"]

    def get_queryset(self):
        return selectors.pairing_visits_visible_to(self.request.user)


# ---- zero reports ----


class ZeroReportSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.name")
    period = serializers.SerializerMethodField()

    class Meta:
        model = ZeroReport
        fields = [
            "id",
            "region",
            "region_name",
            "grid",
            "period",
            "outcome",
            "households_found",
            "findings",
            "reported_at",
        ]

    def get_period(self, report: ZeroReport) -> str:
        return f"{report.period:%Y-%m}"


class ZeroReportInputSerializer(serializers.Serializer):
    grid = serializers.PrimaryKeyRelatedField(
        queryset=Grid.objects.select_related("region"),
        required=False,
        allow_null=True,
        default=None,
    )
    village = RegionCodeField(required=False, allow_null=True, default=None)
    period = serializers.DateField(help_text="Any day of the month reported, e.g. 2026-12-01.")
    outcome = serializers.ChoiceField(choices=ZeroReport.Outcome.choices)
    households_found = serializers.IntegerField(min_value=0, default=0)
    findings = serializers.CharField(required=False, allow_blank=True, default="")


class FigureRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    expected = serializers.IntegerField()
    reported = serializers.IntegerField()
    missing = serializers.IntegerField()


class FiguresSerializer(serializers.Serializer):
    period = serializers.CharField()
    expected = serializers.IntegerField()
    reported = serializers.IntegerField()
    missing = serializers.IntegerField()
    rows = FigureRowSerializer(many=True)


class ZeroReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Zero reports (零报告) of the grids and villages in the reader's jurisdiction."""

    permission_classes = [ReadOrRoleWrite]
    serializer_class = ZeroReportSerializer
    filterset_class = ZeroReportFilterSet
    ordering_fields = ["period", "reported_at"]
    write_roles = selectors.RECORDERS

    @property
    def allow_any_signed_in_writer(self) -> bool:
        # A grid leader reports for their own grid whatever their role (the service checks).
        return self.action == "create"

    def get_queryset(self):
        return selectors.zero_reports_visible_to(
            self.request.user, ZeroReport.objects.select_related("region")
        )

    @extend_schema(request=ZeroReportInputSerializer, responses={201: ZeroReportSerializer})
    @idempotent
    def create(self, request):
        """Report a grid's (or a gridless village's) findings for a month, or 零报告; a second
        report for the same period is refused."""
        report = zero_report_submit(by=request.user, **_valid(ZeroReportInputSerializer, request))
        return Response(ZeroReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[
            OpenApiParameter("period", str, description="Any day of the month, e.g. 2026-12-01"),
            OpenApiParameter("within", str, description="Region code (six or twelve digits)"),
        ],
        responses=FiguresSerializer,
    )
    @action(detail=False, filterset_class=None, pagination_class=None)
    def missing(self, request):
        """How many grids and villages must report for the month, have reported, and are
        missing, per county (per township when ``within`` is a county or below)."""
        period = selectors.current_period()
        if request.query_params.get("period"):
            field = serializers.DateField()
            try:
                period = selectors.period_of(
                    field.to_internal_value(request.query_params["period"])
                )
            except serializers.ValidationError as error:
                raise serializers.ValidationError({"period": error.detail}) from None
        within = None
        if request.query_params.get("within"):
            try:
                within = RegionCodeField().to_internal_value(request.query_params["within"])
            except serializers.ValidationError as error:
                raise serializers.ValidationError({"within": error.detail}) from None
        by_level = (
            Region.Level.TOWNSHIP
            if within is not None and within.level >= Region.Level.COUNTY
            else Region.Level.COUNTY
        )
        figures = selectors.zero_report_figures(
            request.user, period=period, within=within, by_level=by_level
        )
        data = {
            "period": f"{period:%Y-%m}",
            "expected": figures.expected,
            "reported": figures.reported,
            "missing": figures.missing,
            "rows": [{**vars(row), "missing": row.missing} for row in figures.rows],
        }
        return Response(FiguresSerializer(data).data)
