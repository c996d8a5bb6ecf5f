"""Reading the facts matching needs from the database: open projects and cases ready for
referral, as search.policy's NeedFacts and ProjectFacts (never a name, number or address)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Count, F, Min, Q

from search.policy import TITLE_BOOST, NeedFacts, ProjectFacts
from search.text import project_counts, story_counts


def ready_cases(queryset=None):
    """Cases a caseworker may refer now (needs.services.referrals.referral_create's rule): not
    closed, accepted, a remaining gap recorded, and relief given or an emergency."""
    from needs.models import Case, ReliefGrant

    queryset = Case.objects.all() if queryset is None else queryset
    relieved = Q(
        relief_grants__status__in=[ReliefGrant.Status.GRANTED, ReliefGrant.Status.APPROVED]
    )
    return (
        queryset.exclude(status=Case.Status.CLOSED)
        .filter(owner__isnull=False, remaining_gap_fen__gt=0)
        .filter(relieved | Q(is_emergency=True))
        .distinct()
    )


def _answer_rates() -> dict[int, float]:
    """Per charity: of the referrals it answered or let expire, the share answered in time."""
    from needs.models import Referral

    rows = (
        Referral.objects.filter(Q(answered_at__isnull=False) | Q(status=Referral.Status.EXPIRED))
        .values("to_organisation_id")
        .annotate(
            total=Count("id"),
            in_time=Count("id", filter=Q(answered_at__lte=F("answer_due_at"))),
        )
    )
    return {row["to_organisation_id"]: row["in_time"] / row["total"] for row in rows}


def _completed_referrals() -> dict[int, int]:
    """Per charity: how many of its referrals were completed."""
    from needs.models import Referral

    rows = (
        Referral.objects.filter(status=Referral.Status.COMPLETED)
        .values("to_organisation_id")
        .annotate(total=Count("id"))
    )
    return {row["to_organisation_id"]: row["total"] for row in rows}


def _with_progress(rows, progress):
    return rows if progress is None else progress(rows, total=rows.count())


def project_facts(projects=None, progress=None) -> list[ProjectFacts]:
    from projects.models import Project

    if projects is None:
        projects = Project.objects.filter(status=Project.Status.OPEN)
    rates = _answer_rates()
    completed = _completed_referrals()
    out = []
    rows = projects.select_related("organisation").prefetch_related("regions")
    for project in _with_progress(rows, progress):
        regions = list(project.regions.all())
        out.append(
            ProjectFacts(
                id=project.pk,
                organisation_id=project.organisation_id,
                organisation_name=project.organisation.name,
                title=project.title,
                status=project.status,
                categories=frozenset(project.categories),
                region_codes=frozenset(r.code for r in regions),
                region_level=max((r.level for r in regions), default=0),
                statuses=frozenset(project.eligible_statuses),
                key_groups=frozenset(project.eligible_key_groups),
                cap_fen=project.per_case_cap_fen,
                accepts_partial=project.accepts_partial_funding,
                verified=project.organisation.is_verified,
                answer_rate=rates.get(project.organisation_id),
                terms=project_counts(project.title, project.description, TITLE_BOOST),
                age_min=project.age_min,
                age_max=project.age_max,
                sex=project.sex,
                conditions=frozenset(project.conditions),
                disability_grade_max=project.disability_grade_max,
                requires_local_hukou=project.requires_local_hukou,
                completed_referrals=completed.get(project.organisation_id, 0),
                places=project.places_per_period if project.is_service else None,
            )
        )
    return out


def need_facts(cases=None, progress=None) -> list[NeedFacts]:
    return list(iter_need_facts(cases, progress))


def iter_need_facts(cases=None, progress=None, *, ready_only: bool = True) -> Iterator[NeedFacts]:
    """need_facts one by one, as the rows stream from the database in chunks: a full load of
    the embedded engine never holds a province's facts as objects all at once.
    ``ready_only=False``: the given cases whether or not they are ready for referral (the
    rule check of a manual referral, needs.services.referrals)."""
    from needs.models import HouseholdMember, Referral
    from needs.models.households import KEY_GROUP_FIELDS
    from needs.services.households import STATUS_FIELDS

    cases = ready_cases(cases) if ready_only else cases
    # Projects that declined each case, and those holding an open referral for it: neither
    # is proposed again for that case.
    declined, referred = defaultdict(set), defaultdict(set)
    for case_id, project_id, status in Referral.objects.filter(
        case__in=cases,
        status__in=[Referral.Status.REJECTED, *Referral.OPEN_STATUSES],
        project__isnull=False,
    ).values_list("case_id", "project_id", "status"):
        target = declined if status == Referral.Status.REJECTED else referred
        target[case_id].add(project_id)
    # Every member's name of these households in one query (for _without_names): a prefetch
    # per chunk of cases cost twice as much with its long lists of ids.
    names = defaultdict(list)
    for household_id, name in HouseholdMember.objects.filter(
        household_id__in=cases.values("household_id")
    ).values_list("household_id", "name"):
        names[household_id].append(name)
    rows = (
        cases.select_related("household", "region", "need")
        .annotate(first_relief=Min("relief_grants__granted_at"))
        .order_by("pk")
    )
    # Streamed in chunks: a province's 100,000 cases as model instances at once would hold
    # several hundred megabytes only to be turned into compact facts.
    chunks = rows.iterator(chunk_size=2000)
    for case in chunks if progress is None else progress(chunks, total=rows.count()):
        household = case.household
        need = getattr(case, "need", None)
        published = need is not None and need.status == "published"
        ready_since = case.first_relief or case.accepted_at or case.reported_at
        yield NeedFacts(
            case_id=case.pk,
            category=case.category,
            region_path=tuple(case.region.path.split("/")),
            county_name=case.region.name,
            statuses=frozenset(f for f in STATUS_FIELDS if getattr(household, f)),
            key_groups=frozenset(f for f in KEY_GROUP_FIELDS if getattr(household, f)),
            gap_fen=case.remaining_gap_fen or 0,
            urgency=case.urgency,
            ready_since=ready_since.timestamp(),
            terms=story_counts(_without_names(case.narrative, household, names[household.pk])),
            declined_by=frozenset(declined.get(case.pk, ())),
            referred_to=frozenset(referred.get(case.pk, ())),
            need_public_id=str(need.public_id) if published else None,
            need_title=need.title if published else "",
            age=case.patient_age,
            sex=case.patient_sex,
            condition=case.condition,
            disability_kind=case.disability_kind,
            disability_grade=case.disability_grade,
            hukou_elsewhere=case.hukou_elsewhere,
        )


def case_facts(case) -> NeedFacts:
    """The matching facts of one case, ready for referral or not."""
    from needs.models import Case

    return next(iter_need_facts(Case.objects.filter(pk=case.pk), ready_only=False))


def _without_names(story: str, household, member_names: list[str]) -> str:
    """The story without the household members' names and the household's address: matching
    needs what happened, not who or where below the county, and the terms go into indexes
    (the embedded engine's, Elasticsearch's needs index). Exact matches only: a nickname
    (老张, 小芳) or a village named otherwise stays."""
    known = [*member_names, household.address_detail, household.township]
    for text in sorted(filter(None, known), key=len, reverse=True):
        story = story.replace(text, " ")
    return story
