"""Donors and special funds (专项基金)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.models import Organisation, Region
from donors.ledger import account_for
from donors.models import Account, Donor, Fund
from donors.rules import refuse, require_staff_of
from projects.public_texts import refuse_identifiers_in_organisation_texts


def _check_categories(categories: list[str]) -> list[str]:
    from needs.models import Case

    unknown = [c for c in categories if c not in Case.Category.values]
    if unknown:
        refuse(
            "categories",
            _("Unknown category: %(codes)s.") % {"codes": ", ".join(map(str, unknown))},
            "invalid_choice",
        )
    return list(dict.fromkeys(categories))


@transaction.atomic
def donor_create(
    *, name: str, kind: str = Donor.Kind.PERSON, email: str = "", is_anonymous: bool = False
) -> Donor:
    """A donor as they name themselves; anonymous donors are never named in public."""
    name = (name or "").strip()
    if not name and not is_anonymous:
        refuse("name", _("This field is required."), "required")
    donor = Donor(
        kind=kind, name=name or "—", email=(email or "").strip(), is_anonymous=is_anonymous
    )
    donor.full_clean()
    donor.save()
    account_for(Account.Kind.DONOR, donor)
    return donor


def fund_holder_for(owner: Organisation, holder: Organisation | None) -> Organisation:
    """The charity that will hold a new fund of ``owner``: the charity itself for its own fund;
    for an enterprise's, the active charity it names (refused by field otherwise)."""
    if owner.kind == Organisation.Kind.CHARITY:
        if holder is not None and holder.pk != owner.pk:
            refuse("holder", _("A charity's own fund is held by the charity itself."), "holder")
        return owner
    if holder is None:
        refuse(
            "holder",
            _(
                "Name the charity that holds this fund: it receives the fund's gifts and "
                "issues their receipts (an enterprise does not issue donation receipts)."
            ),
            "holder_required",
        )
    if holder.kind != Organisation.Kind.CHARITY or not holder.is_active:
        refuse(
            "holder",
            _("A special fund is held by an active charity, not by %(name)s.")
            % {"name": holder.name},
            "holder_not_charity",
        )
    return holder


@transaction.atomic
def fund_create(
    *,
    by,
    owner: Organisation,
    name: str,
    purpose: str,
    categories: list[str] | None = None,
    regions: list[Region] | None = None,
    is_public: bool = True,
    holder: Organisation | None = None,
    filing_number: str = "",
    filing_starts_on=None,
    filing_ends_on=None,
) -> Fund:
    """An enterprise, foundation or charity sets money aside for some purposes. Restrictions
    (categories, regions) bind every allocation from it. Its name and purpose are read by
    everyone (the donate page, the transparency page, its statement), so they must name no
    person: the publishing check refuses them by field (projects.public_texts). A public fund
    takes gifts from the public only under a filed fundraising plan (the filing number and
    period, core.charity_law) of a qualified holding charity.

    The ``holder`` receives its gifts and issues their receipts (Fund.holder): a charity's
    fund is held by the charity itself; an enterprise names the active charity (or the
    platform's charitable organisation) its fund is set up in, never itself."""
    require_staff_of(by, owner)
    if owner.kind not in (Organisation.Kind.ENTERPRISE, Organisation.Kind.CHARITY):
        refuse(
            "owner", _("A special fund belongs to an enterprise, foundation or charity."), "owner"
        )
    holder = fund_holder_for(owner, holder)
    fund = Fund(
        owner=owner,
        holder=holder,
        name=(name or "").strip(),
        purpose=(purpose or "").strip(),
        categories=_check_categories(categories or []),
        is_public=is_public,
        filing_number=filing_number,
        filing_starts_on=filing_starts_on,
        filing_ends_on=filing_ends_on,
        created_by=by,
    )
    fund.full_clean()
    refuse_identifiers_in_organisation_texts(
        {"name": fund.name, "purpose": fund.purpose}, organisation=owner
    )
    fund.save()
    if regions:
        fund.regions.set(regions)
    account_for(Account.Kind.FUND, fund)
    audit_record(
        actor=by,
        action="fund.create",
        obj=fund,
        changes={
            "owner": (None, owner.pk),
            "holder": (None, holder.pk),
            "categories": (None, fund.categories),
            "regions": (None, [r.code for r in regions or []]),
        },
    )
    return fund


@transaction.atomic
def fund_close(*, by, fund: Fund) -> Fund:
    """A closed fund takes no more donations or allocations; its money stays traceable."""
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    require_staff_of(by, fund.owner_id)
    if fund.status == Fund.Status.CLOSED:
        refuse(None, _("The fund is already closed."), "already_closed")
    fund.status = Fund.Status.CLOSED
    fund.save(update_fields=["status"])
    audit_record(actor=by, action="fund.close", obj=fund, changes={"status": ("active", "closed")})
    return fund
