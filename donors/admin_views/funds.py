"""Special funds (专项基金): the list of the user's funds with what each may still allocate,
"create a fund", the fund page (recent donations, where its money went) and closing it."""

from __future__ import annotations

from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn

from core.admin_lists import RoleListView
from donors import admin_forms as f
from donors import services
from donors.admin_views.common import (
    FUND_ROLES,
    FUND_WRITERS,
    MoneyActionView,
    MoneyFormPage,
    may_manage_fund,
    money,
    own_funds,
    require_roles,
)
from donors.filtersets import FundAdminFilterSet
from donors.models import Allocation, Donation, Fund
from donors.selectors import available_fen, fundable_referrals
from donors.transparency import paid_to_households_by_fund
from needs.models import Case, Referral

RECENT = 20
CATEGORY_LABELS = dict(Case.Category.choices)


def _categories(fund: Fund) -> str:
    return "、".join(str(CATEGORY_LABELS.get(c, c)) for c in fund.categories) or _("any")


def _regions(fund: Fund) -> str:
    return "、".join(r.name for r in fund.regions.all()) or _("anywhere")


class FundListView(RoleListView):
    """The user's organisations' funds with what each may still allocate."""

    model = Fund
    roles = tuple(FUND_ROLES)
    page_title = gettext_lazy("Special funds")
    header_icon = "folder-open-inverse"
    index_url_name = "donors_admin:fund_list"
    index_results_url_name = "donors_admin:fund_list_results"
    filterset_class = FundAdminFilterSet
    verbose_name_plural = gettext_lazy("special funds")
    add_item_label = gettext_lazy("Create a special fund")
    columns = [
        TitleColumn(
            "name",
            label=gettext_lazy("name"),
            get_url=lambda fund: reverse("donors_admin:fund_detail", args=[fund.pk]),
        ),
        Column("owner", label=gettext_lazy("owner"), accessor="owner.name"),
        Column("status", label=gettext_lazy("status"), accessor="get_status_display"),
        Column("categories", label=gettext_lazy("categories it may pay for"), accessor=_categories),
        Column("regions", label=gettext_lazy("regions it may pay for"), accessor=_regions),
        Column(
            "available",
            label=gettext_lazy("available to allocate"),
            accessor=lambda fund: money(available_fen(fund)),
        ),
    ]

    def scope(self, queryset):
        return own_funds(self.request.user).prefetch_related("regions").order_by("status", "name")

    def get_add_url(self):
        if f.fund_owners_for(self.request.user):
            return reverse("donors_admin:fund_create")
        return None


def allocation_rows(allocations) -> list[dict]:
    """Where money went, as charity staff and fund holders may see it: the referral, its
    project, the case's category and county; never the household."""
    rows = []
    for allocation in allocations:
        case = allocation.referral.case
        rows.append(
            {
                "allocation": allocation,
                "referral_id": allocation.referral_id,
                "project": allocation.referral.project.title if allocation.referral.project else "",
                "category": case.get_category_display(),
                "county": case.region.name,
                "amount": money(allocation.amount_fen),
                "released": money(allocation.released_fen),
                "remaining": money(available_fen(allocation)),
            }
        )
    return rows


def fund_page(request, fund: Fund, *, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    user = request.user
    fund = own_funds(user).prefetch_related("regions").get(pk=fund.pk)
    settled = fund.donations.filter(
        status__in=[Donation.Status.SUCCEEDED, Donation.Status.REFUNDED]
    ).aggregate(amount=Sum("amount_fen"), fees=Sum("fee_fen"), refunded=Sum("refunded_fen"))
    allocations = Allocation.objects.filter(source__fund=fund).select_related(
        "referral__project", "referral__case__region"
    )
    committed = allocations.aggregate(amount=Sum("amount_fen"), released=Sum("released_fen"))
    # Cases the fund may pay for now, read as an accepting charity reads them (anonymized):
    # its holder's staff open one to commit money from the fund.
    fundable = []
    if may_manage_fund(user, fund):
        referrals = fundable_referrals(
            fund, Referral.objects.select_related("case__region", "project", "to_organisation")
        ).order_by("-case__urgency", "answered_at", "pk")[:RECENT]
        fundable = [
            {
                "referral": referral,
                "category": referral.case.get_category_display(),
                "county": referral.case.region.name,
                "gap": money(referral.case.remaining_gap_fen),
                "project": referral.project.title,
            }
            for referral in referrals
        ]
    actions = []
    shown = fund.status == Fund.Status.ACTIVE and may_manage_fund(user, fund)
    if shown or FundCloseView.key(fund) in bound:
        actions.append(FundCloseView.panel(obj=fund, user=user, bound=bound, is_open=False))
    context = {
        "fund": fund,
        "categories": _categories(fund),
        "regions": _regions(fund),
        "available": money(available_fen(fund)),
        "received": money(
            (settled["amount"] or 0) - (settled["fees"] or 0) - (settled["refunded"] or 0)
        ),
        "allocated": money((committed["amount"] or 0) - (committed["released"] or 0)),
        "paid": money(paid_to_households_by_fund([fund.pk]).get(fund.pk, 0)),
        "donations": [
            {"donation": d, "amount": money(d.amount_fen)}
            for d in fund.donations.select_related("donor")[:RECENT]
        ],
        "allocations": allocation_rows(allocations[:RECENT]),
        "fundable": fundable,
        "may_fund": fund.status == Fund.Status.ACTIVE and may_manage_fund(user, fund),
        "actions": actions,
    }
    return TemplateResponse(request, "donors/admin/fund_detail.html", context, status=status)


@require_roles(*FUND_ROLES)
def fund_detail(request, pk: int):
    return fund_page(request, get_object_or_404(own_funds(request.user), pk=pk))


class FundCreateView(MoneyFormPage):
    name = "fund_create"
    title = gettext_lazy("Create a special fund")
    button = gettext_lazy("Create the fund")
    form_class = f.FundCreateForm
    roles = FUND_WRITERS
    refusal = gettext_lazy("Only fund managers and charity staff set up special funds.")
    template_name = "donors/admin/fund_form.html"
    list_url = "donors_admin:fund_list"

    def create(self, user, data):
        return services.fund_create(
            by=user,
            owner=data["owner"],
            name=data["name"],
            purpose=data["purpose"],
            categories=data["categories"],
            regions=data["regions"],
            is_public=data["is_public"],
            holder=data.get("holder"),
            filing_number=data["filing_number"],
            filing_starts_on=data["filing_starts_on"],
            filing_ends_on=data["filing_ends_on"],
        )

    def success_message(self, created) -> str:
        return _("Special fund “%(name)s” created.") % {"name": created.name}

    def redirect_to_created(self, created):
        return redirect("donors_admin:fund_detail", pk=created.pk)

    def page_context(self, request, form) -> dict:
        context = super().page_context(request, form)
        context["has_owners"] = form.fields["owner"].queryset.exists()
        return context


class FundCloseView(MoneyActionView):
    name = "fund_close"
    title = gettext_lazy("Close the fund")
    help_text = gettext_lazy(
        "A closed fund takes no more donations or allocations; what it holds stays traceable."
    )
    button = gettext_lazy("Close the fund")
    form_class = f.FundCloseForm
    roles = FUND_WRITERS
    refusal = gettext_lazy("Only the fund's holder closes it.")

    def get_object(self, request, pk):
        return get_object_or_404(own_funds(request.user), pk=pk)

    def perform(self, user, fund, data):
        services.fund_close(by=user, fund=fund)
        return _("Special fund closed.")

    def redirect_after(self, request, fund):
        return redirect("donors_admin:fund_detail", pk=fund.pk)

    def page(self, request, fund, *, bound, status):
        return fund_page(request, fund, bound=bound, status=status)
