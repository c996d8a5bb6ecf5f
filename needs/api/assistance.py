"""The assistance-application API (issue 20, items 1 and 3): list and read the applications of
the reader's jurisdiction, file one, and take each step of the procedure, each step one
service call (needs.services.assistance) behind an Idempotency-Key; and the public notice list
(公示), open to everyone, with only surname + 某, village, type and amount."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.api.permissions import role_required
from core.models import Organisation
from needs.admin_views.assistance import READERS
from needs.filtersets import AssistanceApplicationFilterSet
from needs.models import (
    AssistanceApplication,
    AssistanceObjection,
    AssistanceType,
    Case,
    CommunityReview,
)
from needs.selectors import cases_visible_to
from needs.selectors_assistance import applications_visible_to, public_notices
from needs.services import assistance as services

# ---- output ----


class CommunityReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommunityReview
        fields = ["id", "kind", "held_on", "participants", "result", "summary", "recorded_at"]


class ObjectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssistanceObjection
        fields = [
            "id",
            "received_on",
            "summary",
            "resolution",
            "resolution_note",
            "recorded_at",
            "resolved_at",
        ]


class AssistanceApplicationSerializer(serializers.ModelSerializer):
    community_reviews = CommunityReviewSerializer(many=True, read_only=True)
    objections = ObjectionSerializer(many=True, read_only=True)
    relative_filed = serializers.SerializerMethodField(
        help_text=_(
            "A filed relative of an official lives in the household (近亲属备案): the "
            "application is in the register and a supervisor decides it."
        )
    )

    class Meta:
        model = AssistanceApplication
        fields = [
            "id",
            "household",
            "region",
            "village",
            "type",
            "office",
            "case",
            "risk_warning",
            "referral",
            "relative_filed",
            "reason",
            "stage",
            "stage_due_at",
            "applied_by",
            "applied_at",
            "handler",
            "accepted_at",
            "check_recorded_at",
            "check_note",
            "reviewer",
            "reviewed_at",
            "recommendation",
            "review_note",
            "amount_fen",
            "notice_starts_on",
            "notice_ends_on",
            "notice_name",
            "approver",
            "decided_at",
            "outcome_reasons",
            "starts_on",
            "ends_on",
            "community_reviews",
            "objections",
        ]
        read_only_fields = fields

    def get_relative_filed(self, application: AssistanceApplication) -> bool:
        # Prefetched by the viewset: no query per row.
        return bool(application.relative_benefits.all())


class PublicNoticeSerializer(serializers.ModelSerializer):
    """What a public notice may say: nothing that identifies the household beyond it."""

    county = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = AssistanceApplication
        fields = [
            "id",
            "notice_name",
            "county",
            "village",
            "type",
            "amount_fen",
            "notice_starts_on",
            "notice_ends_on",
        ]
        read_only_fields = fields


# ---- input ----


class ApplySerializer(serializers.Serializer):
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.all(), label=_("case"))
    type = serializers.ChoiceField(choices=AssistanceType.choices)
    office = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True)
    )
    village = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CommunityReviewInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CommunityReview.Kind.choices)
    held_on = serializers.DateField()
    participants = serializers.ListField(child=serializers.CharField(max_length=64))
    result = serializers.ChoiceField(choices=CommunityReview.Result.choices)
    summary = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewSerializer(serializers.Serializer):
    recommendation = serializers.ChoiceField(choices=AssistanceApplication.Recommendation.choices)
    amount_fen = serializers.IntegerField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class NoticeSerializer(serializers.Serializer):
    days = serializers.IntegerField(required=False, allow_null=True, default=None)


class ObjectionInputSerializer(serializers.Serializer):
    summary = serializers.CharField()
    received_on = serializers.DateField(required=False, allow_null=True, default=None)


class ObjectionResolveSerializer(serializers.Serializer):
    objection = serializers.IntegerField()
    resolution = serializers.ChoiceField(choices=AssistanceObjection.Resolution.choices)
    note = serializers.CharField()


class ApproveSerializer(serializers.Serializer):
    starts_on = serializers.DateField(required=False, allow_null=True, default=None)
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RefuseSerializer(serializers.Serializer):
    reasons = serializers.CharField()


class EndSerializer(serializers.Serializer):
    ends_on = serializers.DateField()
    reason = serializers.CharField()


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# ---- views ----


class AssistanceApplicationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Assistance applications (低保, 特困, 医疗救助...) of the reader's jurisdiction and of the
    reader's own department, and the steps 受理 → 核对 → 审核 → 公示 → 审批 → 落实/不予."""

    serializer_class = AssistanceApplicationSerializer
    permission_classes = [role_required(*READERS)]
    filterset_class = AssistanceApplicationFilterSet
    ordering_fields = ["applied_at", "stage_due_at"]

    def get_queryset(self):
        queryset = AssistanceApplication.objects.prefetch_related(
            "community_reviews", "objections", "relative_benefits"
        )
        return applications_visible_to(self.request.user, queryset)

    def _answer(self, application, code=status.HTTP_200_OK):
        return Response(
            AssistanceApplicationSerializer(self.get_queryset().get(pk=application.pk)).data,
            status=code,
        )

    @extend_schema(request=ApplySerializer, responses={201: AssistanceApplicationSerializer})
    @idempotent
    def create(self, request):
        """File an application for the household of a case the reader may see."""
        data = _valid(ApplySerializer, request)
        case = get_object_or_404(cases_visible_to(request.user), pk=data.pop("case").pk)
        application = services.assistance_apply(
            by=request.user,
            household=case.household,
            case=case,
            assistance_type=data.pop("type"),
            **data,
        )
        return self._answer(application, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=AssistanceApplicationSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def accept(self, request, pk=None):
        """受理: the reader accepts and handles the application."""
        application = services.assistance_accept(by=request.user, application=self.get_object())
        return self._answer(application)

    @extend_schema(request=NoteSerializer, responses=AssistanceApplicationSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def check(self, request, pk=None):
        """核对: the economic-status check recorded done."""
        data = _valid(NoteSerializer, request)
        application = services.assistance_check_record(
            by=request.user, application=self.get_object(), **data
        )
        return self._answer(application)

    @extend_schema(
        request=CommunityReviewInputSerializer, responses={201: CommunityReviewSerializer}
    )
    @action(detail=True, methods=["post"], url_path="community-reviews")
    @idempotent
    def community_review(self, request, pk=None):
        """民主评议 / 听证评议: participants and result."""
        data = _valid(CommunityReviewInputSerializer, request)
        review = services.community_review_record(
            by=request.user, application=self.get_object(), **data
        )
        return Response(CommunityReviewSerializer(review).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReviewSerializer, responses=AssistanceApplicationSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def review(self, request, pk=None):
        """审核: recommend granting (with the amount in fen) or refusing."""
        data = _valid(ReviewSerializer, request)
        application = services.assistance_review(
            by=request.user, application=self.get_object(), **data
        )
        return self._answer(application)

    @extend_schema(request=NoticeSerializer, responses=AssistanceApplicationSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def notice(self, request, pk=None):
        """公示: start the public notice (the office's period unless ``days`` is given)."""
        data = _valid(NoticeSerializer, request)
        application = services.assistance_notice_start(
            by=request.user, application=self.get_object(), **data
        )
        return self._answer(application)

    @extend_schema(request=ObjectionInputSerializer, responses={201: ObjectionSerializer})
    @action(detail=True, methods=["post"])
    @idempotent
    def objections(self, request, pk=None):
        """An objection received during the notice."""
        data = _valid(ObjectionInputSerializer, request)
        objection = services.objection_record(
            by=request.user, application=self.get_object(), **data
        )
        return Response(ObjectionSerializer(objection).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ObjectionResolveSerializer, responses=ObjectionSerializer)
    @action(detail=True, methods=["post"], url_path="resolve-objection")
    @idempotent
    def resolve_objection(self, request, pk=None):
        """An objection resolved: upheld or dismissed, with the findings."""
        application = self.get_object()
        data = _valid(ObjectionResolveSerializer, request)
        objection = get_object_or_404(application.objections.all(), pk=data.pop("objection"))
        objection = services.objection_resolve(by=request.user, objection=objection, **data)
        return Response(ObjectionSerializer(objection).data)

    @extend_schema(request=ApproveSerializer, responses=AssistanceApplicationSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def approve(self, request, pk=None):
        """审批 → 落实: not by the reviewer; not during the notice or an open objection."""
        data = _valid(ApproveSerializer, request)
        application = services.assistance_approve(
            by=request.user, application=self.get_object(), **data
        )
        return self._answer(application)

    @extend_schema(request=RefuseSerializer, responses=AssistanceApplicationSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def refuse(self, request, pk=None):
        """不予: refused with the reasons."""
        data = _valid(RefuseSerializer, request)
        application = services.assistance_refuse(
            by=request.user, application=self.get_object(), **data
        )
        return self._answer(application)

    @extend_schema(request=EndSerializer, responses=AssistanceApplicationSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def end(self, request, pk=None):
        """A granted assistance ends on a date."""
        data = _valid(EndSerializer, request)
        application = services.assistance_end(
            by=request.user, application=self.get_object(), **data
        )
        return self._answer(application)


class PublicNoticeViewSet(viewsets.ReadOnlyModelViewSet):
    """Assistance in public notice (公示) today: surname + 某, county, village or community,
    type and amount. Open to everyone."""

    serializer_class = PublicNoticeSerializer
    permission_classes = [AllowAny]
    authentication_classes = []
    filterset_fields = ["type"]

    def get_queryset(self):
        return public_notices()
