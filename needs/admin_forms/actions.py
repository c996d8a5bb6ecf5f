"""The list filters, and the forms of the actions on a case and of the answers to a referral."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import form_tokens
from core.models import Organisation
from core.money import yuan_to_fen
from needs.models import (
    AssistanceType,
    Case,
    Consent,
    HouseholdContact,
    HouseholdIdentifier,
    Referral,
    ReliefGrant,
)
from needs.selectors import user_is_supervisor_for
from projects.conditions import DISABILITY_GRADES, DISABILITY_KINDS, Condition, Sex
from projects.models import Project

YES_NO = [("", _("all")), ("yes", _("yes")), ("no", _("no"))]


def _with_blank(choices) -> list[tuple[str, str]]:
    return [("", _("all")), *[(str(value), label) for value, label in choices]]


class YuanField(forms.Field):
    """An amount typed in yuan ("1234.5", "1,234.50"), cleaned to an integer number of fen.

    Zero is refused unless ``allow_zero``; negative amounts and more than two decimals always.
    """

    widget = forms.TextInput

    def __init__(self, *, allow_zero: bool = False, **kwargs):
        self.allow_zero = allow_zero
        kwargs.setdefault("help_text", _("In yuan (元), for example 1200 or 1,250.50."))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        return attrs

    def to_python(self, value):
        if value is None or not str(value).strip():
            return None
        fen = yuan_to_fen(str(value))
        if fen == 0 and not self.allow_zero:
            raise ValidationError(_("The amount must be greater than zero."), code="min_value")
        return fen


def active_offices() -> QuerySet[Organisation]:
    """Government offices and departments still at work: where a case can go."""
    return Organisation.objects.filter(
        is_active=True,
        kind__in=[Organisation.Kind.GOVERNMENT_OFFICE, Organisation.Kind.DEPARTMENT],
    )


# ---- the case list ----


# ---- actions ----


class ServiceForm(forms.Form):
    """A form whose cleaned data goes to one service; the service's errors come back here."""

    # A service's field name -> this form's field name, where they differ.
    error_fields: dict[str, str] = {}
    # For forms acting on one row of the case page (a grant, a consent): its hidden field.
    item_field = ""
    # A fresh token in every rendered form: the same form posted twice (a double click, a
    # resent request) acts once (core.form_tokens, spent by admin_views.common.call_service).
    submission = form_tokens.token_field()

    def __init__(self, *args, case: Case | None = None, user=None, **kwargs):
        self.case, self.user = case, user
        super().__init__(*args, **kwargs)

    def field_for_error(self, name: str) -> str | None:
        name = self.error_fields.get(name, name)
        if name in self.fields:
            return name
        short = name.removesuffix("_fen")
        return short if short in self.fields else None

    def add_service_error(self, error: ValidationError) -> None:
        """Put a service's ValidationError on the fields it names (or on the whole form)."""
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                field = None if name == NON_FIELD_ERRORS else self.field_for_error(name)
                self.add_error(field, errors)
        else:
            self.add_error(None, error.error_list)

    def error_texts(self) -> list[str]:
        """Every error as one line, prefixed with its field's label: for the messages bar."""
        texts = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else None
            for message in errors:
                texts.append(f"{label}: {message}" if label else str(message))
        return texts


class EmptyForm(ServiceForm):
    """An action that takes no input (accept, publish...)."""


class HandoverForm(ServiceForm):
    to_office = forms.ModelChoiceField(
        label=_("hand over to"), queryset=Organisation.objects.none()
    )
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offices = active_offices()
        if self.case is not None:
            # Within the province of the case's county: the service checks the rest of the
            # reach (needs.services.handovers.handover_reach_refusal) and names it.
            province = self.case.region.path.split("/")[0]
            offices = offices.exclude(pk=self.case.responsible_office_id).filter(
                Q(region_id=province) | Q(region__path__startswith=province + "/")
            )
        self.fields["to_office"].queryset = offices.order_by("region_id", "name")


class _AssessAmountsForm(ServiceForm):
    assessed_need = YuanField(label=_("assessed need"))
    assessed_gap = YuanField(
        label=_("gap at assessment"),
        allow_zero=True,
        help_text=_(
            "In yuan (元): what the household's own means, insurance and other schemes leave "
            "uncovered; 0 if nothing. Do not take off the relief recorded here or charity "
            "money: the remaining gap subtracts them by itself."
        ),
    )


def _blank_first(choices) -> list[tuple[str, str]]:
    return [("", _("not recorded")), *choices]


class AssessForm(_AssessAmountsForm):
    """The assessment with the patient's facts that projects' structured limits read
    (search.policy): each optional, and one left empty keeps what was recorded."""

    condition = forms.ChoiceField(
        label=_("condition category"),
        required=False,
        choices=_blank_first(
            [(c, label) for c, label in Condition.choices if c not in DISABILITY_KINDS]
        ),
        help_text=_("A category, never the diagnosis: what charity projects name."),
    )
    patient_id_number = forms.CharField(
        label=_("patient's ID number"),
        required=False,
        max_length=18,
        help_text=_("Read for the age and sex only, never stored."),
    )
    patient_age = forms.IntegerField(
        label=_("patient's age"), required=False, min_value=0, max_value=150
    )
    patient_sex = forms.ChoiceField(
        label=_("patient's sex"), required=False, choices=_blank_first(Sex.choices)
    )
    disability_kind = forms.ChoiceField(
        label=_("patient's kind of disability"),
        required=False,
        choices=_blank_first(
            [(c, label) for c, label in Condition.choices if c in DISABILITY_KINDS]
        ),
    )
    disability_grade = forms.TypedChoiceField(
        label=_("patient's disability grade"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=_blank_first([(str(g), str(g)) for g in DISABILITY_GRADES]),
        help_text=_("1 is the most severe."),
    )
    hukou_elsewhere = forms.NullBooleanField(
        label=_("household registered (户籍) outside the case's county"),
        required=False,
    )

    @staticmethod
    def facts_of(data: dict) -> dict:
        """The facts typed (cleaned data), for the service: an empty one is None, which the
        service reads as "keep what was recorded"."""
        names = (
            "condition",
            "patient_id_number",
            "patient_age",
            "patient_sex",
            "disability_kind",
            "disability_grade",
            "hukou_elsewhere",
        )
        return {
            name: data.get(name) if data.get(name) not in ("", None) else None for name in names
        }


class ReliefForm(ServiceForm):
    kind = forms.ChoiceField(label=_("kind"), choices=ReliefGrant.Kind.choices)
    amount = YuanField(
        label=_("amount"),
        allow_zero=True,
        required=False,
        help_text=_("The cash given, in yuan (元); 0 or empty when only goods are given."),
    )
    in_kind = forms.CharField(
        label=_("in-kind relief"),
        required=False,
        max_length=200,
        help_text=_("Goods given, if any (for example: rice, quilts)."),
    )
    goods_quantity = forms.IntegerField(label=_("quantity of goods"), required=False, min_value=1)
    goods_unit = forms.CharField(
        label=_("unit of the goods"),
        required=False,
        max_length=20,
        help_text=_("For example: bags, pieces."),
    )
    goods_value = YuanField(
        label=_("value of the goods"),
        allow_zero=True,
        required=False,
        help_text=_("In yuan (元): the goods' value for the accounts."),
    )
    reason = forms.CharField(
        label=_("reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required above the office's ceiling: a supervisor decides (一事一议)."),
    )
    paid_via = forms.ChoiceField(
        label=_("paid via"),
        required=False,
        choices=[("", "---------"), *ReliefGrant.PaidVia.choices],
        help_text=_(
            "Cash relief is paid from the office's relief budget; if already paid, say how."
        ),
    )
    payment_reference = forms.CharField(
        label=_("proof of payment"),
        required=False,
        max_length=100,
        help_text=_("The bank or card transaction number, or the receipt number."),
    )


class DecideForm(ServiceForm):
    APPROVE, REFUSE = "approve", "refuse"
    item_field = "grant"

    grant = forms.ModelChoiceField(
        label=_("relief grant"), queryset=ReliefGrant.objects.none(), widget=forms.HiddenInput
    )
    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[(APPROVE, _("approve")), (REFUSE, _("refuse"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("reason for the decision"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case is not None:
            self.fields["grant"].queryset = self.case.relief_grants.filter(
                status=ReliefGrant.Status.PENDING_APPROVAL
            )


class PaperworkForm(ServiceForm):
    item_field = "grant"
    grant = forms.ModelChoiceField(
        label=_("relief grant"), queryset=ReliefGrant.objects.none(), widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case is not None:
            self.fields["grant"].queryset = self.case.relief_grants.filter(
                kind=ReliefGrant.Kind.ADVANCE
            )


class ProjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Project) -> str:
        return f"{obj.title} · {obj.organisation.name}"


class ReferForm(ServiceForm):
    project = ProjectChoiceField(
        label=_("charity project"),
        required=False,
        queryset=Project.objects.none(),
        empty_label=_("(none: refer to a department)"),
    )
    department = forms.ModelChoiceField(
        label=_("or a functional department"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("(none)"),
        help_text=_("Coordinated handling (协同办理): choose either a project or a department."),
    )
    assistance_type = forms.ChoiceField(
        label=_("assistance to consider"),
        required=False,
        choices=[("", _("(none)")), *AssistanceType.choices],
        help_text=_(
            "With a department only: the assistance it is asked to consider; accepting, it "
            "starts that application for the household."
        ),
    )
    amount_requested = YuanField(
        label=_("amount requested"),
        required=False,
        help_text=_(
            "In yuan (元): what you ask the charity project to cover (required for a project)."
        ),
    )
    note = forms.CharField(
        label=_("note to the receiver"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("No names, ID numbers or phone numbers: the receiver sees this note."),
    )
    override_reason = forms.CharField(
        label=_("reason for overriding the matching rules"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Supervisors only, when the project's rules (category, region, eligibility) do "
            "not admit the case: why it should go there anyway. Recorded."
        ),
    )
    emergency_reason = forms.CharField(
        label=_("emergency reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only when referring before relief was given (先救助、后补办手续): say why it "
            "cannot wait."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = (
            Project.objects.filter(status=Project.Status.OPEN)
            .select_related("organisation")
            .order_by("organisation__name", "title")
        )
        self.fields["department"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.DEPARTMENT, is_active=True
        ).order_by("name")
        if self.case is None or not user_is_supervisor_for(self.user, self.case):
            del self.fields["override_reason"]  # only a supervisor may override

    def clean(self):
        data = super().clean()
        if data.get("project") and not data.get("amount_requested"):
            self.add_error(
                "amount_requested",
                ValidationError(
                    _("Say how much you ask the project to cover, in yuan."), code="required"
                ),
            )
        return data


class ConferenceForm(ServiceForm):
    held_on = forms.DateField(
        label=_("held on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    participants = forms.CharField(
        label=_("participants"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: department or organisation and name, at least two."),
    )
    decision = forms.CharField(label=_("decision"), widget=forms.Textarea(attrs={"rows": 3}))
    follow_ups = forms.CharField(
        label=_("follow-ups"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_participants(self) -> list[str]:
        lines = self.cleaned_data["participants"].splitlines()
        return [line.strip() for line in lines if line.strip()]


class ConsentForm(ServiceForm):
    scope = forms.ChoiceField(label=_("consent to"), choices=Consent.Scope.choices)
    method = forms.ChoiceField(label=_("how it was given"), choices=Consent.Method.choices)
    given_by_name = forms.CharField(
        label=_("given by"),
        max_length=64,
        help_text=_("The person who consented (the head of household or their guardian)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case is not None:
            active = set(
                self.case.consents.filter(withdrawn_at__isnull=True).values_list("scope", flat=True)
            )
            self.fields["scope"].choices = [
                (value, label) for value, label in Consent.Scope.choices if value not in active
            ]


class ConsentWithdrawForm(ServiceForm):
    item_field = "consent"
    consent = forms.ModelChoiceField(
        label=_("consent"), queryset=Consent.objects.none(), widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case is not None:
            self.fields["consent"].queryset = self.case.consents.filter(withdrawn_at__isnull=True)


class IdentifierForm(ServiceForm):
    kind = forms.ChoiceField(label=_("kind"), choices=HouseholdIdentifier.Kind.choices)
    value = forms.CharField(
        label=_("number"),
        max_length=64,
        help_text=_(
            "As written on the card or document. Stored encrypted; pages show only its last "
            "characters."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    label = forms.CharField(
        label=_("label"),
        max_length=64,
        required=False,
        help_text=_("Which card or document, without names (for example: 农业银行工资卡)."),
    )


class IdentifierRemoveForm(ServiceForm):
    item_field = "identifier"
    identifier = forms.ModelChoiceField(
        label=_("bank card or document number"),
        queryset=HouseholdIdentifier.objects.none(),
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case is not None:
            self.fields["identifier"].queryset = self.case.household.identifiers.all()


class ContactForm(ServiceForm):
    name = forms.CharField(label=pgettext_lazy("person", "name"), max_length=64)
    relation = forms.ChoiceField(label=_("relation"), choices=HouseholdContact.Relation.choices)
    phone = forms.CharField(label=_("phone"), max_length=32, required=False)
    note = forms.CharField(
        label=_("note"),
        max_length=200,
        required=False,
        help_text=_("For example: lives next door, has a key; calls the household every week."),
    )


class ContactRemoveForm(ServiceForm):
    item_field = "contact"
    contact = forms.ModelChoiceField(
        label=_("contact outside the household"),
        queryset=HouseholdContact.objects.none(),
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case is not None:
            self.fields["contact"].queryset = self.case.household.contacts.all()


class NeedEditForm(ServiceForm):
    title = forms.CharField(label=_("title"), max_length=120)
    story = forms.CharField(label=_("story"), widget=forms.Textarea(attrs={"rows": 6}))


class CloseForm(ServiceForm):
    outcome = forms.ChoiceField(label=_("outcome"), choices=Case.Outcome.choices)
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


# ---- referral answers ----


class RejectForm(ServiceForm):
    reason = forms.ChoiceField(
        label=_("reason for declining"), choices=Referral.RejectReason.choices
    )
    note = forms.CharField(
        label=_("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the reason is “other”."),
    )


class CompleteForm(ServiceForm):
    outcome = forms.ChoiceField(label=_("outcome"), choices=Referral.Outcome.choices)
    reason = forms.CharField(
        label=_("reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the need was not resolved."),
    )


class CancelForm(ServiceForm):
    reason = forms.CharField(
        label=_("reason for cancelling"), widget=forms.Textarea(attrs={"rows": 2})
    )
