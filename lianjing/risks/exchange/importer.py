"""The all-or-nothing import of risk points with their measures: read and check the whole
workbook first (reader, checks: lookups loaded once, grading in memory), then write in bulk
inside one transaction — the risk points (new drafts; no update of existing points in this
version), their measures and their responsibility rows — with one summary audit event. If
anything is wrong nothing is written."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from lianjing.core.audit import audit
from lianjing.org.exchange.reader import FileError, Problem, Report
from lianjing.org.models import Unit
from lianjing.risks.bulk import write_points
from lianjing.risks.exchange.checks import Checker, PointPlan
from lianjing.risks.exchange.reader import read_register, sorted_problems
from lianjing.risks.exchange.sheets import points_sheet
from lianjing.risks.models import RiskPoint
from lianjing.risks.services import active_model

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    ok: bool
    points: int = 0
    measures: int = 0
    responsibilities: int = 0
    by_unit: list[tuple[str, str, int]] = field(default_factory=list)  # code, name, points
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
    points = [RiskPoint(status=RiskPoint.Status.DRAFT, **plan.fields) for plan in plans]
    written = write_points(points, [plan.measures for plan in plans])
    per_unit = Counter(p.unit_id for p in points)
    units = Unit.objects.filter(pk__in=list(per_unit)).order_by("code")
    by_unit = [(u.code, u.name, per_unit[u.pk]) for u in units]
    by_level = Counter(p.level for p in points)
    outcome = Outcome(
        ok=True,
        points=len(points),
        measures=written.measures,
        responsibilities=written.responsibilities,
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
            "measures": outcome.measures,
            "responsibilities": outcome.responsibilities,
            "units": {code: count for code, _name, count in by_unit},
            "years": sorted({p.year for p in points}),
            "by_level": outcome.by_level,
        },
    )
    return outcome
