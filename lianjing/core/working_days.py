"""Working days: every deadline in Lianjing is counted with `add_working_days`.

The calendar table (CalendarDay, CalendarYear) holds holidays and make-up working days (调休). For
a year the table does not know, the count falls back to Monday–Friday and the result says it is
estimated; it never raises."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta

# Other processes pick up an administrator's edit within this many seconds; the process that made
# the edit clears its cache at once.
CACHE_SECONDS = 300


@dataclass(frozen=True)
class YearCalendar:
    known: bool
    holidays: frozenset[date]
    workdays: frozenset[date]

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5


@dataclass(frozen=True)
class WorkingDate:
    """A computed deadline. `estimated` is True when a year without a confirmed holiday
    schedule was crossed, so Monday–Friday was assumed for it."""

    date: date
    estimated: bool

    def __str__(self) -> str:
        return f"{self.date.isoformat()}（估算）" if self.estimated else self.date.isoformat()


class _Cache:
    """Years loaded from the table, per process. `clear()` bumps a generation number so that a
    load that was already reading while an edit committed is used once but not kept."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._years: dict[int, YearCalendar] = {}
        self._generation = 0
        self._loaded_at = time.monotonic()

    def _reset(self) -> None:
        self._years.clear()
        self._generation += 1
        self._loaded_at = time.monotonic()

    def clear(self) -> None:
        with self._lock:
            self._reset()

    def year(self, year: int) -> YearCalendar:
        with self._lock:
            if time.monotonic() - self._loaded_at > CACHE_SECONDS:
                self._reset()
            cached = self._years.get(year)
            generation = self._generation
        if cached is None:
            cached = _load_year(year)
            with self._lock:
                if generation == self._generation:
                    self._years[year] = cached
        return cached


def _load_year(year: int) -> YearCalendar:
    from lianjing.core.models import CalendarDay, CalendarYear

    rows = CalendarDay.objects.filter(date__year=year).values_list("date", "kind")
    holidays = frozenset(d for d, kind in rows if kind == CalendarDay.Kind.HOLIDAY)
    workdays = frozenset(d for d, kind in rows if kind == CalendarDay.Kind.WORKDAY)
    known = CalendarYear.objects.filter(year=year).exists()
    return YearCalendar(known=known, holidays=holidays, workdays=workdays)


_cache = _Cache()


def clear_cache() -> None:
    _cache.clear()


def year_calendar(year: int) -> YearCalendar:
    return _cache.year(year)


def is_working_day(day: date) -> WorkingDate | None:
    """The day itself if it is a working day, else None; `estimated` as for deadlines."""
    calendar = year_calendar(day.year)
    if calendar.is_working_day(day):
        return WorkingDate(day, not calendar.known)
    return None


def add_working_days(start: date, n: int) -> WorkingDate:
    """The n-th working day after `start` (n < 0 counts backwards; n == 0 gives `start`).

    "Within 7 working days of the conclusion" means the deadline is add_working_days(conclusion,
    7): the day of the conclusion itself does not count. Years without a confirmed schedule are
    counted Monday–Friday and make the result `estimated`; the only error is OverflowError when
    the result would lie outside the range of `date`, which callers prevent by bounding n."""
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    day = start
    estimated = False
    while remaining:
        day += timedelta(days=step)
        calendar = year_calendar(day.year)
        estimated = estimated or not calendar.known
        if calendar.is_working_day(day):
            remaining -= 1
    return WorkingDate(day, estimated)


def working_days_between(start: date, end: date) -> int:
    """How many working days separate `start` and `end`, counted the way `add_working_days`
    counts, so that working_days_between(start, add_working_days(start, n).date) == n: days after
    `start` up to and including `end` when end is later; when end is earlier, days from `end` up
    to but excluding `start`, negated. Used to show how late something is."""
    if end == start:
        return 0
    if end > start:
        first, last, sign = start + timedelta(days=1), end, 1
    else:
        first, last, sign = end, start - timedelta(days=1), -1
    count = 0
    day = first
    while day <= last:
        if year_calendar(day.year).is_working_day(day):
            count += 1
        day += timedelta(days=1)
    return sign * count
