"""Every change to a charity project: checked, written and audited in one transaction
(DESIGN.md 7.3). The API, the back office and commands call these and nothing else.

Who may: active charity staff of the project's own organisation, and platform administrators.
``by=None`` is the system itself (migrations, demo data and management commands), as in
core.services.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.jurisdiction import Role, scope_for
from core.models import Organisation, Region, User
from projects.models import Project, ProjectUpdate
from projects.public_texts import refuse_identifiers_in_organisation_texts
from projects.selectors import user_can_manage_projects_of

Status = Project.Status

# Where a project may go from each status. Closed is final: money may still be paid out of
# referrals already accepted, but nothing new comes in.
STATUS_MOVES: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.OPEN}),
    Status.OPEN: frozenset({Status.PAUSED, Status.CLOSED}),
    Status.PAUSED: frozenset({Status.OPEN, Status.CLOSED}),
    Status.CLOSED: frozenset(),
}
# The audit action of each move, so a project's history reads as what people did.
STATUS_ACTIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, Status.OPEN): "project.open",
    (Status.OPEN, Status.PAUSED): "project.pause",
    (Status.PAUSED, Status.OPEN): "project.resume",
    (Status.OPEN, Status.CLOSED): "project.close",
    (Status.PAUSED, Status.CLOSED): "project.close",
}
# What project_update may change. The organisation is fixed (a project does not change hands:
# its money and referrals belong to the charity); the status moves through project_set_status.
UPDATABLE_FIELDS = frozenset(
    {
        "title",
        "description",
        "categories",
        "regions",
        "eligible_statuses",
        "eligible_key_groups",
        "eligibility_note",
        "age_min",
        "age_max",
        "sex",
        "conditions",
        "disability_grade_max",
        "requires_local_hukou",
        "per_case_cap_fen",
        "budget_target_fen",
        "accepts_partial_funding",
        "filing_number",
        "filing_starts_on",
        "filing_ends_on",
        "service_type",
        "skills",
        "places_per_period",
        "capacity_period",
    }
)
_LIST_FIELDS = ("categories", "eligible_statuses", "eligible_key_groups", "conditions")
# What the public reads of a project in the charity's own words.
PUBLIC_TEXT_FIELDS = ("title", "description", "eligibility_note")


def refuse(field: str | None, message: str, code: str) -> NoReturn:
    """Raise a ValidationError naming ``field`` (None: the request as a whole) and the rule."""
    raise ValidationError(
        {field: ValidationError(message, code=code)}
        if field
        else ValidationError(message, code=code)
    )


def _require_manager(by: User | None, organisation: Organisation) -> None:
    if by is not None and not user_can_manage_projects_of(by, organisation):
        raise PermissionDenied(_("Only this charity's own staff may manage its projects."))


def _require_charity(organisation: Organisation) -> None:
    if organisation.kind != Organisation.Kind.CHARITY:
        refuse("organisation", _("Only a charity can run projects."), "not_charity")
    if not organisation.is_active:
        refuse("organisation", _("This organisation is deactivated."), "inactive")


def _codes(value: Any) -> Any:
    """A list of codes without repeats, in the order given; anything else is left for the
    model's validation to name."""
    if isinstance(value, list | tuple):
        return list(dict.fromkeys(value)) if all(isinstance(v, str) for v in value) else value
    return value


def _region_list(regions: Iterable[Region]) -> list[Region]:
    """The regions without repeats, by code; each must be a known region."""
    regions = list(regions or [])
    if not all(isinstance(region, Region) for region in regions):
        refuse("regions", _("Choose regions, not something else."), "invalid")
    unique = {region.pk: region for region in regions}
    known = set(Region.objects.filter(pk__in=unique).values_list("pk", flat=True))
    for code in sorted(set(unique) - known):
        refuse("regions", _("Unknown region code “%(code)s”.") % {"code": code}, "unknown_region")
    return [unique[code] for code in sorted(unique)]


def _skills(value: Any) -> Any:
    """Skills trimmed, without blanks or repeats; anything not a list of texts is left for the
    model's validation to name."""
    if value is None:
        return []
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(dict.fromkeys(v.strip()[:50] for v in value if v.strip()))
    return value


def _require_fen(field: str, value: Any) -> None:
    """Amounts are whole fen or nothing: a float (or True) is refused, never rounded."""
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        refuse(field, _("An amount is an integer number of fen."), "invalid")


def _refuse_identifiers(project: Project, fields: Iterable[str] = PUBLIC_TEXT_FIELDS) -> None:
    """A project's texts are public once it opens: a name, a phone number, an address or any
    other identifier of a person in them is refused by field (projects.public_texts), so a
    beneficiary's story never reaches the project page in the charity's words."""
    refuse_identifiers_in_organisation_texts(
        {field: getattr(project, field) for field in fields},
        organisation=project.organisation,
    )


def _require_can_open(project: Project, region_codes: list[str]) -> None:
    """A project goes public only once it says what it covers and where."""
    if not project.categories:
        refuse("categories", _("An open project covers at least one category."), "required_to_open")
    if not region_codes:
        refuse("regions", _("An open project covers at least one region."), "required_to_open")


@transaction.atomic
def project_create(
    *,
    by: User | None,
    organisation: Organisation,
    title: str,
    description: str = "",
    categories: list[str] | None = None,
    regions: Iterable[Region] = (),
    eligible_statuses: list[str] | None = None,
    eligible_key_groups: list[str] | None = None,
    eligibility_note: str = "",
    age_min: int | None = None,
    age_max: int | None = None,
    sex: str = "",
    conditions: list[str] | None = None,
    disability_grade_max: int | None = None,
    requires_local_hukou: bool = False,
    per_case_cap_fen: int | None = None,
    budget_target_fen: int | None = None,
    accepts_partial_funding: bool = True,
    filing_number: str = "",
    filing_starts_on=None,
    filing_ends_on=None,
    kind: str = Project.Kind.FUNDS,
    service_type: str = "",
    skills: list[str] | None = None,
    places_per_period: int | None = None,
    capacity_period: str = Project.Period.MONTH,
) -> Project:
    """Post a new project for a charity: a funds project, or a service project or volunteer
    team (``kind``) with its service, skills and places per period (projects.capacity).

    It starts as a draft: nobody outside the charity sees it until it is opened
    (project_set_status). Its title, description and conditions must name no person
    (_refuse_identifiers). It takes gifts from the public only with a filed fundraising plan
    (filing number and period, core.charity_law)."""
    _require_manager(by, organisation)
    _require_charity(organisation)
    _require_fen("per_case_cap_fen", per_case_cap_fen)
    _require_fen("budget_target_fen", budget_target_fen)
    region_list = _region_list(regions)
    project = Project(
        organisation=organisation,
        title=(title or "").strip(),
        description=(description or "").strip(),
        categories=_codes(categories if categories is not None else []),
        eligible_statuses=_codes(eligible_statuses if eligible_statuses is not None else []),
        eligible_key_groups=_codes(eligible_key_groups if eligible_key_groups is not None else []),
        eligibility_note=(eligibility_note or "").strip(),
        age_min=age_min,
        age_max=age_max,
        sex=sex or "",
        conditions=_codes(conditions if conditions is not None else []),
        disability_grade_max=disability_grade_max,
        requires_local_hukou=requires_local_hukou,
        per_case_cap_fen=per_case_cap_fen,
        budget_target_fen=budget_target_fen,
        accepts_partial_funding=accepts_partial_funding,
        filing_number=(filing_number or "").strip(),
        filing_starts_on=filing_starts_on,
        filing_ends_on=filing_ends_on,
        kind=kind,
        service_type=service_type or "",
        skills=_skills(skills),
        places_per_period=places_per_period,
        capacity_period=capacity_period,
        status=Status.DRAFT,
    )
    project.full_clean()
    _refuse_identifiers(project)
    project.save()
    project.regions.set(region_list)
    audit_record(
        actor=by,
        action="project.create",
        obj=project,
        changes={
            "organisation": (None, organisation.pk),
            "title": (None, project.title),
            "categories": (None, project.categories),
            "regions": (None, [region.pk for region in region_list]),
            "status": (None, project.status),
            "kind": (None, project.kind),
            **({"places_per_period": (None, places_per_period)} if project.is_service else {}),
        },
    )
    return project


@transaction.atomic
def project_update(*, by: User | None, project: Project, **fields: Any) -> Project:
    """Change what a project covers, who is eligible and its amounts. A closed project is
    final; an open one must keep at least one category and one region; a changed text must
    name no person (_refuse_identifiers)."""
    project = Project.objects.select_for_update().select_related("organisation").get(pk=project.pk)
    _require_manager(by, project.organisation)
    unknown = sorted(set(fields) - UPDATABLE_FIELDS)
    if unknown:
        raise ValidationError(
            {
                name: ValidationError(_("This field cannot be changed here."), code="read_only")
                for name in unknown
            }
        )
    if project.status == Status.CLOSED:
        refuse(None, _("The project is closed and can no longer be changed."), "project_closed")

    regions_before = sorted(project.regions.values_list("pk", flat=True))
    before = {name: getattr(project, name) for name in fields if name != "regions"}
    new_regions: list[Region] | None = None
    for name, value in fields.items():
        if name == "regions":
            new_regions = _region_list(value)
        elif name in _LIST_FIELDS:
            setattr(project, name, _codes(value if value is not None else []))
        elif name in ("title", "description", "eligibility_note", "filing_number"):
            setattr(project, name, (value or "").strip())
        elif name == "skills":
            setattr(project, name, _skills(value))
        elif name in ("per_case_cap_fen", "budget_target_fen"):
            _require_fen(name, value)
            setattr(project, name, value)
        else:
            setattr(project, name, value)
    project.full_clean()
    _refuse_identifiers(project, [name for name in PUBLIC_TEXT_FIELDS if name in fields])
    region_codes = [r.pk for r in new_regions] if new_regions is not None else regions_before
    if project.status == Status.OPEN:
        _require_can_open(project, region_codes)

    changes = {
        name: (before[name], getattr(project, name))
        for name in before
        if before[name] != getattr(project, name)
    }
    if new_regions is not None and region_codes != regions_before:
        changes["regions"] = (regions_before, region_codes)
    if changes:
        project.save()
        if "regions" in changes:
            project.regions.set(new_regions)
        audit_record(actor=by, action="project.update", obj=project, changes=changes)
    return project


@transaction.atomic
def project_set_status(*, by: User | None, project: Project, status: str) -> Project:
    """Open, pause, resume or close a project. Moves: draft → open, open ⇄ paused,
    open or paused → closed; closed is final. Caseworkers refer cases to open projects only.
    Opening checks the texts once more, as they become public."""
    project = Project.objects.select_for_update().select_related("organisation").get(pk=project.pk)
    _require_manager(by, project.organisation)
    if status not in Status.values:
        refuse("status", _("Unknown status “%(status)s”.") % {"status": status}, "invalid_choice")
    before = project.status
    if status == before:
        refuse(
            "status",
            _("The project is already %(status)s.") % {"status": Status(status).label},
            "unchanged",
        )
    if status not in STATUS_MOVES[before]:
        refuse(
            "status",
            _("A project cannot go from %(before)s to %(after)s.")
            % {"before": Status(before).label, "after": Status(status).label},
            "status_move",
        )
    if status == Status.OPEN:
        _require_charity(project.organisation)
        _require_can_open(project, list(project.regions.values_list("pk", flat=True)))
        # Checked again as it goes public: the text may predate a better detector.
        _refuse_identifiers(project)
    project.status = status
    project.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=by,
        action=STATUS_ACTIONS[(before, status)],
        obj=project,
        changes={"status": (before, status)},
    )
    return project


# A progress update is read on a phone: a longer text is refused, not cut.
UPDATE_MAX_LENGTH = 2000


def may_write_progress_updates(user: User, project: Project) -> bool:
    """Progress updates speak for the charity: only its own staff write them (not a platform
    administrator, not a caseworker, not another charity)."""
    scope = scope_for(user, roles=(Role.CHARITY_STAFF,))
    return scope.covers_organisation(project.organisation_id)


def _require_own_charity_staff(by: User, project: Project) -> None:
    if not may_write_progress_updates(by, project):
        raise PermissionDenied(_("Only this charity's own staff may write its progress updates."))


def _public_projects_changed(project: Project) -> None:
    """The project's public page is cached until the project changes (cms.listings): an update
    is such a change."""
    from search import stamps

    stamps.changed(stamps.PROJECTS, [project.pk])


@transaction.atomic
def progress_update_create(
    *, by: User, project: Project, date, text: str, is_published: bool = True
) -> ProjectUpdate:
    """Write a dated progress update (执行反馈) of a project that has been public. Its text is
    checked like the project's own (projects.public_texts): one naming a person, an ID number,
    a phone number or an address below county level is refused, each finding named, and
    nothing is saved. The date is when the reported work happened: not in the future."""
    project = Project.objects.select_for_update().select_related("organisation").get(pk=project.pk)
    _require_own_charity_staff(by, project)
    if project.status == Status.DRAFT:
        refuse(None, _("Open the project before writing its progress updates."), "project_draft")
    text = (text or "").strip()
    if not text:
        refuse("text", _("This field is required."), "required")
    if len(text) > UPDATE_MAX_LENGTH:
        refuse(
            "text",
            _("Keep the update within %(limit)s characters (it has %(length)s).")
            % {"limit": UPDATE_MAX_LENGTH, "length": len(text)},
            "max_length",
        )
    if date is None:
        refuse("date", _("This field is required."), "required")
    if date > timezone.localdate():
        refuse("date", _("The date of an update cannot be in the future."), "future_date")
    update = ProjectUpdate(
        project=project, date=date, text=text, is_published=bool(is_published), author=by
    )
    update.full_clean()
    refuse_identifiers_in_organisation_texts({"text": text}, organisation=project.organisation)
    update.save()
    _public_projects_changed(project)
    audit_record(
        actor=by,
        action="project.progress_update",
        obj=project,
        changes={
            "update": (None, update.pk),
            "date": (None, date.isoformat()),
            "is_published": (None, update.is_published),
        },
    )
    return update


@transaction.atomic
def progress_update_set_published(
    *, by: User, update: ProjectUpdate, is_published: bool
) -> ProjectUpdate:
    """Show or hide a progress update on the public page. Publishing checks its text again, as
    it becomes public: the check may have learnt since it was written."""
    update = (
        ProjectUpdate.objects.select_for_update()
        .select_related("project__organisation")
        .get(pk=update.pk)
    )
    _require_own_charity_staff(by, update.project)
    if update.is_published == is_published:
        return update
    if is_published:
        refuse_identifiers_in_organisation_texts(
            {"text": update.text}, organisation=update.project.organisation
        )
    update.is_published = is_published
    update.save(update_fields=["is_published"])
    _public_projects_changed(update.project)
    audit_record(
        actor=by,
        action="project.progress_update_published"
        if is_published
        else "project.progress_update_hidden",
        obj=update.project,
        changes={"update": (None, update.pk), "is_published": (not is_published, is_published)},
    )
    return update
