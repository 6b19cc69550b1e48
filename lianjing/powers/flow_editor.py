"""The flow editor's working state. The whole flow travels in the form (no database writes
until 保存): each button (add a step, move it, add a branch…) posts the form and gets the editor
back with the change applied; the chart is drawn from the same state. Field errors are in
Chinese and stay on the row they belong to; the structural rules are flow.flow_problems'."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from lianjing.org.models import Department, Post, Status
from lianjing.powers import flow
from lianjing.powers.models import FlowStep, Power
from lianjing.powers.selectors import Flow
from lianjing.powers.services import StepInput

MAX_STEPS = 60
MAX_BRANCHES = 12
TEXT_MAX = 10000
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,30}$")
TEXT_FIELDS = ("conditions", "procedure", "responsibility", "documents")
KINDS = dict(FlowStep.Kind.choices)
LIMIT_UNITS = dict(Power.LimitUnit.choices)


@dataclass
class Branch:
    target: str = ""
    label: str = ""
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class StepRow:
    key: str
    kind: str = flow.STEP
    name: str = ""
    handler: str = ""  # "post:<pk>" or "dept:<pk>"
    limit_value: str = ""
    limit_unit: str = ""
    texts: dict[str, str] = field(default_factory=dict)
    branches: list[Branch] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def has_details(self) -> bool:
        return any(self.texts.get(name) for name in TEXT_FIELDS)


@dataclass
class Handlers:
    """Who may handle a step: the posts and departments of the power's unit."""

    posts: dict[str, Post]
    departments: dict[str, Department]

    @classmethod
    def of(cls, power: Power) -> Handlers:
        posts = Post.objects.filter(unit_id=power.unit_id, status=Status.ACTIVE).select_related(
            "department"
        )
        departments = Department.objects.filter(unit_id=power.unit_id, status=Status.ACTIVE)
        return cls(
            {f"post:{p.pk}": p for p in posts.order_by("department__position", "code")},
            {f"dept:{d.pk}": d for d in departments.order_by("position", "code")},
        )

    def label(self, value: str) -> str:
        post = self.posts.get(value)
        if post is not None:
            return f"{post.name}（{post.department.name}）" if post.department else post.name
        department = self.departments.get(value)
        return department.name if department is not None else ""


def _text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def _count(data: Mapping[str, Any], name: str, limit: int) -> int:
    try:
        return max(0, min(int(_text(data, name) or 0), limit))
    except ValueError:
        return 0


# --- reading ----------------------------------------------------------------------------------


def rows_from_flow(stored: Flow) -> list[StepRow]:
    by_source: dict[int, list[Branch]] = {}
    for edge in stored.edges:
        by_source.setdefault(edge.source_id, []).append(Branch(edge.target.key, edge.label))
    rows = []
    for step in stored.steps:
        handler = ""
        if step.handler_post_id:
            handler = f"post:{step.handler_post_id}"
        elif step.handler_department_id:
            handler = f"dept:{step.handler_department_id}"
        rows.append(
            StepRow(
                key=step.key,
                kind=step.kind,
                name=step.name,
                handler=handler,
                limit_value=str(step.time_limit_value or ""),
                limit_unit=step.time_limit_unit,
                texts={name: getattr(step, name) for name in TEXT_FIELDS},
                branches=by_source.get(step.pk, []),
            )
        )
    return rows or starter_rows()


def starter_rows() -> list[StepRow]:
    """What a new flow starts from: 开始 → 受理 → 办结."""
    return [
        StepRow("S1", flow.START, _("开始"), branches=[Branch("S2")]),
        StepRow("S2", flow.STEP, _("受理"), branches=[Branch("S3")]),
        StepRow("S3", flow.END, _("办结")),
    ]


def rows_from_post(data: Mapping[str, Any]) -> list[StepRow]:
    rows = []
    for i in range(_count(data, "steps", MAX_STEPS)):
        prefix = f"s{i}-"
        branches = [
            Branch(_text(data, f"{prefix}b{j}-target"), _text(data, f"{prefix}b{j}-label"))
            for j in range(_count(data, f"{prefix}branches", MAX_BRANCHES))
        ]
        rows.append(
            StepRow(
                key=_text(data, f"{prefix}key"),
                kind=_text(data, f"{prefix}kind"),
                name=_text(data, f"{prefix}name"),
                handler=_text(data, f"{prefix}handler"),
                limit_value=_text(data, f"{prefix}limit_value"),
                limit_unit=_text(data, f"{prefix}limit_unit"),
                texts={name: _text(data, f"{prefix}{name}") for name in TEXT_FIELDS},
                branches=branches,
            )
        )
    return rows


# --- editing actions --------------------------------------------------------------------------


def _next_key(rows: list[StepRow]) -> str:
    numbers = [int(r.key[1:]) for r in rows if re.fullmatch(r"S\d{1,6}", r.key)]
    return f"S{max(numbers, default=0) + 1}"


def apply_action(rows: list[StepRow], action: str) -> list[StepRow]:
    """Apply one editor button; an unknown or stale action leaves the rows as they are."""
    verb, _sep, rest = action.partition(":")
    args = rest.split(":") if rest else []
    try:
        numbers = [int(a) for a in args] if verb != "add" else []
    except ValueError:
        return rows
    if verb == "add" and args and args[0] in KINDS and len(rows) < MAX_STEPS:
        return _add(rows, args[0])
    if numbers and 0 <= numbers[0] < len(rows):
        i = numbers[0]
        if verb == "remove":
            return _remove(rows, i)
        if verb in ("up", "down"):
            j = i - 1 if verb == "up" else i + 1
            if 0 <= j < len(rows):
                rows[i], rows[j] = rows[j], rows[i]
        elif verb == "branch" and len(rows[i].branches) < MAX_BRANCHES:
            rows[i].branches.append(Branch())
        elif verb == "unbranch" and len(numbers) == 2 and 0 <= numbers[1] < len(rows[i].branches):
            del rows[i].branches[numbers[1]]
    return rows


def _add(rows: list[StepRow], kind: str) -> list[StepRow]:
    """A new step goes before the first end; the step that led to that end now leads to it."""
    new = StepRow(_next_key(rows), kind, "")
    ends = [i for i, r in enumerate(rows) if r.kind == flow.END]
    at = ends[0] if ends else len(rows)
    if ends:
        end_key = rows[at].key
        for row in rows[:at][::-1]:
            hits = [b for b in row.branches if b.target == end_key]
            if hits and row.kind != flow.DECISION:
                hits[0].target = new.key
                break
        new.branches = [Branch(end_key)]
    if kind == flow.DECISION:
        onward = new.branches[0].target if new.branches else ""
        new.branches = [Branch(onward, _("符合")), Branch("", _("不符合"))]
    if kind == flow.END:
        new.branches = []
    rows.insert(at, new)
    return rows


def _remove(rows: list[StepRow], i: int) -> list[StepRow]:
    gone = rows.pop(i)
    for row in rows:
        for branch in row.branches:
            if branch.target == gone.key:
                # keep the flow connected where it was linear: lead on to where the step led
                nexts = [b.target for b in gone.branches if b.target]
                branch.target = nexts[0] if len(nexts) == 1 else ""
    return rows


def normalise(rows: list[StepRow]) -> list[StepRow]:
    """An end leads nowhere; every other step shows at least one way on to fill in."""
    for row in rows:
        if row.kind == flow.END:
            row.branches = []
        elif not row.branches:
            row.branches = [Branch()]
    return rows


# --- checking ---------------------------------------------------------------------------------


def check_rows(rows: list[StepRow], handlers: Handlers, *, saving: bool = True) -> bool:
    """Fill each row's field errors; True when every field is well-formed. While the user is
    still editing (`saving` False), a row just added is not scolded for its empty name."""
    keys = [r.key for r in rows]
    ok = True
    for row in rows:
        row.errors = _row_errors(row, handlers, keys)
        if not saving and not row.name:
            row.errors.pop("name", None)
        for branch in row.branches:
            branch.errors = _branch_errors(row, branch, keys)
            ok = ok and not branch.errors
        ok = ok and not row.errors
    if not rows:
        ok = False
    return ok


def _row_errors(row: StepRow, handlers: Handlers, keys: list[str]) -> dict[str, str]:
    errors = {}
    if not KEY_PATTERN.match(row.key) or keys.count(row.key) > 1:
        errors["key"] = _("环节编号无效或重复，请刷新页面后重新编辑。")
    if row.kind not in KINDS:
        errors["kind"] = _("请选择有效的环节类型。")
    if not row.name:
        errors["name"] = _("请填写环节名称。")
    elif len(row.name) > 100:
        errors["name"] = _("环节名称不能超过 100 个字。")
    if (
        row.handler
        and row.handler not in handlers.posts
        and row.handler not in handlers.departments
    ):
        errors["handler"] = _("所选承办岗位或机构不属于本单位，或已撤销。")
    errors.update(_limit_errors(row))
    for name in TEXT_FIELDS:
        if len(row.texts.get(name, "")) > TEXT_MAX:
            errors[name] = _("不能超过 %(n)d 个字。") % {"n": TEXT_MAX}
    return errors


def _limit_errors(row: StepRow) -> dict[str, str]:
    if not row.limit_value:
        return {"limit_unit": _("选择了时限单位，请填写时限。")} if row.limit_unit else {}
    if not row.limit_value.isdigit() or not 1 <= int(row.limit_value) <= 3650:
        return {"limit_value": _("时限应为 1 到 3650 之间的整数。")}
    if row.limit_unit not in LIMIT_UNITS:
        return {"limit_unit": _("请选择时限单位。")}
    return {}


def _branch_errors(row: StepRow, branch: Branch, keys: list[str]) -> dict[str, str]:
    errors = {}
    if branch.target and branch.target not in keys:
        errors["target"] = _("所选环节已不存在，请重新选择。")
    if branch.target == row.key:
        errors["target"] = _("不能连回本环节。")
    if len(branch.label) > 50:
        errors["label"] = _("分支条件不能超过 50 个字。")
    return errors


# --- to the service and the chart -------------------------------------------------------------


def nodes_and_links(rows: list[StepRow]) -> tuple[list[flow.StepNode], list[flow.EdgeLink]]:
    nodes = [flow.StepNode(r.key, r.name or r.key, r.kind) for r in rows]
    links = [
        flow.EdgeLink(r.key, b.target, b.label if r.kind == flow.DECISION else "")
        for r in rows
        if r.kind != flow.END
        for b in r.branches
        if b.target
    ]
    return nodes, links


def limits(rows: list[StepRow]) -> dict[str, str]:
    return {
        r.key: f"{r.limit_value}{LIMIT_UNITS[r.limit_unit]}"
        for r in rows
        if r.limit_value.isdigit() and r.limit_unit in LIMIT_UNITS
    }


def step_inputs(rows: list[StepRow], handlers: Handlers) -> list[StepInput]:
    inputs = []
    for row in rows:
        fields: dict[str, Any] = dict(row.texts)
        fields["handler_post"] = handlers.posts.get(row.handler)
        department = handlers.departments.get(row.handler)
        post = fields["handler_post"]
        fields["handler_department"] = department or (post.department if post else None)
        fields["time_limit_value"] = int(row.limit_value) if row.limit_value else None
        fields["time_limit_unit"] = row.limit_unit if row.limit_value else ""
        inputs.append(StepInput(row.key, row.name, row.kind, fields))
    return inputs
