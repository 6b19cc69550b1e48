"""What the chinese-calendar package knows, as rows for the calendar table. Used by the initial
data migration and by `manage.py calendar_seed` after the package is upgraded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from chinese_calendar import constants

PACKAGE_SOURCE = "chinese-calendar"


HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def _name(holiday: object) -> str:
    return HOLIDAY_NAMES.get(str(holiday), str(holiday))


def package_years() -> list[int]:
    years = {d.year for d in constants.holidays} | {d.year for d in constants.workdays}
    return sorted(years)


def package_days() -> Iterator[tuple[date, str, str]]:
    """(date, kind, name) for every holiday and every make-up working day."""
    for day, holiday in sorted(constants.holidays.items()):
        yield day, "holiday", _name(holiday)
    for day, holiday in sorted(constants.workdays.items()):
        yield day, "workday", f"{_name(holiday)}调休上班"
