"""Powers for tests, made through the services (so they obey every catalogue rule)."""

from __future__ import annotations

from typing import Any

from lianjing.org.models import Unit
from lianjing.powers import services
from lianjing.powers.flow import DECISION, END, START, STEP, EdgeLink
from lianjing.powers.models import Power, PowerCategory
from lianjing.powers.services import StepInput


def branching_flow(handler: dict[str, Any] | None = None) -> tuple[list[StepInput], list[EdgeLink]]:
    """申请 → 受理 → 材料是否齐全 (齐全 → 审查决定 → 办结; 不齐全 → 补正材料 → 受理)."""
    handler = handler or {}
    steps = [
        StepInput("s", "申请", START),
        StepInput(
            "a", "受理", STEP, {**handler, "time_limit_value": 5, "time_limit_unit": "working_days"}
        ),
        StepInput("d", "材料是否齐全", DECISION),
        StepInput("b", "补正材料", STEP),
        StepInput("r", "审查决定", STEP),
        StepInput("e", "办结", END),
    ]
    edges = [
        EdgeLink("s", "a"),
        EdgeLink("a", "d"),
        EdgeLink("d", "r", "齐全"),
        EdgeLink("d", "b", "不齐全"),
        EdgeLink("b", "a"),
        EdgeLink("r", "e"),
    ]
    return steps, edges


def power_with_flow(
    unit: Unit,
    code: str,
    *,
    name: str = "对销售不符合食品安全标准食品的处罚",
    category: str = "penalty",
    publish: bool = False,
    **extra: Any,
) -> Power:
    power = services.power_create(
        actor=None,
        legal_bases=[("中华人民共和国食品安全法", "第一百二十四条")],
        code=code,
        name=name,
        category=PowerCategory.objects.get(code=category),
        unit=unit,
        content="对违反食品安全法律法规的行为实施行政处罚。",
        time_limit_value=90,
        time_limit_unit="calendar_days",
        **extra,
    )
    steps, edges = branching_flow()
    services.flow_save(actor=None, power=power, steps=steps, edges=edges)
    if publish:
        services.power_publish(actor=None, power=power)
    return power
