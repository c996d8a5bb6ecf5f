from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import RegionCodeField
from core.models import Organisation
from needs.models import (
    AssistanceType,
    Case,
    CaseConference,
    CaseDeadline,
    Consent,
    Household,
    HouseholdContact,
    HouseholdIdentifier,
    HouseholdMember,
    Need,
    Referral,
    ReliefGrant,
    ServiceRecord,
)
from needs.models.households import KEY_GROUP_FIELDS
from needs.services.households import STATUS_FIELDS
from projects.models import Project


class FenAmountField(serializers.IntegerField):
    """An amount in fen: an integer, never a float or a string with a decimal point."""

    default_error_messages = {
        "invalid": _("An amount is an integer number of fen."),
        "min_value": _("The amount must be greater than zero."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, (bool, float)) or (
            isinstance(data, str) and not data.strip().lstrip("-").isdigit()
        ):
            self.fail("invalid")
        return super().to_internal_value(data)


# ---- input ----


class MemberInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=64)
    relation = serializers.ChoiceField(choices=HouseholdMember.Relation.choices)
    age = serializers.IntegerField(min_value=0, max_value=130, required=False, allow_null=True)
    id_number = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    has_disability = serializers.BooleanField(required=False, default=False)
    has_serious_illness = serializers.BooleanField(required=False, default=False)


class HouseholdInputSerializer(serializers.Serializer):
    region = RegionCodeField()
    township = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    address_detail = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    flags = serializers.MultipleChoiceField(
        choices=[*STATUS_FIELDS, *KEY_GROUP_FIELDS], required=False, default=list
    )
    members = MemberInputSerializer(many=True)


class CaseReportSerializer(serializers.Serializer):
    office = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True), required=False
    )
    channel = serializers.ChoiceField(choices=Case.Channel.choices)
    category = serializers.ChoiceField(choices=Case.Category.choices)
    narrative = serializers.CharField()
    urgency = serializers.ChoiceField(choices=Case.Urgency.choices, default=Case.Urgency.NORMAL)
    is_emergency = serializers.BooleanField(default=False)
    household = HouseholdInputSerializer()


class HandoverSerializer(serializers.Serializer):
    to_office = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True)
    )
    reason = serializers.CharField()


class AssessSerializer(serializers.Serializer):
    assessed_need_fen = FenAmountField()
    assessed_gap_fen = FenAmountField(
        min_value=0,
        help_text=_(
            "What the household's own means, insurance and other schemes leave uncovered, "
            "before the relief recorded here and charity money (the case's remaining_gap_fen "
            "subtracts those by itself)."
        ),
    )


class ReliefSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReliefGrant.Kind.choices)
    amount_fen = FenAmountField(
        min_value=0, help_text=_("The cash given; 0 when only goods are given.")
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    in_kind = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=200,
        help_text=_("The goods given, if any (实物救助)."),
    )
    goods_quantity = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1
    )
    goods_unit = serializers.CharField(required=False, allow_blank=True, default="", max_length=20)
    goods_value_fen = FenAmountField(
        required=False,
        default=0,
        min_value=0,
        help_text=_("The goods' value for the accounts, in fen."),
    )
    paid_via = serializers.ChoiceField(
        choices=ReliefGrant.PaidVia.choices, required=False, allow_blank=True, default=""
    )
    payment_reference = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=100
    )


class ServiceRecordSerializer(serializers.ModelSerializer):
    """A service given to a case (back office only: the provider's name is personal data)."""

    class Meta:
        model = ServiceRecord
        fields = [
            "id",
            "referral",
            "kind",
            "date",
            "minutes",
            "outcome",
            "provider_name",
            "recorded_at",
        ]
        read_only_fields = fields


class ServiceRecordCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ServiceRecord.Kind.choices)
    date = serializers.DateField()
    minutes = serializers.IntegerField(help_text=_("Time spent, in minutes."))
    outcome = serializers.CharField()
    provider_name = serializers.CharField(
        max_length=100, help_text=_("The volunteer or social worker who gave the service.")
    )


class ReliefPaymentSerializer(serializers.Serializer):
    paid_via = serializers.ChoiceField(choices=ReliefGrant.PaidVia.choices)
    payment_reference = serializers.CharField(max_length=100)


class DecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    reason = serializers.CharField()


class ReferSerializer(serializers.Serializer):
    project = serializers.PrimaryKeyRelatedField(
        queryset=Project.objects.all(), required=False, allow_null=True
    )
    department = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind=Organisation.Kind.DEPARTMENT),
        required=False,
        allow_null=True,
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    emergency_reason = serializers.CharField(required=False, allow_blank=True, default="")
    amount_requested_fen = FenAmountField(required=False, allow_null=True)
    assistance_type = serializers.ChoiceField(
        choices=AssistanceType.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "With a department only: the assistance type it is asked to consider; accepting, "
            "it starts that application (POST /referrals/{id}/start-application/)."
        ),
    )
    override_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "Supervisors only: why to refer although the project's matching rules do not "
            "admit the case (recorded on the referral and in the audit log)."
        ),
    )


class CloseSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Case.Outcome.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ConferenceSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    participants = serializers.ListField(child=serializers.CharField(max_length=100), min_length=1)
    decision = serializers.CharField()
    follow_ups = serializers.CharField(required=False, allow_blank=True, default="")


class ConsentInputSerializer(serializers.Serializer):
    scope = serializers.ChoiceField(choices=Consent.Scope.choices)
    method = serializers.ChoiceField(choices=Consent.Method.choices)
    given_by_name = serializers.CharField(max_length=64)


class IdentifierInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=HouseholdIdentifier.Kind.choices)
    value = serializers.CharField(
        max_length=64, help_text=_("The number as written on the card or document.")
    )
    label = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")


class ContactInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=64)
    relation = serializers.ChoiceField(choices=HouseholdContact.Relation.choices)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class NeedDraftSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=120)
    story = serializers.CharField()


class RejectSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=Referral.RejectReason.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CompleteSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Referral.Outcome.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField()


# ---- output ----


class CaseRowsSerializer(serializers.ListSerializer):
    """The case list is the hottest read (bench/cases_api.py): build its rows directly instead
    of field by field. ``test_fast_rows_match_the_declared_fields`` keeps the two identical."""

    ROW_VALUES = (
        "id", "number", "status", "category", "channel", "urgency", "is_emergency", "region_id",
        "region__name", "responsible_office_id", "responsible_office__name", "owner__username",
        "assessed_need_fen", "remaining_gap_fen", "needs_rematch", "reported_at", "next_due_at",
    )  # fmt: skip

    # Per child serializer class: its field names in order and its ``reported_at`` field.
    # Building a ModelSerializer's fields (deep copies, model introspection) took as long as
    # the rest of the serializing, and they are the same on every request.
    _layouts: dict[type, tuple[tuple[str, ...], serializers.Field]] = {}

    def _layout(self) -> tuple[tuple[str, ...], serializers.Field]:
        layout = self._layouts.get(type(self.child))
        if layout is None:
            fields = type(self.child)().fields
            layout = self._layouts[type(self.child)] = (tuple(fields), fields["reported_at"])
        return layout

    def to_representation(self, data):
        """``data``: cases, or the ``ROW_VALUES`` dicts of cases (no model objects to build)."""
        names, reported_at = self._layout()
        now = timezone.now()
        rows = []
        for case in data.all() if hasattr(data, "all") else data:
            v = case if isinstance(case, dict) else _row_values(case)
            row = {
                "id": v["id"],
                "number": v["number"],
                "status": v["status"],
                "category": v["category"],
                "channel": v["channel"],
                "urgency": v["urgency"],
                "is_emergency": v["is_emergency"],
                "region": v["region_id"],
                "region_name": v["region__name"],
                "responsible_office": v["responsible_office_id"],
                "responsible_office_name": v["responsible_office__name"],
                "owner": v["owner__username"],
                "assessed_need_fen": v["assessed_need_fen"],
                "remaining_gap_fen": v["remaining_gap_fen"],
                "needs_rematch": v["needs_rematch"],
                "is_overdue": v["next_due_at"] is not None and v["next_due_at"] < now,
                "reported_at": reported_at.to_representation(v["reported_at"]),
            }
            rows.append({name: row[name] for name in names})
        return rows


def _row_values(case: Case) -> dict:
    return {
        **{name: getattr(case, name) for name in CaseRowsSerializer.ROW_VALUES if "__" not in name},
        "region__name": case.region.name,
        "responsible_office__name": case.responsible_office.name,
        "owner__username": case.owner.username if case.owner_id else None,
    }


class CaseListSerializer(serializers.ModelSerializer):
    """No personal data in lists: names, phones and stories appear only on the case page."""

    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.name")
    responsible_office_name = serializers.CharField(source="responsible_office.name")
    owner = serializers.CharField(source="owner.username", allow_null=True, default=None)
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "status",
            "category",
            "channel",
            "urgency",
            "is_emergency",
            "region",
            "region_name",
            "responsible_office",
            "responsible_office_name",
            "owner",
            "assessed_need_fen",
            "remaining_gap_fen",
            "needs_rematch",
            "is_overdue",
            "reported_at",
        ]
        list_serializer_class = CaseRowsSerializer

    def get_is_overdue(self, case: Case) -> bool:
        """A step is past its deadline (next_due_at is the earliest unmet one)."""
        return case.next_due_at is not None and case.next_due_at < timezone.now()


class MemberSerializer(serializers.ModelSerializer):
    id_number = serializers.SerializerMethodField()

    class Meta:
        model = HouseholdMember
        fields = [
            "id",
            "name",
            "relation",
            "age",
            "has_disability",
            "has_serious_illness",
            "id_number",
        ]

    def get_id_number(self, member: HouseholdMember) -> str:
        """Masked: the first six and the last four characters; the full number is never sent."""
        from needs.crypto import masked_id_number

        return masked_id_number(member.id_number_encrypted)


class HouseholdIdentifierSerializer(serializers.ModelSerializer):
    value = serializers.SerializerMethodField()

    class Meta:
        model = HouseholdIdentifier
        fields = ["id", "kind", "label", "value", "recorded_at"]

    def get_value(self, identifier: HouseholdIdentifier) -> str:
        """Masked: only the last few characters; the full number is never sent."""
        from needs.crypto import masked_document_number

        return masked_document_number(identifier.value_encrypted)


class HouseholdContactSerializer(serializers.ModelSerializer):
    """A contact outside the household as the case page shows it: name and phone decrypted,
    the read recorded with the household's (HOUSEHOLD_FIELDS_SHOWN)."""

    name = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()

    class Meta:
        model = HouseholdContact
        fields = ["id", "relation", "name", "phone", "note", "recorded_at"]

    def get_name(self, contact: HouseholdContact) -> str:
        from needs.crypto import decrypt_personal

        return decrypt_personal(contact.name_encrypted)

    def get_phone(self, contact: HouseholdContact) -> str:
        from needs.crypto import decrypt_personal

        return decrypt_personal(contact.phone_encrypted)


class HouseholdContactMaskedSerializer(HouseholdContactSerializer):
    """The answer to recording a contact: masked, as an answer kept for a retried request is
    stored in clear (core.api.idempotency) and must not hold the name and phone."""

    def get_name(self, contact: HouseholdContact) -> str:
        from needs.anonymize import mask_name

        return mask_name(super().get_name(contact))

    def get_phone(self, contact: HouseholdContact) -> str:
        from needs.crypto import masked_phone

        return masked_phone(super().get_phone(contact))


class HouseholdSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.full_name")
    members = MemberSerializer(many=True)
    identifiers = HouseholdIdentifierSerializer(many=True)
    contacts = HouseholdContactSerializer(many=True)
    flags = serializers.SerializerMethodField()

    class Meta:
        model = Household
        fields = [
            "id",
            "region",
            "region_name",
            "township",
            "address_detail",
            "phone",
            "flags",
            "members",
            "identifiers",
            "contacts",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_flags(self, household: Household) -> list[str]:
        return [name for name in (*STATUS_FIELDS, *KEY_GROUP_FIELDS) if getattr(household, name)]


class ReliefGrantSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReliefGrant
        fields = [
            "id",
            "kind",
            "amount_fen",
            "in_kind",
            "goods_quantity",
            "goods_unit",
            "goods_value_fen",
            "status",
            "reason",
            "granted_by",
            "granted_at",
            "decided_by",
            "decided_at",
            "decision_reason",
            "paperwork_completed_at",
            "paid_via",
            "payment_reference",
            "paid_at",
        ]


class ReferralSerializer(serializers.ModelSerializer):
    """A referral as its receiver sees it: the case's number, category, county and gap, and
    no personal data (contact details have their own, consent-gated, logged endpoint)."""

    case_number = serializers.CharField(source="case.number")
    case_category = serializers.CharField(source="case.category")
    case_region = serializers.CharField(source="case.region_id")
    case_region_name = serializers.CharField(source="case.region.full_name")
    case_remaining_gap_fen = serializers.IntegerField(
        source="case.remaining_gap_fen", allow_null=True
    )
    to_organisation_name = serializers.CharField(source="to_organisation.name")
    # A missing reverse one-to-one reads as null (DRF returns None on ObjectDoesNotExist).
    assistance_application = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=_("The application the department started from the referral, if any."),
    )

    class Meta:
        model = Referral
        fields = [
            "id",
            "case",
            "case_number",
            "case_category",
            "case_region",
            "case_region_name",
            "case_remaining_gap_fen",
            "project",
            "to_organisation",
            "to_organisation_name",
            "status",
            "assistance_type",
            "assistance_application",
            "amount_requested_fen",
            "note",
            "emergency_reason",
            "requested_at",
            "answer_due_at",
            "answered_at",
            "reject_reason",
            "outcome",
            "outcome_reason",
            "finished_at",
        ]


class InboxReferralSerializer(ReferralSerializer):
    """A referral in the inbox. The caseworker's note and emergency reason reach a receiver
    who may not open the case (a charity) only through the anonymizer, with everything known
    about the household masked (needs.selectors.ReferralReading); staff who may open the case
    read them as written. Without a request to say who reads, they are anonymized."""

    note = serializers.SerializerMethodField()
    emergency_reason = serializers.SerializerMethodField()

    def reading(self):
        from needs.selectors import ReferralReading

        request = self.context.get("request")
        if "referral_reading" not in self.context:
            self.context["referral_reading"] = ReferralReading(
                request.user if request is not None else None
            )
        return self.context["referral_reading"]

    def get_note(self, referral: Referral) -> str:
        return self.reading().text(referral, "note")

    def get_emergency_reason(self, referral: Referral) -> str:
        return self.reading().text(referral, "emergency_reason")


class InboxReferralDetailSerializer(InboxReferralSerializer):
    """One referral, with the case's situation as the receiver reads it: the published
    need's story, else the narrative through the anonymizer; never the narrative itself."""

    story = serializers.SerializerMethodField(
        help_text=_("The case's situation, anonymized: names, numbers and addresses masked.")
    )

    class Meta(InboxReferralSerializer.Meta):
        fields = [*InboxReferralSerializer.Meta.fields, "story"]

    def get_story(self, referral: Referral) -> str:
        return self.reading().story(referral)


class DeadlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseDeadline
        fields = ["id", "step", "due_at", "met_at", "escalated_at", "referral", "relief_grant"]


class ConsentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Consent
        fields = [
            "id",
            "scope",
            "method",
            "given_by_name",
            "recorded_by",
            "recorded_at",
            "withdrawn_at",
        ]


class ConferenceSerializer2(serializers.ModelSerializer):
    class Meta:
        model = CaseConference
        fields = [
            "id",
            "held_on",
            "participants",
            "decision",
            "follow_ups",
            "recorded_by",
            "recorded_at",
        ]


class NeedSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.full_name")

    class Meta:
        model = Need
        fields = [
            "public_id",
            "title",
            "category",
            "region",
            "region_name",
            "remaining_gap_fen",
            "story",
            "status",
            "published_at",
        ]


class TimelineEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    actor = serializers.CharField(allow_null=True)
    action = serializers.CharField()
    changes = serializers.JSONField()


class CaseDetailSerializer(CaseListSerializer):
    household = HouseholdSerializer()
    relief_grants = ReliefGrantSerializer(many=True)
    referrals = ReferralSerializer(many=True)
    deadlines = DeadlineSerializer(many=True)
    consents = ConsentSerializer(many=True)
    conferences = ConferenceSerializer2(many=True)
    need = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()

    class Meta(CaseListSerializer.Meta):
        fields = [
            *CaseListSerializer.Meta.fields,
            "narrative",
            "outcome",
            "outcome_note",
            "accepted_at",
            "assessed_at",
            "closed_at",
            "household",
            "relief_grants",
            "referrals",
            "deadlines",
            "consents",
            "conferences",
            "need",
            "timeline",
        ]

    @extend_schema_field(NeedSerializer(allow_null=True))
    def get_need(self, case: Case):
        need = Need.objects.filter(case=case).select_related("region").first()
        return NeedSerializer(need).data if need else None

    @extend_schema_field(TimelineEntrySerializer(many=True))
    def get_timeline(self, case: Case) -> list[dict]:
        from needs.selectors import case_timeline

        return TimelineEntrySerializer(case_timeline(case), many=True).data


class PublicNeedSerializer(serializers.ModelSerializer):
    """The public form of a case: anonymized fields only."""

    id = serializers.UUIDField(source="public_id")
    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.full_name")

    class Meta:
        model = Need
        fields = [
            "id",
            "title",
            "category",
            "region",
            "region_name",
            "remaining_gap_fen",
            "story",
            "published_at",
        ]


class ContactDetailsSerializer(serializers.Serializer):
    head_name = serializers.CharField()
    phone = serializers.CharField()
    address = serializers.CharField()


class ReportResponseSerializer(serializers.Serializer):
    case = CaseDetailSerializer()
    warnings = serializers.ListField(child=serializers.DictField())
