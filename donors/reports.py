"""Fund-flow reports read from the ledger: statements of a fund, a project or a need.

A statement covers whole local days (``settings.TIME_ZONE``, Asia/Shanghai by default), from
the first day to the last day inclusive, and is computed from ledger entries only, never from
cached balances: the opening balance is the sum of the holder's entries booked before the
first day, the movements are its entries booked in the period grouped by the kind of their
transaction, and the closing balance is the sum of its entries booked up to the end of the
last day. So ``closing == opening + movements`` holds by construction of the ledger, and the
tests check it.

What a statement shows about where the money went is anonymized (DESIGN.md 7.1): an
allocation is named by its number ("A12"), the case's category and its county; a donation by
its receipt number and the donor's public name. Never a household's name, phone, address or
the case narrative.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models.regions import in_active_language
from core.money import CNY
from donors.models import Account, Entry, Fund, Transaction

AKind = Account.Kind
TKind = Transaction.Kind


@dataclass(frozen=True)
class StatementRow:
    """One transaction that moved the holder's money in the period. ``amount_fen`` is signed:
    positive into the holder, negative out of it."""

    booked_at: datetime
    transaction_id: int
    kind: str
    amount_fen: int
    reference: str  # receipt number of a donation, "A12" for an allocation
    detail: str  # donor's public name, or the case's category and county

    @property
    def booked_on(self) -> date:
        return timezone.localtime(self.booked_at, timezone.get_default_timezone()).date()

    @property
    def kind_label(self) -> str:
        return str(TKind(self.kind).label)


class Proof(models.TextChoices):
    """What proves a payment to a household: the uploaded slip or invoice, only its number,
    or nothing (payments booked before proofs were required)."""

    FILE = "file", _("proof file attached")
    REFERENCE = "reference", _("number only, no file")
    NONE = "none", _("no proof")


def proof_of(proof_file: str | None, proof_reference: str | None) -> str:
    if proof_file:
        return Proof.FILE
    return Proof.REFERENCE if proof_reference else Proof.NONE


@dataclass(frozen=True)
class DisbursementRow:
    """A payment to a household out of an allocation this holder made, anonymized: which
    proof it has is shown, never the proof itself (it names the household)."""

    booked_at: datetime
    transaction_id: int
    allocation: str  # "A12"
    category: str
    region: str
    amount_fen: int
    payment: str = ""  # "D34"
    proof: str = Proof.NONE

    @property
    def booked_on(self) -> date:
        return timezone.localtime(self.booked_at, timezone.get_default_timezone()).date()

    @property
    def has_proof_file(self) -> bool:
        return self.proof == Proof.FILE

    @property
    def proof_label(self) -> str:
        return str(Proof(self.proof).label)


@dataclass(frozen=True)
class Statement:
    """What a fund, project or need held at the start and end of a period and why it changed.

    Movements are positive amounts in the direction their name says (fees, allocations and
    refunds go out; donations and releases come in); ``corrections_fen`` is signed (correction
    transactions, and any other kind that touched the holder's account).
    ``disbursed_from_allocations_fen`` is what households were paid in the period out of
    allocations from this holder: it does not move the holder's own balance (the allocation
    already did), so it is not part of ``closing_fen``. ``refund_shortfall_fen`` is what
    refunds in the period took beyond the money still held, owed by the holder.
    """

    holder_type: str  # "fund", "project" or "need"
    holder_id: int
    holder_name: str
    owner_name: str
    start: date
    end: date
    opening_fen: int
    donations_fen: int
    fees_fen: int
    allocations_fen: int
    releases_fen: int
    refunds_fen: int
    corrections_fen: int
    closing_fen: int
    disbursed_from_allocations_fen: int
    refund_shortfall_fen: int
    currency: str = CNY
    rows: list[StatementRow] = field(default_factory=list)
    disbursements: list[DisbursementRow] = field(default_factory=list)

    @property
    def movements_fen(self) -> int:
        return (
            self.donations_fen
            - self.fees_fen
            - self.allocations_fen
            + self.releases_fen
            - self.refunds_fen
            + self.corrections_fen
        )


_NAMED_KINDS = (TKind.DONATION, TKind.FEE, TKind.ALLOCATION, TKind.RELEASE, TKind.REFUND)


def local_day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The first instant of ``start`` and the first instant after ``end``, local time."""
    zone = timezone.get_default_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), zone),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone),
    )


def _holder_facts(holder) -> tuple[str, str, str, Q]:
    """(type, name, owner's name, how to find its account)."""
    model = holder._meta.model_name
    if isinstance(holder, Fund):
        return "fund", holder.name, holder.owner.name, Q(fund=holder)
    if model == "project":
        return "project", holder.title, holder.organisation.name, Q(project=holder)
    if model == "need":
        # The need's title is public; its responsible office is not named (it points at
        # where the household lives more precisely than the county already shown).
        return "need", holder.title, "", Q(need=holder)
    raise TypeError(f"No statement for {type(holder).__name__}")


def category_label(category: str) -> str:
    from needs.models import Case

    return str(Case.Category(category).label) if category in Case.Category.values else category


def _allocation_detail(category: str, region_name: str) -> str:
    return f"{category_label(category)} · {region_name}"


def _sum(queryset) -> int:
    return queryset.aggregate(total=Sum("amount_fen"))["total"] or 0


def statement_for(*, holder, start: date, end: date) -> Statement:
    """The statement of ``holder`` (a Fund, a Project or a Need) from ``start`` to ``end``,
    both days included. Reads only; a holder that never received money has an all-zero
    statement."""
    if start > end:
        raise ValueError("start is after end")
    holder_type, name, owner_name, account_filter = _holder_facts(holder)
    begin_at, end_at = local_day_bounds(start, end)
    account = Account.objects.filter(account_filter).first()
    totals = dict.fromkeys(TKind.values, 0)
    rows: list[StatementRow] = []
    disbursements: list[DisbursementRow] = []
    opening = closing = disbursed = shortfall = 0
    if account is not None:
        entries = Entry.objects.filter(account=account)
        opening = _sum(entries.filter(transaction__created_at__lt=begin_at))
        closing = _sum(entries.filter(transaction__created_at__lt=end_at))
        in_period = entries.filter(
            transaction__created_at__gte=begin_at, transaction__created_at__lt=end_at
        )
        by_kind = (
            in_period.values_list("transaction__kind").annotate(total=Sum("amount_fen")).order_by()
        )
        for kind, total in by_kind:
            totals[kind] = total
        rows = _rows(in_period)
        paid = Entry.objects.filter(
            account__kind=AKind.ALLOCATION,
            account__allocation__source=account,
            transaction__kind=TKind.DISBURSEMENT,
            transaction__created_at__gte=begin_at,
            transaction__created_at__lt=end_at,
        )
        disbursements = [
            DisbursementRow(
                booked_at=row["transaction__created_at"],
                transaction_id=row["transaction_id"],
                allocation=f"A{row['account__allocation']}",
                category=category_label(row["account__allocation__referral__case__category"]),
                region=in_active_language(
                    row["account__allocation__referral__case__region__name"],
                    row["account__allocation__referral__case__region__name_en"],
                ),
                amount_fen=-row["amount_fen"],
                payment=f"D{row['transaction__disbursement']}",
                proof=proof_of(
                    row["transaction__disbursement__proof_file"],
                    row["transaction__disbursement__proof_reference"],
                ),
            )
            for row in paid.order_by("transaction__created_at", "transaction_id").values(
                "transaction_id",
                "transaction__created_at",
                "transaction__disbursement",
                "transaction__disbursement__proof_file",
                "transaction__disbursement__proof_reference",
                "amount_fen",
                "account__allocation",
                "account__allocation__referral__case__category",
                "account__allocation__referral__case__region__name",
                "account__allocation__referral__case__region__name_en",
            )
        ]
        disbursed = sum(row.amount_fen for row in disbursements)
        shortfall = -_sum(
            Entry.objects.filter(
                account__key=f"{AKind.REFUND_SHORTFALL}:{holder._meta.model_name}:{holder.pk}",
                transaction__created_at__gte=begin_at,
                transaction__created_at__lt=end_at,
            )
        )
    return Statement(
        holder_type=holder_type,
        holder_id=holder.pk,
        holder_name=name,
        owner_name=owner_name,
        start=start,
        end=end,
        opening_fen=opening,
        donations_fen=totals[TKind.DONATION],
        fees_fen=-totals[TKind.FEE],
        allocations_fen=-totals[TKind.ALLOCATION],
        releases_fen=totals[TKind.RELEASE],
        refunds_fen=-totals[TKind.REFUND],
        corrections_fen=sum(v for k, v in totals.items() if k not in _NAMED_KINDS),
        closing_fen=closing,
        disbursed_from_allocations_fen=disbursed,
        refund_shortfall_fen=shortfall,
        rows=rows,
        disbursements=disbursements,
    )


def _rows(in_period) -> list[StatementRow]:
    from donors.models import Donor

    values = in_period.order_by("transaction__created_at", "transaction_id").values(
        "transaction_id",
        "transaction__created_at",
        "transaction__kind",
        "amount_fen",
        "transaction__donation",
        "transaction__donation__receipt_number",
        "transaction__donation__donor__name",
        "transaction__donation__donor__is_anonymous",
        "transaction__allocation",
        "transaction__allocation__referral__case__category",
        "transaction__allocation__referral__case__region__name",
        "transaction__allocation__referral__case__region__name_en",
    )
    rows = []
    for row in values:
        reference, detail = "", ""
        if row["transaction__allocation"]:
            reference = f"A{row['transaction__allocation']}"
            detail = _allocation_detail(
                row["transaction__allocation__referral__case__category"],
                in_active_language(
                    row["transaction__allocation__referral__case__region__name"],
                    row["transaction__allocation__referral__case__region__name_en"],
                ),
            )
        elif row["transaction__donation"]:
            reference = (
                row["transaction__donation__receipt_number"] or f"#{row['transaction__donation']}"
            )
            # Donor.public_name, without loading every donor.
            detail = Donor(
                name=row["transaction__donation__donor__name"],
                is_anonymous=row["transaction__donation__donor__is_anonymous"],
            ).public_name
        rows.append(
            StatementRow(
                booked_at=row["transaction__created_at"],
                transaction_id=row["transaction_id"],
                kind=row["transaction__kind"],
                amount_fen=row["amount_fen"],
                reference=reference,
                detail=detail,
            )
        )
    return rows
