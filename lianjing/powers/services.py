"""Writes on the power catalogue. A published power is never edited in place: a change makes a
new draft version, and publishing it retires the old one (which stays readable)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianjing.core.audit import audit, snapshot
from lianjing.powers import flow
from lianjing.powers.benchmarks import Grade, grade_problems
from lianjing.powers.models import (
    Circumstance,
    DiscretionBenchmark,
    FlowEdge,
    FlowStep,
    LegalBasis,
    Power,
)
from lianjing.powers.publication import catalogue_changed

EDITABLE_FIELDS = (
    "code",
    "name",
    "content",
    "service_target",
    "time_limit_value",
    "time_limit_unit",
    "fee",
    "effective_year",
)
POWER_FIELDS = (
    "code",
    "version_no",
    "name",
    "category",
    "content",
    "unit",
    "department",
    "service_target",
    "time_limit_value",
    "time_limit_unit",
    "fee",
    "status",
    "effective_year",
)


@dataclass
class StepInput:
    key: str
    name: str
    kind: str = flow.STEP
    fields: dict[str, Any] = field(default_factory=dict)  # handler_post, time limits, texts…


def _check_department(power: Power) -> None:
    if power.department_id and power.department and power.department.unit_id != power.unit_id:
        raise ValidationError({"department": _("承办机构不属于实施主体单位。")})


@transaction.atomic
def power_create(
    *, actor: Any, legal_bases: Sequence[tuple[str, str]] = (), **fields: Any
) -> Power:
    """A new power, as a draft."""
    if Power.objects.filter(code=fields.get("code")).exists():
        raise ValidationError({"code": _("职权编码已存在。")})
    power = Power(status=Power.Status.DRAFT, **fields)
    _check_department(power)
    power.full_clean()
    power.save()
    _set_legal_bases(power, legal_bases)
    audit("powers.power.created", actor=actor, obj=power, after=_power_snapshot(power))
    return power


@transaction.atomic
def power_update(
    *, actor: Any, power: Power, legal_bases: Sequence[tuple[str, str]] | None = None, **fields: Any
) -> Power:
    """Change a draft's particulars (a published power is changed through `power_revise`).
    `legal_bases` replaces the list when given. The code is fixed once created."""
    if power.status != Power.Status.DRAFT:
        raise ValidationError(_("已公布或已废止的职权不能直接修改，请先创建修订版本。"))
    before = _power_snapshot(power)
    fields.pop("code", None)
    for name, value in fields.items():
        setattr(power, name, value)
    _check_department(power)
    power.full_clean(validate_constraints=False)
    _check_handlers_still_in_unit(power)
    power.version += 1
    power.save()
    if legal_bases is not None:
        _set_legal_bases(power, legal_bases)
    audit(
        "powers.power.updated",
        actor=actor,
        obj=power,
        before=before,
        after=_power_snapshot(power),
    )
    return power


def _check_handlers_still_in_unit(power: Power) -> None:
    """Moving a power to another unit would leave its steps with foreign handlers."""
    foreign = power.steps.exclude(handler_post__isnull=True).exclude(
        handler_post__unit_id=power.unit_id
    ) | power.steps.exclude(handler_department__isnull=True).exclude(
        handler_department__unit_id=power.unit_id
    )
    names = sorted({s.name for s in foreign})
    if names:
        raise ValidationError(
            {
                "unit": _("流程环节“%(steps)s”的承办岗位或机构不属于该单位，请先修改流程。")
                % {"steps": "、".join(names)}
            }
        )


def _set_legal_bases(power: Power, legal_bases: Sequence[tuple[str, str]]) -> None:
    power.legal_bases.all().delete()
    rows = [
        LegalBasis(power=power, title=title.strip(), article=article.strip(), order=i)
        for i, (title, article) in enumerate(legal_bases)
        if title.strip()
    ]
    for row in rows:
        row.full_clean(exclude=["power"])
    LegalBasis.objects.bulk_create(rows)


def _power_snapshot(power: Power) -> dict[str, Any]:
    return {
        **snapshot(power, POWER_FIELDS),
        "legal_bases": [str(b) for b in power.legal_bases.all()],
    }


@transaction.atomic
def power_revise(*, actor: Any, power: Power) -> Power:
    """Start a new draft version of a published power, copying its flow; the published version
    stays in force (and readable) until the draft is published."""
    if power.status != Power.Status.PUBLISHED or not power.is_current:
        raise ValidationError(_("只有现行的已公布职权可以修订。"))
    if Power.objects.filter(previous=power).exists():
        raise ValidationError(_("该职权已有修订中的新版本。"))
    draft = Power.objects.get(pk=power.pk)
    draft.pk = None
    draft.version_no = power.version_no + 1
    draft.previous = power
    draft.is_current = False
    draft.status = Power.Status.DRAFT
    draft.published_at = None
    draft.version = 1
    draft.save(force_insert=True)
    _set_legal_bases(draft, [(b.title, b.article) for b in power.legal_bases.all()])
    steps = list(power.steps.all())
    edges = list(power.edges.select_related("source", "target"))
    _write_flow(
        draft,
        [StepInput(s.key, s.name, s.kind, _step_fields(s)) for s in steps],
        [flow.EdgeLink(e.source.key, e.target.key, e.label) for e in edges],
    )
    grades = list(power.benchmarks.all())
    for grade in grades:
        grade.pk, grade.power = None, draft
    DiscretionBenchmark.objects.bulk_create(grades)
    audit("powers.power.revised", actor=actor, obj=draft, after=_power_snapshot(draft))
    return draft


def _step_fields(step: FlowStep) -> dict[str, Any]:
    names = (
        "handler_post",
        "handler_department",
        "conditions",
        "procedure",
        "time_limit_value",
        "time_limit_unit",
        "responsibility",
        "documents",
    )
    return {name: getattr(step, name) for name in names}


@transaction.atomic
def flow_save(
    *, actor: Any, power: Power, steps: Sequence[StepInput], edges: Sequence[flow.EdgeLink]
) -> None:
    """Replace a draft power's flow. Refused whole, with every problem named, unless the flow
    is sound (flow.flow_problems) and every handler belongs to the power's unit."""
    if power.status != Power.Status.DRAFT:
        raise ValidationError(_("已公布或已废止的职权不能直接修改流程，请先创建修订版本。"))
    problems = flow.flow_problems(
        [flow.StepNode(s.key, s.name, s.kind) for s in steps], list(edges)
    )
    problems += _handler_problems(power, steps)
    if problems:
        raise ValidationError(problems)
    _write_flow(power, steps, edges)
    audit(
        "powers.flow.saved",
        actor=actor,
        obj=power,
        after={
            "steps": [(s.key, s.name, s.kind) for s in steps],
            "edges": [(e.source, e.target, e.label) for e in edges],
        },
    )


def _handler_problems(power: Power, steps: Sequence[StepInput]) -> list[str]:
    problems = []
    for step in steps:
        post = step.fields.get("handler_post")
        department = step.fields.get("handler_department")
        if post is not None and post.unit_id != power.unit_id:
            problems.append(f"环节“{step.name}”的承办岗位“{post}”不属于{power.unit}")
        if department is not None and department.unit_id != power.unit_id:
            problems.append(f"环节“{step.name}”的承办机构“{department}”不属于{power.unit}")
    return problems


def _write_flow(power: Power, steps: Sequence[StepInput], edges: Sequence[flow.EdgeLink]) -> None:
    power.edges.all().delete()
    power.steps.all().delete()
    rows = []
    for order, step in enumerate(steps):
        row = FlowStep(power=power, key=step.key, name=step.name, kind=step.kind, order=order)
        for name, value in step.fields.items():
            setattr(row, name, value)
        # handlers were checked against the power's unit; keys are unique (flow_problems)
        row.full_clean(
            exclude=["power", "handler_post", "handler_department"], validate_unique=False
        )
        rows.append(row)
    created = {row.key: row for row in FlowStep.objects.bulk_create(rows)}
    FlowEdge.objects.bulk_create(
        FlowEdge(power=power, source=created[e.source], target=created[e.target], label=e.label)
        for e in edges
    )


@transaction.atomic
def power_publish(*, actor: Any, power: Power) -> Power:
    """Publish a draft: it needs a legal basis and a sound flow. A revision replaces the
    version in force, which is kept as history."""
    if power.status != Power.Status.DRAFT:
        raise ValidationError(_("只有草稿可以公布。"))
    problems = []
    if not power.legal_bases.exists():
        problems.append(_("公布前须填写至少一项法律依据。"))
    steps = [flow.StepNode(s.key, s.name, s.kind) for s in power.steps.all()]
    edges = [
        flow.EdgeLink(e.source.key, e.target.key, e.label)
        for e in power.edges.select_related("source", "target")
    ]
    if not steps:
        problems.append(_("公布前须绘制权力运行流程图。"))
    else:
        problems += flow.flow_problems(steps, edges)
    if problems:
        raise ValidationError(problems)
    if power.previous_id:
        Power.objects.filter(code=power.code, is_current=True).update(is_current=False)
    power.status = Power.Status.PUBLISHED
    power.is_current = True
    power.published_at = timezone.now()
    power.save(update_fields=["status", "is_current", "published_at"])
    audit("powers.power.published", actor=actor, obj=power, after=_power_snapshot(power))
    transaction.on_commit(catalogue_changed)
    return power


@transaction.atomic
def power_revoke(*, actor: Any, power: Power, reason: str) -> Power:
    """Withdraw a published power (废止): it leaves the public catalogue and stays readable
    internally with its history. A draft revision of it, if any, is revoked with it."""
    if power.status != Power.Status.PUBLISHED or not power.is_current:
        raise ValidationError(_("只有现行的已公布职权可以废止。"))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("请填写废止理由。")})
    before = _power_snapshot(power)
    Power.objects.filter(previous=power, status=Power.Status.DRAFT).update(
        status=Power.Status.REVOKED
    )
    power.status = Power.Status.REVOKED
    power.save(update_fields=["status"])
    audit(
        "powers.power.revoked",
        actor=actor,
        obj=power,
        before=before,
        after={**_power_snapshot(power), "reason": reason},
    )
    transaction.on_commit(catalogue_changed)
    return power


DISCRETION_CATEGORIES = {"penalty", "enforcement"}


@dataclass
class BenchmarkInput:
    violation: str
    measure: str
    circumstance: Circumstance
    amount_from: Decimal | None = None
    amount_to: Decimal | None = None
    amount_unit: str = ""
    other_measure: str = ""
    conditions: str = ""
    legal_basis: str = ""


@transaction.atomic
def benchmarks_save(*, actor: Any, power: Power, rows: Sequence[BenchmarkInput]) -> None:
    """Replace a draft penalty or enforcement power's discretion benchmarks. Refused whole,
    each bad row named, when a range is malformed or overlaps another circumstance's."""
    if power.category.code not in DISCRETION_CATEGORIES:
        raise ValidationError(_("只有行政处罚、行政强制类职权设置裁量权基准。"))
    if power.status != Power.Status.DRAFT:
        raise ValidationError(_("已公布或已废止的职权不能直接修改，请先创建修订版本。"))
    grades = [
        Grade(
            row,
            r.violation,
            r.measure,
            r.circumstance.name,
            r.amount_from,
            r.amount_to,
            r.other_measure,
        )
        for row, r in enumerate(rows, start=1)
    ]
    problems = grade_problems(grades)
    if problems:
        raise ValidationError(problems)
    power.benchmarks.all().delete()
    objects = []
    for order, r in enumerate(rows):
        values = {f.name: getattr(r, f.name) for f in fields(r)}  # no deep copy of models
        row = DiscretionBenchmark(power=power, order=order, **values)
        row.full_clean(exclude=["power"])
        objects.append(row)
    DiscretionBenchmark.objects.bulk_create(objects)
    audit(
        "powers.benchmarks.saved",
        actor=actor,
        obj=power,
        after={"grades": [str(o) for o in objects]},
    )
