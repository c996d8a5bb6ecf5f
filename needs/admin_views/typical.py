"""Typical cases (典型个案): the collection per office and period for the report to the
province, and the form that marks a case as typical (one service, needs.services.typical_cases).
Only the anonymized summary is shown."""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from core.jurisdiction import GOVERNMENT_ROLES, has_role
from needs.admin_forms.actions import ServiceForm
from needs.admin_views.common import (
    CASE_ROLES,
    PAGE_SIZE,
    call_service,
    error_summary,
    query_without_page,
    require_roles,
)
from needs.selectors import cases_visible_to
from needs.selectors_typical import typical_cases
from needs.services.typical_cases import typical_case_mark


class TypicalFilterForm(forms.Form):
    office = forms.IntegerField(required=False, widget=forms.HiddenInput)
    marked_from = forms.DateField(
        label=gettext_lazy("marked from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    marked_to = forms.DateField(
        label=gettext_lazy("marked to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


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


@require_roles(*CASE_ROLES)
def typical_list(request):
    from django.core.paginator import Paginator

    filters = TypicalFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    rows = typical_cases(
        request.user,
        office_id=data.get("office"),
        start=data.get("marked_from"),
        end=data.get("marked_to"),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("p"))
    can_mark = has_role(request.user, *GOVERNMENT_ROLES)
    form = TypicalMarkForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST" and can_mark:
        if form.is_valid():
            case = (
                cases_visible_to(request.user)
                .filter(number=form.cleaned_data["case_number"].strip())
                .first()
            )
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
    return TemplateResponse(
        request,
        "needs/admin/typical_list.html",
        {
            "title": _("Typical cases"),
            "filter_form": filters,
            "page": page,
            "query": query_without_page(request),
            "form": form if can_mark else None,
        },
        status=status,
    )
