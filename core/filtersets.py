from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from core.models import AuditEvent, Membership, Organisation, Region
from core.regions import region_get
from core.selectors import organisations_visible_to, users_visible_to
from core.widgets import RegionPickerWidget


class ReachChoiceFilter(django_filters.ModelChoiceFilter):
    """A picker of related records that offers only what the reader may see: ``selector(user)``,
    a jurisdiction selector, called with the FilterSet's request (django-filter's callable
    queryset). So a dropdown neither names another county's offices nor offers a useless
    choice, and the API refuses an id outside the reader's reach as not a valid choice (400,
    naming the field) instead of answering whether it exists.

    A FilterSet given no request offers what an unscoped picker did: every record (the list
    itself is scoped by its view). core.views_admin.RoleListView hands its FilterSets no
    request yet; once it passes ``request``, as Wagtail's IndexView does, its pickers are
    scoped too."""

    def __init__(self, selector, *args, **kwargs):
        super().__init__(*args, queryset=lambda request: selector(request.user), **kwargs)

    def get_queryset(self, request):
        if request is None:
            return self.model._meta.get_field(self.field_name).related_model.objects.all()
        return super().get_queryset(request)


class _BoundedIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 moment that the database adapter can convert to UTC: at the edge of the
    calendar (9999-12-31T23:00-05:00) a far offset overflows Python's dates, which would end
    in a server error; it is refused as an invalid date/time instead."""

    def clean(self, value):
        value = super().clean(value)
        if value is not None:
            try:
                value.astimezone(dt.UTC)
            except OverflowError:
                raise forms.ValidationError(
                    forms.DateTimeField.default_error_messages["invalid"], code="invalid"
                ) from None
        return value


class BoundedIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = _BoundedIsoDateTimeField


# A signed 64-bit integer: the widest integer column of both databases.
INTEGER_MIN, INTEGER_MAX = -(2**63), 2**63 - 1


class NumberFilter(django_filters.NumberFilter):
    """A number that fits the database's integer columns; use it for every number in a query.

    django-filter's own caps numbers above at 1e50 only: a larger record number
    (``?organisation=99999999999999999999``) overflowed SQLite's integer into a server error,
    and a number far below zero (``-1E+1000000``) passed, its conversion to an integer holding
    the worker for minutes. Both are refused as invalid input naming the field."""

    def get_max_validator(self):
        return MaxValueValidator(INTEGER_MAX)

    @property
    def field(self):
        field = super().field
        if not any(isinstance(v, MinValueValidator) for v in field.validators):
            field.validators.append(MinValueValidator(INTEGER_MIN))
        return field


class PeriodDateField(forms.DateField):
    """A day that bounds a period in a list or a report: years 2000-2999 (a date such as
    9999-12-31 is valid but overflows when the period's end becomes the next midnight, and
    0001-01-01 when its local midnight becomes UTC)."""

    widget = forms.DateInput(attrs={"type": "date"})
    default_validators = [
        MinValueValidator(dt.date(2000, 1, 1)),
        MaxValueValidator(dt.date(2999, 12, 31)),
    ]


class PeriodDateFilter(django_filters.DateFilter):
    """A day of a period in a query (``?read_from=``, ``?marked_to=``), within PeriodDateField's
    years: a filter that turns the day into a moment cannot overflow the calendar."""

    field_class = PeriodDateField


class RegionCodeField(forms.CharField):
    """A GB/T 2260 code that must name a known region; cleans to the Region. People pick it
    (RegionPickerWidget); the API takes the code as it is."""

    widget = RegionPickerWidget

    def clean(self, value):
        value = super().clean(value)
        return region_get(value) if value else None


@extend_schema_field(
    {"type": "string", "pattern": "^([0-9]{6}|[0-9]{12})$", "description": "GB/T 2260 region code"}
)
class RegionCodeFilter(django_filters.Filter):
    """Records whose region is the given region or lies inside it (``?within=220100``)."""

    field_class = RegionCodeField

    def __init__(self, *args, region_field: str = "region", **kwargs):
        self.region_field = region_field
        kwargs.setdefault("label", _("within region"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, region):
        if region is None:
            return qs
        if not self.region_field:
            return qs.filter(path__startswith=region.path)
        # The region and the few below it, as a list of codes: an index on the records'
        # region column answers it (a join on the path would read every record's region).
        inside = Region.objects.filter(path__startswith=region.path).values("code")
        return qs.filter(**{f"{self.region_field}__in": inside})


class RegionFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter(region_field="")
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("name contains"))

    class Meta:
        model = Region
        fields = ["level", "parent", "within", "name"]


class OrganisationFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter()
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("name contains"))

    class Meta:
        model = Organisation
        fields = ["kind", "sector", "is_verified", "within", "name"]


class MembershipFilterSet(django_filters.FilterSet):
    organisation = ReachChoiceFilter(organisations_visible_to)
    user = ReachChoiceFilter(users_visible_to)

    class Meta:
        model = Membership
        fields = ["organisation", "role", "is_active", "user"]


class AuditEventFilterSet(django_filters.FilterSet):
    actor = ReachChoiceFilter(users_visible_to)
    since = BoundedIsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    until = BoundedIsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = AuditEvent
        fields = ["action", "actor", "object_id", "request_id", "since", "until"]
