"""The rules of the organisation services (services.py), checked for a whole workbook before
anything is written: references by code, no cycle in the unit or department trees, a department's
posts and sub-offices in its unit, a post's office in its unit, and the importer's management scope
(people and assignments: checks_people.py). Every broken rule becomes one problem in the report,
on the row and column where it can be fixed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from lianjing.org.exchange.checks_base import ACTIVE, MERGED, OUT_OF_SCOPE, missing
from lianjing.org.exchange.checks_people import PeopleChecks
from lianjing.org.exchange.plan import Plan
from lianjing.org.exchange.reader import Report, Row
from lianjing.org.exchange.sheets import DEPARTMENTS, POSTS, UNITS
from lianjing.org.exchange.snapshot import chunks
from lianjing.org.models import Assignment, Post


def _path(codes: list[str]) -> str:
    return " → ".join(codes)


def check(rows: dict[str, list[Row]], report: Report, user: Any | None) -> Plan:
    """Check everything; the plan is only to be applied when `report` stayed empty."""
    return Checker(rows, report, user).run()


class Checker(PeopleChecks):
    def run(self) -> Plan:
        self._units()
        self._departments()
        self._posts()
        self._people()
        self._assignments()
        return self.plan

    # --- units ----------------------------------------------------------------------------------

    def _units(self) -> None:
        self.changes_of(UNITS, lambda row: self.snap.units.get(row["code"]))
        children = self._unit_children()
        for row in self.rows_of(UNITS):
            self._unit_references(row)
            if row.ok:
                self._unit_tree(row, children)
                self._unit_scope(row)

    def _unit_children(self) -> dict[str, list[str]]:
        children: dict[str, list[str]] = defaultdict(list)
        for code in set(self.snap.units) | set(self.file["units"]):
            parent = (self.unit(code) or {}).get("parent")
            if parent is not None:
                children[parent].append(code)
        return children

    def _unit_references(self, row: Row) -> None:
        add = self.report.add
        code, parent = row["code"], row["parent"]
        if parent == code:
            add(UNITS, row, "parent", "上级单位不能是本单位。")
        elif parent is not None and self.unit(parent) is None:
            add(UNITS, row, "parent", missing("上级单位编码", parent, "单位"))
        self._unit_leader(row)
        if {"status", "merged_into"} & row.bad:
            return
        merged_into = row["merged_into"]
        if row["status"] == MERGED and merged_into is None:
            add(UNITS, row, "merged_into", "状态为“已合并”时须填写并入单位编码。")
        elif row["status"] != MERGED and merged_into is not None:
            add(UNITS, row, "merged_into", "只有状态为“已合并”的单位才填写并入单位编码。")
        elif merged_into == code:
            add(UNITS, row, "merged_into", "并入单位不能是本单位。")
        elif merged_into is not None:
            target = self.unit(merged_into)
            if target is None:
                add(UNITS, row, "merged_into", missing("并入单位编码", merged_into, "单位"))
            elif target.get("status") != ACTIVE:
                add(UNITS, row, "merged_into", f"并入单位“{merged_into}”不是正常状态。")

    def _unit_leader(self, row: Row) -> None:
        leader = row["main_leader"]
        if leader is None:
            return
        if not self.person_known(leader):
            self.report.add(UNITS, row, "main_leader", missing("人员编号", leader, "人员"))
            return
        db = self.snap.units.get(row["code"])
        if db is not None and db["main_leader"] == leader:
            return  # unchanged: the rule is checked when the leader is set
        post = self.post(self.current_post(leader))
        if post is not None and post.get("unit") != row["code"]:
            self.report.add(
                UNITS,
                row,
                "main_leader",
                f"主要领导应为本单位在岗人员：人员“{leader}”的主要岗位在单位“{post.get('unit')}”。",
            )

    def _unit_tree(self, row: Row, children: dict[str, list[str]]) -> None:
        code = row["code"]
        cycle = self._cycle(code, lambda c: (self.unit(c) or {}).get("parent"))
        if cycle:
            self.report.add(UNITS, row, "parent", f"上级单位关系形成循环：{_path(cycle)}。")
            return
        parent = self.unit(row["parent"])
        if row["status"] == ACTIVE and parent is not None and parent.get("status") != ACTIVE:
            self.report.add(
                UNITS,
                row,
                "parent",
                f"上级单位“{row['parent']}”已合并或撤销，不能再有正常状态的下级单位。",
            )
        if row["status"] != ACTIVE:
            active = [
                c for c in children.get(code, []) if (self.unit(c) or {}).get("status") == ACTIVE
            ]
            if active:
                self.report.add(
                    UNITS,
                    row,
                    "status",
                    f"该单位还有正常状态的下级单位（{'、'.join(sorted(active)[:5])}），"
                    "请先处理下级单位。",
                )

    @staticmethod
    def _cycle(code: str, parent_of: Callable[[str], str | None]) -> list[str] | None:
        path, seen = [code], {code}
        current = parent_of(code)
        while current is not None:
            if current == code:
                return [*path, code]
            if current in seen:
                return None  # a cycle further up, reported on its own rows
            seen.add(current)
            path.append(current)
            current = parent_of(current)
        return None

    def _unit_scope(self, row: Row) -> None:
        if self.reach.everything:
            return
        db = self.snap.units.get(row["code"])
        if db is None:
            managed = self.unit_managed(row["code"])
        else:
            managed = db["pk"] in self.reach.unit_ids
            if managed and row["parent"] != db["parent"]:
                managed = self.unit_managed(row["parent"])
        if not managed:
            self.report.add(UNITS, row, "code", OUT_OF_SCOPE)

    # --- departments ----------------------------------------------------------------------------

    def _departments(self) -> None:
        self.changes_of(DEPARTMENTS, lambda row: self.snap.departments.get(row["code"]))
        moved = self._moved_departments()
        for row in self.rows_of(DEPARTMENTS):
            if self._department_references(row) and row.ok:
                self._department_tree(row, moved)
                self._department_scope(row)

    def _department_references(self, row: Row) -> bool:
        add = self.report.add
        code, unit, parent = row["code"], row["unit"], row["parent"]
        ok = unit is not None  # None: a bad cell, reported already
        if unit is not None and self.unit(unit) is None:
            add(DEPARTMENTS, row, "unit", missing("所属单位编码", unit, "单位"))
            ok = False
        if parent == code:
            add(DEPARTMENTS, row, "parent", "上级内设机构不能是本机构。")
            ok = False
        elif parent is not None:
            above = self.department(parent)
            if above is None:
                add(DEPARTMENTS, row, "parent", missing("上级内设机构编码", parent, "内设机构"))
                ok = False
            elif ok and above.get("unit") != unit:
                add(
                    DEPARTMENTS,
                    row,
                    "parent",
                    f"上级内设机构“{parent}”属于单位“{above.get('unit')}”，"
                    f"与所属单位“{unit}”不一致。",
                )
        leader = row["leader_in_charge"]
        if leader is not None and not self.person_known(leader):
            add(DEPARTMENTS, row, "leader_in_charge", missing("人员编号", leader, "人员"))
        return ok

    def _moved_departments(self) -> dict[str, list[str]]:
        """Departments the file moves to another unit → the posts and sub-offices the file leaves
        behind in the old unit (the file's own rows about them are checked on those rows)."""
        moved = {
            row["code"]: row["unit"]
            for row in self.ok_rows_of(DEPARTMENTS)
            if (db := self.snap.departments.get(row["code"])) is not None
            and db["unit"] != row["unit"]
        }
        left: dict[str, list[str]] = defaultdict(list)
        if not moved:
            return left
        by_pk = {self.snap.departments[code]["pk"]: code for code in moved}
        for batch in chunks(list(by_pk)):
            posts = Post.objects.filter(department_id__in=batch)
            for post_code, department_id in posts.values_list("code", "department_id"):
                if post_code not in self.file["posts"]:
                    left[by_pk[department_id]].append(post_code)
        for code, db in self.snap.departments.items():
            if db["parent"] in moved and code not in self.file["departments"]:
                left[db["parent"]].append(code)
        return left

    def _department_tree(self, row: Row, moved: dict[str, list[str]]) -> None:
        code = row["code"]
        cycle = self._cycle(code, lambda c: (self.department(c) or {}).get("parent"))
        if cycle:
            self.report.add(
                DEPARTMENTS, row, "parent", f"上级内设机构关系形成循环：{_path(cycle)}。"
            )
        if moved.get(code):
            items = "、".join(sorted(moved[code])[:5])
            self.report.add(
                DEPARTMENTS,
                row,
                "unit",
                f"该内设机构下还有岗位或下级机构（{items}）仍属于原单位，不能改到其他单位。",
            )

    def _department_scope(self, row: Row) -> None:
        if self.reach.everything:
            return
        db = self.snap.departments.get(row["code"])
        if db is None:
            managed = self.department_managed(row["code"])
        else:
            managed = self._department_managed_now(db)
            if managed and (row["unit"], row["parent"]) != (db["unit"], db["parent"]):
                managed = self.department_placement_managed(row.values)
        if not managed:
            self.report.add(DEPARTMENTS, row, "code", OUT_OF_SCOPE)

    # --- posts ----------------------------------------------------------------------------------

    def _posts(self) -> None:
        self.changes_of(POSTS, lambda row: self.snap.posts.get(row["code"]))
        staffed = self._staffed_moved_posts()
        for row in self.rows_of(POSTS):
            self._post_references(row)
            if not row.ok:
                continue
            if row["code"] in staffed:
                self.report.add(POSTS, row, "unit", "该岗位有在岗人员，不能改到其他单位。")
            if not self.post_managed(row["code"]):
                self.report.add(POSTS, row, "code", OUT_OF_SCOPE)

    def _post_references(self, row: Row) -> None:
        unit, department = row["unit"], row["department"]
        if unit is not None and self.unit(unit) is None:
            self.report.add(POSTS, row, "unit", missing("单位编码", unit, "单位"))
            unit = None
        if department is None:
            return
        office = self.department(department)
        if office is None:
            self.report.add(
                POSTS, row, "department", missing("内设机构编码", department, "内设机构")
            )
        elif unit is not None and office.get("unit") != unit:
            self.report.add(
                POSTS,
                row,
                "department",
                f"内设机构“{department}”属于单位“{office.get('unit')}”，"
                f"不属于岗位所在单位“{unit}”。",
            )

    def _staffed_moved_posts(self) -> set[str]:
        """Posts the file moves to another unit while someone still holds them after the import."""
        moved = {
            db["pk"]: row["code"]
            for row in self.ok_rows_of(POSTS)
            if (db := self.snap.posts.get(row["code"])) is not None and db["unit"] != row["unit"]
        }
        staffed: set[str] = set()
        for batch in chunks(list(moved)):
            open_now = Assignment.objects.filter(post_id__in=batch, end_date__isnull=True)
            for post_id, person, start in open_now.values_list(
                "post_id", "person__code", "start_date"
            ):
                row = self.file["assignments"].get((person, moved[post_id], start))
                if row is None or row["end_date"] is None:
                    staffed.add(moved[post_id])
        for row in self.file["assignments"].values():
            if row["post"] in moved.values() and row["end_date"] is None:
                staffed.add(row["post"])
        return staffed
