"""Reads of the working-day calendar. The calendar is the same for every user: administering it is
guarded by a permission, not by a data scope."""

from __future__ import annotations

from django.db.models import QuerySet

from lianjing.core.models import CalendarDay, CalendarYear


def calendar_days(*, year: int) -> QuerySet[CalendarDay]:
    return CalendarDay.objects.filter(date__year=year).order_by("date")


def calendar_year_record(*, year: int) -> CalendarYear | None:
    return CalendarYear.objects.filter(year=year).first()


def confirmed_year_ranges() -> list[tuple[int, int]]:
    """Confirmed years as runs of consecutive years, oldest first: [(2004, 2026)]."""
    ranges: list[tuple[int, int]] = []
    for year in CalendarYear.objects.order_by("year").values_list("year", flat=True):
        if ranges and ranges[-1][1] == year - 1:
            ranges[-1] = (ranges[-1][0], year)
        else:
            ranges.append((year, year))
    return ranges
