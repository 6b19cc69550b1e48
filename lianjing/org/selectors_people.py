"""Reads for the posts, people and assignments pages. Every query of organisation records starts
from access.visible, so a page can only show what the user's scope reaches; related rows come
with select_related / prefetch_related so that a page costs the same few queries at a district
or at a province."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Case, Q, QuerySet, Value, When
from django.db.models.functions import Concat

from lianjing.accounts import permissions as perms
from lianjing.accounts.selectors import user_has_perm
from lianjing.org import access
from lianjing.org.models import (
    Assignment,
    Department,
    KeyPostKind,
    Person,
    Post,
    Rank,
    Status,
    Unit,
)
from lianjing.org.trees import path_sql, subtree_sql

INDENT = "\u3000"  # an ideographic space: browsers keep it at the start of an <option>
DEPARTMENTS_WITHOUT_UNIT = 50  # offered without choosing a unit first only when this few


# --- lists ------------------------------------------------------------------------------------


def post_list(user: Any) -> QuerySet[Post]:
    """The posts in the user's scope, with what the list shows (for the export)."""
    return post_rows(access.visible(user, Post).order_by("code"))


def post_rows(queryset: QuerySet[Post]) -> QuerySet[Post]:
    return queryset.select_related("unit", "department", "rank").prefetch_related("key_kinds")


def person_list(user: Any) -> QuerySet[Person]:
    return person_rows(access.visible(user, Person).order_by("code"))


def person_rows(queryset: QuerySet[Person]) -> QuerySet[Person]:
    return queryset.select_related("unit", "department", "post__rank")


SORT_BELOW = 20_000


def page_keys(queryset: QuerySet[Any], count: int) -> QuerySet[Any]:
    """The keys of a list in its order (by code), to be sliced into a page. When the filter
    leaves few rows, they are sorted rather than found by walking the code index: the index
    walk is quick when matches are spread over the table, but the people of one district sit
    together in code order, and a database that expects them everywhere walks through half the
    table (120,000 rows, 20 ms) to reach them, where sorting the 2,500 of them takes 2 ms."""
    if count > SORT_BELOW:
        return queryset.values("pk")
    return queryset.order_by(Concat("code", Value(""))).values("pk")


def post_page(keys: QuerySet[Any]) -> QuerySet[Post]:
    """The rows of one page of posts, selected by `keys`: a sliced subquery of the scoped,
    filtered list (see views_people.OrgListPage)."""
    return post_rows(Post.objects.filter(pk__in=keys).order_by("code"))


def person_page(keys: QuerySet[Any]) -> QuerySet[Person]:
    return person_rows(Person.objects.filter(pk__in=keys).order_by("code"))


# --- single records -----------------------------------------------------------------------------


def post_get(user: Any, pk: Any, perm: str = perms.ORG_VIEW) -> Post:
    """The post if it is in the user's scope under `perm` (404 otherwise)."""
    queryset = Post.objects.select_related("unit", "department", "rank").prefetch_related(
        "key_kinds"
    )
    return access.get_visible_or_404(user, Post, pk, perm, queryset=queryset)


def person_get(user: Any, pk: Any, perm: str = perms.ORG_VIEW) -> Person:
    queryset = Person.objects.select_related("unit", "department", "post__rank", "user")
    return access.get_visible_or_404(user, Person, pk, perm, queryset=queryset)


def assignment_get(user: Any, pk: Any, perm: str = perms.ORG_VIEW) -> Assignment:
    queryset = Assignment.objects.select_related("person", "post__unit", "post__department")
    return access.get_visible_or_404(user, Assignment, pk, perm, queryset=queryset)


def post_assignments(user: Any, post: Post) -> list[Assignment]:
    """Who held the post and when, newest first; only people in the user's scope."""
    return list(
        access.visible(user, Assignment)
        .filter(post=post)
        .select_related("person__unit")
        .order_by("-start_date", "-id")
    )


def person_assignments(user: Any, person: Person) -> list[Assignment]:
    """The person's full post history, newest first."""
    return list(
        access.visible(user, Assignment)
        .filter(person=person)
        .select_related("post__unit", "post__department", "post__rank")
        .order_by("-start_date", "-id")
    )


def visible_ids(user: Any, model: type[Any], ids: Iterable[int | None]) -> set[int]:
    """Which of these records the user may open (to link only those: the others would be 404)."""
    wanted = {pk for pk in ids if pk}
    if not wanted:
        return set()
    if user_has_perm(user, perms.ORG_VIEW) and access.reach_of(user).everything:
        return wanted  # records referenced by foreign keys exist: nothing to ask
    return set(access.visible(user, model).filter(pk__in=wanted).values_list("pk", flat=True))


def can_manage(user: Any, obj: Any) -> bool:
    return access.can_change(user, obj)


# --- pickers --------------------------------------------------------------------------------------
# A province has thousands of units and tens of thousands of departments and posts: a <select>
# listing all of them would make every page that shows it slow. Pickers offer a bounded set
# (the top of the tree, the path to the current choice and what lies directly below it), always
# including the current choice when it is in scope, so that the same query validates the choice
# (forms_people.PickerField); they are refreshed with htmx when the choice changes.


def _tree_order(nodes: list[Any], roots: set[int]) -> list[tuple[Any, int]]:
    """Depth-first order of `nodes` (each with pk and parent_id), starting from `roots`."""
    children: dict[int | None, list[Any]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    ordered: list[tuple[Any, int]] = []

    def walk(node: Any, depth: int) -> None:
        ordered.append((node, depth))
        for child in children.get(node.pk, []):
            walk(child, depth + 1)

    for node in nodes:
        if node.pk in roots:
            walk(node, 0)
    return ordered


def in_department_subtree(department_pk: int, field: str = "department_id") -> Q:
    """Records whose `field` is the department or one of its sub-offices (an exact list, read
    with one recursive query: an office has a handful of sub-offices)."""
    below = Department.objects.filter(pk__in=subtree_sql(Department, department_pk))
    return Q(**{f"{field}__in": sorted(below.values_list("pk", flat=True))})


Option = tuple[Any, str]  # (record, label)
# the fields read for a picker, in the models' field order (Model.from_db expects that order)
RANK_FIELDS = ("id", "code", "name", "order")
KIND_FIELDS = ("id", "code", "name")
UNIT_FIELDS = ("id", "parent_id", "code", "name", "position")


def reference_options() -> tuple[list[Option], list[Option]]:
    """The ranks (lowest first) and the kinds of key post, in one query: two tiny tables that
    every list of posts and people filters on."""
    ranks = Rank.objects.order_by().values_list("id", "code", "name", "order", Value("rank"))
    kinds = KeyPostKind.objects.order_by().values_list("id", "code", "name", "id", Value("kind"))
    rows = sorted(ranks.union(kinds, all=True), key=lambda row: (row[4], row[3]))
    return (
        [(Rank.from_db(None, RANK_FIELDS, row[:4]), row[2]) for row in rows if row[4] == "rank"],
        [
            (KeyPostKind.from_db(None, KIND_FIELDS, row[:3]), row[2])
            for row in rows
            if row[4] == "kind"
        ],
    )


def unit_options(user: Any, selected_pk: int | None, perm: str = perms.ORG_VIEW) -> list[Option]:
    """The units to offer, in tree order, in one query: the top units of the user's scope and
    the units one level below them, plus the path down to the unit `selected_pk` (the part of
    it in scope, the unit itself included) with the sub-units of each unit on it."""
    visible = access.visible(user, Unit, perm)
    if access.reach_of(user, perm).all_units:
        wanted = Q(parent__isnull=True) | Q(parent__parent__isnull=True)
        if selected_pk is not None:
            path = path_sql(Unit, selected_pk)
            wanted |= Q(pk__in=path) | Q(parent_id__in=path)
        nodes = list(visible.filter(wanted).only(*UNIT_FIELDS))
    else:
        nodes = _scoped_unit_nodes(visible, selected_pk)
    nodes.sort(key=lambda u: (u.position, u.code))
    present = {u.pk for u in nodes}
    roots = {u.pk for u in nodes if u.parent_id not in present}
    return [(u, f"{INDENT * depth}{u.name}") for u, depth in _tree_order(nodes, roots)]


def _scoped_unit_nodes(visible: QuerySet[Unit], selected_pk: int | None) -> list[Unit]:
    # A scope is a set of units (possibly thousands): read it once as plain rows and pick the
    # nodes in memory, rather than repeating the set in several subqueries.
    rows = {row[0]: row for row in visible.values_list(*UNIT_FIELDS)}
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id, *_rest in rows.values():
        children[parent_id].append(pk)
    roots = [pk for pk, row in rows.items() if row[1] not in rows]
    shown = {*roots, *(child for root in roots for child in children[root])}
    node = selected_pk if selected_pk in rows else None
    while node is not None:  # up the path, as far as the scope goes
        shown.update([node, *children[node]])
        node = rows[node][1] if rows[node][1] in rows else None
    return [Unit.from_db(visible.db, UNIT_FIELDS, rows[pk]) for pk in shown]


def department_options(
    user: Any, unit: Unit | None, selected_pk: int | None, perm: str = perms.ORG_VIEW
) -> list[Option]:
    """In one query: the departments of `unit` in tree order, or without a unit every
    department in scope when there are only a few (named with their unit); and the department
    `selected_pk` when it is in scope."""
    visible = access.visible(user, Department, perm).select_related("unit")
    if unit is not None:
        wanted = Q(unit=unit) | Q(pk=selected_pk) if selected_pk is not None else Q(unit=unit)
        departments = list(visible.filter(wanted))
    else:
        order = ["unit__code", "position", "code"]
        if selected_pk is not None:  # the chosen one first, so that the limit keeps it
            visible = visible.annotate(chosen=Case(When(pk=selected_pk, then=1), default=0))
            order.insert(0, "-chosen")
        departments = list(visible.order_by(*order)[: DEPARTMENTS_WITHOUT_UNIT + 1])
        if len(departments) > DEPARTMENTS_WITHOUT_UNIT:
            departments = [d for d in departments if d.pk == selected_pk]
    own_unit = unit.pk if unit is not None else None
    departments.sort(key=lambda d: (d.unit_id != own_unit, d.unit.code, d.position, d.code))
    present = {d.pk for d in departments}
    roots = {d.pk for d in departments if d.parent_id not in present}
    options = []
    for department, depth in _tree_order(departments, roots):
        own = unit is not None and department.unit_id == unit.pk
        label = department.name if own else f"{department.unit.name} · {department.name}"
        options.append((department, f"{INDENT * depth}{label}"))
    return options


def post_options(
    user: Any, unit: Unit | None, selected_pk: int | None, perm: str = perms.ORG_MANAGE
) -> list[Option]:
    """In one query: the active posts of `unit` the user may assign people to, and the post
    `selected_pk` when it is active and in scope; labelled "name（department）"."""
    wanted = Q(unit=unit) if unit is not None else Q(pk__in=[])
    if selected_pk is not None:
        wanted |= Q(pk=selected_pk)
    posts = (
        access.visible(user, Post, perm)
        .filter(wanted, status=Status.ACTIVE)
        .select_related("department")
        .order_by("department__position", "department__code", "code")
    )
    return [(p, f"{p.name}（{p.department.name}）" if p.department else p.name) for p in posts]
