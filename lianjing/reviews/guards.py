"""What the procedure forbids in the risk register: a signed register is not changed (until a
revision is opened), and a register is not changed while others are reading it for a decision —
at 征求意见, 组织审查 and 签字备案. Registered with the risk register (risks/hooks.py), which asks
before every write to a risk point or its measures."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from lianjing.reviews.models import Review, Round, Step

FROZEN = {Step.CONSULT, Step.REVIEW, Step.SIGN}


def _target_q(target_kind: str, unit_id: int, department_id: Any, post_id: Any) -> Q:
    if target_kind == "post":
        return Q(target_kind="post", post_id=post_id)
    if target_kind == "department":
        return Q(target_kind="department", department_id=department_id)
    return Q(target_kind="unit", unit_id=unit_id)


def register_problem(
    *,
    target_kind: str,
    unit_id: int,
    department_id: Any,
    post_id: Any,
    year: int,
    campaign_id: Any = None,
) -> str | None:
    """Why the register of this target and year may not be changed now, or None."""
    if target_kind == "sector":
        return None
    reviews = Review.objects.filter(
        _target_q(target_kind, unit_id, department_id, post_id), round__year=year
    )
    if campaign_id:
        reviews = reviews.filter(round_id=campaign_id)
    else:
        reviews = reviews.exclude(round__kind=Round.Kind.CAMPAIGN)
    active = reviews.filter(status=Review.Status.ACTIVE).order_by("-id").first()
    if active is not None:
        if active.step in FROZEN:
            return _("该台账正处于“%(step)s”环节，暂不能修改；退回或进入下一环节后再修改。") % {
                "step": active.step_label
            }
        return None
    if reviews.filter(status=Review.Status.SIGNED).exists():
        return _("该台账已签字备案，不能修改；如需修改，请发起台账修订。")
    return None


def point_problem(point: Any) -> str | None:
    if getattr(point, "locked", False):
        return _("该风险点所在台账已签字备案，不能修改；如需修改，请发起台账修订。")
    return register_problem(
        target_kind=point.target_kind,
        unit_id=point.unit_id,
        department_id=point.department_id,
        post_id=point.post_id,
        year=point.year,
        campaign_id=point.campaign_id,
    )


def closed_registers(unit_ids: set[int], years: set[int]) -> dict[tuple[str, int, int], str]:
    """register_problem for every yearly register of `unit_ids` and `years` at once."""
    latest: dict[tuple[str, int, int], tuple[str, int]] = {}
    signed: set[tuple[str, int, int]] = set()
    rows = (
        Review.objects.filter(unit_id__in=sorted(unit_ids), round__year__in=sorted(years))
        .exclude(round__kind=Round.Kind.CAMPAIGN)
        .order_by("id")
        .values_list(
            "target_kind", "post_id", "department_id", "unit_id", "round__year", "status", "step"
        )
    )
    for kind, post, department, unit, year, status, step in rows:
        target = {"post": post, "department": department}.get(kind, unit)
        key = (kind, target, year)
        if status == Review.Status.ACTIVE:
            latest[key] = (status, step)
        elif status == Review.Status.SIGNED:
            signed.add(key)
    closed: dict[tuple[str, int, int], str] = {}
    for key in signed | set(latest):
        active = latest.get(key)
        if active is not None:
            if active[1] in FROZEN:
                closed[key] = _(
                    "该台账正处于“%(step)s”环节，暂不能修改；退回或进入下一环节后再修改。"
                ) % {"step": Step(active[1]).label}
        else:
            closed[key] = _("该台账已签字备案，不能修改；如需修改，请发起台账修订。")
    return closed
