"""The back-office screens of the petition register (信访台账), in the style of the other
discovery registers (discovery.admin_registers): reads through the jurisdiction selectors,
changes through one service each, the petitioner's name, phone and ID number only on the
petition's page with the read recorded."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn

from core.admin_lists import RoleListView, list_paths
from core.jurisdiction import GOVERNMENT_ROLES
from core.views_admin import local_minute
from discovery import forms_petitions as f
from discovery import selectors_petitions as selectors
from discovery import services
from discovery.admin_registers import _form_page, _is_writer, _panel
from discovery.filtersets_petitions import PetitionAdminFilterSet
from discovery.models import Petition
from discovery.selectors_registers import user_can_handle_register
from needs.admin_views.common import (
    CASE_ROLES,
    call_service,
    error_summary,
    household_input,
    require_roles,
)
from needs.services.cases import ReportResult

# ---- the petition register ----


def _petitions(user):
    queryset = Petition.objects.select_related("region", "office", "registered_by", "case")
    return selectors.petitions_visible_to(user, queryset)


def _due_text(petition: Petition) -> str:
    """The next time limit (acceptance, then handling), marked when passed."""
    if petition.status == Petition.Status.RECEIVED:
        due = petition.accept_due_at
    else:
        due = petition.handle_due_at
    text = date_format(timezone.localtime(due), "Y-m-d") if due else "—"
    if petition.is_overdue(timezone.now()):
        return format_html(
            '{} <span class="w-status w-status--primary">{}</span>', text, _("overdue")
        )
    return text


def _case_link(petition: Petition) -> str:
    if not petition.case:
        return "—"
    url = reverse("needs_admin:case_detail", args=[petition.case.pk])
    return format_html('<a href="{}">{}</a>', url, petition.case.number)


class PetitionListView(RoleListView):
    """The register of the reader's jurisdiction, filtered; no petitioner data on this page."""

    model = Petition
    roles = tuple(CASE_ROLES)
    page_title = gettext_lazy("Petition register")
    help_text = gettext_lazy(
        "Time limits of the Regulations on Letters and Visits: acceptance decided within 15 "
        "days of receipt, an accepted petition handled within 60 days, extended at most once "
        "by 30 days."
    )
    header_icon = "mail"
    index_url_name = "discovery_admin:petition_list"
    index_results_url_name = "discovery_admin:petition_list_results"
    filterset_class = PetitionAdminFilterSet
    verbose_name_plural = gettext_lazy("petitions")
    add_item_label = gettext_lazy("Register a petition")
    columns = [
        TitleColumn(
            "petition",
            label=gettext_lazy("petition"),
            accessor=lambda p: _("Petition %(number)s") % {"number": p.pk},
            get_url=lambda p: reverse("discovery_admin:petition_detail", args=[p.pk]),
        ),
        Column(
            "received_at",
            label=gettext_lazy("received at"),
            accessor=lambda p: local_minute(p.received_at),
        ),
        Column("form", label=gettext_lazy("form"), accessor="get_form_display"),
        Column("status", label=gettext_lazy("status"), accessor="get_status_display"),
        Column("county", label=pgettext_lazy("place", "county"), accessor="region.name"),
        Column("office", label=gettext_lazy("handling office"), accessor="office.name"),
        Column("due", label=gettext_lazy("due by"), accessor=_due_text),
        Column("case", label=gettext_lazy("case"), accessor=_case_link),
    ]

    def scope(self, queryset):
        return _petitions(self.request.user)

    def get_add_url(self):
        if _is_writer(self.request.user):
            return reverse("discovery_admin:petition_register")
        return None


@require_roles(*GOVERNMENT_ROLES)
def petition_register(request):
    form = f.PetitionRegisterForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data

            def perform():
                kwargs = {
                    name: data[name]
                    for name in (
                        "office",
                        "form",
                        "petitioner_name",
                        "petitioner_phone",
                        "petitioner_id_number",
                        "region",
                        "township",
                        "demand",
                    )
                }
                if data.get("received_at"):
                    kwargs["received_at"] = data["received_at"]
                return services.petition_register(by=request.user, **kwargs)

            petition, status = call_service(form, perform, user=request.user)
            if petition is not None:
                messages.success(request, _("The petition is in the register."))
                return redirect("discovery_admin:petition_detail", pk=petition.pk)
        error_summary(request, _("Register a petition"), form)
    return _form_page(
        request,
        title=_("Register a petition"),
        form=form,
        sections=[
            (
                _("The petitioner"),
                ["office", "form", "petitioner_name", "petitioner_phone", "petitioner_id_number"],
            ),
            (_("The demand"), ["region", "township", "demand", "received_at"]),
        ],
        back_url=reverse("discovery_admin:petition_list"),
        back_text=_("Back to the petition register"),
        status=status,
    )


def petition_page(request, petition: Petition, *, bound: dict | None = None, status: int = 200):
    """The petition's page: the petitioner (the read is recorded) and the actions its state
    allows."""
    bound = bound or {}
    user = request.user
    petitioner = services.petitioner_details(by=user, petition=petition)
    can_handle = user_can_handle_register(user, petition.region, petition.office_id)
    actions = []
    url = lambda name: reverse(f"discovery_admin:petition_{name}", args=[petition.pk])  # noqa: E731
    if can_handle and petition.status == Petition.Status.RECEIVED:
        actions.append(
            _panel(
                _("Decide on acceptance"),
                url("decide"),
                f.PetitionDecideForm(auto_id="id_decide_%s"),
                name="decide",
                bound=bound,
            )
        )
    if can_handle and petition.status == Petition.Status.ACCEPTED:
        if not petition.extended_days:
            actions.append(
                _panel(
                    _("Extend the handling"),
                    url("extend"),
                    f.PetitionExtendForm(auto_id="id_extend_%s"),
                    name="extend",
                    bound=bound,
                )
            )
        actions.append(
            _panel(
                _("Record the reply"),
                url("reply"),
                f.PetitionReplyForm(auto_id="id_reply_%s"),
                name="reply",
                bound=bound,
            )
        )
    if can_handle and petition.status in Petition.OPEN_STATUSES and petition.case_id is None:
        actions.append(
            _panel(
                _("Make a case"),
                url("to_case"),
                f.PetitionToCaseForm(user=user, petition=petition, auto_id="id_tocase_%s"),
                name="to-case",
                bound=bound,
                button=_("Make a case"),
                help_text=_(
                    "Reports a case through the petition channel with the household described "
                    "here and links it to the petition, which stays open until it is replied to."
                ),
            )
        )
    now = timezone.now()
    return TemplateResponse(
        request,
        "discovery/admin/petition_detail.html",
        {
            "petition": petition,
            "petitioner": petitioner,
            "region_name": petition.region.full_name,
            "accept_overdue": petition.is_accept_overdue(now),
            "handle_overdue": petition.is_handle_overdue(now),
            "actions": actions,
            "can_handle": can_handle,
        },
        status=status,
    )


def _visible_petition(request, pk: int) -> Petition:
    return get_object_or_404(_petitions(request.user), pk=pk)


@require_roles(*CASE_ROLES)
def petition_detail(request, pk: int):
    return petition_page(request, _visible_petition(request, pk))


def _petition_action(request, pk: int, *, name: str, title: str, form, perform, success):
    if request.method != "POST":
        return redirect("discovery_admin:petition_detail", pk=pk)
    petition = _visible_petition(request, pk)
    status = 200
    if form.is_valid():
        result, status = call_service(form, lambda: perform(petition, form), user=request.user)
        if result is not None:
            messages.success(request, success(result))
            if isinstance(result, ReportResult):
                return redirect("needs_admin:case_detail", pk=result.case.pk)
            return redirect("discovery_admin:petition_detail", pk=petition.pk)
    error_summary(request, title, form)
    petition.refresh_from_db()
    return petition_page(request, petition, bound={name: form}, status=status)


@require_roles(*GOVERNMENT_ROLES)
def petition_decide(request, pk: int):
    def perform(petition, form):
        data = form.cleaned_data
        return services.petition_decide(
            by=request.user,
            petition=petition,
            accept=data["accept"],
            reason=data["reason"],
            decided_at=data.get("decided_at"),
        )

    return _petition_action(
        request,
        pk,
        name="decide",
        title=_("Decide on acceptance"),
        form=f.PetitionDecideForm(request.POST, auto_id="id_decide_%s"),
        perform=perform,
        success=lambda p: _("The decision is recorded."),
    )


@require_roles(*GOVERNMENT_ROLES)
def petition_extend(request, pk: int):
    return _petition_action(
        request,
        pk,
        name="extend",
        title=_("Extend the handling"),
        form=f.PetitionExtendForm(request.POST, auto_id="id_extend_%s"),
        perform=lambda petition, form: services.petition_extend(
            by=request.user, petition=petition, **f.service_data(form)
        ),
        success=lambda p: _("The handling is extended."),
    )


@require_roles(*GOVERNMENT_ROLES)
def petition_reply(request, pk: int):
    return _petition_action(
        request,
        pk,
        name="reply",
        title=_("Record the reply"),
        form=f.PetitionReplyForm(request.POST, auto_id="id_reply_%s"),
        perform=lambda petition, form: services.petition_reply(
            by=request.user,
            petition=petition,
            reply=form.cleaned_data["reply"],
            replied_at=form.cleaned_data.get("replied_at"),
        ),
        success=lambda p: _("The reply is recorded."),
    )


@require_roles(*GOVERNMENT_ROLES)
def petition_to_case(request, pk: int):
    petition = _visible_petition(request, pk)
    form = f.PetitionToCaseForm(
        request.POST, user=request.user, petition=petition, auto_id="id_tocase_%s"
    )

    def perform(petition, form):
        data = form.cleaned_data
        return services.petition_to_case(
            by=request.user,
            petition=petition,
            household=household_input(form),
            category=data["category"],
            narrative=data["narrative"],
            urgency=data["urgency"],
            is_emergency=data["is_emergency"],
        )

    return _petition_action(
        request,
        pk,
        name="to-case",
        title=_("Make a case"),
        form=form,
        perform=perform,
        success=lambda result: _("Case %(number)s recorded.") % {"number": result.case.number},
    )


urlpatterns = [
    *list_paths("petitions/", "petition_list", PetitionListView),
    path("petitions/new/", petition_register, name="petition_register"),
    path("petitions/<int:pk>/", petition_detail, name="petition_detail"),
    path("petitions/<int:pk>/decide/", petition_decide, name="petition_decide"),
    path("petitions/<int:pk>/extend/", petition_extend, name="petition_extend"),
    path("petitions/<int:pk>/reply/", petition_reply, name="petition_reply"),
    path("petitions/<int:pk>/to-case/", petition_to_case, name="petition_to_case"),
]
