"""Relatives' filing (近亲属备案) on screen: the filings of the reader's jurisdiction, the form
to file one, a filing's page with its withdrawal, and the register of assistance to filed
relatives. Changes through needs.services.relatives; the relief itself is reviewed on the case
page, with relief above the ceiling (一事一议)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from core.admin_lists import RoleListView
from core.jurisdiction import GOVERNMENT_ROLES
from needs.admin_forms import relatives as f
from needs.admin_views.common import (
    ActionView,
    call_service,
    error_summary,
    money,
    require_roles,
)
from needs.admin_views.listing import Column, link, when
from needs.crypto import masked_id_number
from needs.filtersets import RelativeBenefitFilterSet
from needs.services import relatives as service

READERS = tuple(service.FILING_READERS)


def visible_filings(user):
    return service.filings_visible_to(
        user,
        service.RelativeFiling.objects.select_related("office", "filed_by", "official_user"),
    )


class FilingListView(RoleListView):
    """The filings of the reader's jurisdiction, newest first."""

    model = service.RelativeFiling
    table_classname = "listing needs-listing"
    roles = READERS
    page_title = gettext_lazy("Relatives' filings")
    header_icon = "group"
    index_url_name = "needs_admin:relative_filing_list"
    template_name = "needs/admin/relative_filing_list.html"
    no_results_message = gettext_lazy("No relatives filed.")
    columns = [
        Column(
            "filing",
            label=gettext_lazy("filing"),
            accessor=lambda r: link(reverse("needs_admin:relative_filing_detail", args=[r.pk]), r),
        ),
        Column("office", label=gettext_lazy("office"), accessor=lambda r: r.office.name),
        Column("official_name", label=gettext_lazy("official's name")),
        Column(
            "official_kind",
            label=gettext_lazy("the official is"),
            accessor="get_official_kind_display",
        ),
        Column("relation", label=gettext_lazy("relation"), accessor="get_relation_display"),
        Column(
            "filed_at",
            label=gettext_lazy("filed at"),
            accessor=lambda r: when(r.filed_at, "%Y-%m-%d"),
        ),
        Column(
            "status",
            label=gettext_lazy("status"),
            accessor=lambda r: _("withdrawn") if r.withdrawn_at else _("in force"),
        ),
    ]

    def scope(self, queryset):
        return visible_filings(self.request.user)

    add_item_label = gettext_lazy("File a relative")

    def get_add_url(self):
        return reverse("needs_admin:relative_filing_new")


filing_list = FilingListView.as_view()


@require_roles(*GOVERNMENT_ROLES)
def filing_new(request):
    form = f.RelativeFilingForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        filing, status = call_service(
            form,
            lambda: service.relative_file(
                by=request.user,
                official_kind=data["official_kind"],
                official_name=data["official_name"],
                relative_name=data["relative_name"],
                relation=data["relation"],
                id_number=data["id_number"],
            ),
            user=request.user,
        )
        if filing is not None:
            messages.success(request, _("The relative is filed."))
            return redirect("needs_admin:relative_filing_detail", pk=filing.pk)
        error_summary(request, _("File a relative"), form)
    return TemplateResponse(
        request, "needs/admin/relative_filing_new.html", {"form": form}, status=status
    )


def _filing_page(request, filing, *, bound=None, status=200):
    bound = bound or {}
    service.relative_filing_read_record(by=request.user, filing=filing)
    actions = []
    if filing.withdrawn_at is None:
        form = bound.get("withdraw") or f.FilingWithdrawForm(user=request.user)
        actions.append(WithdrawView.panel(pk=filing.pk, form=form, is_open=False))
    return TemplateResponse(
        request,
        "needs/admin/relative_filing_detail.html",
        {
            "filing": filing,
            "id_number_masked": masked_id_number(filing.id_number_encrypted),
            "benefits": service.benefits_visible_to(
                request.user, filing.benefits.all()
            ).select_related("relief_grant__case", "reviewed_by"),
            "actions": actions,
        },
        status=status,
    )


@require_roles(*READERS)
def filing_detail(request, pk: int):
    return _filing_page(request, get_object_or_404(visible_filings(request.user), pk=pk))


def _benefit_link(entry):
    if entry.relief_grant_id:
        case = entry.relief_grant.case
        return link(reverse("needs_admin:case_detail", args=[case.pk]), case.number)
    if entry.assistance_application_id:
        return link(
            reverse("needs_admin:assistance_detail", args=[entry.assistance_application_id]),
            _("Application %(id)s") % {"id": entry.assistance_application_id},
        )
    return "—"


class BenefitListView(RoleListView):
    """The register: every relief or application for a filed relative's household and its
    review (the relief itself is reviewed on its case's page, with the reason)."""

    model = service.RelativeBenefit
    table_classname = "listing needs-listing"
    roles = READERS
    page_title = gettext_lazy("Register of assistance to filed relatives")
    header_icon = "group"
    index_url_name = "needs_admin:relative_benefit_list"
    filterset_class = RelativeBenefitFilterSet
    filter_label = gettext_lazy("Filter the register")
    no_results_message = gettext_lazy("Nothing recorded.")
    columns = [
        Column("entry", label=gettext_lazy("case or application"), accessor=_benefit_link),
        Column(
            "amount",
            label=gettext_lazy("amount"),
            classname="nowrap",
            accessor=lambda e: (
                _("not yet decided") if e.amount_fen is None else money(e.amount_fen)
            ),
        ),
        Column(
            "recorded_at",
            label=gettext_lazy("recorded at"),
            accessor=lambda e: when(e.recorded_at),
        ),
        Column("review", label=gettext_lazy("review"), accessor="get_review_display"),
        Column(
            "review_reason",
            label=gettext_lazy("review reason"),
            classname="wrap",
            accessor=lambda e: e.review_reason or "—",
        ),
    ]

    add_item_label = gettext_lazy("Back to the relatives' filings")

    def get_add_url(self):
        return reverse("needs_admin:relative_filing_list")

    def scope(self, queryset):
        return service.benefits_visible_to(self.request.user).select_related(
            "filing__office", "relief_grant__case", "household__region", "reviewed_by"
        )


benefit_list = BenefitListView.as_view()


class WithdrawView(ActionView):
    name = "withdraw"
    title = gettext_lazy("Withdraw the filing")
    button = gettext_lazy("Withdraw")
    form_class = f.FilingWithdrawForm
    roles = tuple(GOVERNMENT_ROLES)
    refusal = gettext_lazy("Only civil-affairs staff withdraw filings.")

    @classmethod
    def url_name(cls) -> str:
        return "relative_filing_withdraw"

    def get_object(self, request, pk: int):
        return get_object_or_404(visible_filings(request.user), pk=pk)

    def case_of(self, filing):
        return None

    def perform(self, user, filing, data):
        service.relative_filing_withdraw(by=user, filing=filing, reason=data["reason"])
        return _("The filing is withdrawn.")

    def redirect_after(self, request, filing):
        return redirect("needs_admin:relative_filing_detail", pk=filing.pk)

    def page(self, request, filing, *, bound, status):
        filing.refresh_from_db()
        return _filing_page(request, filing, bound=bound, status=status)
