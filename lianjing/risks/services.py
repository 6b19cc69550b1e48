"""Writes on the risk register. Every risk point is graded by the grading model in force when
its inputs are entered; a leader may confirm another level only with a written reason and the
record of the collective decision. Each write is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianjing.core.audit import audit, snapshot
from lianjing.risks import grading
from lianjing.risks.choices import FoundBy, TargetKind
from lianjing.risks.hooks import check_point_editable, check_target_open
from lianjing.risks.models import ControlMeasure, GradingModel, RiskPoint
from lianjing.risks.responsibility import responsibility_refresh

FIELDS = (
    "unit",
    "year",
    "target_kind",
    "post",
    "department",
    "sector",
    "power",
    "flow_step",
    "risk_type",
    "description",
    "manifestations",
    "causes",
    "found_by",
    "status",
    "grading_model",
    "factor_inputs",
    "computed_score",
    "computed_level",
    "level",
    "override_reason",
    "override_decided_on",
    "override_participants",
)


@dataclass(frozen=True)
class Override:
    """A level other than the computed one, as the leadership decided it (领导班子集体审定)."""

    level: int
    reason: str
    decided_on: date | None
    participants: str


def active_model() -> GradingModel:
    model = GradingModel.objects.filter(status=GradingModel.Status.ACTIVE).first()
    if model is None:
        raise ValidationError(_("没有现行的风险定级模型，请先启用一个定级模型。"))
    return model


def _check_target(point: RiskPoint) -> None:
    errors: dict[str, str] = {}
    kind = point.target_kind
    if kind == TargetKind.POST and point.post_id is None:
        errors["post"] = _("风险对象为岗位时，请选择岗位。")
    if kind == TargetKind.DEPARTMENT and point.department_id is None:
        errors["department"] = _("风险对象为内设机构时，请选择内设机构。")
    if kind == TargetKind.SECTOR and not point.sector.strip():
        errors["sector"] = _("风险对象为行业（系统）时，请填写行业（系统）名称。")
    if point.post is not None and point.post.unit_id != point.unit_id:
        errors["post"] = _("所选岗位不属于该单位。")
    if point.department is not None and point.department.unit_id != point.unit_id:
        errors["department"] = _("所选内设机构不属于该单位。")
    if point.power is not None and point.power.unit_id != point.unit_id:
        errors["power"] = _("所选职权不属于该单位。")
    if point.flow_step is not None and point.flow_step.power_id != point.power_id:
        errors["flow_step"] = _("所选环节不属于所选职权的流程。")
    unknown = [c for c in point.found_by if c not in FoundBy.values]
    if unknown or not point.found_by:
        errors["found_by"] = _("请选择查找方式（可多选）。")
    if errors:
        raise ValidationError(errors)


TARGET_FIELDS = ("unit", "year", "target_kind", "post", "department")


def _check_register_open(point: RiskPoint) -> None:
    """A new point (or a point moved to another register) joins a register that a later module
    may hold closed — signed, or under review (lianjing.risks.hooks)."""
    check_target_open(
        target_kind=point.target_kind,
        unit_id=point.unit_id,
        department_id=point.department_id,
        post_id=point.post_id,
        year=point.year,
        campaign_id=point.campaign_id,
    )


def _apply_grading(point: RiskPoint, inputs: dict[str, Any], override: Override | None) -> None:
    model = active_model()
    result = grading.grade(model.scheme(), inputs)
    if result.problems:
        raise ValidationError({"factor_inputs": result.problems})
    point.grading_model = model
    point.factor_inputs = dict(inputs)
    point.computed_score = result.score
    point.computed_level = result.level
    _apply_override(point, override)


def _apply_override(point: RiskPoint, override: Override | None) -> None:
    if override is None or override.level == point.computed_level:
        point.level = point.computed_level
        point.override_reason = ""
        point.override_decided_on = None
        point.override_participants = ""
        return
    errors = {}
    if not override.reason.strip():
        errors["override_reason"] = _("确定与计算结果不同的等级，须写明理由。")
    if override.decided_on is None:
        errors["override_decided_on"] = _("请填写领导班子集体审定的日期。")
    if not override.participants.strip():
        errors["override_participants"] = _("请填写参加集体审定的人员。")
    if errors:
        raise ValidationError(errors)
    point.level = override.level
    point.override_reason = override.reason.strip()
    point.override_decided_on = override.decided_on
    point.override_participants = override.participants.strip()


@transaction.atomic
def risk_point_create(
    *,
    actor: Any,
    inputs: dict[str, Any],
    override: Override | None = None,
    measures: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> RiskPoint:
    point = RiskPoint(**fields)
    _check_target(point)
    _check_register_open(point)
    _apply_grading(point, inputs, override)
    point.full_clean()
    point.save()
    for order, measure in enumerate(measures or []):
        measure_add(actor=None, risk_point=point, order=order, **measure)
    responsibility_refresh(point)
    audit("risks.point.created", actor=actor, obj=point, after=snapshot(point, FIELDS))
    return point


@transaction.atomic
def risk_point_update(
    *,
    actor: Any,
    point: RiskPoint,
    inputs: dict[str, Any],
    override: Override | None = None,
    **fields: Any,
) -> RiskPoint:
    """Change a risk point; it is graded again under the model in force."""
    if point.status == RiskPoint.Status.RETIRED:
        raise ValidationError(_("已撤销的风险点不能修改。"))
    check_point_editable(point)
    before = snapshot(point, FIELDS)
    for name, value in fields.items():
        setattr(point, name, value)
    _check_target(point)
    if any(before[name] != snapshot(point, FIELDS)[name] for name in TARGET_FIELDS):
        _check_register_open(point)
    _apply_grading(point, inputs, override)
    point.full_clean()
    point.version += 1
    point.save()
    responsibility_refresh(point)
    audit(
        "risks.point.updated",
        actor=actor,
        obj=point,
        before=before,
        after=snapshot(point, FIELDS),
    )
    return point


@transaction.atomic
def risk_point_retire(*, actor: Any, point: RiskPoint, reason: str) -> None:
    if not reason.strip():
        raise ValidationError({"reason": _("请填写撤销理由。")})
    check_point_editable(point)
    point.status = RiskPoint.Status.RETIRED
    point.save(update_fields=["status", "updated_at"])
    responsibility_refresh(point)
    audit("risks.point.retired", actor=actor, obj=point, after={"reason": reason.strip()})


@transaction.atomic
def measure_add(*, actor: Any, risk_point: RiskPoint, **fields: Any) -> ControlMeasure:
    if risk_point.status == RiskPoint.Status.RETIRED:
        raise ValidationError(_("已撤销的风险点不能再修改防控措施。"))
    check_point_editable(risk_point)
    measure = ControlMeasure(risk_point=risk_point, **fields)
    if measure.owner is not None and measure.owner.unit_id != risk_point.unit_id:
        raise ValidationError({"owner": _("措施责任人须是本单位人员。")})
    measure.full_clean()
    measure.save()
    if actor is not None:
        audit(
            "risks.measure.added",
            actor=actor,
            obj=measure,
            after=snapshot(measure, ("kind", "content", "owner", "due_date", "status")),
        )
    return measure


def today() -> date:
    return timezone.localdate()


# --- the register of a unit and year: the 10% rule ----------------------------------------------


@transaction.atomic
def register_confirm(*, actor: Any, unit: Any, year: int) -> Any:
    """Confirm (审定) a unit's register of a year. Refused, with the numbers, when level-1 risk
    points exceed 10% of the total, unless the supervising discipline office approved a written
    justification for that unit and year."""
    from lianjing.risks.models import Register
    from lianjing.risks.selectors import approved_exception, register_summary

    summary = register_summary(unit.pk, year)
    if summary.total == 0:
        raise ValidationError(_("该年度台账还没有风险点，不能审定。"))
    exception = approved_exception(unit.pk, year)
    if summary.breaks_rule and exception is None:
        raise ValidationError(
            _(
                "一级风险点 %(one)d 个，占风险点总数 %(total)d 个的 %(share)s，超过 10%%"
                "（按规定最多 %(allowed)d 个）。请调整等级，或报经纪检监察机关批准例外后再审定。"
            )
            % {
                "one": summary.by_level[1],
                "total": summary.total,
                "share": summary.share_text,
                "allowed": summary.level_one_allowed,
            }
        )
    register, _created = Register.objects.get_or_create(unit=unit, year=year)
    register.confirmed_at = timezone.now()
    register.confirmed_by = actor
    register.exception = exception if summary.breaks_rule else None
    register.save()
    RiskPoint.objects.filter(unit=unit, year=year, status=RiskPoint.Status.DRAFT).update(
        status=RiskPoint.Status.CONFIRMED
    )
    audit(
        "risks.register.confirmed",
        actor=actor,
        obj=register,
        after={
            "total": summary.total,
            "by_level": summary.by_level,
            "level_one_share": summary.share_text,
            "exception": register.exception.pk if register.exception else None,
        },
    )
    return register


@transaction.atomic
def exception_request(*, actor: Any, unit: Any, year: int, justification: str) -> Any:
    from lianjing.risks.models import RegisterException

    if not justification.strip():
        raise ValidationError({"justification": _("请写明超过 10% 的理由。")})
    if RegisterException.objects.filter(
        unit=unit, year=year, status=RegisterException.Status.PENDING
    ).exists():
        raise ValidationError(_("该单位该年度已有待审批的例外申请。"))
    exception = RegisterException.objects.create(
        unit=unit, year=year, justification=justification.strip(), requested_by=actor
    )
    audit("risks.exception.requested", actor=actor, obj=exception, after={"year": year})
    return exception


@transaction.atomic
def exception_decide(*, actor: Any, exception: Any, approve: bool, note: str) -> None:
    from lianjing.risks.models import RegisterException

    if exception.status != RegisterException.Status.PENDING:
        raise ValidationError(_("该申请已处理。"))
    if not approve and not note.strip():
        raise ValidationError({"note": _("不批准时请写明意见。")})
    exception.status = (
        RegisterException.Status.APPROVED if approve else RegisterException.Status.REJECTED
    )
    exception.decided_by = actor
    exception.decided_at = timezone.now()
    exception.decision_note = note.strip()
    exception.save()
    audit(
        "risks.exception.decided",
        actor=actor,
        obj=exception,
        after={"status": exception.status, "note": exception.decision_note},
    )


# --- structural prevention: which posts play which duty ------------------------------------------


@transaction.atomic
def post_duty_add(*, actor: Any, post: Any, role: Any) -> Any:
    from lianjing.risks.models import PostDuty

    duty, created = PostDuty.objects.get_or_create(post=post, role=role)
    if not created:
        raise ValidationError(_("该岗位已承担这项职责。"))
    audit(
        "risks.post_duty.added", actor=actor, obj=duty, after={"post": post.pk, "role": str(role)}
    )
    return duty


@transaction.atomic
def post_duty_remove(*, actor: Any, duty: Any) -> None:
    audit("risks.post_duty.removed", actor=actor, obj=duty, before={"duty": str(duty)})
    duty.delete()


@transaction.atomic
def measure_update_status(*, actor: Any, measure: ControlMeasure, status: str) -> None:
    """Record how far a measure has been carried out (落实情况)."""
    if measure.risk_point.status == RiskPoint.Status.RETIRED:
        raise ValidationError(_("已撤销的风险点不能再修改防控措施。"))
    if status not in ControlMeasure.Status.values:
        raise ValidationError({"status": _("请选择有效的落实情况。")})
    before = {"status": measure.status}
    measure.status = status
    measure.save(update_fields=["status"])
    audit("risks.measure.status", actor=actor, obj=measure, before=before, after={"status": status})
