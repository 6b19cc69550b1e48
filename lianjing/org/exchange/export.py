"""The export: the organisation a user may see (org/access.py), optionally one unit's subtree, in
the layout of the import template so that the file can be edited and imported again. ID numbers
leave only in masked form; a masked number imported again keeps the stored one."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Q
from django.utils import translation

from lianjing.org import access
from lianjing.org.exchange.sheets import (
    ASSIGNMENTS,
    DEPARTMENTS,
    FILE_LANGUAGE,
    PEOPLE,
    POSTS,
    UNITS,
)
from lianjing.org.exchange.snapshot import chunks
from lianjing.org.exchange.writer import Book
from lianjing.org.models import Assignment, Department, KeyPostKind, Person, Post, Status, Unit


def _labels(choices: Any) -> dict[str, str]:
    with translation.override(FILE_LANGUAGE):
        return {value: str(label) for value, label in choices.choices}


class Export:
    def __init__(self, user: Any, unit: Unit | None = None) -> None:
        self.user = user
        self.unit = unit
        self.status = _labels(Status)
        self.counts: dict[str, int] = {}
        self.units = access.visible(user, Unit)
        self.departments = access.visible(user, Department)
        self.posts = access.visible(user, Post)
        self.visible_people = access.visible(user, Person)
        if unit is not None:
            subtree = Unit.objects.descendants(unit, include_self=True).values("pk")
            self.units = self.units.filter(pk__in=subtree)
            self.departments = self.departments.filter(unit_id__in=subtree)
            self.posts = self.posts.filter(unit_id__in=subtree)
        self.unit_ids = set(self.units.values_list("pk", flat=True))

    def workbook(self) -> bytes:
        book = Book()
        assignments = self._assignments()
        people = self._people({a["person_id"] for a in assignments})
        person_code = {p["pk"]: p["code"] for p in people}
        leaders = self._leader_codes()
        book.sheet(UNITS, self._rows("units", self._unit_rows(leaders)))
        book.sheet(DEPARTMENTS, self._rows("departments", self._department_rows(leaders)))
        book.sheet(POSTS, self._rows("posts", self._post_rows()))
        book.sheet(PEOPLE, self._rows("people", self._person_rows(people)))
        rows = self._assignment_rows(assignments, person_code)
        book.sheet(ASSIGNMENTS, self._rows("assignments", rows))
        return book.save()

    def _rows(self, key: str, rows: list[list[Any]]) -> list[list[Any]]:
        self.counts[key] = len(rows)
        return rows

    def _leader_codes(self) -> dict[int, str]:
        """Leaders are named only when the user may see them."""
        ids = set(self.units.exclude(main_leader=None).values_list("main_leader_id", flat=True))
        ids |= set(
            self.departments.exclude(leader_in_charge=None).values_list(
                "leader_in_charge_id", flat=True
            )
        )
        codes: dict[int, str] = {}
        for batch in chunks(sorted(ids)):
            codes.update(self.visible_people.filter(pk__in=batch).values_list("pk", "code"))
        return codes

    def _unit_rows(self, leaders: dict[int, str]) -> list[list[Any]]:
        level, kind = _labels(Unit.Level), _labels(Unit.Kind)
        rows = self.units.order_by("code").values_list(
            "code",
            "name",
            "short_name",
            "parent__code",
            "level",
            "kind",
            "main_leader_id",
            "status",
            "merged_into__code",
            "position",
        )
        return [
            [c, n, s, p, level.get(lv, lv), kind.get(k, k), leaders.get(ml or 0)]
            + [self.status.get(st, st), mi, pos]
            for c, n, s, p, lv, k, ml, st, mi, pos in rows
        ]

    def _department_rows(self, leaders: dict[int, str]) -> list[list[Any]]:
        rows = self.departments.order_by("unit__code", "code").values_list(
            "code",
            "name",
            "unit__code",
            "parent__code",
            "leader_in_charge_id",
            "status",
            "position",
        )
        return [
            [c, n, u, p, leaders.get(lead or 0), self.status.get(st, st), pos]
            for c, n, u, p, lead, st, pos in rows
        ]

    def _post_rows(self) -> list[list[Any]]:
        kind_names = dict(KeyPostKind.objects.values_list("pk", "name"))
        kinds: dict[int, list[str]] = defaultdict(list)
        through = Post.key_kinds.through.objects.filter(post__in=self.posts)
        for post_id, kind_id in through.order_by("keypostkind_id").values_list(
            "post_id", "keypostkind_id"
        ):
            kinds[post_id].append(kind_names[kind_id])
        rows = self.posts.order_by("code").values_list(
            "pk",
            "code",
            "name",
            "unit__code",
            "department__code",
            "rank__name",
            "headcount",
            "duties",
            "status",
        )
        return [
            [c, n, u, d, r, "、".join(kinds[pk]), h, duties, self.status.get(st, st)]
            for pk, c, n, u, d, r, h, duties, st in rows
        ]

    def _assignments(self) -> list[dict[str, Any]]:
        """The visible assignments on exported posts (so that the file names only its posts)."""
        visible = access.visible(self.user, Assignment).filter(post__in=self.posts.values("pk"))
        return [
            dict(row)
            for row in visible.values(
                "person_id", "post__code", "start_date", "end_date", "is_primary", "note"
            )
        ]

    def _people(self, holders: set[int]) -> list[dict[str, Any]]:
        """Everyone visible whose current unit is exported, and the holders of exported posts."""
        people = self.visible_people
        if self.unit is not None:
            people = people.filter(Q(unit_id__in=self.unit_ids) | Q(pk__in=holders))
        fields = ("pk", "code", "name", "gender", "birth_date", "id_number_masked")
        rows = people.order_by("code").values(*fields, "political_status", "phone")
        return [dict(row) for row in rows]

    def _person_rows(self, people: list[dict[str, Any]]) -> list[list[Any]]:
        gender, political = _labels(Person.Gender), _labels(Person.PoliticalStatus)
        return [
            [
                p["code"],
                p["name"],
                gender.get(p["gender"], p["gender"]),
                p["birth_date"],
                p["id_number_masked"],
                political.get(p["political_status"], p["political_status"]),
                p["phone"],
            ]
            for p in people
        ]

    def _assignment_rows(
        self, assignments: list[dict[str, Any]], person_code: dict[int, str]
    ) -> list[list[Any]]:
        rows = [
            [
                person_code[a["person_id"]],
                a["post__code"],
                a["start_date"],
                a["end_date"],
                "是" if a["is_primary"] else "否",
                a["note"],
            ]
            for a in assignments
            if a["person_id"] in person_code
        ]
        rows.sort(key=lambda r: (r[0], r[2], r[1]))
        return rows


def export_workbook(user: Any, unit: Unit | None = None) -> tuple[bytes, dict[str, int]]:
    """The workbook and the number of rows per sheet."""
    export = Export(user, unit)
    data = export.workbook()
    return data, export.counts
