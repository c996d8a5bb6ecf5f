"""Typical cases (典型个案) in the API: the collection per office and period, and marking a case
(one service, needs.services.typical_cases). Only the anonymized summary goes out."""

from __future__ import annotations

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.filtersets import PeriodDateFilter, ReachChoiceFilter
from core.selectors import offices_visible_to
from discovery.api.registers import ReadOrGovernmentWrite, _valid
from needs import selectors
from needs.models import Case, TypicalCase
from needs.selectors_typical import typical_cases
from needs.services.typical_cases import typical_case_mark


class TypicalCaseFilterSet(django_filters.FilterSet):
    office = ReachChoiceFilter(offices_visible_to)
    marked_from = PeriodDateFilter(method="filter_from")
    marked_to = PeriodDateFilter(method="filter_to")

    class Meta:
        model = TypicalCase
        fields = ["office", "marked_from", "marked_to"]

    def filter_from(self, queryset, name, value):
        from donors.reports import local_day_bounds

        return queryset.filter(marked_at__gte=local_day_bounds(value, value)[0])

    def filter_to(self, queryset, name, value):
        from donors.reports import local_day_bounds

        return queryset.filter(marked_at__lt=local_day_bounds(value, value)[1])


@extend_schema_field(OpenApiTypes.INT)
class _VisibleCaseField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        request = self.context.get("request")
        return selectors.cases_visible_to(request.user if request else None)


class TypicalMarkSerializer(serializers.Serializer):
    case = _VisibleCaseField()
    summary = serializers.CharField(required=False, allow_blank=True, default="")


class TypicalCaseSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number")
    category = serializers.ChoiceField(source="case.category", choices=Case.Category.choices)
    region = serializers.CharField(source="case.region_id")
    office_name = serializers.CharField(source="office.name")

    class Meta:
        model = TypicalCase
        fields = [
            "id",
            "case",
            "case_number",
            "category",
            "region",
            "office",
            "office_name",
            "summary",
            "marked_at",
        ]


class TypicalCaseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Typical cases of the reader's jurisdiction; POST marks a case as typical."""

    permission_classes = [ReadOrGovernmentWrite]
    filterset_class = TypicalCaseFilterSet
    ordering_fields = ["marked_at"]

    def get_queryset(self):
        return typical_cases(self.request.user)

    def get_serializer_class(self):
        return TypicalMarkSerializer if self.action == "create" else TypicalCaseSerializer

    @extend_schema(request=TypicalMarkSerializer, responses={201: TypicalCaseSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        data = _valid(TypicalMarkSerializer, request)
        typical = typical_case_mark(by=request.user, case=data["case"], summary=data["summary"])
        row = self.get_queryset().get(pk=typical.pk)
        return Response(TypicalCaseSerializer(row).data, status=status.HTTP_201_CREATED)
