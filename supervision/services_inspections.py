"""Special inspection (专项治理, seed 004; issue 20 item 6): one function per step, each checking
its rule and writing the change with its audit event in one transaction (DESIGN.md 7.3).

campaign created by a supervisor of the organising office over government offices in its
jurisdiction → each office answers and submits its self-inspection (自查自纠) → the inspectors
draw spot checks (实地抽查) of a seeded random sample of cases and record a finding per case →
rectification tasks (整改) with owners and deadlines → done → the campaign closes with its
report once every self-inspection is in and every task done.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.jurisdiction import Role, active_memberships
from core.models import Organisation, Region, User
from needs.models import Case
from needs.services.rules import lock, refuse
from supervision import notify_events
from supervision.checklist import default_checklist
from supervision.models import (
    InspectionCampaign,
    RectificationTask,
    SelfInspection,
    SelfInspectionItem,
    SpotCheck,
    SpotCheckCase,
)
from supervision.services_reports import is_government_member

Campaign = InspectionCampaign
MAX_SAMPLE = 500


def is_inspector(user, campaign_or_office) -> bool:
    """A supervisor of the organising office."""
    office_id = getattr(campaign_or_office, "organiser_id", None) or getattr(
        campaign_or_office, "pk", campaign_or_office
    )
    return any(
        m.organisation_id == office_id and m.role == Role.SUPERVISOR
        for m in active_memberships(user)
    )


def _require_inspector(user, campaign: Campaign) -> None:
    if not is_inspector(user, campaign):
        raise PermissionDenied(_("Only the supervisors of the organising office do this."))


def _require_open(campaign: Campaign) -> None:
    if campaign.status != Campaign.Status.OPEN:
        refuse(None, _("This inspection is closed."), "closed")


def _required_text(field: str, value: str) -> str:
    value = (value or "").strip()
    if not value:
        refuse(field, _("This field is required."), "required")
    return value


@transaction.atomic
def inspection_campaign_create(
    *,
    by,
    organiser: Organisation,
    title: str,
    offices: list[Organisation],
    period_start: dt.date,
    period_end: dt.date,
    self_inspection_due_on: dt.date,
    checklist: list[str] | None = None,
    today: dt.date | None = None,
) -> Campaign:
    """Start a campaign over ``offices`` (government offices inside the organiser's
    jurisdiction) for the work of ``period_start``..``period_end``; each office gets its
    self-inspection with the checklist (seed 004's by default)."""
    today = today or timezone.localdate()
    if not is_inspector(by, organiser):
        raise PermissionDenied(_("Only the supervisors of the organising office do this."))
    title = _required_text("title", title)
    if period_start > period_end:
        refuse("period_end", _("The period ends before it starts."), "period_order")
    if self_inspection_due_on < today:
        refuse("self_inspection_due_on", _("The date is in the past."), "past")
    if not offices:
        refuse("offices", _("Choose at least one office to inspect."), "required")
    for office in offices:
        if (
            office.kind != Organisation.Kind.GOVERNMENT_OFFICE
            or not office.is_active
            or not office.region.is_within(organiser.region)
        ):
            refuse(
                "offices",
                _("%(office)s is not a government office in your jurisdiction.")
                % {"office": office.name},
                "out_of_jurisdiction",
            )
    lines = [line.strip() for line in (checklist or default_checklist()) if line.strip()]
    if not lines:
        refuse("checklist", _("The checklist is empty."), "required")
    campaign = Campaign.objects.create(
        title=title,
        organiser=organiser,
        period_start=period_start,
        period_end=period_end,
        self_inspection_due_on=self_inspection_due_on,
        created_by=by,
    )
    for office in {o.pk: o for o in offices}.values():
        self_inspection = SelfInspection.objects.create(campaign=campaign, office=office)
        SelfInspectionItem.objects.bulk_create(
            SelfInspectionItem(self_inspection=self_inspection, number=n, text=line[:300])
            for n, line in enumerate(lines, start=1)
        )
        notify_events.self_inspection_requested(self_inspection)
    audit_record(
        actor=by,
        action="inspection.create",
        obj=campaign,
        changes={
            "offices": sorted(o.pk for o in offices),
            "period": f"{period_start:%Y-%m-%d}..{period_end:%Y-%m-%d}",
            "checklist_items": len(lines),
        },
    )
    return campaign


@transaction.atomic
def self_inspection_answer(
    *, by, self_inspection: SelfInspection, answers: list[dict]
) -> SelfInspection:
    """Record the office's answers: ``[{"number": 1, "result": "compliant", "note": ""}]``.
    A problem found needs a note saying what it is."""
    self_inspection = lock(self_inspection)
    if not is_government_member(by, self_inspection.office_id):
        raise PermissionDenied(_("Only the office's own staff answer its self-inspection."))
    _require_open(self_inspection.campaign)
    if self_inspection.status != SelfInspection.Status.PENDING:
        refuse(None, _("This self-inspection was already submitted."), "already_submitted")
    items = {item.number: item for item in self_inspection.items.all()}
    results = {c for c in SelfInspectionItem.Result.values if c}
    if not answers:
        refuse("answers", _("Answer at least one item."), "required")
    for answer in answers:
        item = items.get(answer.get("number"))
        if item is None:
            refuse("answers", _("There is no item %(number)s.") % answer, "unknown_item")
        if answer.get("result") not in results:
            refuse(
                "answers",
                _("Item %(number)s: choose a result.") % {"number": item.number},
                "result",
            )
        note = (answer.get("note") or "").strip()
        if answer["result"] == SelfInspectionItem.Result.PROBLEM and not note:
            refuse(
                "answers",
                _("Item %(number)s: say what the problem is.") % {"number": item.number},
                "note_required",
            )
        item.result, item.note = answer["result"], note
    SelfInspectionItem.objects.bulk_update(items.values(), ["result", "note"])
    audit_record(
        actor=by,
        action="self_inspection.answer",
        obj=self_inspection,
        changes={"items": sorted(a["number"] for a in answers)},
    )
    return self_inspection


@transaction.atomic
def self_inspection_submit(*, by, self_inspection: SelfInspection, summary: str) -> SelfInspection:
    """Send the self-inspection report (自查报告) to the organiser once every item is answered."""
    self_inspection = lock(self_inspection)
    if not is_government_member(by, self_inspection.office_id):
        raise PermissionDenied(_("Only the office's own staff answer its self-inspection."))
    _require_open(self_inspection.campaign)
    if self_inspection.status != SelfInspection.Status.PENDING:
        refuse(None, _("This self-inspection was already submitted."), "already_submitted")
    summary = _required_text("summary", summary)
    open_items = self_inspection.items.filter(result="").values_list("number", flat=True)
    if open_items:
        refuse(
            "answers",
            _("Answer every item first; not answered: %(numbers)s.")
            % {"numbers": ", ".join(str(n) for n in open_items)},
            "unanswered",
        )
    self_inspection.status = SelfInspection.Status.SUBMITTED
    self_inspection.summary = summary
    self_inspection.submitted_by, self_inspection.submitted_at = by, timezone.now()
    self_inspection.save(update_fields=["status", "summary", "submitted_by", "submitted_at"])
    audit_record(
        actor=by,
        action="self_inspection.submit",
        obj=self_inspection,
        changes={"status": (SelfInspection.Status.PENDING, SelfInspection.Status.SUBMITTED)},
    )
    notify_events.self_inspection_submitted(self_inspection)
    return self_inspection


def spot_check_population(campaign: Campaign, office: Organisation):
    """The cases a spot check of ``office`` draws from: those of its jurisdiction reported in
    the campaign's period, by id (the order the seeded draw relies on)."""
    zone = timezone.get_default_timezone()
    start = timezone.make_aware(dt.datetime.combine(campaign.period_start, dt.time.min), zone)
    end = timezone.make_aware(
        dt.datetime.combine(campaign.period_end + dt.timedelta(days=1), dt.time.min), zone
    )
    path = office.region.path
    regions = Region.objects.filter(Q(path=path) | Q(path__startswith=path + "/")).values("code")
    return (
        Case.objects.filter(region_id__in=regions, reported_at__gte=start, reported_at__lt=end)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def draw_sample(case_ids: list[int], size: int, seed: int) -> list[int]:
    """The sample anyone can draw again: ``random.Random(seed).sample`` of the ids in
    ascending order."""
    return random.Random(seed).sample(sorted(case_ids), size)  # noqa: S311 (reproducible on purpose)


@transaction.atomic
def spot_check_draw(
    *, by, campaign: Campaign, office: Organisation, sample_size: int, seed: int | None = None
) -> SpotCheck:
    """Draw ``sample_size`` cases of the office's period at random, with ``seed`` (a fresh one
    when none is given), and record the seed and the population so the draw can be
    repeated. A sample larger than the population is refused."""
    campaign = lock(campaign)
    _require_inspector(by, campaign)
    _require_open(campaign)
    if not campaign.self_inspections.filter(office=office).exists():
        refuse("office", _("This office is not part of the inspection."), "not_inspected")
    if not isinstance(sample_size, int) or not 1 <= sample_size <= MAX_SAMPLE:
        refuse(
            "sample_size",
            _("The sample size must be between 1 and %(max)s.") % {"max": MAX_SAMPLE},
            "range",
        )
    if seed is not None and not 0 <= seed < 2**63:
        refuse("seed", _("The seed must be a whole number from 0 upwards."), "range")
    case_ids = list(spot_check_population(campaign, office))
    if sample_size > len(case_ids):
        refuse(
            "sample_size",
            _(
                "The sample (%(size)s) is larger than the cases to draw from (%(population)s) "
                "in the period."
            )
            % {"size": sample_size, "population": len(case_ids)},
            "sample_too_large",
        )
    seed = secrets.randbelow(2**31) if seed is None else seed
    spot_check = SpotCheck.objects.create(
        campaign=campaign,
        office=office,
        sample_size=sample_size,
        seed=seed,
        population=len(case_ids),
        drawn_by=by,
    )
    SpotCheckCase.objects.bulk_create(
        SpotCheckCase(spot_check=spot_check, case_id=case_id, position=n)
        for n, case_id in enumerate(draw_sample(case_ids, sample_size, seed), start=1)
    )
    audit_record(
        actor=by,
        action="spot_check.draw",
        obj=spot_check,
        changes={
            "office": office.pk,
            "sample_size": sample_size,
            "seed": seed,
            "population": len(case_ids),
        },
    )
    return spot_check


@transaction.atomic
def spot_check_finding_record(
    *, by, sampled: SpotCheckCase, finding: str, note: str = ""
) -> SpotCheckCase:
    """The inspectors' finding on one sampled case; a problem needs a note. Recorded once."""
    sampled = lock(sampled)
    campaign = sampled.spot_check.campaign
    _require_inspector(by, campaign)
    _require_open(campaign)
    if sampled.finding:
        refuse(None, _("The finding on this case was already recorded."), "already_recorded")
    if finding not in (SpotCheckCase.Finding.IN_ORDER, SpotCheckCase.Finding.PROBLEM):
        refuse("finding", _("Choose a finding."), "invalid")
    note = (note or "").strip()
    if finding == SpotCheckCase.Finding.PROBLEM and not note:
        refuse("note", _("Say what the problem is."), "required")
    sampled.finding, sampled.note = finding, note
    sampled.checked_by, sampled.checked_at = by, timezone.now()
    sampled.save(update_fields=["finding", "note", "checked_by", "checked_at"])
    audit_record(
        actor=by,
        action="spot_check.finding",
        obj=sampled,
        changes={"finding": (None, finding), "case": sampled.case_id},
    )
    return sampled


@transaction.atomic
def rectification_create(
    *,
    by,
    campaign: Campaign,
    office: Organisation,
    description: str,
    owner: User,
    due_on: dt.date,
    finding: SpotCheckCase | None = None,
    today: dt.date | None = None,
) -> RectificationTask:
    """Give an inspected office something to put right, owned by one of its staff, by a
    date; optionally tied to the finding on a sampled case."""
    today = today or timezone.localdate()
    campaign = lock(campaign)
    _require_inspector(by, campaign)
    _require_open(campaign)
    if not campaign.self_inspections.filter(office=office).exists():
        refuse("office", _("This office is not part of the inspection."), "not_inspected")
    description = _required_text("description", description)
    if not is_government_member(owner, office):
        refuse("owner", _("The owner must be a member of staff of the office."), "owner")
    if due_on < today:
        refuse("due_on", _("The date is in the past."), "past")
    if finding is not None:
        # Re-read: the finding may have been recorded after this object was loaded.
        finding = SpotCheckCase.objects.select_related("spot_check").get(pk=finding.pk)
    if finding is not None and (
        finding.spot_check.campaign_id != campaign.pk
        or finding.spot_check.office_id != office.pk
        or finding.finding != SpotCheckCase.Finding.PROBLEM
    ):
        refuse("finding", _("Choose a problem found in this office's spot check."), "finding")
    task = RectificationTask.objects.create(
        campaign=campaign,
        office=office,
        finding=finding,
        description=description,
        owner=owner,
        due_on=due_on,
        created_by=by,
    )
    audit_record(
        actor=by,
        action="rectification.create",
        obj=task,
        changes={"owner": owner.pk, "due_on": due_on.isoformat(), "office": office.pk},
    )
    notify_events.rectification_assigned(task)
    return task


@transaction.atomic
def rectification_done(*, by, task: RectificationTask, note: str) -> RectificationTask:
    """The owner (or a colleague in the office) records what was put right."""
    task = lock(task)
    if by.pk != task.owner_id and not is_government_member(by, task.office_id):
        raise PermissionDenied(_("Only the owner or the office's staff record this done."))
    _require_open(task.campaign)
    if task.status != RectificationTask.Status.OPEN:
        refuse(None, _("This rectification task is already done."), "already_done")
    task.done_note = _required_text("note", note)
    task.status = RectificationTask.Status.DONE
    task.done_by, task.done_at = by, timezone.now()
    task.save(update_fields=["status", "done_note", "done_by", "done_at"])
    audit_record(
        actor=by,
        action="rectification.done",
        obj=task,
        changes={"status": (RectificationTask.Status.OPEN, RectificationTask.Status.DONE)},
    )
    notify_events.rectification_done(task)
    return task


@transaction.atomic
def inspection_close(*, by, campaign: Campaign, closing_report: str) -> Campaign:
    """Close the campaign with its report (总结), once every self-inspection is submitted and
    every rectification task done."""
    campaign = lock(campaign)
    _require_inspector(by, campaign)
    _require_open(campaign)
    closing_report = _required_text("closing_report", closing_report)
    pending = campaign.self_inspections.filter(status=SelfInspection.Status.PENDING).count()
    if pending:
        refuse(
            None,
            _("%(count)s self-inspections are not submitted yet.") % {"count": pending},
            "self_inspections_pending",
        )
    open_tasks = campaign.rectifications.filter(status=RectificationTask.Status.OPEN).count()
    if open_tasks:
        refuse(
            None,
            _("%(count)s rectification tasks are not done yet.") % {"count": open_tasks},
            "rectifications_open",
        )
    campaign.status = Campaign.Status.CLOSED
    campaign.closing_report = closing_report
    campaign.closed_by, campaign.closed_at = by, timezone.now()
    campaign.save(update_fields=["status", "closing_report", "closed_by", "closed_at"])
    audit_record(
        actor=by,
        action="inspection.close",
        obj=campaign,
        changes={"status": (Campaign.Status.OPEN, Campaign.Status.CLOSED)},
    )
    return campaign


def inspection_summary(campaign: Campaign) -> dict:
    """The figures of the closing report: self-inspections, problems, samples, findings and
    rectifications."""
    items = SelfInspectionItem.objects.filter(self_inspection__campaign=campaign)
    sampled = SpotCheckCase.objects.filter(spot_check__campaign=campaign)
    tasks = campaign.rectifications.all()
    return {
        "offices": campaign.self_inspections.count(),
        "self_inspections_submitted": campaign.self_inspections.filter(
            status=SelfInspection.Status.SUBMITTED
        ).count(),
        "self_inspection_problems": items.filter(result=SelfInspectionItem.Result.PROBLEM).count(),
        "cases_sampled": sampled.count(),
        "cases_checked": sampled.exclude(finding="").count(),
        "case_problems": sampled.filter(finding=SpotCheckCase.Finding.PROBLEM).count(),
        "rectifications": tasks.count(),
        "rectifications_done": tasks.filter(status=RectificationTask.Status.DONE).count(),
        "rectifications_overdue": tasks.filter(
            status=RectificationTask.Status.OPEN, due_on__lt=timezone.localdate()
        ).count(),
    }
