"""A case's remaining gap (缺口): one derived figure, the same on every screen (DESIGN.md 7.2).

The rule, and the only place it lives (``GapParts.remaining_fen``)::

    remaining gap = max(0, gap at assessment - government relief in effect
                           - charity money committed)

What counts, and when:

- **Gap at assessment** (``Case.assessed_gap_fen``): what the caseworker assessed the
  household still lacks after its own means, insurance and other schemes (medical
  assistance, 低保 and the like), *before* the relief recorded on this platform and before
  charity money; both are taken off here, whenever they come. A new assessment replaces it.
  No assessment yet: no gap at all (``None``): nothing is subtracted from an unknown figure,
  the case is not ready for referral, matching or publishing, and the screens show "—".
- **Government relief in effect**: every relief grant of the case (its cash and the value
  of its goods, 实物救助), temporary (临时救助) or advance (先行救助), that is *granted*
  (within the office's ceiling) or *approved* above it (一事一议), from the moment it is.
  Relief waiting for approval does not count until it is approved; refused relief never
  counts. Relief given before the assessment counts exactly like relief given after it,
  which is why the assessed gap leaves it out: the order of assessment and relief never
  changes the figure, and a new assessment never counts a grant twice.
- **Charity money committed**: for each allocation to any referral of the case (from a
  special fund, a charity project or the need's own donations), its amount less what was
  released back, from the moment it is allocated: the money is then held for this household
  in the allocation's own account. Paying it out (a disbursement) moves money already counted
  and does not change the gap. A release (by its holder, or because the referral failed or
  was cancelled) gives back the unpaid rest, which no longer counts; what was paid before
  stays counted. Donations to a public need count once they are allocated to a referral of
  its case (until then they are the need's money, not yet the household's). A donation
  refund never changes an allocation (money already allocated is booked as the holder's
  refund shortfall, donors.services.refunds), so it never changes the gap.
- **Never below zero**: money beyond the gap (an over-covered case) leaves a gap of 0.

The figure is stored (``Case.remaining_gap_fen`` and the public ``Need.remaining_gap_fen``)
so that lists filter and sort on it with an index, and it is written only by
``gap_refresh(case)``, which every service that changes one of its inputs calls inside its
transaction: case_assess, relief_grant and relief_decide, allocation_create,
allocation_release and allocations_release_for_referral, need_preview and need_publish.
A new kind of event that changes one of these inputs calls ``gap_refresh`` too.
``gap_mismatches`` compares every stored figure with the derived one; the ledger's
``reconcile`` reports each difference.

Lock order (no two writers wait on each other in a circle): ``gap_refresh`` is called after
the money's account rows are locked, and locks the case, then its public need; the matching
index's stamps (search.stamps) come last, with the case's save.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import BigIntegerField, F, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce


@dataclass(frozen=True, slots=True)
class GapParts:
    """The inputs of a case's gap, as the database holds them now, and the rule."""

    assessed_gap_fen: int | None
    relief_fen: int
    committed_fen: int

    @property
    def assessed(self) -> bool:
        return self.assessed_gap_fen is not None

    @property
    def before_charity_fen(self) -> int | None:
        """What government relief left for charities and donors to cover (never below 0)."""
        if self.assessed_gap_fen is None:
            return None
        return max(self.assessed_gap_fen - self.relief_fen, 0)

    @property
    def remaining_fen(self) -> int | None:
        """The remaining gap: the one rule of this module (see its docstring)."""
        before_charity = self.before_charity_fen
        if before_charity is None:
            return None
        return max(before_charity - self.committed_fen, 0)


def _counted_relief_statuses() -> tuple[str, ...]:
    from needs.models import ReliefGrant

    return (ReliefGrant.Status.GRANTED, ReliefGrant.Status.APPROVED)


def _relief_fen() -> Coalesce:
    """Government relief in effect for the outer case (granted, or approved above the
    ceiling)."""
    from needs.models import ReliefGrant

    total = (
        ReliefGrant.objects.filter(case=OuterRef("pk"), status__in=_counted_relief_statuses())
        .order_by()
        .values("case")
        .annotate(total=Sum(F("amount_fen") + F("goods_value_fen")))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=BigIntegerField()), 0)


def _committed_fen() -> Coalesce:
    """Charity money committed to the outer case's referrals: each allocation's amount less
    what it released."""
    from donors.models import Allocation

    total = (
        Allocation.objects.filter(referral__case=OuterRef("pk"))
        .order_by()
        .values("referral__case")
        .annotate(total=Sum(F("amount_fen") - F("released_fen")))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=BigIntegerField()), 0)


def with_gap_parts(cases: QuerySet) -> QuerySet:
    """Cases annotated with ``gap_relief_fen`` and ``gap_committed_fen`` (their
    ``assessed_gap_fen`` is a column): the inputs of ``GapParts``, in the same query."""
    return cases.annotate(gap_relief_fen=_relief_fen(), gap_committed_fen=_committed_fen())


_PART_VALUES = ("pk", "assessed_gap_fen", "gap_relief_fen", "gap_committed_fen")


def _parts(row: dict) -> GapParts:
    return GapParts(
        assessed_gap_fen=row["assessed_gap_fen"],
        relief_fen=row["gap_relief_fen"],
        committed_fen=row["gap_committed_fen"],
    )


def gap_parts(case) -> GapParts:
    """The gap of ``case`` (or of the case with this id) as derived from its assessment,
    relief and allocations now, in one query: the back office shows it term by term, the
    public page its funding progress."""
    from needs.models import Case

    case_id = case if isinstance(case, int) else case.pk
    return _parts(with_gap_parts(Case.objects.filter(pk=case_id)).values(*_PART_VALUES).get())


@transaction.atomic(savepoint=False)
def gap_refresh(case) -> int | None:
    """Derive the case's remaining gap afresh and store it on the case and on its public need
    together, in the caller's transaction; returns it (and sets it on ``case``, which may also
    be given as the case's id).

    Call it after any change to the gap's inputs (an assessment, relief taking effect, money
    allocated or released), once the change is written. The case row is locked first and the
    inputs read after the lock is held: two writers to one case (two allocations, say) read
    each other's committed work and never store a figure that misses one of them. Only a
    changed figure is written (the case's save tells matching, search.signals)."""
    from needs.models import Case, Need

    case_id = case if isinstance(case, int) else case.pk
    locked = Case.objects.select_for_update(of=("self",)).only("pk", "remaining_gap_fen")
    locked = locked.get(pk=case_id)
    remaining = gap_parts(case_id).remaining_fen
    # A published need's copy: never null (a need exists only for an assessed case).
    Need.objects.filter(case_id=locked.pk).exclude(remaining_gap_fen=remaining or 0).update(
        remaining_gap_fen=remaining or 0
    )
    if locked.remaining_gap_fen != remaining:
        locked.remaining_gap_fen = remaining
        locked.save(update_fields=["remaining_gap_fen"])
    if isinstance(case, Case):
        case.remaining_gap_fen = remaining
        if Case.need.is_cached(case):
            case.need.remaining_gap_fen = remaining or 0
    return remaining


@dataclass(frozen=True, slots=True)
class GapMismatch:
    """A case whose stored gap (or its public need's copy) differs from the derived one."""

    case_id: int
    number: str
    stored_fen: int | None
    need_fen: int | None
    derived_fen: int | None


def gap_mismatches(cases: QuerySet | None = None) -> Iterator[GapMismatch]:
    """Every case (of ``cases``) whose stored gap, or its need's, is not the derived one. One
    streamed query."""
    from needs.models import Case

    cases = Case.objects.all() if cases is None else cases
    rows = (
        with_gap_parts(cases)
        .order_by("pk")
        .values(*_PART_VALUES, "number", "remaining_gap_fen", "need__remaining_gap_fen")
    )
    for row in rows.iterator(chunk_size=5000):
        derived = _parts(row).remaining_fen
        need_fen = row["need__remaining_gap_fen"]
        need_ok = need_fen is None or need_fen == (derived or 0)
        if row["remaining_gap_fen"] != derived or not need_ok:
            yield GapMismatch(row["pk"], row["number"], row["remaining_gap_fen"], need_fen, derived)
