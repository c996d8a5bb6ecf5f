"""Reads of cases and referrals, always through the jurisdiction selector (DESIGN.md 7.5)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from core.jurisdiction import (
    DEPARTMENT_ROLES,
    GOVERNMENT_ROLES,
    READ_EVERYTHING_ROLES,
    Role,
    Scope,
    active_memberships,
    scope_filter,
    scope_for,
)
from needs.models import Case, CaseHandover, Household, Need, Referral
from needs.public_text import public_text

CASE_READERS = (*GOVERNMENT_ROLES, *READ_EVERYTHING_ROLES)
# What a case page shows of the household; recorded with each read (DESIGN.md 7.1).
HOUSEHOLD_FIELDS_SHOWN = [
    "names",
    "relations",
    "ages",
    "health",
    "phone",
    "address",
    "id_number_masked",
    "document_numbers_masked",
    "contacts",
]


def _government_office_ids(user, *, outside: Scope | None = None) -> list[int]:
    """Offices where the user works as caseworker or supervisor (a case handed over to such an
    office is theirs even if the household lives elsewhere). With ``outside``, only the offices
    whose own region that scope does not already cover (for records whose region is always
    the office's, such as the discovery registers)."""
    return [
        m.organisation_id
        for m in active_memberships(user)
        if m.role in GOVERNMENT_ROLES
        and (outside is None or not outside.covers_region(m.organisation.region))
    ]


def case_filter(user) -> Q | None:
    """Q for the cases ``user`` may see, None for all of them: the cases of the user's
    jurisdiction, those of the user's offices wherever the household lives, and those whose
    hand-over to one of the user's offices waits for an answer (read-only until accepted)."""
    scope = scope_for(user, roles=CASE_READERS)
    condition = scope_filter(scope, region_field="region")
    if condition is None:
        return None
    # Every office of the user counts, also one inside the user's own regions: a case handed
    # over within a city (朝阳 → 南关) keeps a county the receiving office does not cover.
    offices = _government_office_ids(user)
    if not offices:
        return condition
    offered = CaseHandover.objects.filter(
        status=CaseHandover.Status.PENDING, to_office_id__in=offices
    ).values("case_id")
    return condition | Q(responsible_office_id__in=offices) | Q(pk__in=offered)


def cases_visible_to(user, queryset: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """Government staff see the cases of their jurisdiction and of their offices; auditors and
    platform administrators all of them; charities none (they see referrals)."""
    queryset = Case.objects.all() if queryset is None else queryset
    condition = case_filter(user)
    return queryset if condition is None else queryset.filter(condition)


def households_visible_to(user) -> QuerySet[Household]:
    """Households living in the reader's jurisdiction (a village assistant's village) and
    those with a case the reader may see; all for auditors and platform admins. For the
    household pickers of the staff API's filters."""
    from core.jurisdiction import VILLAGE_ROLES

    in_region = scope_filter(
        scope_for(user, roles=(*CASE_READERS, *VILLAGE_ROLES)), region_field="region"
    )
    cases = case_filter(user)
    if in_region is None or cases is None:
        return Household.objects.all()
    return Household.objects.filter(
        in_region | Q(pk__in=Case.objects.filter(cases).values("household_id"))
    )


def overdue_among(case_ids: list[int]) -> set[int]:
    """Which of these cases have a step past its deadline."""
    if not case_ids:
        return set()
    return set(
        Case.objects.filter(pk__in=case_ids, next_due_at__lt=timezone.now()).values_list(
            "pk", flat=True
        )
    )


def referrals_visible_to(user, queryset: QuerySet[Referral] | None = None) -> QuerySet[Referral]:
    """A charity sees referrals sent to it; government staff those of cases they may see."""
    queryset = Referral.objects.all() if queryset is None else queryset
    scope = scope_for(user)
    if scope.everything:
        return queryset
    condition = Q(pk__in=[])
    if scope.organisation_ids:
        condition |= Q(to_organisation_id__in=scope.organisation_ids)
    case_condition = case_filter(user)
    if case_condition is not None:
        condition |= Q(case__in=Case.objects.filter(case_condition).values("pk"))
    # Staff of a functional department answer referrals sent to their department.
    condition |= Q(to_organisation_id__in=[*_government_office_ids(user), *department_ids(user)])
    return queryset.filter(condition)


def department_ids(user) -> list[int]:
    """The departments where the user is department staff (协同办理)."""
    return [m.organisation_id for m in active_memberships(user) if m.role in DEPARTMENT_ROLES]


# ---- hand-overs ----


def pending_handover(case: Case) -> CaseHandover | None:
    """The case's hand-over still waiting for the receiving office, if any."""
    return (
        CaseHandover.objects.filter(case=case, status=CaseHandover.Status.PENDING)
        .select_related("to_office", "from_office", "by")
        .first()
    )


def handovers_visible_to(
    user, queryset: QuerySet[CaseHandover] | None = None
) -> QuerySet[CaseHandover]:
    """Hand-overs of the cases the user may see (a pending one to the user's office counts)
    and those sent from or to the user's offices."""
    queryset = CaseHandover.objects.all() if queryset is None else queryset
    queryset = queryset.select_related("case", "from_office", "to_office", "by", "decided_by")
    condition = case_filter(user)
    if condition is None:
        return queryset
    offices = _government_office_ids(user)
    return queryset.filter(
        Q(case__in=Case.objects.filter(condition).values("pk"))
        | Q(from_office_id__in=offices)
        | Q(to_office_id__in=offices)
    )


def handovers_awaiting(user) -> QuerySet[CaseHandover]:
    """Hand-overs to the user's offices (as caseworker or supervisor) that wait for an answer,
    oldest first: what the receiving office has to accept or decline."""
    return (
        CaseHandover.objects.filter(
            status=CaseHandover.Status.PENDING, to_office_id__in=_government_office_ids(user)
        )
        .exclude(case__status=Case.Status.CLOSED)
        .select_related("case__region", "from_office", "to_office", "by")
        .order_by("at", "pk")
    )


def published_needs() -> QuerySet[Need]:
    return Need.objects.filter(status=Need.Status.PUBLISHED).select_related("region")


def needs_once_published() -> QuerySet[Need]:
    """Needs that have been on the public site, published now or not: a link once shared keeps
    answering (the page of a need taken down says it has ended, with its final figures). A
    need never published has no public page at all."""
    return Need.objects.filter(published_at__isnull=False).select_related("region", "case")


# A referral's free texts, written by the referring caseworker for the receiver.
REFERRAL_TEXT_FIELDS = ("note", "emergency_reason")


@dataclass
class ReferralReading:
    """What one reader is told of referrals' cases, the same on the referral page and in the
    API (DESIGN.md 7.1).

    The receiving charity (or a department elsewhere) may not open the case: it reads the
    case's situation and the caseworker's note and emergency reason only through the
    anonymizer, with everything the platform knows about the household masked, before it
    accepts and after (what it needs to deliver help comes by the one consent-gated, logged
    path, ``referral_contact_details``). Staff who may open the case read the notes as
    written. The situation is the public version for everyone: the published need's story
    (which passed the publishing check), else the case narrative through the anonymizer;
    never the narrative as written. One reading serves a page of referrals: what it learns
    of a case (may the reader open it, what is known about its household) is kept."""

    reader: object
    _sees_case: dict[int, bool] = field(default_factory=dict)
    _known: dict[int, object] = field(default_factory=dict)

    def sees_case(self, referral: Referral) -> bool:
        if referral.case_id not in self._sees_case:
            self._sees_case[referral.case_id] = (
                self.reader is not None
                and cases_visible_to(self.reader).filter(pk=referral.case_id).exists()
            )
        return self._sees_case[referral.case_id]

    def _known_of(self, case: Case):
        from needs.services.known_facts import known_identifiers

        if case.pk not in self._known:
            self._known[case.pk] = known_identifiers(case.household, case)
        return self._known[case.pk]

    def text(self, referral: Referral, name: str) -> str:
        """The referral's ``name`` (one of REFERRAL_TEXT_FIELDS) as this reader reads it."""
        value = getattr(referral, name) or ""
        if not value or self.sees_case(referral):
            return value
        return public_text(value, self._known_of(referral.case))

    def story(self, referral: Referral) -> str:
        """The case's situation as the public would read it."""
        case = referral.case
        need = Need.objects.filter(case=case, status=Need.Status.PUBLISHED).first()
        if need is not None:
            return need.story
        return public_text(case.narrative, self._known_of(case))


def user_can_handle_case(user, case: Case) -> bool:
    """Whether ``user`` may act on ``case`` as a caseworker or supervisor."""
    scope = scope_for(user, roles=GOVERNMENT_ROLES)
    if scope.covers_region(case.region) and not scope.is_empty:
        return True
    return case.responsible_office_id in _government_office_ids(user)


def user_is_supervisor_for(user, case: Case) -> bool:
    scope = scope_for(user, roles=[Role.SUPERVISOR])
    return not scope.is_empty and scope.covers_region(case.region)


def case_timeline(case: Case) -> list[dict]:
    """What happened to a case, oldest first, from the audit log of the case and everything
    hanging on it (relief, referrals, consents, the public need, and its household's document
    numbers and contacts)."""
    return [
        {
            "at": event.created_at,
            "actor": event.actor.username if event.actor else None,
            "action": event.action,
            "changes": event.changes,
        }
        for event in case_events(case)
    ]


def case_events(case: Case):
    """The audit events of case_timeline, as rows (for core.audit_text.describe_events)."""
    from django.contrib.contenttypes.models import ContentType

    from core.models import AuditEvent
    from needs.models import Consent, Household, ReliefGrant

    related = {
        Case: [case.pk],
        Household: [case.household_id],
        ReliefGrant: list(case.relief_grants.values_list("pk", flat=True)),
        Referral: list(case.referrals.values_list("pk", flat=True)),
        Consent: list(case.consents.values_list("pk", flat=True)),
        Need: list(Need.objects.filter(case=case).values_list("pk", flat=True)),
    }
    condition = Q(pk__in=[])
    for model, ids in related.items():
        if ids:
            condition |= Q(
                object_type=ContentType.objects.get_for_model(model),
                object_id__in=[str(i) for i in ids],
            )
    return (
        AuditEvent.objects.filter(condition)
        .select_related("actor", "object_type")
        .order_by("created_at", "id")
    )


def offers_visible_to(user, queryset=None):
    """Offers of help: a charity's staff see their own projects' offers, government staff
    those of the cases they may see, auditors and platform administrators all of them."""
    from needs.models import Offer

    queryset = Offer.objects.all() if queryset is None else queryset
    scope = scope_for(user)
    if scope.everything:
        return queryset
    condition = Q(pk__in=[])
    charities = scope_for(user, roles=[Role.CHARITY_STAFF]).organisation_ids
    if charities:
        condition |= Q(project__organisation_id__in=charities)
    case_condition = case_filter(user)
    if case_condition is not None:
        condition |= Q(case__in=Case.objects.filter(case_condition).values("pk"))
    return queryset.filter(condition)
