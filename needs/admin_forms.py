"""Forms of the cases back office (Wagtail admin).

Forms only read and convert input (amounts in yuan become fen); every rule is checked by the
service the view calls, and a rule broken there comes back onto the form by its field name.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.jurisdiction import GOVERNMENT_ROLES
from core.models import Organisation, Region
from core.money import yuan_to_fen
from needs.models import Case, Consent, HouseholdMember, Referral, ReliefGrant
from needs.models.households import KEY_GROUPS, Household
from needs.services.households import STATUS_FIELDS
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


# ---- the case list ----


class CaseFilterForm(forms.Form):
    number = forms.CharField(label=_("case number"), required=False, max_length=32)
    status = forms.ChoiceField(label=_("status"), required=False)
    category = forms.ChoiceField(label=_("category"), required=False)
    channel = forms.ChoiceField(label=_("discovery channel"), required=False)
    urgency = forms.ChoiceField(label=_("urgency"), required=False)
    overdue = forms.ChoiceField(label=_("has an overdue step"), required=False, choices=YES_NO)
    needs_rematch = forms.ChoiceField(label=_("needs a new match"), required=False, choices=YES_NO)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = _with_blank(Case.Status.choices)
        self.fields["category"].choices = _with_blank(Case.Category.choices)
        self.fields["channel"].choices = _with_blank(Case.Channel.choices)
        self.fields["urgency"].choices = _with_blank(Case.Urgency.choices)


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = _with_blank(Referral.Status.choices)


# ---- actions ----


class ServiceForm(forms.Form):
    """A form whose cleaned data goes to one service; the service's errors come back here."""

    # A service's field name -> this form's field name, where they differ.
    error_fields: dict[str, str] = {}
    # For forms acting on one row of the case page (a grant, a consent): its hidden field.
    item_field = ""

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
        offices = Organisation.objects.filter(
            is_active=True,
            kind__in=[Organisation.Kind.GOVERNMENT_OFFICE, Organisation.Kind.DEPARTMENT],
        )
        if self.case is not None:
            offices = offices.exclude(pk=self.case.responsible_office_id)
        self.fields["to_office"].queryset = offices.order_by("region_id", "name")


class AssessForm(ServiceForm):
    assessed_need = YuanField(label=_("assessed need"))
    remaining_gap = YuanField(
        label=_("remaining gap"),
        allow_zero=True,
        help_text=_("In yuan (元): what is still missing after other help; 0 if nothing."),
    )


class ReliefForm(ServiceForm):
    kind = forms.ChoiceField(label=_("kind"), choices=ReliefGrant.Kind.choices)
    amount = YuanField(label=_("amount"))
    in_kind = forms.CharField(
        label=_("in-kind relief"),
        required=False,
        max_length=200,
        help_text=_("Goods or services given, if any (for example: rice, quilts)."),
    )
    reason = forms.CharField(
        label=_("reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required above the office's ceiling: a supervisor decides (一事一议)."),
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
    amount_requested = YuanField(label=_("amount requested"), required=False)
    note = forms.CharField(
        label=_("note to the receiver"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("No names, ID numbers or phone numbers: the receiver sees this note."),
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


# ---- reporting a case ----

EXTRA_MEMBER_ROWS = 3
MEMBER_RELATIONS = [
    (value, label)
    for value, label in HouseholdMember.Relation.choices
    if value != HouseholdMember.Relation.HEAD
]


def government_offices(user):
    """The active government offices and departments where ``user`` is caseworker or
    supervisor: the offices a case can be reported for."""
    return Organisation.objects.filter(
        is_active=True,
        kind__in=[Organisation.Kind.GOVERNMENT_OFFICE, Organisation.Kind.DEPARTMENT],
        memberships__user=user,
        memberships__is_active=True,
        memberships__role__in=GOVERNMENT_ROLES,
    ).distinct()


def counties_within(offices) -> QuerySet[Region]:
    """County-level regions inside the offices' regions (the office's own if it is a county)."""
    condition = Q(pk__in=[])
    for office in offices.select_related("region"):
        condition |= Q(path=office.region.path) | Q(path__startswith=office.region.path + "/")
    return Region.objects.filter(condition, level=Region.Level.COUNTY).order_by("code")


class CountyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return obj.full_name


class CaseReportForm(ServiceForm):
    office = forms.ModelChoiceField(label=_("office"), queryset=Organisation.objects.none())
    channel = forms.ChoiceField(label=_("discovery channel"), choices=Case.Channel.choices)
    category = forms.ChoiceField(label=_("category"), choices=Case.Category.choices)
    narrative = forms.CharField(label=_("what happened"), widget=forms.Textarea(attrs={"rows": 5}))
    urgency = forms.TypedChoiceField(
        label=_("urgency"), choices=Case.Urgency.choices, coerce=int, initial=Case.Urgency.NORMAL
    )
    is_emergency = forms.BooleanField(
        label=_("emergency"),
        required=False,
        help_text=_("Allows advance relief (先行救助) before the assessment."),
    )
    county = CountyChoiceField(
        label=pgettext_lazy("place", "county"), queryset=Region.objects.none()
    )
    township = forms.CharField(label=_("township or street"), max_length=64, required=False)
    address_detail = forms.CharField(label=_("address"), max_length=200, required=False)
    phone = forms.CharField(label=_("phone"), max_length=32, required=False)
    head_name = forms.CharField(label=_("head of household: name"), max_length=64)
    head_id_number = forms.CharField(
        label=_("head of household: ID number"),
        max_length=32,
        required=False,
        help_text=_("Optional; 18 digits (or the old 15). Stored encrypted."),
    )
    head_age = forms.IntegerField(
        label=_("head of household: age"), required=False, min_value=0, max_value=130
    )
    head_has_disability = forms.BooleanField(
        label=_("head of household: disability"), required=False
    )
    head_has_serious_illness = forms.BooleanField(
        label=_("head of household: serious illness"), required=False
    )
    statuses = forms.MultipleChoiceField(
        label=_("household status"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(name, Household._meta.get_field(name).verbose_name) for name in STATUS_FIELDS],
    )
    key_groups = forms.MultipleChoiceField(
        label=_("key groups (八类重点对象)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=KEY_GROUPS,
    )

    error_fields = {
        "household.region": "county",
        "household.phone": "phone",
        "household.members": "head_name",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._row_of_member: dict[int, int] = {}
        offices = government_offices(self.user).order_by("name")
        self.fields["office"].queryset = offices
        if offices.count() == 1:
            self.fields["office"].initial = offices.first().pk
        counties = counties_within(offices)
        self.fields["county"].queryset = counties
        first_two = list(counties[:2])
        if len(first_two) == 1:
            self.fields["county"].initial = first_two[0].pk
        for index in range(1, EXTRA_MEMBER_ROWS + 1):
            number = {"number": index}
            self.fields[f"member{index}_name"] = forms.CharField(
                label=_("member %(number)s: name") % number, max_length=64, required=False
            )
            self.fields[f"member{index}_relation"] = forms.ChoiceField(
                label=_("member %(number)s: relation") % number,
                required=False,
                choices=[("", "---------"), *MEMBER_RELATIONS],
            )
            self.fields[f"member{index}_age"] = forms.IntegerField(
                label=_("member %(number)s: age") % number,
                required=False,
                min_value=0,
                max_value=130,
            )
            self.fields[f"member{index}_has_disability"] = forms.BooleanField(
                label=_("member %(number)s: disability") % number, required=False
            )
            self.fields[f"member{index}_has_serious_illness"] = forms.BooleanField(
                label=_("member %(number)s: serious illness") % number, required=False
            )

    def field_for_error(self, name: str) -> str | None:
        # Members are numbered as sent to the service: the head first, then the filled rows.
        parts = name.split(".")
        if len(parts) == 4 and parts[:2] == ["household", "members"] and parts[2].isdigit():
            row = self._row_of_member.get(int(parts[2]))
            if row is not None:
                prefix = "head" if row == 0 else f"member{row}"
                field = f"{prefix}_{parts[3]}"
                return field if field in self.fields else f"{prefix}_name"
        return super().field_for_error(name)

    def member_rows(self):
        """The extra member rows as lists of bound fields, for the template."""
        return [
            [
                self[f"member{index}_{attribute}"]
                for attribute in (
                    "name",
                    "relation",
                    "age",
                    "has_disability",
                    "has_serious_illness",
                )
            ]
            for index in range(1, EXTRA_MEMBER_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        for index in range(1, EXTRA_MEMBER_ROWS + 1):
            name = (data.get(f"member{index}_name") or "").strip()
            relation = data.get(f"member{index}_relation")
            filled = relation or data.get(f"member{index}_age") is not None
            if name and not relation:
                self.add_error(f"member{index}_relation", _("Choose the member's relation."))
            elif filled and not name:
                self.add_error(
                    f"member{index}_name", _("Enter the member's name or leave the row empty.")
                )
        return data

    def members(self):
        """MemberInput-ready dicts: the head first, then the filled rows (and their row number
        on the form, so that a service error lands on the right row)."""
        data = self.cleaned_data
        members = [
            {
                "name": data["head_name"],
                "relation": HouseholdMember.Relation.HEAD,
                "age": data.get("head_age"),
                "id_number": (data.get("head_id_number") or "").strip(),
                "has_disability": data.get("head_has_disability", False),
                "has_serious_illness": data.get("head_has_serious_illness", False),
            }
        ]
        self._row_of_member = {0: 0}
        for index in range(1, EXTRA_MEMBER_ROWS + 1):
            name = (data.get(f"member{index}_name") or "").strip()
            if not name:
                continue
            self._row_of_member[len(members)] = index
            members.append(
                {
                    "name": name,
                    "relation": data[f"member{index}_relation"],
                    "age": data.get(f"member{index}_age"),
                    "has_disability": data.get(f"member{index}_has_disability", False),
                    "has_serious_illness": data.get(f"member{index}_has_serious_illness", False),
                }
            )
        return members

    def flags(self) -> dict[str, bool]:
        return dict.fromkeys(
            [*self.cleaned_data.get("statuses", []), *self.cleaned_data.get("key_groups", [])],
            True,
        )
