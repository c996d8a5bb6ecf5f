"""Who receives a gift "to a need" (Charity Law fit, issue 15).

A government office raises no money from the public: a gift to a published need is a gift to
a charity's project or special fund that may raise publicly (core.charity_law), restricted to
that need. Once a charity has accepted the case's referral, its project is the only receiver;
before that, the donor chooses among the qualified open projects and public funds whose rules
admit the case (the matching service's hard rules, search.policy). The donation service and
the need's donate page both read ``need_receivers``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.charity_law import may_raise_publicly


@dataclass
class NeedReceivers:
    """The project or funds a gift to one need may go to now.

    ``referral_project``: the project of the accepted referral handling the case, if any (then
    it is the only possible receiver, and ``projects`` holds it only when it may raise
    publicly). Otherwise ``projects`` and ``funds`` are the donor's choices."""

    referral_project: object | None = None
    projects: list = field(default_factory=list)
    funds: list = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.projects or self.funds)


def handling_referral(case):
    """The accepted (or in-progress) referral of ``case`` to a charity project, if any."""
    from needs.models import Referral

    return (
        Referral.objects.filter(
            case=case,
            project__isnull=False,
            status__in=[Referral.Status.ACCEPTED, Referral.Status.IN_PROGRESS],
        )
        .select_related("project__organisation")
        .order_by("-answered_at", "-pk")
        .first()
    )


def need_receivers(need) -> NeedReceivers:
    """The qualified receivers of a gift to ``need`` today (see the module's docstring)."""
    import dataclasses

    from donors.models import Fund
    from donors.rules import fund_restriction
    from projects.models import Project
    from search.facts import case_facts, project_facts
    from search.policy import passes_without_money

    case = need.case
    referral = handling_referral(case)
    if referral is not None:
        project = referral.project
        qualified = may_raise_publicly(project, project.organisation)
        return NeedReceivers(referral_project=project, projects=[project] if qualified else [])
    # Matching's hard rules but money (a gift brings the money), on the facts matching reads
    # (search.facts.case_facts: the patient's age, sex, condition, disability and household
    # registration, the gap for the cap rule, the projects that declined the case), through
    # the same function the engines and the allocation proposal filter with. One input
    # differs, and on purpose: a project whose referral for the case still waits for its
    # answer stays a receiver (matching leaves it out only so as not to refer twice).
    facts = dataclasses.replace(case_facts(case), referred_to=frozenset())
    region_path = case.region.path
    # Narrowed in the database to projects covering the case's region (a part of the region
    # rule, which passes_without_money still applies in full), so that a province's many
    # projects are not all read for one page.
    open_projects = (
        Project.objects.filter(status=Project.Status.OPEN, regions__code__in=facts.region_path)
        .select_related("organisation")
        .distinct()
    )
    by_id = {project.pk: project for project in open_projects}
    projects = [
        by_id[project.id]
        for project in project_facts(open_projects)
        if passes_without_money(facts, project)
        and may_raise_publicly(by_id[project.id], by_id[project.id].organisation)
    ]
    funds = [
        fund
        for fund in Fund.objects.filter(is_public=True, status=Fund.Status.ACTIVE)
        .select_related("owner", "holder")
        .prefetch_related("regions")
        if fund.holder is not None
        and may_raise_publicly(fund, fund.holder)
        and fund_restriction(
            fund.categories, [r.path for r in fund.regions.all()], case.category, region_path
        )
        is None
    ]
    return NeedReceivers(projects=projects, funds=funds)


RECEIVER_TYPES = ("project", "fund")


def receiver_choice(receiver_type: str, receiver_id: str) -> dict:
    """The donor's chosen receiver of a gift to a need, as the donation service's keyword
    (``receiving_project`` or ``receiving_fund``), or {} when none or unknown is named.
    Whether it may receive the gift is the service's rule."""
    from donors.models import Fund
    from projects.models import Project

    receiver_id = (receiver_id or "").strip()
    if receiver_type not in RECEIVER_TYPES or not receiver_id.isdigit() or len(receiver_id) > 18:
        return {}
    if receiver_type == "project":
        project = Project.objects.filter(pk=int(receiver_id)).first()
        return {"receiving_project": project} if project else {}
    fund = Fund.objects.filter(pk=int(receiver_id), is_public=True).first()
    return {"receiving_fund": fund} if fund else {}
