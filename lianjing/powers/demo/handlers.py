"""Finding a step's handler among the real posts and offices of a demo unit: the posts and
offices of every unit are read once (four queries for a whole district) and a step's chain of
`Pick`s is tried in order. Units differ (a community has no offices, a 派驻纪检监察组 has no
finance staff), so the internal powers end their chains with something every unit has; the
sector catalogues resolve strictly, so a misspelt post name fails the load loudly."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from lianjing.org.models import Department, Post, Status, Unit
from lianjing.powers.demo.spec import Handlers, Pick


@dataclass(frozen=True)
class Handler:
    post_id: int | None = None
    department_id: int | None = None


@dataclass
class _Office:
    pk: int
    name: str
    in_charge_post: int | None


@dataclass
class _Post:
    pk: int
    name: str
    department: int | None
    kinds: set[str] = field(default_factory=set)


@dataclass
class _Unit:
    name: str
    kind: str
    top: int | None
    posts: list[_Post] = field(default_factory=list)
    offices: list[_Office] = field(default_factory=list)


class UnitDirectory:
    """The active posts and offices of some units, by unit pk."""

    def __init__(self, units: Iterable[Unit]) -> None:
        units = list(units)
        self.units: dict[int, _Unit] = {}
        tops = dict(
            Unit.objects.filter(pk__in=[u.pk for u in units]).values_list(
                "pk", "main_leader__post_id"
            )
        )
        for unit in units:
            self.units[unit.pk] = _Unit(unit.name, unit.kind, tops.get(unit.pk))
        kinds: dict[int, set[str]] = defaultdict(set)
        through = Post.key_kinds.through.objects.filter(post__unit__in=units)
        for post_id, code in through.values_list("post_id", "keypostkind__code"):
            kinds[post_id].add(code)
        posts = Post.objects.filter(unit__in=units, status=Status.ACTIVE).order_by("code")
        for pk, unit_id, name, department_id in posts.values_list(
            "pk", "unit_id", "name", "department_id"
        ):
            self.units[unit_id].posts.append(_Post(pk, name, department_id, kinds[pk]))
        offices = Department.objects.filter(unit__in=units, status=Status.ACTIVE)
        for pk, unit_id, name, in_charge in offices.order_by("position", "pk").values_list(
            "pk", "unit_id", "name", "leader_in_charge__post_id"
        ):
            self.units[unit_id].offices.append(_Office(pk, name, in_charge))

    def top_post_name(self, unit_id: int) -> str:
        unit = self.units[unit_id]
        return next((p.name for p in unit.posts if p.pk == unit.top), "")

    def resolve(self, unit_id: int, picks: Handlers, *, strict: bool = True) -> Handler:
        """The first pick that finds something in the unit. `strict`: finding nothing is an
        error (the sector catalogues); otherwise an empty handler comes back."""
        for pick in picks:
            found = self.pick(unit_id, pick)
            if found is not None:
                return found
        if strict:
            names = "、".join(p.name or p.how for p in picks)
            raise LookupError(f"{self.units[unit_id].name}没有可承办的岗位或机构：{names}")
        return Handler()

    def pick(self, unit_id: int, pick: Pick) -> Handler | None:
        unit = self.units[unit_id]
        if pick.how in ("dept", "dept_like"):
            office = self._office(unit, pick.name, exact=pick.how == "dept")
            return Handler(department_id=office.pk) if office else None
        post_id = self._post(unit, pick)
        return Handler(post_id=post_id) if post_id else None

    def _office(self, unit: _Unit, name: str, *, exact: bool) -> _Office | None:
        for office in unit.offices:
            if office.name == name or (not exact and name in office.name):
                return office
        return None

    def _post(self, unit: _Unit, pick: Pick) -> int | None:
        if pick.how == "top":
            return unit.top
        if pick.how == "post":
            office = self._office(unit, pick.dept, exact=True) if pick.dept else None
            if pick.dept and office is None:
                return None
            return next(
                (
                    p.pk
                    for p in unit.posts
                    if p.name == pick.name and (office is None or p.department == office.pk)
                ),
                None,
            )
        if pick.how in ("head", "head_like"):
            office = self._office(unit, pick.name, exact=pick.how == "head")
            if office is None:
                return None
            return next(
                (
                    p.pk
                    for p in unit.posts
                    if p.department == office.pk
                    and p.name.startswith(office.name)
                    and "副" not in p.name[len(office.name) :]
                ),
                None,
            )
        if pick.how == "in_charge":
            office = self._office(unit, pick.name, exact=False)
            return office.in_charge_post if office else None
        if pick.how == "deputy":
            deputies = [
                p.pk
                for p in unit.posts
                if p.department is None and "leadership" in p.kinds and p.pk != unit.top
            ]
            return deputies[pick.index % len(deputies)] if deputies else None
        if pick.how == "kind":
            return next((p.pk for p in unit.posts if pick.name in p.kinds), None)
        if pick.how == "staff":
            return next((p.pk for p in unit.posts if "leadership" not in p.kinds), None)
        raise ValueError(f"unknown pick {pick.how!r}")
