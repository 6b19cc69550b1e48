"""Working days: the 2026 National Day week and its make-up days, the 2026→2027 boundary where
the chinese-calendar data ends, unknown years, and the calendar services that edit the table."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from lianjing.core import calendar_seed
from lianjing.core.models import AuditEvent, CalendarDay, CalendarYear
from lianjing.core.services_calendar import (
    calendar_day_create,
    calendar_day_delete,
    calendar_day_update,
    calendar_seed_from_package,
    calendar_year_confirm,
    calendar_year_unconfirm,
)
from lianjing.core.working_days import (
    WorkingDate,
    add_working_days,
    is_working_day,
    working_days_between,
)

pytestmark = pytest.mark.django_db


# --- the seeded table ----------------------------------------------------------------------------


def test_migration_seeds_every_package_year_and_day():
    days = list(calendar_seed.package_days())
    assert CalendarDay.objects.filter(source=CalendarDay.Source.PACKAGE).count() == len(days)
    years = set(CalendarYear.objects.values_list("year", flat=True))
    assert years == set(calendar_seed.package_years())
    assert {2004, 2026} <= years
    assert CalendarDay.objects.get(date=date(2026, 10, 1)).name == "国庆节"


def test_2026_make_up_days_are_the_package_ones():
    workdays = CalendarDay.objects.filter(date__year=2026, kind=CalendarDay.Kind.WORKDAY)
    assert sorted(workdays.values_list("date", flat=True)) == [
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    ]


# --- 2026 National Day week ----------------------------------------------------------------------


@pytest.mark.parametrize("day", [date(2026, 10, d) for d in range(1, 8)])
def test_national_day_week_is_not_working(day):
    assert is_working_day(day) is None


def test_day_after_national_day_eve_is_october_8():
    assert add_working_days(date(2026, 9, 30), 1) == WorkingDate(date(2026, 10, 8), False)


def test_make_up_saturday_october_10_is_a_working_day():
    assert date(2026, 10, 10).weekday() == 5
    assert is_working_day(date(2026, 10, 10)) == WorkingDate(date(2026, 10, 10), False)
    assert add_working_days(date(2026, 10, 9), 1) == WorkingDate(date(2026, 10, 10), False)


def test_make_up_sunday_september_20_is_a_working_day():
    assert date(2026, 9, 20).weekday() == 6
    assert add_working_days(date(2026, 9, 19), 1) == WorkingDate(date(2026, 9, 20), False)


def test_mid_autumn_friday_is_skipped():
    # 2026-09-25 (Friday) is 中秋节; the weekend follows.
    assert add_working_days(date(2026, 9, 24), 1).date == date(2026, 9, 28)


def test_seven_working_days_across_national_day():
    # 9-30 → 10-08, 09, 10 (Saturday, make-up), 12, 13, 14, 15
    assert add_working_days(date(2026, 9, 30), 7) == WorkingDate(date(2026, 10, 15), False)


# --- the end of what chinese-calendar knows ------------------------------------------------------


def test_seven_working_days_from_2026_12_28_is_estimated_in_2027():
    result = add_working_days(date(2026, 12, 28), 7)
    # 12-29, 12-30, 12-31, then 2027 counted Monday–Friday: 01-01, 01-04, 01-05, 01-06
    assert result == WorkingDate(date(2027, 1, 6), True)
    assert str(result) == "2027-01-06（估算）"


def test_deadline_that_stays_in_2026_is_not_estimated():
    assert add_working_days(date(2026, 12, 28), 3) == WorkingDate(date(2026, 12, 31), False)


@pytest.mark.parametrize("n", [1, 7, 20, 250, 1000])
def test_deadlines_from_every_day_of_late_2026_never_raise(n):
    start = date(2026, 11, 1)
    for offset in range(0, 75, 7):
        result = add_working_days(start + timedelta(days=offset), n)
        assert result.date > start + timedelta(days=offset)


def test_fully_unknown_year_is_monday_to_friday_and_estimated():
    # 2031-03-03 is a Monday
    assert add_working_days(date(2031, 3, 3), 5) == WorkingDate(date(2031, 3, 10), True)
    assert is_working_day(date(2031, 3, 8)) is None  # Saturday
    assert is_working_day(date(2031, 3, 3)) == WorkingDate(date(2031, 3, 3), True)


def test_zero_days_is_the_start_itself():
    assert add_working_days(date(2026, 10, 1), 0) == WorkingDate(date(2026, 10, 1), False)


# --- counting backwards --------------------------------------------------------------------------


def test_negative_days_count_backwards_over_the_holiday():
    assert add_working_days(date(2026, 10, 8), -1) == WorkingDate(date(2026, 9, 30), False)
    # 10-12 (Monday) ← 10-10 (make-up Saturday) ← 10-09
    assert add_working_days(date(2026, 10, 12), -2) == WorkingDate(date(2026, 10, 9), False)


def test_negative_days_into_an_unknown_year_are_estimated():
    # 2004-01-01 is 元旦; 2003 is before the package's data
    assert add_working_days(date(2004, 1, 2), -2) == WorkingDate(date(2003, 12, 30), True)


# --- working_days_between ------------------------------------------------------------------------


def test_working_days_between_over_national_day():
    assert working_days_between(date(2026, 9, 30), date(2026, 10, 8)) == 1
    assert working_days_between(date(2026, 10, 8), date(2026, 9, 30)) == -1
    assert working_days_between(date(2026, 10, 8), date(2026, 10, 8)) == 0


@pytest.mark.parametrize("n", [-15, -3, -1, 1, 2, 7, 15])
def test_working_days_between_inverts_add_working_days(n):
    start = date(2026, 9, 1)
    for offset in range(0, 150):
        day = start + timedelta(days=offset)
        assert working_days_between(day, add_working_days(day, n).date) == n, day


# --- administrators' edits change deadlines at once ----------------------------------------------


def test_added_holiday_changes_the_result(admin_user, django_capture_on_commit_callbacks):
    assert add_working_days(date(2031, 3, 3), 1).date == date(2031, 3, 4)  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        calendar_day_create(
            actor=admin_user, date=date(2031, 3, 4), kind="holiday", name="测试假日"
        )
    assert add_working_days(date(2031, 3, 3), 1) == WorkingDate(date(2031, 3, 5), True)


def test_confirming_2027_stops_the_estimate(admin_user):
    assert add_working_days(date(2026, 12, 28), 7).estimated
    calendar_day_create(actor=admin_user, date=date(2027, 1, 1), kind="holiday", name="元旦")
    calendar_year_confirm(actor=admin_user, year=2027, note="测试")
    assert add_working_days(date(2026, 12, 28), 7) == WorkingDate(date(2027, 1, 7), False)
    calendar_year_unconfirm(actor=admin_user, year=2027)
    assert add_working_days(date(2026, 12, 28), 7) == WorkingDate(date(2027, 1, 7), True)


def test_deleted_make_up_day_changes_the_result(admin_user):
    day = CalendarDay.objects.get(date=date(2026, 10, 10))
    calendar_day_delete(actor=admin_user, day=day)
    assert add_working_days(date(2026, 10, 9), 1).date == date(2026, 10, 12)
    event = AuditEvent.objects.get(action="core.calendar_day.deleted")
    assert (event.before or {})["date"] == "2026-10-10"
    assert event.actor_id == admin_user.pk


# --- calendar services ---------------------------------------------------------------------------


def test_create_writes_a_manual_row_and_an_audit_event(admin_user):
    day = calendar_day_create(
        actor=admin_user, date=date(2027, 10, 1), kind="holiday", name=" 国庆节 "
    )
    assert (day.source, day.name) == (CalendarDay.Source.MANUAL, "国庆节")
    event = AuditEvent.objects.get(action="core.calendar_day.created")
    assert event.object_id == str(day.pk)
    assert event.after == {
        "date": "2027-10-01",
        "kind": "holiday",
        "name": "国庆节",
        "source": "manual",
    }


def test_update_makes_the_row_manual_and_records_before_and_after(admin_user):
    day = CalendarDay.objects.get(date=date(2026, 10, 10))
    calendar_day_update(actor=admin_user, day=day, date=day.date, kind="workday", name="补班")
    day.refresh_from_db()
    assert (day.name, day.source) == ("补班", CalendarDay.Source.MANUAL)
    event = AuditEvent.objects.get(action="core.calendar_day.updated")
    assert (event.before or {})["source"] == "chinese-calendar"
    assert (event.after or {})["name"] == "补班"


def test_update_without_changes_writes_nothing(admin_user):
    day = CalendarDay.objects.get(date=date(2026, 10, 10))
    calendar_day_update(actor=admin_user, day=day, date=day.date, kind=day.kind, name=day.name)
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("day", "kind", "name", "field", "message"),
    [
        (date(2026, 10, 1), "holiday", "国庆节", "date", "已有记录"),
        (date(2031, 3, 3), "workday", "补班", "kind", "调休上班日应为星期六或星期日"),
        (date(2031, 3, 3), "holiday", "  ", "name", "请填写节假日名称"),
        (date(1999, 10, 1), "holiday", "国庆节", "date", "超出可维护范围"),
        (date(2031, 3, 3), "bogus", "x", "kind", ""),
    ],
)
def test_create_refuses_bad_rows_in_chinese(admin_user, day, kind, name, field, message):
    with pytest.raises(ValidationError) as info:
        calendar_day_create(actor=admin_user, date=day, kind=kind, name=name)
    assert field in info.value.message_dict
    assert message in " ".join(info.value.message_dict[field])
    assert not AuditEvent.objects.exists()


def test_update_refuses_moving_onto_another_rows_date(admin_user):
    day = CalendarDay.objects.get(date=date(2026, 10, 10))
    with pytest.raises(ValidationError) as info:
        calendar_day_update(
            actor=admin_user, day=day, date=date(2026, 9, 20), kind="workday", name="补班"
        )
    assert "已有记录" in info.value.message_dict["date"][0]
    assert CalendarDay.objects.get(date=date(2026, 10, 10)).source == "chinese-calendar"


def test_year_confirmation_rules(admin_user):
    with pytest.raises(ValidationError, match="已确认"):
        calendar_year_confirm(actor=admin_user, year=2026)
    with pytest.raises(ValidationError, match="尚未录入任何节假日"):
        calendar_year_confirm(actor=admin_user, year=2031)
    with pytest.raises(ValidationError, match="超出可维护范围"):
        calendar_year_confirm(actor=admin_user, year=99999)
    with pytest.raises(ValidationError, match="尚未确认"):
        calendar_year_unconfirm(actor=admin_user, year=2031)
    with pytest.raises(ValidationError, match="尚未确认"):
        calendar_year_unconfirm(actor=admin_user, year=10**30)
    assert not AuditEvent.objects.exists()


def test_seed_with_nothing_new_writes_nothing():
    result = calendar_seed_from_package(actor=None)
    assert result.years_added == []
    assert result.years_skipped == calendar_seed.package_years()
    assert not AuditEvent.objects.exists()


def test_seed_restores_a_year_without_overwriting_administrators_rows(admin_user):
    calendar_year_unconfirm(actor=admin_user, year=2026)
    CalendarDay.objects.filter(date=date(2026, 10, 7)).delete()
    national_day = CalendarDay.objects.get(date=date(2026, 10, 1))
    calendar_day_update(
        actor=admin_user, day=national_day, date=national_day.date, kind="holiday", name="国庆"
    )
    result = calendar_seed_from_package(actor=None)
    assert result.years_added == [2026]
    assert result.days_added == 1
    assert (
        result.days_kept == len([d for d in calendar_seed.package_days() if d[0].year == 2026]) - 1
    )
    assert CalendarDay.objects.get(date=date(2026, 10, 7)).source == "chinese-calendar"
    assert CalendarDay.objects.get(date=date(2026, 10, 1)).name == "国庆"
    assert CalendarYear.objects.get(year=2026).source == "chinese-calendar"
    assert AuditEvent.objects.filter(action="core.calendar.seeded").count() == 1


def test_seed_command_prints_counts_in_chinese():
    CalendarYear.objects.filter(year=2025).delete()
    CalendarDay.objects.filter(date__year=2025).delete()
    out = StringIO()
    call_command("calendar_seed", stdout=out)
    assert "已导入 1 个年度（2025）" in out.getvalue()
    assert CalendarYear.objects.filter(year=2025).exists()
    out = StringIO()
    call_command("calendar_seed", stdout=out)
    assert "没有需要导入的年度" in out.getvalue()
