"""Writing the demo catalogue of a district with bulk inserts (about 350 powers and 4,000 flow
steps in about half a second on SQLite), not through the per-row services. What those services
enforce is checked here before anything is written: every flow sound (`flow.flow_problems`), every
benchmark well graded (`benchmarks.grade_problems`), a legal basis on every published power,
and every handler found among the posts and offices of the power's own unit. One audit event,
"powers.demo.loaded", records the load."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, fields

from django.db import transaction
from django.utils import timezone

from lianjing.core.audit import audit
from lianjing.core.db import refresh_planner_statistics
from lianjing.org.demo.rows import unit_code, unit_keys
from lianjing.org.models import Unit
from lianjing.powers import flow
from lianjing.powers.benchmarks import Grade, grade_problems
from lianjing.powers.demo.catalog import unit_catalogue
from lianjing.powers.demo.handlers import UnitDirectory
from lianjing.powers.demo.spec import DRAFT, PUBLISHED, REVOKED, Handlers, PowerT
from lianjing.powers.models import (
    Circumstance,
    DiscretionBenchmark,
    FlowEdge,
    FlowStep,
    LegalBasis,
    Power,
    PowerCategory,
)
from lianjing.powers.publication import catalogue_changed
from lianjing.powers.services import DISCRETION_CATEGORIES

BATCH_SIZE = 2000
POWER_TABLES = [
    m._meta.db_table for m in (Power, LegalBasis, FlowStep, FlowEdge, DiscretionBenchmark)
]


@dataclass(frozen=True)
class PowerDemoStats:
    region: Unit
    units: int = 0
    powers: int = 0  # every version
    published: int = 0  # current published versions
    drafts: int = 0
    revoked: int = 0
    history: int = 0  # superseded versions kept readable
    steps: int = 0
    edges: int = 0
    legal_bases: int = 0
    benchmarks: int = 0

    def counts(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "region"}


def load_powers(region: Unit) -> PowerDemoStats:
    """Write the demo catalogue of the demo district under `region`. Refused (nothing written)
    when any of its units already has powers."""
    with transaction.atomic():
        units = district_units(region)
        if Power.objects.filter(unit__in=[unit for _, unit in units]).exists():
            raise ValueError(f"{region}的职权目录已经载入过。")
        stats = _Writer(region, units).write()
        audit("powers.demo.loaded", obj=region, after=stats.counts())
        transaction.on_commit(catalogue_changed)
    refresh_planner_statistics(POWER_TABLES)
    return stats


def district_units(region: Unit) -> list[tuple[str, Unit]]:
    """(template key, unit) of the district's units, in code order."""
    codes = {unit_code(region.code, key): key for key in unit_keys()}
    units = Unit.objects.filter(code__in=codes).order_by("code")
    return [(codes[unit.code], unit) for unit in units]


def template_problems(template: PowerT) -> list[str]:
    """What the services would refuse about a template, in their words."""
    steps = [flow.StepNode(s.key, s.name, s.kind) for s in template.flow]
    edges = [flow.EdgeLink(*link) for s in template.flow for link in s.links()]
    problems = flow.flow_problems(steps, edges)
    grades = [
        Grade(row, g.violation, g.measure, g.circumstance, g.low, g.high, g.other)
        for row, g in enumerate(template.benchmarks, start=1)
    ]
    problems += grade_problems(grades)
    if template.benchmarks and template.category not in DISCRETION_CATEGORIES:
        problems.append("只有行政处罚、行政强制类职权设置裁量权基准")
    if template.status == PUBLISHED and not template.bases:
        problems.append("公布前须填写至少一项法律依据")
    return [f"{template.name}：{p}" for p in problems]


def _published_at(template: PowerT) -> datetime.datetime | None:
    if template.status == DRAFT or template.published_on is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(template.published_on, datetime.time(9)))


@dataclass
class _Planned:
    unit: Unit
    template: PowerT
    strict: bool
    power: Power | None = None


class _Writer:
    def __init__(self, region: Unit, units: list[tuple[str, Unit]]) -> None:
        self.region = region
        self.units = units
        self.directory = UnitDirectory(unit for _, unit in units)
        self.categories = dict(PowerCategory.objects.values_list("code", "pk"))
        self.circumstances = dict(Circumstance.objects.values_list("code", "pk"))

    def write(self) -> PowerDemoStats:
        planned = [
            _Planned(unit, template, strict)
            for key, unit in self.units
            for template, strict in unit_catalogue(
                key, unit.kind, unit.name, self.directory.top_post_name(unit.pk)
            )
        ]
        problems = [p for t in {p.template for p in planned} for p in template_problems(t)]
        if problems:
            raise ValueError("演示职权目录有误：" + "；".join(sorted(problems)))
        self._powers(planned)
        steps, edges = self._flows(planned)
        bases = LegalBasis.objects.bulk_create(
            (
                LegalBasis(power=p.power, title=title, article=article, order=order)
                for p in planned
                for order, (title, article) in enumerate(p.template.bases)
            ),
            batch_size=BATCH_SIZE,
        )
        benchmarks = self._benchmarks(planned)
        status = Counter((p.template.status, p.template.is_current) for p in planned)
        return PowerDemoStats(
            region=self.region,
            units=len({p.unit.pk for p in planned}),
            powers=len(planned),
            published=status[(PUBLISHED, True)],
            drafts=status[(DRAFT, True)],
            revoked=status[(REVOKED, True)],
            history=sum(n for (_, current), n in status.items() if not current),
            steps=steps,
            edges=edges,
            legal_bases=len(bases),
            benchmarks=benchmarks,
        )

    def _powers(self, planned: list[_Planned]) -> None:
        """Versions are written in waves so that each can point to the one before it."""
        written: dict[tuple[str, int], Power] = {}
        for version_no in sorted({p.template.version_no for p in planned}):
            wave = [p for p in planned if p.template.version_no == version_no]
            for p in wave:
                p.power = self._power(p, written)
            Power.objects.bulk_create([p.power for p in wave if p.power], batch_size=BATCH_SIZE)
            written.update(((p.power.code, version_no), p.power) for p in wave if p.power)

    def _power(self, p: _Planned, written: dict[tuple[str, int], Power]) -> Power:
        t = p.template
        code = f"{p.unit.code}-{t.suffix}"
        return Power(
            code=code,
            version_no=t.version_no,
            previous=written.get((code, t.version_no - 1)),
            is_current=t.is_current,
            name=t.name,
            category_id=self.categories[t.category],
            content=t.content,
            unit=p.unit,
            department_id=self._department(p.unit, t.department, p.strict),
            service_target=t.service_target,
            time_limit_value=t.limit.value if t.limit else None,
            time_limit_unit=t.limit.unit if t.limit else "",
            fee=t.fee,
            status=t.status,
            effective_year=t.effective_year,
            published_at=_published_at(t),
        )

    def _department(self, unit: Unit, picks: Handlers, strict: bool) -> int | None:
        if not picks:
            return None
        return self.directory.resolve(unit.pk, picks, strict=strict).department_id

    def _flows(self, planned: list[_Planned]) -> tuple[int, int]:
        rows = []
        for p in planned:
            for order, s in enumerate(p.template.flow):
                handler = self.directory.resolve(p.unit.pk, s.handler, strict=p.strict)
                rows.append(
                    FlowStep(
                        power=p.power,
                        key=s.key,
                        kind=s.kind,
                        name=s.name,
                        handler_post_id=handler.post_id,
                        handler_department_id=handler.department_id,
                        conditions=s.conditions,
                        procedure=s.procedure,
                        time_limit_value=s.limit.value if s.limit else None,
                        time_limit_unit=s.limit.unit if s.limit else "",
                        responsibility=s.responsibility,
                        documents=s.documents,
                        order=order,
                    )
                )
        steps = FlowStep.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        by_key = {(s.power_id, s.key): s.pk for s in steps}
        edges = FlowEdge.objects.bulk_create(
            (
                FlowEdge(
                    power=p.power,
                    source_id=by_key[(p.power.pk, source)],
                    target_id=by_key[(p.power.pk, target)],
                    label=label,
                )
                for p in planned
                if p.power
                for s in p.template.flow
                for source, target, label in s.links()
            ),
            batch_size=BATCH_SIZE,
        )
        return len(steps), len(edges)

    def _benchmarks(self, planned: list[_Planned]) -> int:
        rows = DiscretionBenchmark.objects.bulk_create(
            (
                DiscretionBenchmark(
                    power=p.power,
                    violation=g.violation,
                    measure=g.measure,
                    circumstance_id=self.circumstances[g.circumstance],
                    amount_from=g.low,
                    amount_to=g.high,
                    amount_unit=g.unit,
                    other_measure=g.other,
                    conditions=g.conditions,
                    legal_basis=g.basis,
                    order=order,
                )
                for p in planned
                for order, g in enumerate(p.template.benchmarks)
            ),
            batch_size=BATCH_SIZE,
        )
        return len(rows)
