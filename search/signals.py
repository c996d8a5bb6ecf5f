"""Every write to what matching reads bumps its side's stamp (search.stamps)."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from search import stamps


def _connect(model, name: str) -> None:
    def changed(sender, **kwargs):
        stamps.bump(name)

    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"search-{model.__name__}")
    post_delete.connect(
        changed, sender=model, weak=False, dispatch_uid=f"search-del-{model.__name__}"
    )


def connect() -> None:
    from core.models import Organisation
    from needs.models import Case, Household, Need, Referral, ReliefGrant
    from projects.models import Project

    _connect(Project, stamps.PROJECTS)
    _connect(Organisation, stamps.PROJECTS)  # a charity's name or verification
    for model in (Case, Household, Need, ReliefGrant):
        _connect(model, stamps.NEEDS)
    # A referral changes both: a rejection excludes the project, answers move the record.
    post_save.connect(_both, sender=Referral, weak=False, dispatch_uid="search-Referral")
    m2m_changed.connect(
        _project_regions,
        sender=Project.regions.through,
        weak=False,
        dispatch_uid="search-project-regions",
    )


def _both(sender, **kwargs):
    stamps.bump(stamps.NEEDS)
    stamps.bump(stamps.PROJECTS)


def _project_regions(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        stamps.bump(stamps.PROJECTS)
