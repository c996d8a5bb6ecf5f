"""The public pages of needs and projects, built from the anonymized Need and the Project
records (never hand-made editor pages): lists with search and filters, and detail pages with
funding progress and "donate to this". Nothing here reads a household (DESIGN.md 7.1)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from cms.editor_pages import NeedsIndexPage, ProjectsIndexPage, editor_text
from cms.listings import (
    amount_params,
    cached,
    cached_page,
    filtered,
    listing_generation,
    page_of,
    region_choices,
)
from core.charity_law import public_record
from core.models import Organisation
from donors.need_gifts import need_receivers
from donors.selectors import need_funding_progress, with_available_fen
from donors.transparency import project_public_figures
from needs.filtersets import PublicNeedFilterSet
from needs.models import Case, Need
from needs.selectors import needs_once_published, published_needs
from projects.filtersets import ProjectFilterSet
from projects.models import Project
from projects.selectors import (
    families_helped,
    projects_once_open,
    projects_visible_to,
    published_progress_updates,
)

NEED_FILTERS = ("q", "category", "within")
PROJECT_FILTERS = ("q", "category", "covers")


def _chosen(get, names) -> dict:
    return {name: (get.get(name) or "").strip()[:100] for name in names}


def public_projects():
    """Open projects, as anyone may see them, with their available money from the ledger."""
    queryset = Project.objects.select_related("organisation").prefetch_related("regions")
    return with_available_fen(projects_visible_to(AnonymousUser(), queryset))


def _category_labels(codes) -> list[str]:
    labels = dict(Case.Category.choices)
    return [str(labels.get(code, code)) for code in codes]


def _need_row(need: Need) -> dict:
    return {
        "public_id": str(need.public_id),
        "title": need.title,
        "category": str(Case.Category(need.category).label)
        if need.category in Case.Category.values
        else need.category,
        "county": need.region.display_name,
        "gap_fen": need.remaining_gap_fen,
        "published_at": need.published_at,
    }


def _project_row(project: Project) -> dict:
    return {
        "id": project.pk,
        "title": project.title,
        "charity": project.organisation.name,
        "verified": project.organisation.is_verified,
        "categories": _category_labels(project.categories),
        "regions": [region.display_name for region in project.regions.all()],
        "available_fen": project.available_fen,
        "per_case_cap_fen": project.per_case_cap_fen,
    }


@cached_page
def needs_list(request, editor_page=None):
    chosen = _chosen(request.GET, NEED_FILTERS)
    fen_params, amounts, notes = amount_params(request.GET, "min_gap_fen", "max_gap_fen")
    data = {**{k: v for k, v in chosen.items() if v}, **fen_params}

    number = request.GET.get("page")

    def build():
        queryset, filter_notes = filtered(PublicNeedFilterSet, data, published_needs())
        page, page_notes = page_of(queryset.order_by("-published_at", "-id"), number, _need_row)
        return page, [*filter_notes, *page_notes]

    generation = listing_generation()
    page, more_notes = cached("needs", {**data, "page": number or ""}, build, generation)
    return TemplateResponse(
        request,
        "cms/needs_list.html",
        {
            "page_text": editor_text(NeedsIndexPage, editor_page),
            "needs": page,
            "chosen": {**chosen, **amounts},
            "notes": [*notes, *more_notes],
            "categories": Case.Category.choices,
            "regions": cached(
                "need-regions",
                {},
                # The regions the civil-affairs offices serve (every case belongs to one): a
                # short list read from the offices, not from 100,000 needs.
                lambda: region_choices(
                    Organisation.objects.filter(
                        kind=Organisation.Kind.GOVERNMENT_OFFICE, is_active=True
                    ).values_list("region__path", flat=True)
                ),
                generation,
            ),
            "query": _query_without_page(request.GET),
        },
    )


def _need_receiver_rows(need: Need) -> dict:
    """Who receives a gift to the need (donors.need_gifts), as plain rows with each charity's
    public record: the project handling its referral, or the qualified projects and funds
    whose rules admit the case. Never a government office."""
    receivers = need_receivers(need)
    rows = [
        {
            "key": f"project:{project.pk}",
            "title": project.title,
            "facts": public_record(project, project.organisation),
        }
        for project in receivers.projects
    ] + [
        {"key": f"fund:{fund.pk}", "title": fund.name, "facts": public_record(fund, fund.owner)}
        for fund in receivers.funds
    ]
    return {"receivers": rows, "handled_by_referral": receivers.referral_project is not None}


# A case closed with one of these outcomes was resolved: its ended need says so (已解决).
RESOLVED_OUTCOMES = (Case.Outcome.RESOLVED_WITH_HELP, Case.Outcome.RESOLVED_WITHOUT)


def _ended_need(need: Need) -> dict:
    """What the page of a need taken off the site shows: that it ended (resolved, when its
    case closed so), its category and county, when it was public, and its final figures
    from the ledger and the case's one derived gap (needs.gap). Not its title nor its story:
    the need may have been taken down because the household withdrew its consent."""
    case = need.case
    resolved = case.status == Case.Status.CLOSED and case.outcome in RESOLVED_OUTCOMES
    row = _need_row(need)
    return {
        "category": row["category"],
        "county": row["county"],
        "published_at": need.published_at,
        "ended_at": need.unpublished_at or case.closed_at,
        "resolved": resolved,
        "progress": need_funding_progress(need),
    }


@cached_page
def need_detail(request, public_id):
    """A published need's page; a need that was public and no longer is keeps its page, which
    says it has ended (cms/need_ended.html). A need never published: 404."""

    def build():
        need = needs_once_published().filter(public_id=public_id).first()
        if need is None:
            return None
        if need.status != Need.Status.PUBLISHED:
            return "cms/need_ended.html", {"ended": _ended_need(need)}
        return "cms/need_detail.html", {
            "need": _need_row(need),
            "story": need.story,
            "progress": need_funding_progress(need),
            **_need_receiver_rows(need),
        }

    found = cached("need-page", {"id": str(public_id)}, build)
    if found is None:
        raise Http404
    template, context = found
    return TemplateResponse(request, template, context)


@cached_page
def projects_list(request, editor_page=None):
    chosen = _chosen(request.GET, PROJECT_FILTERS)
    fen_params, amounts, notes = amount_params(
        request.GET, "available_fen__gte", "available_fen__lte"
    )
    data = {k: v for k, v in chosen.items() if v}

    number = request.GET.get("page")

    def build():
        queryset, filter_notes = filtered(ProjectFilterSet, data, public_projects())
        queryset = queryset.filter(**fen_params).order_by("title", "id")
        page, page_notes = page_of(queryset, number, _project_row)
        return page, [*filter_notes, *page_notes]

    generation = listing_generation()
    params = {**data, **fen_params, "page": number or ""}
    page, more_notes = cached("projects", params, build, generation)
    return TemplateResponse(
        request,
        "cms/projects_list.html",
        {
            "page_text": editor_text(ProjectsIndexPage, editor_page),
            "projects": page,
            "chosen": {**chosen, **amounts},
            "notes": [*notes, *more_notes],
            "categories": Case.Category.choices,
            "regions": cached(
                "project-regions",
                {},
                lambda: region_choices(
                    public_projects().values_list("regions__path", flat=True).distinct()
                ),
                generation,
            ),
            "query": _query_without_page(request.GET),
        },
    )


@cached_page
def project_detail(request, pk: int):
    """A project's page: its story, its money from the ledger, the families it helped and its
    progress updates. A paused or closed project keeps its page (without the donate button);
    a draft has none."""
    queryset = Project.objects.select_related("organisation").prefetch_related("regions")
    project = get_object_or_404(with_available_fen(projects_once_open(queryset)), pk=pk)
    return TemplateResponse(
        request,
        "cms/project_detail.html",
        {
            "project": _project_row(project),
            "object": project,
            "is_open": project.status == Project.Status.OPEN,
            "charity_facts": public_record(project, project.organisation),
            "figures": project_public_figures(project),
            "families_helped": families_helped(project),
            "updates": list(published_progress_updates(project).values("date", "text")),
        },
    )


def _query_without_page(get) -> str:
    query = get.copy()
    query.pop("page", None)
    return query.urlencode()


FRONT_PAGE_ITEMS = 4


def front_page_figures() -> dict:
    """The home page's urgent needs, open projects and totals, cached like the lists."""
    from donors.transparency import platform_totals

    def build():
        urgent = published_needs().order_by("-case__urgency", "-published_at", "-id")
        projects = public_projects().order_by("-available_fen", "title", "id")
        return {
            "urgent_needs": [_need_row(need) for need in urgent[:FRONT_PAGE_ITEMS]],
            "open_projects": [_project_row(p) for p in projects[:FRONT_PAGE_ITEMS]],
            "totals": platform_totals(),
        }

    return cached("front", {}, build)
