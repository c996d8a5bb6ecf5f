"""The API of the petition register (信访台账) and the concentrated surveys (集中排查). Thin
edges like needs/api/discovery.py: reads through the jurisdiction selectors, each change through
one service, every POST idempotent (Idempotency-Key). Lists carry no petitioner data; a
petition's page shows the petitioner and records that read (DESIGN.md 7.1)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.api.serializers import RegionCodeField
from core.models import User
from discovery import selectors_petitions as selectors
from discovery import services
from discovery.api.registers import (
    CaseMadeSerializer,
    ReadOrGovernmentWrite,
    ToCaseSerializer,
    VisibleHouseholdField,
    _household_input,
    _office,
    _office_field,
    _valid,
)
from discovery.filtersets_petitions import (
    PetitionFilterSet,
    SurveyAssignmentFilterSet,
    SurveyFilterSet,
)
from discovery.models import Petition, Survey, SurveyAssignment
from needs import selectors as case_selectors
from needs.api.serializers import CaseListSerializer, HouseholdInputSerializer
from needs.models import Case

# ---- input ----


class PetitionInputSerializer(serializers.Serializer):
    office = _office_field()
    form = serializers.ChoiceField(choices=Petition.Form.choices)
    petitioner_name = serializers.CharField(max_length=64)
    petitioner_phone = serializers.CharField(
        max_length=32, required=False, allow_blank=True, default=""
    )
    petitioner_id_number = serializers.CharField(
        max_length=32, required=False, allow_blank=True, default=""
    )
    region = RegionCodeField()
    township = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    demand = serializers.CharField()
    received_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class DecideSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    decided_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class ExtendSerializer(serializers.Serializer):
    days = serializers.IntegerField()
    reason = serializers.CharField()


class ReplySerializer(serializers.Serializer):
    reply = serializers.CharField()
    replied_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class PetitionToCaseSerializer(ToCaseSerializer):
    category = serializers.ChoiceField(choices=Case.Category.choices)
    household = HouseholdInputSerializer()


class SurveyInputSerializer(serializers.Serializer):
    office = _office_field()
    name = serializers.CharField(max_length=128)
    reason = serializers.ChoiceField(choices=Survey.Reason.choices)
    region = RegionCodeField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


@extend_schema_field(OpenApiTypes.INT)
class _VisitorField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return User.objects.filter(is_active=True)


class AssignSerializer(serializers.Serializer):
    visitor = _VisitorField()
    households = serializers.ListField(child=VisibleHouseholdField(), required=False, default=list)
    villages = serializers.ListField(
        child=serializers.CharField(max_length=64), required=False, default=list
    )


class VisitSerializer(serializers.Serializer):
    visited_on = serializers.DateField()
    finding = serializers.CharField()
    needs_help = serializers.BooleanField(default=False)


class FindingToCaseSerializer(ToCaseSerializer):
    category = serializers.ChoiceField(choices=Case.Category.choices)
    household = HouseholdInputSerializer(required=False, allow_null=True, default=None)


# ---- output ----


class PetitionSerializer(serializers.ModelSerializer):
    """A row of the register: no petitioner, no demand."""

    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.name")
    office_name = serializers.CharField(source="office.name")
    case_number = serializers.CharField(source="case.number", allow_null=True, default=None)
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Petition
        fields = [
            "id",
            "form",
            "status",
            "region",
            "region_name",
            "office",
            "office_name",
            "received_at",
            "accept_due_at",
            "accepted_at",
            "handle_due_at",
            "extended_days",
            "replied_at",
            "case",
            "case_number",
            "is_overdue",
        ]

    def get_is_overdue(self, petition: Petition) -> bool:
        return petition.is_overdue(self.context["now"])


class PetitionerSerializer(serializers.Serializer):
    petitioner_name = serializers.CharField()
    petitioner_phone = serializers.CharField()
    petitioner_id_number = serializers.CharField()


class PetitionDetailSerializer(PetitionSerializer):
    petitioner = serializers.SerializerMethodField()

    class Meta(PetitionSerializer.Meta):
        fields = [
            *PetitionSerializer.Meta.fields,
            "township",
            "demand",
            "extension_reason",
            "not_accepted_reason",
            "reply",
            "petitioner",
        ]

    @extend_schema_field(PetitionerSerializer)
    def get_petitioner(self, petition: Petition) -> dict:
        return self.context["petitioner"]


class CoverageVisitorSerializer(serializers.Serializer):
    visitor = serializers.IntegerField()
    visitor_name = serializers.CharField()
    assigned = serializers.IntegerField()
    visited = serializers.IntegerField()
    percent = serializers.IntegerField()


class CoverageSerializer(serializers.Serializer):
    assigned = serializers.IntegerField()
    visited = serializers.IntegerField()
    in_need = serializers.IntegerField()
    cases = serializers.IntegerField()
    percent = serializers.IntegerField()
    visitors = CoverageVisitorSerializer(many=True)


class SurveySerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.name")
    office_name = serializers.CharField(source="office.name")
    coverage = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = [
            "id",
            "name",
            "reason",
            "status",
            "region",
            "region_name",
            "office",
            "office_name",
            "starts_on",
            "ends_on",
            "closed_at",
            "coverage",
        ]

    @extend_schema_field(CoverageSerializer)
    def get_coverage(self, survey: Survey) -> dict:
        return selectors.survey_coverage(survey)


class SurveyAssignmentSerializer(serializers.ModelSerializer):
    """An assignment: the household's number or the village, the visit's finding."""

    case_number = serializers.CharField(source="case.number", allow_null=True, default=None)

    class Meta:
        model = SurveyAssignment
        fields = [
            "id",
            "survey",
            "household",
            "village",
            "visitor",
            "status",
            "visited_on",
            "finding",
            "needs_help",
            "case",
            "case_number",
            "assigned_at",
        ]


# ---- views ----


class _ViewSet(viewsets.GenericViewSet):
    permission_classes = [ReadOrGovernmentWrite]

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": timezone.now()}

    def _case_made(self, result) -> Response:
        case = case_selectors.cases_visible_to(self.request.user).get(pk=result.case.pk)
        return Response(
            {
                "case": CaseListSerializer(case).data,
                "warnings": [vars(w) for w in result.warnings],
            },
            status=status.HTTP_201_CREATED,
        )


class PetitionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, _ViewSet
):
    """The petition register (信访台账) of the reader's jurisdiction."""

    filterset_class = PetitionFilterSet
    ordering_fields = ["received_at", "accept_due_at", "handle_due_at"]

    def get_queryset(self):
        queryset = Petition.objects.select_related("region", "office", "case")
        return selectors.petitions_visible_to(self.request.user, queryset)

    def get_serializer_class(self):
        if self.action == "create":
            return PetitionInputSerializer
        if self.action == "retrieve":
            return PetitionDetailSerializer
        return PetitionSerializer

    def _row(self, petition: Petition, code=status.HTTP_200_OK) -> Response:
        petition = self.get_queryset().get(pk=petition.pk)
        return Response(
            PetitionSerializer(petition, context=self.get_serializer_context()).data, code
        )

    def retrieve(self, request, *args, **kwargs):
        """A petition's page with the petitioner's name, phone and ID number; the read is
        logged."""
        petition = self.get_object()
        petitioner = services.petitioner_details(by=request.user, petition=petition)
        context = {**self.get_serializer_context(), "petitioner": petitioner}
        return Response(PetitionDetailSerializer(petition, context=context).data)

    @extend_schema(request=PetitionInputSerializer, responses={201: PetitionSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        """Register a letter or visit; the acceptance deadline runs from its receipt."""
        data = _valid(PetitionInputSerializer, request)
        data["office"] = _office(request.user, data.get("office"))
        if data["received_at"] is None:
            del data["received_at"]
        petition = services.petition_register(by=request.user, **data)
        return self._row(petition, status.HTTP_201_CREATED)

    @extend_schema(responses=PetitionSerializer(many=True))
    @action(detail=False)
    def overdue(self, request):
        """Petitions past their acceptance or handling deadline."""
        queryset = self.filter_queryset(
            selectors.petitions_overdue(request.user).select_related("region", "office", "case")
        )
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(
            PetitionSerializer(page, many=True, context=self.get_serializer_context()).data
        )

    @extend_schema(request=DecideSerializer, responses=PetitionSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def decide(self, request, pk=None):
        """Accept the petition (the handling deadline starts) or not, saying why."""
        data = _valid(DecideSerializer, request)
        return self._row(
            services.petition_decide(by=request.user, petition=self.get_object(), **data)
        )

    @extend_schema(request=ExtendSerializer, responses=PetitionSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def extend(self, request, pk=None):
        """Extend the handling once, by at most 30 days, with the reason."""
        data = _valid(ExtendSerializer, request)
        return self._row(
            services.petition_extend(by=request.user, petition=self.get_object(), **data)
        )

    @extend_schema(request=ReplySerializer, responses=PetitionSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def reply(self, request, pk=None):
        """Record the written reply; one dated before receipt is refused."""
        data = _valid(ReplySerializer, request)
        return self._row(
            services.petition_reply(by=request.user, petition=self.get_object(), **data)
        )

    @extend_schema(request=PetitionToCaseSerializer, responses={201: CaseMadeSerializer})
    @action(detail=True, methods=["post"], url_path="to-case")
    @idempotent
    def to_case(self, request, pk=None):
        """Make a case of the petition (petition channel); a petition becomes a case once."""
        data = _valid(PetitionToCaseSerializer, request)
        result = services.petition_to_case(
            by=request.user,
            petition=self.get_object(),
            household=_household_input(data["household"]),
            category=data["category"],
            narrative=data["narrative"],
            urgency=data["urgency"],
            is_emergency=data["is_emergency"],
        )
        return self._case_made(result)


class SurveyViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, _ViewSet
):
    """Concentrated surveys (集中排查) of the reader's jurisdiction, with their coverage."""

    filterset_class = SurveyFilterSet
    ordering_fields = ["starts_on", "ends_on"]

    def get_queryset(self):
        queryset = Survey.objects.select_related("region", "office")
        return selectors.surveys_visible_to(self.request.user, queryset)

    def get_serializer_class(self):
        return SurveyInputSerializer if self.action == "create" else SurveySerializer

    def _row(self, survey: Survey, code=status.HTTP_200_OK) -> Response:
        return Response(SurveySerializer(self.get_queryset().get(pk=survey.pk)).data, code)

    @extend_schema(request=SurveyInputSerializer, responses={201: SurveySerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        data = _valid(SurveyInputSerializer, request)
        data["office"] = _office(request.user, data.get("office"))
        return self._row(services.survey_create(by=request.user, **data), status.HTTP_201_CREATED)

    @extend_schema(request=AssignSerializer, responses={201: SurveyAssignmentSerializer(many=True)})
    @action(detail=True, methods=["post"])
    @idempotent
    def assign(self, request, pk=None):
        """Assign households on record or villages to a visitor; all or none."""
        data = _valid(AssignSerializer, request)
        rows = services.survey_assign(by=request.user, survey=self.get_object(), **data)
        return Response(
            SurveyAssignmentSerializer(rows, many=True).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=None, responses=SurveySerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def close(self, request, pk=None):
        return self._row(services.survey_close(by=request.user, survey=self.get_object()))


class SurveyAssignmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _ViewSet):
    """The assignments of the surveys the reader sees, and those assigned to the reader."""

    filterset_class = SurveyAssignmentFilterSet
    serializer_class = SurveyAssignmentSerializer
    ordering_fields = ["assigned_at", "visited_on"]

    def get_queryset(self):
        queryset = SurveyAssignment.objects.select_related("survey", "survey__region", "case")
        return selectors.survey_assignments_visible_to(self.request.user, queryset)

    @extend_schema(request=VisitSerializer, responses=SurveyAssignmentSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def visit(self, request, pk=None):
        """Record the visit: the day within the survey's period, the finding."""
        data = _valid(VisitSerializer, request)
        row = services.survey_visit_record(by=request.user, assignment=self.get_object(), **data)
        return Response(SurveyAssignmentSerializer(self.get_queryset().get(pk=row.pk)).data)

    @extend_schema(request=FindingToCaseSerializer, responses={201: CaseMadeSerializer})
    @action(detail=True, methods=["post"], url_path="to-case")
    @idempotent
    def to_case(self, request, pk=None):
        """Make a case of the finding (survey channel); for a village, describe the
        household."""
        data = _valid(FindingToCaseSerializer, request)
        household = data.pop("household")
        result = services.survey_finding_to_case(
            by=request.user,
            assignment=self.get_object(),
            household=_household_input(household) if household else None,
            **data,
        )
        return self._case_made(result)
