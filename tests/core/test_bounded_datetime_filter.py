"""A date-time filter at the calendar's edge is refused as invalid input, not a server error
(Schemathesis found 9999-12-31 with a negative offset overflowing the UTC conversion)."""

import pytest
from django import forms

from core.filtersets import BoundedIsoDateTimeFilter, _BoundedIsoDateTimeField


def test_a_moment_beyond_the_calendar_in_utc_is_refused():
    field = _BoundedIsoDateTimeField()
    with pytest.raises(forms.ValidationError):
        field.clean("9999-12-31T23:00:00-05:00")
    with pytest.raises(forms.ValidationError):
        field.clean("0001-01-01T01:00:00+08:00")
    assert field.clean("2026-03-01T08:00:00+08:00").year == 2026
    assert BoundedIsoDateTimeFilter.field_class is _BoundedIsoDateTimeField
