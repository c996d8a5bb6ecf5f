"""Relatives' filing (近亲属备案, seeds 002 and 004), one function per step.

Civil-affairs staff file their own close relatives; a village or community cadre's relatives
are filed by the township's staff. Relief for a household where a filed relative lives is
flagged: it is written to the register (``RelativeBenefit``) and waits for a supervisor's
review before it takes effect, as relief above the ceiling waits (一事一议, needs.services.relief).
The official whose relative it is never reviews it.

The relative's ID number is validated, encrypted and hashed exactly as a household member's
(needs.identifiers, needs.crypto), so the same person is recognised in any household.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record, personal_data_read_record
from core.jurisdiction import (
    GOVERNMENT_ROLES,
    READ_EVERYTHING_ROLES,
    Role,
    active_memberships,
    scope_filter,
    scope_for,
)
from needs import notify_events
from needs.crypto import encrypt_id_number, id_number_hash
from needs.identifiers import validate_id_number
from needs.models import Household, HouseholdMember, RelativeBenefit, RelativeFiling, ReliefGrant
from needs.services.rules import lock, refuse

OfficialKind, Review = RelativeFiling.OfficialKind, RelativeBenefit.Review
FILING_READERS = (*GOVERNMENT_ROLES, *READ_EVERYTHING_ROLES)


# ---- jurisdiction ----


def filings_visible_to(user, queryset: QuerySet | None = None) -> QuerySet[RelativeFiling]:
    """Filings of the offices in the user's jurisdiction (auditors: all of them)."""
    queryset = RelativeFiling.objects.all() if queryset is None else queryset
    condition = scope_filter(scope_for(user, roles=FILING_READERS), region_field="office__region")
    return queryset if condition is None else queryset.filter(condition)


def benefits_visible_to(user, queryset: QuerySet | None = None) -> QuerySet[RelativeBenefit]:
    """Register entries of households in the user's jurisdiction or of filings of its offices."""
    queryset = RelativeBenefit.objects.all() if queryset is None else queryset
    scope = scope_for(user, roles=FILING_READERS)
    household = scope_filter(scope, region_field="household__region")
    if household is None:
        return queryset
    office = scope_filter(scope, region_field="filing__office__region")
    return queryset.filter(household | office)


def _offices(user) -> list:
    return [
        m.organisation
        for m in active_memberships(user)
        if m.role in GOVERNMENT_ROLES and m.organisation.is_government
    ]


FILING_FIELDS_SHOWN = ("relative_name", "id_number_masked")


def relative_filing_read_record(*, by, filing: RelativeFiling) -> None:
    """Log that ``by`` read a filing's relative: name and masked ID number (DESIGN.md 7.1,
    every read of personal data is logged); the screen and the API call it before showing."""
    personal_data_read_record(
        actor=by,
        obj=filing,
        fields=FILING_FIELDS_SHOWN,
        purpose=f"relative filing {filing.pk}",
    )


# ---- filing ----


@transaction.atomic
def relative_file(
    *,
    by,
    official_kind: str,
    relative_name: str,
    relation: str,
    id_number: str,
    official_name: str = "",
    office=None,
) -> RelativeFiling:
    """File one close relative of an official. Staff file their own (the official is the one
    filing); a village cadre's relatives are filed by the staff of the township's office, with
    the cadre's name. The same relative of the same official is filed once."""
    offices = _offices(by)
    if not offices:
        raise PermissionDenied(_("Only civil-affairs staff may file relatives."))
    if office is None:
        office = offices[0]
    elif office.pk not in {o.pk for o in offices}:
        refuse("office", _("File for your own office."), "not_your_office")
    if official_kind not in OfficialKind.values:
        refuse(
            "official_kind",
            _("Say whether the official is staff or a village cadre."),
            "invalid_choice",
        )
    if official_kind == OfficialKind.STAFF:
        # Staff file their own relatives: the official is the one filing.
        official_user = by
        official_name = by.get_full_name() or by.get_username()
    else:
        official_user = None
        official_name = (official_name or "").strip()
        if not official_name:
            refuse("official_name", _("Name the village or community cadre."), "required")
    if not (relative_name or "").strip():
        refuse("relative_name", _("Give the relative's name."), "required")
    if relation not in RelativeFiling.Relation.values:
        refuse("relation", _("Choose the relation."), "invalid_choice")
    try:
        number = validate_id_number(id_number or "")
    except ValidationError as error:
        raise ValidationError({"id_number": error.error_list}) from None
    number_hash = id_number_hash(number)
    if RelativeFiling.objects.filter(
        office=office,
        official_name=official_name[:64],
        id_number_hash=number_hash,
        withdrawn_at__isnull=True,
    ).exists():
        refuse(
            "id_number",
            _("This relative of %(official)s is already filed.") % {"official": official_name},
            "already_filed",
        )
    filing = RelativeFiling.objects.create(
        office=office,
        official_kind=official_kind,
        official_name=official_name[:64],
        official_user=official_user,
        relative_name=relative_name.strip()[:64],
        relation=relation,
        id_number_encrypted=encrypt_id_number(number),
        id_number_hash=number_hash,
        filed_by=by,
    )
    audit_record(
        actor=by,
        action="relative.file",
        obj=filing,
        changes={"official_kind": (None, official_kind), "relation": (None, relation)},
    )
    return filing


@transaction.atomic
def relative_filing_withdraw(*, by, filing: RelativeFiling, reason: str) -> RelativeFiling:
    """End a filing (the relation ended, the official left): by the official who filed it or a
    supervisor of the office's region, with the reason. Register entries stay."""
    filing = lock(filing)
    supervises = scope_for(by, roles=[Role.SUPERVISOR]).covers_region(filing.office.region)
    if filing.filed_by_id != by.pk and not supervises:
        raise PermissionDenied(_("Only who filed it or a supervisor may withdraw a filing."))
    if filing.withdrawn_at is not None:
        refuse(None, _("This filing was already withdrawn."), "already_withdrawn")
    if not (reason or "").strip():
        refuse("reason", _("Give the reason."), "required")
    filing.withdrawn_at, filing.withdrawn_by = timezone.now(), by
    filing.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit_record(
        actor=by,
        action="relative.withdraw",
        obj=filing,
        changes={"withdrawn": (False, True), "reason": reason.strip()[:200]},
    )
    return filing


# ---- matching households ----


def filed_relatives_in(household: Household) -> QuerySet[RelativeFiling]:
    """The filings in force of relatives who are members of ``household`` (matched by the
    keyed hash of their ID number). For applications as for relief."""
    hashes = HouseholdMember.objects.filter(household=household).exclude(id_number_hash="")
    return RelativeFiling.objects.filter(
        withdrawn_at__isnull=True,
        id_number_hash__in=hashes.values("id_number_hash"),
    ).select_related("office", "official_user")


def relative_benefits_record(*, by, grant: ReliefGrant, filings) -> list[RelativeBenefit]:
    """Write relief for a filed relative's household to the register, each entry waiting for
    the supervisor's review. Called by ``relief_grant`` inside its transaction."""
    entries = []
    for filing in filings:
        entry = RelativeBenefit.objects.create(
            filing=filing,
            household=grant.case.household,
            relief_grant=grant,
            amount_fen=grant.amount_fen,
        )
        audit_record(
            actor=by,
            action="relative.benefit_record",
            obj=entry,
            changes={"relief_grant": grant.pk, "review": (None, Review.PENDING)},
        )
        entries.append(entry)
    if entries:
        notify_events.relative_benefit_review_requested(grant)
    return entries


def require_not_own_relative(by, grant: ReliefGrant) -> None:
    """The official whose relative receives the relief does not review it."""
    if grant.relative_benefits.filter(
        Q(filing__official_user=by) | Q(filing__filed_by=by)
    ).exists():
        raise PermissionDenied(
            _("This relief goes to a relative you filed: another supervisor must review it.")
        )


def relative_benefits_review(*, by, grant: ReliefGrant, approve: bool, reason: str) -> int:
    """Record the supervisor's review on the grant's register entries. Called by
    ``relief_decide`` inside its transaction, after its own checks."""
    pending = list(grant.relative_benefits.select_for_update().filter(review=Review.PENDING))
    now = timezone.now()
    for entry in pending:
        entry.review = Review.APPROVED if approve else Review.REFUSED
        entry.reviewed_by, entry.reviewed_at, entry.review_reason = by, now, reason.strip()
        entry.save(update_fields=["review", "reviewed_by", "reviewed_at", "review_reason"])
        audit_record(
            actor=by,
            action="relative.benefit_review",
            obj=entry,
            changes={"review": (Review.PENDING, entry.review)},
        )
    return len(pending)


# ---- assistance applications for a filed relative's household ----


def relative_application_record(*, by, application) -> list[RelativeBenefit]:
    """Write an assistance application for a household where a filed relative lives to the
    register, one entry per filing, each waiting for the supervisor's review; the amount is
    written when the application is decided. Called by ``assistance_apply`` inside its
    transaction, and again before the decision for a relative filed since."""
    recorded = set(application.relative_benefits.values_list("filing_id", flat=True))
    entries = []
    for filing in filed_relatives_in(application.household):
        if filing.pk in recorded:
            continue
        entry = RelativeBenefit.objects.create(
            filing=filing,
            household=application.household,
            assistance_application=application,
            amount_fen=None,
        )
        audit_record(
            actor=by,
            action="relative.benefit_record",
            obj=entry,
            changes={"assistance_application": application.pk, "review": (None, Review.PENDING)},
        )
        entries.append(entry)
    if entries:
        notify_events.relative_application_flagged(application)
    return entries


def require_relative_application_decider(by, application) -> bool:
    """近亲属备案: an application for a household where a filed relative lives is decided by a
    supervisor over the office, never by the official whose relative it is nor by whoever
    filed the relative. Returns whether the application is flagged."""
    relative_application_record(by=by, application=application)
    entries = list(application.relative_benefits.select_related("filing"))
    if not entries:
        return False
    if any(by.pk in (e.filing.official_user_id, e.filing.filed_by_id) for e in entries):
        raise PermissionDenied(
            _("A relative you filed lives in this household: another supervisor must decide.")
        )
    if not scope_for(by, roles=[Role.SUPERVISOR]).covers_region(application.office.region):
        raise PermissionDenied(
            _(
                "A filed relative of staff or a village cadre lives in this household: a "
                "supervisor over the office decides (近亲属备案)."
            )
        )
    return True


def relative_application_review(*, by, application, approve: bool, reason: str) -> int:
    """Record the supervisor's decision on the application's register entries, with the
    amount granted. Called by ``assistance_approve`` and ``assistance_refuse`` inside their
    transactions, after ``require_relative_application_decider``."""
    pending = list(application.relative_benefits.select_for_update().filter(review=Review.PENDING))
    now = timezone.now()
    for entry in pending:
        entry.review = Review.APPROVED if approve else Review.REFUSED
        entry.reviewed_by, entry.reviewed_at = by, now
        entry.review_reason = (reason or "").strip()
        entry.amount_fen = application.amount_fen if approve else None
        entry.save(
            update_fields=["review", "reviewed_by", "reviewed_at", "review_reason", "amount_fen"]
        )
        audit_record(
            actor=by,
            action="relative.benefit_review",
            obj=entry,
            changes={"review": (Review.PENDING, entry.review)},
        )
    return len(pending)
