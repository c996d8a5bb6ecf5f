"""The read log (查阅记录): who read which household's personal data, when and why (issue 17,
item 6; DESIGN.md 7.1 "every read of personal data by staff is written to the audit log and
can be read back").

Every read is a ``core.PersonalDataRead`` naming the record read (a household, a hotline call,
a visit, a risk warning, a public report, a proxy application, a payment's proof). Here each
kind of record is traced to the household and case it concerns and to the county that places
it in a jurisdiction (``SUBJECTS``): auditors and platform administrators read the whole log, a
supervisor the reads of records in their jurisdiction; nobody else reads it.

The log itself shows no personal data: the household by its number, the case by its number,
which kinds of data were read (never their values, never an ID number) and the purpose.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import django_filters
from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.filtersets import NumberFilter, PeriodDateFilter
from core.jurisdiction import READ_EVERYTHING_ROLES, Role, has_role, scope_filter, scope_for
from core.models import PersonalDataRead

READ_LOG_READERS = (Role.SUPERVISOR, *READ_EVERYTHING_ROLES)


@dataclass(frozen=True)
class Subject:
    """How a kind of record read leads to its county, household and case (lookup paths)."""

    model: str
    region: str
    household: str | None
    case_number: str | None


SUBJECTS = [
    Subject("needs.Household", "region", "pk", None),
    Subject("discovery.HotlineCall", "region", "case__household", "case__number"),
    Subject("discovery.Visit", "region", "household", "case__number"),
    Subject("discovery.RiskWarning", "region", "household", "case__number"),
    Subject("discovery.ProxyApplication", "case__region", "case__household", "case__number"),
    Subject("discovery.PublicReport", "region", "case__household", "case__number"),
    # 近亲属备案: the relative's name and (masked) ID number, placed by the filing office.
    Subject("needs.RelativeFiling", "office__region", None, None),
    Subject(
        "donors.Disbursement",
        "allocation__referral__case__region",
        "allocation__referral__case__household",
        "allocation__referral__case__number",
    ),
]

# What was read, by the names the reading code records (never the values).
FIELD_LABELS = {
    "names": gettext_lazy("names"),
    "relations": gettext_lazy("relations"),
    "ages": gettext_lazy("ages"),
    "health": gettext_lazy("health"),
    "phone": gettext_lazy("phone"),
    "address": gettext_lazy("address"),
    "id_number_masked": gettext_lazy("ID number (masked)"),
    "document_numbers_masked": gettext_lazy("document numbers (masked)"),
    "contacts": gettext_lazy("contacts outside the household"),
    # The economic-status check's result (needs.services.economic_checks).
    "income": gettext_lazy("income found by the economic-status check"),
    "assets": gettext_lazy("assets found by the economic-status check"),
    "conclusion": gettext_lazy("conclusion of the economic-status check"),
    "head_name": gettext_lazy("name of the head of household"),
    "caller_name": gettext_lazy("caller's name"),
    "caller_phone": gettext_lazy("caller's phone"),
    "callback_phone": gettext_lazy("call-back phone"),
    "need": gettext_lazy("what they need"),
    "observations": gettext_lazy("what the visitor saw"),
    "visitor_name": gettext_lazy("visitor's name"),
    "what_happened": gettext_lazy("what happened"),
    "reporter_contact": gettext_lazy("reporter's contact"),
    "name": gettext_lazy("name"),
    "note": gettext_lazy("note"),
    "proof_file": gettext_lazy("proof of payment"),
    "filed_for_name": gettext_lazy("name of the person filed for"),
    "reason_note": gettext_lazy("reason"),
    "relative_name": gettext_lazy("relative's name"),
}

# Why, as the reading code records it ("case 220104-2026-000005"), in the reader's language.
_PURPOSES = [
    (re.compile(r"^case (?P<ref>\S+)$"), gettext_lazy("case page %(ref)s")),
    (re.compile(r"^referral (?P<ref>\S+)$"), gettext_lazy("referral %(ref)s")),
    (re.compile(r"^risk warning (?P<ref>\S+)$"), gettext_lazy("risk warning %(ref)s")),
    (re.compile(r"^supervision task (?P<ref>\S+)$"), gettext_lazy("supervision task %(ref)s")),
    (re.compile(r"^visit (?P<ref>\S+)$"), gettext_lazy("visit %(ref)s")),
    (re.compile(r"^hotline call (?P<ref>\S+)$"), gettext_lazy("hotline call %(ref)s")),
    (re.compile(r"^public report list$"), gettext_lazy("list of public reports")),
    (re.compile(r"^public report to case$"), gettext_lazy("public report made into a case")),
    (re.compile(r"^payment proof \(back office\)$"), gettext_lazy("proof of payment, back office")),
    (re.compile(r"^payment proof \(API\)$"), gettext_lazy("proof of payment, API")),
    (re.compile(r"^relative filing (?P<ref>\S+)$"), gettext_lazy("relative's filing %(ref)s")),
]
_CASE_PURPOSE = re.compile(r"^case (?P<number>\S+)$")


def purpose_text(purpose: str) -> str:
    for pattern, text in _PURPOSES:
        match = pattern.match(purpose or "")
        if match:
            return str(text) % match.groupdict() if match.groupdict() else str(text)
    return purpose or ""


def _subjects() -> list[tuple[Subject, type, ContentType]]:
    found = []
    for subject in SUBJECTS:
        model = apps.get_model(subject.model)
        found.append((subject, model, ContentType.objects.get_for_model(model)))
    return found


def _ids(queryset: QuerySet) -> QuerySet:
    """The records' keys as text, as ``PersonalDataRead.object_id`` holds them."""
    return queryset.annotate(_key=Cast("pk", CharField())).values("_key")


def personal_data_reads_visible_to(user, queryset=None) -> QuerySet[PersonalDataRead]:
    """Auditors and platform administrators: every read. A supervisor: the reads of records
    whose county is in their jurisdiction. Anyone else: none."""
    queryset = PersonalDataRead.objects.all() if queryset is None else queryset
    queryset = queryset.select_related("actor", "object_type")
    if not has_role(user, *READ_LOG_READERS):
        return queryset.none()
    scope = scope_for(user, roles=READ_LOG_READERS)
    if scope.everything:
        return queryset
    condition = Q(pk__in=[])
    for subject, model, content_type in _subjects():
        inside = scope_filter(scope, region_field=subject.region)
        condition |= Q(object_type=content_type, object_id__in=_ids(model.objects.filter(inside)))
    return queryset.filter(condition)


def reads_of_households(household_ids: Iterable[int]) -> Q:
    """Reads of any record that concerns one of these households."""
    household_ids = list(household_ids)
    condition = Q(pk__in=[])
    for subject, model, content_type in _subjects():
        if subject.household is None:
            continue
        records = model.objects.filter(**{f"{subject.household}__in": household_ids})
        condition |= Q(object_type=content_type, object_id__in=_ids(records))
    return condition


class DateInput(forms.DateInput):
    input_type = "date"


class PersonalDataReadFilterSet(django_filters.FilterSet):
    """The read log's filters, on screen and in the API: who read, which household or case,
    and the local days of a period."""

    reader = django_filters.CharFilter(
        label=gettext_lazy("reader"),
        method="filter_reader",
        help_text=gettext_lazy("Part of the reader's name or login."),
    )
    case_number = django_filters.CharFilter(
        label=gettext_lazy("case number"),
        method="filter_case",
        help_text=gettext_lazy("The reads of the household of this case, every record of it."),
    )
    household = NumberFilter(
        label=gettext_lazy("household number"), method="filter_household", min_value=1
    )
    read_from = PeriodDateFilter(
        label=gettext_lazy("read from"), method="filter_from", widget=DateInput
    )
    read_to = PeriodDateFilter(
        label=gettext_lazy("read until"), method="filter_to", widget=DateInput
    )

    class Meta:
        model = PersonalDataRead
        fields: list[str] = []

    def filter_reader(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.annotate(
            _reader=Concat("actor__last_name", "actor__first_name", output_field=CharField()),
            _reader_western=Concat(
                "actor__first_name", Value(" "), "actor__last_name", output_field=CharField()
            ),
        ).filter(
            Q(actor__username__icontains=value)
            | Q(_reader__icontains=value)
            | Q(_reader_western__icontains=value)
        )

    def filter_case(self, queryset, name, value):
        from needs.models import Case

        value = value.strip()
        if not value:
            return queryset
        households = Case.objects.filter(number__icontains=value).values_list(
            "household_id", flat=True
        )
        return queryset.filter(reads_of_households(households))

    def filter_household(self, queryset, name, value):
        return queryset.filter(reads_of_households([int(value)])) if value else queryset

    def filter_from(self, queryset, name, value):
        zone = timezone.get_default_timezone()
        start = timezone.make_aware(dt.datetime.combine(value, dt.time.min), zone)
        return queryset.filter(created_at__gte=start)

    def filter_to(self, queryset, name, value):
        zone = timezone.get_default_timezone()
        end = timezone.make_aware(
            dt.datetime.combine(value + dt.timedelta(days=1), dt.time.min), zone
        )
        return queryset.filter(created_at__lt=end)


@dataclass
class ReadRow:
    """One read as the log shows it: no value of the data read."""

    at: dt.datetime
    reader: str
    username: str
    record: str
    fields: str
    household: str
    household_id: int | None
    case_number: str
    purpose: str


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def read_rows(reads: Iterable[PersonalDataRead]) -> Iterator[ReadRow]:
    """The reads as rows, each traced to its household and case (one query per kind of record
    read, per batch of reads)."""
    reads = list(reads)
    traced: dict[tuple[int, str], tuple[int | None, str]] = {}
    by_type: dict[int, list[str]] = {}
    for read in reads:
        by_type.setdefault(read.object_type_id, []).append(read.object_id)
    for subject, model, content_type in _subjects():
        keys = [k for k in by_type.get(content_type.pk, []) if k.isdigit()]
        if not keys:
            continue
        paths = [subject.household or "pk", subject.case_number or "pk"]
        for pk, household_id, number in model.objects.filter(pk__in=keys).values_list("pk", *paths):
            traced[(content_type.pk, str(pk))] = (
                household_id,
                number if subject.case_number else "",
            )
    for read in reads:
        household_id, number = traced.get((read.object_type_id, read.object_id), (None, ""))
        if not number:
            match = _CASE_PURPOSE.match(read.purpose or "")
            number = match["number"] if match else ""
        model = read.object_type.model_class() if read.object_type_id else None
        yield ReadRow(
            at=read.created_at,
            reader=_person(read.actor),
            username=read.actor.username if read.actor else "",
            record=str(model._meta.verbose_name) if model else "",
            fields="、".join(str(FIELD_LABELS.get(name, name)) for name in read.fields or []),
            household=_("Household %(id)s") % {"id": household_id} if household_id else "",
            household_id=household_id,
            case_number=number,
            purpose=purpose_text(read.purpose),
        )


def read_log_headings() -> list[str]:
    return [
        _("Read at"),
        _("Reader"),
        _("Login"),
        _("Record read"),
        _("Data read"),
        _("Household"),
        _("Case number"),
        _("Purpose"),
    ]


def read_log_csv_rows(queryset: QuerySet[PersonalDataRead]) -> Iterator[list]:
    """The rows of the CSV export, read in chunks."""
    zone = timezone.get_default_timezone()
    batch: list[PersonalDataRead] = []

    def flush():
        for row in read_rows(batch):
            yield [
                row.at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S"),
                row.reader,
                row.username,
                row.record,
                row.fields,
                row.household,
                row.case_number,
                row.purpose,
            ]

    for read in queryset.iterator(chunk_size=2000):
        batch.append(read)
        if len(batch) >= 2000:
            yield from flush()
            batch = []
    yield from flush()
