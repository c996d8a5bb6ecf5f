"""Forms of the assistance-application screens: each feeds one service of
needs.services.assistance, which checks every rule (amounts typed in yuan become fen here)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from needs.admin_forms.actions import ServiceForm, YuanField, active_offices
from needs.models import (
    AssistanceApplication,
    AssistanceObjection,
    AssistanceType,
    CommunityReview,
)

DATE = {"type": "date"}


class ApplyForm(ServiceForm):
    type = forms.ChoiceField(label=_("assistance type"), choices=AssistanceType.choices)
    office = forms.ModelChoiceField(
        label=_("responsible office or department"), queryset=active_offices()
    )
    village = forms.CharField(label=_("village or community"), max_length=64, required=False)
    reason = forms.CharField(
        label=_("reason for applying"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.case is not None:
            codes = [*self.case.region.ancestor_codes, self.case.region_id]
            self.fields["office"].queryset = active_offices().filter(region_id__in=codes)
            self.fields["office"].initial = self.case.responsible_office_id
            # What the person asked for on the 我要求助 form, if they named it.
            online = getattr(self.case, "online_application", None)
            if online is not None and online.assistance_type:
                self.fields["type"].initial = online.assistance_type


class NoteForm(ServiceForm):
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommunityReviewForm(ServiceForm):
    kind = forms.ChoiceField(label=_("kind"), choices=CommunityReview.Kind.choices)
    held_on = forms.DateField(label=_("held on"), widget=forms.DateInput(attrs=DATE))
    participants = forms.CharField(
        label=_("participants"),
        help_text=_("One per line: role and name, for example 居民代表 陈红."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    result = forms.ChoiceField(label=_("result"), choices=CommunityReview.Result.choices)
    summary = forms.CharField(
        label=_("summary"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_participants(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["participants"].splitlines()]


class ReviewForm(ServiceForm):
    recommendation = forms.ChoiceField(
        label=_("recommendation"), choices=AssistanceApplication.Recommendation.choices
    )
    amount = YuanField(label=_("amount"), required=False)
    note = forms.CharField(
        label=_("note"),
        required=False,
        help_text=_("Required when you recommend refusing: the reasons."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NoticeForm(ServiceForm):
    days = forms.IntegerField(
        label=_("public notice period (days)"),
        required=False,
        help_text=_("Leave empty for the office's period."),
    )


class ObjectionForm(ServiceForm):
    received_on = forms.DateField(
        label=_("received on"), required=False, widget=forms.DateInput(attrs=DATE)
    )
    summary = forms.CharField(
        label=_("what the objection says"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ObjectionResolveForm(ServiceForm):
    item_field = "objection"
    objection = forms.ModelChoiceField(
        label=_("objection"),
        queryset=AssistanceObjection.objects.filter(resolution=""),
        widget=forms.HiddenInput,
    )
    resolution = forms.ChoiceField(
        label=_("resolution"), choices=AssistanceObjection.Resolution.choices
    )
    note = forms.CharField(label=_("findings"), widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(ServiceForm):
    starts_on = forms.DateField(
        label=_("assistance from"), required=False, widget=forms.DateInput(attrs=DATE)
    )
    ends_on = forms.DateField(
        label=_("assistance until"), required=False, widget=forms.DateInput(attrs=DATE)
    )
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RefuseForm(ServiceForm):
    reasons = forms.CharField(
        label=_("reasons for refusing"), widget=forms.Textarea(attrs={"rows": 3})
    )


class EndForm(ServiceForm):
    ends_on = forms.DateField(label=_("assistance until"), widget=forms.DateInput(attrs=DATE))
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))


class OfficeRuleForm(ServiceForm):
    """An office's rules for the procedure (services.assistance_office_rule_save)."""

    error_fields = {"handler_approval_limit_fen": "handler_approval_limit"}

    notice_days = forms.IntegerField(label=_("public notice period (days)"), min_value=1)
    notice_min_days = forms.IntegerField(
        label=_("shortest public notice period (days)"), min_value=1
    )
    handler_approval_limit = YuanField(
        label=_("highest amount the applicant's handler may approve"),
        allow_zero=True,
        help_text=_(
            "In yuan (元). Above it, someone other than the caseworker handling the application "
            "approves; 0: never the handler."
        ),
    )
    community_review_types = forms.MultipleChoiceField(
        label=_("types that need a community review"),
        choices=AssistanceType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
