"""Public donation API: start an online donation (Stripe Checkout), see which payment options
exist, and follow a donation by its public id. Open to everyone; no donor data is shown back.

Amounts come in as yuan written as text (``"100.50"``) or a whole number of yuan (``100``);
JSON fractions (``100.5``) are refused, because floats are not exact (DESIGN.md 7.2).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.authentication import TokenAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle
from rest_framework.views import APIView

from core.api.errors import django_validation_error_to_drf
from core.api.idempotency import idempotent
from core.api.throttles import ClientRateThrottle
from core.money import format_money, yuan_to_fen
from donors.models import Donation
from donors.need_gifts import need_receivers, receiver_choice
from donors.selectors import donation_target
from donors.stripe_gateway import (
    ALLOWED_PAYMENT_METHOD_TYPES,
    MAX_ONLINE_FEN,
    MIN_ONLINE_FEN,
    PaymentUnavailableError,
    checkout_start,
    online_amount_problem,
    stripe_enabled,
)


class PaymentUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "online_payment_unavailable"
    default_detail = _("Online payment is not available at the moment.")


@extend_schema_field(OpenApiTypes.STR)
class YuanAmountField(serializers.Field):
    """An amount in yuan, as text ("100.50") or a whole number; at most two decimals, within
    Stripe's limits for a charge in yuan."""

    def to_internal_value(self, data) -> int:
        try:
            fen = yuan_to_fen(data)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages[0], code=error.code) from None
        problem = online_amount_problem(fen)
        if problem is not None:
            code, message = problem
            raise serializers.ValidationError(message, code=code)
        return fen

    def to_representation(self, value):
        return value


class CheckoutInputSerializer(serializers.Serializer):
    TARGETS = [
        ("fund", _("special fund")),
        ("project", _("charity project")),
        ("need", _("public need")),
    ]

    target_type = serializers.ChoiceField(choices=TARGETS)
    target_id = serializers.CharField(
        max_length=64, help_text="Fund id, project id, or the public need's public id (UUID)."
    )
    receiver_type = serializers.ChoiceField(
        choices=[("project", _("charity project")), ("fund", _("special fund"))],
        required=False,
        help_text=(
            "For a gift to a need before a charity has taken on its case: the qualified "
            "project or fund the donor chose to receive it (see the need's receivers)."
        ),
    )
    receiver_id = serializers.CharField(max_length=20, required=False, default="")
    amount = YuanAmountField(
        help_text=(
            f'Yuan as text, e.g. "100.50" (fen precision), from {format_money(MIN_ONLINE_FEN)} '
            f"to {format_money(MAX_ONLINE_FEN)} (Stripe's limits for a charge in yuan)."
        )
    )
    name = serializers.CharField(max_length=128, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    is_anonymous = serializers.BooleanField(required=False, default=False)
    message = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    return_path = serializers.CharField(
        max_length=200,
        required=False,
        default="/",
        help_text="Path on this site the donor comes back to after paying (default: /).",
    )

    def validate_return_path(self, value: str) -> str:
        # A path on this site only: never send a donor on to another host.
        if not value.startswith("/") or not url_has_allowed_host_and_scheme(
            value, allowed_hosts=None
        ):
            raise serializers.ValidationError(_("Give a path on this site, starting with /."))
        return value


class CheckoutResponseSerializer(serializers.Serializer):
    donation = serializers.UUIDField()
    checkout_url = serializers.URLField()
    status = serializers.CharField()
    amount_fen = serializers.IntegerField()


class DonationStatusSerializer(serializers.ModelSerializer):
    """What anyone holding the donation's public id may see: no donor name or email."""

    id = serializers.UUIDField(source="public_id")
    amount = serializers.SerializerMethodField()
    target_type = serializers.SerializerMethodField()
    target_title = serializers.SerializerMethodField()
    received_by = serializers.CharField(
        source="receiving_organisation.name",
        read_only=True,
        help_text="The charity that received the gift and issues its receipt.",
    )

    class Meta:
        model = Donation
        fields = [
            "id",
            "status",
            "amount_fen",
            "amount",
            "currency",
            "refunded_fen",
            "target_type",
            "target_title",
            "received_by",
            "receipt_number",
            "created_at",
            "succeeded_at",
        ]

    def get_amount(self, donation: Donation) -> str:
        return format_money(donation.amount_fen, donation.currency)

    def get_target_type(self, donation: Donation) -> str:
        return "fund" if donation.fund_id else "project" if donation.project_id else "need"

    def get_target_title(self, donation: Donation) -> str:
        if donation.fund_id:
            return donation.fund.name
        if donation.project_id:
            return donation.project.title
        # A need taken off the public site is not named any more.
        if donation.need.status == "published":
            return donation.need.title
        return str(_("a public need"))


def _target(target_type: str, target_id: str) -> dict:
    """The fund, project or public need named by the donor, or a 400 naming target_id."""
    found = donation_target(target_type, target_id)
    if found is None:
        message = str(_("No such fund, project or public need takes donations."))
        raise exceptions.ValidationError(
            {"target_id": [exceptions.ErrorDetail(message, "unknown_target")]}
        )
    return {target_type: found}


# Service field names -> this endpoint's input names.
_FIELDS = {
    "amount_fen": "amount",
    "fund": "target_id",
    "project": "target_id",
    "need": "target_id",
    "target": "target_id",
    "receiver": "receiver_id",
}


def _renamed(error: DjangoValidationError) -> DjangoValidationError:
    if not hasattr(error, "error_dict"):
        return error
    renamed: dict = {}
    for field, errors in error.error_dict.items():
        renamed.setdefault(_FIELDS.get(field, field), []).extend(errors)
    return DjangoValidationError(renamed)


class DonationThrottle(ClientRateThrottle):
    """Anonymous callers: the anon rate of REST_FRAMEWORK's DEFAULT_THROTTLE_RATES, counted
    apart from the other public endpoints (each start creates a Checkout Session)."""

    scope = "donation"


class PublicDonationCreateView(APIView):
    """Start an online donation: returns the Stripe Checkout address to pay at."""

    permission_classes = [AllowAny]
    # Token only: a browser posts anonymously (no CSRF token needed); API clients with a
    # token get idempotency keys. An anonymous retry makes a second pending donation with its
    # own Checkout Session: harmless, as nothing is booked until a session is paid.
    authentication_classes = [TokenAuthentication]
    throttle_classes = [DonationThrottle, UserRateThrottle]

    @extend_schema(
        operation_id="public_donation_create",
        request=CheckoutInputSerializer,
        responses={201: CheckoutResponseSerializer},
    )
    @idempotent
    def post(self, request):
        serializer = CheckoutInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        target = _target(data["target_type"], data["target_id"])
        if "receiver_type" in data:
            receiver = receiver_choice(data["receiver_type"], data["receiver_id"])
            if not receiver:
                message = str(_("No such project or fund receives gifts."))
                raise exceptions.ValidationError(
                    {"receiver_id": [exceptions.ErrorDetail(message, "unknown_receiver")]}
                )
            target.update(receiver)
        back = request.build_absolute_uri(data["return_path"])
        separator = "&" if "?" in back else "?"
        try:
            donation, url = checkout_start(
                donor_name=data["name"],
                email=data["email"],
                is_anonymous=data["is_anonymous"],
                amount_fen=data["amount"],
                message=data["message"],
                success_url=f"{back}{separator}checkout=success",
                cancel_url=f"{back}{separator}checkout=cancelled",
                **target,
            )
        except DjangoValidationError as error:
            raise django_validation_error_to_drf(_renamed(error)) from None
        except PaymentUnavailableError as error:
            raise PaymentUnavailable(error.message, error.code) from None
        return Response(
            {
                "donation": str(donation.public_id),
                "checkout_url": url,
                "status": donation.status,
                "amount_fen": donation.amount_fen,
            },
            status=status.HTTP_201_CREATED,
        )


class PublicDonationOptionsView(APIView):
    """Which ways of giving are on offer: Stripe only when it is configured, and the amounts
    it takes online."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        operation_id="public_donation_options",
        responses=inline_serializer(
            "DonationOptions",
            {
                "stripe": serializers.BooleanField(),
                "publishable_key": serializers.CharField(allow_null=True),
                "payment_methods": serializers.ListField(child=serializers.CharField()),
                "min_amount_fen": serializers.IntegerField(),
                "max_amount_fen": serializers.IntegerField(),
                "offline": serializers.BooleanField(),
            },
        ),
    )
    def get(self, request):
        enabled = stripe_enabled()
        return Response(
            {
                "stripe": enabled,
                "publishable_key": settings.STRIPE_PUBLISHABLE_KEY if enabled else None,
                "payment_methods": ALLOWED_PAYMENT_METHOD_TYPES if enabled else [],
                "min_amount_fen": MIN_ONLINE_FEN,
                "max_amount_fen": MAX_ONLINE_FEN,
                "offline": True,
            }
        )


class ReceiverSerializer(serializers.Serializer):
    """A charity project or fund that may receive a gift to the need, with the charity's
    public record as 慈善中国 shows it."""

    receiver_type = serializers.CharField(help_text='"project" or "fund".')
    receiver_id = serializers.IntegerField()
    title = serializers.CharField()
    organisation = serializers.CharField()
    credit_code = serializers.CharField()
    fundraising_certificate_number = serializers.CharField()
    filing_number = serializers.CharField()
    filing_starts_on = serializers.DateField(allow_null=True)
    filing_ends_on = serializers.DateField(allow_null=True)


class PublicNeedReceiversView(APIView):
    """Who may receive a gift to a published need now (``?need=<public id>``): the charity
    project handling its referral (``handled_by_referral``), or the qualified projects and
    funds whose rules admit the case, for the donor to choose as ``receiver_type`` and
    ``receiver_id`` when starting the donation. Empty when no charity entitled to raise from
    the public takes gifts for it; never a government office."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        operation_id="public_need_receivers",
        responses=inline_serializer(
            "NeedReceivers",
            {
                "handled_by_referral": serializers.BooleanField(),
                "receivers": ReceiverSerializer(many=True),
            },
        ),
    )
    def get(self, request):
        need = donation_target("need", request.query_params.get("need", ""))
        if need is None or need.status != "published":
            message = str(_("No such fund, project or public need takes donations."))
            raise exceptions.ValidationError(
                {"need": [exceptions.ErrorDetail(message, "unknown_target")]}
            )
        found = need_receivers(need)
        rows = [("project", p, p.title, p.organisation) for p in found.projects] + [
            ("fund", f, f.name, f.owner) for f in found.funds
        ]
        receivers = [
            {
                "receiver_type": kind,
                "receiver_id": holder.pk,
                "title": title,
                "organisation": organisation.name,
                "credit_code": organisation.credit_code,
                "fundraising_certificate_number": organisation.fundraising_certificate_number,
                "filing_number": holder.filing_number,
                "filing_starts_on": holder.filing_starts_on,
                "filing_ends_on": holder.filing_ends_on,
            }
            for kind, holder, title, organisation in rows
        ]
        return Response(
            {
                "handled_by_referral": found.referral_project is not None,
                "receivers": ReceiverSerializer(receivers, many=True).data,
            }
        )


class PublicDonationDetailView(APIView):
    """A donation's status by its public id (from the checkout answer or the return link)."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(operation_id="public_donation_retrieve", responses=DonationStatusSerializer)
    def get(self, request, public_id):
        donation = get_object_or_404(
            Donation.objects.select_related("fund", "project", "need", "receiving_organisation"),
            public_id=public_id,
        )
        return Response(DonationStatusSerializer(donation).data)
