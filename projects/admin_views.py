"""The projects back office in the Wagtail admin: charity staff list their charity's projects,
post and edit them, and open, pause or close them. Auditors and platform administrators see
every project.

Thin edges, like the API: reads go through projects.selectors, every change through one
service, and a rule the service refuses comes back onto the form with nothing written.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, TitleColumn

from core import form_tokens
from core.admin_lists import RoleListView, list_paths
from core.charity_law import public_fundraising_problem
from core.jurisdiction import Role
from core.views_admin import local_minute
from donors.selectors import available_fen
from needs.admin_views.common import forbidden, money, require_roles
from projects import eligibility, selectors, services
from projects.admin_forms import OfferForm, ProgressUpdateForm, ProjectForm, StatusForm
from projects.conditions import Condition
from projects.filtersets import ProjectAdminFilterSet
from projects.models import Project, ProjectUpdate

Status = Project.Status
ADMIN_ROLES = selectors.PROJECT_INSIDERS

# The button for each status a project can move to, from where it is.
STATUS_BUTTONS = {
    (Status.DRAFT, Status.OPEN): gettext_lazy("Open for referrals"),
    (Status.OPEN, Status.PAUSED): gettext_lazy("Pause"),
    (Status.PAUSED, Status.OPEN): gettext_lazy("Resume"),
    (Status.OPEN, Status.CLOSED): gettext_lazy("Close for good"),
    (Status.PAUSED, Status.CLOSED): gettext_lazy("Close for good"),
}
STATUS_DONE = {
    "project.open": gettext_lazy("The project is open: caseworkers can now refer cases to it."),
    "project.pause": gettext_lazy("The project is paused: no new referrals until it resumes."),
    "project.resume": gettext_lazy("The project is open again."),
    "project.close": gettext_lazy("The project is closed."),
}


def managed_projects(user):
    queryset = Project.objects.select_related("organisation").prefetch_related("regions")
    return selectors.projects_managed_by(user, queryset)


def labels(codes: list[str], choices: list[tuple[str, str]]) -> list[str]:
    names = dict(choices)
    return [str(names.get(code, code)) for code in codes]


def error_summary(request, form: ProjectForm) -> None:
    messages.error(request, _("Not saved. %(reasons)s") % {"reasons": " ".join(form.error_texts())})


def call_service(form: ProjectForm, perform, *, user) -> tuple[object | None, int]:
    """Run ``perform`` in one transaction with the form's one-time token spent in it
    (core.form_tokens: a second post of the same form does nothing); a refusal goes onto the
    form. Returns (result or None, HTTP status for the page shown again)."""
    try:
        with transaction.atomic():
            token = form.cleaned_data.get(form_tokens.FIELD)
            form_tokens.spend(user=user, token=token, scope=type(form).__name__)
            return perform(), 200
    except form_tokens.AlreadySubmitted:
        form_tokens.refuse_on(form)
        return None, 200
    except ValidationError as error:
        form.add_service_error(error)
        return None, 200
    except PermissionDenied as error:
        form.add_error(None, str(error) or _("You may not do this."))
        return None, 403


def named_messages(error: ValidationError) -> list[str]:
    """A service's refusal as lines prefixed with the project field they are about, for the
    messages bar of a screen that has no form for those fields."""
    if not hasattr(error, "error_dict"):
        return error.messages
    lines = []
    for name, errors in error.message_dict.items():
        try:
            label = Project._meta.get_field(name).verbose_name
        except FieldDoesNotExist:
            label = None
        lines.extend(f"{label}: {message}" if label else message for message in errors)
    return lines


class ProjectListView(RoleListView):
    """The projects of the user's charity (every project for auditors and administrators)."""

    model = Project
    roles = tuple(ADMIN_ROLES)
    page_title = gettext_lazy("Charity projects")
    header_icon = "doc-full-inverse"
    index_url_name = "projects_admin:project_list"
    index_results_url_name = "projects_admin:project_list_results"
    filterset_class = ProjectAdminFilterSet
    verbose_name_plural = gettext_lazy("projects")
    columns = [
        TitleColumn(
            "title",
            label=gettext_lazy("title"),
            get_url=lambda p: reverse("projects_admin:project_detail", args=[p.pk]),
        ),
        Column("charity", label=gettext_lazy("charity"), accessor="organisation.name"),
        Column("status", label=gettext_lazy("status"), accessor="get_status_display"),
        Column(
            "categories",
            label=gettext_lazy("categories covered"),
            accessor=lambda p: (
                "、".join(labels(p.categories, eligibility.category_choices())) or "—"
            ),
        ),
        Column(
            "regions",
            label=gettext_lazy("regions covered"),
            accessor=lambda p: "、".join(region.name for region in p.regions.all()) or "—",
        ),
        Column(
            "cap", label=gettext_lazy("per-case cap"), accessor=lambda p: money(p.per_case_cap_fen)
        ),
        Column(
            "target",
            label=gettext_lazy("budget target"),
            accessor=lambda p: money(p.budget_target_fen),
        ),
        Column(
            "updated_at",
            label=gettext_lazy("updated at"),
            accessor=lambda p: local_minute(p.updated_at),
        ),
    ]

    def scope(self, queryset):
        return selectors.projects_managed_by(
            self.request.user, queryset.select_related("organisation").prefetch_related("regions")
        )

    def get_add_url(self):
        if selectors.charities_managed_by(self.request.user).exists():
            return reverse("projects_admin:project_create")
        return None

    add_item_label = gettext_lazy("Post a project")


@require_roles(*ADMIN_ROLES)
def project_detail(request, pk: int):
    project = get_object_or_404(managed_projects(request.user), pk=pk)
    can_manage = selectors.user_can_manage_projects_of(request.user, project.organisation_id)
    moves = [
        {"status": after, "label": STATUS_BUTTONS[(project.status, after)]}
        for after in (Status.OPEN, Status.PAUSED, Status.CLOSED)
        if can_manage and after in services.STATUS_MOVES[project.status]
    ]
    context = {
        "project": project,
        "can_edit": can_manage and project.status != Status.CLOSED,
        "moves": moves,
        "regions": [region.full_name for region in project.regions.all()],
        "categories": labels(project.categories, eligibility.category_choices()),
        "statuses": labels(project.eligible_statuses, eligibility.household_status_choices()),
        "key_groups": labels(project.eligible_key_groups, eligibility.key_group_choices()),
        "conditions": labels(project.conditions, Condition.choices),
        "cap": money(project.per_case_cap_fen),
        "target": money(project.budget_target_fen),
        "available": money(available_fen(project)),
        # Why the public cannot give to it now, if so (core.charity_law): the staff see it
        # before a donor is refused.
        "fundraising_problem": (
            public_fundraising_problem(project, project.organisation) or (None, "", "")
        )[1],
        "updates": project.updates.select_related("author"),
        "can_write_updates": services.may_write_progress_updates(request.user, project)
        and project.status != Status.DRAFT,
    }
    return TemplateResponse(request, "projects/admin/project_detail.html", context)


@require_roles(*selectors.PROJECT_MANAGERS)
def project_create(request):
    charities = selectors.charities_managed_by(request.user)
    if not charities.exists():
        return forbidden(request, _("You are not staff of an active charity."))
    form = ProjectForm(request.POST or None, charities=charities)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            project, status = call_service(
                form,
                lambda: services.project_create(
                    by=request.user,
                    organisation=form.cleaned_data["organisation"],
                    **form.service_fields(),
                ),
                user=request.user,
            )
            if form_tokens.was_repeated(form):
                messages.info(request, str(form_tokens.ALREADY_SUBMITTED))
                return redirect("projects_admin:project_list")
            if project is not None:
                messages.success(
                    request,
                    _("Project “%(title)s” saved as a draft. Open it when it is ready.")
                    % {"title": project.title},
                )
                return redirect("projects_admin:project_detail", pk=project.pk)
        error_summary(request, form)
    return TemplateResponse(
        request,
        "projects/admin/project_form.html",
        {"form": form, "project": None, "ask_organisation": charities.count() > 1},
        status=status,
    )


@require_roles(*selectors.PROJECT_MANAGERS)
def project_edit(request, pk: int):
    project = get_object_or_404(managed_projects(request.user), pk=pk)
    form = ProjectForm(request.POST or None, project=project)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            result, status = call_service(
                form,
                lambda: services.project_update(
                    by=request.user, project=project, **form.service_fields()
                ),
                user=request.user,
            )
            if result is not None:
                messages.success(request, _("Project “%(title)s” saved.") % {"title": result})
                return redirect("projects_admin:project_detail", pk=project.pk)
        error_summary(request, form)
    return TemplateResponse(
        request,
        "projects/admin/project_form.html",
        {"form": form, "project": project, "ask_organisation": False},
        status=status,
    )


@require_POST
@require_roles(*selectors.PROJECT_MANAGERS)
def project_set_status(request, pk: int):
    project = get_object_or_404(managed_projects(request.user), pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the project."))
        return redirect("projects_admin:project_detail", pk=project.pk)
    before, after = project.status, form.cleaned_data["status"]
    try:
        services.project_set_status(by=request.user, project=project, status=after)
    except PermissionDenied as error:
        return forbidden(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(named_messages(error)))
    else:
        messages.success(request, str(STATUS_DONE[services.STATUS_ACTIONS[(before, after)]]))
    return redirect("projects_admin:project_detail", pk=project.pk)


@require_roles(Role.CHARITY_STAFF)
def progress_update_create(request, pk: int):
    """Write a progress update of one of the charity's own projects (403 for anybody else:
    the service decides)."""
    project = get_object_or_404(managed_projects(request.user), pk=pk)
    if not services.may_write_progress_updates(request.user, project):
        return forbidden(
            request, _("Only this charity's own staff may write its progress updates.")
        )
    form = ProgressUpdateForm(
        request.POST or None, initial={"date": timezone.localdate(), "is_published": True}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            update, status = call_service(
                form,
                lambda: services.progress_update_create(
                    by=request.user,
                    project=project,
                    date=form.cleaned_data["date"],
                    text=form.cleaned_data["text"],
                    is_published=form.cleaned_data["is_published"],
                ),
                user=request.user,
            )
            if form_tokens.was_repeated(form):
                messages.info(request, str(form_tokens.ALREADY_SUBMITTED))
                return redirect("projects_admin:project_detail", pk=project.pk)
            if update is not None:
                messages.success(
                    request,
                    _("Progress update saved and published.")
                    if update.is_published
                    else _("Progress update saved; it is not published."),
                )
                return redirect("projects_admin:project_detail", pk=project.pk)
        error_summary(request, form)
    return TemplateResponse(
        request,
        "projects/admin/progress_update_form.html",
        {"form": form, "project": project},
        status=status,
    )


@require_POST
@require_roles(Role.CHARITY_STAFF)
def progress_update_publish(request, pk: int, update_pk: int):
    """Show (``publish=1``) or hide (``publish=0``) a progress update on the public page."""
    project = get_object_or_404(managed_projects(request.user), pk=pk)
    update = get_object_or_404(ProjectUpdate, project=project, pk=update_pk)
    try:
        services.progress_update_set_published(
            by=request.user, update=update, is_published=request.POST.get("publish") == "1"
        )
    except PermissionDenied as error:
        return forbidden(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Progress update changed."))
    return redirect("projects_admin:project_detail", pk=project.pk)


MATCHES_SHOWN = 50


def _match_rows(request, project: Project, bound: OfferForm | None) -> list[dict]:
    """The project's matched needs as the charity reads them: anonymized (category, county,
    gap, urgency, the published need's title), each with its score and an offer form, or the
    offer already waiting for the caseworker."""
    from needs.models import Case, Offer
    from search.engine import get_engine

    engine = get_engine()
    facts = engine.open_project(project.pk)
    if facts is None:
        return []
    matches = engine.needs_for(facts, limit=MATCHES_SHOWN)
    waiting = set(
        Offer.objects.filter(
            project=project, status=Offer.Status.OPEN, case_id__in=[m.need.case_id for m in matches]
        ).values_list("case_id", flat=True)
    )
    rows = []
    for match in matches:
        need = match.need
        posted = bound is not None and bound.data.get("case") == str(need.case_id)
        rows.append(
            {
                "case_id": need.case_id,
                "title": need.need_title or Case.Category(need.category).label,
                "category": Case.Category(need.category).label,
                "county": need.county_name,
                "gap": money(need.gap_fen),
                "urgency": Case.Urgency(need.urgency).label,
                "waiting_days": round(need.waiting_days, 1),
                "score": match.score,
                "signals": match.signals,
                "offered": need.case_id in waiting,
                "form": bound
                if posted
                else OfferForm(
                    initial={"case": need.case_id}, auto_id=f"id_offer{need.case_id}_%s"
                ),
            }
        )
    return rows


def _offer_rows(project: Project) -> list[dict]:
    """The project's offers, newest first, named by the anonymized need (never the case)."""
    from needs.models import Case, Need

    offers = list(project.offers.select_related("case__region", "referral")[:100])
    titles = dict(
        Need.objects.filter(
            case_id__in=[o.case_id for o in offers], status=Need.Status.PUBLISHED
        ).values_list("case_id", "title")
    )
    return [
        {
            "offer": offer,
            "title": titles.get(offer.case_id) or Case.Category(offer.case.category).label,
            "county": offer.case.region.name,
            "amount": money(offer.amount_fen),
            "referral": offer.referral.get_status_display() if offer.referral else "",
        }
        for offer in offers
    ]


def _matches_page(request, project: Project, bound: OfferForm | None = None, status=200):
    is_open = project.status == Status.OPEN
    return TemplateResponse(
        request,
        "projects/admin/project_matches.html",
        {
            "project": project,
            "is_open": is_open,
            "can_offer": is_open
            and selectors.user_can_manage_projects_of(request.user, project.organisation_id),
            "rows": _match_rows(request, project, bound) if is_open else [],
            "offers": _offer_rows(project),
        },
        status=status,
    )


@require_roles(*ADMIN_ROLES)
def project_matches(request, pk: int):
    """The needs the project matches (search.engine: every hard rule of the policy, money
    included), anonymized, with an offer of help for each, and the project's offers so far."""
    return _matches_page(request, get_object_or_404(managed_projects(request.user), pk=pk))


@require_POST
@require_roles(*selectors.PROJECT_MANAGERS)
def project_offer(request, pk: int):
    """Offer help for one matched need (needs.services.offers.offer_create): the caseworker
    finds it on the 待办. A refusal comes back onto the row's form, nothing written."""
    from needs.models import Case
    from needs.services.offers import offer_create

    project = get_object_or_404(managed_projects(request.user), pk=pk)
    form = OfferForm(request.POST, auto_id=f"id_offer{request.POST.get('case', '')}_%s")
    status = 200
    if form.is_valid():
        case = Case.objects.filter(pk=form.cleaned_data["case"]).first()
        if case is None:
            form.add_error(None, _("This need is not among the project's matches."))
        else:
            offer, status = call_service(
                form,
                lambda: offer_create(
                    by=request.user,
                    project=project,
                    case=case,
                    amount_fen=form.cleaned_data["amount"],
                    note=form.cleaned_data["note"],
                ),
                user=request.user,
            )
            if form_tokens.was_repeated(form):
                messages.info(request, str(form_tokens.ALREADY_SUBMITTED))
                return redirect("projects_admin:project_matches", pk=project.pk)
            if offer is not None:
                messages.success(
                    request,
                    _("Offer of %(amount)s sent: the caseworker refers the case or declines.")
                    % {"amount": money(offer.amount_fen)},
                )
                return redirect("projects_admin:project_matches", pk=project.pk)
    messages.error(
        request, _("Offer not sent. %(reasons)s") % {"reasons": " ".join(form.error_texts())}
    )
    return _matches_page(request, project, bound=form, status=status)


urlpatterns = [
    *list_paths("", "project_list", ProjectListView),
    path("new/", project_create, name="project_create"),
    path("<int:pk>/", project_detail, name="project_detail"),
    path("<int:pk>/edit/", project_edit, name="project_edit"),
    path("<int:pk>/status/", project_set_status, name="project_set_status"),
    path("<int:pk>/matches/", project_matches, name="project_matches"),
    path("<int:pk>/offers/", project_offer, name="project_offer"),
    path("<int:pk>/updates/new/", progress_update_create, name="progress_update_create"),
    path(
        "<int:pk>/updates/<int:update_pk>/publish/",
        progress_update_publish,
        name="progress_update_publish",
    ),
]
