"""Forms of the projects back office. They only read and convert input (yuan become fen, regions
picked become Region rows); every rule is checked by the service the view calls, and a rule broken
there comes back onto the form by its field name."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from core import form_tokens
from core.models import Organisation
from core.widgets import RegionsField
from needs.admin_forms import YuanField
from projects import eligibility
from projects.conditions import DISABILITY_GRADES, Condition, Sex
from projects.models import Project

# The services' amount fields are in fen; the form's in yuan.
FORM_FIELDS_OF_SERVICE = {"per_case_cap_fen": "per_case_cap", "budget_target_fen": "budget_target"}


def fen_as_yuan_text(fen: int | None) -> str:
    """An amount in fen as the form shows it in yuan ("5000.00"), exactly."""
    if fen is None:
        return ""
    yuan, cents = divmod(fen, 100)
    return f"{yuan}.{cents:02d}"


class ProjectForm(forms.Form):
    """Post or edit a project. ``organisation`` is asked only when posting, and only when the
    user runs projects for more than one charity."""

    organisation = forms.ModelChoiceField(
        label=_("charity"), queryset=Organisation.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("title"), max_length=200)
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    categories = forms.MultipleChoiceField(
        label=_("categories covered"),
        required=False,
        choices=eligibility.category_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    regions = RegionsField(
        label=_("regions covered"),
        help_text=_(
            "Pick a province, a city or a county and press Add; a province or city covers "
            "every county in it. Add as many as the project serves."
        ),
    )
    eligible_statuses = forms.MultipleChoiceField(
        label=_("eligible household statuses"),
        required=False,
        choices=eligibility.household_status_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty if the household's status does not matter."),
    )
    eligible_key_groups = forms.MultipleChoiceField(
        label=_("eligible key groups"),
        required=False,
        choices=eligibility.key_group_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty if the project is not limited to key groups (八类重点对象)."),
    )
    age_min = forms.IntegerField(
        label=_("youngest patient age"), required=False, min_value=0, max_value=150
    )
    age_max = forms.IntegerField(
        label=_("oldest patient age"), required=False, min_value=0, max_value=150
    )
    sex = forms.ChoiceField(
        label=_("patient's sex"),
        required=False,
        choices=[("", _("either")), *Sex.choices],
    )
    conditions = forms.MultipleChoiceField(
        label=_("conditions covered"),
        required=False,
        choices=Condition.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty if the project is not limited to certain conditions."),
    )
    disability_grade_max = forms.TypedChoiceField(
        label=_("disability grade required"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("no limit")), *((g, str(g)) for g in DISABILITY_GRADES)],
    )
    requires_local_hukou = forms.BooleanField(
        label=_("household registration (户籍) in the project's regions required"),
        required=False,
    )
    eligibility_note = forms.CharField(
        label=_("other eligibility conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    per_case_cap = YuanField(label=_("per-case cap"), required=False)
    budget_target = YuanField(label=_("budget target"), required=False)
    accepts_partial_funding = forms.BooleanField(
        label=_("may fund part of a case's gap"), required=False, initial=True
    )
    filing_number = forms.CharField(
        label=_("fundraising plan filing number"),
        max_length=64,
        required=False,
        help_text=_(
            "募捐方案备案编号, as shown on 慈善中国. Without a filing the public cannot give."
        ),
    )
    filing_starts_on = forms.DateField(
        label=_("fundraising period from"),
        required=False,
        widget=forms.DateInput({"type": "date"}),
    )
    filing_ends_on = forms.DateField(
        label=_("fundraising period until"),
        required=False,
        widget=forms.DateInput({"type": "date"}),
    )
    # A service project or volunteer team gives places, not money (projects.capacity).
    kind = forms.ChoiceField(
        label=_("kind of project"),
        choices=Project.Kind.choices,
        initial=Project.Kind.FUNDS,
        required=False,
    )
    service_type = forms.ChoiceField(
        label=_("service"),
        required=False,
        choices=[("", "---------"), *Project.ServiceType.choices],
    )
    skills = forms.CharField(
        label=_("skills"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the team's people can do, one skill a line (for example: 心理咨询师)."),
    )
    places_per_period = forms.IntegerField(
        label=_("places per period"), required=False, min_value=1
    )
    capacity_period = forms.ChoiceField(
        label=_("capacity period"),
        choices=Project.Period.choices,
        initial=Project.Period.MONTH,
        required=False,
    )
    # A fresh token in every rendered form: the same form posted twice acts once
    # (core.form_tokens).
    submission = form_tokens.token_field()

    def __init__(self, *args, charities=None, project: Project | None = None, **kwargs):
        if project is not None:
            kwargs.setdefault("initial", self.initial_for(project))
        super().__init__(*args, **kwargs)
        self.project = project
        if project is not None:
            del self.fields["organisation"]
            del self.fields["kind"]  # a project does not change kind once posted
        else:
            self.fields["organisation"].queryset = charities
            self.only_charity = charities.get() if charities.count() == 1 else None
            if self.only_charity is not None:
                self.fields["organisation"].initial = self.only_charity
                self.fields["organisation"].required = False
                self.fields["organisation"].widget = forms.HiddenInput()

    def clean_organisation(self):
        return self.cleaned_data.get("organisation") or self.only_charity

    @staticmethod
    def initial_for(project: Project) -> dict:
        return {
            "title": project.title,
            "description": project.description,
            "categories": project.categories,
            "regions": [region.code for region in project.regions.all()],
            "eligible_statuses": project.eligible_statuses,
            "eligible_key_groups": project.eligible_key_groups,
            "eligibility_note": project.eligibility_note,
            "age_min": project.age_min,
            "age_max": project.age_max,
            "sex": project.sex,
            "conditions": project.conditions,
            "disability_grade_max": project.disability_grade_max,
            "requires_local_hukou": project.requires_local_hukou,
            "per_case_cap": fen_as_yuan_text(project.per_case_cap_fen),
            "budget_target": fen_as_yuan_text(project.budget_target_fen),
            "accepts_partial_funding": project.accepts_partial_funding,
            "filing_number": project.filing_number,
            "filing_starts_on": project.filing_starts_on,
            "filing_ends_on": project.filing_ends_on,
            "service_type": project.service_type,
            "skills": "\n".join(project.skills),
            "places_per_period": project.places_per_period,
            "capacity_period": project.capacity_period,
        }

    def service_fields(self) -> dict:
        """The cleaned data as the services take it (amounts in fen, no form-only fields)."""
        data = dict(self.cleaned_data)
        data.pop("submission", None)
        data.pop("organisation", None)
        data["per_case_cap_fen"] = data.pop("per_case_cap")
        data["budget_target_fen"] = data.pop("budget_target")
        data["skills"] = [line for line in data["skills"].splitlines() if line.strip()]
        data["capacity_period"] = data["capacity_period"] or Project.Period.MONTH
        if "kind" in data:
            data["kind"] = data["kind"] or Project.Kind.FUNDS
        return data

    def add_service_error(self, error: ValidationError) -> None:
        """Put a service's ValidationError on the fields it names (or on the whole form)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.error_list)
            return
        for name, errors in error.error_dict.items():
            field = FORM_FIELDS_OF_SERVICE.get(name, name)
            self.add_error(
                field if name != NON_FIELD_ERRORS and field in self.fields else None, errors
            )

    def error_texts(self) -> list[str]:
        """Every error as one line, prefixed with its field's label: for the messages bar."""
        texts = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else None
            texts.extend(f"{label}: {message}" if label else str(message) for message in errors)
        return texts


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Project.Status.choices, widget=forms.HiddenInput)


class ProgressUpdateForm(forms.Form):
    """Write a progress update (执行反馈) of a project; the service checks the text."""

    date = forms.DateField(
        label=_("date"),
        # ISO, whatever the language: a date input shows nothing for any other format.
        widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
        help_text=_("When the work you report happened."),
    )
    text = forms.CharField(
        label=_("text"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What was done, for how many families, what comes next. Everyone can read it: "
            "no names, ID numbers, phone numbers or addresses (write 张某, or 一户家庭)."
        ),
    )
    is_published = forms.BooleanField(
        label=_("publish on the project's public page"), required=False, initial=True
    )
    submission = form_tokens.token_field()

    def add_service_error(self, error: ValidationError) -> None:
        """Put a service's ValidationError on the field it names (or on the whole form)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.error_list)
            return
        for name, errors in error.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)

    def error_texts(self) -> list[str]:
        texts = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else None
            texts.extend(f"{label}: {message}" if label else str(message) for message in errors)
        return texts


class StockForm(forms.Form):
    """A base for the supermarket's stock forms: a service's refusal comes back on the field
    it names, and a repeated post acts once."""

    submission = form_tokens.token_field()

    def __init__(self, *args, supermarket=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "item" in self.fields and supermarket is not None:
            self.fields["item"].queryset = supermarket.items.all()

    add_service_error = ProgressUpdateForm.add_service_error
    error_texts = ProgressUpdateForm.error_texts


class ReceiveForm(StockForm):
    item = forms.ModelChoiceField(label=_("goods"), queryset=None)
    quantity = forms.IntegerField(label=_("quantity"))
    donor_name = forms.CharField(label=_("donor"), max_length=200)
    note = forms.CharField(label=_("note"), max_length=300, required=False)


class IssueForm(StockForm):
    item = forms.ModelChoiceField(label=_("goods"), queryset=None)
    quantity = forms.IntegerField(label=_("quantity"))
    relief_grant = forms.IntegerField(
        label=_("relief decision number"),
        required=False,
        help_text=_("The number of the relief in goods the goods are issued against."),
    )
    referral = forms.IntegerField(
        label=_("referral number"),
        required=False,
        help_text=_("Or the number of the referral accepted by this organisation."),
    )
    note = forms.CharField(label=_("note"), max_length=300, required=False)


class CountForm(StockForm):
    item = forms.ModelChoiceField(label=_("goods"), queryset=None)
    counted_quantity = forms.IntegerField(label=_("quantity counted"))
    note = forms.CharField(
        label=_("note"),
        max_length=300,
        required=False,
        help_text=_("Required when the count differs from the books: say why."),
    )


class GoodsItemForm(StockForm):
    name = forms.CharField(label=_("goods"), max_length=100)
    unit = forms.CharField(label=_("unit"), max_length=20)
    unit_value = YuanField(
        label=_("value of one unit"),
        allow_zero=True,
        help_text=_("In yuan (元), for the accounts."),
    )


class OfferForm(ProgressUpdateForm):
    """Offer help for one of the project's matched needs (needs.services.offers.offer_create):
    the need is named by the case's id in a hidden field, the amount typed in yuan."""

    date = text = is_published = None
    case = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    amount = YuanField(
        label=_("amount offered"),
        help_text=_("In yuan (元): at most the need's remaining gap and the project's cap."),
    )
    note = forms.CharField(
        label=_("note to the caseworker"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the project would do for the household, and how soon."),
    )

    def add_service_error(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict") and "amount_fen" in error.error_dict:
            error.error_dict["amount"] = error.error_dict.pop("amount_fen")
        super().add_service_error(error)
