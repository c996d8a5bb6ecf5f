"""Offers of help through the API (issue 22, item 5): a charity offers help for a need its
project matches (POST /offers/), the case's caseworker refers the case in one step
(POST /offers/{id}/refer/) or declines with a reason (POST /offers/{id}/decline/). Each POST
calls one service (needs.services.offers) and takes an Idempotency-Key.

What an offer shows is the anonymized need: category, county, gap and the published need's
title; never the household. The case's number is shown to the staff who may open the case."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.idempotency import idempotent
from core.api.permissions import role_required
from core.filtersets import ReachChoiceFilter
from core.models import Membership
from needs import selectors
from needs.api.serializers import FenAmountField
from needs.models import Case, Need, Offer
from needs.services import offers as services
from projects.models import Project
from projects.selectors import projects_visible_to

Role = Membership.Role
OFFER_READERS = (*selectors.CASE_READERS, Role.CHARITY_STAFF, Role.PLATFORM_ADMIN)


class OfferFilterSet(django_filters.FilterSet):
    project = ReachChoiceFilter(projects_visible_to)
    case = ReachChoiceFilter(selectors.cases_visible_to)

    class Meta:
        model = Offer
        fields = ["status", "project", "case"]


class OfferNeedSerializer(serializers.Serializer):
    """The need an offer is about, anonymized."""

    category = serializers.CharField(source="case.category")
    county = serializers.CharField(source="case.region.name")
    remaining_gap_fen = serializers.IntegerField(source="case.remaining_gap_fen", allow_null=True)
    need_public_id = serializers.SerializerMethodField()
    need_title = serializers.SerializerMethodField()

    def _published(self, offer: Offer) -> Need | None:
        need = getattr(offer.case, "need", None)
        return need if need is not None and need.status == Need.Status.PUBLISHED else None

    def get_need_public_id(self, offer: Offer) -> str | None:
        need = self._published(offer)
        return str(need.public_id) if need else None

    def get_need_title(self, offer: Offer) -> str:
        need = self._published(offer)
        return need.title if need else ""


class OfferSerializer(serializers.ModelSerializer):
    need = OfferNeedSerializer(source="*", read_only=True)
    project_title = serializers.CharField(source="project.title", read_only=True)
    organisation_name = serializers.CharField(source="project.organisation.name", read_only=True)
    case_number = serializers.SerializerMethodField(
        help_text=_("Only for staff who may open the case; empty for the charity.")
    )

    class Meta:
        model = Offer
        fields = [
            "id",
            "case",
            "case_number",
            "need",
            "project",
            "project_title",
            "organisation_name",
            "amount_fen",
            "note",
            "status",
            "offered_at",
            "answered_at",
            "decline_reason",
            "referral",
        ]
        read_only_fields = fields

    def get_case_number(self, offer: Offer) -> str:
        may_open = self.context.get("may_open_case")
        return offer.case.number or "" if may_open is not None and may_open(offer.case_id) else ""


class OfferCreateSerializer(serializers.Serializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all())
    case = serializers.PrimaryKeyRelatedField(
        queryset=Case.objects.all(), help_text=_("The case id of a need the project matches.")
    )
    amount_fen = FenAmountField(help_text=_("At most the need's remaining gap and the cap."))
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class OfferReferSerializer(serializers.Serializer):
    emergency_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Only when no relief was given yet: why the case is referred first."),
    )


class OfferDeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("The charity reads it."))


class OfferViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Offers of help: a charity's own projects' offers, or those of the reader's cases."""

    serializer_class = OfferSerializer
    filterset_class = OfferFilterSet
    permission_classes = [role_required(*OFFER_READERS)]
    ordering_fields = ["offered_at", "amount_fen"]

    def get_queryset(self):
        queryset = Offer.objects.select_related(
            "case__region", "case__need", "project__organisation"
        )
        return selectors.offers_visible_to(self.request.user, queryset)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user, known = self.request.user, {}

        def may_open_case(case_id: int) -> bool:
            if case_id not in known:
                visible = selectors.cases_visible_to(user).filter(pk=case_id)
                known[case_id] = visible.exists()
            return known[case_id]

        context["may_open_case"] = may_open_case
        return context

    def _answer(self, offer: Offer, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=offer.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(request=OfferCreateSerializer, responses={201: OfferSerializer})
    @idempotent
    def create(self, request):
        data = OfferCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        offer = services.offer_create(by=request.user, **data.validated_data)
        return self._answer(offer, status.HTTP_201_CREATED)

    @extend_schema(request=OfferReferSerializer, responses=OfferSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def refer(self, request, pk=None):
        data = OfferReferSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        offer = self.get_object()
        services.offer_refer(by=request.user, offer=offer, **data.validated_data)
        return self._answer(offer)

    @extend_schema(request=OfferDeclineSerializer, responses=OfferSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def decline(self, request, pk=None):
        data = OfferDeclineSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        offer = services.offer_decline(
            by=request.user, offer=self.get_object(), **data.validated_data
        )
        return self._answer(offer)
