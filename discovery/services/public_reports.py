"""Reports of someone in distress from the public: one service creates them, routed to the
civil-affairs office of the region (or the nearest office above it)."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.models import Organisation, Region
from discovery.models import PublicReport

MAX_TEXT = 2000
MAX_CONTACT = 100
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on the phone


def _refuse(field: str, message: str, code: str):
    raise ValidationError({field: ValidationError(message, code=code)})


def office_for(region: Region) -> Organisation | None:
    """The active civil-affairs office of the region, else of the nearest region above it."""
    codes = region.path.split("/")[::-1]
    offices = Organisation.objects.filter(
        kind=Organisation.Kind.GOVERNMENT_OFFICE, is_active=True, region_id__in=codes
    )
    by_region = {office.region_id: office for office in offices.order_by("pk")}
    return next((by_region[code] for code in codes if code in by_region), None)


def _validated(*, region_code: str, what_happened: str, contact: str):
    what_happened = (what_happened or "").strip()
    contact = (contact or "").strip()
    region = Region.objects.filter(code=(region_code or "").strip()).first()
    if region is None or region.level != Region.Level.COUNTY:
        _refuse("region", _("Choose the county or district where the person is."), "region")
    if not what_happened:
        _refuse("what_happened", _("Say what happened."), "required")
    if len(what_happened) > MAX_TEXT:
        _refuse(
            "what_happened",
            _("Please keep it under %(count)s characters.") % {"count": MAX_TEXT},
            "max_length",
        )
    if len(contact) > MAX_CONTACT:
        _refuse("contact", _("The contact is too long."), "max_length")
    return region, what_happened, contact


def _keep(*, actor, region, office, what_happened: str, contact: str, channel: str):
    code = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    report = PublicReport.objects.create(
        tracking_code=code,
        region=region,
        office=office,
        channel=channel,
        what_happened=what_happened,
        reporter_contact=contact,
    )
    audit_record(
        actor=actor,
        action="public_report.create",
        obj=report,
        changes={
            "region": (None, region.code),
            "office": (None, report.office_id),
            "channel": (None, channel),
        },
    )
    return report


@transaction.atomic
def public_report_create(
    *, region_code: str, what_happened: str, contact: str = ""
) -> PublicReport:
    """Keep a report sent through the public site's form for the office of its county, or of
    the nearest city or province above it that works on the platform; a county no such office
    covers is refused with whom to call, never kept for nobody."""
    region, what_happened, contact = _validated(
        region_code=region_code, what_happened=what_happened, contact=contact
    )
    office = office_for(region)
    if office is None:
        # No office of the county, its city or its province works on the platform: a report
        # kept here would reach nobody (issue 16). Say whom to call instead.
        _refuse(
            "region",
            _(
                "No office on this platform serves %(county)s yet, so a report here would "
                "reach nobody. Please call the social assistance hotline 12349, or go to the "
                "township or street office where the person lives."
            )
            % {"county": region.display_name},
            "unserved",
        )
    return _keep(
        actor=None,
        region=region,
        office=office,
        what_happened=what_happened,
        contact=contact,
        channel=PublicReport.Channel.WEB_FORM,
    )


@transaction.atomic
def public_report_record(
    *, by, region_code: str, what_happened: str, channel: str, contact: str = ""
) -> PublicReport:
    """A caseworker records a report that reached the office through another intake channel
    (a WeChat or QQ group, the wish wall, the public mailbox, a survey...; seed 000), for a
    county of their own jurisdiction; it is then handled like one sent through the site."""
    from django.core.exceptions import PermissionDenied

    from core.jurisdiction import GOVERNMENT_ROLES, scope_for

    if channel not in PublicReport.Channel.values:
        _refuse("channel", _("Choose how the report reached the office."), "invalid_choice")
    region, what_happened, contact = _validated(
        region_code=region_code, what_happened=what_happened, contact=contact
    )
    scope = scope_for(by, roles=GOVERNMENT_ROLES)
    if scope.is_empty or not scope.covers_region(region):
        raise PermissionDenied(_("This county is outside your jurisdiction."))
    return _keep(
        actor=by,
        region=region,
        office=office_for(region),
        what_happened=what_happened,
        contact=contact,
        channel=channel,
    )


def reports_visible_to(user, *, readers: bool = False):
    """Public reports of regions in the user's government jurisdiction (newest first): the ones
    they may act on, or with ``readers`` also those auditors read (everything, read-only)."""
    from core.jurisdiction import GOVERNMENT_ROLES, READ_EVERYTHING_ROLES, visible_to

    roles = {*GOVERNMENT_ROLES, *READ_EVERYTHING_ROLES} if readers else GOVERNMENT_ROLES
    reports = PublicReport.objects.select_related("region", "office").order_by("-created_at")
    return visible_to(reports, user, region_field="region", roles=roles)


_MOVES = {
    PublicReport.Status.RECEIVED: {PublicReport.Status.HANDLING, PublicReport.Status.CLOSED},
    PublicReport.Status.HANDLING: {PublicReport.Status.CLOSED},
    PublicReport.Status.CLOSED: set(),
}


@transaction.atomic
def public_report_set_status(*, by, report: PublicReport, status: str) -> PublicReport:
    """A caseworker of the report's region takes it up (being handled) or closes it."""
    from django.core.exceptions import PermissionDenied

    report = PublicReport.objects.select_for_update().get(pk=report.pk)
    if not reports_visible_to(by).filter(pk=report.pk).exists():
        raise PermissionDenied(_("This report is outside your jurisdiction."))
    if status not in _MOVES[report.status]:
        _refuse("status", _("A report cannot move to that status from here."), "invalid_move")
    before, report.status = report.status, status
    report.save(update_fields=["status"])
    audit_record(
        actor=by, action="public_report.status", obj=report, changes={"status": (before, status)}
    )
    return report


@transaction.atomic
def public_report_to_case(*, by, report: PublicReport, office, **case):
    """Make a case of a report in one step: the case is reported through the report's channel
    (the web form's as a public report) by ``needs``' own service (the household as the
    caseworker found it; what the reporter wrote is the story unless another is given), the
    report is linked to it and is being handled. A report becomes a case once; a closed one
    does not."""
    from django.core.exceptions import PermissionDenied

    from needs.services import case_report

    report = PublicReport.objects.select_for_update().get(pk=report.pk)
    if not reports_visible_to(by).filter(pk=report.pk).exists():
        raise PermissionDenied(_("This report is outside your jurisdiction."))
    if report.case_id:
        _refuse("report", _("This report is already a case."), "already_case")
    if report.status == PublicReport.Status.CLOSED:
        _refuse("report", _("This report is closed."), "closed")
    case["narrative"] = (case.get("narrative") or "").strip() or report.what_happened
    result = case_report(by=by, office=office, channel=report.channel, **case)
    before, report.status, report.case = report.status, PublicReport.Status.HANDLING, result.case
    report.save(update_fields=["status", "case"])
    audit_record(
        actor=by,
        action="public_report.to_case",
        obj=report,
        changes={"status": (before, report.status), "case": (None, result.case.pk)},
    )
    return result
