"""A number in a query is refused as invalid input when no database integer holds it: a
record number past 64 bits gave SQLite's OverflowError (a server error), and a number far
below zero kept a worker busy for minutes converting it to an integer."""

from __future__ import annotations

import importlib
import pkgutil
import time

import django_filters
import pytest
from django import forms

from core.factories import UserFactory
from core.filtersets import INTEGER_MAX, INTEGER_MIN, NumberFilter

APPS = ("core", "needs", "discovery", "projects", "donors", "search", "cms", "supervision")


def test_a_number_beyond_a_64_bit_integer_is_refused_on_both_sides():
    field = NumberFilter(field_name="organisation_id").field
    for value in (str(INTEGER_MAX + 1), "99999999999999999999", str(INTEGER_MIN - 1)):
        with pytest.raises(forms.ValidationError):
            field.clean(value)
    started = time.monotonic()
    with pytest.raises(forms.ValidationError):
        field.clean("-1E+1000000")
    assert time.monotonic() - started < 1
    assert field.clean(str(INTEGER_MAX)) == INTEGER_MAX
    assert field.clean("-3") == -3


def test_a_lower_bound_of_the_filter_stays_its_own():
    field = NumberFilter(field_name="office_id", min_value=1).field
    with pytest.raises(forms.ValidationError):
        field.clean("0")
    assert field.clean("1") == 1


def _filtersets():
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if not {"migrations", "management", "settings"} & set(module.name.split(".")):
                importlib.import_module(module.name)

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return {fs for fs in below(django_filters.FilterSet) if fs.__module__.split(".")[0] in APPS}


def test_every_number_filter_of_the_platform_is_bounded():
    filtersets = _filtersets()
    assert len(filtersets) > 20
    unbounded = [
        f"{fs.__module__}.{fs.__name__}.{name}"
        for fs in filtersets
        for name, filter_ in fs.base_filters.items()
        if isinstance(filter_, django_filters.NumberFilter)
        and not isinstance(filter_, NumberFilter)
    ]
    assert unbounded == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "field", "value"),
    [
        ("/api/v1/supermarkets/", "organisation", "99999999999999999999"),
        ("/api/v1/stock-movements/", "case", "-1E+1000000"),
        ("/api/v1/stock-movements/", "item", "9223372036854775808"),
    ],
)
def test_an_api_filter_answers_400_naming_the_field(api_client, path, field, value):
    api_client.force_authenticate(UserFactory())
    response = api_client.get(path, {field: value})
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid"
    assert [error["field"] for error in body["errors"]] == [field]
