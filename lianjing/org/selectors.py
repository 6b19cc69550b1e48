"""Reads on the organisation structure (units and departments) for the pages. Every query starts
from `access.visible`, so a page can show only what the user's scope allows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from lianjing.accounts import permissions as perms
from lianjing.org import access
from lianjing.org.models import Assignment, Department, Person, Post, Status, Unit
from lianjing.org.trees import MAX_DEPTH, path_sql, subtree_sql

T = TypeVar("T", Unit, Department)


def _path(node: T, found: dict[int, T]) -> list[T]:
    """The ancestors of `node` among `found`, root first."""
    path: list[T] = []
    parent_id = node.parent_id
    while parent_id in found and len(path) < MAX_DEPTH:
        path.append(found[parent_id])
        parent_id = found[parent_id].parent_id
    return path[::-1]


def tree_order(nodes: list[T]) -> list[T]:
    """Nodes in tree order (siblings by position and code), each with `tree_depth`; a node whose
    parent is not among them starts a tree of its own."""
    present = {n.pk for n in nodes}
    children: dict[int | None, list[T]] = defaultdict(list)
    for node in sorted(nodes, key=lambda n: (n.position, n.code)):
        children[node.parent_id if node.parent_id in present else None].append(node)
    ordered: list[T] = []
    stack = [(n, 0) for n in reversed(children[None])]
    while stack:
        node, depth = stack.pop()
        node.tree_depth = depth  # type: ignore[attr-defined]
        ordered.append(node)
        stack.extend((child, depth + 1) for child in reversed(children[node.pk]))
    return ordered


# --- the unit tree --------------------------------------------------------------------------------


def _tree_nodes(queryset: QuerySet[Unit], visible: QuerySet[Unit]) -> QuerySet[Unit]:
    """Units with `has_children`: whether the user can expand them (visible children only)."""
    children = visible.filter(parent_id=OuterRef("pk"))
    return queryset.annotate(has_children=Exists(children)).order_by("position", "code")


def _tree_scope(user: Any, include_closed: bool) -> QuerySet[Unit]:
    visible = access.visible(user, Unit)
    return visible if include_closed else visible.filter(status=Status.ACTIVE)


def unit_roots(*, user: Any, include_closed: bool = False) -> QuerySet[Unit]:
    """The top of the user's visible forest: visible units whose parent is not visible (the one
    root of the whole tree for a user who sees everything; the anchor units for a scoped user)."""
    visible = _tree_scope(user, include_closed)
    parent_visible = visible.filter(pk=OuterRef("parent_id"))
    return _tree_nodes(visible.filter(~Exists(parent_visible)), visible)


def unit_children(*, user: Any, unit: Unit, include_closed: bool = False) -> QuerySet[Unit]:
    visible = _tree_scope(user, include_closed)
    return _tree_nodes(visible.filter(parent_id=unit.pk), visible)


@dataclass(frozen=True)
class Crumb:
    unit: Unit
    visible: bool


def unit_ancestors(*, user: Any, unit: Unit) -> list[Crumb]:
    """The path from the root down to the unit's parent; only visible ancestors are linked."""
    if unit.parent_id is None:
        return []
    visible = access.visible(user, Unit).filter(pk=OuterRef("pk"))
    found = {
        u.pk: u
        for u in Unit.objects.filter(pk__in=path_sql(Unit, unit.parent_id)).annotate(
            is_visible=Exists(visible)
        )
    }
    return [Crumb(a, a.is_visible) for a in _path(unit, found)]


def can_manage_whole_tree(user: Any) -> bool:
    """Whether the user may add or move units at the top level (outside any unit): only when
    their management scope is the whole tree."""
    return bool(
        access.visible(user, Unit, perms.ORG_MANAGE).exists()
        and access.reach_of(user, perms.ORG_MANAGE).everything
    )


def unit_list(*, user: Any) -> QuerySet[Unit]:
    return access.visible(user, Unit).select_related("parent", "main_leader").order_by("code")


Offer = Callable[[], list[Any]]


def unit_within_choices(*, user: Any) -> tuple[QuerySet[Unit], Offer]:
    """The units whose subtree the list can be narrowed to (visible, active, with sub-units):
    what is accepted, and what is offered in tree order."""
    units = (
        access.visible(user, Unit)
        .filter(status=Status.ACTIVE)
        .filter(Exists(Unit.objects.filter(parent_id=OuterRef("pk"))))
    )
    return units, lambda: tree_order(list(units))


UNIT_PICKER_LIMIT = 300  # above this many choosable units a picker offers a bounded part


def unit_pickable(*, user: Any, perm: str, exclude: int | None = None) -> QuerySet[Unit]:
    """Every unit a picker accepts: active, in the user's scope under `perm`."""
    units = access.visible(user, Unit, perm).filter(status=Status.ACTIVE)
    return units.exclude(pk=exclude) if exclude is not None else units


def unit_picker_options(
    *, user: Any, perm: str, selected: int | None, exclude: int | None = None
) -> tuple[Offer, bool]:
    """The units a picker offers, in tree order, and whether that is only a part of them. A
    province has thousands of units: then the picker offers the top two levels of the user's
    scope plus the path down to the selected unit with the sub-units of each unit on it, and
    choosing a unit opens its sub-units (the page refreshes the picker)."""
    pickable = unit_pickable(user=user, perm=perm, exclude=exclude)
    if pickable.count() <= UNIT_PICKER_LIMIT:
        return (lambda: tree_order(list(pickable))), False
    scope = access.visible(user, Unit, perm)
    tops = scope.filter(~Exists(scope.filter(pk=OuterRef("parent_id")))).values("pk")
    wanted = Q(pk__in=tops) | Q(parent_id__in=tops)
    if selected is not None:
        path = path_sql(Unit, selected)
        wanted |= Q(pk__in=path) | Q(parent_id__in=path)
    offered = pickable.filter(wanted)
    return (lambda: tree_order(list(offered))), True


def unit_child_list(*, user: Any, unit: Unit) -> QuerySet[Unit]:
    return access.visible(user, Unit).filter(parent_id=unit.pk).select_related("main_leader")


@dataclass(frozen=True)
class UnitCounts:
    departments: int
    posts: int
    people: int
    posts_in_subtree: int
    people_in_subtree: int


def unit_counts(*, user: Any, unit: Unit) -> UnitCounts:
    """Posts and people of the unit (and of its whole subtree) that the user may see."""
    own = Q(unit_id=unit.pk)
    posts = (
        access.visible(user, Post)
        .filter(unit_id__in=subtree_sql(Unit, unit.pk))
        .aggregate(total=Count("pk"), own=Count("pk", filter=own))
    )
    people = (
        access.visible(user, Person)
        .filter(unit_id__in=subtree_sql(Unit, unit.pk))
        .aggregate(total=Count("pk"), own=Count("pk", filter=own))
    )
    return UnitCounts(
        departments=access.visible(user, Department).filter(own).count(),
        posts=posts["own"],
        people=people["own"],
        posts_in_subtree=posts["total"],
        people_in_subtree=people["total"],
    )


# --- departments ----------------------------------------------------------------------------------


@dataclass
class DepartmentNode:
    department: Department
    children: list[DepartmentNode] = field(default_factory=list)


def _forest(departments: list[Department], top: int | None = None) -> list[DepartmentNode]:
    """Nest departments by parent. A department whose parent is not in the list (out of scope,
    or `top` itself) starts a tree of its own."""
    nodes = {d.pk: DepartmentNode(d) for d in departments}
    roots = []
    for node in nodes.values():
        parent_id = node.department.parent_id
        if parent_id in nodes and parent_id != top:
            nodes[parent_id].children.append(node)
        else:
            roots.append(node)
    return roots


def unit_department_tree(*, user: Any, unit: Unit) -> list[DepartmentNode]:
    departments = (
        access.visible(user, Department)
        .filter(unit_id=unit.pk)
        .select_related("leader_in_charge")
        .order_by("position", "code")
    )
    return _forest(list(departments))


def department_subtree(*, user: Any, department: Department) -> list[DepartmentNode]:
    """The visible sub-departments of a department, nested."""
    departments = (
        access.visible(user, Department)
        .filter(pk__in=subtree_sql(Department, department.pk))
        .exclude(pk=department.pk)
        .select_related("leader_in_charge")
        .order_by("position", "code")
    )
    return _forest(list(departments), top=department.pk)


def department_ancestors(*, user: Any, department: Department) -> list[tuple[Department, bool]]:
    if department.parent_id is None:
        return []
    visible = access.visible(user, Department).filter(pk=OuterRef("pk"))
    path = path_sql(Department, department.parent_id)
    found = {
        d.pk: d for d in Department.objects.filter(pk__in=path).annotate(is_visible=Exists(visible))
    }
    return [(d, d.is_visible) for d in _path(department, found)]


def department_choices(
    *,
    user: Any,
    unit: Unit,
    perm: str = perms.ORG_MANAGE,
    include: int | None = None,
    exclude: int | None = None,
) -> tuple[QuerySet[Department], Offer]:
    """Active departments of a unit the user may pick as a parent (what is accepted, and what is
    offered in tree order); `include` keeps a record's current value selectable, `exclude`
    leaves the department itself out."""
    visible = access.visible(user, Department, perm).filter(unit_id=unit.pk, status=Status.ACTIVE)
    chosen = Q(pk__in=visible.values("pk"))
    if include is not None:
        chosen |= Q(pk=include)
    departments = Department.objects.filter(chosen).exclude(pk=exclude)
    return departments, lambda: tree_order(list(departments))


def department_posts(*, user: Any, department: Department) -> QuerySet[Post]:
    """The department's visible posts, each with its current visible holders (`holders`)."""
    holders = (
        access.visible(user, Assignment)
        .filter(end_date__isnull=True)
        .select_related("person")
        .order_by("start_date", "id")
    )
    return (
        access.visible(user, Post)
        .filter(department_id=department.pk)
        .select_related("rank")
        .prefetch_related("key_kinds", Prefetch("assignments", holders, to_attr="holders"))
        .order_by("code")
    )


def person_choices(
    *, user: Any, unit: Unit, perm: str = perms.ORG_MANAGE, include: int | None = None
) -> QuerySet[Person]:
    """People currently in the unit whom the user may pick (a main leader, a leader in charge);
    `include` keeps a record's current value selectable."""
    chosen = Q(pk__in=access.visible(user, Person, perm).filter(unit_id=unit.pk).values("pk"))
    if include is not None:
        chosen |= Q(pk=include)
    return Person.objects.filter(chosen).order_by("name", "code")
