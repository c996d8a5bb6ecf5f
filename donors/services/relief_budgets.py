"""Government relief budgets: appropriations in, relief grants out (issue 15, item 4).

An office's relief for one scheme and year is paid from its budget account, which recorded
appropriations (拨款) fill. A grant is booked when it takes effect (given within the ceiling,
or approved case by case); a grant waiting for approval reserves nothing and is checked again
when approved, so an approval that the budget can no longer pay is refused with the figure
left. The guarded balance update in ``donors.ledger.post`` keeps the budget from going below
zero also when two grants race for its last yuan.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.jurisdiction import Role, scope_for
from core.models import Organisation
from core.money import format_money
from donors.ledger import post
from donors.models import Account, Appropriation, ReliefBudget, Transaction
from donors.rules import refuse, require_positive_fen

AKind, TKind = Account.Kind, Transaction.Kind


def may_manage_relief_budget(user, office: Organisation) -> bool:
    """Supervisors of the office, or of an office above it, manage its relief money: the
    bureau that receives the appropriation records it (caseworkers give relief, they do not
    fund it)."""
    return scope_for(user, roles=[Role.SUPERVISOR]).covers_region(office.region)


def _appropriations_account(office: Organisation) -> Account:
    """The external source of an office's relief money (财政拨款); it goes negative by what
    was appropriated."""
    key = f"{AKind.APPROPRIATIONS}:organisation:{office.pk}"
    account, _created = Account.objects.get_or_create(
        key=key, defaults={"kind": AKind.APPROPRIATIONS}
    )
    return account


def _household_account(case) -> Account:
    """The external account of the household a case's relief was paid to."""
    key = f"{AKind.RELIEF_PAID}:case:{case.pk}"
    account, _created = Account.objects.get_or_create(key=key, defaults={"kind": AKind.RELIEF_PAID})
    return account


def budget_account(budget: ReliefBudget) -> Account:
    account, _created = Account.objects.get_or_create(
        key=f"{AKind.RELIEF_BUDGET}:reliefbudget:{budget.pk}",
        defaults={"kind": AKind.RELIEF_BUDGET, "relief_budget": budget},
    )
    return account


def _check_scheme(scheme: str) -> str:
    if scheme not in ReliefBudget.Scheme.values:
        refuse("scheme", _("Choose temporary or advance relief."), "invalid_choice")
    return scheme


def _check_year(year) -> int:
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        refuse("year", _("Give a year between 2000 and 2100."), "invalid")
    return year


@transaction.atomic
def appropriation_record(
    *,
    by,
    office: Organisation,
    year: int,
    scheme: str,
    amount_fen: int,
    reference: str,
    received_on: dt.date | None = None,
    memo: str = "",
) -> Appropriation:
    """Record money appropriated to ``office`` for relief under ``scheme`` in ``year``, with
    the appropriation document's number; the budget is opened on its first appropriation."""
    if office.kind != Organisation.Kind.GOVERNMENT_OFFICE:
        refuse("office", _("Relief budgets belong to government offices."), "not_office")
    if not may_manage_relief_budget(by, office):
        raise PermissionDenied(_("Only a supervisor for this office may record its budget."))
    _check_scheme(scheme)
    _check_year(year)
    require_positive_fen("amount_fen", amount_fen)
    reference = (reference or "").strip()
    if not reference:
        refuse("reference", _("Give the number of the appropriation document (文号)."), "required")
    budget, _created = ReliefBudget.objects.get_or_create(
        office=office, year=year, scheme=scheme, defaults={"created_by": by}
    )
    appropriation = Appropriation.objects.create(
        budget=budget,
        amount_fen=amount_fen,
        reference=reference[:100],
        received_on=received_on or timezone.localdate(),
        memo=(memo or "").strip()[:300],
        recorded_by=by,
    )
    post(
        kind=TKind.APPROPRIATION,
        lines=[
            (_appropriations_account(office), -amount_fen),
            (budget_account(budget), amount_fen),
        ],
        by=by,
        memo=reference,
        appropriation=appropriation,
    )
    audit_record(
        actor=by,
        action="relief_budget.appropriate",
        obj=appropriation,
        changes={"amount_fen": (None, amount_fen), "reference": (None, appropriation.reference)},
    )
    return appropriation


@transaction.atomic
def appropriation_correct(*, by, appropriation: Appropriation, reason: str) -> Appropriation:
    """Reverse an appropriation recorded in error (the right one is then recorded anew): a new
    appropriation of the opposite amount and a new ledger transaction, never an edit. Refused
    when the budget has already paid out the money it would take back."""
    # Locked: two corrections of one appropriation run one after the other, and the second
    # finds the first.
    appropriation = (
        Appropriation.objects.select_for_update(of=("self",))
        .select_related("budget__office")
        .get(pk=appropriation.pk)
    )
    budget = appropriation.budget
    if not may_manage_relief_budget(by, budget.office):
        raise PermissionDenied(_("Only a supervisor for this office may record its budget."))
    if not (reason or "").strip():
        refuse("reason", _("Give the reason for the correction."), "required")
    if appropriation.corrects_id is not None or appropriation.amount_fen < 0:
        refuse(None, _("A correction cannot itself be corrected."), "is_correction")
    if Appropriation.objects.filter(corrects=appropriation).exists():
        refuse(None, _("This appropriation has already been corrected."), "already_corrected")
    correction = Appropriation.objects.create(
        budget=budget,
        amount_fen=-appropriation.amount_fen,
        reference=appropriation.reference,
        received_on=timezone.localdate(),
        memo=reason.strip()[:300],
        corrects=appropriation,
        recorded_by=by,
    )
    original = appropriation.transactions.get()
    account = budget_account(budget)
    _refuse_unless_budget_pays("reason", budget, account, appropriation.amount_fen)
    with _as_budget_refusal("reason"):
        post(
            kind=TKind.CORRECTION,
            lines=[
                (account, -appropriation.amount_fen),
                (_appropriations_account(budget.office), appropriation.amount_fen),
            ],
            by=by,
            memo=reason,
            appropriation=correction,
            corrects=original,
        )
    audit_record(
        actor=by,
        action="relief_budget.correct",
        obj=correction,
        changes={"amount_fen": (None, correction.amount_fen), "corrects": (None, appropriation.pk)},
    )
    return correction


def _refuse_unless_budget_pays(
    field: str | None, budget: ReliefBudget, account: Account, amount_fen: int
) -> None:
    """The clear refusal, read before posting: which budget, and what is left."""
    left = account.balance_fen  # just read: the row as this transaction sees it
    if left >= amount_fen:
        return
    refuse(
        field,
        _("The %(office)s %(scheme)s budget for %(year)s has only %(left)s left.")
        % {
            "office": budget.office.name,
            "scheme": budget.get_scheme_display(),
            "year": budget.year,
            "left": format_money(max(left, 0)),
        },
        "insufficient_budget",
    )


@contextmanager
def _as_budget_refusal(field: str | None):
    """A concurrent grant took the money between the read above and the posting: the ledger's
    guard refused it (the transaction is already marked for rollback, so nothing more can be
    read); the refusal keeps its message (what was left) under the budget's code."""
    try:
        yield
    except ValidationError as error:
        # A refusal naming fields has no error_list (and getattr's default would be read
        # first): take whichever the error has.
        by_field = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
        overdrafts = [
            e for errors in by_field.values() for e in errors if e.code == "insufficient_balance"
        ]
        if not overdrafts:
            raise
        refuse(field, overdrafts[0].message, "insufficient_budget")


def relief_book(*, by, grant, field: str | None = "amount_fen") -> Transaction | None:
    """Pay an effective cash relief grant from its office's budget for its scheme and the
    current year (the year it takes effect), to the household's account. Called by the relief
    services inside their transaction; in-kind relief is not money and is not booked. Refused
    when the office has no budget or not enough left, naming ``field``."""
    if not grant.is_cash:
        return None
    office = grant.case.responsible_office
    year = timezone.localdate().year
    budget = (
        ReliefBudget.objects.filter(office=office, year=year, scheme=grant.kind)
        .select_related("office", "account")
        .first()
    )
    if budget is None:
        refuse(
            field,
            _(
                "%(office)s has no %(scheme)s budget for %(year)s: a supervisor records its "
                "appropriation first."
            )
            % {
                "office": office.name,
                "scheme": ReliefBudget.Scheme(grant.kind).label,
                "year": year,
            },
            "no_budget",
        )
    account = getattr(budget, "account", None) or budget_account(budget)
    _refuse_unless_budget_pays(field, budget, account, grant.amount_fen)
    with _as_budget_refusal(field):
        return post(
            kind=TKind.RELIEF,
            lines=[
                (account, -grant.amount_fen),
                (_household_account(grant.case), grant.amount_fen),
            ],
            by=by,
            memo=f"{grant.get_kind_display()} #{grant.pk}",
            field=field,
            relief_grant=grant,
        )
