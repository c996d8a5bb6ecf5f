"""The procedure of an assistance application, one function per step, each checking its rule
and writing its change and audit event in one transaction (DESIGN.md 7.3; issue 20 items 1, 3):

申请 ``assistance_apply`` → 受理 ``assistance_accept`` → 核对 ``assistance_check_record`` →
(民主评议 ``community_review_record`` where the office requires it) → 审核 ``assistance_review``
→ 公示 ``assistance_notice_start`` (objections: ``objection_record``, ``objection_resolve``) →
审批 ``assistance_approve`` (落实) or ``assistance_refuse`` (不予); later ``assistance_end``.

Seed 004 (专项治理) checks exactly these: procedures followed, time limits kept, notice given,
and no one approving their own work. So the reviewer never approves, the caseworker handling
the application never approves an amount above the office's limit, and nothing is approved
while an objection is open.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.models import OfficeTimeLimit, Organisation, Region
from core.money import format_money
from core.workdays import add_working_days
from discovery.models import RiskWarning
from needs import notify_events
from needs.anonymize.known import COMPOUND_SURNAMES
from needs.models import (
    AssistanceApplication,
    AssistanceObjection,
    AssistanceOfficeRule,
    AssistanceType,
    Case,
    CommunityReview,
    Household,
    HouseholdMember,
    Referral,
)
from needs.models.assistance import STATUS_FLAGS
from needs.selectors_assistance import user_may_act_on
from needs.services.relatives import (
    relative_application_record,
    relative_application_review,
    require_relative_application_decider,
)
from needs.services.rules import lock, refuse, require_positive_fen

Stage = AssistanceApplication.Stage
Recommendation = AssistanceApplication.Recommendation

# Working days each stage may take unless the office sets its own (OfficeTimeLimit rows
# "assistance_<stage>" or, for one type, "assistance_<stage>:<type>", on the office time limits
# screen); the defaults are settings.DEFAULT_TIME_LIMITS_WORKING_DAYS.
DEFAULT_NOTICE_DAYS = 7
DEFAULT_NOTICE_MIN_DAYS = 7
MAX_NOTICE_DAYS = 60


def office_rule(office: Organisation) -> AssistanceOfficeRule:
    """The office's rules, or the defaults (unsaved) when it set none."""
    rule = AssistanceOfficeRule.objects.filter(office=office).first()
    return rule or AssistanceOfficeRule(
        office=office,
        notice_days=max(DEFAULT_NOTICE_DAYS, notice_floor_days()),
        notice_min_days=max(DEFAULT_NOTICE_MIN_DAYS, notice_floor_days()),
        handler_approval_limit_fen=0,
        community_review_types=[AssistanceType.DIBAO, AssistanceType.TEKUN],
    )


def stage_time_limit(office: Organisation, assistance_type: str, stage: str) -> int:
    """Working days for ``stage`` of an application of ``assistance_type`` at ``office``: the
    office's limit for that type, else its limit for every type, else the platform default."""
    steps = [f"assistance_{stage}:{assistance_type}", f"assistance_{stage}"]
    limits = dict(
        OfficeTimeLimit.objects.filter(office=office, step__in=steps).values_list(
            "step", "working_days"
        )
    )
    for step in steps:
        if step in limits:
            return limits[step]
    return settings.DEFAULT_TIME_LIMITS_WORKING_DAYS[f"assistance_{stage}"]


def _due(application: AssistanceApplication, stage: str, start: dt.date | None = None):
    start = start or timezone.localdate()
    days = stage_time_limit(application.office, application.type, stage)
    day = add_working_days(start, days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


# Emergency help is given first and explained afterwards (seed 002: 急难型临时救助可先行救助,
# 事后补充说明): these types pass 核对 on the caseworker's record alone.
CHECK_NOT_REQUIRED = frozenset({AssistanceType.TEMPORARY, AssistanceType.VAGRANT})


def check_satisfied(application: AssistanceApplication) -> bool:
    """Whether the economic-status check (核对, 逢进必核) allows the application past its 核对
    stage: a caseworker recorded the stage, and, except for the emergency types, the household
    has a current check (its authorized check with a result, needs.services.economic_checks)."""
    from needs.services.economic_checks import household_has_current_check

    if application.check_recorded_at is None:
        return False
    if application.type in CHECK_NOT_REQUIRED:
        return True
    return household_has_current_check(application.household, office=application.office)


def notice_name(household: Household) -> str:
    """The applicant as a public notice may name them: surname + 某 (张某, 欧阳某)."""
    head = (
        HouseholdMember.objects.filter(household=household, relation=HouseholdMember.Relation.HEAD)
        .values_list("name", flat=True)
        .first()
    ) or ""
    head = head.strip()
    if not head:
        return "某"
    surname = head[:2] if head[:2] in COMPOUND_SURNAMES else head[:1]
    return f"{surname}某"


def _require_actor(by, application: AssistanceApplication) -> None:
    if not user_may_act_on(by, application):
        raise PermissionDenied(_("This application is not in your jurisdiction."))


def _require_stage(application: AssistanceApplication, *stages: str) -> None:
    if application.stage not in stages:
        refuse(
            None,
            _("Not possible at this stage of the application (%(stage)s).")
            % {"stage": application.get_stage_display()},
            "wrong_stage",
        )


def _text(field: str, value: str, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        refuse(field, _("This field is required."), "required")
    return value


def _move(by, application, action: str, before: str, **changes) -> None:
    audit_record(
        actor=by,
        action=f"assistance.{action}",
        obj=application,
        changes={"stage": (before, application.stage), **changes},
    )


# ---- 申请 ----


@transaction.atomic
def assistance_apply(
    *,
    by,
    household: Household,
    assistance_type: str,
    office: Organisation,
    reason: str = "",
    village: str = "",
    case: Case | None = None,
    risk_warning: RiskWarning | None = None,
    referral: Referral | None = None,
) -> AssistanceApplication:
    """Record an application for ``assistance_type`` by (or on behalf of) a household,
    addressed to the office or department responsible for that kind of assistance. One open
    application per household and type."""
    if assistance_type not in AssistanceType.values:
        refuse("type", _("Choose an assistance type."), "invalid_choice")
    if office is None or not office.is_government or not office.is_active:
        refuse(
            "office",
            _("Address the application to an active government office or department."),
            "not_government",
        )
    application = AssistanceApplication(
        household=household,
        region=household.region,
        type=assistance_type,
        office=office,
        case=case,
        risk_warning=risk_warning,
        referral=referral,
        reason=_text("reason", reason),
        village=_text("village", village),
        applied_by=by,
    )
    _require_actor(by, application)
    if not household.region.is_within(office.region):
        refuse(
            "office",
            _("The office's region does not cover the household's county."),
            "out_of_region",
        )
    duplicate = AssistanceApplication.objects.filter(
        household=household, type=assistance_type, stage__in=AssistanceApplication.OPEN_STAGES
    ).exists()
    if duplicate:
        refuse(
            "type",
            _("The household already has an open application of this type."),
            "duplicate",
        )
    application.full_clean(exclude=["household", "region", "office", "applied_by"])
    application.save()
    application.stage_due_at = _due(application, "accept")
    application.save(update_fields=["stage_due_at"])
    audit_record(
        actor=by,
        action="assistance.apply",
        obj=application,
        changes={
            "type": (None, assistance_type),
            "office": (None, office.pk),
            "household": (None, household.pk),
            "case": (None, case.pk if case else None),
            "risk_warning": (None, risk_warning.pk if risk_warning else None),
            **({"referral": (None, referral.pk)} if referral else {}),
        },
    )
    notify_events.assistance_applied(application)
    # 近亲属备案: a household where a filed relative lives is flagged and filed in the register.
    relative_application_record(by=by, application=application)
    return application


# ---- 受理 and 核对 ----


@transaction.atomic
def assistance_accept(*, by, application: AssistanceApplication) -> AssistanceApplication:
    """受理: a caseworker of the jurisdiction accepts the application and from now on handles
    it; the check (核对) is due within the office's limit."""
    application = lock(application)
    _require_actor(by, application)
    _require_stage(application, Stage.APPLIED)
    application.stage = Stage.ACCEPTED
    application.handler = by
    application.accepted_at = timezone.now()
    application.stage_due_at = _due(application, "check")
    application.save()
    _move(by, application, "accept", Stage.APPLIED, handler=(None, by.pk))
    return application


@transaction.atomic
def assistance_check_record(
    *, by, application: AssistanceApplication, note: str = ""
) -> AssistanceApplication:
    """核对: a caseworker records the household's economic-status check done. The stage is
    passed only when ``check_satisfied`` says so."""
    application = lock(application)
    _require_actor(by, application)
    _require_stage(application, Stage.ACCEPTED)
    application.check_recorded_by = by
    application.check_recorded_at = timezone.now()
    application.check_note = _text("note", note)
    if not check_satisfied(application):
        refuse(
            None,
            _(
                "The household has no current economic-status check (核对): record its "
                "authorization and the check's result first."
            ),
            "check_missing",
        )
    application.stage = Stage.CHECKED
    application.stage_due_at = _due(application, "review")
    application.save()
    _move(by, application, "check", Stage.ACCEPTED)
    return application


# ---- 民主评议 / 听证评议 ----


def community_review_required(application: AssistanceApplication) -> bool:
    return application.type in (office_rule(application.office).community_review_types or [])


@transaction.atomic
def community_review_record(
    *,
    by,
    application: AssistanceApplication,
    kind: str,
    held_on: dt.date,
    participants: list[str],
    result: str,
    summary: str = "",
) -> CommunityReview:
    """Record a democratic or hearing review of the application: when, who took part (at least
    three people, by name and role), and whether they agree."""
    application = lock(application)
    _require_actor(by, application)
    _require_stage(application, Stage.ACCEPTED, Stage.CHECKED)
    if kind not in CommunityReview.Kind.values:
        refuse("kind", _("Choose the kind of review."), "invalid_choice")
    if result not in CommunityReview.Result.values:
        refuse("result", _("Choose the result of the review."), "invalid_choice")
    if held_on is None or held_on > timezone.localdate():
        refuse("held_on", _("The review cannot be held in the future."), "future")
    people = [p.strip() for p in participants or [] if p and p.strip()]
    if len(people) < 3:
        refuse(
            "participants",
            _("Name at least three participants, one per line."),
            "too_few",
        )
    review = CommunityReview.objects.create(
        application=application,
        kind=kind,
        held_on=held_on,
        participants=people,
        result=result,
        summary=_text("summary", summary),
        recorded_by=by,
    )
    audit_record(
        actor=by,
        action="assistance.community_review",
        obj=application,
        changes={"community_review": (None, review.pk), "result": (None, result)},
    )
    return review


# ---- 审核 ----


@transaction.atomic
def assistance_review(
    *,
    by,
    application: AssistanceApplication,
    recommendation: str,
    amount_fen: int | None = None,
    note: str = "",
) -> AssistanceApplication:
    """审核: the reviewer recommends granting (with the amount) or refusing, after the check
    and, where the office requires it, the community review. Whoever reviews may not approve."""
    application = lock(application)
    _require_actor(by, application)
    _require_stage(application, Stage.CHECKED)
    if not check_satisfied(application):
        refuse(
            None,
            _(
                "The household has no current economic-status check (核对): record its "
                "authorization and the check's result first."
            ),
            "check_missing",
        )
    if community_review_required(application) and not application.community_reviews.exists():
        refuse(
            None,
            _("This office requires a community review (民主评议) before the review."),
            "community_review_missing",
        )
    if recommendation not in Recommendation.values:
        refuse("recommendation", _("Choose a recommendation."), "invalid_choice")
    if recommendation == Recommendation.GRANT:
        amount_fen = require_positive_fen("amount_fen", amount_fen)
    else:
        amount_fen = None
    note = _text("note", note, required=recommendation == Recommendation.REFUSE)
    application.stage = Stage.REVIEWED
    application.reviewer = by
    application.reviewed_at = timezone.now()
    application.recommendation = recommendation
    application.amount_fen = amount_fen
    application.review_note = note
    # A refusal goes straight to the approver; a grant is first given public notice.
    application.stage_due_at = _due(
        application, "approve" if recommendation == Recommendation.REFUSE else "review"
    )
    application.save()
    _move(
        by,
        application,
        "review",
        Stage.CHECKED,
        recommendation=(None, recommendation),
        amount_fen=(None, amount_fen),
    )
    if recommendation == Recommendation.REFUSE:
        notify_events.assistance_awaits_approval(application)
    return application


# ---- 公示 ----


@transaction.atomic
def assistance_notice_start(
    *, by, application: AssistanceApplication, days: int | None = None
) -> AssistanceApplication:
    """公示: a recommended grant is published for ``days`` calendar days (the office's period
    by default, never shorter than its minimum), naming only surname + 某, village, type and
    amount."""
    application = lock(application)
    _require_actor(by, application)
    _require_stage(application, Stage.REVIEWED)
    if application.recommendation != Recommendation.GRANT:
        refuse(None, _("Only a recommended grant is given public notice."), "not_grant")
    rule = office_rule(application.office)
    if days is None:
        days = rule.notice_days
    if not isinstance(days, int) or isinstance(days, bool):
        refuse("days", _("Enter a whole number of days."), "invalid")
    # A rule saved before the platform's floor was raised does not shorten the notice below it.
    shortest = max(rule.notice_min_days, notice_floor_days())
    if days < shortest:
        refuse(
            "days",
            _("The public notice lasts at least %(days)s days.") % {"days": shortest},
            "min_value",
        )
    if days > MAX_NOTICE_DAYS:
        refuse(
            "days",
            _("The public notice lasts at most %(days)s days.") % {"days": MAX_NOTICE_DAYS},
            "max_value",
        )
    today = timezone.localdate()
    application.stage = Stage.IN_NOTICE
    application.notice_starts_on = today
    application.notice_ends_on = today + dt.timedelta(days=days - 1)
    application.notice_name = notice_name(application.household)
    application.stage_due_at = _due(application, "approve", application.notice_ends_on)
    application.save()
    _move(
        by,
        application,
        "notice",
        Stage.REVIEWED,
        notice_starts_on=(None, application.notice_starts_on),
        notice_ends_on=(None, application.notice_ends_on),
    )
    notify_events.assistance_awaits_approval(application)
    return application


@transaction.atomic
def objection_record(
    *, by, application: AssistanceApplication, summary: str, received_on: dt.date | None = None
) -> AssistanceObjection:
    """An objection received during the public notice, recorded without the objector's name."""
    application = lock(application)
    _require_actor(by, application)
    _require_stage(application, Stage.IN_NOTICE)
    summary = _text("summary", summary, required=True)
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        refuse("received_on", _("The date cannot be in the future."), "future")
    objection = AssistanceObjection.objects.create(
        application=application, received_on=received_on, summary=summary, recorded_by=by
    )
    audit_record(
        actor=by,
        action="assistance.objection",
        obj=application,
        changes={"objection": (None, objection.pk)},
    )
    notify_events.assistance_objection(objection)
    return objection


@transaction.atomic
def objection_resolve(
    *, by, objection: AssistanceObjection, resolution: str, note: str
) -> AssistanceObjection:
    """The objection looked into: upheld (the application cannot be approved as it stands) or
    dismissed, with the findings."""
    objection = lock(objection)
    application = objection.application
    _require_actor(by, application)
    if not objection.is_open:
        refuse(None, _("This objection is already resolved."), "already_resolved")
    if resolution not in AssistanceObjection.Resolution.values:
        refuse("resolution", _("Choose upheld or dismissed."), "invalid_choice")
    objection.resolution = resolution
    objection.resolution_note = _text("note", note, required=True)
    objection.resolved_by = by
    objection.resolved_at = timezone.now()
    objection.save()
    audit_record(
        actor=by,
        action="assistance.objection_resolve",
        obj=application,
        changes={"objection": (None, objection.pk), "resolution": (None, resolution)},
    )
    return objection


# ---- 审批: 落实 or 不予 ----


def _require_not_reviewer(by, application: AssistanceApplication) -> None:
    if application.reviewer_id is not None and application.reviewer_id == by.pk:
        raise PermissionDenied(
            _("You reviewed this application: someone else must approve or refuse it.")
        )


@transaction.atomic
def assistance_approve(
    *,
    by,
    application: AssistanceApplication,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    note: str = "",
) -> AssistanceApplication:
    """审批 → 落实: after the public notice ended without an open or upheld objection, someone
    other than the reviewer (and, above the office's limit, other than the handler) approves;
    the household's status follows from the granted application."""
    application = lock(application)
    _require_actor(by, application)
    _require_stage(application, Stage.IN_NOTICE)
    _require_not_reviewer(by, application)
    limit = office_rule(application.office).handler_approval_limit_fen
    if application.handler_id == by.pk and (application.amount_fen or 0) > limit:
        raise PermissionDenied(
            _("You handle this application: above %(limit)s someone else must approve it.")
            % {"limit": _yuan(limit)}
        )
    flagged = require_relative_application_decider(by, application)
    objections = list(application.objections.all())
    if any(o.is_open for o in objections):
        refuse(
            None,
            _("An objection is still open: resolve it before approving."),
            "objection_open",
        )
    if any(o.resolution == AssistanceObjection.Resolution.UPHELD for o in objections):
        refuse(
            None,
            _("An objection was upheld: the application can only be refused."),
            "objection_upheld",
        )
    today = timezone.localdate()
    if application.notice_ends_on is None or application.notice_ends_on >= today:
        refuse(
            None,
            _("The public notice runs until %(day)s: approve after it ends.")
            % {"day": application.notice_ends_on},
            "notice_running",
        )
    if not check_satisfied(application):
        refuse(
            None,
            _(
                "The household has no current economic-status check (核对): record its "
                "authorization and the check's result first."
            ),
            "check_missing",
        )
    starts_on = starts_on or today
    if ends_on is not None and ends_on < starts_on:
        refuse("ends_on", _("The end date cannot be before the start date."), "before_start")
    application.stage = Stage.GRANTED
    application.approver = by
    application.decided_at = timezone.now()
    application.outcome_reasons = _text("note", note)
    application.starts_on = starts_on
    application.ends_on = ends_on
    application.stage_due_at = None
    application.save()
    _move(
        by,
        application,
        "approve",
        Stage.IN_NOTICE,
        starts_on=(None, starts_on),
        ends_on=(None, ends_on),
    )
    if flagged:
        relative_application_review(by=by, application=application, approve=True, reason=note)
    household_status_refresh(application.household)
    notify_events.assistance_decided(application)
    return application


@transaction.atomic
def assistance_refuse(
    *, by, application: AssistanceApplication, reasons: str
) -> AssistanceApplication:
    """不予: the application is refused, at any open stage, with the reasons the household is
    told. Not by whoever reviewed it; for a household with a filed relative, by a supervisor
    other than the officials concerned (近亲属备案)."""
    application = lock(application)
    _require_actor(by, application)
    _require_stage(application, *AssistanceApplication.OPEN_STAGES)
    _require_not_reviewer(by, application)
    flagged = require_relative_application_decider(by, application)
    before = application.stage
    application.stage = Stage.REFUSED
    application.approver = by
    application.decided_at = timezone.now()
    application.outcome_reasons = _text("reasons", reasons, required=True)
    application.stage_due_at = None
    application.save()
    _move(by, application, "refuse", before)
    if flagged:
        relative_application_review(
            by=by, application=application, approve=False, reason=application.outcome_reasons
        )
    notify_events.assistance_decided(application)
    return application


@transaction.atomic
def assistance_end(
    *, by, application: AssistanceApplication, ends_on: dt.date, reason: str
) -> AssistanceApplication:
    """A granted assistance ends (the household no longer qualifies, or its period is over):
    the end date is recorded and the household's status follows."""
    application = lock(application)
    _require_actor(by, application)
    _require_stage(application, Stage.GRANTED)
    if ends_on is None:
        refuse("ends_on", _("This field is required."), "required")
    if ends_on < application.starts_on:
        refuse("ends_on", _("The end date cannot be before the start date."), "before_start")
    before = application.ends_on
    application.ends_on = ends_on
    reason = _text("reason", reason, required=True)
    application.outcome_reasons = f"{application.outcome_reasons}\n{reason}".strip()
    application.save(update_fields=["ends_on", "outcome_reasons"])
    audit_record(
        actor=by,
        action="assistance.end",
        obj=application,
        changes={"ends_on": (before, ends_on)},
    )
    household_status_refresh(application.household)
    return application


# ---- household statuses ----


def household_statuses(household: Household, *, on: dt.date | None = None) -> list[str]:
    """The assistance types a household has on ``on`` (today): its granted applications whose
    period covers the day."""
    on = on or timezone.localdate()
    return sorted(
        set(
            AssistanceApplication.objects.filter(
                household=household, stage=Stage.GRANTED, starts_on__lte=on
            )
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
            .values_list("type", flat=True)
        )
    )


def household_status_refresh(household: Household, *, on: dt.date | None = None) -> None:
    """Keep the household's flags (is_dibao, is_tekun...) a copy of its granted applications,
    for the screens and rules that read them. A flag of a type the household never applied
    for through the procedure (recorded by hand before) is left as recorded."""
    current = set(household_statuses(household, on=on))
    applied = set(
        AssistanceApplication.objects.filter(household=household, stage=Stage.GRANTED)
        .values_list("type", flat=True)
        .distinct()
    )
    changes = {}
    for kind, flag in STATUS_FLAGS.items():
        if kind not in applied:
            continue
        value = kind in current
        if getattr(household, flag) != value:
            changes[flag] = (getattr(household, flag), value)
            setattr(household, flag, value)
    if changes:
        Household.objects.filter(pk=household.pk).update(
            **{flag: after for flag, (_before, after) in changes.items()}
        )
        audit_record(actor=None, action="household.status_refresh", obj=household, changes=changes)


def _yuan(fen: int) -> str:
    return format_money(fen)


# ---- an office's own rules for the procedure ----


def notice_floor_days() -> int:
    """The shortest public notice any office may set: settings.ASSISTANCE_NOTICE_FLOOR_DAYS
    (7 days, the national practice, unless the platform is configured lower)."""
    return settings.ASSISTANCE_NOTICE_FLOOR_DAYS


@transaction.atomic
def assistance_office_rule_save(
    *,
    by,
    office: Organisation,
    notice_days: int,
    notice_min_days: int,
    handler_approval_limit_fen: int,
    community_review_types: list[str],
) -> AssistanceOfficeRule:
    """Set an office's rules for the procedure: its notice period and shortest notice (never
    below the platform's floor), the highest amount its handlers may approve, and the types
    that need a community review. A supervisor over the office (or a platform admin) sets
    them, as for the office's time limits."""
    from core.jurisdiction import Role, has_role, scope_for

    if not has_role(by, Role.PLATFORM_ADMIN) and not scope_for(
        by, roles=[Role.SUPERVISOR]
    ).covers_region(office.region):
        raise PermissionDenied(_("Only a supervisor over this office may set its rules."))
    # Assistance is decided at county level or above: village committees and townships have
    # no procedure rules of their own (the rules screen lists only those offices).
    if (
        office.kind != Organisation.Kind.GOVERNMENT_OFFICE
        or not office.is_active
        or office.region.level > Region.Level.COUNTY
    ):
        refuse(
            "office",
            _("Only an active civil-affairs office at county level or above sets these rules."),
            "not_deciding_office",
        )
    floor = notice_floor_days()
    errors = {}
    if notice_min_days < floor:
        errors["notice_min_days"] = _("The shortest notice may not be below %(days)s days.") % {
            "days": floor
        }
    if notice_days < max(notice_min_days, floor):
        errors["notice_days"] = _("The notice period may not be shorter than the shortest notice.")
    if handler_approval_limit_fen < 0:
        errors["handler_approval_limit_fen"] = _("The amount may not be negative.")
    unknown = sorted(set(community_review_types) - set(AssistanceType.values))
    if unknown:
        errors["community_review_types"] = _("Unknown assistance type: %(types)s.") % {
            "types": ", ".join(unknown)
        }
    if errors:
        raise ValidationError(
            {field: ValidationError(message, code="invalid") for field, message in errors.items()}
        )
    rule = AssistanceOfficeRule.objects.select_for_update().filter(office=office).first()
    before = (
        {}
        if rule is None
        else {
            "notice_days": rule.notice_days,
            "notice_min_days": rule.notice_min_days,
            "handler_approval_limit_fen": rule.handler_approval_limit_fen,
            "community_review_types": rule.community_review_types,
        }
    )
    rule = rule or AssistanceOfficeRule(office=office)
    after = {
        "notice_days": notice_days,
        "notice_min_days": notice_min_days,
        "handler_approval_limit_fen": handler_approval_limit_fen,
        "community_review_types": sorted(set(community_review_types)),
    }
    for field, value in after.items():
        setattr(rule, field, value)
    rule.save()
    audit_record(
        actor=by,
        action="assistance.rule_save",
        obj=rule,
        changes={k: (before.get(k), v) for k, v in after.items() if before.get(k) != v},
    )
    return rule


def household_statuses_expire(*, on: dt.date | None = None) -> int:
    """The periodic run's step: households whose granted assistance ended before ``on`` (today)
    lose the status (their flags follow the applications again). Returns how many households
    were looked at."""
    on = on or timezone.localdate()
    # Those ended in the last month: a run missed for a while still catches up, and the
    # households of long-ended grants are not looked at again every run.
    ended = (
        AssistanceApplication.objects.filter(
            stage=Stage.GRANTED, ends_on__lt=on, ends_on__gte=on - dt.timedelta(days=31)
        )
        .values_list("household_id", flat=True)
        .distinct()
    )
    households = Household.objects.filter(pk__in=ended)
    for household in households:
        with transaction.atomic():
            household_status_refresh(household, on=on)
    return households.count()
