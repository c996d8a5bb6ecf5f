"""Concentrated surveys (集中排查, seed 003 measure 4): open a campaign over a region and
period, assign households or villages to visitors, record what each visit found, make a case of
a finding in one step, close the campaign.

Each function checks its rule, writes and records its audit event in one transaction
(DESIGN.md 7.3); bad input is refused field by field and changes nothing (7.4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.models import Organisation, Region
from discovery import notify_petitions
from discovery.models import Survey, SurveyAssignment
from discovery.selectors_registers import user_can_handle_register
from discovery.services.registers import (
    _case_office,
    _check_case_input,
    _Errors,
    _require_government_office,
    _require_handler,
)
from needs.models import Case, Household
from needs.services.cases import ReportResult, _require_office_member, case_report
from needs.services.households import HouseholdInput, validate_household
from needs.services.rules import lock, refuse

# A campaign longer than this is routine surveying (摸底排查), not a concentrated one.
MAX_SURVEY_DAYS = 366


@transaction.atomic
def survey_create(
    *,
    by,
    office: Organisation,
    name: str,
    reason: str,
    region: Region,
    starts_on: dt.date,
    ends_on: dt.date,
) -> Survey:
    """Open a concentrated survey of ``region`` (the office's own or part of it) from
    ``starts_on`` to ``ends_on``, for a flood, an epidemic or another sudden event."""
    _require_office_member(by, office)
    _require_government_office(office)
    errors = _Errors()
    name = errors.required("name", name)
    if len(name) > 128:
        errors.add("name", _("At most 128 characters."), "max_length")
    if reason not in Survey.Reason.values:
        errors.add("reason", _("Say what the survey is for."), "invalid_choice")
    if not region.is_within(office.region):
        errors.add(
            "region", _("The region is outside your office's jurisdiction."), "out_of_jurisdiction"
        )
    if not isinstance(starts_on, dt.date):
        errors.add("starts_on", _("Enter a valid date."), "invalid")
    if not isinstance(ends_on, dt.date):
        errors.add("ends_on", _("Enter a valid date."), "invalid")
    elif isinstance(starts_on, dt.date):
        if ends_on < starts_on:
            errors.add("ends_on", _("The survey cannot end before it starts."), "before_start")
        elif (ends_on - starts_on).days > MAX_SURVEY_DAYS:
            errors.add(
                "ends_on",
                _("A concentrated survey lasts at most %(days)s days.") % {"days": MAX_SURVEY_DAYS},
                "too_long",
            )
    errors.raise_if_any()
    survey = Survey(
        name=name,
        reason=reason,
        region=region,
        office=office,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=by,
    )
    survey.full_clean()
    survey.save()
    audit_record(
        actor=by,
        action="survey.create",
        obj=survey,
        changes={
            "reason": (None, reason),
            "region": (None, region.code),
            "period": (None, f"{starts_on:%Y-%m-%d}/{ends_on:%Y-%m-%d}"),
        },
    )
    return survey


def _require_open_survey(survey: Survey) -> None:
    if survey.status != Survey.Status.OPEN:
        refuse(None, _("This survey is closed."), "survey_closed")


@transaction.atomic
def survey_assign(
    *,
    by,
    survey: Survey,
    visitor,
    households: Iterable[Household] = (),
    villages: Iterable[str] = (),
) -> list[SurveyAssignment]:
    """Assign households on record, or villages (村/社区) named, to a visitor, who must be
    government staff able to work in the survey's region. A household or village is assigned
    once per survey; all are assigned or none."""
    survey = lock(survey)
    _require_handler(by, survey)
    _require_open_survey(survey)
    households = list(households)
    villages = [v.strip() for v in villages if (v or "").strip()]
    errors = _Errors()
    if not households and not villages:
        errors.add("households", _("Choose households or name villages to assign."), "required")
    if visitor is None or not user_can_handle_register(visitor, survey.region, survey.office_id):
        errors.add(
            "visitor",
            _("The visitor must work for an office covering the survey's region."),
            "visitor_out_of_jurisdiction",
        )
    outside = [h.pk for h in households if not h.region.is_within(survey.region)]
    if outside:
        errors.add(
            "households",
            _("Households %(ids)s live outside the survey's region.")
            % {"ids": ", ".join(map(str, outside))},
            "out_of_region",
        )
    if any(len(v) > 64 for v in villages):
        errors.add("villages", _("At most 64 characters."), "max_length")
    taken = sorted(
        survey.assignments.filter(household__in=households).values_list("household_id", flat=True)
    )
    if taken or len({h.pk for h in households}) != len(households):
        errors.add(
            "households",
            _("Households %(ids)s are already assigned in this survey.")
            % {"ids": ", ".join(map(str, taken or [h.pk for h in households]))},
            "already_assigned",
        )
    taken_villages = sorted(
        survey.assignments.filter(household__isnull=True, village__in=villages).values_list(
            "village", flat=True
        )
    )
    if taken_villages or len(set(villages)) != len(villages):
        errors.add(
            "villages",
            _("%(names)s already assigned in this survey.")
            % {"names": "、".join(taken_villages or villages)},
            "already_assigned",
        )
    errors.raise_if_any()
    rows = [
        SurveyAssignment(survey=survey, household=h, visitor=visitor, assigned_by=by)
        for h in households
    ] + [
        SurveyAssignment(survey=survey, village=v, visitor=visitor, assigned_by=by)
        for v in villages
    ]
    for row in rows:
        row.save()
    audit_record(
        actor=by,
        action="survey.assign",
        obj=survey,
        changes={
            "visitor": (None, visitor.pk),
            "households": [h.pk for h in households],
            "villages": len(villages),
        },
    )
    notify_petitions.survey_assigned(survey, visitor=visitor, assignments=rows)
    return rows


def _require_assignment_worker(user, assignment: SurveyAssignment) -> None:
    """The visitor of the assignment, or staff who may handle the survey."""
    if assignment.visitor_id == user.pk and user_can_handle_register(
        user, assignment.survey.region, assignment.survey.office_id
    ):
        return
    _require_handler(user, assignment.survey)


@transaction.atomic
def survey_visit_record(
    *,
    by,
    assignment: SurveyAssignment,
    visited_on: dt.date,
    finding: str,
    needs_help: bool = False,
) -> SurveyAssignment:
    """Record the visit of an assignment: the day (within the survey's period, not in the
    future), what was found, and whether the household needs help now."""
    assignment = lock(assignment)
    _require_assignment_worker(by, assignment)
    _require_open_survey(assignment.survey)
    if assignment.status == SurveyAssignment.Status.VISITED:
        refuse(None, _("This visit has already been recorded."), "already_visited")
    errors = _Errors()
    finding = errors.required("finding", finding)
    survey = assignment.survey
    if not isinstance(visited_on, dt.date):
        errors.add("visited_on", _("Enter a valid date."), "invalid")
    elif visited_on > timezone.localdate():
        errors.add("visited_on", _("A visit cannot be recorded before it is made."), "future")
    elif not survey.starts_on <= visited_on <= survey.ends_on:
        errors.add(
            "visited_on",
            _("The visit must fall within the survey's period."),
            "outside_period",
        )
    errors.raise_if_any()
    assignment.status = SurveyAssignment.Status.VISITED
    assignment.visited_on, assignment.finding = visited_on, finding
    assignment.needs_help = bool(needs_help)
    assignment.save(update_fields=["status", "visited_on", "finding", "needs_help"])
    audit_record(
        actor=by,
        action="survey.visit",
        obj=assignment,
        changes={
            "status": (SurveyAssignment.Status.PENDING, assignment.status),
            "needs_help": bool(needs_help),
        },
    )
    return assignment


@transaction.atomic
def survey_finding_to_case(
    *,
    by,
    assignment: SurveyAssignment,
    category: str,
    narrative: str = "",
    urgency: int = Case.Urgency.NORMAL,
    is_emergency: bool = False,
    household: HouseholdInput | None = None,
) -> ReportResult:
    """Make a case of a visit's finding in one step: reported through the survey channel on
    the assigned household (or, for a village, on the household described), linked to the
    assignment. A finding becomes a case once."""
    assignment = lock(assignment)
    survey = assignment.survey
    _require_handler(by, survey)
    if assignment.status != SurveyAssignment.Status.VISITED:
        refuse(None, _("Record the visit before making a case of it."), "not_visited")
    if assignment.case_id is not None:
        refuse(None, _("This finding has already become a case."), "already_converted")
    errors = _Errors()
    _check_case_input(errors, category, urgency)
    target: HouseholdInput | Household | None = assignment.household or household
    if target is None:
        errors.add("household", _("Describe the household the case is about."), "required")
    elif isinstance(target, HouseholdInput):
        try:
            validate_household(target)
        except ValidationError as error:
            for field, field_errors in error.error_dict.items():
                errors.errors.setdefault(field, []).extend(field_errors)
        else:
            if not target.region.is_within(survey.region):
                errors.add(
                    "household.region",
                    _("The household lives outside the survey's region."),
                    "out_of_region",
                )
        if survey.reason != Survey.Reason.OTHER:
            # Found in a survey after a disaster or epidemic: key group 6 (受灾人员).
            target.flags = {**target.flags, "kg_disaster_hit": True}
    errors.raise_if_any()
    result = case_report(
        by=by,
        office=_case_office(by, survey),
        channel=Case.Channel.SURVEY,
        category=category,
        narrative=(narrative or "").strip() or assignment.finding,
        household=target,
        urgency=urgency,
        is_emergency=is_emergency,
    )
    assignment.case = result.case
    assignment.save(update_fields=["case"])
    audit_record(
        actor=by,
        action="survey.to_case",
        obj=assignment,
        changes={"case": (None, result.case.pk)},
    )
    return result


@transaction.atomic
def survey_close(*, by, survey: Survey) -> Survey:
    """Close the campaign: no more assignments or visits; what is not visited stays counted
    as not covered."""
    survey = lock(survey)
    _require_handler(by, survey)
    _require_open_survey(survey)
    survey.status, survey.closed_at = Survey.Status.CLOSED, timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    audit_record(
        actor=by,
        action="survey.close",
        obj=survey,
        changes={"status": (Survey.Status.OPEN, Survey.Status.CLOSED)},
    )
    return survey
