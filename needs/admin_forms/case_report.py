"""The form that reports a case: office, household and up to four members on one page."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.jurisdiction import GOVERNMENT_ROLES
from core.models import Organisation, Region
from core.widgets import CountyField
from needs.admin_forms.actions import ServiceForm, active_offices
from needs.models import Case, HouseholdMember
from needs.models.households import KEY_GROUPS, Household
from needs.services.households import STATUS_FIELDS

EXTRA_MEMBER_ROWS = 3
MEMBER_RELATIONS = [
    (value, label)
    for value, label in HouseholdMember.Relation.choices
    if value != HouseholdMember.Relation.HEAD
]


def government_offices(user):
    """The active government offices and departments where ``user`` is caseworker or
    supervisor: the offices a case can be reported for."""
    return (
        active_offices()
        .filter(
            memberships__user=user,
            memberships__is_active=True,
            memberships__role__in=GOVERNMENT_ROLES,
        )
        .distinct()
    )


def counties_within(offices) -> QuerySet[Region]:
    """County-level regions inside the offices' regions (the office's own if it is a county)."""
    condition = Q(pk__in=[])
    for office in offices.select_related("region"):
        condition |= Q(path=office.region.path) | Q(path__startswith=office.region.path + "/")
    return Region.objects.filter(condition, level=Region.Level.COUNTY).order_by("code")


# A county picked in cascade within the user's offices' regions (core/widgets.py).
CountyChoiceField = CountyField


class CaseReportForm(ServiceForm):
    office = forms.ModelChoiceField(label=_("office"), queryset=Organisation.objects.none())
    # Online applications come only from the public form (needs.services.applications).
    channel = forms.ChoiceField(
        label=_("discovery channel"),
        choices=[c for c in Case.Channel.choices if c[0] != Case.Channel.ONLINE],
    )
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
