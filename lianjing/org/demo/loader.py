"""Demo organisation data: one district like the Chengdu seed (64 units, 2,448 posts, about 2,600
people) or a whole province of 100 such districts.

The plan comes from `plan_district` (deterministic for a seed); this module writes it with bulk
inserts and plain Python, not through the per-row services, so that a province of a quarter of a
million people loads in minutes. One audit event, "org.demo.loaded", records what was loaded.
ID numbers are encrypted one by one with the real key (Fernet takes ~11 µs per number)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any, TypeVar

from django.db import models, transaction

from lianjing.core.audit import audit
from lianjing.core.crypto import blind_index, decrypt, encrypt
from lianjing.core.db import refresh_planner_statistics
from lianjing.org.demo.names import city_name
from lianjing.org.demo.plan import plan_district
from lianjing.org.demo.rows import (
    DISTRICTS_PER_CITY,
    DistrictPlan,
    city_code,
    region_code,
    unit_code,
)
from lianjing.org.models import (
    ORG_TABLES,
    Assignment,
    Department,
    KeyPostKind,
    Person,
    Post,
    Rank,
    Unit,
)
from lianjing.org.validation import mask_id_number

BATCH_SIZE = 2000
PROVINCE_CODE = "510000"
PROVINCE_NAME = "四川省"

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class LoadCounts:
    units: int = 0
    departments: int = 0
    posts: int = 0
    people: int = 0
    assignments: int = 0
    rotated: int = 0
    long_tenure: int = 0
    concurrent: int = 0

    def counts(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(LoadCounts)}

    def __add__(self, other: LoadCounts) -> LoadCounts:
        return LoadCounts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )


@dataclass(frozen=True, kw_only=True)
class DistrictStats(LoadCounts):
    """What one district load wrote; `units` counts the units below the region node."""

    region: Unit


@dataclass(frozen=True, kw_only=True)
class ProvinceStats(LoadCounts):
    """What a province load wrote; `units` counts every unit (province, cities, districts and
    the units within them)."""

    province: Unit
    cities: int
    districts: int


# --- public API -----------------------------------------------------------------------------------


def load_district(*, seed: int = 2026, parent: Unit | None = None, index: int = 0) -> DistrictStats:
    """Create demo district `index` under `parent` (by default under 四川省 → its city, both
    created when missing). Codes start with the district's region code (510102 for index 0), so
    districts with different indexes never clash; loading an index twice is refused."""
    with transaction.atomic():
        if parent is None:
            parent = _city(_province(), index // DISTRICTS_PER_CITY)
        city = parent.name if parent.level == Unit.Level.CITY else None
        city = city or city_name(index // DISTRICTS_PER_CITY)
        plan = plan_district(seed=seed, index=index, city=city, used_ids=_existing_id_numbers())
        stats = _Writer().write(plan, parent)
        audit(
            "org.demo.loaded",
            obj=stats.region,
            after={"scale": "district", "seed": seed, "index": index, **stats.counts()},
        )
    refresh_planner_statistics(ORG_TABLES)
    return stats


def load_province(
    *,
    seed: int = 2026,
    districts: int = 100,
    progress: Callable[[int, DistrictStats], None] | None = None,
) -> ProvinceStats:
    """Create 四川省 with its cities (ten districts each: five 区 and five 县) and `districts`
    demo districts. `progress(n, stats)` is called after each district."""
    with transaction.atomic():
        province = _province()
        cities = [_city(province, c) for c in range(math.ceil(districts / DISTRICTS_PER_CITY))]
        used_ids = _existing_id_numbers()
        writer = _Writer()
        total = LoadCounts(units=1 + len(cities))
        for index in range(districts):
            city = cities[index // DISTRICTS_PER_CITY]
            plan = plan_district(seed=seed, index=index, city=city.name, used_ids=used_ids)
            stats = writer.write(plan, city)
            total += stats
            total += LoadCounts(units=1)  # the region node itself
            if progress:
                progress(index + 1, stats)
        result = ProvinceStats(
            **asdict(total), province=province, cities=len(cities), districts=districts
        )
        audit(
            "org.demo.loaded",
            obj=province,
            after={"scale": "province", "seed": seed, "districts": districts, **result.counts()},
        )
    refresh_planner_statistics(ORG_TABLES)
    return result


def demo_region(index: int = 0) -> Unit | None:
    """The region node of demo district `index`, if it was loaded."""
    return Unit.objects.filter(code=region_code(index)).first()


def demo_unit(region: Unit, key: str) -> Unit:
    """A unit of a demo district by its template key ("finance", "discipline", "street_1" …)."""
    return Unit.objects.get(code=unit_code(region.code, key))


def next_free_index() -> int:
    """The first district index whose region code is not taken (for appending a district)."""
    taken = set(Unit.objects.filter(kind=Unit.Kind.REGION).values_list("code", flat=True))
    index = 0
    while region_code(index) in taken:
        index += 1
    return index


# --- writing --------------------------------------------------------------------------------------


def _province() -> Unit:
    province, _ = Unit.objects.get_or_create(
        code=PROVINCE_CODE,
        defaults={
            "name": PROVINCE_NAME,
            "short_name": "四川",
            "level": Unit.Level.PROVINCE,
            "kind": Unit.Kind.REGION,
        },
    )
    return province


def _city(province: Unit, city_index: int) -> Unit:
    city, _ = Unit.objects.get_or_create(
        code=city_code(city_index),
        defaults={
            "name": city_name(city_index),
            "parent": province,
            "level": Unit.Level.CITY,
            "kind": Unit.Kind.REGION,
            "position": city_index,
        },
    )
    return city


def _existing_id_numbers() -> set[str]:
    tokens = Person.objects.exclude(id_number_encrypted="").values_list(
        "id_number_encrypted", flat=True
    )
    return {number for number in map(decrypt, tokens.iterator()) if number}


def _bulk(model: type[M], objects: Iterable[M]) -> list[M]:
    return model._default_manager.bulk_create(list(objects), batch_size=BATCH_SIZE)


def _by_depth(rows: list[Any], known: set[str | None]) -> Iterable[list[Any]]:
    """Rows of a tree in waves whose parents are already written."""
    pending = rows
    while pending:
        wave = [row for row in pending if row.parent in known]
        if not wave:
            raise ValueError("the demo plan has a parent that is not in the plan")
        yield wave
        known |= {row.code for row in wave}
        pending = [row for row in pending if row.code not in known]


class _Writer:
    def __init__(self) -> None:
        self.ranks = dict(Rank.objects.values_list("code", "pk"))
        self.kinds = dict(KeyPostKind.objects.values_list("code", "pk"))

    def write(self, plan: DistrictPlan, parent: Unit) -> DistrictStats:
        if Unit.objects.filter(code=plan.region_code).exists():
            raise ValueError(f"演示区（区划代码 {plan.region_code}）已经载入过。")
        units = self._units(plan, parent)
        departments = self._departments(plan, units)
        posts = self._posts(plan, units, departments)
        people = self._people(plan, posts)
        Assignment.objects.bulk_create(
            (
                Assignment(
                    person_id=people[a.person],
                    post_id=posts[a.post].pk,
                    start_date=a.start,
                    end_date=a.end,
                    is_primary=a.primary,
                    note=a.note,
                )
                for a in plan.assignments
            ),
            batch_size=BATCH_SIZE,
        )
        for unit in units.values():
            unit.main_leader_id = people[plan.main_leaders[unit.code]]
        Unit.objects.bulk_update(units.values(), ["main_leader"], batch_size=BATCH_SIZE)
        # a few deputies are in charge of many offices: one UPDATE per deputy is cheaper than
        # a CASE over every office
        offices_of: dict[int, list[int]] = defaultdict(list)
        for code, leader in plan.department_leaders.items():
            offices_of[people[leader]].append(departments[code].pk)
        for leader_id, office_ids in offices_of.items():
            Department.objects.filter(pk__in=office_ids).update(leader_in_charge_id=leader_id)
        return DistrictStats(
            region=units[plan.region_code],
            units=len(plan.units) - 1,
            departments=len(plan.departments),
            posts=len(plan.posts),
            people=len(plan.people),
            assignments=len(plan.assignments),
            rotated=plan.rotated,
            long_tenure=plan.long_tenure,
            concurrent=plan.concurrent,
        )

    def _units(self, plan: DistrictPlan, parent: Unit) -> dict[str, Unit]:
        units: dict[str, Unit] = {}
        for wave in _by_depth(plan.units, {None}):
            created = _bulk(
                Unit,
                (
                    Unit(
                        code=row.code,
                        name=row.name,
                        short_name=row.short_name,
                        level=row.level,
                        kind=row.kind,
                        parent_id=units[row.parent].pk if row.parent else parent.pk,
                        position=row.position,
                    )
                    for row in wave
                ),
            )
            units.update((unit.code, unit) for unit in created)
        return units

    def _departments(self, plan: DistrictPlan, units: dict[str, Unit]) -> dict[str, Department]:
        departments: dict[str, Department] = {}
        for wave in _by_depth(plan.departments, {None}):
            created = _bulk(
                Department,
                (
                    Department(
                        code=row.code,
                        name=row.name,
                        unit_id=units[row.unit].pk,
                        parent_id=departments[row.parent].pk if row.parent else None,
                        position=row.position,
                    )
                    for row in wave
                ),
            )
            departments.update((dept.code, dept) for dept in created)
        return departments

    def _posts(
        self, plan: DistrictPlan, units: dict[str, Unit], departments: dict[str, Department]
    ) -> dict[str, Post]:
        created = _bulk(
            Post,
            (
                Post(
                    code=row.code,
                    name=row.name,
                    unit_id=units[row.unit].pk,
                    department_id=departments[row.department].pk if row.department else None,
                    duties=row.duties,
                    rank_id=self.ranks[row.rank],
                    headcount=row.headcount,
                )
                for row in plan.posts
            ),
        )
        posts = {post.code: post for post in created}
        through = Post.key_kinds.through
        _bulk(
            through,
            (
                through(post_id=posts[row.code].pk, keypostkind_id=self.kinds[kind])
                for row in plan.posts
                for kind in row.kinds
            ),
        )
        return posts

    def _people(self, plan: DistrictPlan, posts: dict[str, Post]) -> dict[str, int]:
        current = {a.person: posts[a.post] for a in plan.assignments if a.primary and not a.end}
        created = _bulk(
            Person,
            (
                Person(
                    code=row.code,
                    name=row.name,
                    gender=row.gender,
                    birth_date=row.birth_date,
                    id_number_encrypted=encrypt(row.id_number),
                    id_number_index=blind_index(row.id_number),
                    id_number_masked=mask_id_number(row.id_number),
                    political_status=row.political_status,
                    phone=row.phone,
                    post_id=current[row.code].pk,
                    unit_id=current[row.code].unit_id,
                    department_id=current[row.code].department_id,
                )
                for row in plan.people
            ),
        )
        return {person.code: person.pk for person in created}
