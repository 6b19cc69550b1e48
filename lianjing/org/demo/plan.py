"""Plans one demo district in memory, deterministically for a seed: its 64 units, their offices,
exactly 2,448 posts (the Chengdu seed's count, the district's own leadership included), and,
through `people`, about 2,600 people with valid ID numbers and who holds which post since when.

Nothing here touches the database: `loader` writes a plan with bulk inserts. Dates are relative
to `AS_OF`, so the demo reads the same whenever it is loaded."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from lianjing.org.demo.catalog import (
    CLERK,
    DEPUTY_HEAD_DUTIES,
    GENERIC_DUTIES,
    HEAD_DUTIES,
    LEAD,
    DeptT,
    LeaderT,
    PostT,
    UnitSpec,
)
from lianjing.org.demo.names import COMMUNITIES, NEW_ORGS, STREETS, VILLAGES, city_name
from lianjing.org.demo.people import Staffing
from lianjing.org.demo.rows import (
    AS_OF,
    COMMUNITIES_PER_STREET,
    DISTRICT_POSTS,
    DISTRICT_UNITS,
    DISTRICTS_PER_CITY,
    STREETS_PER_DISTRICT,
    DeptRow,
    DistrictPlan,
    PostRow,
    UnitRow,
    district_full_name,
    is_county,
    region_code,
    unit_code,
    unit_keys,
)
from lianjing.org.demo.units import (
    COMMUNITY_SPEC,
    DISTRICT_LEADERS,
    NEW_ORG_SPEC,
    STREET_SPEC,
    TOWN_SPEC,
    UNIT_SPECS,
    VILLAGE_SPEC,
)

__all__ = ["AS_OF", "DISTRICT_POSTS", "DISTRICT_UNITS", "DistrictPlan", "plan_district"]

HEADCOUNTS = ((1, 2, 3), (84, 13, 3))  # headcount of a multi post, with weights


def _walk(departments: tuple[DeptT, ...]) -> Iterator[DeptT]:
    for dept in departments:
        yield dept
        yield from _walk(dept.children)


def fixed_post_count(spec: UnitSpec) -> int:
    """Posts a unit has at least: its leaders, each office's head (and deputy) and one of each
    post template."""
    count = 1 + len(spec.deputies) + len(spec.unit_posts)
    for dept in _walk(spec.departments):
        count += 1 + int(dept.deputy) + len(dept.posts)
    return count


def _largest_remainder(total: int, weights: list[int]) -> list[int]:
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    result = [int(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (result[i] - shares[i], i))
    for i in order[: total - sum(result)]:
        result[i] += 1
    return result


# --- the planner ----------------------------------------------------------------------------------


@dataclass
class _Slot:
    """A planned unit: its spec and the names that fill the spec's templates."""

    spec: UnitSpec
    code: str
    parent: str
    context: dict[str, str]
    kind: str


class _Planner:
    def __init__(self, *, seed: int, index: int, city: str, used_ids: set[str]) -> None:
        self.rng = random.Random(f"lianjing-demo:{seed}:{index}")
        self.index = index
        self.used_ids = used_ids
        self.county = is_county(index)
        self.region = region_code(index)
        q = "县" if self.county else "区"
        self.context = {"d": district_full_name(index), "q": q, "city": city}
        self.plan = DistrictPlan(index=index, region_code=self.region, name=self.context["d"])
        self.unit_kind: dict[str, str] = {}
        self.post_seq: dict[str, int] = {}

    # structure

    def _slots(self) -> list[_Slot]:
        rng = self.rng
        streets = rng.sample(STREETS, STREETS_PER_DISTRICT)
        locals_ = VILLAGES if self.county else COMMUNITIES
        communities = rng.sample(locals_, STREETS_PER_DISTRICT * COMMUNITIES_PER_STREET)
        base = {**self.context, **{f"s{i + 1}": name for i, name in enumerate(streets)}}
        base["n"] = rng.choice(NEW_ORGS)
        codes = {key: unit_code(self.region, key) for key in unit_keys()}
        slots = [
            _Slot(
                spec,
                codes[spec.key],
                codes[spec.parent] if spec.parent else self.region,
                base,
                spec.kind,
            )
            for spec in UNIT_SPECS
        ]
        street_spec = TOWN_SPEC if self.county else STREET_SPEC
        local_spec = VILLAGE_SPEC if self.county else COMMUNITY_SPEC
        for s, street in enumerate(streets, start=1):
            code = codes[f"street_{s}"]
            slots.append(_Slot(street_spec, code, self.region, {**base, "s": street}, "government"))
        for s, street in enumerate(streets, start=1):
            for c in range(1, COMMUNITIES_PER_STREET + 1):
                name = communities[(s - 1) * COMMUNITIES_PER_STREET + c - 1]
                slots.append(
                    _Slot(
                        local_spec,
                        codes[f"community_{s}_{c}"],
                        codes[f"street_{s}"],
                        {**base, "s": street, "c": name},
                        "village",
                    )
                )
        slots.append(_Slot(NEW_ORG_SPEC, codes["new_org"], self.region, base, "new_org"))
        assert len(slots) == DISTRICT_UNITS
        return slots

    def build(self) -> DistrictPlan:
        plan = self.plan
        plan.units.append(
            UnitRow(
                self.region, plan.name, plan.name, "county", "region", None, self.index, "region"
            )
        )
        self.unit_kind[self.region] = "region"
        slots = self._slots()
        for position, slot in enumerate(slots, start=1):
            spec = slot.spec
            name = spec.county_name if self.county and spec.county_name else spec.name
            plan.units.append(
                UnitRow(
                    slot.code,
                    name.format_map(slot.context),
                    spec.short.format_map(slot.context),
                    spec.level,
                    slot.kind,
                    slot.parent,
                    position,
                    spec.key,
                )
            )
            self.unit_kind[slot.code] = slot.kind
        self._region_posts()
        fixed = [fixed_post_count(slot.spec) for slot in slots]
        spare = DISTRICT_POSTS - len(plan.posts) - sum(fixed)
        if spare < 0:
            raise ValueError("the unit templates need more posts than a district has")
        extras = _largest_remainder(
            spare, [max(s.spec.weight - f, 1) for s, f in zip(slots, fixed, strict=True)]
        )
        for slot, extra in zip(slots, extras, strict=True):
            unit_name = next(u.name for u in plan.units if u.code == slot.code)
            self._unit_posts(slot, unit_name, extra)
        assert len(plan.posts) == DISTRICT_POSTS
        Staffing(plan, self.rng, self.unit_kind, self.used_ids).staff()
        return plan

    # posts

    def _post(
        self,
        unit: str,
        dept: str | None,
        name: str,
        duties: str,
        rank: str,
        kinds: tuple[str, ...],
        role: str,
        female: float,
        multi: bool = False,
    ) -> PostRow:
        seq = self.post_seq.get(unit, 0) + 1
        self.post_seq[unit] = seq
        headcount = self.rng.choices(*HEADCOUNTS)[0] if multi else 1
        row = PostRow(
            f"{unit}-G{seq:03d}", name, unit, dept, duties, rank, kinds, headcount, role, female
        )
        self.plan.posts.append(row)
        return row

    def _leader_post(
        self, unit: str, leader: LeaderT, ctx: dict[str, str], role: str, rank: str = ""
    ) -> PostRow:
        name, duties = leader.name.format_map(ctx), leader.duties.format_map(ctx)
        rank = rank or leader.rank
        return self._post(unit, None, name, duties, rank, (LEAD,), role, leader.female)

    def _region_posts(self) -> None:
        """The district's own leadership (区委书记 …), posts of the region node. The secretary
        of a district of the capital is 副厅级, elsewhere 正处级."""
        ctx = {**self.context, "unit": self.context["d"]}
        capital = self.index < DISTRICTS_PER_CITY and not self.county
        for i, leader in enumerate(DISTRICT_LEADERS):
            if i == 0:
                self._leader_post(self.region, leader, ctx, "top", "" if capital else "division")
            else:
                self._leader_post(self.region, leader, ctx, "deputy")

    def _unit_posts(self, slot: _Slot, unit_name: str, extra: int) -> None:
        """The unit's leaders, then its offices with their posts. Each top-level office is in the
        charge of one deputy (in turn), whose duties name the offices in their charge."""
        spec, unit = slot.spec, slot.code
        ctx = {**slot.context, "unit": unit_name, "top": spec.top_short or "主要领导"}
        offices = [dept.name.format_map(ctx) for dept in spec.departments]
        managers = [d for d, leader in enumerate(spec.deputies) if leader.in_charge]
        owner = [managers[i % len(managers)] for i in range(len(offices))] if managers else []
        self._leader_post(unit, spec.top, ctx, "top")
        deputies: list[str] = []
        for d, leader in enumerate(spec.deputies):
            areas = "、".join(offices[i] for i, o in enumerate(owner) if o == d)
            row = self._leader_post(
                unit, leader, {**ctx, "areas": areas or "有关业务工作"}, "deputy"
            )
            deputies.append(row.code)
        extras = self._extras(spec, extra)
        for i, dept in enumerate(spec.departments):
            in_charge = deputies[owner[i]] if owner else None
            self._department(spec, unit, None, dept, i + 1, ctx, in_charge, extras)
        for t, template in enumerate(spec.unit_posts):
            for _ in range(1 + extras.get((None, t), 0)):
                self._staff_post(unit, None, template, ctx, spec)

    def _extras(self, spec: UnitSpec, extra: int) -> dict[tuple[str | None, int], int]:
        """How many more posts of each multi template, spread by office weight."""
        candidates: list[tuple[str | None, int]] = []
        for dept in _walk(spec.departments):
            for t, template in enumerate(dept.posts):
                if template.multi:
                    candidates += [(dept.name, t)] * dept.weight
        candidates += [(None, t) for t, p in enumerate(spec.unit_posts) if p.multi]
        counts: dict[tuple[str | None, int], int] = {}
        if not candidates:
            raise ValueError(f"unit template {spec.key} has no post that can be repeated")
        for i in range(extra):
            key = candidates[i % len(candidates)]
            counts[key] = counts.get(key, 0) + 1
        return counts

    def _department(
        self,
        spec: UnitSpec,
        unit: str,
        parent: str | None,
        dept: DeptT,
        position: int,
        ctx: dict[str, str],
        leader: str | None,
        extras: dict[tuple[str | None, int], int],
    ) -> None:
        name = dept.name.format_map(ctx)
        code = f"{parent}-{position}" if parent else f"{unit}-K{position:02d}"
        self.plan.departments.append(DeptRow(code, unit, parent, name, position, leader))
        head = dept.head_title
        function = dept.function.format_map(ctx)
        task = function.removeprefix("负责")
        dctx = {**ctx, "dept": name, "head": head, "function": function, "task": task}
        self._post(
            unit,
            code,
            f"{name}{head}",
            HEAD_DUTIES.format_map(dctx),
            spec.head_rank,
            dept.kinds,
            "head",
            0.35,
        )
        if dept.deputy:
            self._post(
                unit,
                code,
                f"{name}副{head}",
                DEPUTY_HEAD_DUTIES.format_map(dctx),
                spec.deputy_head_rank,
                dept.kinds,
                "staff",
                0.4,
            )
        for t, template in enumerate(dept.posts):
            for _ in range(1 + extras.get((dept.name, t), 0)):
                self._staff_post(unit, code, template, dctx, spec)
        for i, child in enumerate(dept.children, start=1):
            self._department(spec, unit, code, child, i, ctx, leader, extras)

    def _staff_post(
        self, unit: str, dept: str | None, template: PostT, ctx: dict[str, str], spec: UnitSpec
    ) -> None:
        name = template.name.format_map(ctx)
        if template is CLERK and dept is not None:
            name = ctx["dept"] + name
        duties = GENERIC_DUTIES if template is CLERK and dept else template.duties
        rank = template.rank if template.rank != "staff" else spec.staff_rank
        self._post(
            unit,
            dept,
            name,
            duties.format_map(ctx),
            rank,
            template.kinds,
            "staff",
            template.female,
            template.multi,
        )


def plan_district(
    *, seed: int = 2026, index: int = 0, city: str | None = None, used_ids: set[str] | None = None
) -> DistrictPlan:
    """The plan of district `index` (deterministic for `seed`). `used_ids` collects the ID
    numbers handed out so far, so that several districts never share one."""
    city = city or city_name(index // DISTRICTS_PER_CITY)
    planner = _Planner(
        seed=seed, index=index, city=city, used_ids=set() if used_ids is None else used_ids
    )
    return planner.build()
