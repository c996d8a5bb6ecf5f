"""Charity supermarkets (慈善超市): every change to one and to its stock, checked, written and
audited in one transaction (DESIGN.md 7.3). The API, the back office and commands call these.

Who may: active staff of the organisation that runs the supermarket (charity staff of a
charity, caseworkers and supervisors of an office), and platform administrators.

Stock is derived from the movements (projects.models.StockMovement), which are only ever
appended. An issue or a count locks the item's row first: two issues of the last bags of rice
run one after the other, and the second is refused with what is left, so the stock never goes
below zero, also under concurrent requests (DESIGN.md 7.2's rule for money, kept for goods).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.jurisdiction import GOVERNMENT_ROLES, Role
from core.models import Membership, Organisation, Region, User
from core.money import format_money
from projects.models import GoodsItem, StockMovement, Supermarket
from projects.services import refuse

Kind = StockMovement.Kind
# The roles that run a supermarket for its organisation.
SUPERMARKET_ROLES = (Role.CHARITY_STAFF, *GOVERNMENT_ROLES)


def user_runs_supermarkets_of(user, organisation: Organisation | int) -> bool:
    """Whether ``user`` may run the supermarkets of ``organisation``."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    organisation_id = getattr(organisation, "pk", organisation)
    return Membership.objects.filter(
        user=user, organisation_id=organisation_id, role__in=SUPERMARKET_ROLES, is_active=True
    ).exists()


def _require_runner(by: User | None, organisation: Organisation | int) -> None:
    if by is not None and not user_runs_supermarkets_of(by, organisation):
        raise PermissionDenied(_("Only the staff of the organisation running it may do this."))


def _require_quantity(field: str, value, *, zero: bool = False) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        refuse(field, _("Give a whole number."), "invalid")
    if value < 0 or (value == 0 and not zero):
        refuse(field, _("Give a number greater than zero."), "min_value")
    return value


def _require_fen(field: str, value) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        refuse(field, _("An amount is an integer number of fen."), "invalid")
    if value < 0:
        refuse(field, _("The amount cannot be negative."), "min_value")
    return value


def stock_of(item: GoodsItem) -> int:
    """The quantity of ``item`` in stock now: the sum of its movements."""
    return item.movements.aggregate(total=Sum("quantity"))["total"] or 0


@transaction.atomic
def supermarket_create(
    *,
    by: User | None,
    organisation: Organisation,
    name: str,
    region: Region,
    categories: list[str] | None = None,
) -> Supermarket:
    """Open a charity supermarket for a charity or a civil-affairs office, in a county within
    the office's jurisdiction (or where the charity works)."""
    from projects import eligibility

    _require_runner(by, organisation)
    if organisation.kind not in (
        Organisation.Kind.CHARITY,
        Organisation.Kind.GOVERNMENT_OFFICE,
    ):
        refuse(
            "organisation",
            _("A charity supermarket is run by a charity or a civil-affairs office."),
            "invalid_choice",
        )
    name = (name or "").strip()
    if not name:
        refuse("name", _("This field is required."), "required")
    if not isinstance(region, Region):
        refuse("region", _("Choose a county."), "required")
    if organisation.kind == Organisation.Kind.GOVERNMENT_OFFICE and not (
        region.path == organisation.region.path
        or region.path.startswith(organisation.region.path + "/")
    ):
        refuse(
            "region",
            _("The supermarket's county must lie within %(office)s's jurisdiction.")
            % {"office": organisation.name},
            "outside_jurisdiction",
        )
    categories = list(dict.fromkeys(categories or []))
    known = eligibility.category_codes()
    for code in categories:
        if code not in known:
            refuse(
                "categories",
                _("Unknown category “%(value)s”.") % {"value": code},
                "invalid_choice",
            )
    supermarket = Supermarket.objects.create(
        organisation=organisation, name=name[:200], region=region, categories=categories
    )
    audit_record(
        actor=by,
        action="supermarket.create",
        obj=supermarket,
        changes={"organisation": (None, organisation.pk), "region": (None, region.pk)},
    )
    return supermarket


@transaction.atomic
def goods_item_add(
    *, by: User | None, supermarket: Supermarket, name: str, unit: str, unit_value_fen: int
) -> GoodsItem:
    """A new kind of goods the supermarket keeps, with the value of one unit for the
    accounts (a receipt or an issue is valued at it unless told otherwise)."""
    _require_runner(by, supermarket.organisation_id)
    name, unit = (name or "").strip(), (unit or "").strip()
    if not name:
        refuse("name", _("This field is required."), "required")
    if not unit:
        refuse("unit", _("This field is required."), "required")
    _require_fen("unit_value_fen", unit_value_fen)
    if GoodsItem.objects.filter(supermarket=supermarket, name=name, unit=unit).exists():
        refuse("name", _("The supermarket already keeps these goods."), "duplicate")
    item = GoodsItem.objects.create(
        supermarket=supermarket, name=name[:100], unit=unit[:20], unit_value_fen=unit_value_fen
    )
    audit_record(
        actor=by,
        action="supermarket.item_add",
        obj=item,
        changes={"name": (None, item.name), "unit_value_fen": (None, unit_value_fen)},
    )
    return item


def _lock_item(item: GoodsItem) -> GoodsItem:
    """The item's row, locked: movements of one item run one after the other."""
    return GoodsItem.objects.select_for_update().select_related("supermarket").get(pk=item.pk)


@transaction.atomic
def stock_receive(
    *,
    by: User,
    item: GoodsItem,
    quantity: int,
    donor_name: str,
    value_fen: int | None = None,
    note: str = "",
) -> StockMovement:
    """Goods received from a donor (a person, an enterprise, a collection drive) into the
    supermarket: valued at the item's unit value unless the donor's receipt says otherwise."""
    item = _lock_item(item)
    _require_runner(by, item.supermarket.organisation_id)
    if not item.supermarket.is_active:
        refuse(None, _("This supermarket is closed."), "closed")
    _require_quantity("quantity", quantity)
    donor_name = (donor_name or "").strip()
    if not donor_name:
        refuse("donor_name", _("Name the donor of the goods."), "required")
    value_fen = quantity * item.unit_value_fen if value_fen is None else value_fen
    _require_fen("value_fen", value_fen)
    movement = StockMovement.objects.create(
        item=item,
        kind=Kind.RECEIPT,
        quantity=quantity,
        value_fen=value_fen,
        donor_name=donor_name[:200],
        note=(note or "").strip()[:300],
        created_by=by,
    )
    audit_record(
        actor=by,
        action="stock.receive",
        obj=movement,
        changes={"item": (None, item.pk), "quantity": (None, quantity)},
    )
    return movement


def _issue_target(supermarket: Supermarket, referral, relief_grant):
    """The case an issue goes to, from the referral or relief decision it is made against;
    refused unless that decision may draw on this supermarket."""
    from needs.models import Referral

    if (referral is None) == (relief_grant is None):
        refuse(
            "referral",
            _("Issue goods against either a referral or a relief decision."),
            "one_target",
        )
    if referral is not None:
        if referral.to_organisation_id != supermarket.organisation_id:
            refuse(
                "referral",
                _("This referral was sent to another organisation."),
                "other_organisation",
            )
        if referral.status not in (Referral.Status.ACCEPTED, Referral.Status.IN_PROGRESS):
            refuse(
                "referral",
                _("Goods are issued against an accepted referral."),
                "not_accepted",
            )
        return referral.case
    if not relief_grant.is_effective or not relief_grant.in_kind:
        refuse(
            "relief_grant",
            _("Goods are issued against relief in goods that was given."),
            "not_goods",
        )
    case = relief_grant.case
    office = case.responsible_office
    if office.pk != supermarket.organisation_id and not (
        supermarket.organisation.kind == Organisation.Kind.GOVERNMENT_OFFICE
        and office.region.path.startswith(supermarket.organisation.region.path)
    ):
        refuse(
            "relief_grant",
            _("This relief was decided outside the supermarket's jurisdiction."),
            "outside_jurisdiction",
        )
    return case


@transaction.atomic
def stock_issue(
    *,
    by: User,
    item: GoodsItem,
    quantity: int,
    referral=None,
    relief_grant=None,
    note: str = "",
) -> StockMovement:
    """Goods issued to a household, against a referral accepted by the supermarket's
    organisation or a relief decision in goods (实物救助) of its jurisdiction. Refused, with
    what is left, when the stock does not hold them; against a relief decision, no more than
    the quantity decided."""
    item = _lock_item(item)
    supermarket = item.supermarket
    _require_runner(by, supermarket.organisation_id)
    if not supermarket.is_active:
        refuse(None, _("This supermarket is closed."), "closed")
    _require_quantity("quantity", quantity)
    case = _issue_target(supermarket, referral, relief_grant)
    left = stock_of(item)
    if quantity > left:
        refuse(
            "quantity",
            _("Only %(left)s %(unit)s of %(item)s are in stock.")
            % {"left": left, "unit": item.unit, "item": item.name},
            "insufficient_stock",
        )
    if relief_grant is not None and relief_grant.goods_quantity is not None:
        issued = -(
            StockMovement.objects.filter(relief_grant=relief_grant, kind=Kind.ISSUE).aggregate(
                total=Sum("quantity")
            )["total"]
            or 0
        )
        if issued + quantity > relief_grant.goods_quantity:
            refuse(
                "quantity",
                _("The relief decided %(decided)s; %(issued)s were already issued.")
                % {"decided": relief_grant.goods_quantity, "issued": issued},
                "above_decision",
            )
    movement = StockMovement.objects.create(
        item=item,
        kind=Kind.ISSUE,
        quantity=-quantity,
        value_fen=quantity * item.unit_value_fen,
        case=case,
        referral=referral,
        relief_grant=relief_grant,
        note=(note or "").strip()[:300],
        created_by=by,
    )
    audit_record(
        actor=by,
        action="stock.issue",
        obj=movement,
        changes={
            "item": (None, item.pk),
            "quantity": (None, quantity),
            "case": (None, case.pk),
            "value": (None, format_money(movement.value_fen)),
        },
    )
    return movement


@transaction.atomic
def stock_count(
    *, by: User, item: GoodsItem, counted_quantity: int, note: str = ""
) -> StockMovement:
    """A stock count (盘点): the quantity found on the shelves. The difference from the books
    is appended as a correction (never an edit), with the reason when there is one."""
    item = _lock_item(item)
    _require_runner(by, item.supermarket.organisation_id)
    _require_quantity("counted_quantity", counted_quantity, zero=True)
    difference = counted_quantity - stock_of(item)
    note = (note or "").strip()
    if difference and not note:
        refuse(
            "note",
            _("The count differs from the books by %(difference)s: say why.")
            % {"difference": f"{difference:+d}"},
            "required",
        )
    movement = StockMovement.objects.create(
        item=item,
        kind=Kind.COUNT,
        quantity=difference,
        value_fen=abs(difference) * item.unit_value_fen,
        counted_quantity=counted_quantity,
        note=note[:300],
        created_by=by,
    )
    audit_record(
        actor=by,
        action="stock.count",
        obj=movement,
        changes={"item": (None, item.pk), "counted_quantity": (None, counted_quantity)},
    )
    return movement
