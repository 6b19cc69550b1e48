"""Writing many risk points at once (an import, the demo): new points, their measures and their
responsibility chains in bulk, the chains built with the organisation loaded once; and, for a
re-import, changed points, measures and the chains of points whose target or level changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError
from django.utils import timezone

from lianjing.org.exchange.snapshot import chunks
from lianjing.risks.exchange.chains import Org
from lianjing.risks.models import ControlMeasure, Responsibility, RiskPoint

BATCH = 2000


@dataclass(frozen=True)
class Written:
    points: int
    measures: int
    responsibilities: int


def write_points(points: list[RiskPoint], measures: Sequence[Sequence[dict[str, Any]]]) -> Written:
    """`measures[i]` are the field values of the measures of `points[i]`."""
    RiskPoint.objects.bulk_create(points, batch_size=BATCH)
    if any(p.pk is None for p in points):  # a backend that does not return the new ids
        raise DatabaseError("bulk_create returned no primary keys")
    rows = [
        ControlMeasure(risk_point_id=point.pk, **values)
        for point, values_list in zip(points, measures, strict=True)
        for values in values_list
    ]
    ControlMeasure.objects.bulk_create(rows, batch_size=BATCH)
    org = Org({p.unit_id for p in points})
    today = timezone.localdate()
    links = [
        Responsibility(
            risk_point_id=point.pk, role=role, person_id=person, basis=basis, since=today
        )
        for point in points
        for role, person, basis in org.chain(point)
    ]
    Responsibility.objects.bulk_create(links, batch_size=BATCH)
    return Written(len(points), len(rows), len(links))


def update_points(points: list[RiskPoint], attnames: set[str]) -> None:
    """Save the changed `attnames` of existing points (set on the instances), with their version
    bumped by the caller and updated_at set here (bulk_update skips auto_now)."""
    now = timezone.now()
    for point in points:
        point.updated_at = now
    names = {RiskPoint._meta.get_field(n).name for n in attnames} | {"version", "updated_at"}
    RiskPoint.objects.bulk_update(points, sorted(names), batch_size=500)


def update_measures(measures: list[ControlMeasure], attnames: set[str]) -> None:
    names = sorted({ControlMeasure._meta.get_field(n).name for n in attnames})
    if measures and names:
        ControlMeasure.objects.bulk_update(measures, names, batch_size=500)


def add_measures(rows: list[ControlMeasure]) -> None:
    ControlMeasure.objects.bulk_create(rows, batch_size=BATCH)


def refresh_chains(points: list[RiskPoint]) -> tuple[int, int]:
    """`responsibility.responsibility_refresh` for many points whose target or level changed:
    open rows that no longer hold are closed (until today), missing ones opened; history kept.
    Returns (opened, closed)."""
    if not points:
        return 0, 0
    org = Org({p.unit_id for p in points})
    today = timezone.localdate()
    wanted = {
        point.pk: {(role, person): basis for role, person, basis in org.chain(point)}
        for point in points
    }
    closing: list[int] = []
    have: set[tuple[int, str, int]] = set()
    for batch in chunks(sorted(wanted)):
        open_rows = Responsibility.objects.filter(
            risk_point_id__in=batch, until__isnull=True
        ).values_list("pk", "risk_point_id", "role", "person_id")
        for pk, point, role, person in open_rows:
            if (role, person) in wanted[point]:
                have.add((point, role, person))
            else:
                closing.append(pk)
    for batch in chunks(closing):
        Responsibility.objects.filter(pk__in=batch).update(until=today)
    links = [
        Responsibility(risk_point_id=point, role=role, person_id=person, basis=basis, since=today)
        for point, chain in wanted.items()
        for (role, person), basis in chain.items()
        if (point, role, person) not in have
    ]
    Responsibility.objects.bulk_create(links, batch_size=BATCH)
    return len(links), len(closing)
