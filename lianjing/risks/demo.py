"""Demo risk register for the demo district: risk points for every post, drawn from the risk
template library by the post's key-post kinds (or, for other posts, from the templates of the
internal powers and of moral risks), pinned to a flow step the post handles when one fits,
with factor inputs that follow the template's suggested level, measures from the template and
their owners. Level 1 stays within 10% in every unit except two (区财政局 and 区市场监督管理局),
whose registers break the rule — one with an exception awaiting the discipline office."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from lianjing.core.audit import audit
from lianjing.org.demo import demo_unit
from lianjing.org.models import Assignment, Post, Status, Unit
from lianjing.org.trees import subtree_sql
from lianjing.powers.models import FlowStep
from lianjing.risklib.models import RiskTemplate
from lianjing.risks import grading
from lianjing.risks.bulk import write_points
from lianjing.risks.models import GradingModel, RegisterException, RiskPoint
from lianjing.risks.reference import FACTORS

YEAR = 2026
BREAKING = ("finance", "market")  # the two units whose registers break the 10% rule
FOUND = ["self", "leader", "public", "expert", "case", "organisation"]


@dataclass(frozen=True)
class DemoRegister:
    points: int
    measures: int
    responsibilities: int
    units: int


def _pick(seed: str, items: list[Any]) -> Any:
    digest = hashlib.sha256(seed.encode()).digest()
    return items[int.from_bytes(digest[:4], "big") % len(items)]


def _inputs(level: int, seed: str) -> dict[str, int]:
    """Option indexes that grade to about `level` under version 1 of the model."""
    wanted = {1: 1.0, 2: 0.62, 3: 0.2}[level]
    inputs = {}
    for code, _name, _weight, options in FACTORS:
        top = len(options) - 1
        # level 3 varies a little (it cannot climb out of 三级); 一级 and 二级 sit mid-band
        jitter = -(hashlib.sha256((seed + code).encode()).digest()[0] % 2) if level == 3 else 0
        inputs[code] = max(0, min(top, round(wanted * top) + jitter))
    inputs["probability"] = {1: 4, 2: 3, 3: 1}[level]
    inputs["harm"] = {1: 4, 2: 3, 3: 1}[level]
    return inputs


def _templates() -> tuple[dict[str, list[RiskTemplate]], list[RiskTemplate]]:
    by_kind: dict[str, list[RiskTemplate]] = defaultdict(list)
    general: list[RiskTemplate] = []
    for template in (
        RiskTemplate.objects.filter(is_active=True)
        .select_related("key_post_kind", "power_category")
        .order_by("code")
    ):
        if template.key_post_kind is not None:
            by_kind[template.key_post_kind.code].append(template)
        elif template.power_category is not None and template.power_category.code == "internal":
            general.append(template)
    return by_kind, general


@transaction.atomic
def load_register(region: Unit) -> DemoRegister | None:
    """The demo register of `region`'s units; None when the register already has points or the
    libraries are empty."""
    units = list(Unit.objects.filter(pk__in=subtree_sql(Unit, region.pk)))
    if RiskPoint.objects.filter(unit__in=units).exists():
        return None
    by_kind, general = _templates()
    if not general and not by_kind:
        return None
    model = GradingModel.objects.get(status=GradingModel.Status.ACTIVE)
    scheme = model.scheme()
    steps = _steps_by_post(units)
    holders = _holders(units)
    breaking = {demo_unit(region, key).pk for key in BREAKING}
    points: list[RiskPoint] = []
    measures: list[list[dict[str, Any]]] = []
    posts = (
        Post.objects.filter(unit__in=units, status=Status.ACTIVE)
        .prefetch_related("key_kinds")
        .order_by("unit__code", "code")
    )
    for post in posts:
        kinds = [k.code for k in post.key_kinds.all()]
        chosen = [_pick(post.code + kind, by_kind[kind]) for kind in kinds if by_kind.get(kind)]
        if not chosen and general:
            chosen = [_pick(post.code, general)]
        for n, template in enumerate(chosen):
            seed = f"{post.code}:{n}"
            step = _step_for(template, steps.get(post.pk, []))
            level = template.suggested_level
            graded = grading.grade(scheme, _inputs(level, seed))
            points.append(
                RiskPoint(
                    unit_id=post.unit_id,
                    year=YEAR,
                    target_kind="post",
                    post=post,
                    power_id=step.power_id if step else None,
                    flow_step=step,
                    risk_type=template.risk_type,
                    description=template.description,
                    manifestations=template.manifestations,
                    causes=template.causes,
                    found_by=sorted({FOUND[0], _pick(seed, FOUND[1:])}),
                    status=RiskPoint.Status.DRAFT,
                    grading_model=model,
                    factor_inputs=_inputs(level, seed),
                    computed_score=graded.score,
                    computed_level=graded.level,
                    level=graded.level,
                )
            )
            owner = holders.get(post.pk)
            measures.append(
                [
                    {
                        "kind": m["kind"],
                        "content": m["text"],
                        "owner_id": owner,
                        "due_date": date(YEAR, 12, 31),
                        "status": _pick(seed + m["kind"], ["planned", "in_progress", "done"]),
                        "order": i,
                    }
                    for i, m in enumerate(template.measures)
                ]
            )
    _keep_the_rule(points, scheme, breaking)
    written = write_points(points, measures)
    finance = demo_unit(region, "finance")
    RegisterException.objects.create(
        unit=finance,
        year=YEAR,
        justification="本年度承担全区专项债券资金和政府采购集中支付，涉及资金量大的岗位集中，"
        "一级风险点占比超过 10%，拟报请批准例外并加强监督。",
    )
    result = DemoRegister(written.points, written.measures, written.responsibilities, len(units))
    audit("risks.demo.loaded", after=result.__dict__)
    return result


def _keep_the_rule(points: list[RiskPoint], scheme: grading.Scheme, breaking: set[int]) -> None:
    """Demote level-1 points beyond 10% of a unit's register (by grading them with level-2
    inputs), except in the units that are to break the rule."""
    by_unit: dict[int, list[RiskPoint]] = defaultdict(list)
    for point in points:
        by_unit[point.unit_id].append(point)
    for unit_id, unit_points in by_unit.items():
        ones = [p for p in unit_points if p.level == 1]
        allowed = len(unit_points) // 10 if unit_id not in breaking else len(ones)
        if unit_id in breaking and len(ones) * 10 <= len(unit_points):
            # make sure the rule is really broken there: promote some level-2 points
            twos = [p for p in unit_points if p.level == 2]
            ones += twos[: max(0, len(unit_points) // 5 - len(ones))]
            for point in ones:
                _regrade(point, scheme, 1)
            continue
        for point in ones[allowed:]:
            _regrade(point, scheme, 2)


def _regrade(point: RiskPoint, scheme: grading.Scheme, level: int) -> None:
    inputs = _inputs(level, f"{point.post_id}:{point.description[:8]}")
    graded = grading.grade(scheme, inputs)
    point.factor_inputs = inputs
    point.computed_score, point.computed_level, point.level = (
        graded.score,
        graded.level,
        graded.level,
    )


def _steps_by_post(units: list[Unit]) -> dict[int, list[FlowStep]]:
    steps: dict[int, list[FlowStep]] = defaultdict(list)
    for step in FlowStep.objects.filter(
        power__unit__in=units, power__is_current=True, handler_post__isnull=False
    ).select_related("power__category"):
        assert step.handler_post_id is not None
        steps[step.handler_post_id].append(step)
    return steps


def _step_for(template: RiskTemplate, steps: list[FlowStep]) -> FlowStep | None:
    if not steps:
        return None
    if template.power_category_id is not None:
        fitting = [s for s in steps if s.power.category_id == template.power_category_id]
        if fitting:
            return fitting[0]
    kinds = {"licensing": "licensing", "penalty": "penalty", "finance": "internal"}
    code = kinds.get(template.key_post_kind.code if template.key_post_kind else "", "")
    fitting = [s for s in steps if s.power.category.code == code]
    return fitting[0] if fitting else None


def _holders(units: list[Unit]) -> dict[int, int]:
    holders: dict[int, int] = {}
    for post_id, person_id in (
        Assignment.objects.filter(post__unit__in=units, end_date__isnull=True)
        .order_by("-is_primary", "person__code")
        .values_list("post_id", "person_id")
    ):
        holders.setdefault(post_id, person_id)
    return holders
