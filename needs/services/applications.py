"""Applications for help filed on the public site (我要求助), by the person or on their behalf
(代理申请): one service checks everything, then writes the household, the case in the
office's 待办, the helper and the application in one transaction, or nothing at all.

The office is found the way a public report's is (``cms.reports.office_for``): the
civil-affairs office of the county, else the nearest one above it; a county no office on the
platform serves is refused with whom to call, never kept for nobody.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.models import Region
from core.tracking import tracking_code_new
from discovery.services.registers import _Errors
from needs.crypto import encrypt_personal, phone_hash
from needs.models import (
    AssistanceType,
    Case,
    HouseholdContact,
    HouseholdMember,
    OnlineApplication,
)
from needs.services.deadlines import Step, deadline_add
from needs.services.households import (
    HouseholdInput,
    MemberInput,
    household_create,
    validate_household,
)

MAX_TEXT = 2000
MAX_NAME = 64
MAX_TOWNSHIP = 64
AppliedBy = OnlineApplication.AppliedBy


def _code_taken(code: str) -> bool:
    from discovery.models import PublicReport

    return (
        OnlineApplication.objects.filter(tracking_code=code).exists()
        or PublicReport.objects.filter(tracking_code=code).exists()
    )


@transaction.atomic
def online_application_file(
    *,
    applied_by: str,
    region_code: str,
    category: str,
    what_happened: str,
    name: str,
    phone: str = "",
    township: str = "",
    consent_to_contact: bool = False,
    helper_name: str = "",
    helper_relation: str = "",
    helper_phone: str = "",
    person_agreed: bool = False,
    assistance_type: str = "",
) -> OnlineApplication:
    """File an application for help from the public site; it becomes a case of the office
    serving the county, waiting to be accepted within the office's time limit.

    The person asking to be called back must agree to it (``consent_to_contact``); a helper
    filing for someone else gives their own name, relation and phone and confirms that the
    person knows and agrees (``person_agreed``). Nothing is kept that the form did not ask
    for, and nothing at all when one field is wrong: every wrong field is named at once.
    """
    from discovery.services.public_reports import office_for

    errors = _Errors()
    proxy = applied_by == AppliedBy.PROXY
    if applied_by not in AppliedBy.values:
        errors.add("applied_by", _("Say who is applying."), "invalid_choice")
    region = Region.objects.filter(code=(region_code or "").strip()).first()
    office = None
    if region is None or region.level != Region.Level.COUNTY:
        errors.add("region", _("Choose the county or district where the person lives."), "region")
    else:
        office = office_for(region)
        if office is None:
            errors.add(
                "region",
                _(
                    "No office on this platform serves %(county)s yet, so an application here "
                    "would reach nobody. Please call the social assistance hotline 12349, or go "
                    "to the township or street office where the person lives."
                )
                % {"county": region.name},
                "unserved",
            )
    township = (township or "").strip()
    if len(township) > MAX_TOWNSHIP:
        errors.add(
            "township", _("At most %(count)s characters.") % {"count": MAX_TOWNSHIP}, "max_length"
        )
    if category not in Case.Category.values:
        errors.add("category", _("Choose the kind of hardship."), "invalid_choice")
    assistance_type = (assistance_type or "").strip()
    if assistance_type and assistance_type not in AssistanceType.values:
        errors.add("assistance_type", _("Choose an assistance type."), "invalid_choice")
    what_happened = errors.required("what_happened", what_happened)
    if len(what_happened) > MAX_TEXT:
        errors.add(
            "what_happened",
            _("Please keep it under %(count)s characters.") % {"count": MAX_TEXT},
            "max_length",
        )
    name = errors.required("name", name)
    if len(name) > MAX_NAME:
        errors.add("name", _("At most %(count)s characters.") % {"count": MAX_NAME}, "max_length")
    # The person's own phone: where they are called back, unless a helper files for them.
    phone = errors.phone("phone", phone, required=not proxy)
    if not consent_to_contact:
        errors.add(
            "consent",
            _("Tick the box to agree to be contacted: the office cannot help without it."),
            "required",
        )
    if proxy:
        helper_name = errors.required("helper_name", helper_name)
        if len(helper_name) > MAX_NAME:
            errors.add(
                "helper_name",
                _("At most %(count)s characters.") % {"count": MAX_NAME},
                "max_length",
            )
        if helper_relation not in HouseholdContact.Relation.values:
            errors.add("helper_relation", _("Say how you know the person."), "invalid_choice")
        helper_phone = errors.phone("helper_phone", helper_phone, required=True)
        if not person_agreed:
            errors.add(
                "person_agreed",
                _("Apply for someone only with their agreement, and tick the box to confirm it."),
                "required",
            )
    errors.raise_if_any()

    household = validate_household(
        HouseholdInput(
            region=region,
            members=[MemberInput(name=name, relation=HouseholdMember.Relation.HEAD)],
            township=township,
            phone=phone,
        )
    )
    # Always a household of its own: what anyone may type on a public form is never matched
    # to a household on record (that would attach a stranger's words to a real family, or
    # tell the sender that a family is known). Staff see both and connect them if they are one.
    record = household_create(household, by=None)
    case = Case(
        household=record,
        region=region,
        channel=Case.Channel.ONLINE,
        category=category,
        narrative=what_happened,
        responsible_office=office,
    )
    case.full_clean(exclude=["number"])
    case.save()
    case.number = f"{case.region_id}-{timezone.localdate():%Y}-{case.pk:06d}"  # as case_report
    case.save(update_fields=["number"])
    deadline_add(case, Step.ACCEPT)

    helper = None
    if proxy:
        helper = HouseholdContact.objects.create(
            household=record,
            relation=helper_relation,
            name_encrypted=encrypt_personal(helper_name),
            phone_encrypted=encrypt_personal(helper_phone),
            phone_hash=phone_hash(helper_phone),
            note=_("Filed the online application on the person's behalf."),
        )
    application = OnlineApplication.objects.create(
        tracking_code=tracking_code_new(_code_taken),
        applied_by=applied_by,
        case=case,
        helper=helper,
        contact_consent_at=timezone.now(),
        person_agreed=True,
        assistance_type=assistance_type,
    )
    audit_record(
        actor=None,
        action="case.apply_online",
        obj=case,
        changes={
            "channel": (None, case.channel),
            "category": (None, category),
            "applied_by": (None, applied_by),
            "office": (None, office.pk),
            "assistance_type": (None, assistance_type),
        },
    )
    from needs.notify_events import online_application_received

    online_application_received(case)
    return application
