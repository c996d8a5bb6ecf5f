"""The active-discovery API: the hotline register, visits, routine-visit schedules and proxy
applications. Thin edges, like the cases API: reads through the jurisdiction selectors, each
change through one service. Lists carry no personal data; a hotline call's page shows the
caller's name and numbers and records that read (DESIGN.md 7.1).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.api.serializers import RegionCodeField
from core.audit import personal_data_read_record
from core.audit_text import person_name
from core.jurisdiction import GOVERNMENT_ROLES, active_memberships, has_role, visible_to
from core.models import Organisation
from discovery import selectors_registers as discovery
from discovery import services as discovery_services
from discovery.filtersets_registers import (
    HotlineCallFilterSet,
    VisitFilterSet,
    VisitScheduleFilterSet,
)
from discovery.models import Grid, HotlineCall, ProxyApplication, Visit, VisitSchedule
from needs import selectors
from needs.api.serializers import CaseListSerializer, HouseholdInputSerializer
from needs.models import Case, Household
from needs.models.households import KEY_GROUP_FIELDS
from needs.services.households import HouseholdInput, MemberInput
from needs.services.rules import refuse


class ReadOrGovernmentWrite(BasePermission):
    """Case readers (government staff, auditors, platform administrators) read; only
    caseworkers and supervisors write. The services decide the rest (office, jurisdiction)."""

    def has_permission(self, request, view) -> bool:
        roles = selectors.CASE_READERS if request.method in SAFE_METHODS else GOVERNMENT_ROLES
        return has_role(request.user, *roles)


class VisitReadOrRecord(BasePermission):
    """Visits: case readers and village assistants (协理员) read, caseworkers, supervisors
    and village assistants record; the selectors and services keep each to their village or
    jurisdiction. Making a case of a visit stays with government staff (the service)."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return has_role(request.user, *discovery.VISIT_READERS)
        return has_role(request.user, *discovery.VISIT_RECORDERS)


class VisitScheduleReadOrGovernmentWrite(BasePermission):
    """Routine-visit schedules: read like visits, set by caseworkers and supervisors."""

    def has_permission(self, request, view) -> bool:
        roles = discovery.VISIT_READERS if request.method in SAFE_METHODS else GOVERNMENT_ROLES
        return has_role(request.user, *roles)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _office(user, office: Organisation | None, *, roles=GOVERNMENT_ROLES) -> Organisation:
    """The office given, or the user's only government office (of ``roles``)."""
    if office is not None:
        return office
    offices = [m.organisation for m in active_memberships(user) if m.role in roles]
    if len(offices) != 1:
        refuse("office", _("Say which office keeps the record."), "required")
    return offices[0]


def _household_input(data: dict) -> HouseholdInput:
    return HouseholdInput(
        region=data["region"],
        township=data["township"],
        address_detail=data["address_detail"],
        phone=data["phone"],
        flags=dict.fromkeys(data["flags"], True),
        members=[MemberInput(**member) for member in data["members"]],
    )


@extend_schema_field(OpenApiTypes.INT)
class VisitableHouseholdField(serializers.PrimaryKeyRelatedField):
    """A household on record, by id, that the user may visit: of their government
    jurisdiction, or for a village assistant in a grid of their village."""

    def get_queryset(self):
        request = self.context.get("request")
        return discovery.households_to_visit(request.user if request else None)


@extend_schema_field(OpenApiTypes.INT)
class VisibleHouseholdField(serializers.PrimaryKeyRelatedField):
    """A household on record, by id, among those in the user's government jurisdiction."""

    def get_queryset(self):
        request = self.context.get("request")
        user = request.user if request else None
        return visible_to(
            Household.objects.all(), user, region_field="region", roles=GOVERNMENT_ROLES
        )


def _office_field(**kwargs):
    return serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True), required=False, **kwargs
    )


# ---- serializers: input ----


class HotlineCallInputSerializer(serializers.Serializer):
    office = _office_field()
    caller_name = serializers.CharField(max_length=64)
    caller_phone = serializers.CharField(max_length=32)
    callback_phone = serializers.CharField(
        max_length=32, required=False, allow_blank=True, default=""
    )
    region = RegionCodeField()
    township = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    topic = serializers.ChoiceField(choices=HotlineCall.Topic.choices)
    need = serializers.CharField()
    received_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class CallBackSerializer(serializers.Serializer):
    note = serializers.CharField()


class CallCloseSerializer(serializers.Serializer):
    outcome = serializers.CharField()


class ToCaseSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Case.Category.choices, required=False)
    narrative = serializers.CharField(required=False, allow_blank=True, default="")
    urgency = serializers.ChoiceField(choices=Case.Urgency.choices, default=Case.Urgency.NORMAL)
    is_emergency = serializers.BooleanField(default=False)


class HotlineToCaseSerializer(ToCaseSerializer):
    household = HouseholdInputSerializer()


class VisitToCaseSerializer(ToCaseSerializer):
    category = serializers.ChoiceField(choices=Case.Category.choices)


class VisitHelpDealtWithSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000)


class VisitInputSerializer(serializers.Serializer):
    office = _office_field()
    visited_on = serializers.DateField()
    visitor_kind = serializers.ChoiceField(choices=Visit.Visitor.choices)
    visitor_name = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default=""
    )
    observations = serializers.CharField()
    key_groups = serializers.MultipleChoiceField(
        choices=KEY_GROUP_FIELDS, required=False, default=list
    )
    needs_help = serializers.BooleanField(default=False)
    household = VisitableHouseholdField(required=False, allow_null=True, default=None)
    new_household = HouseholdInputSerializer(required=False, allow_null=True, default=None)
    grid = serializers.PrimaryKeyRelatedField(
        queryset=Grid.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=gettext_lazy(
            "The grid a new household is placed in (required of a village assistant "
            "whose village has grids)."
        ),
    )


class ScheduleInputSerializer(serializers.Serializer):
    household = VisibleHouseholdField()
    office = _office_field()
    interval_days = serializers.IntegerField(
        min_value=1, max_value=366, required=False, allow_null=True, default=None
    )
    is_active = serializers.BooleanField(default=True)


class ProxyInputSerializer(serializers.Serializer):
    office = _office_field()
    category = serializers.ChoiceField(choices=Case.Category.choices)
    narrative = serializers.CharField()
    urgency = serializers.ChoiceField(choices=Case.Urgency.choices, default=Case.Urgency.NORMAL)
    is_emergency = serializers.BooleanField(default=False)
    household = HouseholdInputSerializer()
    filed_for_name = serializers.CharField(max_length=64)
    reason = serializers.ChoiceField(choices=ProxyApplication.Reason.choices)
    reason_note = serializers.CharField(required=False, allow_blank=True, default="")
    proxy_name = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")


# ---- serializers: output ----


class HotlineCallSerializer(serializers.ModelSerializer):
    """A row of the register: no caller name or number, no story."""

    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.name")
    office_name = serializers.CharField(source="office.name")
    taken_by = serializers.CharField(source="taken_by.username")
    case_number = serializers.CharField(source="case.number", allow_null=True, default=None)
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = HotlineCall
        fields = [
            "id",
            "status",
            "topic",
            "region",
            "region_name",
            "office",
            "office_name",
            "taken_by",
            "received_at",
            "callback_due_at",
            "result_due_at",
            "called_back_at",
            "closed_at",
            "case",
            "case_number",
            "is_overdue",
        ]

    def get_is_overdue(self, call: HotlineCall) -> bool:
        now = self.context["now"]
        return call.is_callback_overdue(now) or call.is_result_overdue(now)


class CallerSerializer(serializers.Serializer):
    caller_name = serializers.CharField()
    caller_phone = serializers.CharField()
    callback_phone = serializers.CharField()


class HotlineCallDetailSerializer(HotlineCallSerializer):
    caller = serializers.SerializerMethodField()

    class Meta(HotlineCallSerializer.Meta):
        fields = [
            *HotlineCallSerializer.Meta.fields,
            "township",
            "need",
            "callback_note",
            "outcome",
            "caller",
        ]

    @extend_schema_field(CallerSerializer)
    def get_caller(self, call: HotlineCall) -> dict:
        return self.context["caller"]


class VisitSerializer(serializers.ModelSerializer):
    """A row of the visit register: the household's number, not its people."""

    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.name")
    office_name = serializers.CharField(source="office.name")
    recorded_by = serializers.CharField(source="recorded_by.username")
    recorded_by_name = serializers.SerializerMethodField()
    key_groups = serializers.ListField(child=serializers.CharField(), read_only=True)
    case_number = serializers.CharField(source="case.number", allow_null=True, default=None)

    class Meta:
        model = Visit
        fields = [
            "id",
            "household",
            "region",
            "region_name",
            "office",
            "office_name",
            "visitor_kind",
            "visited_on",
            "key_groups",
            "needs_help",
            "case",
            "case_number",
            "recorded_by",
            "recorded_by_name",
            "recorded_at",
            "help_office",
            "help_dealt_with_at",
        ]

    def get_recorded_by_name(self, visit: Visit) -> str:
        """The recorder as people call them (family name first for a Chinese name)."""
        return person_name(visit.recorded_by)


class VisitDetailSerializer(VisitSerializer):
    class Meta(VisitSerializer.Meta):
        fields = [*VisitSerializer.Meta.fields, "visitor_name", "observations"]


class VisitScheduleSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.name")
    office_name = serializers.CharField(source="office.name")
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = VisitSchedule
        fields = [
            "id",
            "household",
            "region",
            "region_name",
            "office",
            "office_name",
            "interval_days",
            "last_visited_on",
            "next_due_on",
            "is_active",
            "is_overdue",
        ]

    def get_is_overdue(self, schedule: VisitSchedule) -> bool:
        return schedule.is_active and schedule.next_due_on < self.context["today"]


class ProxyApplicationSerializer(serializers.ModelSerializer):
    """A row: the case and why it was filed by proxy; whom it was for only on its page."""

    case = CaseListSerializer()
    filed_by = serializers.CharField(source="filed_by.username")

    class Meta:
        model = ProxyApplication
        fields = ["id", "case", "reason", "proxy_name", "filed_by", "filed_at"]


class ProxyApplicationDetailSerializer(ProxyApplicationSerializer):
    class Meta(ProxyApplicationSerializer.Meta):
        fields = [*ProxyApplicationSerializer.Meta.fields, "filed_for_name", "reason_note"]


class CaseMadeSerializer(serializers.Serializer):
    case = CaseListSerializer()
    warnings = serializers.ListField(child=serializers.DictField())


# ---- views ----


class _RegisterViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [ReadOrGovernmentWrite]

    def get_serializer_context(self):
        from django.utils import timezone

        return {
            **super().get_serializer_context(),
            "now": timezone.now(),
            "today": timezone.localdate(),
        }

    def _case_made(self, result, code=status.HTTP_201_CREATED) -> Response:
        case = selectors.cases_visible_to(self.request.user).get(pk=result.case.pk)
        return Response(
            {
                "case": CaseListSerializer(case).data,
                "warnings": [vars(w) for w in result.warnings],
            },
            status=code,
        )


class HotlineCallViewSet(_RegisterViewSet):
    """The 12349 hotline register (热线台账) of the reader's jurisdiction."""

    filterset_class = HotlineCallFilterSet
    ordering_fields = ["received_at", "callback_due_at", "result_due_at"]

    def get_queryset(self):
        queryset = HotlineCall.objects.select_related("region", "office", "taken_by", "case")
        return discovery.hotline_calls_visible_to(self.request.user, queryset)

    def get_serializer_class(self):
        if self.action == "create":
            return HotlineCallInputSerializer
        if self.action == "retrieve":
            return HotlineCallDetailSerializer
        return HotlineCallSerializer

    def _row(self, call: HotlineCall, code=status.HTTP_200_OK) -> Response:
        call = self.get_queryset().get(pk=call.pk)
        return Response(
            HotlineCallSerializer(call, context=self.get_serializer_context()).data, code
        )

    def retrieve(self, request, *args, **kwargs):
        """A call's page with the caller's name and numbers; the read is logged."""
        call = self.get_object()
        caller = discovery_services.hotline_caller_details(by=request.user, call=call)
        context = {**self.get_serializer_context(), "caller": caller}
        return Response(HotlineCallDetailSerializer(call, context=context).data)

    @extend_schema(request=HotlineCallInputSerializer, responses={201: HotlineCallSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        """Enter a call in the register; the recorder takes it (首问负责制)."""
        data = _valid(HotlineCallInputSerializer, request)
        data["office"] = _office(request.user, data.get("office"))
        if data["received_at"] is None:
            del data["received_at"]
        call = discovery_services.hotline_call_record(by=request.user, **data)
        return self._row(call, status.HTTP_201_CREATED)

    @extend_schema(responses=HotlineCallSerializer(many=True))
    @action(detail=False)
    def overdue(self, request):
        """Calls past their call-back or result deadline."""
        queryset = self.filter_queryset(
            discovery.hotline_calls_overdue(request.user).select_related(
                "region", "office", "taken_by", "case"
            )
        )
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(
            HotlineCallSerializer(page, many=True, context=self.get_serializer_context()).data
        )

    @extend_schema(request=CallBackSerializer, responses=HotlineCallSerializer)
    @action(detail=True, methods=["post"], url_path="call-back")
    @idempotent
    def call_back(self, request, pk=None):
        data = _valid(CallBackSerializer, request)
        return self._row(
            discovery_services.hotline_call_back(by=request.user, call=self.get_object(), **data)
        )

    @extend_schema(request=CallCloseSerializer, responses=HotlineCallSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def close(self, request, pk=None):
        data = _valid(CallCloseSerializer, request)
        return self._row(
            discovery_services.hotline_call_close(by=request.user, call=self.get_object(), **data)
        )

    @extend_schema(request=HotlineToCaseSerializer, responses={201: CaseMadeSerializer})
    @action(detail=True, methods=["post"], url_path="to-case")
    @idempotent
    def to_case(self, request, pk=None):
        """Make a case of the call (hotline channel); a call becomes a case once."""
        data = _valid(HotlineToCaseSerializer, request)
        result = discovery_services.hotline_call_to_case(
            by=request.user,
            call=self.get_object(),
            household=_household_input(data["household"]),
            category=data.get("category", ""),
            narrative=data["narrative"],
            urgency=data["urgency"],
            is_emergency=data["is_emergency"],
        )
        return self._case_made(result)


class VisitViewSet(_RegisterViewSet):
    """Visits of routine and concentrated surveys (摸底排查) in the reader's jurisdiction."""

    filterset_class = VisitFilterSet
    ordering_fields = ["visited_on", "recorded_at"]
    permission_classes = [VisitReadOrRecord]

    def get_queryset(self):
        queryset = Visit.objects.select_related("region", "office", "recorded_by", "case")
        return discovery.visits_visible_to(self.request.user, queryset)

    def get_serializer_class(self):
        if self.action == "create":
            return VisitInputSerializer
        if self.action == "retrieve":
            return VisitDetailSerializer
        return VisitSerializer

    def retrieve(self, request, *args, **kwargs):
        """A visit's page with the observations; the read is logged."""
        visit = self.get_object()
        discovery_services.visit_read_record(by=request.user, visit=visit)
        return Response(VisitDetailSerializer(visit).data)

    @extend_schema(request=VisitInputSerializer, responses={201: VisitDetailSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        """Record a visit to a household on record (``household``) or a new one described
        (``new_household``)."""
        data = _valid(VisitInputSerializer, request)
        new = data["new_household"]
        visit = discovery_services.visit_record(
            by=request.user,
            office=_office(request.user, data.get("office"), roles=discovery.VISIT_RECORDERS),
            visited_on=data["visited_on"],
            observations=data["observations"],
            visitor_kind=data["visitor_kind"],
            visitor_name=data["visitor_name"],
            household=data["household"],
            household_input=_household_input(new) if new else None,
            key_groups=sorted(data["key_groups"]),
            needs_help=data["needs_help"],
            grid=data["grid"],
        )
        visit = self.get_queryset().get(pk=visit.pk)
        return Response(VisitDetailSerializer(visit).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=VisitToCaseSerializer, responses={201: CaseMadeSerializer})
    @action(detail=True, methods=["post"], url_path="to-case")
    @idempotent
    def to_case(self, request, pk=None):
        """Make a case of the visit (grid-worker channel); a visit becomes a case once."""
        data = _valid(VisitToCaseSerializer, request)
        result = discovery_services.visit_to_case(by=request.user, visit=self.get_object(), **data)
        return self._case_made(result)

    @extend_schema(request=VisitHelpDealtWithSerializer, responses=VisitDetailSerializer)
    @action(detail=True, methods=["post"], url_path="help-dealt-with")
    @idempotent
    def help_dealt_with(self, request, pk=None):
        """Mark the visit's call for help (needs help now) dealt with, saying what was done;
        once per visit, by the caseworkers who answer for the household's area."""
        data = _valid(VisitHelpDealtWithSerializer, request)
        visit = discovery_services.visit_help_dealt_with(
            by=request.user, visit=self.get_object(), **data
        )
        return Response(VisitDetailSerializer(self.get_queryset().get(pk=visit.pk)).data)


class VisitScheduleViewSet(_RegisterViewSet):
    """Routine-visit schedules of key-group households (必到必访); ``overdue`` lists the
    households whose visit is past due. POST sets (creates or changes) a household's schedule."""

    filterset_class = VisitScheduleFilterSet
    ordering_fields = ["next_due_on", "last_visited_on"]
    permission_classes = [VisitScheduleReadOrGovernmentWrite]

    def get_queryset(self):
        queryset = VisitSchedule.objects.select_related("region", "office")
        return discovery.visit_schedules_visible_to(self.request.user, queryset)

    def get_serializer_class(self):
        return ScheduleInputSerializer if self.action == "create" else VisitScheduleSerializer

    @extend_schema(request=ScheduleInputSerializer, responses={201: VisitScheduleSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        data = _valid(ScheduleInputSerializer, request)
        data["office"] = _office(request.user, data.get("office"))
        schedule = discovery_services.visit_schedule_set(by=request.user, **data)
        schedule = self.get_queryset().get(pk=schedule.pk)
        return Response(
            VisitScheduleSerializer(schedule, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(responses=VisitScheduleSerializer(many=True))
    @action(detail=False)
    def overdue(self, request):
        """Key-group households whose routine visit is past due."""
        queryset = self.filter_queryset(
            discovery.visit_schedules_overdue(request.user).select_related("region", "office")
        )
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(
            VisitScheduleSerializer(page, many=True, context=self.get_serializer_context()).data
        )


class ProxyApplicationViewSet(_RegisterViewSet):
    """Cases filed on behalf of someone who cannot apply (代办帮办)."""

    ordering_fields = ["filed_at"]

    def get_queryset(self):
        queryset = ProxyApplication.objects.select_related(
            "case__region", "case__responsible_office", "case__owner", "filed_by"
        )
        return discovery.proxy_applications_visible_to(self.request.user, queryset)

    def get_serializer_class(self):
        if self.action == "create":
            return ProxyInputSerializer
        if self.action == "retrieve":
            return ProxyApplicationDetailSerializer
        return ProxyApplicationSerializer

    def retrieve(self, request, *args, **kwargs):
        """The application with whom it was filed for; the read is logged."""
        application = self.get_object()
        with transaction.atomic():
            personal_data_read_record(
                actor=request.user,
                obj=application,
                fields=["filed_for_name", "reason_note"],
                purpose=f"case {application.case.number}",
            )
        return Response(ProxyApplicationDetailSerializer(application).data)

    @extend_schema(request=ProxyInputSerializer, responses={201: ProxyApplicationDetailSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        data = _valid(ProxyInputSerializer, request)
        result = discovery_services.proxy_application_file(
            by=request.user,
            office=_office(request.user, data.get("office")),
            category=data["category"],
            narrative=data["narrative"],
            household=_household_input(data["household"]),
            filed_for_name=data["filed_for_name"],
            reason=data["reason"],
            reason_note=data["reason_note"],
            proxy_name=data["proxy_name"],
            urgency=data["urgency"],
            is_emergency=data["is_emergency"],
        )
        application = self.get_queryset().get(case=result.case)
        return Response(
            ProxyApplicationDetailSerializer(application).data, status=status.HTTP_201_CREATED
        )
