"""The charity supermarkets' back office (慈善超市): the supermarkets the user may see, each
with its goods in stock and its latest movements; the staff running it receive goods from
donors, issue them against a relief decision or a referral, and count the stock. Each form
calls one service (projects.services_stock); a refusal comes back on the form, nothing
written."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn

from core import form_tokens
from core.admin_lists import RoleListView, list_paths
from needs.admin_views.common import money, require_roles
from projects import selectors, services_stock
from projects.admin_forms import CountForm, GoodsItemForm, IssueForm, ReceiveForm
from projects.admin_views import call_service, error_summary
from projects.filtersets import SupermarketAdminFilterSet
from projects.models import StockMovement, Supermarket
from projects.selectors_goods import relief_awaiting_goods

MOVEMENTS_SHOWN = 50
FORMS = {"receive": ReceiveForm, "issue": IssueForm, "count": CountForm, "item": GoodsItemForm}


def visible_supermarkets(user):
    queryset = Supermarket.objects.select_related("organisation", "region")
    return selectors.supermarkets_visible_to(user, queryset)


class SupermarketListView(RoleListView):
    """The supermarkets the user may see: their charity's, or those of their jurisdiction."""

    model = Supermarket
    roles = tuple(selectors.SUPERMARKET_READERS)
    page_title = gettext_lazy("Charity supermarkets")
    header_icon = "tag"
    index_url_name = "supermarkets_admin:supermarket_list"
    index_results_url_name = "supermarkets_admin:supermarket_list_results"
    filterset_class = SupermarketAdminFilterSet
    verbose_name_plural = gettext_lazy("charity supermarkets")
    columns = [
        TitleColumn(
            "name",
            label=gettext_lazy("name"),
            get_url=lambda s: reverse("supermarkets_admin:supermarket_detail", args=[s.pk]),
        ),
        Column("organisation", label=gettext_lazy("run by"), accessor="organisation.name"),
        Column("county", label=gettext_lazy("county"), accessor="region.name"),
        Column(
            "is_active",
            label=gettext_lazy("status"),
            accessor=lambda s: _("open") if s.is_active else _("closed"),
            classname="w-whitespace-nowrap",
        ),
    ]

    def scope(self, queryset):
        return visible_supermarkets(self.request.user)


def _detail(request, supermarket, forms=None, status=200):
    runs = services_stock.user_runs_supermarkets_of(request.user, supermarket.organisation_id)
    items = selectors.goods_with_stock(supermarket.items.all())
    movements = (
        StockMovement.objects.filter(item__supermarket=supermarket)
        .select_related("item", "case")
        .order_by("-created_at", "-id")[:MOVEMENTS_SHOWN]
    )
    forms = forms or {}
    # The relief in goods waiting for this supermarket (its 待办 links here with the decision's
    # number, which fills the issue form).
    awaiting = list(relief_awaiting_goods([supermarket])[:MOVEMENTS_SHOWN]) if runs else []
    if runs and "issue" not in forms:
        chosen = "".join(ch for ch in request.GET.get("relief_grant", "") if ch.isdigit())
        forms["issue"] = IssueForm(
            supermarket=supermarket,
            initial={"relief_grant": int(chosen)} if chosen else None,
        )
    context = {
        "awaiting": awaiting,
        "supermarket": supermarket,
        "items": [{"item": item, "value": money(item.unit_value_fen)} for item in items],
        "movements": [
            {"movement": movement, "value": money(movement.value_fen)} for movement in movements
        ],
        "runs": runs,
        "forms": {
            name: forms.get(name) or form_class(supermarket=supermarket)
            for name, form_class in FORMS.items()
        }
        if runs
        else {},
    }
    return TemplateResponse(
        request, "projects/admin/supermarket_detail.html", context, status=status
    )


@require_roles(*selectors.SUPERMARKET_READERS)
def supermarket_detail(request, pk: int):
    return _detail(request, get_object_or_404(visible_supermarkets(request.user), pk=pk))


def _perform(name: str, request, supermarket, data):
    from needs.models import Referral, ReliefGrant

    by = request.user
    if name == "item":
        return services_stock.goods_item_add(
            by=by,
            supermarket=supermarket,
            name=data["name"],
            unit=data["unit"],
            unit_value_fen=data["unit_value"],
        )
    if name == "receive":
        return services_stock.stock_receive(
            by=by,
            item=data["item"],
            quantity=data["quantity"],
            donor_name=data["donor_name"],
            note=data["note"],
        )
    if name == "count":
        return services_stock.stock_count(
            by=by, item=data["item"], counted_quantity=data["counted_quantity"], note=data["note"]
        )
    referral = relief_grant = None
    if data["referral"]:
        referral = Referral.objects.filter(
            pk=data["referral"], to_organisation_id=supermarket.organisation_id
        ).first()
        if referral is None:
            services_stock.refuse(
                "referral", _("No such referral to this organisation."), "invalid"
            )
    if data["relief_grant"]:
        relief_grant = ReliefGrant.objects.filter(pk=data["relief_grant"]).first()
        if relief_grant is None:
            services_stock.refuse("relief_grant", _("No such relief decision."), "invalid")
    return services_stock.stock_issue(
        by=by,
        item=data["item"],
        quantity=data["quantity"],
        referral=referral,
        relief_grant=relief_grant,
        note=data["note"],
    )


DONE = {
    "item": gettext_lazy("Goods added."),
    "receive": gettext_lazy("Receipt recorded."),
    "issue": gettext_lazy("Issue recorded."),
    "count": gettext_lazy("Stock count recorded."),
}


@require_POST
@require_roles(*selectors.SUPERMARKET_READERS)
def supermarket_act(request, pk: int, name: str):
    supermarket = get_object_or_404(visible_supermarkets(request.user), pk=pk)
    if name not in FORMS:
        return redirect("supermarkets_admin:supermarket_detail", pk=pk)
    form = FORMS[name](request.POST, supermarket=supermarket)
    status = 200
    if form.is_valid():
        result, status = call_service(
            form, lambda: _perform(name, request, supermarket, form.cleaned_data), user=request.user
        )
        if form_tokens.was_repeated(form):
            messages.info(request, str(form_tokens.ALREADY_SUBMITTED))
            return redirect("supermarkets_admin:supermarket_detail", pk=pk)
        if result is not None:
            messages.success(request, str(DONE[name]))
            return redirect("supermarkets_admin:supermarket_detail", pk=pk)
    error_summary(request, form)
    return _detail(request, supermarket, {name: form}, status=status)


urlpatterns = [
    *list_paths("", "supermarket_list", SupermarketListView),
    path("<int:pk>/", supermarket_detail, name="supermarket_detail"),
    path("<int:pk>/<str:name>/", supermarket_act, name="supermarket_act"),
]
