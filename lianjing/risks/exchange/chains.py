"""The responsibility chains of many new risk points at once, by the rules of
`responsibility.chain` (its CHAINS table and ladder) with the organisation loaded once for the
units concerned instead of a few queries a point: main leaders, leaders in charge up the office
tree, office heads (the holder of the highest-ranked open post of the office) and post holders."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lianjing.org.models import Assignment, Department, Post, Unit
from lianjing.risks.responsibility import CHAINS, HEAD, HOLDER, IN_CHARGE, MAIN

Link = tuple[str, int, str]  # role, person pk, basis (rung)


class Org:
    def __init__(self, unit_ids: Iterable[int]) -> None:
        ids = set(unit_ids)
        self.main = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "main_leader_id"))
        self.departments = {
            pk: (parent, leader)
            for pk, parent, leader in Department.objects.filter(unit_id__in=ids).values_list(
                "pk", "parent_id", "leader_in_charge_id"
            )
        }
        self.post_department: dict[int, int | None] = dict(
            Post.objects.filter(unit_id__in=ids).values_list("pk", "department_id")
        )
        self.holders: dict[int, list[int]] = {}
        best: dict[tuple[int, int], tuple[int, str, int]] = {}
        rows = (
            Assignment.objects.filter(post__unit_id__in=ids, end_date__isnull=True)
            .order_by("-is_primary", "person__code")
            .values_list(
                "post_id",
                "post__department_id",
                "post__unit_id",
                "person_id",
                "person__code",
                "post__rank__order",
            )
        )
        for post, department, unit, person, code, order in rows:
            self.holders.setdefault(post, []).append(person)
            if department is not None:
                candidate = (-order, code, person)
                if (department, unit) not in best or candidate < best[(department, unit)]:
                    best[(department, unit)] = candidate
        self.heads = {key: value[2] for key, value in best.items()}

    def leader_in_charge(self, department: int | None) -> int | None:
        seen: set[int] = set()
        while department is not None and department not in seen:
            seen.add(department)
            parent, leader = self.departments.get(department, (None, None))
            if leader:
                return leader
            department = parent
        return None

    def chain(self, point: Any) -> list[Link]:
        """`point` has unit_id, post_id, department_id, target_kind, level."""
        department = point.department_id
        if department is None and point.post_id is not None:
            department = self.post_department.get(point.post_id)
        rungs = {
            MAIN: lambda: [p for p in [self.main.get(point.unit_id)] if p],
            IN_CHARGE: lambda: [p for p in [self.leader_in_charge(department)] if p],
            HEAD: lambda: [p for p in [self.heads.get((department, point.unit_id))] if p],
            HOLDER: lambda: (
                self.holders.get(point.post_id, [])
                if point.target_kind == "post" and point.post_id
                else []
            ),
        }
        links: list[Link] = []
        seen: set[int] = set()
        for role, rung in CHAINS[(point.target_kind, point.level)]:
            for person in rungs[rung]():
                if person not in seen:
                    seen.add(person)
                    links.append((str(role), person, rung))
        return links
