"""Writing many new risk points at once (an import, the demo): the points, their measures and
their responsibility chains in bulk, the chains built with the organisation loaded once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError
from django.utils import timezone

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
