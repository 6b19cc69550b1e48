"""The state the organisation would be in after the import (the database overlaid with the file),
and the importer's management scope over it. `checks.py` asks these questions row by row.

Everything is keyed by code. A row that had a bad cell still makes its code known, so that one
mistake does not turn into a cascade of "unknown code" reports on the other sheets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lianjing.accounts import permissions as perms
from lianjing.org import access
from lianjing.org.exchange.reader import Row
from lianjing.org.exchange.sheets import ASSIGNMENTS, SHEETS, Sheet
from lianjing.org.exchange.snapshot import Snapshot, load_snapshot
from lianjing.org.models import Person

UNIT_FIELDS: tuple[str, ...] = ("name", "short_name", "parent", "level", "kind", "main_leader")
UNIT_FIELDS += ("status", "merged_into", "position")
DEPARTMENT_FIELDS = ("name", "unit", "parent", "leader_in_charge", "status", "position")
POST_FIELDS = ("name", "unit", "department", "rank", "key_kinds", "headcount", "duties", "status")
PERSON_FIELDS = ("name", "gender", "birth_date", "political_status", "phone")
ASSIGNMENT_FIELDS = ("end_date", "is_primary", "note")
COMPARED = {
    "units": UNIT_FIELDS,
    "departments": DEPARTMENT_FIELDS,
    "posts": POST_FIELDS,
    "people": PERSON_FIELDS,
    "assignments": ASSIGNMENT_FIELDS,
}


def natural_key(sheet: Sheet, row: Row) -> str:
    """How the audit event and the report name a record: its code, or 人员/岗位/日期."""
    parts = [row[k] for k in sheet.natural_key]
    return "/".join(p.isoformat() if hasattr(p, "isoformat") else str(p) for p in parts)


@dataclass
class Change:
    """One row of the file: what the record will be, and what it is now (None: to be created)."""

    sheet: Sheet
    row: Row
    db: dict[str, Any] | None
    changed: list[str] = field(default_factory=list)

    @property
    def values(self) -> dict[str, Any]:
        return self.row.values

    @property
    def key(self) -> str:
        return natural_key(self.sheet, self.row)


@dataclass
class Plan:
    changes: dict[str, list[Change]]
    snapshot: Snapshot
    # person code → plain ID number to store (only for numbers that change)
    id_numbers: dict[str, str] = field(default_factory=dict)

    def counts(self) -> dict[str, dict[str, int]]:
        counts = {}
        for sheet in SHEETS:
            changes = self.changes.get(sheet.key, [])
            created = sum(1 for c in changes if c.db is None)
            updated = sum(1 for c in changes if c.db is not None and c.changed)
            counts[sheet.key] = {
                "created": created,
                "updated": updated,
                "unchanged": len(changes) - created - updated,
            }
        return counts


class Overlay:
    """The organisation after the import, and who may change what in it."""

    def __init__(self, rows: dict[str, list[Row]], user: Any | None) -> None:
        self.rows = {sheet.key: rows.get(sheet.key, []) for sheet in SHEETS}
        self.file: dict[str, dict[Any, Row]] = {
            sheet.key: {
                row["code"] if sheet is not ASSIGNMENTS else _assignment_key(row): row
                for row in self.rows[sheet.key]
                if all(row[k] not in (None, "") for k in sheet.natural_key)
            }
            for sheet in SHEETS
        }
        self.file_assignments: dict[str, list[Row]] = {}
        for row in self.file["assignments"].values():
            self.file_assignments.setdefault(row["person"], []).append(row)
        self.user = user
        self.reach = (
            access.Reach(everything=True)
            if user is None
            else access.reach_of(user, perms.ORG_MANAGE)
        )
        self.snap = load_snapshot(
            post_codes=set(self.file["posts"])
            | {r["post"] for r in self.file["assignments"].values()},
            person_codes=self._person_codes(),
        )
        self.visible_people = self._visible_references()
        self._unit_managed: dict[str, bool] = {}
        self._department_managed: dict[str, bool] = {}

    def _person_codes(self) -> set[str]:
        codes = set(self.file["people"]) | set(self.file_assignments)
        for row in self.file["units"].values():
            codes.add(row["main_leader"])
        for row in self.file["departments"].values():
            codes.add(row["leader_in_charge"])
        codes.discard(None)
        codes.discard("")
        return codes

    def _visible_references(self) -> set[str] | None:
        """Leaders named by code must be people the importer can see (None: everyone)."""
        if self.reach.everything:
            return None
        named = {p for p in self._person_codes() if p in self.snap.people}
        visible = access.visible(self.user, Person).filter(code__in=named)
        return set(visible.values_list("code", flat=True)) if named else set()

    # --- the state after the import -----------------------------------------------------------

    def unit(self, code: str | None) -> dict[str, Any] | None:
        if code is None:
            return None
        row = self.file["units"].get(code)
        return row.values if row is not None else self.snap.units.get(code)

    def department(self, code: str | None) -> dict[str, Any] | None:
        if code is None:
            return None
        row = self.file["departments"].get(code)
        return row.values if row is not None else self.snap.departments.get(code)

    def post(self, code: str | None) -> dict[str, Any] | None:
        if code is None:
            return None
        row = self.file["posts"].get(code)
        return row.values if row is not None else self.snap.posts.get(code)

    def person_known(self, code: str) -> bool:
        if code in self.file["people"]:
            return True
        if code not in self.snap.people:
            return False
        return self.visible_people is None or code in self.visible_people

    def assignments_of(self, person: str) -> list[dict[str, Any]]:
        """The person's assignments after the import; file rows carry their `row`."""
        merged: dict[tuple[str, Any], dict[str, Any]] = {}
        for db in self.snap.assignments.get(person, []):
            merged[(db["post"], db["start_date"])] = {**db, "row": None}
        for row in self.file_assignments.get(person, []):
            merged[(row["post"], row["start_date"])] = {**row.values, "row": row}
        return list(merged.values())

    def current_post(self, person: str) -> str | None:
        """The post code of the open primary assignment after the import (the Person mirror)."""
        for assignment in self.assignments_of(person):
            if assignment["is_primary"] and assignment["end_date"] is None:
                post_code: str = assignment["post"]
                return post_code
        return None

    # --- scope ----------------------------------------------------------------------------------

    def unit_managed(self, code: str | None) -> bool:
        """May the importer change this unit (a new one: is it placed under one they manage)?"""
        if self.reach.everything:
            return True
        if code is None:
            return False
        if code not in self._unit_managed:
            self._unit_managed[code] = False  # guards against cycles while computing
            db = self.snap.units.get(code)
            if db is not None:
                result = db["pk"] in self.reach.unit_ids
            else:
                result = self.unit_managed((self.unit(code) or {}).get("parent"))
            self._unit_managed[code] = result
        return self._unit_managed[code]

    def department_managed(self, code: str | None) -> bool:
        if self.reach.everything:
            return True
        if code is None:
            return False
        if code not in self._department_managed:
            self._department_managed[code] = False
            db = self.snap.departments.get(code)
            final = self.department(code) or {}
            if db is not None:
                result = self._department_managed_now(db)
            else:
                result = self.unit_managed(final.get("unit")) or self.department_managed(
                    final.get("parent")
                )
            self._department_managed[code] = result
        return self._department_managed[code]

    def _department_managed_now(self, db: dict[str, Any]) -> bool:
        return db["unit_id"] in self.reach.unit_ids or db["pk"] in self.reach.department_ids

    def department_placement_managed(self, values: dict[str, Any]) -> bool:
        """Is the place a department's row puts it (unit, parent office) inside the scope?"""
        return self.unit_managed(values.get("unit")) or self.department_managed(
            values.get("parent")
        )

    def post_managed_now(self, db: dict[str, Any]) -> bool:
        reach = self.reach
        return (
            reach.everything
            or db["unit_id"] in reach.unit_ids
            or db["department_id"] in reach.department_ids
            or db["pk"] in reach.post_ids
        )

    def post_placement_managed(self, values: dict[str, Any]) -> bool:
        return self.unit_managed(values.get("unit")) or self.department_managed(
            values.get("department")
        )

    def post_managed(self, code: str) -> bool:
        """Both where the post is now (if it exists) and where the file puts it."""
        if self.reach.everything:
            return True
        db = self.snap.posts.get(code)
        if db is not None and not self.post_managed_now(db):
            return False
        row = self.file["posts"].get(code)
        return row is None or self.post_placement_managed(row.values)

    def person_managed(self, code: str) -> bool:
        reach = self.reach
        if reach.everything:
            return True
        db = self.snap.people.get(code)
        if db is not None:
            return (
                db["unit_id"] in reach.unit_ids
                or db["department_id"] in reach.department_ids
                or db["pk"] in reach.person_ids
            )
        post = self.current_post(code)
        return post is not None and self.post_managed(post)


def _assignment_key(row: Row) -> tuple[Any, ...]:
    return (row["person"], row["post"], row["start_date"])
