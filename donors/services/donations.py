"""Donations: created, succeeded (booked with their fee and a receipt), failed, refunded.

Offline gifts (bank transfer, cash) are recorded by the receiving organisation's staff and
succeed at once; online gifts start pending and succeed when Stripe says so
(``donors.stripe_webhooks``). Either way, only ``donation_succeed`` books money.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.charity_law import public_fundraising_problem
from core.models import Organisation
from core.money import format_money
from donors.ledger import account_for, lock_accounts, need_account, post
from donors.models import Account, Donation, Donor, Fund, ReceiptCounter, Transaction
from donors.rules import may_act_for_receiver, refuse, require_positive_fen

AKind = Account.Kind
TKind = Transaction.Kind


@dataclass
class Destination:
    """Where a gift goes: the organisation that receives it (and issues the receipt), and for
    a gift to a need the charity project or fund that receives it, restricted to the need."""

    organisation: Organisation
    receiving_project: object | None = None
    receiving_fund: Fund | None = None


def _require_public_fundraising(field_name: str, holder, organisation) -> None:
    """The Charity Law's gate (core.charity_law): refused, naming ``field_name`` (the target
    the donor chose), unless the charity holds a current qualification and the project's or
    fund's plan is filed for today."""
    problem = public_fundraising_problem(holder, organisation)
    if problem is not None:
        _field, message, code = problem
        refuse(field_name, message, code)


def fund_fundraising_problem(fund: Fund, *, online: bool):
    """Why ``fund`` may not take a public gift (field, message, code), or None. The charity
    holding the fund (Fund.holder) receives the gift, so its qualification and the fund's
    filed plan count. An enterprise's own transfers into its fund, recorded offline by its
    staff, are not public fundraising (慈善法 art. 26: an enterprise raises from the public only
    through a charity); an online gift to it is."""
    if fund.holder is None:
        return None  # refused on its own: no one could receipt it (donation_destination)
    if fund.owner.kind == Organisation.Kind.ENTERPRISE and not online:
        return None
    return public_fundraising_problem(fund, fund.holder)


def donation_destination(
    fund=None,
    project=None,
    need=None,
    *,
    receiving_project=None,
    receiving_fund=None,
    channel: str = "",
) -> Destination:
    """The one target of a donation, checked open for gifts and entitled to raise from the
    public, and who receives the money.

    Every gift through the platform is a gift from the public (online, or by bank transfer or
    cash to a target on the public site), so the project, the fund, or for a need its
    receiving project or fund must belong to a charity with public-fundraising qualification
    and carry a plan filed for today (an enterprise's fund: fund_fundraising_problem).
    """
    from needs.models import Need
    from projects.models import Project

    given = [t for t in (fund, project, need) if t is not None]
    if len(given) != 1:
        refuse("target", _("Give to exactly one fund, project or published need."), "one_target")
    if need is None and (receiving_project is not None or receiving_fund is not None):
        refuse("receiver", _("Only a gift to a need names a receiving project or fund."), "invalid")
    # Read the target afresh: the caller's copy may be older than a close or unpublish.
    if fund is not None:
        fund = Fund.objects.select_related("holder", "owner").get(pk=fund.pk)
        if fund.status != Fund.Status.ACTIVE:
            refuse("fund", _("This fund is closed."), "fund_closed")
        # The charity holding the fund receives the gift and issues the receipt; an
        # enterprise's fund without one takes no gifts (it would receipt its own money).
        if fund.holder is None:
            refuse(
                "fund",
                _(
                    "This fund has no holding charity yet, so no receipt could be issued for "
                    "a gift to it; its fund managers name one first."
                ),
                "fund_without_holder",
            )
        problem = fund_fundraising_problem(fund, online=channel not in Donation.OFFLINE_CHANNELS)
        if problem is not None:
            _field, message, code = problem
            refuse("fund", message, code)
        return Destination(fund.holder)
    if project is not None:
        project = Project.objects.select_related("organisation").get(pk=project.pk)
        if project.status != Project.Status.OPEN:
            refuse("project", _("This project is not open for donations."), "project_not_open")
        _require_public_fundraising("project", project, project.organisation)
        return Destination(project.organisation)
    need = Need.objects.select_related("case__region", "case__household").get(pk=need.pk)
    if need.status != Need.Status.PUBLISHED:
        refuse("need", _("This need is not published."), "need_not_published")
    return _need_destination(need, receiving_project, receiving_fund)


def _need_destination(need, receiving_project, receiving_fund) -> Destination:
    """A gift to a need goes to the project handling its referral, or before any referral to
    the qualified project or fund the donor chose among those whose rules admit the case."""
    from donors.need_gifts import need_receivers

    if receiving_project is not None and receiving_fund is not None:
        refuse("receiver", _("Choose one project or fund to receive the gift."), "one_receiver")
    receivers = need_receivers(need)
    handler = receivers.referral_project
    if handler is not None:
        if receiving_fund is not None or (
            receiving_project is not None and receiving_project.pk != handler.pk
        ):
            refuse(
                "receiver",
                _("A charity project already handles this case: gifts to it go to “%(title)s”.")
                % {"title": handler.title},
                "receiver_not_handling",
            )
        _require_public_fundraising("receiver", handler, handler.organisation)
        return Destination(handler.organisation, receiving_project=handler)
    if receiving_project is None and receiving_fund is None:
        refuse(
            "receiver",
            _("Choose the charity project or fund that receives your gift for this need.")
            if receivers.any
            else _(
                "No charity entitled to raise money from the public takes gifts for this need yet."
            ),
            "receiver_required" if receivers.any else "no_receiver",
        )
    if receiving_project is not None:
        chosen = next((p for p in receivers.projects if p.pk == receiving_project.pk), None)
        if chosen is not None:
            return Destination(chosen.organisation, receiving_project=chosen)
    else:
        chosen = next((f for f in receivers.funds if f.pk == receiving_fund.pk), None)
        if chosen is not None:
            return Destination(chosen.holder, receiving_fund=chosen)
    holder = receiving_project if receiving_project is not None else receiving_fund
    holder = type(holder).objects.get(pk=holder.pk)
    organisation = holder.organisation if receiving_project is not None else holder.holder
    # Say why when it is the Charity Law's rule; otherwise the case is not one it takes.
    _require_public_fundraising("receiver", holder, organisation)
    refuse(
        "receiver",
        _("“%(name)s” does not take cases like this one; choose one of the listed receivers.")
        % {"name": str(holder)},
        "receiver_not_matching",
    )


def donation_receiver(fund=None, project=None, need=None, **receiver):
    """Who receives a gift to the target (see donation_destination)."""
    return donation_destination(fund, project, need, **receiver).organisation


def target_account(donation: Donation) -> Account:
    if donation.fund_id:
        return account_for(AKind.FUND, donation.fund)
    if donation.project_id:
        return account_for(AKind.PROJECT, donation.project)
    return need_account(donation.need, donation.receiving_organisation)


@transaction.atomic
def donation_create(
    *,
    donor: Donor,
    amount_fen: int,
    channel: str,
    fund: Fund | None = None,
    project=None,
    need=None,
    receiving_project=None,
    receiving_fund=None,
    external_reference: str = "",
    message: str = "",
    recorded_by=None,
) -> Donation:
    """A pending donation to one target, from the public: refused unless the target may raise
    money from the public today (donation_destination, the Charity Law's gate for every
    channel: the public form and API, Stripe and bank transfers alike)."""
    require_positive_fen("amount_fen", amount_fen)
    if channel not in Donation.Channel.values:
        refuse("channel", _("Choose how the money was given."), "invalid_choice")
    destination = donation_destination(
        fund,
        project,
        need,
        receiving_project=receiving_project,
        receiving_fund=receiving_fund,
        channel=channel,
    )
    donation = Donation(
        donor=donor,
        fund=fund,
        project=project,
        need=need,
        receiving_project=destination.receiving_project,
        receiving_fund=destination.receiving_fund,
        receiving_organisation=destination.organisation,
        amount_fen=amount_fen,
        channel=channel,
        external_reference=(external_reference or "").strip(),
        message=(message or "").strip()[:200],
        recorded_by=recorded_by,
    )
    donation.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            donation.save()
    except IntegrityError:
        refuse(
            "external_reference",
            _("A donation with this reference was already recorded."),
            "duplicate_reference",
        )
    audit_record(
        actor=recorded_by,
        action="donation.create",
        obj=donation,
        changes={
            "amount_fen": (None, amount_fen),
            "channel": (None, channel),
            "receiving_organisation": (None, destination.organisation.pk),
            "receiving_project": (None, donation.receiving_project_id),
            "receiving_fund": (None, donation.receiving_fund_id),
        },
    )
    return donation


@transaction.atomic
def donation_record_offline(
    *,
    by,
    donor: Donor,
    amount_fen: int,
    channel: str,
    reference: str,
    fund: Fund | None = None,
    project=None,
    need=None,
    receiving_project=None,
    receiving_fund=None,
    message: str = "",
) -> Donation:
    """Staff of the receiving organisation record a bank transfer or cash with its reference
    (bank transaction number, cash voucher number). The same reference twice is refused. A
    gift to a need is recorded by the charity that receives it (donation_destination)."""
    if channel not in Donation.OFFLINE_CHANNELS:
        refuse("channel", _("Record a bank transfer or cash here."), "invalid_choice")
    reference = (reference or "").strip()
    if not reference:
        refuse("reference", _("Give the bank or voucher reference."), "required")
    # Who may record is checked before the reference, so that a stranger cannot learn
    # which references exist.
    probe = Donation(
        fund=fund,
        project=project,
        need=need,
        receiving_organisation=donation_receiver(
            fund,
            project,
            need,
            receiving_project=receiving_project,
            receiving_fund=receiving_fund,
            channel=channel,
        ),
    )
    if not may_act_for_receiver(by, probe):
        raise PermissionDenied(_("Only staff of the receiving organisation record its donations."))
    if Donation.objects.filter(channel=channel, external_reference=reference).exists():
        refuse(
            "reference",
            _("A donation with this reference was already recorded."),
            "duplicate_reference",
        )
    donation = donation_create(
        donor=donor,
        amount_fen=amount_fen,
        channel=channel,
        fund=fund,
        project=project,
        need=need,
        receiving_project=receiving_project,
        receiving_fund=receiving_fund,
        external_reference=reference,
        message=message,
        recorded_by=by,
    )
    return donation_succeed(donation=donation, by=by)


def _next_receipt_number(organisation: Organisation, year: int) -> str:
    counter, _created = ReceiptCounter.objects.get_or_create(organisation=organisation, year=year)
    counter = ReceiptCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{year}-{organisation.pk:04d}-{counter.last_number:06d}"


@transaction.atomic
def donation_succeed(
    *, donation: Donation, fee_fen: int = 0, payment_intent: str = "", by=None
) -> Donation:
    """The money arrived: book it to the target, book the processor's fee as its own
    transaction, and issue the next receipt number of the receiving organisation."""
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    if donation.status != Donation.Status.PENDING:
        refuse(None, _("This donation was already settled."), "already_settled")
    if not isinstance(fee_fen, int) or fee_fen < 0 or fee_fen > donation.amount_fen:
        refuse("fee_fen", _("The fee must be between zero and the amount."), "invalid")
    target = target_account(donation)
    donor_account = account_for(AKind.DONOR, donation.donor)
    post(
        kind=TKind.DONATION,
        lines=[(donor_account, -donation.amount_fen), (target, donation.amount_fen)],
        by=by,
        memo=f"donation {donation.pk}",
        donation=donation,
    )
    if fee_fen:
        post(
            kind=TKind.FEE,
            lines=[(target, -fee_fen), (account_for(AKind.FEES), fee_fen)],
            by=by,
            memo=f"processor fee of donation {donation.pk}",
            donation=donation,
        )
    now = timezone.now()
    donation.status = Donation.Status.SUCCEEDED
    donation.fee_fen = fee_fen
    donation.succeeded_at = now
    donation.payment_intent = payment_intent or donation.payment_intent
    donation.receipt_number = _next_receipt_number(
        donation.receiving_organisation, timezone.localtime(now).year
    )
    donation.save(
        update_fields=["status", "fee_fen", "succeeded_at", "payment_intent", "receipt_number"]
    )
    audit_record(
        actor=by,
        action="donation.succeed",
        obj=donation,
        changes={
            "status": ("pending", "succeeded"),
            "fee_fen": (None, fee_fen),
            "receipt_number": (None, donation.receipt_number),
        },
    )
    return donation


@transaction.atomic
def donation_fail(*, donation: Donation, reason: str = "", by=None) -> Donation:
    """The payment did not go through: nothing is booked."""
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    if donation.status != Donation.Status.PENDING:
        refuse(None, _("This donation was already settled."), "already_settled")
    donation.status = Donation.Status.FAILED
    donation.failure_reason = (reason or "")[:200]
    donation.save(update_fields=["status", "failure_reason"])
    audit_record(
        actor=by, action="donation.fail", obj=donation, changes={"status": ("pending", "failed")}
    )
    return donation


def donation_note_failed_attempt(*, donation: Donation, reason: str) -> Donation:
    """A payment attempt was declined, but the donor may try again on the same Checkout page:
    the donation stays pending with the reason noted; the session's expiry fails it."""
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    if donation.status != Donation.Status.PENDING:
        return donation
    donation.failure_reason = (reason or "")[:200]
    donation.save(update_fields=["failure_reason"])
    audit_record(
        actor=None,
        action="donation.attempt_failed",
        obj=donation,
        changes={"failure_reason": (None, donation.failure_reason)},
    )
    return donation


@dataclass
class RefundResult:
    """What a refund did: how much came out of the target's unallocated money, how much had
    already been allocated (and is now owed by the target's holder), and which allocations
    that money had reached under the first-in, first-out attribution rule."""

    donation: Donation
    transaction: Transaction
    amount_fen: int
    from_unallocated_fen: int
    shortfall_fen: int
    allocations_reached: list[int] = field(default_factory=list)

    @property
    def summary(self) -> str:
        text = _("Refunded %(amount)s: %(taken)s from unallocated money.") % {
            "amount": format_money(self.amount_fen),
            "taken": format_money(self.from_unallocated_fen),
        }
        if self.shortfall_fen:
            text += " " + _(
                "%(shortfall)s had already been allocated (allocations %(ids)s) and is booked "
                "as a shortfall the holder must cover."
            ) % {
                "shortfall": format_money(self.shortfall_fen),
                "ids": ", ".join(f"A{pk}" for pk in self.allocations_reached) or "—",
            }
        return text


@transaction.atomic
def donation_refund(
    *,
    donation: Donation,
    amount_fen: int,
    reason: str,
    by=None,
    from_processor: bool = False,
) -> RefundResult:
    """Give an offline donation (or part of it) back, booked at once.

    Staff may refund only what is still unallocated in the target: otherwise they must first
    release allocations. An online gift's money goes back through Stripe instead
    (``donors.services.refunds``): staff cannot book it here. A refund the processor already
    made (``from_processor``) cannot be refused: what the target cannot cover is booked to the
    target's refund-shortfall account, and the result says which allocations that money had
    reached.
    """
    if not from_processor and not may_act_for_receiver(by, donation):
        raise PermissionDenied(_("Only staff of the receiving organisation refund its donations."))
    require_positive_fen("amount_fen", amount_fen)
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    if donation.status not in (Donation.Status.SUCCEEDED, Donation.Status.REFUNDED):
        refuse(None, _("Only a donation that succeeded can be refunded."), "not_succeeded")
    if not from_processor and donation.channel == Donation.Channel.STRIPE:
        refuse(
            None,
            _("An online donation is refunded through Stripe, which books it when it confirms."),
            "refund_through_stripe",
        )
    if not from_processor and not (reason or "").strip():
        refuse("reason", _("This field is required."), "required")
    return book_refund(
        donation=donation,
        amount_fen=amount_fen,
        reason=reason,
        by=by,
        allow_shortfall=from_processor,
    )


def refundable_fen(donation: Donation) -> int:
    """What may still be asked back: the amount less what was refunded and what is pending
    at Stripe."""
    pending = donation.refunds.filter(status="pending").aggregate(total=Sum("amount_fen"))
    return donation.amount_fen - donation.refunded_fen - (pending["total"] or 0)


def book_refund(
    *, donation: Donation, amount_fen: int, reason: str, by=None, allow_shortfall: bool
) -> RefundResult:
    """Book a refund of ``donation`` (locked by the caller, inside its transaction): out of the
    target's unallocated money into the refunds account. With ``allow_shortfall`` (money that
    already left, through the processor) what the target cannot cover is booked to its
    refund-shortfall account; otherwise it is refused."""
    from donors.selectors import donation_trail

    if donation.status not in (Donation.Status.SUCCEEDED, Donation.Status.REFUNDED):
        refuse(None, _("Only a donation that succeeded can be refunded."), "not_succeeded")
    refundable = donation.amount_fen - donation.refunded_fen
    if amount_fen > refundable:
        refuse(
            "amount_fen",
            _("A refund cannot exceed what is left of the donation (%(left)s).")
            % {"left": format_money(refundable)},
            "exceeds_donation",
        )
    target = target_account(donation)
    available = lock_accounts([target])[target.pk].balance_fen
    taken = min(amount_fen, available)
    shortfall = amount_fen - taken
    if shortfall and not allow_shortfall:
        refuse(
            "amount_fen",
            _(
                "Only %(available)s of the money is unallocated; release allocations before "
                "refunding more."
            )
            % {"available": format_money(available)},
            "allocated",
        )
    reached = [row["allocation_id"] for row in donation_trail(donation)] if shortfall else []
    lines = [(target, -taken), (account_for(AKind.REFUNDS), amount_fen)]
    if shortfall:
        holder = donation.fund or donation.project or donation.need
        lines.append((account_for(AKind.REFUND_SHORTFALL, holder), -shortfall))
    txn = post(
        kind=TKind.REFUND,
        lines=lines,
        by=by,
        memo=f"refund of donation {donation.pk}: {(reason or '').strip()}",
        donation=donation,
    )
    donation.refunded_fen += amount_fen
    if donation.refunded_fen == donation.amount_fen:
        donation.status = Donation.Status.REFUNDED
    donation.save(update_fields=["refunded_fen", "status"])
    result = RefundResult(donation, txn, amount_fen, taken, shortfall, reached)
    audit_record(
        actor=by,
        action="donation.refund",
        obj=donation,
        changes={
            "refunded_fen": (donation.refunded_fen - amount_fen, donation.refunded_fen),
            "from_unallocated_fen": taken,
            "shortfall_fen": shortfall,
            "allocations_reached": reached,
        },
    )
    return result
