"""The economic-status check (核对) on screen: the list of checks in the reader's jurisdiction,
a household's authorizations and checks, a check's page with its result, and the import of the
checking platform's export. Every change through one service (needs.services.economic_checks);
a result is shown only to the staff who decide, and each showing is written to the read log."""

from __future__ import annotations

import django_filters
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin import messages

from core.admin_lists import RoleListView
from core.jurisdiction import has_role
from needs.admin_forms import EmptyForm
from needs.admin_forms import economic_checks as f
from needs.admin_views.common import (
    ActionView,
    call_service,
    error_summary,
    forbidden,
    require_roles,
    visible_cases,
)
from needs.admin_views.listing import Column, link, when
from needs.api.economic_checks import EconomicCheckFilterSet
from needs.models import CheckAuthorization, EconomicCheck, Household
from needs.services import economic_checks as service
from needs.services.economic_checks import CHECK_READERS, Status, household_filter

ROLES = tuple(CHECK_READERS)


def visible_checks(user):
    queryset = EconomicCheck.objects.select_related(
        "household__region", "office", "requested_by", "authorization"
    )
    return service.checks_visible_to(user, queryset)


def visible_households(user):
    condition = household_filter(user)
    queryset = Household.objects.select_related("region")
    return queryset if condition is None else queryset.filter(condition)


class CheckListFilterSet(EconomicCheckFilterSet):
    """The API's filters of checks, by status on this screen; a case number is not a filter
    but a way to its household's page (CheckListView.get). No household or office picker: the
    list is the reader's households already, and a household is found by its case."""

    household = None
    office = None

    status = django_filters.ChoiceFilter(
        choices=EconomicCheck.Status.choices,
        label=gettext_lazy("status"),
        empty_label=gettext_lazy("all"),
    )
    case_number = django_filters.CharFilter(
        label=gettext_lazy("case number"), max_length=32, method="leave_as_is"
    )

    class Meta:
        model = EconomicCheck
        fields = ["status", "case_number"]

    def leave_as_is(self, queryset, name, value):
        return queryset


class CheckListView(RoleListView):
    """The checks in the reader's jurisdiction (no amounts, no conclusion: those are on each
    check's page, where the read is logged). A case number leads to its household's checks."""

    model = EconomicCheck
    table_classname = "listing needs-listing"
    roles = ROLES
    page_title = gettext_lazy("Economic-status checks")
    header_icon = "doc-full"
    index_url_name = "needs_admin:economic_check_list"
    template_name = "needs/admin/economic_check_list.html"
    filterset_class = CheckListFilterSet
    filter_label = gettext_lazy("Filter economic-status checks")
    no_results_message = gettext_lazy("No economic-status checks.")
    default_ordering = ["-requested_at", "-pk"]
    columns = [
        Column(
            "check",
            label=gettext_lazy("check"),
            accessor=lambda c: link(reverse("needs_admin:economic_check_detail", args=[c.pk]), c),
        ),
        Column(
            "household",
            label=gettext_lazy("household"),
            accessor=lambda c: link(
                reverse("needs_admin:household_checks", args=[c.household_id]), c.household
            ),
        ),
        Column(
            "county",
            label=pgettext_lazy("place", "county"),
            accessor=lambda c: c.household.region.name,
        ),
        Column("office", label=gettext_lazy("requesting office"), accessor=lambda c: c.office.name),
        Column(
            "requested_at",
            label=gettext_lazy("requested at"),
            accessor=lambda c: when(c.requested_at),
        ),
        Column("status", label=gettext_lazy("status"), accessor="get_status_display"),
        Column(
            "checked_on",
            label=gettext_lazy("checked on"),
            accessor=lambda c: f"{c.checked_on:%Y-%m-%d}" if c.checked_on else "—",
        ),
    ]

    def scope(self, queryset):
        return visible_checks(self.request.user)

    def get(self, request, *args, **kwargs):
        number = request.GET.get("case_number", "").strip()
        if number:
            case = visible_cases(request.user).filter(number=number).first()
            if case is not None:
                return redirect("needs_admin:household_checks", pk=case.household_id)
            messages.error(request, _("No case of yours has this number."))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["can_set_policy"] = has_role(self.request.user, "supervisor")
        return context


check_list = CheckListView.as_view()


def _household_page(request, household, *, bound=None, status=200):
    bound = bound or {}
    authorization = household.check_authorizations.filter(withdrawn_at__isnull=True).first()
    actions = []
    if authorization is None:
        form = bound.get("authorize") or f.CheckAuthorizationForm(user=request.user)
        actions.append(AuthorizeView.panel(pk=household.pk, form=form, is_open=True))
    else:
        form = bound.get("request") or f.CheckRequestForm(user=request.user)
        actions.append(RequestView.panel(pk=household.pk, form=form, is_open=True))
        form = bound.get("withdraw") or EmptyForm(user=request.user)
        actions.append(WithdrawView.panel(pk=household.pk, form=form, is_open=False))
    return TemplateResponse(
        request,
        "needs/admin/household_checks.html",
        {
            "household": household,
            "authorizations": household.check_authorizations.select_related("recorded_by"),
            "checks": visible_checks(request.user).filter(household=household),
            "cases": visible_cases(request.user).filter(household=household),
            "actions": actions,
        },
        status=status,
    )


@require_roles(*ROLES)
def household_checks(request, pk: int):
    return _household_page(request, get_object_or_404(visible_households(request.user), pk=pk))


def _check_page(request, check, *, bound=None, status=200):
    bound = bound or {}
    result = None
    if check.status == Status.COMPLETED:
        result = service.economic_check_result(by=request.user, check=check)
    actions = []
    if check.status == Status.REQUESTED:
        form = bound.get("result") or f.CheckResultForm(user=request.user)
        actions.append(ResultView.panel(pk=check.pk, form=form, is_open=True))
        form = bound.get("cancel") or f.CheckCancelForm(user=request.user)
        actions.append(CancelView.panel(pk=check.pk, form=form, is_open=False))
    return TemplateResponse(
        request,
        "needs/admin/economic_check_detail.html",
        {"check": check, "result": result, "actions": actions},
        status=status,
    )


@require_roles(*ROLES)
def check_detail(request, pk: int):
    return _check_page(request, get_object_or_404(visible_checks(request.user), pk=pk))


@require_roles(*ROLES)
def check_import(request):
    """Upload the checking platform's export: all results recorded, or none with the row."""
    form = f.CheckImportForm(request.POST or None, request.FILES or None, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        done, status = call_service(
            form,
            lambda: service.economic_check_import(
                by=request.user, stream=upload.file, file_name=upload.name
            ),
            user=request.user,
        )
        if done is not None:
            messages.success(
                request, _("Results of %(count)s checks recorded.") % {"count": len(done)}
            )
            return redirect("needs_admin:economic_check_list")
        error_summary(request, _("Import the results"), form)
    return TemplateResponse(
        request,
        "needs/admin/economic_check_import.html",
        {"form": form, "headers": service.IMPORT_HEADERS},
        status=status,
    )


class _HouseholdAction(ActionView):
    roles = ROLES
    refusal = gettext_lazy("Only caseworkers and supervisors handle economic-status checks.")

    def get_object(self, request, pk: int):
        return get_object_or_404(visible_households(request.user), pk=pk)

    def case_of(self, household):
        return None

    def redirect_after(self, request, household):
        return redirect("needs_admin:household_checks", pk=household.pk)

    def page(self, request, household, *, bound, status):
        return _household_page(request, household, bound=bound, status=status)


class AuthorizeView(_HouseholdAction):
    name = "authorize"
    title = gettext_lazy("Record the household's authorization (授权核对)")
    button = gettext_lazy("Record")
    form_class = f.CheckAuthorizationForm

    @classmethod
    def url_name(cls) -> str:
        return "household_check_authorize"

    def post(self, request, pk: int):
        # Like ActionView.post, with the scanned form among the uploaded files.
        if not has_role(request.user, *self.roles):
            return forbidden(request, str(self.refusal))
        household = self.get_object(request, pk)
        form = self.form_class(request.POST, request.FILES, user=request.user)
        status = 200
        if form.is_valid():
            data = form.cleaned_data
            result, status = call_service(
                form,
                lambda: service.check_authorization_record(
                    by=request.user,
                    household=household,
                    method=data["method"],
                    signed_by_name=data["signed_by_name"],
                    signed_on=data["signed_on"],
                    scan=data.get("scan"),
                ),
                user=request.user,
            )
            if result is not None:
                messages.success(request, _("The authorization is recorded."))
                return self.redirect_after(request, household)
        error_summary(request, str(self.title), form)
        return self.page(request, household, bound={self.name: form}, status=status)


class RequestView(_HouseholdAction):
    name = "request"
    title = gettext_lazy("Ask for a check")
    button = gettext_lazy("Ask")
    form_class = f.CheckRequestForm

    @classmethod
    def url_name(cls) -> str:
        return "household_check_request"

    def perform(self, user, household, data):
        check = service.economic_check_request(
            by=user, household=household, purpose=data["purpose"]
        )
        return _("Check %(number)s was asked for.") % {"number": check.pk}


class WithdrawView(_HouseholdAction):
    name = "withdraw"
    title = gettext_lazy("The household withdraws its authorization")
    button = gettext_lazy("Withdraw")
    form_class = EmptyForm

    @classmethod
    def url_name(cls) -> str:
        return "household_check_withdraw"

    def perform(self, user, household, data):
        authorization = CheckAuthorization.objects.get(
            household=household, withdrawn_at__isnull=True
        )
        service.check_authorization_withdraw(by=user, authorization=authorization)
        return _("The authorization is withdrawn.")


class _CheckAction(ActionView):
    roles = ROLES
    refusal = _HouseholdAction.refusal

    def get_object(self, request, pk: int):
        return get_object_or_404(visible_checks(request.user), pk=pk)

    def case_of(self, check):
        return None

    def redirect_after(self, request, check):
        return redirect("needs_admin:economic_check_detail", pk=check.pk)

    def page(self, request, check, *, bound, status):
        check.refresh_from_db()
        return _check_page(request, check, bound=bound, status=status)


class ResultView(_CheckAction):
    name = "result"
    title = gettext_lazy("Enter the result")
    button = gettext_lazy("Record the result")
    form_class = f.CheckResultForm

    @classmethod
    def url_name(cls) -> str:
        return "economic_check_result"

    def perform(self, user, check, data):
        service.economic_check_record_result(
            by=user,
            check=check,
            checking_body=data["checking_body"],
            checked_on=data["checked_on"],
            conclusion=data["conclusion"],
            conclusion_note=data["conclusion_note"],
            reference=data["reference"],
            items=f.result_items(data),
        )
        return _("The result is recorded.")


class CancelView(_CheckAction):
    name = "cancel"
    title = gettext_lazy("Cancel the check")
    button = gettext_lazy("Cancel the check")
    form_class = f.CheckCancelForm

    @classmethod
    def url_name(cls) -> str:
        return "economic_check_cancel"

    def perform(self, user, check, data):
        service.economic_check_cancel(by=user, check=check, reason=data["reason"])
        return _("The check is cancelled.")


ACTION_VIEWS = (AuthorizeView, RequestView, WithdrawView)
CHECK_ACTION_VIEWS = (ResultView, CancelView)


def _supervised_offices(user):
    from core.jurisdiction import scope_filter, scope_for
    from core.models import Membership, Organisation

    condition = scope_filter(
        scope_for(user, roles=[Membership.Role.SUPERVISOR]), region_field="region"
    )
    offices = Organisation.objects.filter(
        kind=Organisation.Kind.GOVERNMENT_OFFICE, is_active=True
    ).select_related("economic_check_policy")
    return offices if condition is None else offices.filter(condition)


@require_roles("supervisor")
def check_policy(request):
    """The offices' thresholds and validity, set by a supervisor of their region."""
    offices = _supervised_offices(request.user)
    form = f.CheckPolicyForm(request.POST or None, user=request.user, offices=offices)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        policy, status = call_service(
            form,
            lambda: service.economic_check_policy_set(
                by=request.user,
                office=data["office"],
                relief_threshold_fen=data["relief_threshold"],
                validity_days=data["validity_days"],
            ),
            user=request.user,
        )
        if policy is not None:
            messages.success(request, _("The office's rule is saved."))
            return redirect("needs_admin:economic_check_policy")
        error_summary(request, _("Set an office's rule"), form)
    rows = []
    for office in offices:
        threshold, validity = service.check_policy(office)
        rows.append({"office": office, "threshold": threshold, "validity": validity})
    return TemplateResponse(
        request,
        "needs/admin/economic_check_policy.html",
        {"form": form, "rows": rows},
        status=status,
    )
