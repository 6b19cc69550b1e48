"""Checking a whole power workbook before anything is written, with the rules the services
enforce (so that the write cannot fail half-way) and the importer's scope: units known, active
and within the user's POWERS_IMPORT scope; departments and handlers in the power's unit; flows
sound (`flow.flow_problems`); benchmarks well-formed and only for penalty and enforcement powers
(`benchmarks.grade_problems`). Every broken rule becomes one problem on the row (and column) where
it can be fixed. The result is one `PowerPlan` a power: what to write and how."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lianjing.accounts import permissions as perms
from lianjing.org import access
from lianjing.org.exchange.reader import Report, Row
from lianjing.org.exchange.snapshot import chunks
from lianjing.org.models import Department, Status, Unit
from lianjing.powers import flow
from lianjing.powers.benchmarks import Grade, grade_problems
from lianjing.powers.exchange.handlers import Handlers
from lianjing.powers.exchange.sheets import BENCHMARKS, POWERS, STEPS
from lianjing.powers.models import Circumstance, FlowStep, Power, PowerCategory
from lianjing.powers.services import DISCRETION_CATEGORIES, BenchmarkInput, StepInput

CREATE = "create"  # a new code: a new draft
REPLACE = "replace"  # the code's draft (first version or pending revision) is replaced
REVISE = "revise"  # the code is published: a new draft version is made and filled

STEP_TEXTS = ("conditions", "procedure", "responsibility", "documents")
_ROW_NUMBER = re.compile(r"第 (\d+) 行")


@dataclass
class PowerPlan:
    row: Row
    action: str
    target: Power | None  # the draft to replace, or the published version to revise
    fields: dict[str, Any]
    legal_bases: list[tuple[str, str]]
    steps: list[StepInput] | None = None  # None: the flow is left as it is
    edges: list[flow.EdgeLink] = field(default_factory=list)
    benchmarks: list[BenchmarkInput] | None = None  # None: the benchmarks are left as they are
    unit_moved: bool = False
    changed: set[str] = field(default_factory=set)  # filled by compare.mark_changes

    @property
    def code(self) -> str:
        return str(self.row["code"])


def check(rows: dict[str, list[Row]], report: Report, user: Any | None) -> list[PowerPlan]:
    """Check everything; the plans are only to be written when `report` stayed empty."""
    return Checker(rows, report, user).run()


def _by_power(rows: Iterable[Row]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row["power"]:
            grouped[row["power"]].append(row)
    return grouped


def _limit_pair(report: Report, sheet: Any, row: Row) -> None:
    if {"time_limit_value", "time_limit_unit"} & row.bad:
        return
    if (row["time_limit_value"] is None) != (row["time_limit_unit"] is None):
        report.add(sheet, row, "time_limit_unit", "时限和时限单位须同时填写或同时留空。")


class Checker:
    def __init__(self, rows: dict[str, list[Row]], report: Report, user: Any | None) -> None:
        self.report = report
        self.user = user
        self.powers = rows[POWERS.key]
        self.steps = _by_power(rows[STEPS.key])
        self.benchmarks = _by_power(rows[BENCHMARKS.key])
        self.categories = {c.code: c for c in PowerCategory.objects.all()}
        self.circumstances = {c.code: c for c in Circumstance.objects.all()}
        self.units = self._units()
        self.existing = self._existing()
        targets = {p.unit_id for versions in self.existing.values() for p in versions}
        self.in_scope = self._scope({u.pk for u in self.units.values()} | targets)
        self.handlers = Handlers(
            {u.pk for u in self.units.values()},
            {r["handler_post"] for rs in self.steps.values() for r in rs if r["handler_post"]},
        )

    # --- what the database holds ----------------------------------------------------------------

    def _units(self) -> dict[str, Unit]:
        codes = {row["unit"] for row in self.powers if row["unit"]}
        found: dict[str, Unit] = {}
        for batch in chunks(sorted(codes)):
            found.update((u.code, u) for u in Unit.objects.filter(code__in=batch))
        return found

    def _existing(self) -> dict[str, list[Power]]:
        codes = sorted({row["code"] for row in self.powers if row["code"]})
        versions: dict[str, list[Power]] = defaultdict(list)
        for batch in chunks(codes):
            for power in Power.objects.filter(code__in=batch).select_related("unit", "category"):
                versions[power.code].append(power)
        return versions

    def _scope(self, unit_ids: set[int]) -> set[int]:
        if self.user is None:
            return unit_ids
        allowed: set[int] = set()
        visible = access.visible(self.user, Unit, perms.POWERS_IMPORT)
        for batch in chunks(sorted(unit_ids)):
            allowed.update(visible.filter(pk__in=batch).values_list("pk", flat=True))
        return allowed

    # --- the powers -----------------------------------------------------------------------------

    def run(self) -> list[PowerPlan]:
        plans = [plan for row in self.powers if (plan := self._power(row)) is not None]
        codes = {row["code"] for row in self.powers}
        self._orphans(STEPS, self.steps, codes)
        self._orphans(BENCHMARKS, self.benchmarks, codes)
        for plan in plans:
            self._flow(plan, self.steps.get(plan.code, []))
            self._benchmarks(plan, self.benchmarks.get(plan.code, []))
        return plans

    def _power(self, row: Row) -> PowerPlan | None:
        unit = self._unit(row)
        department = self._department(row, unit)
        _limit_pair(self.report, POWERS, row)
        if row["code"] is None or "code" in row.bad:
            return None
        action, target = self._target(row)
        fields = {
            "name": row["name"],
            "category": self.categories.get(row["category"]),
            "content": row["content"],
            "unit": unit,
            "department": department,
            "service_target": row["service_target"],
            "time_limit_value": row["time_limit_value"],
            "time_limit_unit": row["time_limit_unit"] or "",
            "fee": row["fee"],
            "effective_year": row["effective_year"],
        }
        plan = PowerPlan(row, action, target, fields, row["legal_bases"] or [])
        plan.unit_moved = target is not None and unit is not None and target.unit_id != unit.pk
        return plan

    def _unit(self, row: Row) -> Unit | None:
        code = row["unit"]
        if not code or "unit" in row.bad:
            return None
        unit = self.units.get(code)
        if unit is None:
            self.report.add(POWERS, row, "unit", f"未找到单位编码“{code}”。")
        elif unit.pk not in self.in_scope:
            self.report.add(POWERS, row, "unit", f"单位“{code}”不在您的职权目录导入范围内。")
        elif unit.status != Status.ACTIVE:
            self.report.add(POWERS, row, "unit", f"单位“{unit.name}”已合并或撤销。")
        else:
            return unit
        return None

    def _department(self, row: Row, unit: Unit | None) -> Department | None:
        text = row["department"]
        if not text or unit is None:
            return None
        department, problem = self.handlers.department(unit, text)
        if problem:
            self.report.add(POWERS, row, "department", problem)
        return department

    def _target(self, row: Row) -> tuple[str, Power | None]:
        versions = self.existing.get(row["code"], [])
        if not versions:
            return CREATE, None
        if any(p.unit_id not in self.in_scope for p in versions):
            self.report.add(
                POWERS, row, "code", "该职权编码已被您的导入范围以外的单位使用，请换用其他编码。"
            )
            return CREATE, None
        current = next((p for p in versions if p.is_current), None)
        draft = next((p for p in versions if p.status == Power.Status.DRAFT), None)
        if draft is not None:
            return REPLACE, draft
        if current is not None and current.status == Power.Status.PUBLISHED:
            return REVISE, current
        self.report.add(POWERS, row, "code", "该职权已废止，不能通过导入修改；新职权请换用新编码。")
        return CREATE, None

    def _orphans(self, sheet: Any, grouped: dict[str, list[Row]], codes: set[str]) -> None:
        for code, rows in grouped.items():
            if code not in codes:
                for row in rows:
                    self.report.add(
                        sheet, row, "power", f"职权编码“{code}”不在本文件的“职权”表中。"
                    )

    # --- flows ----------------------------------------------------------------------------------

    def _flow(self, plan: PowerPlan, rows: list[Row]) -> None:
        unit = plan.fields["unit"]
        if not rows:
            self._flow_kept(plan)
            return
        steps = [self._step(row, unit) for row in rows]
        keys = {row["key"] for row in rows if row["key"]}
        edges: list[flow.EdgeLink] = []
        for row in rows:
            for edge in row["next"] or []:
                if edge.target in keys:
                    edges.append(edge)
                else:
                    self.report.add(
                        STEPS,
                        row,
                        "next",
                        f"后续环节“{edge.target}”不在职权“{plan.code}”的流程环节中。",
                    )
        if any({"key", "kind", "name", "next"} & row.bad for row in rows):
            return  # the flow's shape is not known: its cells are reported already
        nodes = [flow.StepNode(s.key, s.name, s.kind) for s in steps]
        for problem in flow.flow_problems(nodes, edges):
            where = next((r for r in rows if f"“{r['name']}”" in problem), rows[0])
            column = "kind" if problem.startswith("流程") else "next"
            self.report.add(STEPS, where, column, f"职权“{plan.code}”的流程：{problem}")
        plan.steps, plan.edges = steps, edges

    def _step(self, row: Row, unit: Unit | None) -> StepInput:
        _limit_pair(self.report, STEPS, row)
        fields: dict[str, Any] = {name: row[name] or "" for name in STEP_TEXTS}
        fields["time_limit_value"] = row["time_limit_value"]
        fields["time_limit_unit"] = row["time_limit_unit"] or ""
        fields["handler_post"] = fields["handler_department"] = None
        if unit is not None and row["handler_post"]:
            post, problem = self.handlers.post(unit, row["handler_post"])
            if problem:
                self.report.add(STEPS, row, "handler_post", problem)
            fields["handler_post"] = post
        if unit is not None and row["handler_department"]:
            department, problem = self.handlers.department(unit, row["handler_department"])
            if problem:
                self.report.add(STEPS, row, "handler_department", problem)
            fields["handler_department"] = department
        return StepInput(row["key"] or "", row["name"] or "", row["kind"] or "", fields)

    def _flow_kept(self, plan: PowerPlan) -> None:
        """No step rows: the flow stays; moving the power to another unit would then leave its
        steps with handlers of the old unit (power_update refuses that)."""
        if not plan.unit_moved or plan.target is None:
            return
        unit_id = plan.fields["unit"].pk
        foreign = FlowStep.objects.filter(power=plan.target).exclude(
            handler_post__isnull=True, handler_department__isnull=True
        )
        names = [
            s.name
            for s in foreign.select_related("handler_post", "handler_department")
            if (s.handler_post and s.handler_post.unit_id != unit_id)
            or (s.handler_department and s.handler_department.unit_id != unit_id)
        ]
        if names:
            self.report.add(
                POWERS,
                plan.row,
                "unit",
                f"该职权现有流程环节“{'、'.join(names[:5])}”的承办岗位或机构属于原单位；"
                "改变实施主体单位时，请在“流程环节”表中一并填写新的流程。",
            )

    # --- benchmarks -----------------------------------------------------------------------------

    def _benchmarks(self, plan: PowerPlan, rows: list[Row]) -> None:
        if not rows:
            return
        category = plan.fields["category"]
        if category is not None and category.code not in DISCRETION_CATEGORIES:
            for row in rows:
                self.report.add(
                    BENCHMARKS,
                    row,
                    "power",
                    f"职权“{plan.code}”的类别是“{category.name}”："
                    "只有行政处罚、行政强制类职权设置裁量权基准。",
                )
            return
        if any(not row.ok for row in rows):
            return
        grades = [
            Grade(
                row.number,
                row["violation"],
                row["measure"],
                self.circumstances[row["circumstance"]].name,
                row["amount_from"],
                row["amount_to"],
                row["other_measure"],
            )
            for row in rows
        ]
        by_number = {row.number: row for row in rows}
        for problem in grade_problems(grades):
            match = _ROW_NUMBER.search(problem)
            where = by_number.get(int(match.group(1))) if match else None
            self.report.add(BENCHMARKS, where or rows[0], None, f"职权“{plan.code}”：{problem}")
        plan.benchmarks = [self._benchmark(row) for row in rows]

    def _benchmark(self, row: Row) -> BenchmarkInput:
        return BenchmarkInput(
            violation=row["violation"],
            measure=row["measure"],
            circumstance=self.circumstances[row["circumstance"]],
            amount_from=row["amount_from"],
            amount_to=row["amount_to"],
            amount_unit=row["amount_unit"],
            other_measure=row["other_measure"],
            conditions=row["conditions"],
            legal_basis=row["legal_basis"],
        )
