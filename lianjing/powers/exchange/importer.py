"""The all-or-nothing import of the power catalogue: read and check the whole workbook first
(reader, checks), then write every power through the services (power_create / power_revise /
power_update, flow_save, benchmarks_save: each write audited) inside one transaction, with one
summary audit event. Imported powers are drafts: publishing stays a deliberate act. If anything is
wrong nothing is written."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from lianjing.core.audit import audit
from lianjing.org.exchange.reader import FileError, Problem, Report
from lianjing.powers import services
from lianjing.powers.exchange.checks import CREATE, REPLACE, REVISE, PowerPlan, check
from lianjing.powers.exchange.compare import BENCHMARKS, FLOW, PARTICULARS, mark_changes
from lianjing.powers.exchange.reader import read_catalogue, sorted_problems
from lianjing.powers.models import Power

logger = logging.getLogger(__name__)

UNCHANGED = "unchanged"
ACTION_LABELS = {
    CREATE: "新增草稿",
    REPLACE: "修改草稿",
    REVISE: "新建修订版本（草稿）",
    UNCHANGED: "无变化，未写入",
}
PART_LABELS = {PARTICULARS: "基本信息和法律依据", FLOW: "流程", BENCHMARKS: "裁量权基准"}


@dataclass(frozen=True)
class Imported:
    code: str
    name: str
    unit: str
    action: str
    version_no: int
    changed: frozenset[str]

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]

    @property
    def changed_labels(self) -> str:
        return "、".join(label for part, label in PART_LABELS.items() if part in self.changed)


@dataclass
class Outcome:
    ok: bool
    imported: list[Imported] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0

    def count(self, action: str) -> int:
        return sum(1 for item in self.imported if item.action == action)


class Refused(Exception):
    """The write was refused after the checks passed (a rule they missed, or a concurrent
    change): the transaction is rolled back."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def file_problem(message: str) -> Problem:
    return Problem(sheet="", row=None, column="", value="", message=message)


def import_catalogue(data: bytes, *, user: Any | None, file_name: str = "") -> Outcome:
    """Import the power workbook `data` as `user` (None: the system, no scope limit)."""
    report = Report()
    try:
        rows = read_catalogue(data, report)
        plans = check(rows, report, user)
    except FileError as exc:
        return Outcome(ok=False, problems=[file_problem(str(exc))], problem_count=1)
    if report:
        return Outcome(ok=False, problems=sorted_problems(report), problem_count=report.count)
    try:
        mark_changes(plans)
        with transaction.atomic():
            _lock(plans)
            imported = [_write(plan, user) for plan in plans]
            audit(
                "powers.import.completed",
                actor=user,
                object_type="powers.import",
                object_repr=file_name[:255],
                after={
                    "file": file_name,
                    **{
                        action: [i.code for i in imported if i.action == action]
                        for action in ACTION_LABELS
                    },
                },
            )
    except Refused as exc:
        return Outcome(ok=False, problems=exc.problems, problem_count=len(exc.problems))
    except DatabaseError:
        logger.exception("power import %r: the database refused the write", file_name)
        message = (
            "写入数据库时出错（可能有人同时导入或修改了相同的职权），"
            "本次未写入任何数据，请重新导入。"
        )
        return Outcome(ok=False, problems=[file_problem(message)], problem_count=1)
    return Outcome(ok=True, imported=imported)


def _lock(plans: list[PowerPlan]) -> None:
    """Lock the versions being replaced or revised and stop if any changed since the check."""
    checked = {plan.target.pk: plan.target.version for plan in plans if plan.target is not None}
    current = dict(
        Power.objects.select_for_update().filter(pk__in=list(checked)).values_list("pk", "version")
    )
    if current != checked:
        raise Refused(
            [file_problem("导入期间有人修改了文件中的职权，本次未写入任何数据，请重新导入。")]
        )


def _write(plan: PowerPlan, user: Any | None) -> Imported:
    try:
        power = _write_power(plan, user)
    except ValidationError as exc:
        where = f"职权“{plan.code}”（“职权”表第 {plan.row.number} 行）："
        raise Refused([file_problem(where + message) for message in exc.messages]) from exc
    return Imported(
        code=power.code,
        name=power.name,
        unit=str(power.unit),
        action=plan.action if plan.changed else UNCHANGED,
        version_no=power.version_no,
        changed=frozenset(plan.changed),
    )


def _write_power(plan: PowerPlan, user: Any | None) -> Power:
    """Through the services, only the parts that change (compare.py); a revision starts as a
    copy of the published version (flow, legal bases, benchmarks)."""
    fields, bases, changed = plan.fields, plan.legal_bases, plan.changed
    grades = plan.benchmarks if BENCHMARKS in changed else None
    if plan.target is None:
        power = services.power_create(actor=user, legal_bases=bases, code=plan.code, **fields)
    elif not changed:
        return plan.target
    else:
        power = plan.target
        if plan.action == REVISE:
            power = services.power_revise(actor=user, power=power)
        if plan.unit_moved and FLOW in changed:
            # the old flow's handlers belong to the old unit: let go of them before the move
            bare = [
                replace(s, fields={**s.fields, "handler_post": None, "handler_department": None})
                for s in plan.steps or []
            ]
            services.flow_save(actor=user, power=power, steps=bare, edges=plan.edges)
        if PARTICULARS in changed:
            power = services.power_update(actor=user, power=power, legal_bases=bases, **fields)
    if plan.steps is not None and FLOW in changed:
        services.flow_save(actor=user, power=power, steps=plan.steps, edges=plan.edges)
    if grades:
        services.benchmarks_save(actor=user, power=power, rows=grades)
    return power
