"""The all-or-nothing import of risk points with their measures: read and check the whole
workbook first (reader, checks: lookups loaded once, grading in memory), then write in bulk
inside one transaction. A row without 系统编号 adds a draft risk point (its measures and its
responsibility rows); a row with one updates that point as `services.risk_point_update` would
(graded again under the model in force, version + 1, the chain refreshed when the target or the
level changed, one "risks.point.updated" event with the changed fields), or is skipped when it
changes nothing. Measures with a 措施编号 update that measure, others are added, and measures the
file leaves out are kept. One summary audit event counts what was created, updated and left
unchanged. If anything is wrong nothing is written."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from lianjing.core.audit import audit, to_json_value
from lianjing.org.exchange.reader import FileError, Problem, Report
from lianjing.org.models import Unit
from lianjing.risks.bulk import (
    add_measures,
    refresh_chains,
    update_measures,
    update_points,
    write_points,
)
from lianjing.risks.exchange.checks import Checker, PointPlan
from lianjing.risks.exchange.reader import read_register, sorted_problems
from lianjing.risks.exchange.sheets import points_sheet
from lianjing.risks.models import ControlMeasure, RiskPoint
from lianjing.risks.services import active_model

logger = logging.getLogger(__name__)


CHAIN_FIELDS = {"target_kind", "post_id", "department_id", "level"}


@dataclass
class Outcome:
    ok: bool
    points: int = 0  # created
    updated: int = 0
    unchanged: int = 0
    measures: int = 0  # created
    measures_updated: int = 0
    measures_unchanged: int = 0
    measures_kept: int = 0  # of updated points, absent from the file, left as they were
    responsibilities: int = 0  # rows opened
    # code, name, points created, updated, unchanged
    by_unit: list[tuple[str, str, int, int, int]] = field(default_factory=list)
    by_level: dict[int, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0


def file_problem(message: str) -> Problem:
    return Problem(sheet="", row=None, column="", value="", message=message)


def import_register(data: bytes, *, user: Any | None, file_name: str = "") -> Outcome:
    """Import the risk workbook `data` as `user` (None: the system, no scope limit)."""
    report = Report()
    try:
        model = active_model()
    except ValidationError as exc:
        return Outcome(ok=False, problems=[file_problem(exc.messages[0])], problem_count=1)
    sheet = points_sheet(model.scheme())
    try:
        rows = read_register(data, sheet, report)
        plans = Checker(sheet, rows, report, user).run(model)
    except FileError as exc:
        return Outcome(ok=False, problems=[file_problem(str(exc))], problem_count=1)
    if report:
        return Outcome(ok=False, problems=sorted_problems(report), problem_count=report.count)
    try:
        with transaction.atomic():
            outcome = _write(plans, user, file_name)
    except DatabaseError:
        logger.exception("risk import %r: the database refused the write", file_name)
        message = "写入数据库时出错，本次未写入任何数据，请重新导入。"
        return Outcome(ok=False, problems=[file_problem(message)], problem_count=1)
    return outcome


def _write(plans: list[PointPlan], user: Any | None, file_name: str) -> Outcome:
    new = [plan for plan in plans if plan.existing is None]
    points = [RiskPoint(status=RiskPoint.Status.DRAFT, **plan.fields) for plan in new]
    written = write_points(points, [plan.measures for plan in new])
    updated, unchanged, opened = _update(plans, user)
    measures = _measures([plan for plan in plans if plan.existing is not None])
    count: dict[str, Counter[int]] = {
        "created": Counter(p.unit_id for p in points),
        "updated": Counter(p.unit_id for p in updated),
        "unchanged": Counter(p.unit_id for p in unchanged),
    }
    unit_ids = set().union(*count.values())
    units = Unit.objects.filter(pk__in=list(unit_ids)).order_by("code")
    by_unit = [
        (u.code, u.name, count["created"][u.pk], count["updated"][u.pk], count["unchanged"][u.pk])
        for u in units
    ]
    by_level = Counter(p.level for p in points)
    outcome = Outcome(
        ok=True,
        points=len(points),
        updated=len(updated),
        unchanged=len(unchanged),
        measures=written.measures + measures["created"],
        measures_updated=measures["updated"],
        measures_unchanged=measures["unchanged"],
        measures_kept=measures["kept"],
        responsibilities=written.responsibilities + opened,
        by_unit=by_unit,
        by_level={level: by_level.get(level, 0) for level in (1, 2, 3)},
    )
    audit(
        "risks.import.completed",
        actor=user,
        object_type="risks.import",
        object_repr=file_name[:255],
        after={
            "file": file_name,
            "points": outcome.points,
            "updated": outcome.updated,
            "unchanged": outcome.unchanged,
            "measures": outcome.measures,
            "measures_updated": outcome.measures_updated,
            "measures_unchanged": outcome.measures_unchanged,
            "measures_kept": outcome.measures_kept,
            "responsibilities": outcome.responsibilities,
            "units": {code: created for code, _name, created, _u, _s in by_unit if created},
            "years": sorted({p.year for p in points}),
            "by_level": outcome.by_level,
            "updated_points": [p.pk for p in updated],
        },
    )
    return outcome


def _update(
    plans: list[PointPlan], user: Any | None
) -> tuple[list[RiskPoint], list[RiskPoint], int]:
    """The existing points the file changes (as risk_point_update: regraded, version + 1, one
    audit event each with the changed fields) and those it leaves as they are; the rows of
    responsibility opened for the points whose target or level changed."""
    updated: list[RiskPoint] = []
    unchanged: list[RiskPoint] = []
    names: set[str] = set()
    chains: list[RiskPoint] = []
    events: list[tuple[RiskPoint, dict[str, Any], dict[str, Any]]] = []
    for plan in plans:
        point = plan.existing
        if point is None:
            continue
        if not plan.changed:
            unchanged.append(point)
            continue
        before = {name: getattr(point, name) for name in plan.changed}
        for name in plan.changed:
            setattr(point, name, plan.fields[name])
        point.version += 1
        names.update(plan.changed)
        updated.append(point)
        if CHAIN_FIELDS & set(plan.changed):
            chains.append(point)
        after = {name: getattr(point, name) for name in plan.changed}
        events.append((point, before, after))
    if updated:
        update_points(updated, names)
    opened, _closed = refresh_chains(chains)
    for point, before, after in events:
        audit(
            "risks.point.updated",
            actor=user,
            obj=point,
            before=to_json_value(before),
            after=to_json_value({**after, "version": point.version, "source": "import"}),
        )
    return updated, unchanged, opened


def _measures(plans: list[PointPlan]) -> dict[str, int]:
    """Measures of existing points: new ones added, changed ones saved, the others kept."""
    rows = [
        ControlMeasure(risk_point_id=plan.existing.pk, **values)
        for plan in plans
        if plan.existing is not None
        for values in plan.measures
    ]
    add_measures(rows)
    changed: list[ControlMeasure] = []
    names: set[str] = set()
    for plan in plans:
        for pk, values in plan.measure_updates:
            measure = ControlMeasure(pk=pk, **values)
            changed.append(measure)
            names.update(values)
    update_measures(changed, names)
    return {
        "created": len(rows),
        "updated": len(changed),
        "unchanged": sum(plan.measures_unchanged for plan in plans),
        "kept": sum(plan.measures_kept for plan in plans),
    }
