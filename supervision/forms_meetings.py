"""Forms of the joint-meeting screens: each validates its input and hands it to one service
(supervision.services_meetings); each carries a one-time token (core.form_tokens)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.jurisdiction import DEPARTMENT_ROLES
from core.models import Membership, Organisation, User
from needs.admin_forms import ServiceForm
from supervision.models import JointMeetingMechanism
from supervision.selectors_meetings import cases_to_discuss
from supervision.services_meetings import (
    departments_joinable,
    is_government_member,
    is_office_supervisor,
)

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CaseChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, case) -> str:
        # The case number and its category: never the household (DESIGN.md 7.1).
        return f"{case.number} · {case.get_category_display()}"


class MechanismCreateForm(ServiceForm):
    office = forms.ModelChoiceField(
        label=_("convening office"), queryset=Organisation.objects.none()
    )
    name = forms.CharField(label=_("name"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offices = Organisation.objects.filter(
            kind=Organisation.Kind.GOVERNMENT_OFFICE,
            joint_meeting_mechanism__isnull=True,
            memberships__user=self.user,
            memberships__role=Membership.Role.SUPERVISOR,
            memberships__is_active=True,
        ).distinct()
        self.fields["office"].queryset = offices


class MemberAddForm(ServiceForm):
    department = forms.ModelChoiceField(
        label=_("member unit"), queryset=Organisation.objects.none()
    )
    contact = forms.ModelChoiceField(label=_("contact person"), queryset=User.objects.none())

    def __init__(self, *args, mechanism: JointMeetingMechanism, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the departments of the office's jurisdiction and their staff: the country's
        # other departments and the names of their staff are not the office's to read.
        joinable = departments_joinable(mechanism)
        self.fields["department"].queryset = joinable.exclude(
            joint_meeting_memberships__mechanism=mechanism
        )
        # The service checks the contact belongs to the chosen one.
        self.fields["contact"].queryset = (
            User.objects.filter(
                is_active=True,
                memberships__role__in=list(DEPARTMENT_ROLES),
                memberships__is_active=True,
                memberships__organisation__in=joinable,
            )
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        self.fields["contact"].label_from_instance = lambda u: u.get_full_name() or u.username


class ConveneForm(ServiceForm):
    mechanism = forms.ModelChoiceField(
        label=_("joint-meeting mechanism"), queryset=JointMeetingMechanism.objects.none()
    )
    title = forms.CharField(label=_("title"), max_length=200)
    held_at = forms.DateTimeField(label=_("held at"), widget=_DATETIME)
    place = forms.CharField(label=_("place"), max_length=200)
    agenda = forms.CharField(label=_("agenda"), widget=forms.Textarea(attrs={"rows": 4}))
    cases = CaseChoices(
        label=_("cases"),
        queryset=None,
        required=False,
        help_text=_(
            "Only cases of your jurisdiction; departments read them without personal data."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mechanisms = [
            m.pk
            for m in JointMeetingMechanism.objects.select_related("office")
            if is_government_member(self.user, m.office_id)
        ]
        self.fields["mechanism"].queryset = JointMeetingMechanism.objects.filter(pk__in=mechanisms)
        if len(mechanisms) == 1:
            self.fields["mechanism"].initial = mechanisms[0]
        self.fields["cases"].queryset = cases_to_discuss(self.user)


class AnswerForm(ServiceForm):
    attending = forms.TypedChoiceField(
        label=_("answer"),
        choices=[("yes", _("will attend")), ("no", _("cannot attend"))],
        coerce=lambda v: v == "yes",
    )
    note = forms.CharField(label=_("note"), max_length=200, required=False)


class AttendanceForm(ServiceForm):
    present = forms.ModelMultipleChoiceField(
        label=_("units present"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = Organisation.objects.filter(
            pk__in=meeting.invitations.values("department_id")
        )


class DecisionForm(ServiceForm):
    case = forms.ModelChoiceField(label=_("case"), queryset=None, required=False)
    text = forms.CharField(label=_("decision"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = meeting.cases.all()
        self.fields["case"].label_from_instance = lambda c: c.number


class TaskAssignForm(ServiceForm):
    decision = forms.ModelChoiceField(label=_("decision"), queryset=None)
    unit = forms.ModelChoiceField(label=_("member unit"), queryset=Organisation.objects.none())
    description = forms.CharField(label=_("what to do"), widget=forms.Textarea(attrs={"rows": 2}))
    due_on = forms.DateField(label=_("due on"), widget=_DATE)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = meeting.decisions.all()
        self.fields["decision"].label_from_instance = lambda d: d.text[:60]
        self.fields["unit"].queryset = Organisation.objects.filter(
            pk__in=meeting.invitations.values("department_id")
        )


class TaskDoneForm(ServiceForm):
    note = forms.CharField(label=_("what was done"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(ServiceForm):
    summary = forms.CharField(
        label=_("closing summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


__all__ = [
    "AnswerForm",
    "AttendanceForm",
    "CloseForm",
    "ConveneForm",
    "DecisionForm",
    "MechanismCreateForm",
    "MemberAddForm",
    "TaskAssignForm",
    "TaskDoneForm",
    "is_office_supervisor",
]
