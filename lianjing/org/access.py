"""The one place that decides who may see or change what in the organisation, and, through
`scope_q`, everything that belongs to a unit, a department, a post or a person.

A user's reach under a permission is the union over their role assignments whose role carries
that permission. Each assignment contributes its role's data scope, anchored at the
assignment's unit (or, for "self" and "department" scopes, at the user's own person record):

    self             the user's person, their posts
    department(_tree) the user's department (and its sub-offices)
    unit(_tree)      the anchor unit (and every unit below it)
    assigned_units   the stationed team's assigned units (归口联系单位) and their subtrees
    all              everything

and a role with `cross_system_rank` adds the posts of equal or higher rank than the user's own
post anywhere in the user's region (the nearest 行政区域 above them), with their holders.

Out of scope is answered exactly like a missing object: `get_visible_or_404`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from lianjing.accounts import permissions as perms
from lianjing.accounts.models import Role, RoleAssignment
from lianjing.accounts.selectors import user_has_perm
from lianjing.core.forms import PK_MAX
from lianjing.org.models import Assignment, Department, Person, Post, Unit
from lianjing.org.trees import UnitForest, subtree_sql

M = TypeVar("M", bound=Model)
Scope = Role.Scope


@dataclass
class Reach:
    """What one user reaches under one permission, as id sets."""

    everything: bool = False
    unit_ids: set[int] = field(default_factory=set)
    department_ids: set[int] = field(default_factory=set)
    person_ids: set[int] = field(default_factory=set)
    post_ids: set[int] = field(default_factory=set)
    # cross-system supervision: (region unit ids, lowest rank order)
    rank_regions: list[tuple[frozenset[int], int]] = field(default_factory=list)
    # units and departments shown for orientation because something inside them is in reach
    context_unit_ids: set[int] = field(default_factory=set)
    context_department_ids: set[int] = field(default_factory=set)
    forest: UnitForest | None = None

    @property
    def all_units(self) -> bool:
        """Every unit is in reach (everything, or a scope anchored at the top of the tree)."""
        return self.everything or (self.forest is not None and self.unit_ids >= self.forest.all_ids)

    def unit_q(self, lookup: str, ids: set[int]) -> Q:
        """`lookup` in `ids`, as the shorter of the id list and its complement."""
        if self.forest is None:
            return Q(**{f"{lookup}__in": ids}) if ids else Q(pk__in=[])
        return self.forest.id_filter(lookup, ids)

    @property
    def empty(self) -> bool:
        return not (
            self.everything
            or self.unit_ids
            or self.department_ids
            or self.person_ids
            or self.post_ids
            or self.rank_regions
        )


# --- computing a reach ------------------------------------------------------------------------


def department_subtree_ids(root_ids: Iterable[int]) -> set[int]:
    found: set[int] = set()
    for root in set(root_ids):  # a user has one department, rarely more
        subtree = subtree_sql(Department, root)
        found.update(Department.objects.filter(pk__in=subtree).values_list("pk", flat=True))
    return found


def region_of(unit_id: int, forest: UnitForest) -> int:
    """The nearest 行政区域 at or above a unit (the unit itself when there is none)."""
    path = forest.path_up(unit_id)
    regions = set(
        Unit.objects.filter(pk__in=path, kind=Unit.Kind.REGION).values_list("pk", flat=True)
    )
    return next((pk for pk in path if pk in regions), unit_id)


def forest_of(user: Any) -> UnitForest:
    """The unit forest, read once per request (cached on the user object)."""
    if not hasattr(user, "_lianjing_forest"):
        user._lianjing_forest = UnitForest()
    forest: UnitForest = user._lianjing_forest
    return forest


def own_person(user: Any) -> Person | None:
    """The person record linked to the account (cached on the user for the request)."""
    if not hasattr(user, "_lianjing_person"):
        user._lianjing_person = (
            Person.objects.select_related("post__rank").filter(user_id=user.pk).first()
        )
    person: Person | None = user._lianjing_person
    return person


def _grants(user: Any, perm: str) -> list[RoleAssignment]:
    assignments = (
        RoleAssignment.objects.filter(user_id=user.pk)
        .select_related("role")
        .prefetch_related("assigned_units")
    )
    return [a for a in assignments if perm in (a.role.permissions or [])]


def compute_reach(user: Any, perm: str) -> Reach:
    reach = Reach()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return reach
    if user.is_superuser:
        reach.everything = True
        return reach
    person = own_person(user)
    unit_roots: set[int] = set()
    unit_only: set[int] = set()
    department_roots: set[int] = set()
    department_only: set[int] = set()
    for grant in _grants(user, perm):
        scope = grant.role.scope
        if scope == Scope.ALL:
            reach.everything = True
            return reach
        if scope == Scope.UNIT_TREE and grant.unit_id:
            unit_roots.add(grant.unit_id)
        elif scope == Scope.UNIT and grant.unit_id:
            unit_only.add(grant.unit_id)
        elif scope == Scope.ASSIGNED_UNITS:
            unit_roots.update(u.pk for u in grant.assigned_units.all())
        elif scope == Scope.DEPARTMENT_TREE and person and person.department_id:
            department_roots.add(person.department_id)
        elif scope == Scope.DEPARTMENT and person and person.department_id:
            department_only.add(person.department_id)
        if person is not None:
            _add_self(reach, person)
        if grant.role.cross_system_rank and person is not None and person.post is not None:
            anchor = person.unit_id or grant.unit_id
            if anchor:
                forest = reach.forest = forest_of(user)
                region = frozenset(forest.subtree_ids([region_of(anchor, forest)]))
                reach.rank_regions.append((region, person.post.rank.order))
    if unit_roots or unit_only:
        reach.forest = forest_of(user)
        reach.unit_ids = reach.forest.subtree_ids(unit_roots) | unit_only
    reach.department_ids = department_subtree_ids(department_roots) | department_only
    _add_context(reach)
    return reach


def _add_self(reach: Reach, person: Person) -> None:
    reach.person_ids.add(person.pk)
    reach.post_ids.update(
        Assignment.objects.filter(person=person, end_date__isnull=True).values_list(
            "post_id", flat=True
        )
    )


def _add_context(reach: Reach) -> None:
    departments = Department.objects.filter(pk__in=reach.department_ids)
    reach.context_unit_ids.update(departments.values_list("unit_id", flat=True))
    posts = Post.objects.filter(pk__in=reach.post_ids)
    for unit_id, department_id in posts.values_list("unit_id", "department_id"):
        reach.context_unit_ids.add(unit_id)
        if department_id:
            reach.context_department_ids.add(department_id)
    for region, _floor in reach.rank_regions:
        reach.context_unit_ids.update(region)


def reach_of(user: Any, perm: str = perms.ORG_VIEW) -> Reach:
    cache: dict[str, Reach] | None = getattr(user, "_lianjing_reach", None)
    if cache is None:
        cache = {}
        if user is not None:
            user._lianjing_reach = cache
    if perm not in cache:
        cache[perm] = compute_reach(user, perm)
    return cache[perm]


# --- filters --------------------------------------------------------------------------------


NOTHING = Q(pk__in=[])


def scope_q(
    user: Any,
    perm: str = perms.ORG_VIEW,
    *,
    unit: str | None = None,
    department: str | None = None,
    post: str | None = None,
    person: str | None = None,
    rank: str | None = None,
) -> Q:
    """A filter for any model that belongs to the organisation. Each argument is the lookup
    from that model to the id of its unit, department, post or person (e.g. for a risk point
    on a post: unit="post__unit_id", department="post__department_id", post="post_id");
    `rank` is the lookup to the order of the post's rank, for cross-system supervision."""
    reach = reach_of(user, perm)
    if reach.everything:
        return Q()
    q = Q(pk__in=[])
    if unit and reach.unit_ids:
        q |= reach.unit_q(unit, reach.unit_ids)
    if department and reach.department_ids:
        q |= Q(**{f"{department}__in": reach.department_ids})
    if post and reach.post_ids:
        q |= Q(**{f"{post}__in": reach.post_ids})
    if person and reach.person_ids:
        q |= Q(**{f"{person}__in": reach.person_ids})
    if unit and rank:
        for region, floor in reach.rank_regions:
            q |= reach.unit_q(unit, set(region)) & Q(**{f"{rank}__gte": floor})
    return q


def _orientation(perm: str, ids: set[int]) -> set[int]:
    # units and departments around what a user reaches are shown to them, never changed by them
    return ids if perm == perms.ORG_VIEW else set()


def units_visible(user: Any, perm: str = perms.ORG_VIEW) -> QuerySet[Unit]:
    reach = reach_of(user, perm)
    if reach.everything:
        return Unit.objects.all()
    return Unit.objects.filter(
        reach.unit_q("pk", reach.unit_ids | _orientation(perm, reach.context_unit_ids))
    )


def departments_visible(user: Any, perm: str = perms.ORG_VIEW) -> QuerySet[Department]:
    reach = reach_of(user, perm)
    if reach.everything:
        return Department.objects.all()
    return Department.objects.filter(
        scope_q(user, perm, unit="unit_id", department="pk")
        | Q(pk__in=_orientation(perm, reach.context_department_ids))
    )


def posts_visible(user: Any, perm: str = perms.ORG_VIEW) -> QuerySet[Post]:
    q = scope_q(
        user, perm, unit="unit_id", department="department_id", post="pk", rank="rank__order"
    )
    return Post.objects.filter(q)


def people_visible(user: Any, perm: str = perms.ORG_VIEW) -> QuerySet[Person]:
    q = scope_q(
        user,
        perm,
        unit="unit_id",
        department="department_id",
        person="pk",
        rank="post__rank__order",
    )
    return Person.objects.filter(q)


def assignments_visible(user: Any, perm: str = perms.ORG_VIEW) -> QuerySet[Assignment]:
    """A post history is visible with its person (a join, not a subquery of every visible
    person: that would be read whole at province scale)."""
    q = scope_q(
        user,
        perm,
        unit="person__unit_id",
        department="person__department_id",
        person="person_id",
        rank="person__post__rank__order",
    )
    return Assignment.objects.filter(q)


VISIBLE = {
    Unit: units_visible,
    Department: departments_visible,
    Post: posts_visible,
    Person: people_visible,
    Assignment: assignments_visible,
}


def visible(user: Any, model: type[M], perm: str = perms.ORG_VIEW) -> QuerySet[M]:
    if not user_has_perm(user, perm):
        return model._default_manager.none()
    return VISIBLE[model](user, perm)  # type: ignore[return-value]


def get_scoped_or_404(queryset: QuerySet[M], pk: Any) -> M:
    """The object `pk` of an already scoped queryset, or the 404 of a missing object (also for a
    pk that is not a number or that the database cannot hold)."""
    try:
        key = int(pk)
    except (ValueError, TypeError) as exc:
        raise Http404 from exc
    if not 0 < key <= PK_MAX:
        raise Http404
    try:
        return queryset.get(pk=key)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def get_visible_or_404(
    user: Any,
    model: type[M],
    pk: Any,
    perm: str = perms.ORG_VIEW,
    queryset: QuerySet[M] | None = None,
) -> M:
    """The object if it exists and is in the user's scope under `perm`; 404 otherwise, the same
    404 as for an object that does not exist."""
    try:
        key = int(pk)
    except (ValueError, TypeError) as exc:
        raise Http404 from exc
    if not 0 < key <= PK_MAX:
        raise Http404
    base = visible(user, model, perm)
    if queryset is not None:
        base = queryset & base
    try:
        return base.get(pk=key)
    except model.DoesNotExist as exc:  # type: ignore[attr-defined]
        raise Http404 from exc


def can_view(user: Any, obj: Model) -> bool:
    return visible(user, type(obj)).filter(pk=obj.pk).exists()


def can_change(user: Any, obj: Model) -> bool:
    return visible(user, type(obj), perms.ORG_MANAGE).filter(pk=obj.pk).exists()


def can_view_under(user: Any, unit: Unit, perm: str) -> bool:
    """Whether `unit` is in the user's reach under `perm` (e.g. may maintain its register)."""
    return visible(user, Unit, perm).filter(pk=unit.pk).exists()
