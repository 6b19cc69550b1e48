"""The export of a catalogue in the layout of the import template, so that the file can be edited
and imported again: the current published version of every power the user may see (optionally
one unit's), or with drafts the newest version of each code (a pending revision instead of the
version in force; never-published drafts too). Revoked powers are left out."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Q
from django.utils import translation

from lianjing.accounts import permissions as perms
from lianjing.org import access
from lianjing.org.exchange.sheets import FILE_LANGUAGE
from lianjing.org.exchange.snapshot import chunks
from lianjing.org.exchange.writer import Book
from lianjing.org.models import Unit
from lianjing.powers.exchange import cells
from lianjing.powers.exchange.sheets import BENCHMARKS, POWERS, STEPS
from lianjing.powers.exchange.template import add_guide
from lianjing.powers.flow import EdgeLink
from lianjing.powers.models import DiscretionBenchmark, FlowEdge, FlowStep, LegalBasis, Power


def _labels(choices: Any) -> dict[str, str]:
    with translation.override(FILE_LANGUAGE):
        return {value: str(label) for value, label in choices.choices}


def powers_for_export(user: Any, unit: Unit | None, *, drafts: bool) -> list[Power]:
    """What the user may see under POWERS_VIEW, ordered by unit and code."""
    powers = Power.objects.filter(access.scope_q(user, perms.POWERS_VIEW, unit="unit_id"))
    powers = powers.exclude(status=Power.Status.REVOKED)
    if unit is not None:
        powers = powers.filter(unit=unit)
    if drafts:
        powers = powers.filter(Q(is_current=True) | Q(status=Power.Status.DRAFT))
    else:
        powers = powers.filter(is_current=True, status=Power.Status.PUBLISHED)
    newest: dict[str, Power] = {}
    for power in powers.select_related("unit", "department", "category"):
        if power.code not in newest or power.version_no > newest[power.code].version_no:
            newest[power.code] = power
    return sorted(newest.values(), key=lambda p: (p.unit.code, p.code))


def _power_row(power: Power, bases: list[tuple[str, str]], units: dict[str, str]) -> list[Any]:
    values = {
        "code": power.code,
        "name": power.name,
        "category": power.category.name,
        "content": power.content,
        "unit": power.unit.code,
        "department": power.department.code if power.department else "",
        "service_target": power.service_target,
        "time_limit_value": power.time_limit_value,
        "time_limit_unit": units.get(power.time_limit_unit, ""),
        "fee": power.fee,
        "effective_year": power.effective_year,
        "legal_bases": cells.legal_bases_text(bases),
    }
    return [values[f.key] for f in POWERS.fields]


def _step_row(
    code: str, step: FlowStep, edges: list[EdgeLink], labels: dict[str, dict[str, str]]
) -> list[Any]:
    values = {
        "power": code,
        "key": step.key,
        "kind": labels["kinds"].get(step.kind, step.kind),
        "name": step.name,
        "handler_post": step.handler_post.code if step.handler_post else "",
        "handler_department": step.handler_department.code if step.handler_department else "",
        "conditions": step.conditions,
        "procedure": step.procedure,
        "time_limit_value": step.time_limit_value,
        "time_limit_unit": labels["units"].get(step.time_limit_unit, ""),
        "responsibility": step.responsibility,
        "documents": step.documents,
        "next": cells.next_text(edges),
    }
    return [values[f.key] for f in STEPS.fields]


def _benchmark_row(code: str, b: DiscretionBenchmark) -> list[Any]:
    values = {
        "power": code,
        "violation": b.violation,
        "measure": b.measure,
        "circumstance": b.circumstance.name,
        "amount_from": b.amount_from,
        "amount_to": b.amount_to,
        "amount_unit": b.amount_unit,
        "other_measure": b.other_measure,
        "conditions": b.conditions,
        "legal_basis": b.legal_basis,
    }
    return [values[f.key] for f in BENCHMARKS.fields]


class Export:
    """Rows of the three sheets, read a batch of powers at a time."""

    def __init__(self, powers: list[Power]) -> None:
        self.powers = powers
        self.labels = {"kinds": _labels(FlowStep.Kind), "units": _labels(Power.LimitUnit)}
        self.rows: dict[str, list[list[Any]]] = {"powers": [], "steps": [], "benchmarks": []}
        for batch in chunks(powers):
            self._batch(batch)

    def _batch(self, batch: list[Power]) -> None:
        ids = [p.pk for p in batch]
        bases: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for power_id, title, article in (
            LegalBasis.objects.filter(power_id__in=ids)
            .order_by("order", "id")
            .values_list("power_id", "title", "article")
        ):
            bases[power_id].append((title, article))
        steps: dict[int, list[FlowStep]] = defaultdict(list)
        for step in (
            FlowStep.objects.filter(power_id__in=ids)
            .select_related("handler_post", "handler_department")
            .order_by("order", "id")
        ):
            steps[step.power_id].append(step)
        edges: dict[int, list[EdgeLink]] = defaultdict(list)
        for source_id, target_key, label in (
            FlowEdge.objects.filter(power_id__in=ids)
            .order_by("id")
            .values_list("source_id", "target__key", "label")
        ):
            edges[source_id].append(EdgeLink("", target_key, label))
        grades: dict[int, list[DiscretionBenchmark]] = defaultdict(list)
        for grade in DiscretionBenchmark.objects.filter(power_id__in=ids).select_related(
            "circumstance"
        ):
            grades[grade.power_id].append(grade)
        for power in batch:
            self.rows["powers"].append(_power_row(power, bases[power.pk], self.labels["units"]))
            for step in steps[power.pk]:
                row = _step_row(power.code, step, edges[step.pk], self.labels)
                self.rows["steps"].append(row)
            for grade in grades[power.pk]:
                self.rows["benchmarks"].append(_benchmark_row(power.code, grade))

    def counts(self) -> dict[str, int]:
        return {key: len(rows) for key, rows in self.rows.items()}

    def workbook(self) -> bytes:
        book = Book()
        add_guide(book, example=False)
        for sheet in (POWERS, STEPS, BENCHMARKS):
            book.sheet(sheet, iter(self.rows[sheet.key]))
        return book.save()


def export_workbook(user: Any, unit: Unit | None, *, drafts: bool = False) -> tuple[bytes, Any]:
    export = Export(powers_for_export(user, unit, drafts=drafts))
    return export.workbook(), export.counts()
