"""Typical cases (典型个案): the collection per office and period for the report to the
province, and the form that marks a case as typical (one service, needs.services.typical_cases).
Only the anonymized summary is shown."""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from core.admin_lists import RoleListView
from core.jurisdiction import GOVERNMENT_ROLES, has_role
from needs.admin_forms.actions import ServiceForm
from needs.admin_views.common import (
    CASE_ROLES,
    call_service,
    error_summary,
    forbidden,
)
from needs.admin_views.listing import Column, link, when
from needs.filtersets import TypicalCaseFilterSet
from needs.models import TypicalCase
from needs.selectors import cases_visible_to
from needs.selectors_typical import typical_cases
from needs.services.typical_cases import typical_case_mark


class TypicalMarkForm(ServiceForm):
    case_number = forms.CharField(label=gettext_lazy("case number"), max_length=32)
    summary = forms.CharField(
        label=gettext_lazy("anonymized summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Leave empty to use the case's story, anonymized. No names, numbers or addresses: "
            "the summary is checked before it is saved."
        ),
    )
    error_fields = {"case": "case_number"}


class TypicalListView(RoleListView):
    """The typical cases of the cases the reader may see, with the form that marks one (for
    caseworkers and supervisors)."""

    model = TypicalCase
    table_classname = "listing needs-listing"
    roles = CASE_ROLES
    page_title = gettext_lazy("Typical cases")
    header_icon = "pick"
    index_url_name = "needs_admin:typical_list"
    template_name = "needs/admin/typical_list.html"
    filterset_class = TypicalCaseFilterSet
    filter_label = gettext_lazy("Filter typical cases")
    no_results_message = gettext_lazy("No typical cases.")
    default_ordering = ["-marked_at", "-pk"]
    columns = [
        Column(
            "case",
            label=gettext_lazy("case"),
            accessor=lambda t: link(
                reverse("needs_admin:case_detail", args=[t.case_id]), t.case.number
            ),
        ),
        Column("office", label=gettext_lazy("office"), accessor=lambda t: t.office.name),
        Column(
            "category",
            label=gettext_lazy("category"),
            accessor=lambda t: t.case.get_category_display(),
        ),
        Column(
            "marked_at",
            label=gettext_lazy("marked at"),
            accessor=lambda t: when(t.marked_at, "%Y-%m-%d"),
        ),
        Column(
            "summary",
            label=gettext_lazy("anonymized summary"),
            classname="wrap",
            accessor=lambda t: linebreaksbr(t.summary),
        ),
    ]
    mark_form: TypicalMarkForm | None = None

    def scope(self, queryset):
        return typical_cases(self.request.user)

    def can_mark(self) -> bool:
        return has_role(self.request.user, *GOVERNMENT_ROLES)

    def post(self, request, *args, **kwargs):
        """Mark a case as typical (one service, with the form's one-time token)."""
        if not self.can_mark():
            return forbidden(request)
        form = TypicalMarkForm(request.POST, user=request.user)
        status = 200
        if form.is_valid():
            number = form.cleaned_data["case_number"].strip()
            case = cases_visible_to(request.user).filter(number=number).first()
            if case is None:
                form.add_error("case_number", _("No case with this number in your jurisdiction."))
            else:
                result, status = call_service(
                    form,
                    lambda: typical_case_mark(
                        by=request.user, case=case, summary=form.cleaned_data["summary"]
                    ),
                    user=request.user,
                )
                if result is not None:
                    messages.success(request, _("The case is marked as typical."))
                    return redirect("needs_admin:typical_list")
        error_summary(request, _("Mark a case as typical"), form)
        self.mark_form = form
        response = self.get(request, *args, **kwargs)
        response.status_code = status
        return response

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if self.can_mark():
            context["form"] = self.mark_form or TypicalMarkForm(user=self.request.user)
        return context


typical_list = TypicalListView.as_view()
