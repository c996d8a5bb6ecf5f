"""Small helpers the money services use to refuse clearly and to check who may act."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.jurisdiction import Role, has_role
from core.models import Membership, Organisation
from core.models.regions import path_within

ORGANISATION_STAFF = (Role.CHARITY_STAFF, Role.FUND_MANAGER)

# The one answer to a referral someone may not commit money to and to one that does not exist
# (code "does_not_exist"): the same words, no number, nothing about the referral (issue 16).
UNKNOWN_REFERRAL = gettext_lazy("No referral with this number is open to you.")


def refuse(field: str | None, message: str, code: str):
    """Raise a ValidationError naming ``field`` (None: the request as a whole) and the rule."""
    raise ValidationError(
        {field: ValidationError(message, code=code)} if field else ValidationError(message, code)
    )


def require_positive_fen(field: str, value) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        refuse(field, _("An amount is an integer number of fen."), "invalid")
    if value <= 0:
        refuse(field, _("The amount must be greater than zero."), "min_value")
    return value


def fund_restriction(categories, region_paths, category: str, region_path: str) -> str | None:
    """Why a special fund may not pay for a case of ``category`` in the region at
    ``region_path`` ("220000/220100/220104"), as a refusal code, or None when its restrictions
    admit it. Empty restrictions admit everything; a region admits the cases below it. The one
    check the allocation service applies and matching reads."""
    if categories and category not in categories:
        return "restriction_category"
    if region_paths and not any(path_within(region_path, p) for p in region_paths):
        return "restriction_region"
    return None


def is_staff_of(user, organisation: Organisation | int, roles=ORGANISATION_STAFF) -> bool:
    """Active staff of ``organisation`` in one of ``roles``, or a platform administrator."""
    if has_role(user, Role.PLATFORM_ADMIN):
        return True
    organisation_id = getattr(organisation, "pk", organisation)
    return Membership.objects.filter(
        user=user,
        organisation_id=organisation_id,
        role__in=roles,
        is_active=True,
        organisation__is_active=True,
    ).exists()


def require_staff_of(user, organisation: Organisation | int, roles=ORGANISATION_STAFF) -> None:
    if not is_staff_of(user, organisation, roles):
        raise PermissionDenied(
            _("Only staff of the organisation that holds this money may do this.")
        )


def may_act_for_receiver(user, donation) -> bool:
    """Who records, and gives back, a donation: staff of the receiving organisation (or a
    platform administrator); for a gift to a special fund, also the staff of the fund's owner
    (an enterprise's fund managers record the transfers into the fund their holding charity
    receives). A gift to a need goes to a charity (core.charity_law), whose staff act for it;
    only a gift booked before that rule, received by a government office, is handled by the
    government staff in whose jurisdiction the case is."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if (
        donation.need_id
        and donation.receiving_organisation.is_government
        and not has_role(user, Role.PLATFORM_ADMIN)
    ):
        from needs.selectors import user_can_handle_case

        return user_can_handle_case(user, donation.need.case)
    if donation.fund_id and is_staff_of(user, donation.fund.owner_id):
        return True
    return is_staff_of(user, donation.receiving_organisation_id)
