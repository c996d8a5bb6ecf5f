"""Serializers of the staff money API.

Inputs only validate shapes (integer fen, known choices, existing records); the rules live in
``donors.services``. Outputs never carry a household's personal data: an allocation or a
payment names its referral, the case's category, the county's region code and the project's
title (DESIGN.md 7.1). A donor's own name is shown to staff of the organisation that received
the gift; everyone else reads the donor's public name.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_choice_description_list
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import RegionCodeField
from core.jurisdiction import (
    GOVERNMENT_ROLES,
    ORGANISATION_ROLES,
    READ_EVERYTHING_ROLES,
    Role,
    Scope,
    active_memberships,
    has_role,
    scope_for,
)
from core.models import Organisation
from core.money import MAX_FEN
from donors import selectors
from donors.models import Allocation, Disbursement, Donation, Donor, Fund, Refund
from donors.rules import UNKNOWN_REFERRAL
from needs.api.serializers import FenAmountField
from needs.models import Case, Need, Referral
from projects.models import Project


@dataclass(frozen=True)
class Viewer:
    """What the reader of a response may see beyond the anonymized minimum; computed once
    per request from the reader's memberships."""

    staff_of: frozenset[int]
    is_admin: bool
    reads_everything: bool
    case_scope: Scope

    def knows_donor(self, donation: Donation) -> bool:
        """Staff of the receiving organisation, and of a fund's owner (an enterprise's fund
        managers record the gifts its holding charity receives)."""
        if donation.fund_id and donation.fund.owner_id in self.staff_of:
            return True
        return self.is_admin or donation.receiving_organisation_id in self.staff_of

    def sees_bank_reference(self, donation: Donation) -> bool:
        return self.reads_everything or self.knows_donor(donation)

    def reads_delivery_notes(self, allocation: Allocation) -> bool:
        """Notes on payments are written by the delivering charity about the household; the
        holders of the source money (an enterprise) do not read them."""
        referral = allocation.referral
        return (
            referral.to_organisation_id in self.staff_of
            or self.case_scope.everything
            or (
                bool(self.case_scope.region_paths)
                and self.case_scope.covers_region(referral.case.region)
            )
        )


def viewer_for(user) -> Viewer:
    staff_roles = {*ORGANISATION_ROLES, *GOVERNMENT_ROLES}
    return Viewer(
        staff_of=frozenset(
            m.organisation_id for m in active_memberships(user) if m.role in staff_roles
        ),
        is_admin=has_role(user, Role.PLATFORM_ADMIN),
        reads_everything=scope_for(user).everything,
        case_scope=scope_for(user, roles={*GOVERNMENT_ROLES, *READ_EVERYTHING_ROLES}),
    )


def _viewer(serializer: serializers.Serializer) -> Viewer:
    return serializer.context["viewer"]


def _fen(**kwargs) -> FenAmountField:
    return FenAmountField(max_value=MAX_FEN, **kwargs)


class NamedChoiceField(serializers.ChoiceField):
    """A choice field documented as its own named enum: the schema generator names choice sets
    after the field, and "status", "channel" or "method" mean different things on every model."""

    def __init__(self, choices, *, enum_name: str, **kwargs):
        self.enum_name = enum_name
        super().__init__(choices, **kwargs)


class NamedChoiceFieldExtension(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField

    def get_name(self) -> str:
        return self.target.enum_name

    def map_serializer_field(self, auto_schema, direction) -> dict:
        return {
            "type": "string",
            "enum": list(self.target.choices),
            "description": build_choice_description_list(self.target.choices.items()),
        }


def _category_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(Case.Category.choices, enum_name="CaseCategoryEnum", **kwargs)


# ---- special funds ----


class FundSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    holder_name = serializers.CharField(
        source="holder.name",
        read_only=True,
        allow_null=True,
        help_text=_("The charity that receives the fund's gifts and issues their receipts."),
    )
    categories = serializers.ListField(child=_category_field(), read_only=True)
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    status = NamedChoiceField(Fund.Status.choices, enum_name="FundStatusEnum", read_only=True)

    class Meta:
        model = Fund
        fields = [
            "id",
            "name",
            "purpose",
            "owner",
            "owner_name",
            "holder",
            "holder_name",
            "categories",
            "regions",
            "is_public",
            "status",
            "filing_number",
            "filing_starts_on",
            "filing_ends_on",
            "created_at",
        ]
        read_only_fields = fields


class FundDetailSerializer(FundSerializer):
    available_fen = serializers.SerializerMethodField(
        help_text=_("What the fund holds now and may still allocate, in fen.")
    )

    class Meta(FundSerializer.Meta):
        fields = [*FundSerializer.Meta.fields, "available_fen"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.INT)
    def get_available_fen(self, fund: Fund) -> int:
        return selectors.available_fen(fund)


class FundCreateSerializer(serializers.Serializer):
    owner = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        help_text=_("The enterprise or charity that holds the fund; yours if you have one."),
    )
    holder = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text=_(
            "The charity that holds an enterprise's fund: it receives the gifts and issues the "
            "receipts. A charity's own fund is held by the charity."
        ),
    )
    name = serializers.CharField(max_length=128)
    purpose = serializers.CharField()
    categories = serializers.ListField(child=_category_field(), required=False, default=list)
    regions = serializers.ListField(child=RegionCodeField(), required=False, default=list)
    is_public = serializers.BooleanField(required=False, default=True)
    filing_number = serializers.CharField(
        max_length=64,
        required=False,
        default="",
        allow_blank=True,
        help_text=_("The fundraising plan's filing number (募捐方案备案编号)."),
    )
    filing_starts_on = serializers.DateField(required=False, default=None, allow_null=True)
    filing_ends_on = serializers.DateField(required=False, default=None, allow_null=True)


# ---- donations ----


class DonationSerializer(serializers.ModelSerializer):
    donor = serializers.SerializerMethodField(
        help_text=_("The donor's name for staff of the receiving organisation, else public.")
    )
    donor_kind = NamedChoiceField(
        Donor.Kind.choices, enum_name="DonorKindEnum", source="donor.kind", read_only=True
    )
    channel = NamedChoiceField(
        Donation.Channel.choices, enum_name="DonationChannelEnum", read_only=True
    )
    status = NamedChoiceField(
        Donation.Status.choices, enum_name="DonationStatusEnum", read_only=True
    )
    target_type = serializers.SerializerMethodField()
    target_title = serializers.SerializerMethodField()
    need = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    receiving_organisation_name = serializers.CharField(
        source="receiving_organisation.name", read_only=True
    )
    reference = serializers.SerializerMethodField()
    net_fen = serializers.IntegerField(read_only=True)

    class Meta:
        model = Donation
        fields = [
            "id",
            "public_id",
            "receipt_number",
            "donor",
            "donor_kind",
            "target_type",
            "fund",
            "project",
            "need",
            "target_title",
            "receiving_organisation",
            "receiving_organisation_name",
            "receiving_project",
            "receiving_fund",
            "amount_fen",
            "currency",
            "channel",
            "status",
            "fee_fen",
            "refunded_fen",
            "net_fen",
            "reference",
            "message",
            "created_at",
            "succeeded_at",
        ]
        read_only_fields = fields

    def get_donor(self, donation: Donation) -> str:
        if _viewer(self).knows_donor(donation):
            return donation.donor.name
        return donation.donor.public_name

    def get_target_type(self, donation: Donation) -> str:
        return "fund" if donation.fund_id else "project" if donation.project_id else "need"

    def get_target_title(self, donation: Donation) -> str:
        target = donation.target
        return target.name if donation.fund_id else target.title

    def get_reference(self, donation: Donation) -> str:
        return donation.external_reference if _viewer(self).sees_bank_reference(donation) else ""


class OfflineDonationSerializer(serializers.Serializer):
    donor_name = serializers.CharField(max_length=128, required=False, allow_blank=True, default="")
    donor_kind = NamedChoiceField(
        Donor.Kind.choices, enum_name="DonorKindEnum", default=Donor.Kind.PERSON
    )
    donor_email = serializers.EmailField(required=False, allow_blank=True, default="")
    is_anonymous = serializers.BooleanField(required=False, default=False)
    fund = serializers.PrimaryKeyRelatedField(
        queryset=Fund.objects.all(), required=False, allow_null=True
    )
    project = serializers.PrimaryKeyRelatedField(
        queryset=Project.objects.all(), required=False, allow_null=True
    )
    need = serializers.SlugRelatedField(
        slug_field="public_id",
        queryset=Need.objects.select_related("case"),
        required=False,
        allow_null=True,
        help_text=_("The public id of a published need."),
    )
    receiving_project = serializers.PrimaryKeyRelatedField(
        queryset=Project.objects.all(),
        required=False,
        allow_null=True,
        help_text=_(
            "For a gift to a need: the qualified charity project that receives it, restricted "
            "to the need (the one handling the case's referral, if any)."
        ),
    )
    receiving_fund = serializers.PrimaryKeyRelatedField(
        queryset=Fund.objects.all(), required=False, allow_null=True
    )
    amount_fen = _fen()
    channel = NamedChoiceField(
        [(c.value, c.label) for c in Donation.OFFLINE_CHANNELS], enum_name="OfflineChannelEnum"
    )
    reference = serializers.CharField(
        max_length=128, help_text=_("Bank transaction number or cash voucher number.")
    )
    message = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class RefundSerializer(serializers.Serializer):
    amount_fen = _fen()
    reason = serializers.CharField(max_length=200)


class RefundResultSerializer(serializers.Serializer):
    """What a refund did: booked at once (an offline gift, or a card refund Stripe made there
    and then; status succeeded), or asked of Stripe and booked when Stripe confirms it (status
    pending, answered 202)."""

    donation = DonationSerializer()
    status = NamedChoiceField(
        Refund.Status.choices,
        enum_name="RefundStatusEnum",
        help_text="succeeded: booked; pending: asked of Stripe, booked when Stripe confirms.",
    )
    refund_id = serializers.IntegerField(
        allow_null=True, help_text="The refund asked of Stripe (online gifts only)."
    )
    amount_fen = serializers.IntegerField()
    from_unallocated_fen = serializers.IntegerField()
    shortfall_fen = serializers.IntegerField()
    allocations_reached = serializers.ListField(child=serializers.IntegerField())
    summary = serializers.CharField()


class TrailStepSerializer(serializers.Serializer):
    """Where a donation's money went (first in, first out), anonymized."""

    allocation_id = serializers.IntegerField()
    referral_id = serializers.IntegerField()
    project = serializers.CharField()
    category = serializers.CharField()
    region = serializers.CharField()
    need_public_id = serializers.UUIDField(allow_null=True)
    amount_fen = serializers.IntegerField()
    allocation_status = serializers.CharField()


# ---- allocations and payments ----


class AllocationSerializer(serializers.ModelSerializer):
    """Money committed to a referral; the case appears by category and county only."""

    referral = serializers.IntegerField(source="referral_id", read_only=True)
    case_category = _category_field(source="referral.case.category", read_only=True)
    region = serializers.CharField(
        source="referral.case.region_id",
        read_only=True,
        help_text=_("County-level region code (GB/T 2260) of the case."),
    )
    project_title = serializers.CharField(source="referral.project.title", read_only=True)
    source_type = serializers.SerializerMethodField()
    fund = serializers.IntegerField(source="source.fund_id", read_only=True, allow_null=True)
    project = serializers.IntegerField(source="source.project_id", read_only=True, allow_null=True)
    need = serializers.SerializerMethodField()
    source_title = serializers.SerializerMethodField()
    undisbursed_fen = serializers.IntegerField(
        source="account.balance_fen",
        read_only=True,
        help_text=_("What the allocation still holds, not yet paid out or released."),
    )
    status = NamedChoiceField(
        Allocation.Status.choices, enum_name="AllocationStatusEnum", read_only=True
    )

    class Meta:
        model = Allocation
        fields = [
            "id",
            "referral",
            "case_category",
            "region",
            "project_title",
            "source_type",
            "fund",
            "project",
            "need",
            "source_title",
            "amount_fen",
            "released_fen",
            "undisbursed_fen",
            "status",
            "note",
            "created_at",
        ]
        read_only_fields = fields

    def get_source_type(self, allocation: Allocation) -> str:
        return allocation.source.kind

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_need(self, allocation: Allocation):
        return allocation.source.need.public_id if allocation.source.need_id else None

    def get_source_title(self, allocation: Allocation) -> str:
        source = allocation.source
        if source.fund_id:
            return source.fund.name
        return source.project.title if source.project_id else source.need.title


class AllocatableReferralField(serializers.PrimaryKeyRelatedField):
    """A referral the requesting user may commit money to (donors.selectors
    .referrals_allocatable_by); any other, and a number nobody uses, get one answer."""

    default_error_messages = {
        "does_not_exist": UNKNOWN_REFERRAL,
        "incorrect_type": UNKNOWN_REFERRAL,
    }

    def get_queryset(self):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return selectors.referrals_allocatable_by(user, super().get_queryset())


class AllocationCreateSerializer(serializers.Serializer):
    referral = AllocatableReferralField(queryset=Referral.objects.all())
    amount_fen = _fen()
    fund = serializers.PrimaryKeyRelatedField(
        queryset=Fund.objects.all(), required=False, allow_null=True
    )
    project = serializers.PrimaryKeyRelatedField(
        queryset=Project.objects.all(), required=False, allow_null=True
    )
    need = serializers.SlugRelatedField(
        slug_field="public_id",
        queryset=Need.objects.select_related("case"),
        required=False,
        allow_null=True,
        help_text=_("Allocate from the donations given to this need (its public id)."),
    )
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class FundableReferralSerializer(serializers.Serializer):
    """An accepted referral a special fund may pay for, as its fund manager reads it: what an
    accepting charity reads before the contact details (the referral's number, the case's
    category, county and remaining gap, the anonymized situation); never a name, address, ID
    number or the case number, like every money screen."""

    referral = serializers.IntegerField(source="pk")
    # Named ReferralStatusEnum by the settings' ENUM_NAME_OVERRIDES, as in the cases API.
    status = serializers.ChoiceField(choices=Referral.Status.choices)
    case_category = _category_field(source="case.category")
    region = serializers.CharField(
        source="case.region_id", help_text=_("County-level region code (GB/T 2260) of the case.")
    )
    county = serializers.CharField(source="case.region.name")
    remaining_gap_fen = serializers.IntegerField(source="case.remaining_gap_fen")
    project = serializers.IntegerField(source="project_id")
    project_title = serializers.CharField(source="project.title")
    charity = serializers.CharField(source="to_organisation.name")
    story = serializers.SerializerMethodField(
        help_text=_("The situation as the public would read it (anonymized).")
    )

    def get_story(self, referral) -> str:
        return self.context["reading"].story(referral)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


def _method_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(
        Disbursement.Method.choices, enum_name="DisbursementMethodEnum", **kwargs
    )


class DisbursementSerializer(serializers.ModelSerializer):
    """A payment to the household, with its proof; the case by category and county only."""

    referral = serializers.IntegerField(source="allocation.referral_id", read_only=True)
    case_category = _category_field(source="allocation.referral.case.category", read_only=True)
    region = serializers.CharField(
        source="allocation.referral.case.region_id",
        read_only=True,
        help_text=_("County-level region code (GB/T 2260) of the case."),
    )
    project_title = serializers.CharField(
        source="allocation.referral.project.title", read_only=True
    )
    note = serializers.SerializerMethodField()
    requested_by = serializers.CharField(source="requested_by.username", read_only=True)
    approved_by = serializers.CharField(
        source="approved_by.username", read_only=True, allow_null=True
    )
    paid_by = serializers.CharField(source="paid_by.username", read_only=True, allow_null=True)
    method = _method_field(read_only=True)
    status = NamedChoiceField(
        Disbursement.Status.choices, enum_name="DisbursementStatusEnum", read_only=True
    )
    has_proof_file = serializers.BooleanField(
        read_only=True,
        help_text=_("Whether the bank slip or invoice was uploaded (not only its number)."),
    )
    proof_file_url = serializers.SerializerMethodField(
        help_text=_(
            "Where the proof file is downloaded, for readers who may open it (the delivering "
            "charity, the responsible office, auditors); every download is recorded."
        )
    )

    class Meta:
        model = Disbursement
        fields = [
            "id",
            "allocation",
            "referral",
            "case_category",
            "region",
            "project_title",
            "amount_fen",
            "method",
            "status",
            "proof_reference",
            "has_proof_file",
            "proof_file_url",
            "note",
            "requested_by",
            "requested_at",
            "approved_by",
            "approved_at",
            "paid_by",
            "paid_at",
        ]
        read_only_fields = fields

    def get_note(self, disbursement: Disbursement) -> str:
        if _viewer(self).reads_delivery_notes(disbursement.allocation):
            return disbursement.note
        return ""

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_proof_file_url(self, disbursement: Disbursement) -> str | None:
        # The same readers as the delivery notes; the download checks again
        # (donors.proofs.proof_open).
        if not disbursement.proof_file or not _viewer(self).reads_delivery_notes(
            disbursement.allocation
        ):
            return None
        url = reverse("disbursement-proof", args=[disbursement.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class DisbursementRequestSerializer(serializers.Serializer):
    allocation = serializers.PrimaryKeyRelatedField(queryset=Allocation.objects.all())
    amount_fen = _fen()
    method = _method_field()
    proof_reference = serializers.CharField(
        max_length=128, required=False, allow_blank=True, default=""
    )
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


def _proof_file_field(**kwargs) -> serializers.FileField:
    return serializers.FileField(
        help_text=_(
            "The bank slip, hospital invoice or signed receipt: a PNG, JPEG or WebP image or "
            "a PDF (checked by its content), at most PAYMENT_PROOF_MAX_BYTES (10 MB by "
            "default). Send the request as multipart/form-data."
        ),
        **kwargs,
    )


class PaySerializer(serializers.Serializer):
    proof_reference = serializers.CharField(
        max_length=128,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Bank transfer number, hospital invoice number or delivery note number."),
    )
    proof_file = _proof_file_field(required=False, allow_null=True, default=None)


class AttachProofSerializer(serializers.Serializer):
    proof_file = _proof_file_field()
