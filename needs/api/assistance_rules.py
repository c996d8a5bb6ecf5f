"""The offices' rules for the assistance procedure (issue 20, item 3) in the API: government
staff read the rules of the offices in their jurisdiction; a supervisor over an office sets
them through the one service, ``assistance_office_rule_save``, behind an Idempotency-Key.
The notice minimum is never below the platform's floor (settings.ASSISTANCE_NOTICE_FLOOR_DAYS).
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.api.permissions import role_required
from core.filtersets import ReachChoiceFilter, RegionCodeFilter
from core.jurisdiction import GOVERNMENT_ROLES, Role, scope_filter, scope_for
from core.models import Organisation
from core.selectors import offices_visible_to
from needs.api.views import _valid
from needs.models import AssistanceOfficeRule, AssistanceType
from needs.services import assistance as services

RULE_READERS = (*GOVERNMENT_ROLES, Role.PLATFORM_ADMIN)


class AssistanceOfficeRuleSerializer(serializers.ModelSerializer):
    office_name = serializers.CharField(source="office.name", read_only=True)
    notice_floor_days = serializers.SerializerMethodField(
        help_text=_("The shortest notice any office may set, platform wide.")
    )

    class Meta:
        model = AssistanceOfficeRule
        fields = [
            "id",
            "office",
            "office_name",
            "notice_days",
            "notice_min_days",
            "notice_floor_days",
            "handler_approval_limit_fen",
            "community_review_types",
        ]
        read_only_fields = fields

    def get_notice_floor_days(self, rule: AssistanceOfficeRule) -> int:
        return services.notice_floor_days()


class AssistanceOfficeRuleInputSerializer(serializers.Serializer):
    office = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind=Organisation.Kind.GOVERNMENT_OFFICE)
    )
    notice_days = serializers.IntegerField(min_value=1, max_value=services.MAX_NOTICE_DAYS)
    notice_min_days = serializers.IntegerField(
        min_value=1,
        max_value=services.MAX_NOTICE_DAYS,
        help_text=_("Never below the platform's floor (notice_floor_days)."),
    )
    handler_approval_limit_fen = serializers.IntegerField(
        min_value=0,
        help_text=_("In fen; 0: the applicant's handler never approves."),
    )
    community_review_types = serializers.ListField(
        child=serializers.ChoiceField(choices=AssistanceType.choices),
        required=False,
        default=list,
    )


class AssistanceOfficeRuleFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter(region_field="office__region")
    office = ReachChoiceFilter(offices_visible_to)

    class Meta:
        model = AssistanceOfficeRule
        fields = ["office", "within"]


class AssistanceOfficeRuleViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The rules offices set for the procedure (notice period and its minimum, the handler's
    approval limit, the types that need a community review): read by government staff within
    their jurisdiction; POST sets an office's rules (supervisors over the office). An office
    without saved rules uses the defaults."""

    serializer_class = AssistanceOfficeRuleSerializer
    permission_classes = [role_required(*RULE_READERS)]
    filterset_class = AssistanceOfficeRuleFilterSet

    def get_queryset(self):
        queryset = AssistanceOfficeRule.objects.select_related("office").order_by("office_id")
        condition = scope_filter(
            scope_for(self.request.user, roles=RULE_READERS), region_field="office__region"
        )
        return queryset if condition is None else queryset.filter(condition)

    @extend_schema(
        request=AssistanceOfficeRuleInputSerializer,
        responses={200: AssistanceOfficeRuleSerializer, 201: AssistanceOfficeRuleSerializer},
    )
    @idempotent
    def create(self, request):
        data = _valid(AssistanceOfficeRuleInputSerializer, request)
        existed = AssistanceOfficeRule.objects.filter(office=data["office"]).exists()
        rule = services.assistance_office_rule_save(by=request.user, **data)
        return Response(
            AssistanceOfficeRuleSerializer(rule).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )
