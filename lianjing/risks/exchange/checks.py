"""Checking a whole risk workbook before anything is written, with the rules the services
enforce (services._check_target, _apply_grading, _apply_override, measure_add) so that the bulk
write cannot fail half-way, and the importer's scope: every unit known, active and within the
user's RISKS_MANAGE scope. The lookups (units, posts, departments, powers, steps, people) are
loaded once. Each broken rule is one problem on the row and column where it can be fixed; the
result is one `PointPlan` a risk point, graded in memory.

A row with a 系统编号 updates that risk point: it must be one the user may maintain (an unknown
number and one out of scope get the same message, so the file cannot probe for points), not
retired, of the same unit and year as the row. Its plan says which fields change (none: the point
is skipped); measures with a 措施编号 update that measure of the point, those without are added,
and the point's measures the file leaves out are kept."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max

from lianjing.accounts import permissions as perms
from lianjing.org import access
from lianjing.org.exchange.reader import Report, Row
from lianjing.org.exchange.sheets import Sheet
from lianjing.org.exchange.snapshot import chunks
from lianjing.org.models import Department, Person, Post, Status, Unit
from lianjing.powers.models import FlowStep, Power
from lianjing.risks import grading
from lianjing.risks.choices import TargetKind
from lianjing.risks.exchange.sheets import FACTOR_PREFIX, ID, MEASURES, grading_fields
from lianjing.risks.hooks import closed_registers
from lianjing.risks.models import ControlMeasure, GradingModel, RiskPoint
from lianjing.risks.selectors import risk_points_visible

LEVEL_NAMES = grading.LEVEL_NAMES
NOT_FOUND = "系统编号不存在或不在您的维护范围内。"
LOCKED = "该风险点所在台账已签字备案，不能修改；如需修改，请发起台账修订。"
TEXTS = {
    "sector",
    "description",
    "manifestations",
    "causes",
    "override_reason",
    "override_participants",
}
MEASURE_FIELDS = ("kind", "content", "owner_id", "due_date", "status", "check_method")


@dataclass
class PointPlan:
    row: Row
    unit_id: int
    fields: dict[str, Any]  # RiskPoint fields by attname (unit_id, post_id…)
    measures: list[dict[str, Any]] = field(default_factory=list)  # new ones
    existing: RiskPoint | None = None  # the point a row with a 系统编号 updates
    changed: list[str] = field(default_factory=list)  # its fields (attnames) the row changes
    measure_updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    measure_fields_changed: set[str] = field(default_factory=set)
    measures_unchanged: int = 0
    measures_kept: int = 0  # measures of the point the file leaves out (kept as they are)


@dataclass(frozen=True)
class Lookups:
    """What the file refers to, loaded once."""

    units: dict[str, Unit]
    in_scope: set[int]
    posts: dict[str, dict[str, Any]]
    departments: dict[int, list[dict[str, Any]]]  # by unit
    powers: dict[tuple[int, str], int]  # (unit, code) → current version's pk
    steps: dict[tuple[int, str], int]  # (power, key) → step pk
    people: dict[str, dict[str, Any]]
    existing: dict[int, RiskPoint]  # by pk: the points the rows' 系统编号 name, within scope
    measures: dict[int, dict[str, Any]]  # by pk: the measures the file names, of those points
    measure_counts: dict[int, tuple[int, int]]  # point pk → (measures, highest order)


def _writes_content(plan: PointPlan) -> bool:
    """Whether the plan changes the register (not only how its measures are carried out)."""
    if plan.existing is None or plan.changed or plan.measures:
        return True
    return bool(plan.measure_fields_changed - {"status"})


def _codes(rows: Iterable[Row], key: str) -> set[str]:
    return {row[key] for row in rows if row[key]}


def _in_chunks(model: Any, codes: set[str], *fields: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for batch in chunks(sorted(codes)):
        found += list(model.objects.filter(code__in=batch).values(*fields))
    return found


def load(points: list[Row], measures: list[Row], user: Any | None) -> Lookups:
    units = {u.code: u for u in Unit.objects.filter(code__in=_codes(points, "unit"))}
    ids = {u.pk for u in units.values()}
    if user is None:
        in_scope = set(ids)
    else:
        visible = access.visible(user, Unit, perms.RISKS_MANAGE).filter(pk__in=ids)
        in_scope = set(visible.values_list("pk", flat=True))
    post_rows = _in_chunks(
        Post, _codes(points, "post"), "pk", "code", "unit_id", "department_id", "status"
    )
    departments: dict[int, list[dict[str, Any]]] = {}
    for d in Department.objects.filter(unit_id__in=ids).values("pk", "code", "name", "unit_id"):
        departments.setdefault(d["unit_id"], []).append(d)
    powers = {
        (unit_id, code): pk
        for pk, unit_id, code in Power.objects.filter(unit_id__in=ids, is_current=True)
        .order_by("version_no")
        .values_list("pk", "unit_id", "code")
    }
    steps = {
        (power_id, key): pk
        for pk, power_id, key in FlowStep.objects.filter(
            power_id__in=set(powers.values())
        ).values_list("pk", "power_id", "key")
    }
    people = _in_chunks(Person, _codes(measures, "owner"), "pk", "code", "unit_id")
    existing = _existing_points({row[ID] for row in points if row[ID]}, user)
    measure_rows: dict[int, dict[str, Any]] = {}
    counts: dict[int, tuple[int, int]] = {}
    for batch in chunks(sorted(existing)):
        found = ControlMeasure.objects.filter(risk_point_id__in=batch)
        for c in found.values("risk_point_id").annotate(n=Count("pk"), top=Max("order")):
            counts[c["risk_point_id"]] = (c["n"], c["top"] or 0)
    for batch in chunks(sorted({row[ID] for row in measures if row[ID]})):
        found = ControlMeasure.objects.filter(pk__in=batch)
        for m in found.values("pk", "risk_point_id", *MEASURE_FIELDS):
            if m["risk_point_id"] in existing:  # a measure of a point out of scope: unknown
                measure_rows[m["pk"]] = m
    return Lookups(
        units=units,
        in_scope=in_scope,
        posts={p["code"]: p for p in post_rows},
        departments=departments,
        powers=powers,
        steps=steps,
        people={p["code"]: p for p in people},
        existing=existing,
        measures=measure_rows,
        measure_counts=counts,
    )


def _existing_points(ids: set[int], user: Any | None) -> dict[int, RiskPoint]:
    """The points named by 系统编号 that `user` may maintain (None: the system, every point)."""
    scoped = (
        RiskPoint.objects.all() if user is None else risk_points_visible(user, perms.RISKS_MANAGE)
    )
    found: dict[int, RiskPoint] = {}
    for batch in chunks(sorted(ids)):
        for point in scoped.filter(pk__in=batch).select_related("unit"):
            found[point.pk] = point
    return found


def _same(name: str, old: Any, new: Any) -> bool:
    """Whether a stored value and the file's are the same (as the file can express it)."""
    if name in TEXTS:
        return (old or "").strip() == (new or "")
    if name == "found_by":
        return sorted(old or []) == sorted(new or [])
    if name == "factor_inputs":
        return {k: str(v) for k, v in (old or {}).items()} == {
            k: str(v) for k, v in (new or {}).items()
        }
    if name == "computed_score":
        return old is not None and new is not None and Decimal(str(old)) == Decimal(str(new))
    return bool(old == new)


def changes(point: Any, fields: dict[str, Any]) -> list[str]:
    """The attnames of `fields` whose values differ from `point`'s."""
    return [name for name, value in fields.items() if not _same(name, getattr(point, name), value)]


def measure_changes(stored: dict[str, Any], values: dict[str, Any]) -> list[str]:
    texts = {"content", "check_method"}
    return [
        name
        for name in MEASURE_FIELDS
        if not (
            (stored[name] or "").strip() == (values[name] or "")
            if name in texts
            else stored[name] == values[name]
        )
    ]


class Checker:
    def __init__(
        self, points: Sheet, rows: dict[str, list[Row]], report: Report, user: Any | None
    ) -> None:
        self.sheet = points
        self.points = rows[points.key]
        self.measures = rows[MEASURES.key]
        self.report = report
        self.model: GradingModel | None = None
        self.user = user

    def run(self, model: GradingModel) -> list[PointPlan]:
        self.model = model
        self.scheme = model.scheme()
        self.factor_keys = [f.key for f in grading_fields(self.scheme)]
        self.look = load(self.points, self.measures, self.user)
        plans: dict[str, PointPlan] = {}
        self.seen_points: dict[int, int] = {}
        self.seen_measures: dict[int, int] = {}
        for row in self.points:
            plan = self._point(row)
            if plan is not None and row["key"]:
                plans[row["key"]] = plan
        keys = {row["key"] for row in self.points if row["key"]}
        for row in self.measures:
            self._measure(row, keys, plans)
        self._closed(plans.values())
        return list(plans.values())

    def _closed(self, plans: Iterable[PointPlan]) -> None:
        """A row may not write into a register that is closed (signed, or under review: see
        lianjing.risks.hooks). Recording how measures are carried out (their status) is not a
        change of the register and goes on."""
        writing = [p for p in plans if _writes_content(p)]
        if not writing:
            return
        closed = closed_registers({p.unit_id for p in writing}, {p.fields["year"] for p in writing})
        for plan in writing:
            kind = plan.fields["target_kind"]
            column = {"post": "post", "department": "department"}.get(kind, "unit")
            target = plan.fields.get(f"{column}_id") if column != "unit" else plan.unit_id
            why = closed.get((kind, int(target or 0), int(plan.fields["year"])))
            if plan.existing is not None and plan.existing.locked:
                why = why or LOCKED
            if why:
                self.add(plan.row, ID if plan.existing is not None else column, why)

    def add(self, row: Row, column: str, message: str, sheet: Sheet | None = None) -> None:
        self.report.add(sheet or self.sheet, row, column, message)

    # --- risk points ------------------------------------------------------------------------

    def _point(self, row: Row) -> PointPlan | None:
        unit = self._unit(row)
        found, existing = self._existing(row, unit)
        if unit is None:
            return None
        fields: dict[str, Any] = {
            "unit_id": unit.pk,
            "year": row["year"],
            "target_kind": row["target_kind"],
            "sector": row["sector"] or "",
            "risk_type": row["risk_type"],
            "description": row["description"],
            "manifestations": row["manifestations"] or "",
            "causes": row["causes"] or "",
            "found_by": row["found_by"] or [],
        }
        ok = self._target(row, unit, fields)
        ok = self._place(row, unit, fields) and ok
        ok = self._grading(row, fields) and ok
        if not (ok and found and row.ok):
            return None
        plan = PointPlan(row, unit.pk, fields, existing=existing)
        if existing is not None:
            plan.changed = changes(existing, fields)
            plan.measures_kept = self.look.measure_counts.get(existing.pk, (0, 0))[0]
        return plan

    def _existing(self, row: Row, unit: Unit | None) -> tuple[bool, RiskPoint | None]:
        """The point the row's 系统编号 names (None: a new point); False when refused."""
        pk = row[ID]
        if pk is None:
            return ID not in row.bad, None
        if pk in self.seen_points:
            self.add(
                row, ID, f"与第 {self.seen_points[pk]} 行的系统编号相同，同一风险点只能出现一次。"
            )
            return False, None
        self.seen_points[pk] = row.number
        point = self.look.existing.get(pk)
        if point is None:
            self.add(row, ID, NOT_FOUND)
            return False, None
        if point.status == RiskPoint.Status.RETIRED:
            self.add(row, ID, f"系统编号为 {pk} 的风险点已撤销，不能通过导入修改。")
            return False, None
        ok = True
        if unit is not None and point.unit_id != unit.pk:
            self.add(
                row,
                "unit",
                f"系统编号为 {pk} 的风险点属于单位“{point.unit.name}”（{point.unit.code}），"
                "导入不能把风险点移到其他单位；要在本单位新增风险点，请将系统编号留空。",
            )
            ok = False
        if row["year"] is not None and point.year != row["year"]:
            self.add(
                row,
                "year",
                f"系统编号为 {pk} 的风险点属于 {point.year} 年度台账，导入不能把风险点移到"
                "其他年度；要新增到该年度，请将系统编号留空。",
            )
            ok = False
        return ok, point

    def _unit(self, row: Row) -> Unit | None:
        code = row["unit"]
        if not code:
            return None
        unit = self.look.units.get(code)
        if unit is None:
            self.add(row, "unit", f"单位编码“{code}”在系统中不存在。")
        elif unit.pk not in self.look.in_scope:
            self.add(row, "unit", f"单位“{unit.name}”不在您的风险台账维护范围内。")
        elif unit.status != Status.ACTIVE:
            self.add(row, "unit", f"单位“{unit.name}”已撤销或合并，不能导入风险点。")
        else:
            return unit
        return None

    def _target(self, row: Row, unit: Unit, fields: dict[str, Any]) -> bool:
        ok = True
        fields["post_id"] = fields["department_id"] = None
        if row["post"]:
            post = self.look.posts.get(row["post"])
            if post is None or post["unit_id"] != unit.pk:
                self.add(row, "post", f"岗位编码“{row['post']}”不是单位“{unit.name}”的岗位。")
                ok = False
            elif post["status"] != Status.ACTIVE:
                self.add(row, "post", f"岗位“{row['post']}”已撤销。")
                ok = False
            else:
                fields["post_id"] = post["pk"]
        if row["department"]:
            department = self._department(unit.pk, row["department"])
            if department is None:
                self.add(
                    row,
                    "department",
                    f"单位“{unit.name}”没有编码或名称为“{row['department']}”的内设机构。",
                )
                ok = False
            else:
                fields["department_id"] = department
        kind = row["target_kind"]
        if kind == TargetKind.POST and not row["post"] and "post" not in row.bad:
            self.add(row, "post", "风险对象为岗位时，请填写岗位编码。")
            ok = False
        if kind == TargetKind.DEPARTMENT and not row["department"] and "department" not in row.bad:
            self.add(row, "department", "风险对象为内设机构时，请填写内设机构。")
            ok = False
        if kind == TargetKind.SECTOR and not (row["sector"] or "").strip():
            self.add(row, "sector", "风险对象为行业（系统）时，请填写行业（系统）名称。")
            ok = False
        return ok

    def _department(self, unit_id: int, text: str) -> int | None:
        candidates = self.look.departments.get(unit_id, [])
        for d in candidates:
            if d["code"] == text:
                return int(d["pk"])
        named = [d for d in candidates if d["name"] == text]
        return int(named[0]["pk"]) if len(named) == 1 else None

    def _place(self, row: Row, unit: Unit, fields: dict[str, Any]) -> bool:
        fields["power_id"] = fields["flow_step_id"] = None
        if not row["power"]:
            if row["step"]:
                self.add(row, "step", "填写环节编号时，请同时填写职权编码。")
                return False
            return True
        power = self.look.powers.get((unit.pk, row["power"]))
        if power is None:
            self.add(row, "power", f"单位“{unit.name}”没有编码为“{row['power']}”的现行职权。")
            return False
        fields["power_id"] = power
        if row["step"]:
            step = self.look.steps.get((power, row["step"]))
            if step is None:
                self.add(row, "step", f"职权“{row['power']}”的流程中没有环节“{row['step']}”。")
                return False
            fields["flow_step_id"] = step
        return True

    def _grading(self, row: Row, fields: dict[str, Any]) -> bool:
        if any(key in row.bad for key in self.factor_keys):
            return False
        inputs = {key.removeprefix(FACTOR_PREFIX): row[key] for key in self.factor_keys}
        result = grading.grade(self.scheme, inputs)
        if result.problems:  # the reader reports empty required cells; this is a safety net
            self.add(row, self.factor_keys[0], "；".join(result.problems))
            return False
        assert self.model is not None
        fields.update(
            grading_model_id=self.model.pk,
            factor_inputs=inputs,
            computed_score=result.score,
            computed_level=result.level,
            level=result.level,
            override_reason="",
            override_decided_on=None,
            override_participants="",
        )
        level = row["level"]
        if level is None or level == result.level or "level" in row.bad:
            return "level" not in row.bad
        ok = True
        computed = LEVEL_NAMES[result.level]
        for key, what in (
            ("override_reason", "写明理由"),
            ("override_decided_on", "填写领导班子集体审定的日期"),
            ("override_participants", "填写参加集体审定的人员"),
        ):
            value = row[key]
            if key not in row.bad and (value is None or not str(value).strip()):
                self.add(
                    row,
                    key,
                    f"集体审定等级（{LEVEL_NAMES[level]}）与计算等级（{computed}，"
                    f"{result.score} 分）不同，须{what}。",
                )
                ok = False
        fields.update(
            level=level,
            override_reason=(row["override_reason"] or "").strip(),
            override_decided_on=row["override_decided_on"],
            override_participants=(row["override_participants"] or "").strip(),
        )
        return ok

    # --- measures ---------------------------------------------------------------------------

    def _measure(self, row: Row, keys: set[str], plans: dict[str, PointPlan]) -> None:
        key = row["point"]
        if key and key not in keys:
            self.add(row, "point", f"“风险点”表中没有行键为“{key}”的风险点。", MEASURES)
            return
        plan = plans.get(key) if key else None
        owner_id = None
        if row["owner"]:
            person = self.look.people.get(row["owner"])
            if person is None:
                self.add(row, "owner", f"人员编号“{row['owner']}”在系统中不存在。", MEASURES)
                return
            if plan is not None and person["unit_id"] != plan.unit_id:
                self.add(row, "owner", "措施责任人须是风险点所在单位的人员。", MEASURES)
                return
            owner_id = person["pk"]
        if plan is None or not row.ok:
            return
        values = {
            "kind": row["kind"],
            "content": row["content"],
            "owner_id": owner_id,
            "due_date": row["due_date"],
            "status": row["status"],
            "check_method": row["check_method"] or "",
        }
        if row[ID] is not None:
            self._measure_update(row, plan, values)
            return
        first = 0
        if plan.existing is not None:  # after the point's measures
            first = self.look.measure_counts.get(plan.existing.pk, (0, -1))[1] + 1
        plan.measures.append({**values, "order": first + len(plan.measures)})

    def _measure_update(self, row: Row, plan: PointPlan, values: dict[str, Any]) -> None:
        pk = row[ID]
        if plan.existing is None:
            self.add(
                row,
                ID,
                "所属风险点是新增的（系统编号为空），其措施的措施编号也应留空。",
                MEASURES,
            )
            return
        if pk in self.seen_measures:
            self.add(
                row,
                ID,
                f"与第 {self.seen_measures[pk]} 行的措施编号相同，同一措施只能出现一次。",
                MEASURES,
            )
            return
        self.seen_measures[pk] = row.number
        stored = self.look.measures.get(pk)
        if stored is None or stored["risk_point_id"] != plan.existing.pk:
            self.add(
                row,
                ID,
                f"措施编号 {pk} 不是该风险点（系统编号 {plan.existing.pk}）的防控措施；"
                "新增措施请将措施编号留空。",
                MEASURES,
            )
            return
        plan.measures_kept -= 1
        changed = measure_changes(stored, values)
        if changed:
            plan.measure_updates.append((pk, values))
            plan.measure_fields_changed.update(changed)
        else:
            plan.measures_unchanged += 1
