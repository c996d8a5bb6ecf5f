"""Allocations to accepted referrals, their release, and disbursements to households.

Money follows the referral: a charity accepts a referral, money is committed to it from a
special fund, the project or the need's own donations (allocation), paid to the household with
proof (disbursement), and returned to where it came from if the referral fails (release).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connections, router, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.money import format_money
from donors.ledger import (
    account_for,
    account_key,
    balance_fen,
    lock_accounts,
    post,
    refuse_overdraft,
)
from donors.models import Account, Allocation, Disbursement, Fund, Transaction
from donors.rules import fund_restriction, is_staff_of, refuse, require_positive_fen
from needs import notify_events
from needs.gap import gap_refresh

AKind = Account.Kind
TKind = Transaction.Kind


def _require_referral_accepted(referral) -> None:
    from needs.models import Referral

    if referral.project_id is None:
        refuse(
            "referral",
            _("Only a referral to a charity project can receive money."),
            "not_charity_referral",
        )
    if referral.status not in (Referral.Status.ACCEPTED, Referral.Status.IN_PROGRESS):
        refuse(
            "referral",
            _("Money can only be allocated to an accepted referral."),
            "referral_not_accepted",
        )


def _check_fund(by, fund: Fund, referral) -> None:
    if not is_staff_of(by, fund.owner_id):
        raise PermissionDenied(_("Only staff of the fund's owner allocate its money."))
    if fund.status != Fund.Status.ACTIVE:
        refuse("fund", _("This fund is closed."), "fund_closed")
    case = referral.case
    refusal = fund_restriction(
        fund.categories, [r.path for r in fund.regions.all()], case.category, case.region.path
    )
    if refusal == "restriction_category":
        refuse(
            "fund",
            _("This fund may not pay for the case's category (%(category)s).")
            % {"category": case.get_category_display()},
            "restriction_category",
        )
    if refusal == "restriction_region":
        refuse(
            "fund",
            _("This fund may not pay for cases in %(region)s.") % {"region": case.region.name},
            "restriction_region",
        )


def _check_project(by, project, referral, amount_fen: int) -> None:
    from projects.models import Project

    if not is_staff_of(by, project.organisation_id, roles=("charity_staff",)):
        raise PermissionDenied(_("Only the project's charity allocates its money."))
    if referral.project_id != project.pk:
        refuse("project", _("The referral was made to another project."), "other_project")
    if project.status == Project.Status.CLOSED:
        refuse("project", _("This project is closed."), "project_closed")
    if project.per_case_cap_fen:
        committed = Allocation.objects.filter(
            source__project=project, referral__case_id=referral.case_id
        ).aggregate(total=Sum("amount_fen"), released=Sum("released_fen"))
        used = (committed["total"] or 0) - (committed["released"] or 0)
        if used + amount_fen > project.per_case_cap_fen:
            refuse(
                "amount_fen",
                _("The project pays at most %(cap)s per case; %(left)s is left for this case.")
                % {
                    "cap": format_money(project.per_case_cap_fen),
                    "left": format_money(max(project.per_case_cap_fen - used, 0)),
                },
                "per_case_cap",
            )


def need_accounts_held_by(user, need):
    """The accounts of ``need``'s gifts that ``user`` may commit: those held by a charity the
    user is staff of (the charity received the gifts; a government office never commits
    them)."""
    return Account.objects.filter(kind=AKind.NEED, need=need, receiver_id__in=_charities_of(user))


def _charities_of(user) -> list[int]:
    from core.jurisdiction import active_memberships

    return [m.organisation_id for m in active_memberships(user) if m.role == "charity_staff"]


def _need_source(by, need, referral, amount_fen: int) -> Account:
    if need.case_id != referral.case_id:
        refuse("need", _("These donations were given for another case."), "other_case")
    held = list(need_accounts_held_by(by, need).order_by("-balance_fen", "pk"))
    if not held:
        raise PermissionDenied(
            _("Only the charity that received the gifts for this need commits them.")
        )
    # A user on the staff of two receiving charities draws on the one holding enough.
    return next((a for a in held if a.balance_fen >= amount_fen), held[0])


def _share_lock(model, pk) -> None:
    """Hold ``FOR SHARE`` on one row until the commit: it cannot change meanwhile (a
    referral is not cancelled or failed under an allocation being made to it), yet any
    number of allocations to it go ahead together. SQLite locks the whole database instead."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor == "postgresql":
        # Quoted names from the model's own metadata, the key as a parameter.
        table = connection.ops.quote_name(model._meta.db_table)
        column = connection.ops.quote_name(model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {table} WHERE {column} = %s FOR SHARE", [pk])  # noqa: S608
    elif connection.features.has_select_for_update:
        list(model.objects.select_for_update().filter(pk=pk).values_list("pk"))


@transaction.atomic
def allocation_create(
    *, by, referral, amount_fen: int, fund=None, project=None, need=None, note: str = ""
) -> Allocation:
    """Commit money to an accepted referral from one source, within its restrictions, the
    project's per-case cap and the source's available balance (checked again by the guarded
    balance update in ``post``, under the source's row lock, so concurrent allocations cannot
    overspend).

    Every rule is checked before any write, and the busy lock (the source's balance row) is
    taken last, by ``post``, and held only until the commit. The referral is share-locked
    first: it stays accepted until the commit. A source short of money is refused at once,
    before anything is written. The committed money comes off the case's remaining gap
    (needs.gap): the case row is locked after the source's, so allocations to one case wait
    for each other only for that last step."""
    from needs.models import Referral

    require_positive_fen("amount_fen", amount_fen)
    sources = [s for s in (fund, project, need) if s is not None]
    if len(sources) != 1:
        refuse("source", _("Allocate from exactly one fund, project or need."), "one_source")
    _share_lock(Referral, referral.pk)
    referral = Referral.objects.select_related("case__region").get(pk=referral.pk)
    _require_referral_accepted(referral)
    if fund is not None:
        # Afresh (it may have been closed meanwhile), with its account in the same query.
        fund = Fund.objects.select_related("account").get(pk=fund.pk)
        _check_fund(by, fund, referral)
        try:
            source = fund.account
        except Account.DoesNotExist:
            source = account_for(AKind.FUND, fund)
    elif project is not None:
        project = type(project).objects.get(pk=project.pk)
        source = account_for(AKind.PROJECT, project)
        # The per-case cap is read under the source's lock.
        source = lock_accounts([source])[source.pk]
        _check_project(by, project, referral, amount_fen)
    else:
        source = _need_source(by, need, referral, amount_fen)
    if source.balance_fen < amount_fen:
        # Refused on the balance just read; ``post`` checks again under the lock.
        refuse_overdraft("amount_fen", source.balance_fen)
    allocation = Allocation.objects.create(
        referral=referral,
        source=source,
        amount_fen=amount_fen,
        note=(note or "").strip()[:300],
        created_by=by,
    )
    audit_record(
        actor=by,
        action="allocation.create",
        obj=allocation,
        changes={
            "referral": (None, referral.pk),
            "source": (None, source.key),
            "amount_fen": (None, amount_fen),
        },
    )
    # The allocation's own account is opened by ``post``, holding the amount from the start.
    own = Account(
        key=account_key(AKind.ALLOCATION, allocation), kind=AKind.ALLOCATION, allocation=allocation
    )
    post(
        kind=TKind.ALLOCATION,
        lines=[(source, -amount_fen), (own, amount_fen)],
        by=by,
        memo=f"allocation A{allocation.pk} to referral {referral.pk}",
        allocation=allocation,
    )
    # The money is committed: the case's gap narrows (its row is locked after the source's).
    gap_refresh(referral.case)
    notify_events.allocation_made(allocation)
    return allocation


def _may_manage_allocation(user, allocation: Allocation) -> bool:
    source = allocation.source
    if source.fund_id:
        return is_staff_of(user, source.fund.owner_id)
    if source.project_id:
        return is_staff_of(user, source.project.organisation_id, roles=("charity_staff",))
    return is_staff_of(user, source.receiver_id, roles=("charity_staff",))


@transaction.atomic
def allocation_release(*, allocation: Allocation, reason: str, by=None) -> Allocation:
    """Return what is still undisbursed of an allocation to where it came from; the case's
    gap grows back by as much (needs.gap). ``by=None`` is the platform itself (a referral that
    failed or was cancelled)."""
    allocation = _release(allocation=allocation, reason=reason, by=by)
    gap_refresh(allocation.referral.case_id)
    return allocation


def _release(*, allocation: Allocation, reason: str, by) -> Allocation:
    allocation = (
        Allocation.objects.select_for_update(of=("self",))
        .select_related("source__fund", "source__project", "referral")
        .get(pk=allocation.pk)
    )
    if by is not None and not _may_manage_allocation(by, allocation):
        raise PermissionDenied(_("Only the holder of the money releases this allocation."))
    if allocation.status != Allocation.Status.ACTIVE:
        refuse(None, _("This allocation is no longer active."), "not_active")
    if not (reason or "").strip():
        refuse("reason", _("This field is required."), "required")
    if allocation.disbursements.filter(
        status__in=[Disbursement.Status.PENDING, Disbursement.Status.APPROVED]
    ).exists():
        refuse(
            None,
            _("Cancel the pending disbursements of this allocation first."),
            "pending_disbursements",
        )
    # The allocation's own account, read under its lock (nobody else posts to it while the
    # allocation row is locked; its balance is what is left to give back).
    own = (
        Account.objects.select_for_update(no_key=True)
        .filter(key=account_key(AKind.ALLOCATION, allocation))
        .first()
    )
    if own is None:
        own = account_for(AKind.ALLOCATION, allocation)
    remaining = own.balance_fen
    allocation.status = Allocation.Status.RELEASED
    allocation.released_fen = remaining
    allocation.save(update_fields=["status", "released_fen"])
    audit_record(
        actor=by,
        action="allocation.release",
        obj=allocation,
        changes={"status": ("active", "released"), "released_fen": remaining},
    )
    if remaining:
        # Last: the source's balance row (a busy fund) is locked only until the commit.
        post(
            kind=TKind.RELEASE,
            lines=[(own, -remaining), (allocation.source, remaining)],
            by=by,
            memo=f"release of A{allocation.pk}: {reason.strip()}",
            allocation=allocation,
        )
    return allocation


@transaction.atomic
def allocations_release_for_referral(*, referral, reason: str, by=None) -> list[Allocation]:
    """A referral was closed or cancelled: cancel its unpaid disbursements (a referral closed
    as resolved has none: needs.services.referrals refuses that first) and return its
    undisbursed money. Called by the referral services inside their transaction, before the
    referral is written; the case's gap is derived once, after every source's account."""
    released = []
    for allocation in Allocation.objects.filter(
        referral=referral, status=Allocation.Status.ACTIVE
    ).select_related("source"):
        for disbursement in allocation.disbursements.filter(
            status__in=[Disbursement.Status.PENDING, Disbursement.Status.APPROVED]
        ):
            _cancel(disbursement, None, reason)
        released.append(_release(allocation=allocation, reason=reason, by=None))
    if released:
        gap_refresh(referral.case_id)
    return released


def pending_disbursements_of_referral(referral):
    """Payments to the household of this referral that are requested or approved but neither
    paid nor cancelled: money the household has been promised and not yet received."""
    return Disbursement.objects.filter(
        allocation__referral=referral,
        status__in=[Disbursement.Status.PENDING, Disbursement.Status.APPROVED],
    ).order_by("pk")


def _require_delivering_charity(user, allocation: Allocation) -> None:
    if not is_staff_of(user, allocation.referral.to_organisation_id, roles=("charity_staff",)):
        raise PermissionDenied(_("Only the charity handling the referral records its payments."))


def _committed_fen(allocation: Allocation) -> int:
    """Undisbursed money of the allocation not yet promised to a pending payment."""
    own = account_for(AKind.ALLOCATION, allocation)
    pending = allocation.disbursements.filter(
        status__in=[Disbursement.Status.PENDING, Disbursement.Status.APPROVED]
    ).aggregate(total=Sum("amount_fen"))["total"]
    return lock_accounts([own])[own.pk].balance_fen - (pending or 0)


@transaction.atomic
def disbursement_request(
    *,
    by,
    allocation: Allocation,
    amount_fen: int,
    method: str,
    proof_reference: str = "",
    note: str = "",
) -> Disbursement:
    """The delivering charity asks to pay part of an allocation to the household."""
    require_positive_fen("amount_fen", amount_fen)
    allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
    _require_delivering_charity(by, allocation)
    if allocation.status != Allocation.Status.ACTIVE:
        refuse("allocation", _("This allocation is no longer active."), "not_active")
    if method not in Disbursement.Method.values:
        refuse("method", _("Choose how the money is paid."), "invalid_choice")
    available = _committed_fen(allocation)
    if amount_fen > available:
        refuse(
            "amount_fen",
            _("Not enough money available: %(available)s is left.")
            % {"available": format_money(max(available, 0))},
            "insufficient_balance",
        )
    disbursement = Disbursement.objects.create(
        allocation=allocation,
        amount_fen=amount_fen,
        method=method,
        proof_reference=(proof_reference or "").strip(),
        note=(note or "").strip()[:300],
        requested_by=by,
    )
    audit_record(
        actor=by,
        action="disbursement.request",
        obj=disbursement,
        changes={"allocation": (None, allocation.pk), "amount_fen": (None, amount_fen)},
    )
    total = four_eyes_total_fen(disbursement)
    if total > four_eyes_threshold_fen():
        notify_events.payment_awaits_second_approval(disbursement, total_fen=total)
    return disbursement


def four_eyes_threshold_fen() -> int:
    return settings.DISBURSEMENT_FOUR_EYES_FEN


def four_eyes_period_days() -> int:
    return settings.DISBURSEMENT_FOUR_EYES_DAYS


def four_eyes_total_fen(disbursement: Disbursement) -> int:
    """What the four-eyes rule weighs for ``disbursement``: every payment to the same
    referral's household not cancelled and requested within the period (by anyone, from any
    allocation of the referral), this one included. A payment split in two, or into many,
    weighs as much as the whole (issue 16)."""
    since = timezone.now() - timedelta(days=four_eyes_period_days())
    total = (
        Disbursement.objects.filter(allocation__referral_id=disbursement.allocation.referral_id)
        .exclude(status=Disbursement.Status.CANCELLED)
        .filter(Q(requested_at__gte=since) | Q(pk=disbursement.pk))
        .aggregate(total=Sum("amount_fen"))["total"]
    )
    return total or 0


@transaction.atomic
def disbursement_approve(*, by, disbursement: Disbursement) -> Disbursement:
    """Approve a payment. When the referral's payments within the four-eyes period, this one
    included, come to more than the threshold, the requester may not approve it."""
    disbursement = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
    _require_delivering_charity(by, disbursement.allocation)
    if disbursement.status != Disbursement.Status.PENDING:
        refuse(None, _("Only a pending payment can be approved."), "invalid_transition")
    if disbursement.requested_by_id == by.pk:
        total = four_eyes_total_fen(disbursement)
        if total > four_eyes_threshold_fen():
            refuse(
                None,
                _(
                    "Payments for this referral above %(threshold)s in total within %(days)s "
                    "days need a second person to approve them: %(total)s so far, this one "
                    "included."
                )
                % {
                    "threshold": format_money(four_eyes_threshold_fen()),
                    "days": four_eyes_period_days(),
                    "total": format_money(total),
                },
                "four_eyes",
            )
    disbursement.status = Disbursement.Status.APPROVED
    disbursement.approved_by = by
    disbursement.approved_at = timezone.now()
    disbursement.save(update_fields=["status", "approved_by", "approved_at"])
    audit_record(
        actor=by,
        action="disbursement.approve",
        obj=disbursement,
        changes={"status": ("pending", "approved")},
    )
    return disbursement


def _checked_proof(proof_file):
    from donors.proofs import proof_check

    return proof_check(proof_file) if proof_file is not None else None


def _attach(disbursement: Disbursement, proof, write) -> None:
    """Store a checked proof file, then run ``write`` (the database changes): if they fail,
    the stored file is removed again, so a refusal leaves nothing behind."""
    from donors.proofs import proof_discard, proof_store

    if proof is None:
        write()
        return
    name = proof_store(disbursement, proof)
    try:
        disbursement.proof_file.name = name
        disbursement.proof_content_type = proof.content_type
        disbursement.proof_sha256 = proof.sha256
        write()
    except BaseException:
        proof_discard(disbursement, name)
        raise


_PROOF_FIELDS = ["proof_file", "proof_content_type", "proof_sha256"]


@transaction.atomic
def disbursement_mark_paid(
    *, by, disbursement: Disbursement, proof_reference: str = "", proof_file=None
) -> Disbursement:
    """The money reached the household (or its hospital): book it, with the proof.

    A proof is required: the uploaded slip or invoice (``proof_file``, an image or a PDF,
    checked by ``donors.proofs.proof_check``) and/or its number (``proof_reference``). The
    file is what an auditor can check, so the fund statement shows which payments have one;
    a number alone is accepted because cash and in-kind help in the countryside often has
    no scan on the day (the file can be attached afterwards: ``disbursement_attach_proof``).
    Every check is made before anything is written or stored."""
    disbursement = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
    allocation = disbursement.allocation
    _require_delivering_charity(by, allocation)
    if disbursement.status != Disbursement.Status.APPROVED:
        refuse(None, _("Only an approved payment can be marked paid."), "invalid_transition")
    proof = _checked_proof(proof_file)
    reference = (proof_reference or "").strip() or disbursement.proof_reference
    if not reference and proof is None:
        refuse(
            "proof_reference",
            _(
                "Give the proof of payment: upload the bank slip or invoice, or type its "
                "transfer or invoice number."
            ),
            "required",
        )

    def write() -> None:
        own = account_for(AKind.ALLOCATION, allocation)
        post(
            kind=TKind.DISBURSEMENT,
            lines=[
                (own, -disbursement.amount_fen),
                (account_for(AKind.BENEFICIARY, allocation.referral), disbursement.amount_fen),
            ],
            by=by,
            memo=f"payment D{disbursement.pk} of A{allocation.pk}",
            disbursement=disbursement,
            allocation=allocation,
        )
        disbursement.status = Disbursement.Status.PAID
        disbursement.proof_reference = reference
        disbursement.paid_by = by
        disbursement.paid_at = timezone.now()
        disbursement.save(
            update_fields=["status", "proof_reference", "paid_by", "paid_at", *_PROOF_FIELDS]
        )
        if balance_fen(own) == 0:
            Allocation.objects.filter(pk=allocation.pk).update(status=Allocation.Status.SPENT)
        audit_record(
            actor=by,
            action="disbursement.pay",
            obj=disbursement,
            changes={
                "status": ("approved", "paid"),
                "proof_reference": (None, reference),
                # The file's fingerprint, not its name or content: the audit log stays free
                # of the household's data and still proves which file was attached.
                **({"proof_sha256": (None, proof.sha256)} if proof else {}),
            },
        )

    _attach(disbursement, proof, write)
    return disbursement


@transaction.atomic
def disbursement_attach_proof(*, by, disbursement: Disbursement, proof_file) -> Disbursement:
    """Attach the slip or invoice to a payment marked paid with only its number. A proof once
    attached is evidence and is never replaced; a wrong one is explained in a note to the
    auditor, not swapped."""
    disbursement = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
    _require_delivering_charity(by, disbursement.allocation)
    if disbursement.status != Disbursement.Status.PAID:
        refuse(
            None,
            _("A proof file is attached when the payment is marked paid, or after it."),
            "invalid_transition",
        )
    if disbursement.proof_file:
        refuse(
            "proof_file",
            _("This payment already has its proof file; it is not replaced."),
            "already_attached",
        )
    if proof_file is None:
        refuse("proof_file", _("Choose the file to upload."), "required")
    proof = _checked_proof(proof_file)

    def write() -> None:
        disbursement.save(update_fields=_PROOF_FIELDS)
        audit_record(
            actor=by,
            action="disbursement.attach_proof",
            obj=disbursement,
            changes={"proof_sha256": (None, proof.sha256)},
        )

    _attach(disbursement, proof, write)
    return disbursement


def _cancel(disbursement: Disbursement, by, reason: str) -> Disbursement:
    before = disbursement.status
    disbursement.status = Disbursement.Status.CANCELLED
    disbursement.note = (reason or disbursement.note)[:300]
    disbursement.save(update_fields=["status", "note"])
    audit_record(
        actor=by,
        action="disbursement.cancel",
        obj=disbursement,
        changes={"status": (before, "cancelled")},
    )
    return disbursement


@transaction.atomic
def disbursement_cancel(*, by, disbursement: Disbursement, reason: str) -> Disbursement:
    disbursement = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
    _require_delivering_charity(by, disbursement.allocation)
    if disbursement.status not in (Disbursement.Status.PENDING, Disbursement.Status.APPROVED):
        refuse(None, _("Only an unpaid payment can be cancelled."), "invalid_transition")
    if not (reason or "").strip():
        refuse("reason", _("This field is required."), "required")
    return _cancel(disbursement, by, reason.strip())
