"""The household economic-status check (居民家庭经济状况核对, "逢进必核", seeds 002 and 004),
one function per step.

The household authorizes the check (授权核对); the office asks for it; the checking body's
result (income and assets by kind, its conclusion, who checked and when) is entered on screen or
imported from the checking platform's export; temporary relief above the office's threshold
needs a current result (``relief_check_required``). The result is read only by the staff who
decide (caseworkers and supervisors of the household's jurisdiction), and every read is logged.

Import format (CSV in UTF-8 or GBK, or .xlsx, first sheet; one row per amount, a header row
first; Chinese or English headers):

==================  =================  ============================================
header              English header     value
==================  =================  ============================================
核对编号             check              the platform's number of the check (shown on
                                       the check's page: the request number)
核对机构             checking_body      who checked
核对日期             checked_on         YYYY-MM-DD
核对结论             conclusion         符合 / 不符合 (or within_limits / above_limits)
类别                 category           收入 / 财产 (or income / asset)
项目                 kind               e.g. 工资性收入, 银行存款 (or wages, deposits;
                                       ``IMPORT_KINDS``)
金额                 amount             yuan, at most two decimals (not fen)
备注                 note               optional
平台流水号           reference          optional: the platform's own reference
==================  =================  ============================================

A check with no amounts (nothing found) is one row with 类别, 项目 and 金额 empty. The file is
taken whole or not at all: any error names its row and column and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record, personal_data_read_record
from core.jurisdiction import (
    GOVERNMENT_ROLES,
    Role,
    active_memberships,
    scope_filter,
    scope_for,
)
from core.models.regions import path_within
from core.money import format_money, yuan_to_fen
from discovery.crosscheck_files import open_sheet
from needs import notify_events
from needs.models import (
    Case,
    CheckAuthorization,
    EconomicCheck,
    EconomicCheckItem,
    EconomicCheckPolicy,
    Household,
)
from needs.services.rules import lock, refuse

Status, Conclusion, Source = EconomicCheck.Status, EconomicCheck.Conclusion, EconomicCheck.Source
Category, ItemKind = EconomicCheckItem.Category, EconomicCheckItem.Kind

# The roles that decide on assistance read the results; nobody else (issue 20 item 2).
CHECK_READERS = tuple(GOVERNMENT_ROLES)
# What a read of a result shows, as recorded in the read log (never the values).
RESULT_FIELDS_SHOWN = ["income", "assets", "conclusion"]


# ---- jurisdiction ----


def _office_ids(user) -> list[int]:
    return [
        m.organisation_id
        for m in active_memberships(user)
        if m.role in GOVERNMENT_ROLES and m.organisation.is_government
    ]


def household_filter(user, *, prefix: str = "") -> Q | None:
    """Q for the households whose checks ``user`` may handle and read (None: all): those living
    in the user's jurisdiction, and those with a case handled by one of the user's offices."""
    condition = scope_filter(scope_for(user, roles=CHECK_READERS), region_field=f"{prefix}region")
    if condition is None:
        return None
    offices = _office_ids(user)
    if offices:
        handled = Case.objects.filter(responsible_office_id__in=offices).values("household_id")
        condition |= Q(**{f"{prefix}pk__in": handled})
    return condition


def user_can_handle_household(user, household: Household) -> bool:
    condition = household_filter(user)
    if condition is None:
        return True
    return Household.objects.filter(condition, pk=household.pk).exists()


def require_household_handler(user, household: Household) -> None:
    if not user_can_handle_household(user, household):
        raise PermissionDenied(_("This household is not in your jurisdiction."))


def checks_visible_to(user, queryset: QuerySet | None = None) -> QuerySet[EconomicCheck]:
    """The checks of the households the user may handle; nothing for other roles."""
    queryset = EconomicCheck.objects.all() if queryset is None else queryset
    condition = household_filter(user, prefix="household__")
    return queryset if condition is None else queryset.filter(condition)


def authorizations_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    queryset = CheckAuthorization.objects.all() if queryset is None else queryset
    condition = household_filter(user, prefix="household__")
    return queryset if condition is None else queryset.filter(condition)


# ---- the office's rule ----


def check_policy(office) -> tuple[int | None, int]:
    """(relief threshold in fen or None for none, validity in days) for ``office``."""
    policy = EconomicCheckPolicy.objects.filter(office=office).first() if office else None
    if policy is not None:
        return policy.relief_threshold_fen, policy.validity_days
    return settings.ECONOMIC_CHECK_RELIEF_THRESHOLD_FEN, settings.ECONOMIC_CHECK_VALIDITY_DAYS


def current_check(household: Household, *, on: dt.date | None = None, office=None):
    """The household's latest completed check with a conclusion that is still current on
    ``on`` (today by default): checked no more than the validity before, and not after."""
    on = on or timezone.localdate()
    _threshold, validity_days = check_policy(office)
    return (
        EconomicCheck.objects.filter(
            household=household,
            status=Status.COMPLETED,
            checked_on__gte=on - dt.timedelta(days=validity_days),
            checked_on__lte=on,
        )
        .exclude(conclusion="")
        .order_by("-checked_on", "-pk")
        .first()
    )


def household_has_current_check(
    household: Household, *, on: dt.date | None = None, office=None
) -> bool:
    """Whether the household has a completed check with a conclusion, not older than the
    validity (the office's, else ``ECONOMIC_CHECK_VALIDITY_DAYS``). For assistance
    applications (``needs.services.assistance.check_satisfied``) and relief alike."""
    return current_check(household, on=on, office=office) is not None


def relief_check_required(*, case: Case, amount_fen: int) -> None:
    """Refuse relief above the office's threshold when the household has no current check
    ("逢进必核"). Called by ``relief_grant`` inside its transaction."""
    threshold, _validity = check_policy(case.responsible_office)
    if threshold is None or amount_fen <= threshold:
        return
    if not household_has_current_check(case.household, office=case.responsible_office):
        refuse(
            "amount_fen",
            _(
                "Relief above %(threshold)s needs a current economic-status check of the "
                "household (核对): record the household's authorization and the check's result "
                "first."
            )
            % {"threshold": format_money(threshold)},
            "check_required",
        )


# ---- authorization ----


@transaction.atomic
def check_authorization_record(
    *,
    by,
    household: Household,
    method: str,
    signed_by_name: str,
    signed_on: dt.date | None,
    scan=None,
) -> CheckAuthorization:
    """Record the household's signed authorization to check its income and assets."""
    household = lock(household)
    require_household_handler(by, household)
    if method not in CheckAuthorization.Method.values:
        refuse("method", _("Say how the authorization was given."), "invalid_choice")
    if not (signed_by_name or "").strip():
        refuse("signed_by_name", _("Name who signed the authorization."), "required")
    if signed_on is None:
        refuse("signed_on", _("Give the date the authorization was signed."), "required")
    if signed_on > timezone.localdate():
        refuse("signed_on", _("The date of signing cannot be in the future."), "future")
    if CheckAuthorization.objects.filter(household=household, withdrawn_at__isnull=True).exists():
        refuse(
            "household",
            _("This household's authorization is already recorded."),
            "already_recorded",
        )
    authorization = CheckAuthorization(
        household=household,
        method=method,
        signed_by_name=signed_by_name.strip()[:64],
        signed_on=signed_on,
        recorded_by=by,
    )
    if scan:
        authorization.scan = scan
    authorization.save()
    audit_record(
        actor=by,
        action="economic_check.authorization_record",
        obj=authorization,
        changes={"method": (None, method), "scan": (None, bool(scan))},
    )
    return authorization


@transaction.atomic
def check_authorization_withdraw(*, by, authorization: CheckAuthorization) -> CheckAuthorization:
    """The household withdraws its authorization: no new check may be asked for. Checks
    already asked for are cancelled; results already recorded stay on the record."""
    authorization = lock(authorization)
    require_household_handler(by, authorization.household)
    if authorization.withdrawn_at is not None:
        refuse(None, _("This authorization was already withdrawn."), "already_withdrawn")
    authorization.withdrawn_at, authorization.withdrawn_by = timezone.now(), by
    authorization.save(update_fields=["withdrawn_at", "withdrawn_by"])
    cancelled = authorization.checks.filter(status=Status.REQUESTED).update(status=Status.CANCELLED)
    audit_record(
        actor=by,
        action="economic_check.authorization_withdraw",
        obj=authorization,
        changes={"withdrawn": (False, True), "checks_cancelled": cancelled},
    )
    return authorization


# ---- the check ----


def _requesting_office(by, household: Household, office):
    offices = [
        m.organisation
        for m in active_memberships(by)
        if m.role in GOVERNMENT_ROLES and m.organisation.is_government
    ]
    if office is not None:
        if office.pk not in {o.pk for o in offices}:
            raise PermissionDenied(_("You may ask for checks only for your own office."))
        return office
    # The office whose jurisdiction covers the household, else the user's first office (one
    # handling a case of a household living elsewhere).
    for candidate in offices:
        if path_within(household.region.path, candidate.region.path):
            return candidate
    if offices:
        return offices[0]
    raise PermissionDenied(_("Only civil-affairs staff may ask for a check."))


@transaction.atomic
def economic_check_request(
    *, by, household: Household, purpose: str = "", office=None
) -> EconomicCheck:
    """Ask the checking body to check the household. Refused without the household's
    authorization in force (授权核对)."""
    household = lock(household)
    require_household_handler(by, household)
    authorization = CheckAuthorization.objects.filter(
        household=household, withdrawn_at__isnull=True
    ).first()
    if authorization is None:
        refuse(
            "authorization",
            _(
                "The household has not authorized the check: record its signed authorization "
                "(授权核对) first."
            ),
            "not_authorized",
        )
    if EconomicCheck.objects.filter(household=household, status=Status.REQUESTED).exists():
        refuse(
            "household",
            _("A check of this household is already waiting for its result."),
            "already_requested",
        )
    check = EconomicCheck.objects.create(
        household=household,
        authorization=authorization,
        office=_requesting_office(by, household, office),
        purpose=(purpose or "").strip()[:200],
        requested_by=by,
    )
    audit_record(
        actor=by,
        action="economic_check.request",
        obj=check,
        changes={"status": (None, Status.REQUESTED)},
    )
    notify_events.economic_check_requested(check)
    return check


@dataclass(frozen=True)
class ResultItem:
    """One amount of a result: income or asset, its kind, in fen."""

    category: str
    kind: str
    amount_fen: int
    note: str = ""


def _clean_items(items: list[ResultItem]) -> list[ResultItem]:
    for item in items:
        if item.category not in Category.values:
            refuse("items", _("Each amount is an income or an asset."), "invalid_category")
        if item.kind not in ItemKind.values:
            refuse("items", _("Choose the kind of each amount."), "invalid_kind")
        expected = (
            Category.INCOME if item.kind in EconomicCheckItem.INCOME_KINDS else Category.ASSET
        )
        if item.category != expected:
            refuse(
                "items",
                _("%(kind)s is not a kind of %(category)s.")
                % {"kind": ItemKind(item.kind).label, "category": Category(item.category).label},
                "kind_mismatch",
            )
        if not isinstance(item.amount_fen, int) or isinstance(item.amount_fen, bool):
            refuse("items", _("An amount is an integer number of fen."), "invalid")
        if item.amount_fen < 0:
            refuse("items", _("The amount cannot be negative."), "min_value")
    return items


@transaction.atomic
def economic_check_record_result(
    *,
    by,
    check: EconomicCheck,
    checking_body: str,
    checked_on: dt.date | None,
    conclusion: str,
    items: list[ResultItem],
    conclusion_note: str = "",
    reference: str = "",
    source: str = Source.ENTERED,
) -> EconomicCheck:
    """Record the checking body's result: the amounts by kind, the conclusion, who checked and
    when. Once: a result on the record is not overwritten (a new check is asked for)."""
    check = lock(check)
    require_household_handler(by, check.household)
    if check.status != Status.REQUESTED:
        refuse(None, _("This check is not waiting for a result."), "not_requested")
    if not (checking_body or "").strip():
        refuse("checking_body", _("Name the checking body."), "required")
    if checked_on is None:
        refuse("checked_on", _("Give the date of the check."), "required")
    if checked_on > timezone.localdate():
        refuse("checked_on", _("The date of the check cannot be in the future."), "future")
    if checked_on < timezone.localtime(check.requested_at).date():
        refuse(
            "checked_on",
            _("The check cannot be dated before it was asked for."),
            "before_request",
        )
    if conclusion not in Conclusion.values:
        refuse("conclusion", _("Choose the conclusion of the check."), "invalid_choice")
    items = _clean_items(list(items))
    check.checking_body = checking_body.strip()[:128]
    check.checked_on = checked_on
    check.conclusion = conclusion
    check.conclusion_note = (conclusion_note or "").strip()
    check.reference = (reference or "").strip()[:64]
    check.source = source
    check.status = Status.COMPLETED
    check.result_recorded_by, check.result_recorded_at = by, timezone.now()
    check.save()
    EconomicCheckItem.objects.bulk_create(
        EconomicCheckItem(
            economic_check=check,
            category=item.category,
            kind=item.kind,
            amount_fen=item.amount_fen,
            note=item.note.strip()[:200],
        )
        for item in items
    )
    audit_record(
        actor=by,
        action="economic_check.record_result",
        obj=check,
        # The conclusion and amounts are personal data: the event names that they were set.
        changes={
            "status": (Status.REQUESTED, Status.COMPLETED),
            "source": source,
            "items": len(items),
        },
    )
    notify_events.economic_check_completed(check)
    return check


@transaction.atomic
def economic_check_cancel(*, by, check: EconomicCheck, reason: str) -> EconomicCheck:
    """Cancel a check still waiting for its result, with the reason."""
    check = lock(check)
    require_household_handler(by, check.household)
    if check.status != Status.REQUESTED:
        refuse(None, _("This check is not waiting for a result."), "not_requested")
    if not (reason or "").strip():
        refuse("reason", _("Give the reason for cancelling."), "required")
    check.status = Status.CANCELLED
    check.conclusion_note = reason.strip()
    check.save(update_fields=["status", "conclusion_note"])
    audit_record(
        actor=by,
        action="economic_check.cancel",
        obj=check,
        changes={"status": (Status.REQUESTED, Status.CANCELLED)},
    )
    return check


@dataclass(frozen=True)
class CheckResult:
    """What a reader is shown of a completed check: incomes and assets by kind, totals."""

    check: EconomicCheck
    incomes: list[EconomicCheckItem]
    assets: list[EconomicCheckItem]

    @property
    def income_total_fen(self) -> int:
        return sum(item.amount_fen for item in self.incomes)

    @property
    def asset_total_fen(self) -> int:
        return sum(item.amount_fen for item in self.assets)


def economic_check_result(*, by, check: EconomicCheck, purpose: str = "") -> CheckResult:
    """The result of a check for a reader who decides, written to the read log first (no read
    goes unrecorded). Everyone else is refused."""
    if not checks_visible_to(by).filter(pk=check.pk).exists():
        raise PermissionDenied(_("Only the staff who decide may read a check's result."))
    personal_data_read_record(
        actor=by,
        obj=check.household,
        fields=RESULT_FIELDS_SHOWN,
        purpose=purpose or f"economic check {check.pk}",
    )
    items = list(check.items.all())
    return CheckResult(
        check=check,
        incomes=[item for item in items if item.category == Category.INCOME],
        assets=[item for item in items if item.category == Category.ASSET],
    )


# ---- import of the checking platform's export ----

IMPORT_HEADERS = {
    "check": ["核对编号", "check", "check_id"],
    "checking_body": ["核对机构", "checking_body"],
    "checked_on": ["核对日期", "checked_on"],
    "conclusion": ["核对结论", "conclusion"],
    "category": ["类别", "category"],
    "kind": ["项目", "kind"],
    "amount": ["金额", "金额(元)", "amount"],
    "note": ["备注", "note"],
    "reference": ["平台流水号", "reference"],
}
REQUIRED_HEADERS = ("check", "checking_body", "checked_on", "conclusion")
IMPORT_CONCLUSIONS = {
    "符合": Conclusion.WITHIN_LIMITS,
    "不符合": Conclusion.ABOVE_LIMITS,
    **{value: value for value in Conclusion.values},
}
IMPORT_CATEGORIES = {"收入": Category.INCOME, "财产": Category.ASSET, "资产": Category.ASSET}
IMPORT_CATEGORIES.update({value: value for value in Category.values})
IMPORT_KINDS = {
    "工资性收入": ItemKind.WAGES,
    "经营性收入": ItemKind.BUSINESS,
    "财产性收入": ItemKind.PROPERTY_INCOME,
    "转移性收入": ItemKind.TRANSFER,
    "其他收入": ItemKind.OTHER_INCOME,
    "银行存款": ItemKind.DEPOSITS,
    "有价证券": ItemKind.SECURITIES,
    "房产": ItemKind.REAL_ESTATE,
    "车辆": ItemKind.VEHICLES,
    "经营性资产": ItemKind.BUSINESS_ASSETS,
    "其他财产": ItemKind.OTHER_ASSET,
    **{value: value for value in ItemKind.values},
}


def _row_error(row: int, column: str, message: str):
    refuse(
        "file",
        _("Row %(row)s, column %(column)s: %(message)s")
        % {"row": row, "column": column, "message": message},
        "invalid_row",
    )


def _columns(headers: list[str]) -> dict[str, int]:
    normal = ["".join(str(h or "").split()).lower() for h in headers]
    found: dict[str, int] = {}
    for name, names in IMPORT_HEADERS.items():
        for candidate in names:
            if candidate.lower() in normal:
                found[name] = normal.index(candidate.lower())
                break
    missing = [IMPORT_HEADERS[name][0] for name in REQUIRED_HEADERS if name not in found]
    if missing:
        refuse(
            "file",
            _("The file lacks the column(s): %(columns)s.") % {"columns": "、".join(missing)},
            "missing_columns",
        )
    return found


@dataclass
class _ImportedCheck:
    check: EconomicCheck
    checking_body: str
    checked_on: dt.date
    conclusion: str
    reference: str
    items: list[ResultItem]


def _parse_rows(by, stream: IO[bytes], file_name: str) -> list[_ImportedCheck]:
    sheet = open_sheet(stream, file_name)
    try:
        columns = _columns(sheet.headers)
        visible = checks_visible_to(by)
        parsed: dict[int, _ImportedCheck] = {}
        for row, cells in sheet.rows:
            if cells is None:
                refuse("file", _("Row %(row)s cannot be read.") % {"row": row}, "invalid_row")

            def cell(name: str, cells=cells) -> str:
                index = columns.get(name)
                return cells[index].strip() if index is not None and index < len(cells) else ""

            if not any(cells):
                continue
            number = cell("check")
            check = (
                visible.filter(pk=int(number)).select_related("household").first()
                if number.isdigit()
                else None
            )
            if check is None:
                _row_error(row, "核对编号", _("no check of yours has this number."))
            if check.status != Status.REQUESTED:
                _row_error(row, "核对编号", _("this check is not waiting for a result."))
            try:
                checked_on = dt.date.fromisoformat(cell("checked_on"))
            except ValueError:
                _row_error(row, "核对日期", _("give the date as YYYY-MM-DD."))
            conclusion = IMPORT_CONCLUSIONS.get(cell("conclusion"))
            if conclusion is None:
                _row_error(row, "核对结论", _("write 符合 or 不符合."))
            entry = parsed.setdefault(
                check.pk,
                _ImportedCheck(
                    check, cell("checking_body"), checked_on, conclusion, cell("reference"), []
                ),
            )
            if (entry.checking_body, entry.checked_on, entry.conclusion) != (
                cell("checking_body"),
                checked_on,
                conclusion,
            ):
                _row_error(
                    row,
                    "核对编号",
                    _("the rows of one check must agree on its body, date and conclusion."),
                )
            if not (cell("category") or cell("kind") or cell("amount")):
                continue  # a check that found nothing
            category = IMPORT_CATEGORIES.get(cell("category"))
            if category is None:
                _row_error(row, "类别", _("write 收入 or 财产."))
            kind = IMPORT_KINDS.get(cell("kind"))
            if kind is None:
                _row_error(row, "项目", _("not a kind of income or asset this import knows."))
            try:
                amount_fen = yuan_to_fen(cell("amount"))
            except ValidationError as error:
                _row_error(row, "金额", " ".join(error.messages))
            entry.items.append(ResultItem(category, kind, amount_fen, cell("note")))
        if not parsed:
            refuse("file", _("The file has no rows."), "empty")
        return list(parsed.values())
    finally:
        sheet.close()


@transaction.atomic
def economic_check_import(*, by, stream: IO[bytes], file_name: str) -> list[EconomicCheck]:
    """Record the results in the checking platform's export (format in this module's
    docstring): all of them, or, at the first error, none."""
    done = []
    for entry in _parse_rows(by, stream, file_name):
        try:
            done.append(
                economic_check_record_result(
                    by=by,
                    check=entry.check,
                    checking_body=entry.checking_body,
                    checked_on=entry.checked_on,
                    conclusion=entry.conclusion,
                    items=entry.items,
                    reference=entry.reference,
                    source=Source.IMPORTED,
                )
            )
        except ValidationError as error:
            refuse(
                "file",
                _("Check %(number)s: %(message)s")
                % {"number": entry.check.pk, "message": " ".join(error.messages)},
                "invalid_row",
            )
    return done


@transaction.atomic
def economic_check_policy_set(
    *, by, office, relief_threshold_fen: int | None, validity_days: int
) -> EconomicCheckPolicy:
    """An office's threshold and validity, set by a supervisor of the office's region."""
    scope = scope_for(by, roles=[Role.SUPERVISOR])
    if scope.is_empty or not scope.covers_region(office.region):
        raise PermissionDenied(_("Only a supervisor for this office's region may do this."))
    if relief_threshold_fen is not None and (
        not isinstance(relief_threshold_fen, int) or relief_threshold_fen < 0
    ):
        refuse("relief_threshold_fen", _("The amount cannot be negative."), "min_value")
    if not isinstance(validity_days, int) or validity_days < 1:
        refuse("validity_days", _("A check stays current for at least one day."), "min_value")
    policy, created = EconomicCheckPolicy.objects.select_for_update().get_or_create(
        office=office,
        defaults={"relief_threshold_fen": relief_threshold_fen, "validity_days": validity_days},
    )
    before = (None, None) if created else (policy.relief_threshold_fen, policy.validity_days)
    policy.relief_threshold_fen, policy.validity_days = relief_threshold_fen, validity_days
    policy.save()
    audit_record(
        actor=by,
        action="economic_check.policy_set",
        obj=policy,
        changes={
            "relief_threshold_fen": (before[0], relief_threshold_fen),
            "validity_days": (before[1], validity_days),
        },
    )
    return policy
