"""Writes on the working-day calendar (工作日历). Each function runs in a transaction, leaves an
audit event, and drops the per-process working-day cache so the next deadline sees the change."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import chinese_calendar
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lianjing.core import calendar_seed, working_days
from lianjing.core.audit import audit, snapshot
from lianjing.core.models import CalendarDay, CalendarYear

# Years the calendar can be edited for. Deadlines themselves may run into any year (they fall back
# to Monday–Friday), but a schedule outside this range is certainly a typing mistake.
MIN_YEAR = 2000
MAX_YEAR = 2099

DAY_FIELDS = ("date", "kind", "name", "source")
YEAR_FIELDS = ("year", "source", "note")
WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def _calendar_changed() -> None:
    # Cleared now for reads later in this transaction, and again once the change is visible to
    # everyone, in case a reader cached the old rows in between.
    working_days.clear_cache()
    transaction.on_commit(working_days.clear_cache)


def _year_range_error(year: int) -> str:
    return _("%(year)s 年超出可维护范围（%(min)s 至 %(max)s 年）。") % {
        "year": year,
        "min": MIN_YEAR,
        "max": MAX_YEAR,
    }


def _validate_day(day: CalendarDay) -> None:
    """One row per date; a make-up working day (调休上班) is a Saturday or Sunday, since every
    weekday is a working day anyway; a holiday carries its name."""
    errors: dict[str, list[str]] = {}
    if not MIN_YEAR <= day.date.year <= MAX_YEAR:
        errors.setdefault("date", []).append(_year_range_error(day.date.year))
    clash = CalendarDay.objects.filter(date=day.date).exclude(pk=day.pk).first()
    if clash is not None:
        message = _("%(date)s 已有记录（%(kind)s %(name)s），请编辑该记录，不要重复录入。")
        errors.setdefault("date", []).append(
            message % {"date": day.date, "kind": clash.get_kind_display(), "name": clash.name}
        )
    if day.kind == CalendarDay.Kind.WORKDAY and day.date.weekday() < 5:
        message = _("调休上班日应为星期六或星期日：%(date)s 是%(weekday)s，本来就是工作日。")
        errors.setdefault("kind", []).append(
            message % {"date": day.date, "weekday": WEEKDAY_NAMES[day.date.weekday()]}
        )
    if day.kind == CalendarDay.Kind.HOLIDAY and not day.name.strip():
        errors.setdefault("name", []).append(_("请填写节假日名称，例如“国庆节”。"))
    if errors:
        raise ValidationError(errors)
    day.full_clean()


def _save_day(day: CalendarDay) -> None:
    try:
        with transaction.atomic():
            day.save()
    except IntegrityError as exc:  # another administrator saved the same date a moment ago
        raise ValidationError({"date": _("该日期刚被他人录入，请刷新页面后重试。")}) from exc


@transaction.atomic
def calendar_day_create(
    *, actor: Any, date: datetime.date, kind: str, name: str = ""
) -> CalendarDay:
    """Record a holiday or a make-up working day entered by an administrator."""
    day = CalendarDay(date=date, kind=kind, name=name.strip(), source=CalendarDay.Source.MANUAL)
    _validate_day(day)
    _save_day(day)
    audit("core.calendar_day.created", actor=actor, obj=day, after=snapshot(day, DAY_FIELDS))
    _calendar_changed()
    return day


@transaction.atomic
def calendar_day_update(
    *, actor: Any, day: CalendarDay, date: datetime.date, kind: str, name: str = ""
) -> CalendarDay:
    """Correct a row. A corrected row becomes the administrator's (source manual) whatever its
    origin; an unchanged form writes nothing."""
    before = snapshot(day, DAY_FIELDS)
    name = name.strip()
    if (day.date, day.kind, day.name) == (date, kind, name):
        return day
    day.date = date
    day.kind = kind
    day.name = name
    day.source = CalendarDay.Source.MANUAL
    _validate_day(day)
    _save_day(day)
    after = snapshot(day, DAY_FIELDS)
    audit("core.calendar_day.updated", actor=actor, obj=day, before=before, after=after)
    _calendar_changed()
    return day


@transaction.atomic
def calendar_day_delete(*, actor: Any, day: CalendarDay) -> None:
    audit("core.calendar_day.deleted", actor=actor, obj=day, before=snapshot(day, DAY_FIELDS))
    day.delete()
    _calendar_changed()


@transaction.atomic
def calendar_year_confirm(*, actor: Any, year: int, note: str = "") -> CalendarYear:
    """Declare a year's holidays and make-up days fully recorded: its deadlines stop being
    estimates. A year without a single holiday recorded cannot be complete."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": _year_range_error(year)})
    if CalendarYear.objects.filter(year=year).exists():
        raise ValidationError({"year": _("%(year)s 年已确认，无需重复确认。") % {"year": year}})
    holidays = CalendarDay.objects.filter(date__year=year, kind=CalendarDay.Kind.HOLIDAY)
    if not holidays.exists():
        message = _("%(year)s 年尚未录入任何节假日，请先录入该年度的节假日与调休，再确认。")
        raise ValidationError({"year": message % {"year": year}})
    record = CalendarYear(year=year, source=CalendarDay.Source.MANUAL, note=note.strip())
    record.full_clean()
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as exc:
        raise ValidationError({"year": _("该年度刚被他人确认，请刷新页面。")}) from exc
    audit(
        "core.calendar_year.confirmed", actor=actor, obj=record, after=snapshot(record, YEAR_FIELDS)
    )
    _calendar_changed()
    return record


@transaction.atomic
def calendar_year_unconfirm(*, actor: Any, year: int) -> None:
    """Withdraw a confirmation: deadlines in that year become estimates again."""
    record = (
        CalendarYear.objects.filter(year=year).first() if MIN_YEAR <= year <= MAX_YEAR else None
    )
    if record is None:
        raise ValidationError({"year": _("%(year)s 年尚未确认。") % {"year": year}})
    audit(
        "core.calendar_year.unconfirmed",
        actor=actor,
        obj=record,
        before=snapshot(record, YEAR_FIELDS),
    )
    record.delete()
    _calendar_changed()


@dataclass(frozen=True)
class SeedResult:
    years_added: list[int] = field(default_factory=list)
    days_added: int = 0
    days_kept: int = 0
    years_skipped: list[int] = field(default_factory=list)


@transaction.atomic
def calendar_seed_from_package(*, actor: Any) -> SeedResult:
    """Bring in the years the installed chinese-calendar knows and the table has not confirmed.
    A year already confirmed (by an earlier import or by an administrator) is left alone; in a
    new year, a date that already has a row keeps it: nothing an administrator entered is ever
    overwritten."""
    package_years = calendar_seed.package_years()
    confirmed = set(CalendarYear.objects.values_list("year", flat=True))
    new_years = [y for y in package_years if y not in confirmed]
    skipped = [y for y in package_years if y in confirmed]
    if not new_years:
        return SeedResult(years_skipped=skipped)
    present = set(
        CalendarDay.objects.filter(date__year__in=new_years).values_list("date", flat=True)
    )
    rows: list[CalendarDay] = []
    kept = 0
    for day, kind, name in calendar_seed.package_days():
        if day.year not in new_years:
            continue
        if day in present:
            kept += 1
            continue
        present.add(day)
        row = CalendarDay(date=day, kind=kind, name=name[:50], source=CalendarDay.Source.PACKAGE)
        row.full_clean(validate_unique=False)
        rows.append(row)
    CalendarDay.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    version = chinese_calendar.__version__
    note = _("版本 %(version)s，由 calendar_seed 导入") % {"version": version}
    CalendarYear.objects.bulk_create(
        [CalendarYear(year=y, source=CalendarDay.Source.PACKAGE, note=note) for y in new_years],
        ignore_conflicts=True,
    )
    result = SeedResult(new_years, len(rows), kept, skipped)
    audit(
        "core.calendar.seeded",
        actor=actor,
        object_type=CalendarYear._meta.label_lower,
        object_repr=f"chinese-calendar {version}",
        after={
            "years_added": result.years_added,
            "days_added": result.days_added,
            "days_kept": result.days_kept,
        },
    )
    _calendar_changed()
    return result
