"""The one anonymizing path from a case to its public Need (DESIGN.md 7.1)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from needs.anonymize import KnownIdentifiers, Redaction, redact
from needs.gap import gap_refresh
from needs.models import Case, Consent, Need
from needs.public_text import refuse_identifiers
from needs.services.known_facts import health_details_consented, known_identifiers
from needs.services.rules import lock, refuse, require_case_handler, require_open

# The longest public story: a need is read on a phone; a longer text is refused, not cut.
STORY_MAX_LENGTH = 5000


def need_redaction(
    case: Case, known: KnownIdentifiers | None = None, *, health_details: bool | None = None
) -> Redaction:
    """The case's story as the public may read it, with what was removed and where (the
    preview shows the removals, and marks those the anonymizer was unsure of). ``known`` and
    ``health_details`` may be passed by a caller that has already read them."""
    if known is None:
        known = known_identifiers(case.household, case)
    if health_details is None:
        health_details = health_details_consented(case)
    return redact(case.narrative, known, health_details=health_details)


def _default_title(case: Case) -> str:
    return _("%(region)s: a family hit by %(category)s needs help") % {
        "region": case.region.full_name,
        "category": case.get_category_display(),
    }


def _require_consent(case: Case) -> None:
    if not Consent.objects.filter(
        case=case, scope=Consent.Scope.PUBLISH_NEED, withdrawn_at__isnull=True
    ).exists():
        refuse(None, _("Publishing needs the household's recorded consent."), "no_consent")


@transaction.atomic
def need_preview(*, by, case: Case) -> Need:
    """Build (or rebuild) the draft Need from the case: names become "X某", identifiers go."""
    case = lock(case)
    require_case_handler(by, case)
    require_open(case)
    _require_consent(case)
    gap = gap_refresh(case)
    if not gap:
        refuse(
            None,
            _("Assess the case and record a remaining gap before publishing a need."),
            "no_gap",
        )
    story = need_redaction(case).text
    # The gap is the case's (needs.gap): copied here as gap_refresh just stored it.
    need, created = Need.objects.get_or_create(
        case=case,
        defaults={
            "title": _default_title(case),
            "category": case.category,
            "region": case.region,
            "remaining_gap_fen": gap,
            "story": story,
        },
    )
    if not created:
        if need.status == Need.Status.PUBLISHED:
            refuse(None, _("Unpublish the need before rebuilding it."), "published")
        need.title, need.story = _default_title(case), story
        need.category, need.region = case.category, case.region
        need.status = Need.Status.DRAFT
        need.save(update_fields=["title", "story", "category", "region", "status"])
    audit_record(actor=by, action="need.preview", obj=need)
    return need


def _lock_need(need: Need) -> Need:
    """Lock the need's case, then the need: the order every writer of both keeps (needs.gap)."""
    lock(need.case)
    return lock(need)


@transaction.atomic
def need_update_draft(*, by, need: Need, title: str, story: str) -> Need:
    """The caseworker may edit the preview; publishing checks the result again."""
    need = _lock_need(need)
    require_case_handler(by, need.case)
    if need.status == Need.Status.PUBLISHED:
        refuse(None, _("Unpublish the need before editing it."), "published")
    title, story = (title or "").strip(), (story or "").strip()
    if not title:
        refuse("title", _("This field is required."), "required")
    if not story:
        refuse("story", _("This field is required."), "required")
    if len(story) > STORY_MAX_LENGTH:
        refuse(
            "story",
            _("Keep the story within %(limit)s characters (it has %(length)s).")
            % {"limit": STORY_MAX_LENGTH, "length": len(story)},
            "max_length",
        )
    changed = [
        name for name, value in (("title", title), ("story", story)) if getattr(need, name) != value
    ]
    need.title, need.story = title, story
    need.full_clean()
    need.save(update_fields=["title", "story"])
    audit_record(actor=by, action="need.edit", obj=need, changes=dict.fromkeys(changed, "edited"))
    return need


@transaction.atomic
def need_publish(*, by, need: Need) -> Need:
    """Publish after checking the final text with the independent publishing check and the
    household's known facts; refuse, naming each finding's kind and place, if any remains."""
    need = _lock_need(need)
    case = need.case
    require_case_handler(by, case)
    require_open(case)
    _require_consent(case)
    if need.status == Need.Status.PUBLISHED:
        refuse(None, _("The need is already published."), "already_published")
    # The independent check (needs.anonymize.check), on the final text after any edit.
    refuse_identifiers(
        {"title": need.title, "story": need.story},
        known_identifiers(case.household, case),
        health_details=health_details_consented(case),
    )
    need.status, need.published_at, need.unpublished_at = (
        Need.Status.PUBLISHED,
        timezone.now(),
        None,
    )
    need.save(update_fields=["status", "published_at", "unpublished_at"])
    gap_refresh(case)
    audit_record(actor=by, action="need.publish", obj=need)
    return need


def need_withdraw_from_public(need: Need, *, reason: str, by=None) -> None:
    """Take a need off the public site at once (consent withdrawn, case closed, or by hand)."""
    if need.status != Need.Status.PUBLISHED:
        return
    need.status, need.unpublished_at = Need.Status.UNPUBLISHED, timezone.now()
    need.save(update_fields=["status", "unpublished_at"])
    audit_record(actor=by, action="need.unpublish", obj=need, changes={"reason": (None, reason)})


@transaction.atomic
def need_unpublish(*, by, need: Need) -> Need:
    need = _lock_need(need)
    require_case_handler(by, need.case)
    if need.status != Need.Status.PUBLISHED:
        refuse(None, _("The need is not published."), "not_published")
    need_withdraw_from_public(need, reason="manual", by=by)
    return need
