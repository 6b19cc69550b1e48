"""What the public portal reads. Everything starts from `public_powers`: the version in force of
a published power, held by a unit that is still active. A draft, a revoked power, an old version
or a power of a closed or merged unit is simply not there (the views answer 404, as for a missing
one). Nothing here returns people: units, departments and posts are what catalogues publish."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from lianjing.org.models import Status, Unit
from lianjing.org.trees import UnitForest
from lianjing.powers.models import DiscretionBenchmark, FlowStep, Power, PowerCategory

PAGE_SIZE = 20


def public_powers() -> QuerySet[Power]:
    return Power.objects.filter(
        status=Power.Status.PUBLISHED, is_current=True, unit__status=Status.ACTIVE
    )


# --- the index: units that publish, grouped by their region --------------------------------------


@dataclass
class UnitEntry:
    unit: Unit
    total: int
    by_category: list[tuple[PowerCategory, int]]


@dataclass
class RegionGroup:
    region: Unit
    units: list[UnitEntry] = field(default_factory=list)


@dataclass
class PortalIndex:
    groups: list[RegionGroup]
    categories: list[tuple[PowerCategory, int]]
    total: int
    unit_count: int


def portal_index() -> PortalIndex:
    """Units with published powers under their nearest 行政区域 (district, street…), regions and
    units in the organisation's order; counts per unit and category."""
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for unit_id, category_id, n in (
        public_powers().order_by().values_list("unit_id", "category_id").annotate(n=Count("id"))
    ):
        counts[unit_id][category_id] = n
    if not counts:
        return PortalIndex([], [], 0, 0)
    categories = list(PowerCategory.objects.all())
    forest = UnitForest()
    region_of = _nearest_regions(forest, counts)
    units = Unit.objects.in_bulk([*counts, *region_of.values()])
    groups: dict[int, RegionGroup] = {}
    for unit_id in sorted(counts, key=lambda pk: _tree_order(forest, units, pk)):
        region_id = region_of[unit_id]
        group = groups.setdefault(region_id, RegionGroup(units[region_id]))
        per_category = [(c, counts[unit_id][c.pk]) for c in categories if c.pk in counts[unit_id]]
        group.units.append(UnitEntry(units[unit_id], sum(counts[unit_id].values()), per_category))
    totals = [(c, sum(per.get(c.pk, 0) for per in counts.values())) for c in categories]
    ordered = sorted(groups.values(), key=lambda g: _tree_order(forest, units, g.region.pk))
    return PortalIndex(
        ordered,
        [(c, n) for c, n in totals if n],
        sum(n for _, n in totals),
        len(counts),
    )


def _nearest_regions(forest: UnitForest, unit_ids: Iterable[int]) -> dict[int, int]:
    paths = {pk: forest.path_up(pk) for pk in unit_ids}
    on_paths = {pk for path in paths.values() for pk in path}
    regions = set(
        Unit.objects.filter(pk__in=on_paths, kind=Unit.Kind.REGION).values_list("pk", flat=True)
    )
    return {pk: next((r for r in path if r in regions), pk) for pk, path in paths.items()}


def _tree_order(forest: UnitForest, units: dict[int, Unit], pk: int) -> tuple[int, str, int]:
    """Shallow regions first; then the organisation's own order (position, code)."""
    unit = units[pk]
    return (len(forest.path_up(pk)), f"{unit.position:010d}{unit.code}", pk)


def portal_region_name() -> str:
    """The region the portal speaks for: the nearest 行政区域 holding every publishing unit
    (锦华区 for the demo district); empty when nothing is published."""
    unit_ids = set(public_powers().order_by().values_list("unit_id", flat=True).distinct())
    if not unit_ids:
        return ""
    forest = UnitForest()
    paths = [forest.path_up(pk) for pk in unit_ids]
    shared = set(paths[0]).intersection(*paths[1:])
    candidates = [pk for pk in paths[0] if pk in shared]  # nearest first
    region = (
        Unit.objects.filter(pk__in=candidates, kind=Unit.Kind.REGION)
        .values_list("pk", "name")
        .order_by()
    )
    names = dict(region)
    return next((names[pk] for pk in candidates if pk in names), "")


# --- a unit's catalogue ------------------------------------------------------------------------


@dataclass
class Catalogue:
    unit: Unit
    categories: list[tuple[PowerCategory, int]]
    total: int
    category: str  # the filter applied: a category code of this unit's, or "" for all
    page: Page[Power]


def catalogue(unit_id: int, *, terms: list[str], category: str, page: int) -> Catalogue | None:
    """A unit's published powers, by category then code, filtered by search terms (each must
    match name, code or content) and a category code (ignored unless the unit has powers of
    that category); None when the unit publishes nothing."""
    unit = Unit.objects.filter(pk=unit_id, status=Status.ACTIVE).first()
    if unit is None:
        return None
    mine = public_powers().filter(unit_id=unit.pk)
    counts = dict(mine.order_by().values_list("category_id").annotate(n=Count("id")))
    if not counts:
        return None
    categories = [(c, counts[c.pk]) for c in PowerCategory.objects.all() if c.pk in counts]
    rows = mine.select_related("category", "department").only(
        "code",
        "name",
        "category__name",
        "category__order",
        "department__name",
        "service_target",
        "time_limit_value",
        "time_limit_unit",
        "fee",
    )
    if category not in {c.code for c, _ in categories}:
        category = ""
    if category:
        rows = rows.filter(category__code=category)
    for term in terms:
        rows = rows.filter(
            Q(name__icontains=term) | Q(code__icontains=term) | Q(content__icontains=term)
        )
    rows = rows.order_by("category__order", "category_id", "code")
    paginator = Paginator(rows, PAGE_SIZE)
    return Catalogue(unit, categories, sum(counts.values()), category, paginator.get_page(page))


# --- one power -----------------------------------------------------------------------------------


@dataclass
class Grade:
    circumstance: str
    range_text: str
    conditions: str
    legal_basis: str


@dataclass
class BenchmarkGroup:
    violation: str
    measure: str
    grades: list[Grade]


@dataclass
class PowerPage:
    power: Power
    legal_bases: list[str]
    steps: list[FlowStep]
    edges: list[tuple[str, str, str]]  # source key, target key, label
    benchmarks: list[BenchmarkGroup]

    @property
    def limits(self) -> dict[str, str]:
        return {s.key: s.time_limit_text for s in self.steps if s.time_limit_text}


def superseding_version(pk: int) -> int | None:
    """The version in force of a power whose earlier published version `pk` was replaced by a
    revision: a public link to the old version leads to the current one."""
    old = Power.objects.filter(pk=pk, status=Power.Status.PUBLISHED, is_current=False).first()
    if old is None:
        return None
    return public_powers().filter(code=old.code).values_list("pk", flat=True).first()


def power_page(pk: int) -> PowerPage | None:
    power = public_powers().select_related("unit", "department", "category").filter(pk=pk).first()
    if power is None:
        return None
    steps = list(
        FlowStep.objects.filter(power=power)
        .select_related("handler_post__department", "handler_department")
        .order_by("order", "id")
    )
    edges = list(power.edges.order_by("id").values_list("source__key", "target__key", "label"))
    grades = power.benchmarks.select_related("circumstance").order_by(
        "violation", "measure", "circumstance__order", "order"
    )
    return PowerPage(
        power,
        [str(b) for b in power.legal_bases.all()],
        steps,
        edges,
        benchmark_groups(grades),
    )


def benchmark_groups(rows: Iterable[DiscretionBenchmark]) -> list[BenchmarkGroup]:
    groups: dict[tuple[str, str], BenchmarkGroup] = {}
    for row in rows:
        group = groups.setdefault(
            (row.violation, row.measure), BenchmarkGroup(row.violation, row.measure, [])
        )
        group.grades.append(
            Grade(row.circumstance.name, range_text(row), row.conditions, row.legal_basis)
        )
    return list(groups.values())


def range_text(row: DiscretionBenchmark) -> str:
    """“5000—20000元”, “20000元以上”, “警告”… as the printed benchmark tables write them."""
    unit = row.amount_unit
    low, high = _plain(row.amount_from), _plain(row.amount_to)
    if low and high:
        amount = low + unit if low == high else f"{low}—{high}{unit}"
    elif low:
        amount = f"{low}{unit}以上"
    elif high:
        amount = f"{high}{unit}以下"
    else:
        amount = ""
    return "；".join(part for part in (amount, row.other_measure) if part)


def _plain(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f")
