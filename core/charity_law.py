"""Who may raise money from the public, under the Charity Law (慈善法).

Public fundraising (公开募捐) is done only by a charity holding public-fundraising
qualification (公开募捐资格, Charity Law art. 22), under a fundraising plan filed with its
registration authority before it starts (募捐方案备案, art. 24). The platform therefore takes an
online or bank gift from the public only for a project or fund whose charity holds a current
qualification and whose plan is filed for today. Each rule here is one function; the donation
service calls ``public_fundraising_problem`` for every gift it creates, and the public pages
show the same numbers as 慈善中国 (the national charity information platform) does.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# GB 32100-2015: 18 characters from these 31 (no I, O, S, V, Z), the last a check character
# computed mod 31. (The set has an M: a copy without it has 30 characters and cannot hold
# every check value.)
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_character(first17: str) -> str:
    """The check character of a unified social credit code's first 17 characters."""
    total = sum(
        CREDIT_CODE_CHARSET.index(char) * weight
        for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    """A unified social credit code (统一社会信用代码): 18 characters of the GB 32100-2015 set,
    whose last is the check character of the others. A typo is caught here, before a receipt
    or a public page carries it."""
    code = value or ""
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)s.")
            % {"count": len(code)},
            code="credit_code_length",
        )
    wrong = sorted({char for char in code if char not in CREDIT_CODE_CHARSET})
    if wrong:
        raise ValidationError(
            _(
                "A unified social credit code uses only digits and the capital letters "
                "A–Y without I, O, S, V and Z; “%(chars)s” is not allowed."
            )
            % {"chars": "".join(wrong)},
            code="credit_code_characters",
        )
    if credit_code_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("This unified social credit code is not valid: its check character does not match."),
            code="credit_code_checksum",
        )


class FundraisingFiling(models.Model):
    """A fundraising plan filed with the civil-affairs registration authority (募捐方案备案):
    a project or special fund that raises from the public carries its filing number and the
    period the plan covers."""

    filing_number = models.CharField(
        gettext_lazy("fundraising plan filing number"),
        max_length=64,
        blank=True,
        help_text=gettext_lazy(
            "募捐方案备案编号, as shown on 慈善中国. Without a filing the public cannot give."
        ),
    )
    filing_starts_on = models.DateField(
        gettext_lazy("fundraising period from"), null=True, blank=True
    )
    filing_ends_on = models.DateField(
        gettext_lazy("fundraising period until"), null=True, blank=True
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        filing_clean(self)


def filing_clean(holder) -> None:
    """A filing number comes with its period, and the period ends after it starts."""
    holder.filing_number = (holder.filing_number or "").strip()
    errors = {}
    if holder.filing_number:
        for name in ("filing_starts_on", "filing_ends_on"):
            if getattr(holder, name) is None:
                errors[name] = ValidationError(
                    _("Give the period of the filed fundraising plan."), code="required"
                )
    elif holder.filing_starts_on or holder.filing_ends_on:
        errors["filing_number"] = ValidationError(
            _("Give the filing number of the fundraising plan, or leave its period empty."),
            code="required",
        )
    starts, ends = holder.filing_starts_on, holder.filing_ends_on
    if starts and ends and ends < starts:
        errors["filing_ends_on"] = ValidationError(
            _("The fundraising period cannot end before it starts."), code="period_order"
        )
    if errors:
        raise ValidationError(errors)


def qualification_clean(organisation) -> None:
    """Only a charity holds public-fundraising qualification; a certificate comes with the day
    it took effect, and an end date (if any) after it."""
    organisation.fundraising_certificate_number = (
        organisation.fundraising_certificate_number or ""
    ).strip()
    errors = {}
    number = organisation.fundraising_certificate_number
    starts = organisation.fundraising_qualified_from
    ends = organisation.fundraising_qualified_until
    if (number or starts or ends) and organisation.kind != "charity":
        errors["fundraising_certificate_number"] = ValidationError(
            _("Only a charity can hold public-fundraising qualification (慈善法 art. 22)."),
            code="not_charity",
        )
    elif number and starts is None:
        errors["fundraising_qualified_from"] = ValidationError(
            _("Give the day the public-fundraising qualification took effect."), code="required"
        )
    elif (starts or ends) and not number:
        errors["fundraising_certificate_number"] = ValidationError(
            _("Give the public-fundraising qualification certificate number."), code="required"
        )
    if starts and ends and ends < starts:
        errors["fundraising_qualified_until"] = ValidationError(
            _("The qualification cannot end before it starts."), code="period_order"
        )
    if errors:
        raise ValidationError(errors)


def _today() -> datetime.date:
    return timezone.localdate()


def qualification_problem(organisation, today: datetime.date | None = None):
    """Why ``organisation`` may not raise from the public today, as (field, message, code),
    or None when it holds a current public-fundraising qualification."""
    today = today or _today()
    if organisation.kind != "charity":
        return (
            "organisation",
            _(
                "%(name)s is not a charity: only charities with public-fundraising "
                "qualification raise money from the public."
            )
            % {"name": organisation.name},
            "not_charity",
        )
    if not organisation.fundraising_certificate_number:
        return (
            "fundraising_certificate_number",
            _("%(name)s has no public-fundraising qualification (公开募捐资格).")
            % {"name": organisation.name},
            "no_qualification",
        )
    starts = organisation.fundraising_qualified_from
    ends = organisation.fundraising_qualified_until
    if starts and today < starts:
        return (
            "fundraising_qualified_from",
            _("The public-fundraising qualification of %(name)s takes effect on %(day)s.")
            % {"name": organisation.name, "day": chinese_date(starts)},
            "qualification_not_started",
        )
    if ends and today > ends:
        return (
            "fundraising_qualified_until",
            _("The public-fundraising qualification of %(name)s expired on %(day)s.")
            % {"name": organisation.name, "day": chinese_date(ends)},
            "qualification_expired",
        )
    return None


def filing_problem(holder, today: datetime.date | None = None):
    """Why the project or fund ``holder`` may not take public gifts today, as
    (field, message, code), or None when its fundraising plan is filed for today."""
    today = today or _today()
    if not holder.filing_number:
        return (
            "filing_number",
            _(
                "“%(name)s” has no filed fundraising plan (募捐方案备案), so it cannot take "
                "gifts from the public."
            )
            % {"name": str(holder)},
            "no_filing",
        )
    if holder.filing_starts_on and today < holder.filing_starts_on:
        return (
            "filing_starts_on",
            _("The fundraising plan of “%(name)s” starts on %(day)s; gifts are taken from then.")
            % {"name": str(holder), "day": chinese_date(holder.filing_starts_on)},
            "filing_not_started",
        )
    if holder.filing_ends_on and today > holder.filing_ends_on:
        return (
            "filing_ends_on",
            _("The fundraising plan of “%(name)s” ended on %(day)s; it takes no more gifts.")
            % {"name": str(holder), "day": chinese_date(holder.filing_ends_on)},
            "filing_ended",
        )
    return None


def public_fundraising_problem(holder, organisation, today: datetime.date | None = None):
    """Why a gift from the public to the project or fund ``holder`` of ``organisation`` is
    refused today (field, message, code), or None. The qualification first: without it a
    filing means nothing."""
    return qualification_problem(organisation, today) or filing_problem(holder, today)


def may_raise_publicly(holder, organisation, today: datetime.date | None = None) -> bool:
    return public_fundraising_problem(holder, organisation, today) is None


def chinese_date(day: datetime.date) -> str:
    """A day the way the active language writes it (zh-hans: 2026年12月5日)."""
    return date_format(day, "DATE_FORMAT")


def public_record(holder, organisation, may_raise: bool | None = None) -> dict:
    """What a public page shows of the charity behind a project or fund, as 慈善中国 does:
    its name, credit code, registration authority, qualification certificate and validity,
    and the plan's filing number and period (``holder`` None: the charity alone). Plain
    values, so that cached pages can keep them. ``may_raise``: the caller's own verdict when
    another rule decides (an enterprise's fund, donors.services.donations)."""
    record = {
        "organisation": organisation.name,
        "credit_code": organisation.credit_code,
        "registration_authority": organisation.registration_authority,
        "certificate_number": organisation.fundraising_certificate_number,
        "qualified_from": organisation.fundraising_qualified_from,
        "qualified_until": organisation.fundraising_qualified_until,
        "filing_number": "",
        "filing_starts_on": None,
        "filing_ends_on": None,
    }
    if holder is not None:
        record.update(
            filing_number=holder.filing_number,
            filing_starts_on=holder.filing_starts_on,
            filing_ends_on=holder.filing_ends_on,
        )
    if may_raise is None:
        may_raise = qualification_problem(organisation) is None and (
            holder is None or filing_problem(holder) is None
        )
    record["may_raise"] = may_raise
    return record
