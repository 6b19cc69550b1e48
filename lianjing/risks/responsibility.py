"""The responsibility chain of a risk point (防控责任), derived from the organisation and the
level (Sichuan seed 001, item 7): for a level-1 point the unit's main leader answers overall (负总
责), the leader in charge of the office important leadership responsibility, the holder of the
post directly; levels 2 and 3 one step down the same ladder.

    ladder: 单位主要领导 → 分管领导 → 科室负责人 → 岗位人员

The chain is stored with dates: when it changes (someone changes posts, the level changes) the
open rows are closed and new ones opened, so who answered when is kept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from lianjing.org.models import Assignment, Department, Person
from lianjing.risks.choices import ResponsibilityRole, TargetKind

if TYPE_CHECKING:
    from lianjing.risks.models import RiskPoint


@dataclass(frozen=True)
class Link:
    role: str
    person: Person
    basis: str


def _leader_in_charge(department: Department | None) -> Person | None:
    while department is not None:
        if department.leader_in_charge_id:
            return department.leader_in_charge
        department = department.parent
    return None


def _department_head(department: Department | None, unit_id: int) -> Person | None:
    """The holder of the highest-ranked open post of the office (科室负责人)."""
    if department is None:
        return None
    assignment = (
        Assignment.objects.filter(
            post__department=department, end_date__isnull=True, post__unit_id=unit_id
        )
        .select_related("person", "post__rank")
        .order_by("-post__rank__order", "person__code")
        .first()
    )
    return assignment.person if assignment else None


def _holders(point: RiskPoint) -> list[Person]:
    if point.target_kind != TargetKind.POST or point.post_id is None:
        return []
    return [
        a.person
        for a in Assignment.objects.filter(post_id=point.post_id, end_date__isnull=True)
        .select_related("person")
        .order_by("-is_primary", "person__code")
    ]


MAIN, IN_CHARGE, HEAD, HOLDER = "单位主要领导", "分管领导", "科室负责人", "岗位人员"
OVERALL, IMPORTANT, DIRECT = (
    ResponsibilityRole.OVERALL,
    ResponsibilityRole.IMPORTANT,
    ResponsibilityRole.DIRECT,
)
# (target kind, level) → (role, rung of the ladder)
CHAINS: dict[tuple[str, int], list[tuple[str, str]]] = {
    (TargetKind.POST, 1): [(OVERALL, MAIN), (IMPORTANT, IN_CHARGE), (DIRECT, HOLDER)],
    (TargetKind.POST, 2): [(OVERALL, IN_CHARGE), (IMPORTANT, HEAD), (DIRECT, HOLDER)],
    (TargetKind.POST, 3): [(OVERALL, HEAD), (DIRECT, HOLDER)],
    (TargetKind.DEPARTMENT, 1): [(OVERALL, MAIN), (IMPORTANT, IN_CHARGE), (DIRECT, HEAD)],
    (TargetKind.DEPARTMENT, 2): [(OVERALL, IN_CHARGE), (DIRECT, HEAD)],
    (TargetKind.DEPARTMENT, 3): [(OVERALL, IN_CHARGE), (DIRECT, HEAD)],
    (TargetKind.UNIT, 1): [(OVERALL, MAIN)],
    (TargetKind.UNIT, 2): [(OVERALL, MAIN)],
    (TargetKind.UNIT, 3): [(OVERALL, MAIN)],
    (TargetKind.SECTOR, 1): [(OVERALL, MAIN)],
    (TargetKind.SECTOR, 2): [(OVERALL, MAIN)],
    (TargetKind.SECTOR, 3): [(OVERALL, MAIN)],
}


def chain(point: RiskPoint) -> list[Link]:
    """Who answers for `point` now; a person is named once, in their highest role."""
    unit = point.unit
    department = point.department
    if department is None and point.post is not None:
        department = point.post.department
    rungs = {
        MAIN: lambda: [unit.main_leader] if unit.main_leader is not None else [],
        IN_CHARGE: lambda: [p for p in [_leader_in_charge(department)] if p],
        HEAD: lambda: [p for p in [_department_head(department, unit.pk)] if p],
        HOLDER: lambda: _holders(point),
    }
    links: list[Link] = []
    seen: set[int] = set()
    for role, rung in CHAINS[(point.target_kind, point.level)]:
        for person in rungs[rung]():
            if person.pk not in seen:
                seen.add(person.pk)
                links.append(Link(role, person, rung))
    return links


def responsibility_refresh(point: RiskPoint) -> None:
    """Close the open rows that no longer hold and open the new ones (history kept)."""
    from lianjing.risks.models import Responsibility, RiskPoint

    today = timezone.localdate()
    wanted = (
        {}
        if point.status == RiskPoint.Status.RETIRED
        else {(link.role, link.person.pk): link for link in chain(point)}
    )
    open_rows = Responsibility.objects.filter(risk_point=point, until__isnull=True)
    for row in open_rows:
        if (row.role, row.person_id) not in wanted:
            row.until = today
            row.save(update_fields=["until"])
    have = {(r.role, r.person_id) for r in open_rows.filter(until__isnull=True)}
    Responsibility.objects.bulk_create(
        Responsibility(risk_point=point, role=role, person_id=pk, basis=link.basis, since=today)
        for (role, pk), link in wanted.items()
        if (role, pk) not in have
    )


def refresh_for_people(person_ids: set[int]) -> int:
    """After posts changed hands: refresh the risk points whose chain may involve these people
    (their posts, their departments, their units). Returns how many were refreshed."""
    from lianjing.risks.models import RiskPoint

    if not person_ids:
        return 0
    people = Person.objects.filter(pk__in=person_ids)
    post_ids = set(people.exclude(post__isnull=True).values_list("post_id", flat=True))
    post_ids |= set(
        Assignment.objects.filter(person_id__in=person_ids).values_list("post_id", flat=True)
    )
    unit_ids = set(people.values_list("unit_id", flat=True))
    points = RiskPoint.objects.exclude(status=RiskPoint.Status.RETIRED).filter(
        Q(post_id__in=post_ids) | Q(unit_id__in=unit_ids)
    )
    count = 0
    for point in points.select_related("unit", "post__department", "department"):
        responsibility_refresh(point)
        count += 1
    return count
