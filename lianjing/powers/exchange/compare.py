"""What a checked plan would change in the version it replaces or revises: its particulars (with
legal bases), its flow, its benchmarks. Parts left as they are are not written again, and a power
the file leaves wholly unchanged is skipped: re-importing an exported catalogue after editing three
powers makes three revisions, not one per power, and the audit log records real changes only."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from lianjing.org.exchange.snapshot import chunks
from lianjing.powers.exchange.checks import CREATE, PowerPlan
from lianjing.powers.models import DiscretionBenchmark, FlowEdge, FlowStep, LegalBasis, Power
from lianjing.powers.services import BenchmarkInput, StepInput

PARTICULARS = "particulars"
FLOW = "flow"
BENCHMARKS = "benchmarks"

POWER_FIELDS = (
    "name",
    "category",
    "content",
    "unit",
    "department",
    "service_target",
    "time_limit_value",
    "time_limit_unit",
    "fee",
    "effective_year",
)
FOREIGN = {"category", "unit", "department"}
STEP_FIELDS = (
    "handler_post",
    "handler_department",
    "conditions",
    "procedure",
    "time_limit_value",
    "time_limit_unit",
    "responsibility",
    "documents",
)
GRADE_FIELDS = (
    "violation",
    "measure",
    "circumstance",
    "amount_from",
    "amount_to",
    "amount_unit",
    "other_measure",
    "conditions",
    "legal_basis",
)


def _pk(value: Any) -> Any:
    return getattr(value, "pk", value)


def _particulars(values: dict[str, Any], bases: list[tuple[str, str]]) -> tuple[Any, ...]:
    return (*(_pk(values[name]) for name in POWER_FIELDS), tuple(bases))


def _step(key: str, kind: str, name: str, fields: dict[str, Any]) -> tuple[Any, ...]:
    return (key, kind, name, *(_pk(fields[f]) for f in STEP_FIELDS))


def _grade(values: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(_pk(values[name]) for name in GRADE_FIELDS)


def _grades(rows: list[BenchmarkInput]) -> list[tuple[Any, ...]]:
    return sorted((_grade(vars(r)) for r in rows), key=repr)


class Stored:
    """The legal bases, flows and benchmarks of the versions being replaced or revised, read a
    batch at a time."""

    def __init__(self, powers: list[Power]) -> None:
        self.bases: dict[int, list[tuple[str, str]]] = defaultdict(list)
        self.steps: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        self.edges: dict[int, set[tuple[str, str, str]]] = defaultdict(set)
        self.grades: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        for batch in chunks([p.pk for p in powers]):
            self._read(batch)
        for grades in self.grades.values():
            grades.sort(key=repr)

    def _read(self, ids: list[int]) -> None:
        bases = LegalBasis.objects.filter(power_id__in=ids).order_by("order", "id")
        for power_id, title, article in bases.values_list("power_id", "title", "article"):
            self.bases[power_id].append((title, article))
        names = (
            "power_id",
            "key",
            "kind",
            "name",
            *(f"{f}_id" if f.startswith("handler") else f for f in STEP_FIELDS),
        )
        steps = FlowStep.objects.filter(power_id__in=ids).order_by("order", "id")
        for row in steps.values_list(*names):
            self.steps[row[0]].append(tuple(row[1:]))
        edges = FlowEdge.objects.filter(power_id__in=ids)
        links = edges.values_list("power_id", "source__key", "target__key", "label")
        for power_id, source, target, label in links:
            self.edges[power_id].add((source, target, label))
        grade_names = [f"{f}_id" if f == "circumstance" else f for f in GRADE_FIELDS]
        grades = DiscretionBenchmark.objects.filter(power_id__in=ids)
        for power_id, *grade in grades.values_list("power_id", *grade_names):
            self.grades[power_id].append(tuple(grade))


def mark_changes(plans: list[PowerPlan]) -> None:
    """Fill each plan's `changed` with the parts that differ from the stored version."""
    targets = [plan.target for plan in plans if plan.target is not None]
    stored = Stored(targets)
    for plan in plans:
        if plan.action == CREATE or plan.target is None:
            plan.changed = {PARTICULARS, FLOW, BENCHMARKS}
            continue
        pk = plan.target.pk
        changed = set()
        before = {
            name: getattr(plan.target, f"{name}_id" if name in FOREIGN else name)
            for name in POWER_FIELDS
        }
        if _particulars(plan.fields, plan.legal_bases) != _particulars(before, stored.bases[pk]):
            changed.add(PARTICULARS)
        if plan.steps is not None and _flow(plan.steps, plan.edges) != (
            stored.steps[pk],
            stored.edges[pk],
        ):
            changed.add(FLOW)
        if plan.benchmarks is not None and _grades(plan.benchmarks) != stored.grades[pk]:
            changed.add(BENCHMARKS)
        plan.changed = changed


def _flow(steps: list[StepInput], edges: list[Any]) -> tuple[list[tuple[Any, ...]], set[Any]]:
    return (
        [_step(s.key, s.kind, s.name, s.fields) for s in steps],
        {(e.source, e.target, e.label) for e in edges},
    )
