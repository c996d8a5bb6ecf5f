"""Government relief budgets: the list an office and its supervisors see, one budget's
statement for a period (on screen and as CSV), and recording an appropriation (拨款).

Reads go through ``budgets_visible_to`` (an office sees its own, supervisors above see their
region); the one write goes through ``appropriation_record``, which checks again."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn

from core.admin_lists import RoleListView
from core.jurisdiction import Role
from donors.admin_forms.relief import AppropriationForm, StatementPeriodForm, budget_offices_for
from donors.admin_views.common import MoneyFormPage, money, require_roles
from donors.exports import safe_text, yuan
from donors.filtersets import ReliefBudgetAdminFilterSet
from donors.models import ReliefBudget, Transaction
from donors.relief_statements import budgets_visible_to, relief_statement
from donors.services.relief_budgets import appropriation_record

RELIEF_BUDGET_ROLES = (Role.CASEWORKER, Role.SUPERVISOR, Role.AUDITOR, Role.PLATFORM_ADMIN)
RELIEF_BUDGET_WRITERS = (Role.SUPERVISOR,)
KIND_LABELS = dict(Transaction.Kind.choices)


def _balance(budget: ReliefBudget) -> str:
    account = getattr(budget, "account", None)
    return money(account.balance_fen if account else 0)


class ReliefBudgetListView(RoleListView):
    """The budgets an office and its supervisors see, the latest year first."""

    model = ReliefBudget
    roles = tuple(RELIEF_BUDGET_ROLES)
    page_title = gettext_lazy("Relief budgets")
    help_text = gettext_lazy(
        "Government relief is paid from these budgets; each is filled only by recorded "
        "appropriations and can never be overdrawn."
    )
    header_icon = "table"
    index_url_name = "donors_admin:relief_budget_list"
    index_results_url_name = "donors_admin:relief_budget_list_results"
    filterset_class = ReliefBudgetAdminFilterSet
    verbose_name_plural = gettext_lazy("relief budgets")
    add_item_label = gettext_lazy("Record an appropriation")
    columns = [
        TitleColumn(
            "office",
            label=gettext_lazy("office"),
            accessor="office.name",
            get_url=lambda b: reverse("donors_admin:relief_budget_detail", args=[b.pk]),
        ),
        Column("year", label=gettext_lazy("year")),
        Column("scheme", label=gettext_lazy("scheme"), accessor="get_scheme_display"),
        Column(
            "balance",
            label=gettext_lazy("balance"),
            accessor=_balance,
            classname="w-whitespace-nowrap",
        ),
    ]

    def scope(self, queryset):
        budgets = budgets_visible_to(self.request.user).select_related("office", "account")
        return budgets.order_by("-year", "office__name", "scheme")

    def get_add_url(self):
        if budget_offices_for(self.request.user).exists():
            return reverse("donors_admin:appropriation_record")
        return None


def _period(budget: ReliefBudget, form: StatementPeriodForm) -> tuple[dt.date, dt.date]:
    """The asked period, by default the budget's year up to today."""
    today = timezone.localdate()
    start, end = dt.date(budget.year, 1, 1), dt.date(budget.year, 12, 31)
    data = form.cleaned_data if form.is_valid() else {}
    return data.get("date_from") or start, data.get("date_to") or min(end, max(today, start))


@require_roles(*RELIEF_BUDGET_ROLES)
def relief_budget_detail(request, pk: int):
    budget = get_object_or_404(budgets_visible_to(request.user), pk=pk)
    form = StatementPeriodForm(request.GET or None)
    date_from, date_to = _period(budget, form)
    statement = relief_statement(budget, date_from, date_to)
    if request.GET.get("format") == "csv" and not form.errors:
        return _statement_csv(statement)
    lines = [
        {
            "booked_at": timezone.localtime(line.booked_at),
            "kind": KIND_LABELS.get(line.kind, line.kind),
            "amount": money(line.amount_fen),
            "reference": line.reference,
            "proof": line.proof or _("missing") if line.kind == Transaction.Kind.RELIEF else "",
        }
        for line in statement.lines
    ]
    context = {
        "budget": budget,
        "form": form,
        "statement": statement,
        "opening": money(statement.opening_fen),
        "appropriated": money(statement.appropriated_fen),
        "granted": money(statement.granted_fen),
        "closing": money(statement.closing_fen),
        "lines": lines,
        "csv_query": f"date_from={date_from.isoformat()}&date_to={date_to.isoformat()}&format=csv",
    }
    status = 400 if form.errors else 200
    return TemplateResponse(
        request, "donors/admin/relief_budget_detail.html", context, status=status
    )


def _statement_csv(statement) -> HttpResponse:
    """The statement as a spreadsheet: amounts in yuan, Chinese headings (UTF-8 with BOM so
    that Excel opens it right), like the other money exports."""
    budget = statement.budget
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([_("office"), safe_text(budget.office.name)])
    writer.writerow([_("scheme"), budget.get_scheme_display()])
    writer.writerow([_("year"), budget.year])
    writer.writerow([_("period"), f"{statement.date_from} – {statement.date_to}"])
    writer.writerow([_("opening balance (yuan)"), yuan(statement.opening_fen)])
    writer.writerow([_("appropriated (yuan)"), yuan(statement.appropriated_fen)])
    writer.writerow([_("relief paid (yuan)"), yuan(statement.granted_fen)])
    writer.writerow([_("closing balance (yuan)"), yuan(statement.closing_fen)])
    writer.writerow([_("grants paid"), statement.grants])
    writer.writerow([_("grants without proof of payment"), statement.grants_without_proof])
    writer.writerow([])
    writer.writerow(
        [_("booked at"), _("kind"), _("amount (yuan)"), _("reference"), _("proof of payment")]
    )
    for line in statement.lines:
        writer.writerow(
            [
                timezone.localtime(line.booked_at).strftime("%Y-%m-%d %H:%M"),
                KIND_LABELS.get(line.kind, line.kind),
                yuan(line.amount_fen),
                safe_text(line.reference),
                safe_text(line.proof),
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = (
        f"relief-{budget.office_id}-{budget.year}-{budget.scheme}-"
        f"{statement.date_from}-{statement.date_to}.csv"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class AppropriationRecordView(MoneyFormPage):
    name = "appropriation_record"
    title = gettext_lazy("Record an appropriation")
    button = gettext_lazy("Record the appropriation")
    form_class = AppropriationForm
    roles = RELIEF_BUDGET_WRITERS
    refusal = gettext_lazy("Only a supervisor records an office's relief budget.")
    template_name = "donors/admin/appropriation_form.html"
    list_url = "donors_admin:relief_budget_list"

    def create(self, user, data):
        return appropriation_record(
            by=user,
            office=data["office"],
            year=data["year"],
            scheme=data["scheme"],
            amount_fen=data["amount"],
            reference=data["reference"],
            received_on=data["received_on"],
            memo=data["memo"],
        )

    def success_message(self, created) -> str:
        return _("Appropriation of %(amount)s recorded to %(budget)s.") % {
            "amount": money(created.amount_fen),
            "budget": str(created.budget),
        }

    def redirect_to_created(self, created):
        return redirect("donors_admin:relief_budget_detail", pk=created.budget_id)
