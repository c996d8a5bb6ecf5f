"""The staff money API: thin edges that scope every list and call one service per action.

Reading needs a staff role; each list is narrowed to what the reader may see (DESIGN.md 7.5).
Writing needs a role that can hold or move money (auditors read only), and then the service
checks that this person may move *this* money. Every POST is idempotent with an
``Idempotency-Key`` header.
"""

from __future__ import annotations

import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from core.api.idempotency import HEADER as IDEMPOTENCY_HEADER
from core.api.idempotency import idempotent, idempotent_calling_out
from core.api.permissions import role_required
from core.jurisdiction import ORGANISATION_ROLES, Role, active_memberships
from donors import selectors, services
from donors.api import serializers as s
from donors.api.checkout import PaymentUnavailable
from donors.filtersets import (
    AllocationFilterSet,
    DisbursementFilterSet,
    DonationFilterSet,
    FundFilterSet,
)
from donors.models import Allocation, Disbursement, Donation, Fund
from donors.proofs import oversized_upload_message, proof_open
from donors.rules import is_staff_of, refuse
from donors.stripe_gateway import PaymentUnavailableError
from needs.models import Referral
from needs.selectors import ReferralReading

MONEY_READERS = tuple(Role.values)  # every staff role; the lists themselves are scoped
HOLDERS = (Role.FUND_MANAGER, Role.CHARITY_STAFF, Role.PLATFORM_ADMIN)
GIFT_RECORDERS = (*HOLDERS, Role.CASEWORKER, Role.SUPERVISOR)
ALLOCATORS = GIFT_RECORDERS
DELIVERERS = (Role.CHARITY_STAFF, Role.PLATFORM_ADMIN)


# ---- who sees which money (jurisdiction on every query) ----


# ---- helpers ----


def _refuse_oversized(action):
    """Refuse a proof upload announced above the size limit before anything reads it (the
    idempotency fingerprint would hash it)."""

    @functools.wraps(action)
    def wrapper(view, request, *args, **kwargs):
        message = oversized_upload_message(request)
        if message is not None:
            refuse("proof_file", message, "too_large")
        return action(view, request, *args, **kwargs)

    return wrapper


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class _MoneyViewSet(viewsets.GenericViewSet):
    """Read with any staff role; write with one of ``writers``."""

    writers: tuple[str, ...] = (Role.PLATFORM_ADMIN,)

    def get_permissions(self):
        roles = MONEY_READERS if self.request.method in SAFE_METHODS else self.writers
        return [role_required(*roles)()]

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "viewer": s.viewer_for(self.request.user)}

    def _out(self, serializer_class, instance, code=status.HTTP_200_OK) -> Response:
        return Response(
            serializer_class(instance, context=self.get_serializer_context()).data, status=code
        )


# ---- special funds ----


class FundViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, _MoneyViewSet
):
    """Special funds (专项基金): public ones, the reader's own organisation's, or all for
    auditors."""

    writers = HOLDERS
    filterset_class = FundFilterSet
    ordering_fields = ["name", "created_at"]

    def get_queryset(self):
        queryset = Fund.objects.select_related("owner", "holder").prefetch_related("regions")
        return selectors.funds_visible_to(self.request.user, queryset)

    def get_serializer_class(self):
        if self.action == "create":
            return s.FundCreateSerializer
        return s.FundSerializer if self.action == "list" else s.FundDetailSerializer

    def _own_organisation(self, user):
        owners = {m.organisation for m in active_memberships(user) if m.role in ORGANISATION_ROLES}
        if len(owners) != 1:
            refuse("owner", _("Say which organisation holds the fund."), "required")
        return owners.pop()

    @extend_schema(request=s.FundCreateSerializer, responses={201: s.FundDetailSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        data = _valid(s.FundCreateSerializer, request)
        fund = services.fund_create(
            by=request.user,
            owner=data.get("owner") or self._own_organisation(request.user),
            name=data["name"],
            purpose=data["purpose"],
            categories=data["categories"],
            regions=data["regions"],
            is_public=data["is_public"],
            holder=data.get("holder"),
            filing_number=data["filing_number"],
            filing_starts_on=data["filing_starts_on"],
            filing_ends_on=data["filing_ends_on"],
        )
        return self._out(s.FundDetailSerializer, fund, status.HTTP_201_CREATED)

    @extend_schema(responses=s.FundableReferralSerializer(many=True))
    @action(detail=True, methods=["get"])
    def cases(self, request, pk=None):
        """The accepted referrals this fund may pay for now (its categories and regions admit
        the case), anonymized, for its holder's staff: commit money to one with POST
        /allocations/ naming this fund."""
        fund = self.get_object()
        if not is_staff_of(request.user, fund.owner_id):
            raise PermissionDenied(_("Only staff of the fund's holder look for cases to fund."))
        referrals = selectors.fundable_referrals(
            fund,
            Referral.objects.select_related("case__region", "project", "to_organisation"),
        ).order_by("-case__urgency", "answered_at", "pk")
        page = self.paginate_queryset(referrals)
        context = {**self.get_serializer_context(), "reading": ReferralReading(request.user)}
        data = s.FundableReferralSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)

    @extend_schema(request=None, responses=s.FundDetailSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def close(self, request, pk=None):
        """Close the fund: no more gifts or allocations; its money stays traceable."""
        fund = services.fund_close(by=request.user, fund=self.get_object())
        return self._out(s.FundDetailSerializer, fund)


# ---- donations ----


def _donor_create(data: dict):
    """The donor as the request names them; errors point at the request's ``donor_*`` fields."""
    try:
        return services.donor_create(
            name=data["donor_name"],
            kind=data["donor_kind"],
            email=data["donor_email"],
            is_anonymous=data["is_anonymous"],
        )
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise ValidationError(
            {f"donor_{field}": errors for field, errors in error.error_dict.items()}
        ) from error


class DonationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _MoneyViewSet):
    """Donations received: by the reader's organisation, or to public needs of the reader's
    jurisdiction."""

    serializer_class = s.DonationSerializer
    writers = GIFT_RECORDERS
    filterset_class = DonationFilterSet
    ordering_fields = ["created_at", "succeeded_at", "amount_fen"]

    def get_queryset(self):
        queryset = Donation.objects.select_related(
            "donor", "fund", "project", "need__case", "receiving_organisation"
        )
        return selectors.donations_visible_to(self.request.user, queryset)

    @extend_schema(request=s.OfflineDonationSerializer, responses={201: s.DonationSerializer})
    @action(detail=False, methods=["post"])
    @idempotent
    def offline(self, request):
        """Record a bank transfer or cash gift with its reference; it succeeds at once."""
        data = _valid(s.OfflineDonationSerializer, request)
        with transaction.atomic():  # no donor is left behind if the gift is refused
            donor = _donor_create(data)
            donation = services.donation_record_offline(
                by=request.user,
                donor=donor,
                amount_fen=data["amount_fen"],
                channel=data["channel"],
                reference=data["reference"],
                fund=data.get("fund"),
                project=data.get("project"),
                need=data.get("need"),
                receiving_project=data.get("receiving_project"),
                receiving_fund=data.get("receiving_fund"),
                message=data["message"],
            )
        return self._out(s.DonationSerializer, donation, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.RefundSerializer,
        responses={200: s.RefundResultSerializer, 202: s.RefundResultSerializer},
    )
    @action(detail=True, methods=["post"])
    @idempotent_calling_out
    def refund(self, request, pk=None):
        """Give (part of) a gift back from the target's unallocated money: an offline gift at
        once; an online gift through Stripe's Refund API, booked when Stripe confirms it (202
        while pending). Send an ``Idempotency-Key``: the same key never refunds twice, also
        when a first attempt could not reach Stripe."""
        donation = self.get_object()
        data = _valid(s.RefundSerializer, request)
        key = request.headers.get(IDEMPOTENCY_HEADER)
        try:
            outcome = services.donation_refund_request(
                donation=donation,
                amount_fen=data["amount_fen"],
                reason=data["reason"],
                by=request.user,
                request=f"api:{request.user.pk}:{key}" if key else "",
            )
        except PaymentUnavailableError as error:
            raise PaymentUnavailable(error.message, error.code) from None
        result = outcome.result
        return self._out(
            s.RefundResultSerializer,
            {
                "donation": self.get_queryset().get(pk=donation.pk),
                "status": outcome.status,
                "refund_id": outcome.refund.pk if outcome.refund else None,
                "amount_fen": outcome.amount_fen,
                "from_unallocated_fen": result.from_unallocated_fen if result else 0,
                "shortfall_fen": result.shortfall_fen if result else 0,
                "allocations_reached": result.allocations_reached if result else [],
                "summary": outcome.summary,
            },
            status.HTTP_202_ACCEPTED if outcome.status == "pending" else status.HTTP_200_OK,
        )

    @extend_schema(responses=s.TrailStepSerializer(many=True))
    @action(detail=True, methods=["get"])
    def trail(self, request, pk=None):
        """Which allocations this gift's money reached (first in, first out)."""
        return Response(
            s.TrailStepSerializer(selectors.donation_trail(self.get_object()), many=True).data
        )


# ---- allocations ----


class AllocationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, _MoneyViewSet
):
    """Money committed to accepted referrals."""

    writers = ALLOCATORS
    filterset_class = AllocationFilterSet
    ordering_fields = ["created_at", "amount_fen"]

    def get_queryset(self):
        queryset = Allocation.objects.select_related(
            "referral__case",
            "referral__project",
            "source__fund",
            "source__project",
            "source__need",
            "account",
        )
        return selectors.allocations_visible_to(self.request.user, queryset)

    def get_serializer_class(self):
        return s.AllocationCreateSerializer if self.action == "create" else s.AllocationSerializer

    @extend_schema(request=s.AllocationCreateSerializer, responses={201: s.AllocationSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        """Commit money from one fund, project or need to an accepted referral."""
        data = _valid(s.AllocationCreateSerializer, request)
        allocation = services.allocation_create(
            by=request.user,
            referral=data["referral"],
            amount_fen=data["amount_fen"],
            fund=data.get("fund"),
            project=data.get("project"),
            need=data.get("need"),
            note=data["note"],
        )
        return self._out(
            s.AllocationSerializer,
            self.get_queryset().get(pk=allocation.pk),
            status.HTTP_201_CREATED,
        )

    @extend_schema(request=s.ReasonSerializer, responses=s.AllocationSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def release(self, request, pk=None):
        """Return what is still undisbursed to where it came from."""
        allocation = self.get_object()
        data = _valid(s.ReasonSerializer, request)
        services.allocation_release(allocation=allocation, reason=data["reason"], by=request.user)
        return self._out(s.AllocationSerializer, self.get_queryset().get(pk=allocation.pk))


# ---- payments to households ----


class DisbursementViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, _MoneyViewSet
):
    """Payments from allocations to households, each with its proof."""

    writers = DELIVERERS
    filterset_class = DisbursementFilterSet
    ordering_fields = ["requested_at", "amount_fen"]

    def get_queryset(self):
        queryset = Disbursement.objects.select_related(
            "allocation__referral__case__region",
            "allocation__referral__project",
            "requested_by",
            "approved_by",
            "paid_by",
        )
        return selectors.allocations_visible_to(self.request.user, queryset, prefix="allocation__")

    def get_serializer_class(self):
        if self.action == "create":
            return s.DisbursementRequestSerializer
        return s.DisbursementSerializer

    def _answer(self, disbursement: Disbursement, code=status.HTTP_200_OK) -> Response:
        return self._out(
            s.DisbursementSerializer, self.get_queryset().get(pk=disbursement.pk), code
        )

    @extend_schema(
        request=s.DisbursementRequestSerializer, responses={201: s.DisbursementSerializer}
    )
    @idempotent
    def create(self, request, *args, **kwargs):
        """The delivering charity asks to pay part of an allocation to the household."""
        data = _valid(s.DisbursementRequestSerializer, request)
        disbursement = services.disbursement_request(by=request.user, **data)
        return self._answer(disbursement, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.DisbursementSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def approve(self, request, pk=None):
        """Approve a payment; above the four-eyes threshold, not by whoever asked for it."""
        return self._answer(
            services.disbursement_approve(by=request.user, disbursement=self.get_object())
        )

    @extend_schema(request=s.PaySerializer, responses=s.DisbursementSerializer)
    @action(detail=True, methods=["post"])
    @_refuse_oversized
    @idempotent
    def pay(self, request, pk=None):
        """The money reached the household: book it with the proof of payment, the uploaded
        slip or invoice (multipart/form-data) and/or its number. One of them is required."""
        data = _valid(s.PaySerializer, request)
        return self._answer(
            services.disbursement_mark_paid(
                by=request.user,
                disbursement=self.get_object(),
                proof_reference=data["proof_reference"],
                proof_file=data["proof_file"],
            )
        )

    @extend_schema(request=s.AttachProofSerializer, responses=s.DisbursementSerializer)
    @action(detail=True, methods=["post"], url_path="attach-proof", url_name="attach-proof")
    @_refuse_oversized
    @idempotent
    def attach_proof(self, request, pk=None):
        """Upload the slip or invoice of a payment marked paid with its number only; a proof
        file once attached is never replaced."""
        data = _valid(s.AttachProofSerializer, request)
        return self._answer(
            services.disbursement_attach_proof(
                by=request.user, disbursement=self.get_object(), proof_file=data["proof_file"]
            )
        )

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (200, "image/*"): OpenApiTypes.BINARY,
        }
    )
    @action(detail=True, methods=["get"])
    def proof(self, request, pk=None):
        """The proof file, for the delivering charity, the responsible office and auditors
        (not the holders of the source money: the slip shows the household's account). Each
        download is recorded as a read of personal data."""
        return proof_open(
            by=request.user, disbursement=self.get_object(), purpose="payment proof (API)"
        )

    @extend_schema(request=s.ReasonSerializer, responses=s.DisbursementSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def cancel(self, request, pk=None):
        data = _valid(s.ReasonSerializer, request)
        return self._answer(
            services.disbursement_cancel(
                by=request.user, disbursement=self.get_object(), reason=data["reason"]
            )
        )
