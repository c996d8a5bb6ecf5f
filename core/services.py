"""State changes of the platform core. Each checks its rule, writes, and audits in one
transaction (DESIGN.md 7.3); admin screens, the API and commands all call these.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.jurisdiction import forget_scope, has_role, scope_for
from core.models import Holiday, Membership, OfficeTimeLimit, Organisation, Region, User

Role = Membership.Role
Kind = Organisation.Kind

# Which kinds of organisation each role can belong to.
ROLE_ORGANISATION_KINDS: dict[str, set[str]] = {
    Role.CASEWORKER: {Kind.GOVERNMENT_OFFICE, Kind.DEPARTMENT},
    Role.SUPERVISOR: {Kind.GOVERNMENT_OFFICE, Kind.DEPARTMENT},
    Role.CHARITY_STAFF: {Kind.CHARITY},
    Role.FUND_MANAGER: {Kind.ENTERPRISE, Kind.CHARITY},
    Role.DEPARTMENT_STAFF: {Kind.DEPARTMENT},
    Role.VILLAGE_ASSISTANT: {Kind.GOVERNMENT_OFFICE},
    Role.AUDITOR: {Kind.GOVERNMENT_OFFICE, Kind.DEPARTMENT},
    Role.PLATFORM_ADMIN: set(Kind.values),
}


def role_group_name(role: str) -> str:
    """The Wagtail admin group that carries a role's permissions (created by migration)."""
    return f"role:{role}"


def _require_platform_admin(by: User | None) -> None:
    """``by=None`` is the system itself (migrations, seed and management commands)."""
    if by is not None and not has_role(by, Role.PLATFORM_ADMIN):
        raise PermissionDenied(_("Only a platform administrator may do this."))


@transaction.atomic
def organisation_create(
    *,
    by: User | None,
    name: str,
    kind: str,
    region: Region,
    sector: str = "",
    parent: Organisation | None = None,
    is_verified: bool = False,
    public_phone: str = "",
    **registration,
) -> Organisation:
    """Register an organisation. Only charities carry the verified flag and public-fundraising
    qualification. ``registration``: the credit code, registration authority and
    qualification fields (CHARITY_LAW_FIELDS), checked by the model (core.charity_law)."""
    _require_platform_admin(by)
    unknown = set(registration) - CHARITY_LAW_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be set here.") for name in unknown})
    organisation = Organisation(
        name=name.strip(),
        kind=kind,
        region=region,
        sector=sector,
        parent=parent,
        is_verified=is_verified,
        public_phone=(public_phone or "").strip(),
        **{
            name: value.strip() if isinstance(value, str) else value
            for name, value in registration.items()
        },
    )
    if is_verified and kind != Kind.CHARITY:
        raise ValidationError({"is_verified": _("Only a charity can be marked verified.")})
    if parent is not None and not region.is_within(parent.region):
        raise ValidationError(
            {"region": _("An office's region must lie within its parent office's region.")}
        )
    organisation.full_clean()
    organisation.save()
    audit_record(
        actor=by,
        action="organisation.create",
        obj=organisation,
        changes={"kind": (None, kind), "region": (None, region.code)},
    )
    return organisation


# What 慈善中国 records of a charity (core.charity_law); the platform administrator copies it
# from the registration certificate and the public-fundraising qualification certificate.
CHARITY_LAW_FIELDS = {
    "credit_code",
    "registration_authority",
    "fundraising_certificate_number",
    "fundraising_qualified_from",
    "fundraising_qualified_until",
}
UPDATABLE_ORGANISATION_FIELDS = CHARITY_LAW_FIELDS | {
    "name",
    "sector",
    "parent",
    "is_verified",
    "is_active",
    "bank_account_name",
    "bank_name",
    "bank_account_number",
    "public_phone",
}
STRIPPED_ORGANISATION_FIELDS = {
    "name",
    "public_phone",
    "bank_account_name",
    "bank_name",
    "bank_account_number",
    "credit_code",
    "registration_authority",
    "fundraising_certificate_number",
}


@transaction.atomic
def organisation_update(*, by: User | None, organisation: Organisation, **fields) -> Organisation:
    """Change an organisation's details. Its kind and region are fixed once registered:
    cases and jurisdiction hang on them, so a move is a new organisation."""
    _require_platform_admin(by)
    unknown = set(fields) - UPDATABLE_ORGANISATION_FIELDS
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = {name: getattr(organisation, name) for name in fields}
    for name, value in fields.items():
        setattr(
            organisation, name, value.strip() if name in STRIPPED_ORGANISATION_FIELDS else value
        )
    if organisation.is_verified and organisation.kind != Kind.CHARITY:
        raise ValidationError({"is_verified": _("Only a charity can be marked verified.")})
    parent = organisation.parent
    ancestor = parent
    while ancestor is not None:  # a parent chain that comes back here would never end
        if ancestor.pk == organisation.pk:
            raise ValidationError(
                {"parent": _("An organisation cannot be its own parent, even indirectly.")}
            )
        ancestor = ancestor.parent
    if parent is not None and not organisation.region.is_within(parent.region):
        raise ValidationError(
            {"parent": _("An office's region must lie within its parent office's region.")}
        )
    organisation.full_clean()
    changes = {
        name: (before[name], getattr(organisation, name))
        for name in fields
        if before[name] != getattr(organisation, name)
    }
    if changes:
        organisation.save(update_fields=list(changes))
        action = "organisation.update"
        if set(changes) == {"is_verified"}:
            action = "organisation.verify" if organisation.is_verified else "organisation.unverify"
        audit_record(actor=by, action=action, obj=organisation, changes=changes)
    return organisation


def organisation_set_verified(
    *, by: User | None, organisation: Organisation, is_verified: bool
) -> Organisation:
    """Mark a charity verified (慈善组织认定) or withdraw the mark."""
    return organisation_update(by=by, organisation=organisation, is_verified=is_verified)


@transaction.atomic
def membership_grant(
    *, by: User | None, user: User, organisation: Organisation, role: str
) -> Membership:
    """Give ``user`` a role in ``organisation``; repeating it is harmless."""
    _require_platform_admin(by)
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role “%(role)s”.") % {"role": role}})
    if not user.is_active:
        raise ValidationError({"user": _("This user account is deactivated.")})
    if not organisation.is_active:
        raise ValidationError({"organisation": _("This organisation is deactivated.")})
    if organisation.kind not in ROLE_ORGANISATION_KINDS[role]:
        raise ValidationError(
            {
                "role": _("The role “%(role)s” does not fit an organisation of kind “%(kind)s”.")
                % {"role": Role(role).label, "kind": organisation.get_kind_display()}
            }
        )
    if role == Role.VILLAGE_ASSISTANT and organisation.region.level != Region.Level.VILLAGE:
        # The assistant's jurisdiction is their village: the committee must be at that level.
        raise ValidationError(
            {"organisation": _("A village assistant works for a village or community.")}
        )
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    if created or not membership.is_active:
        if not membership.is_active:
            membership.is_active = True
            membership.save(update_fields=["is_active"])
        audit_record(
            actor=by,
            action="membership.grant",
            obj=membership,
            changes={"role": (None, role), "organisation": (None, organisation.pk)},
        )
    user.groups.add(Group.objects.get(name=role_group_name(role)))
    forget_scope(user)
    return membership


@transaction.atomic
def membership_revoke(*, by: User | None, membership: Membership) -> Membership:
    """End a membership. The record stays (who held which role when matters for audits)."""
    _require_platform_admin(by)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.is_active:
        membership.is_active = False
        membership.save(update_fields=["is_active"])
        audit_record(
            actor=by,
            action="membership.revoke",
            obj=membership,
            changes={"is_active": (True, False)},
        )
        still_holds = Membership.objects.filter(
            user=membership.user, role=membership.role, is_active=True
        ).exists()
        if not still_holds:
            membership.user.groups.remove(Group.objects.get(name=role_group_name(membership.role)))
        forget_scope(membership.user)
    return membership


def _require_time_limit_manager(by: User | None, office: Organisation) -> None:
    """Platform admins, or a supervisor whose jurisdiction covers the office."""
    if by is None or has_role(by, Role.PLATFORM_ADMIN):
        return
    if not scope_for(by, roles=[Role.SUPERVISOR]).covers_region(office.region):
        raise PermissionDenied(_("Only a supervisor over this office may set its time limits."))


@transaction.atomic
def holiday_save(
    *, by: User | None, date, name: str, is_working_day: bool, holiday: Holiday | None = None
) -> Holiday:
    """Add or change a day of the working-day calendar (a local holiday, a make-up day)."""
    _require_platform_admin(by)
    holiday = holiday or Holiday()
    before = {"date": holiday.date, "name": holiday.name, "is_working_day": holiday.is_working_day}
    holiday.date, holiday.name, holiday.is_working_day = date, (name or "").strip(), is_working_day
    holiday.full_clean()
    holiday.save()
    after = {"date": holiday.date, "name": holiday.name, "is_working_day": holiday.is_working_day}
    audit_record(
        actor=by,
        action="holiday.save",
        obj=holiday,
        changes={k: (before[k], after[k]) for k in after if before[k] != after[k]},
    )
    return holiday


@transaction.atomic
def holiday_delete(*, by: User | None, holiday: Holiday) -> None:
    _require_platform_admin(by)
    audit_record(
        actor=by, action="holiday.delete", obj=holiday, changes={"date": (holiday.date, None)}
    )
    holiday.delete()


@transaction.atomic
def time_limit_save(
    *,
    by: User | None,
    office: Organisation,
    step: str,
    working_days: int,
    time_limit: OfficeTimeLimit | None = None,
) -> OfficeTimeLimit:
    """Set an office's own time limit for a step, in working days (限时办结)."""
    _require_time_limit_manager(by, office)
    if step not in settings.DEFAULT_TIME_LIMITS_WORKING_DAYS:
        raise ValidationError({"step": _("Unknown step “%(step)s”.") % {"step": step}})
    time_limit = time_limit or OfficeTimeLimit()
    before = time_limit.working_days
    time_limit.office, time_limit.step, time_limit.working_days = office, step, working_days
    time_limit.full_clean()
    time_limit.save()
    audit_record(
        actor=by,
        action="time_limit.save",
        obj=time_limit,
        changes={"step": (None, step), "working_days": (before, working_days)},
    )
    return time_limit


@transaction.atomic
def time_limit_delete(*, by: User | None, time_limit: OfficeTimeLimit) -> None:
    _require_time_limit_manager(by, time_limit.office)
    audit_record(
        actor=by,
        action="time_limit.delete",
        obj=time_limit,
        changes={"working_days": (time_limit.working_days, None)},
    )
    time_limit.delete()
