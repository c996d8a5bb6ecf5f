"""A department referral that names an assistance type (issue 20, item 1): the department
accepts the referral and starts the application of that type for the case's household in one
step, as the office responsible for it (协同办理: 医疗救助 at the medical-security bureau,
教育救助 at the education bureau...).

The application then follows the statutory procedure like any other
(needs.services.assistance), handled by the department's staff.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.models import Organisation
from needs.models import AssistanceApplication, Referral
from needs.services.assistance import assistance_apply
from needs.services.referrals import _require_receiver, referral_accept
from needs.services.rules import lock, refuse

RStatus = Referral.Status


@transaction.atomic
def referral_application_start(
    *, by, referral: Referral, reason: str = ""
) -> AssistanceApplication:
    """The receiving department starts the application of the referral's assistance type for
    the case's household, accepting the referral first when it still waits for an answer.
    The department is the responsible office; one application per referral."""
    referral = lock(referral)
    _require_receiver(by, referral)
    if referral.project_id is not None or referral.to_organisation.kind != (
        Organisation.Kind.DEPARTMENT
    ):
        refuse(
            None,
            _("Only a department starts an application from a referral."),
            "not_department",
        )
    if not referral.assistance_type:
        refuse(
            "assistance_type",
            _("This referral names no assistance type."),
            "no_assistance_type",
        )
    if AssistanceApplication.objects.filter(referral=referral).exists():
        refuse(
            None,
            _("An application was already started from this referral."),
            "already_started",
        )
    if referral.status == RStatus.REQUESTED:
        referral = referral_accept(by=by, referral=referral)
    elif referral.status not in (RStatus.ACCEPTED, RStatus.IN_PROGRESS):
        refuse(
            None,
            _("A referral that is “%(status)s” cannot be changed this way.")
            % {"status": referral.get_status_display()},
            "invalid_transition",
        )
    case = referral.case
    # The caseworker's note may carry what the department needs; the household's own words
    # stay on the case. The reason says where the application came from.
    reason = (reason or "").strip() or _("Referred by case %(number)s.") % {
        "number": case.number or case.pk
    }
    application = assistance_apply(
        by=by,
        household=case.household,
        assistance_type=referral.assistance_type,
        office=referral.to_organisation,
        case=case,
        referral=referral,
        reason=reason,
    )
    audit_record(
        actor=by,
        action="referral.application_start",
        obj=referral,
        changes={
            "assistance_application": (None, application.pk),
            "assistance_type": (None, referral.assistance_type),
        },
    )
    return application
