"""Reads of the risk register, always through the unit/department/post scope (org/access.py)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from lianjing.accounts import permissions as perms
from lianjing.accounts.selectors import user_has_perm
from lianjing.org import access
from lianjing.powers.models import Power
from lianjing.risks.models import RegisterException, RiskPoint

LEVEL_ONE_LIMIT = Decimal("0.10")  # 一级风险原则上控制在风险总量的10%以内


def risk_points_visible(user: Any, perm: str = perms.RISKS_VIEW) -> QuerySet[RiskPoint]:
    if not user_has_perm(user, perm):
        return RiskPoint.objects.none()
    q = access.scope_q(user, perm, unit="unit_id", department="department_id", post="post_id")
    return RiskPoint.objects.filter(q)


def risk_point_get(user: Any, pk: Any, perm: str = perms.RISKS_VIEW) -> RiskPoint:
    queryset = RiskPoint.objects.select_related(
        "unit", "post__department", "department", "power", "flow_step", "grading_model"
    )
    return access.get_scoped_or_404(queryset & risk_points_visible(user, perm), pk)


@dataclass(frozen=True)
class Summary:
    """The level summary of a unit's register of a year, and the 10% rule."""

    total: int
    by_level: dict[int, int]

    @property
    def level_one_share(self) -> Decimal:
        return Decimal(self.by_level.get(1, 0)) / self.total if self.total else Decimal(0)

    @property
    def level_one_allowed(self) -> int:
        return int(self.total * LEVEL_ONE_LIMIT)

    @property
    def breaks_rule(self) -> bool:
        return self.level_one_share > LEVEL_ONE_LIMIT

    @property
    def share_text(self) -> str:
        return f"{self.level_one_share * 100:.1f}%"


def register_summary(unit_id: int, year: int) -> Summary:
    rows = (
        RiskPoint.objects.filter(unit_id=unit_id, year=year)
        .exclude(status=RiskPoint.Status.RETIRED)
        .values("level")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_level = {row["level"]: row["n"] for row in rows}
    return Summary(sum(by_level.values()), {level: by_level.get(level, 0) for level in (1, 2, 3)})


def approved_exception(unit_id: int, year: int) -> RegisterException | None:
    return RegisterException.objects.filter(
        unit_id=unit_id, year=year, status=RegisterException.Status.APPROVED
    ).first()


def step_risk_levels(power: Power) -> dict[str, int]:
    """The highest level of the live risk points pinned to each step of `power`'s flow (一级 is
    highest), for the flow chart's colours."""
    rows = (
        RiskPoint.objects.filter(flow_step__power=power)
        .exclude(status=RiskPoint.Status.RETIRED)
        .values_list("flow_step__key", "level")
    )
    levels: dict[str, int] = {}
    for key, level in rows:
        levels[key] = min(level, levels.get(key, 3))
    return levels


def exceptions_visible(user: Any, perm: str = perms.RISKS_VIEW) -> QuerySet[RegisterException]:
    if not user_has_perm(user, perm):
        return RegisterException.objects.none()
    return RegisterException.objects.filter(access.scope_q(user, perm, unit="unit_id"))


def year_units(user: Any, year: int) -> QuerySet[Any]:
    """Units in scope with their register counts for `year` (the register index)."""
    from lianjing.org.models import Unit

    live = Q(risk_points__year=year) & ~Q(risk_points__status=RiskPoint.Status.RETIRED)
    return (
        access.visible(user, Unit, perms.RISKS_VIEW)
        .annotate(
            total=Count("risk_points", filter=live),
            level_one=Count("risk_points", filter=live & Q(risk_points__level=1)),
        )
        .filter(total__gt=0)
        .order_by("code")
    )
