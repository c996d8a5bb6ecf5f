import datetime as dt
import zoneinfo

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from core.models import Holiday, OfficeTimeLimit, Organisation, Region
from core.workdays import (
    MAX_WORKING_DAYS,
    add_working_days,
    deadline_for,
    holidays_load,
    time_limit_days,
    working_days_between,
)

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")

# A plain week in March 2026 with no public holiday in it.
THU = dt.date(2026, 3, 5)
FRI = dt.date(2026, 3, 6)
SAT = dt.date(2026, 3, 7)
SUN = dt.date(2026, 3, 8)
MON = dt.date(2026, 3, 9)
TUE = dt.date(2026, 3, 10)


def test_the_fixed_dates_are_the_weekdays_their_names_say():
    assert [d.weekday() for d in (THU, FRI, SAT, SUN, MON, TUE)] == [3, 4, 5, 6, 0, 1]


@pytest.fixture
def office(db):
    return Organisation.objects.create(
        name="长春市朝阳区民政局",
        kind=Organisation.Kind.GOVERNMENT_OFFICE,
        region=Region.objects.get(code="220104"),
    )


@pytest.fixture
def other_office(db):
    return Organisation.objects.create(
        name="长春市南关区民政局",
        kind=Organisation.Kind.GOVERNMENT_OFFICE,
        region=Region.objects.get(code="220102"),
    )


# add_working_days


@pytest.mark.django_db
def test_add_working_days_skips_the_weekend():
    assert add_working_days(FRI, 1) == MON
    assert add_working_days(THU, 2) == MON
    assert add_working_days(FRI, 5) == dt.date(2026, 3, 13)


@pytest.mark.django_db
def test_add_working_days_within_the_week():
    assert add_working_days(MON, 1) == TUE
    assert add_working_days(MON, 4) == dt.date(2026, 3, 13)


@pytest.mark.django_db
def test_add_working_days_from_a_weekend_starts_counting_on_monday():
    assert add_working_days(SAT, 1) == MON
    assert add_working_days(SUN, 2) == TUE


@pytest.mark.django_db
def test_add_working_days_skips_a_public_holiday():
    Holiday.objects.create(date=MON, name="地方假日", is_working_day=False)
    assert add_working_days(FRI, 1) == TUE
    assert add_working_days(THU, 2) == TUE


@pytest.mark.django_db
def test_add_working_days_skips_a_run_of_holidays():
    for offset in range(7):  # 黄金周: Monday to Sunday off
        Holiday.objects.create(date=MON + dt.timedelta(days=offset), name="假期")
    assert add_working_days(FRI, 1) == dt.date(2026, 3, 16)


@pytest.mark.django_db
def test_add_working_days_counts_a_make_up_working_day():
    Holiday.objects.create(date=SAT, name="调休上班", is_working_day=True)
    assert add_working_days(FRI, 1) == SAT
    assert add_working_days(FRI, 2) == MON


@pytest.mark.django_db
def test_add_working_days_ignores_holidays_outside_the_period():
    Holiday.objects.create(date=FRI, name="地方假日")  # the start day itself is not counted
    Holiday.objects.create(date=dt.date(2026, 3, 20), name="地方假日")
    assert add_working_days(FRI, 1) == MON


@pytest.mark.django_db
def test_add_working_days_zero_returns_the_start():
    assert add_working_days(FRI, 0) == FRI
    assert add_working_days(SAT, 0) == SAT


@pytest.mark.django_db
def test_add_working_days_accepts_the_maximum():
    due = add_working_days(dt.date(2026, 1, 1), MAX_WORKING_DAYS)
    assert working_days_between(dt.date(2026, 1, 1), due) == MAX_WORKING_DAYS


@pytest.mark.django_db
@pytest.mark.parametrize("days", [-1, -10, MAX_WORKING_DAYS + 1, 367, 10_000, 1.0, True, "1"])
def test_add_working_days_refuses_negative_huge_or_non_integer_days(days):
    assert MAX_WORKING_DAYS == 366
    with pytest.raises(ValueError):
        add_working_days(FRI, days)


# working_days_between


@pytest.mark.django_db
def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(FRI, MON) == 1
    assert working_days_between(MON, dt.date(2026, 3, 13)) == 4
    assert working_days_between(MON, dt.date(2026, 3, 16)) == 5
    assert working_days_between(FRI, SUN) == 0


@pytest.mark.django_db
def test_working_days_between_is_zero_when_end_is_not_after_start():
    assert working_days_between(MON, MON) == 0
    assert working_days_between(TUE, MON) == 0


@pytest.mark.django_db
def test_working_days_between_respects_holidays_and_make_up_days():
    Holiday.objects.create(date=MON, name="地方假日")
    Holiday.objects.create(date=SAT, name="调休上班", is_working_day=True)
    assert working_days_between(FRI, TUE) == 2  # Saturday and Tuesday


@pytest.mark.django_db
def test_working_days_between_undoes_add_working_days():
    Holiday.objects.create(date=MON, name="地方假日")
    Holiday.objects.create(date=SAT, name="调休上班", is_working_day=True)
    for days in range(15):
        assert working_days_between(THU, add_working_days(THU, days)) == days


# time_limit_days


@pytest.mark.django_db
def test_time_limit_days_uses_the_platform_default():
    for step, days in django_settings.DEFAULT_TIME_LIMITS_WORKING_DAYS.items():
        assert time_limit_days(None, step) == days


@pytest.mark.django_db
def test_time_limit_days_reads_the_setting(settings):
    settings.DEFAULT_TIME_LIMITS_WORKING_DAYS = {"assess": 9}
    assert time_limit_days(None, "assess") == 9


@pytest.mark.django_db
def test_time_limit_days_default_applies_to_an_office_without_its_own(office):
    assert (
        time_limit_days(office, "assess")
        == (django_settings.DEFAULT_TIME_LIMITS_WORKING_DAYS["assess"])
    )


@pytest.mark.django_db
def test_an_office_time_limit_overrides_the_default_for_that_office_only(office, other_office):
    default = django_settings.DEFAULT_TIME_LIMITS_WORKING_DAYS["assess"]
    OfficeTimeLimit.objects.create(office=office, step="assess", working_days=default + 7)
    assert time_limit_days(office, "assess") == default + 7
    assert time_limit_days(other_office, "assess") == default
    assert time_limit_days(None, "assess") == default
    # Other steps of the same office keep the default.
    assert (
        time_limit_days(office, "relief")
        == (django_settings.DEFAULT_TIME_LIMITS_WORKING_DAYS["relief"])
    )


@pytest.mark.django_db
def test_an_office_may_set_a_limit_for_a_step_without_a_default(office):
    OfficeTimeLimit.objects.create(office=office, step="home_visit", working_days=2)
    assert time_limit_days(office, "home_visit") == 2


@pytest.mark.django_db
def test_time_limit_days_unknown_step_raises_key_error(office):
    with pytest.raises(KeyError):
        time_limit_days(None, "no_such_step")
    with pytest.raises(KeyError):
        time_limit_days(office, "no_such_step")


# deadline_for


@pytest.mark.django_db
def test_deadline_for_is_the_end_of_the_last_working_day_in_local_time():
    start = dt.datetime(2026, 3, 6, 10, 30, tzinfo=SHANGHAI)  # a Friday morning
    due = deadline_for(None, "accept", start)  # 1 working day by default
    assert django_settings.DEFAULT_TIME_LIMITS_WORKING_DAYS["accept"] == 1
    assert timezone.is_aware(due)
    local = due.astimezone(SHANGHAI)
    assert (local.date(), local.time()) == (MON, dt.time(23, 59, 59))
    assert due == dt.datetime(2026, 3, 9, 15, 59, 59, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_deadline_for_uses_the_local_date_of_the_start():
    # Thursday 20:00 UTC is already Friday 04:00 in China: the deadline counts from Friday.
    start = dt.datetime(2026, 3, 5, 20, 0, tzinfo=dt.UTC)
    due = deadline_for(None, "accept", start).astimezone(SHANGHAI)
    assert (due.date(), due.time()) == (MON, dt.time(23, 59, 59))


@pytest.mark.django_db
def test_deadline_for_uses_the_office_limit_and_holidays(office):
    OfficeTimeLimit.objects.create(office=office, step="relief", working_days=2)
    Holiday.objects.create(date=MON, name="地方假日")
    start = dt.datetime(2026, 3, 6, 9, 0, tzinfo=SHANGHAI)
    due = deadline_for(office, "relief", start).astimezone(SHANGHAI)
    assert due.date() == dt.date(2026, 3, 11)  # Tue, Wed (Monday is off)
    assert due.time() == dt.time(23, 59, 59)


@pytest.mark.django_db
def test_deadline_for_defaults_to_now(office):
    before = timezone.localtime()
    due = deadline_for(office, "assess")
    after = timezone.localtime()
    days = django_settings.DEFAULT_TIME_LIMITS_WORKING_DAYS["assess"]
    expected = {add_working_days(moment.date(), days) for moment in (before, after)}
    assert timezone.localtime(due).date() in expected
    assert timezone.localtime(due).time() == dt.time(23, 59, 59)
    assert due > after


# holidays_load


@pytest.fixture
def empty_calendar(db):
    """The migrations preload the official calendar; these tests start without it."""
    Holiday.objects.all().delete()


@pytest.mark.django_db
def test_every_database_starts_with_this_years_official_calendar():
    from django.utils import timezone

    this_year = timezone.localdate().year
    assert Holiday.objects.filter(date__year=this_year, is_working_day=False).count() > 10
    assert Holiday.objects.filter(date__year=this_year + 1).exists()


@pytest.mark.django_db
def test_load_holidays_command_adds_a_year_and_refuses_nonsense(empty_calendar):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("load_holidays", "2026", stdout=out)
    assert Holiday.objects.filter(date=dt.date(2026, 10, 1)).exists()
    with pytest.raises(CommandError):
        call_command("load_holidays", "1066")


@pytest.mark.django_db
def test_holidays_load_adds_2026_days_off_and_make_up_days(empty_calendar):
    created = holidays_load([2026])
    assert created == Holiday.objects.count()
    assert created > 20
    spring_festival = Holiday.objects.get(date=dt.date(2026, 2, 17))
    assert spring_festival.is_working_day is False
    assert "春节" in spring_festival.name
    make_up = Holiday.objects.get(date=dt.date(2026, 2, 14))
    assert make_up.is_working_day is True
    assert make_up.date.weekday() == 5  # a Saturday worked
    assert Holiday.objects.get(date=dt.date(2026, 10, 1)).is_working_day is False
    # Only the years asked for.
    assert not Holiday.objects.exclude(date__year=2026).exists()


@pytest.mark.django_db
def test_holidays_load_makes_the_calendar_follow_the_official_one():
    holidays_load([2026])
    # 春节 2026: Feb 15-23 off, Saturday Feb 14 worked.
    assert add_working_days(dt.date(2026, 2, 13), 1) == dt.date(2026, 2, 14)
    assert add_working_days(dt.date(2026, 2, 14), 1) == dt.date(2026, 2, 24)


@pytest.mark.django_db
def test_holidays_load_twice_creates_nothing_the_second_time(empty_calendar):
    first = holidays_load([2026])
    count = Holiday.objects.count()
    assert first == count > 0
    assert holidays_load([2026]) == 0
    assert Holiday.objects.count() == count


@pytest.mark.django_db
def test_holidays_load_keeps_a_hand_made_row_on_the_same_date(empty_calendar):
    Holiday.objects.create(date=dt.date(2026, 2, 17), name="本地安排", is_working_day=True)
    created = holidays_load([2026])
    kept = Holiday.objects.get(date=dt.date(2026, 2, 17))
    assert (kept.name, kept.is_working_day) == ("本地安排", True)
    assert Holiday.objects.count() == created + 1
