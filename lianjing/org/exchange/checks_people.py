"""The rules on people and assignments, checked for a whole workbook: valid ID numbers, unique
in the file and in the system (a masked number from an export keeps the stored one), end not
before start, no assignment on a closed post, one open primary assignment per person, and the
importer's scope over the people and posts named."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from lianjing.core.crypto import blind_index
from lianjing.org.exchange.checks_base import ACTIVE, OUT_OF_SCOPE, Checks, missing
from lianjing.org.exchange.plan import Change
from lianjing.org.exchange.reader import Row
from lianjing.org.exchange.sheets import ASSIGNMENTS, PEOPLE
from lianjing.org.exchange.snapshot import chunks
from lianjing.org.models import Person
from lianjing.org.validation import validate_id_number


class PeopleChecks(Checks):
    # --- people ---------------------------------------------------------------------------------

    def _people(self) -> None:
        self.changes_of(PEOPLE, lambda row: self.snap.people.get(row["code"]))
        self._id_numbers()
        for row in self.ok_rows_of(PEOPLE):
            if self.person_managed(row["code"]):
                continue
            if row["code"] in self.snap.people:
                self.report.add(PEOPLE, row, "code", OUT_OF_SCOPE)
            else:
                self.report.add(
                    PEOPLE,
                    row,
                    "code",
                    "超出您的管理范围：新增人员须在“任职”表中安排到您管理范围内的主要岗位。",
                )

    def _id_numbers(self) -> None:
        """A masked or empty number keeps the stored one; a full number is checked, must be
        unique in the file and in the system, and replaces the stored one."""
        seen: dict[str, Row] = {}
        for row in self.rows_of(PEOPLE):
            number = (row["id_number"] or "").strip().upper()
            db = self.snap.people.get(row["code"])
            if not number:
                continue
            if "*" in number:
                # an export's masked number: keeps the stored one, and registers none on a new
                # person (as if the cell were empty); it must not stand for somebody else's
                if db is not None and number != db["id_number_masked"]:
                    self.report.add(
                        PEOPLE,
                        row,
                        "id_number",
                        "这是脱敏后的身份证号，与系统中登记的号码不符。请填写完整号码，"
                        "或留空（留空则保留已登记的号码）。",
                    )
                continue
            try:
                validate_id_number(number)
            except ValidationError as exc:
                self.report.add(PEOPLE, row, "id_number", " ".join(exc.messages))
                continue
            index = blind_index(number)
            if index in seen:
                self.report.add(
                    PEOPLE, row, "id_number", f"与第 {seen[index].number} 行的身份证号重复。"
                )
                continue
            seen[index] = row
            if db is None or db["id_number_index"] != index:
                self.plan.id_numbers[row["code"]] = number
        self._id_numbers_elsewhere(seen)

    def _id_numbers_elsewhere(self, seen: dict[str, Row]) -> None:
        for batch in chunks(list(seen)):
            taken = Person.objects.filter(id_number_index__in=batch)
            for index, code in taken.values_list("id_number_index", "code"):
                row = seen[index]
                if code != row["code"]:
                    self.report.add(PEOPLE, row, "id_number", "该身份证号已登记在其他人员名下。")
        for change in self.plan.changes["people"]:
            if change.row["code"] in self.plan.id_numbers and change.db is not None:
                change.changed.append("id_number")

    # --- assignments ----------------------------------------------------------------------------

    def _assignments(self) -> None:
        def db_of(row: Row) -> dict[str, Any] | None:
            for db in self.snap.assignments.get(row["person"], []):
                if (db["post"], db["start_date"]) == (row["post"], row["start_date"]):
                    return db
            return None

        self.changes_of(ASSIGNMENTS, db_of)
        broken: set[int] = set()
        for change in self.plan.changes["assignments"]:
            if self._assignment_references(change) and change.row.ok:
                self._assignment_rules(change)
            else:
                broken.add(change.row.number)
        self._one_open_primary(broken)

    def _assignment_references(self, change: Change) -> bool:
        row, add = change.row, self.report.add
        ok = True
        if not self.person_known(row["person"]):
            add(ASSIGNMENTS, row, "person", missing("人员编号", row["person"], "人员"))
            ok = False
        post = self.post(row["post"])
        if post is None:
            add(ASSIGNMENTS, row, "post", missing("岗位编码", row["post"], "岗位"))
            ok = False
        if row["end_date"] is not None and row["end_date"] < row["start_date"]:
            add(ASSIGNMENTS, row, "end_date", "结束日期不能早于开始日期。")
            ok = False
        if (
            ok
            and row.ok
            and not (self.person_managed(row["person"]) and self.post_managed(row["post"]))
        ):
            add(ASSIGNMENTS, row, "person", OUT_OF_SCOPE)
            ok = False
        return ok

    def _assignment_rules(self, change: Change) -> None:
        row = change.row
        opens = row["end_date"] is None and (change.db is None or change.db["end_date"] is not None)
        post = self.post(row["post"]) or {}
        if opens and post.get("status") != ACTIVE:
            self.report.add(ASSIGNMENTS, row, "post", f"岗位“{row['post']}”已撤销，不能任职。")
        if row["end_date"] is None:
            for other in self.assignments_of(row["person"]):
                same_post = other["post"] == row["post"] and other["end_date"] is None
                if same_post and other["start_date"] != row["start_date"]:
                    self.report.add(
                        ASSIGNMENTS,
                        row,
                        "post",
                        f"该人员在此岗位已有一条未结束的任职（自 {other['start_date']} 起）。",
                    )
                    break

    def _one_open_primary(self, broken: set[int]) -> None:
        """Rows already reported (unknown person or post…) do not count."""
        for person, rows in self.file_assignments.items():
            if all(r.number in broken for r in rows):
                continue
            current = [
                a
                for a in self.assignments_of(person)
                if a["is_primary"]
                and a["end_date"] is None
                and (a["row"] is None or a["row"].number not in broken)
            ]
            if len(current) < 2:
                continue
            current.sort(key=lambda a: (a["start_date"], a["post"]))
            listed = "、".join(f"岗位“{a['post']}”（自 {a['start_date']} 起）" for a in current)
            for assignment in current:
                row = assignment["row"]
                if row is not None:
                    self.report.add(
                        ASSIGNMENTS,
                        row,
                        "end_date",
                        f"该人员同时有 {len(current)} 条未结束的主要岗位任职：{listed}。"
                        "请为先前的任职填写结束日期，或把其中一条改为兼职（否）。",
                    )
