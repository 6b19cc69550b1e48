"""Shared by the checks (checks.py, checks_people.py): the report, the plan being built, and how
a row compares with its record in the database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lianjing.org.exchange.plan import COMPARED, Change, Overlay, Plan
from lianjing.org.exchange.reader import Report, Row
from lianjing.org.exchange.sheets import Sheet
from lianjing.org.models import Status

OUT_OF_SCOPE = "超出您的管理范围。"
ACTIVE = Status.ACTIVE.value
MERGED = Status.MERGED.value


def missing(what: str, code: str, sheet_title: str) -> str:
    return f"未找到{what}“{code}”（本文件“{sheet_title}”表和系统中都没有）。"


def _differs(row: Row, db: dict[str, Any], name: str) -> bool:
    if name == "key_kinds":
        return frozenset(row[name] or ()) != db[name]
    return bool(row[name] != db[name])


class Checks(Overlay):
    def __init__(self, rows: dict[str, list[Row]], report: Report, user: Any | None) -> None:
        super().__init__(rows, user)
        self.report = report
        self.plan = Plan(changes={}, snapshot=self.snap)

    def changes_of(self, sheet: Sheet, db_of: Callable[[Row], dict[str, Any] | None]) -> None:
        """One Change per row of the sheet: created (no record yet) or which fields differ."""
        changes = []
        for row in self.file[sheet.key].values():
            db = db_of(row)
            changed = [] if db is None else [f for f in COMPARED[sheet.key] if _differs(row, db, f)]
            changes.append(Change(sheet, row, db, changed))
        self.plan.changes[sheet.key] = changes

    def rows_of(self, sheet: Sheet) -> list[Row]:
        """Every row with a complete key; rows with a bad cell have it in `row.bad`."""
        return list(self.file[sheet.key].values())

    def ok_rows_of(self, sheet: Sheet) -> list[Row]:
        return [row for row in self.file[sheet.key].values() if row.ok]
