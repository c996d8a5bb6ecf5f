"""Every write to what matching reads records which projects or cases changed
(search.stamps.changed), so each process updates just those."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from search import stamps
from search.tasks import push_after_commit


def _projects_changed(ids) -> None:
    stamps.changed(stamps.PROJECTS, ids)
    push_after_commit(stamps.PROJECTS, ids)


def _needs_changed(ids) -> None:
    stamps.changed(stamps.NEEDS, ids)
    push_after_commit(stamps.NEEDS, ids)


def _projects_of(organisation_id) -> list[int]:
    from projects.models import Project

    return list(
        Project.objects.filter(organisation_id=organisation_id).values_list("pk", flat=True)
    )


def _on_project(sender, instance, **kwargs):
    _projects_changed([instance.pk])


def _on_project_regions(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _projects_changed([instance.pk])


def _on_organisation(sender, instance, **kwargs):
    # A charity's name or verification is part of each of its projects' facts.
    ids = _projects_of(instance.pk)
    if ids:
        _projects_changed(ids)


def _on_case(sender, instance, **kwargs):
    _needs_changed([instance.pk])


def _on_household(sender, instance, **kwargs):
    ids = list(instance.cases.values_list("pk", flat=True)) if instance.pk else []
    if ids:
        _needs_changed(ids)


def _on_member(sender, instance, **kwargs):
    """A member's name is left out of the case stories' terms (search.facts)."""
    ids = list(instance.household.cases.values_list("pk", flat=True))
    if ids:
        _needs_changed(ids)


def _on_case_part(sender, instance, **kwargs):
    """A relief grant or a published need: part of its case's facts."""
    _needs_changed([instance.case_id])


def _on_referral(sender, instance, **kwargs):
    # A rejection excludes the project for the case; every answer moves the charity's record.
    _needs_changed([instance.case_id])
    ids = _projects_of(instance.to_organisation_id)
    if ids:
        _projects_changed(ids)


def _skipping_raw(handler):
    """Fixture loading (raw saves) restores the stamps with the data: nothing to record."""

    def receiver(sender, **kwargs):
        if not kwargs.get("raw"):
            handler(sender, **kwargs)

    return receiver


def _connect(handler, model, name: str) -> None:
    handler = _skipping_raw(handler)
    post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"search-{name}")
    post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"search-del-{name}")


def connect() -> None:
    from core.models import Organisation
    from needs.models import Case, Household, HouseholdMember, Need, Referral, ReliefGrant
    from projects.models import Project

    _connect(_on_project, Project, "project")
    _connect(_on_organisation, Organisation, "organisation")
    _connect(_on_case, Case, "case")
    _connect(_on_household, Household, "household")
    _connect(_on_member, HouseholdMember, "member")
    _connect(_on_case_part, Need, "need")
    _connect(_on_case_part, ReliefGrant, "relief")
    _connect(_on_referral, Referral, "referral")
    m2m_changed.connect(
        _on_project_regions,
        sender=Project.regions.through,
        weak=False,
        dispatch_uid="search-project-regions",
    )
