"""The active-discovery screens: the hotline register with its call pages and "make a case",
the visit register with "record a visit" and "make a case", the routine visits due
(必到必访), and "file on someone's behalf" (代办帮办).

Like the case screens: reads through the jurisdiction selectors, changes through one service
each, a caller's name and numbers only on the call's page with the read recorded.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.widgets.button import HeaderButton

from core.admin_lists import RoleListView, list_paths
from core.audit_text import person_name
from core.jurisdiction import GOVERNMENT_ROLES, has_role
from core.views_admin import local_minute
from discovery import forms_registers as f
from discovery import selectors_registers as discovery
from discovery import services as discovery_services
from discovery.filtersets_registers import HotlineCallAdminFilterSet, VisitAdminFilterSet
from discovery.models import HotlineCall, Visit, VisitSchedule
from needs.admin_views.common import (
    CASE_ROLES,
    call_service,
    error_summary,
    household_input,
    require_roles,
)
from needs.models.households import KEY_GROUPS
from needs.services.cases import ReportResult


def _panel(title, url, form, *, name: str, bound: dict, button=None, help_text="") -> dict:
    """An action as _action_form.html shows it."""
    return {
        "title": title,
        "help": help_text,
        "button": button or _("Save"),
        "url": url,
        "form": bound.get(name, form),
        "open": name in bound,
    }


def _form_page(request, *, title: str, form, sections, back_url: str, back_text: str, status=200):
    return TemplateResponse(
        request,
        "discovery/admin/discovery_form.html",
        {
            "title": title,
            "form": form,
            "sections": [
                {"legend": legend, "fields": [form[name] for name in names if name in form.fields]}
                for legend, names in sections
            ],
            "back_url": back_url,
            "back_text": back_text,
            "has_offices": "office" not in form.fields or form.fields["office"].queryset.exists(),
        },
        status=status,
    )


HOUSEHOLD_SECTIONS = [
    (
        gettext_lazy("Where the household lives"),
        ["county", "township", "address_detail", "phone"],
    ),
    (
        gettext_lazy("Head of household"),
        [
            "head_name",
            "head_id_number",
            "head_age",
            "head_has_disability",
            "head_has_serious_illness",
        ],
    ),
    (gettext_lazy("Household status and key groups"), ["statuses", "key_groups"]),
]


def _household_sections():
    return list(HOUSEHOLD_SECTIONS)


# ---- the hotline register ----


def _deadline(due, overdue: bool):
    """A deadline as its local day, marked when passed."""
    text = date_format(timezone.localtime(due), "Y-m-d") if due else "—"
    if overdue:
        return format_html(
            '{} <span class="w-status w-status--primary">{}</span>', text, _("overdue")
        )
    return text


def _case_link(record) -> str:
    if not record.case:
        return "—"
    url = reverse("needs_admin:case_detail", args=[record.case.pk])
    return format_html('<a href="{}">{}</a>', url, record.case.number)


def _hotline_calls(user):
    queryset = HotlineCall.objects.select_related("region", "office", "taken_by", "case")
    return discovery.hotline_calls_visible_to(user, queryset)


HOTLINE_COLUMNS = [
    TitleColumn(
        "call",
        label=gettext_lazy("call"),
        accessor=lambda c: _("Call %(number)s") % {"number": c.pk},
        get_url=lambda c: reverse("discovery_registers:hotline_detail", args=[c.pk]),
        classname="w-whitespace-nowrap",
    ),
    Column(
        "received_at",
        label=gettext_lazy("received at"),
        accessor=lambda c: local_minute(c.received_at),
        classname="w-whitespace-nowrap",
    ),
    Column(
        "status",
        label=gettext_lazy("status"),
        accessor="get_status_display",
        classname="w-whitespace-nowrap",
    ),
    Column(
        "topic",
        label=gettext_lazy("what it is about"),
        accessor="get_topic_display",
        classname="w-whitespace-nowrap",
    ),
    Column("county", label=pgettext_lazy("place", "county"), accessor="region.name"),
    Column(
        "taken_by",
        label=gettext_lazy("taken by (first contact)"),
        # The person only: the office's full name would wrap every row at 1280 px.
        accessor=lambda c: person_name(c.taken_by),
        classname="w-whitespace-nowrap",
    ),
    Column(
        "callback_due",
        label=gettext_lazy("call back by"),
        accessor=lambda c: _deadline(c.callback_due_at, c.is_callback_overdue(timezone.now())),
        classname="w-whitespace-nowrap",
    ),
    Column(
        "result_due",
        label=gettext_lazy("result due by"),
        accessor=lambda c: _deadline(c.result_due_at, c.is_result_overdue(timezone.now())),
        classname="w-whitespace-nowrap",
    ),
    Column("case", label=gettext_lazy("case"), accessor=_case_link),
]


class HotlineListView(RoleListView):
    """The register of the reader's jurisdiction, filtered; no caller data on this page."""

    model = HotlineCall
    roles = tuple(CASE_ROLES)
    page_title = gettext_lazy("Hotline register")
    header_icon = "mail"
    index_url_name = "discovery_registers:hotline_list"
    index_results_url_name = "discovery_registers:hotline_list_results"
    filterset_class = HotlineCallAdminFilterSet
    verbose_name_plural = gettext_lazy("hotline calls")
    add_item_label = gettext_lazy("Record a hotline call")
    columns = HOTLINE_COLUMNS

    def scope(self, queryset):
        return _hotline_calls(self.request.user)

    def get_add_url(self):
        if _is_writer(self.request.user):
            return reverse("discovery_registers:hotline_record")
        return None

    @cached_property
    def header_buttons(self):
        overdue = HeaderButton(
            _("Overdue hotline calls"),
            url=reverse("discovery_registers:hotline_overdue"),
            icon_name="warning",
        )
        return [*super().header_buttons, overdue]


class HotlineOverdueView(RoleListView):
    """Calls past their call-back or result deadline (限时办结), the earliest call-back first."""

    model = HotlineCall
    roles = tuple(CASE_ROLES)
    page_title = gettext_lazy("Overdue hotline calls")
    help_text = gettext_lazy(
        "Calls not called back by their call-back deadline, or without a result by their "
        "result deadline (working days)."
    )
    header_icon = "warning"
    index_url_name = "discovery_registers:hotline_overdue"
    index_results_url_name = "discovery_registers:hotline_overdue_results"
    verbose_name_plural = gettext_lazy("overdue hotline calls")
    columns = HOTLINE_COLUMNS

    def scope(self, queryset):
        calls = discovery.hotline_calls_overdue(self.request.user)
        return calls.select_related("region", "office", "taken_by", "case").order_by(
            "callback_due_at", "id"
        )

    @cached_property
    def header_buttons(self):
        back = HeaderButton(
            _("Back to the hotline register"),
            url=reverse("discovery_registers:hotline_list"),
            icon_name="arrow-left",
        )
        return [back]


def _is_writer(user) -> bool:
    return has_role(user, *GOVERNMENT_ROLES)


def _records_visits(user) -> bool:
    return has_role(user, *discovery.VISIT_RECORDERS)


@require_roles(*GOVERNMENT_ROLES)
def hotline_record(request):
    """Enter a call in the register."""
    form = f.HotlineRecordForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data

            def perform():
                kwargs = {
                    name: data[name]
                    for name in (
                        "office",
                        "caller_name",
                        "caller_phone",
                        "callback_phone",
                        "region",
                        "township",
                        "topic",
                        "need",
                    )
                }
                if data.get("received_at"):
                    kwargs["received_at"] = data["received_at"]
                return discovery_services.hotline_call_record(by=request.user, **kwargs)

            call, status = call_service(form, perform, user=request.user)
            if call is not None:
                messages.success(request, _("The call is in the register."))
                return redirect("discovery_registers:hotline_detail", pk=call.pk)
        error_summary(request, _("Record a hotline call"), form)
    return _form_page(
        request,
        title=_("Record a hotline call"),
        form=form,
        sections=[
            (_("The caller"), ["office", "caller_name", "caller_phone", "callback_phone"]),
            (
                _("The request"),
                ["region", "township", "topic", "need", "received_at"],
            ),
        ],
        back_url=reverse("discovery_registers:hotline_list"),
        back_text=_("Back to the hotline register"),
        status=status,
    )


def _visible_call(request, pk: int) -> HotlineCall:
    calls = HotlineCall.objects.select_related(
        "region", "office", "taken_by", "called_back_by", "closed_by", "case"
    )
    return get_object_or_404(discovery.hotline_calls_visible_to(request.user, calls), pk=pk)


def hotline_page(request, call: HotlineCall, *, bound: dict | None = None, status: int = 200):
    """The call's page: the caller's name and numbers (the read is recorded) and the actions
    its state allows."""
    bound = bound or {}
    user = request.user
    caller = discovery_services.hotline_caller_details(by=user, call=call)
    can_handle = discovery.user_can_handle_register(user, call.region, call.office_id)
    actions = []
    if can_handle and call.status in HotlineCall.OPEN_STATUSES:
        if call.status == HotlineCall.Status.OPEN:
            actions.append(
                _panel(
                    _("Record the call-back"),
                    reverse("discovery_registers:hotline_call_back", args=[call.pk]),
                    f.CallBackForm(auto_id="id_callback_%s"),
                    name="call-back",
                    bound=bound,
                )
            )
        actions.append(
            _panel(
                _("Make a case"),
                reverse("discovery_registers:hotline_to_case", args=[call.pk]),
                f.HotlineToCaseForm(user=user, call=call, auto_id="id_tocase_%s"),
                name="to-case",
                bound=bound,
                button=_("Make a case"),
                help_text=_(
                    "Reports a case through the hotline channel with the household described "
                    "here and closes the call with a link to it."
                ),
            )
        )
        actions.append(
            _panel(
                _("Close without a case"),
                reverse("discovery_registers:hotline_close", args=[call.pk]),
                f.CallCloseForm(auto_id="id_close_%s"),
                name="close",
                bound=bound,
                button=_("Close the call"),
            )
        )
    now = timezone.now()
    return TemplateResponse(
        request,
        "discovery/admin/hotline_detail.html",
        {
            "call": call,
            "caller": caller,
            "region_name": call.region.full_name,
            "callback_overdue": call.is_callback_overdue(now),
            "result_overdue": call.is_result_overdue(now),
            "actions": actions,
            "can_handle": can_handle,
        },
        status=status,
    )


@require_roles(*CASE_ROLES)
def hotline_detail(request, pk: int):
    return hotline_page(request, _visible_call(request, pk))


def _call_action(request, pk: int, *, name: str, title: str, form, perform, success):
    if request.method != "POST":
        return redirect("discovery_registers:hotline_detail", pk=pk)
    call = _visible_call(request, pk)
    status = 200
    if form.is_valid():
        result, status = call_service(form, lambda: perform(call, form), user=request.user)
        if result is not None:
            messages.success(request, success(result))
            if isinstance(result, ReportResult):
                return redirect("needs_admin:case_detail", pk=result.case.pk)
            return redirect("discovery_registers:hotline_detail", pk=call.pk)
    error_summary(request, title, form)
    call.refresh_from_db()
    return hotline_page(request, call, bound={name: form}, status=status)


@require_roles(*GOVERNMENT_ROLES)
def hotline_call_back(request, pk: int):
    return _call_action(
        request,
        pk,
        name="call-back",
        title=_("Record the call-back"),
        form=f.CallBackForm(request.POST, auto_id="id_callback_%s"),
        perform=lambda call, form: discovery_services.hotline_call_back(
            by=request.user, call=call, note=form.cleaned_data["note"]
        ),
        success=lambda call: _("The call-back is recorded."),
    )


@require_roles(*GOVERNMENT_ROLES)
def hotline_close(request, pk: int):
    return _call_action(
        request,
        pk,
        name="close",
        title=_("Close without a case"),
        form=f.CallCloseForm(request.POST, auto_id="id_close_%s"),
        perform=lambda call, form: discovery_services.hotline_call_close(
            by=request.user, call=call, outcome=form.cleaned_data["outcome"]
        ),
        success=lambda call: _("The call is closed."),
    )


@require_roles(*GOVERNMENT_ROLES)
def hotline_to_case(request, pk: int):
    call = _visible_call(request, pk)
    form = f.HotlineToCaseForm(request.POST, user=request.user, call=call, auto_id="id_tocase_%s")

    def perform(call, form):
        data = form.cleaned_data
        return discovery_services.hotline_call_to_case(
            by=request.user,
            call=call,
            household=household_input(form),
            category=data["category"],
            narrative=data["narrative"],
            urgency=data["urgency"],
            is_emergency=data["is_emergency"],
        )

    return _call_action(
        request,
        pk,
        name="to-case",
        title=_("Make a case"),
        form=form,
        perform=perform,
        success=lambda result: _("Case %(number)s recorded.") % {"number": result.case.number},
    )


# ---- visits ----


def _key_group_labels(row) -> list[str]:
    labels = dict(KEY_GROUPS)
    return [str(labels[name]) for name in row.key_groups]


def _needs_help_mark(visit: Visit):
    if not visit.needs_help:
        return "—"
    return format_html('<span class="w-status w-status--primary">{}</span>', _("yes"))


class VisitListView(RoleListView):
    """Visits in the reader's jurisdiction; no names or observations on this page."""

    model = Visit
    roles = tuple(discovery.VISIT_READERS)
    page_title = gettext_lazy("Visits")
    header_icon = "home"
    index_url_name = "discovery_registers:visit_list"
    index_results_url_name = "discovery_registers:visit_list_results"
    filterset_class = VisitAdminFilterSet
    verbose_name_plural = gettext_lazy("visits")
    add_item_label = gettext_lazy("Record a visit")
    columns = [
        TitleColumn(
            "visit",
            label=gettext_lazy("visit"),
            accessor=lambda v: _("Visit %(number)s") % {"number": v.pk},
            get_url=lambda v: reverse("discovery_registers:visit_detail", args=[v.pk]),
            classname="w-whitespace-nowrap",
        ),
        Column(
            "visited_on",
            label=gettext_lazy("visited on"),
            accessor=lambda v: date_format(v.visited_on, "Y-m-d"),
            classname="w-whitespace-nowrap",
        ),
        Column(
            "visitor_kind", label=gettext_lazy("visited by"), accessor="get_visitor_kind_display"
        ),
        Column("county", label=pgettext_lazy("place", "county"), accessor="region.name"),
        Column(
            "key_groups",
            label=gettext_lazy("key groups seen"),
            accessor=lambda v: "；".join(_key_group_labels(v)) or "—",
        ),
        Column(
            "needs_help",
            label=gettext_lazy("needs help now"),
            accessor=_needs_help_mark,
            classname="w-whitespace-nowrap",
        ),
        Column(
            "case", label=gettext_lazy("case"), accessor=_case_link, classname="w-whitespace-nowrap"
        ),
    ]

    def scope(self, queryset):
        visits = Visit.objects.select_related("region", "office", "recorded_by", "case")
        return discovery.visits_visible_to(self.request.user, visits)

    def get_add_url(self):
        if _records_visits(self.request.user):
            return reverse("discovery_registers:visit_record")
        return None

    @cached_property
    def header_buttons(self):
        due = HeaderButton(
            _("Routine visits due"),
            url=reverse("discovery_registers:visits_due"),
            icon_name="date",
        )
        return [*super().header_buttons, due]


@require_roles(*discovery.VISIT_RECORDERS)
def visit_record(request):
    """Record a visit: to a household on record (``?household=<id>``, as the routine visits
    due link it) or to a household described here. A village assistant sees only the
    households of their village's grids and places a new one in one of those grids."""
    household = None
    household_id = request.GET.get("household") or request.POST.get("household")
    if household_id:
        if not str(household_id).isdigit():
            return redirect("discovery_registers:visit_record")
        household = get_object_or_404(discovery.households_to_visit(request.user), pk=household_id)
    form = f.VisitRecordForm(
        request.POST or None,
        user=request.user,
        household=household,
        initial={"visited_on": timezone.localdate()},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data

            def perform():
                return discovery_services.visit_record(
                    by=request.user,
                    office=data["office"],
                    visited_on=data["visited_on"],
                    observations=data["observations"],
                    visitor_kind=data["visitor_kind"],
                    visitor_name=data["visitor_name"],
                    household=household,
                    household_input=None if household else household_input(form),
                    key_groups=data.get("key_groups", []),
                    needs_help=data["needs_help"],
                    grid=data.get("grid"),
                )

            visit, status = call_service(form, perform, user=request.user)
            if visit is not None:
                messages.success(request, _("The visit is recorded."))
                return redirect("discovery_registers:visit_detail", pk=visit.pk)
        error_summary(request, _("Record a visit"), form)
    sections = [
        (
            _("The visit"),
            ["office", "visited_on", "visitor_kind", "visitor_name", "observations", "needs_help"],
        ),
    ]
    if household is None:
        where, *others = _household_sections()
        # A village assistant places the new household in a grid of their village.
        sections += [(where[0], ["county", "grid", *where[1][1:]]), *others]
    else:
        sections.append((_("Key groups seen"), ["key_groups"]))
    response = _form_page(
        request,
        title=_("Record a visit"),
        form=form,
        sections=sections,
        back_url=reverse("discovery_registers:visit_list"),
        back_text=_("Back to the visits"),
        status=status,
    )
    response.context_data["household"] = household
    response.context_data["with_members"] = household is None
    return response


def _visible_visit(request, pk: int) -> Visit:
    visits = Visit.objects.select_related(
        "region",
        "office",
        "recorded_by",
        "case",
        "household__visit_schedule",
        "help_office",
        "help_dealt_with_by",
    )
    return get_object_or_404(discovery.visits_visible_to(request.user, visits), pk=pk)


def visit_page(request, visit: Visit, *, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    discovery_services.visit_read_record(by=request.user, visit=visit)
    can_handle = discovery.user_can_handle_register(request.user, visit.region, visit.office_id)
    actions = []
    if can_handle and visit.case_id is None:
        actions.append(
            _panel(
                _("Make a case"),
                reverse("discovery_registers:visit_to_case", args=[visit.pk]),
                f.VisitToCaseForm(auto_id="id_tocase_%s"),
                name="to-case",
                bound=bound,
                button=_("Make a case"),
                help_text=_(
                    "Reports a case through the grid-worker channel on the visited household."
                ),
            )
        )
    help_waiting = discovery.visit_help_waiting(visit)
    if help_waiting and discovery.user_can_act_on_help(request.user, visit):
        actions.append(
            _panel(
                _("Mark the call for help dealt with"),
                reverse("discovery_registers:visit_help_dealt_with", args=[visit.pk]),
                f.VisitHelpDealtWithForm(auto_id="id_dealt_%s"),
                name="dealt-with",
                bound=bound,
                button=_("Mark dealt with"),
                help_text=_(
                    "The visit found that the household needs help now. Make a case for it, "
                    "or say here what was done: the visit then leaves the 待办."
                ),
            )
        )
    schedule = getattr(visit.household, "visit_schedule", None)
    return TemplateResponse(
        request,
        "discovery/admin/visit_detail.html",
        {
            "visit": visit,
            "key_groups": _key_group_labels(visit),
            "region_name": visit.region.full_name,
            "recorded_by": person_name(visit.recorded_by),
            "help_waiting": help_waiting,
            "help_dealt_with_by": (
                person_name(visit.help_dealt_with_by) if visit.help_dealt_with_by else ""
            ),
            "schedule": schedule,
            "actions": actions,
            "can_handle": can_handle,
            "can_visit_again": _records_visits(request.user)
            and discovery.households_to_visit(request.user).filter(pk=visit.household_id).exists(),
        },
        status=status,
    )


@require_roles(*discovery.VISIT_READERS)
def visit_detail(request, pk: int):
    return visit_page(request, _visible_visit(request, pk))


@require_roles(*GOVERNMENT_ROLES)
def visit_to_case(request, pk: int):
    if request.method != "POST":
        return redirect("discovery_registers:visit_detail", pk=pk)
    visit = _visible_visit(request, pk)
    form = f.VisitToCaseForm(request.POST, auto_id="id_tocase_%s")
    status = 200
    if form.is_valid():
        data = form.cleaned_data
        result, status = call_service(
            form,
            lambda: discovery_services.visit_to_case(
                by=request.user,
                visit=visit,
                category=data["category"],
                narrative=data["narrative"],
                urgency=data["urgency"],
                is_emergency=data["is_emergency"],
            ),
            user=request.user,
        )
        if result is not None:
            messages.success(
                request, _("Case %(number)s recorded.") % {"number": result.case.number}
            )
            return redirect("needs_admin:case_detail", pk=result.case.pk)
    error_summary(request, _("Make a case"), form)
    visit.refresh_from_db()
    return visit_page(request, visit, bound={"to-case": form}, status=status)


@require_roles(*GOVERNMENT_ROLES)
def visit_help_dealt_with(request, pk: int):
    if request.method != "POST":
        return redirect("discovery_registers:visit_detail", pk=pk)
    visit = _visible_visit(request, pk)
    form = f.VisitHelpDealtWithForm(request.POST, auto_id="id_dealt_%s")
    status = 200
    if form.is_valid():
        result, status = call_service(
            form,
            lambda: discovery_services.visit_help_dealt_with(
                by=request.user, visit=visit, note=form.cleaned_data["note"]
            ),
            user=request.user,
        )
        if result is not None:
            messages.success(request, _("The call for help is marked dealt with."))
            return redirect("discovery_registers:visit_detail", pk=visit.pk)
    error_summary(request, _("Mark the call for help dealt with"), form)
    visit = _visible_visit(request, pk)
    return visit_page(request, visit, bound={"dealt-with": form}, status=status)


class VisitsDueView(RoleListView):
    """Key-group households whose routine visit (必到必访) is past due, most overdue first."""

    model = VisitSchedule
    roles = tuple(discovery.VISIT_READERS)
    page_title = gettext_lazy("Routine visits due")
    help_text = gettext_lazy(
        "Key-group households (必到必访) whose routine visit is past due, most overdue first."
    )
    header_icon = "date"
    index_url_name = "discovery_registers:visits_due"
    index_results_url_name = "discovery_registers:visits_due_results"
    verbose_name_plural = gettext_lazy("routine visits due")

    def scope(self, queryset):
        schedules = discovery.visit_schedules_overdue(self.request.user, today=self.today)
        return schedules.select_related("region", "office").order_by("next_due_on", "id")

    @cached_property
    def today(self):
        return timezone.localdate()

    @cached_property
    def columns(self):
        columns = [
            Column("household", label=gettext_lazy("household"), accessor=str_household),
            Column("county", label=pgettext_lazy("place", "county"), accessor="region.name"),
            Column("office", label=gettext_lazy("office"), accessor="office.name"),
            Column("interval", label=gettext_lazy("visit every (days)"), accessor="interval_days"),
            Column(
                "last_visited_on",
                label=gettext_lazy("last visited on"),
                accessor=lambda s: (
                    date_format(s.last_visited_on, "Y-m-d") if s.last_visited_on else "—"
                ),
                classname="w-whitespace-nowrap",
            ),
            Column(
                "next_due_on",
                label=gettext_lazy("next visit due"),
                accessor=lambda s: date_format(s.next_due_on, "Y-m-d"),
                classname="w-whitespace-nowrap",
            ),
            Column(
                "days_late",
                label=gettext_lazy("days late"),
                accessor=lambda s: format_html(
                    '<span class="w-status w-status--primary">{}</span>', self.days_late(s)
                ),
            ),
        ]
        if _records_visits(self.request.user):
            columns.append(
                Column(
                    "record",
                    label=gettext_lazy("Actions"),
                    accessor=lambda s: format_html(
                        '<a class="button button-small" href="{}?household={}">{}</a>',
                        reverse("discovery_registers:visit_record"),
                        s.household_id,
                        _("Record a visit"),
                    ),
                    classname="w-whitespace-nowrap",
                )
            )
        return columns

    def days_late(self, schedule: VisitSchedule) -> int:
        return (self.today - schedule.next_due_on).days

    @cached_property
    def header_buttons(self):
        back = HeaderButton(
            _("Back to the visits"),
            url=reverse("discovery_registers:visit_list"),
            icon_name="arrow-left",
        )
        return [back]


def str_household(schedule: VisitSchedule) -> str:
    return str(schedule.household)


# ---- proxy application ----


@require_roles(*GOVERNMENT_ROLES)
def proxy_application(request):
    """File a case on behalf of someone who cannot apply (代办帮办)."""
    form = f.ProxyApplicationForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data

            def perform():
                return discovery_services.proxy_application_file(
                    by=request.user,
                    office=data["office"],
                    category=data["category"],
                    narrative=data["narrative"],
                    household=household_input(form),
                    filed_for_name=data["filed_for_name"],
                    reason=data["reason"],
                    reason_note=data["reason_note"],
                    proxy_name=data["proxy_name"],
                    urgency=data["urgency"],
                    is_emergency=data["is_emergency"],
                )

            result, status = call_service(form, perform, user=request.user)
            if result is not None:
                messages.success(
                    request, _("Case %(number)s recorded.") % {"number": result.case.number}
                )
                return redirect("needs_admin:case_detail", pk=result.case.pk)
        error_summary(request, _("File on someone's behalf"), form)
    response = _form_page(
        request,
        title=_("File on someone's behalf"),
        form=form,
        sections=[
            (
                _("On whose behalf"),
                ["office", "filed_for_name", "reason", "reason_note", "proxy_name"],
            ),
            (
                _("The case"),
                ["category", "narrative", "urgency", "is_emergency"],
            ),
            *_household_sections(),
        ],
        back_url=reverse("needs_admin:case_list"),
        back_text=_("Back to the case list"),
        status=status,
    )
    response.context_data["with_members"] = True
    return response


urlpatterns = [
    path("cases/proxy/", proxy_application, name="proxy_application"),
    *list_paths("hotline/", "hotline_list", HotlineListView),
    path("hotline/new/", hotline_record, name="hotline_record"),
    *list_paths("hotline/overdue/", "hotline_overdue", HotlineOverdueView),
    path("hotline/<int:pk>/", hotline_detail, name="hotline_detail"),
    path("hotline/<int:pk>/call-back/", hotline_call_back, name="hotline_call_back"),
    path("hotline/<int:pk>/close/", hotline_close, name="hotline_close"),
    path("hotline/<int:pk>/to-case/", hotline_to_case, name="hotline_to_case"),
    *list_paths("visits/", "visit_list", VisitListView),
    path("visits/new/", visit_record, name="visit_record"),
    *list_paths("visits/due/", "visits_due", VisitsDueView),
    path("visits/<int:pk>/", visit_detail, name="visit_detail"),
    path("visits/<int:pk>/to-case/", visit_to_case, name="visit_to_case"),
    path(
        "visits/<int:pk>/help-dealt-with/",
        visit_help_dealt_with,
        name="visit_help_dealt_with",
    ),
]
