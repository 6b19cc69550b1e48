"""Published powers for portal tests (and for the access and bad-input harnesses, which need one
to call the portal's pages with): built through the services, as a catalogue manager would."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lianjing.org.models import Department, Post, Unit
from lianjing.powers import services
from lianjing.powers.flow import DECISION, END, START, STEP, EdgeLink
from lianjing.powers.models import Circumstance, Power, PowerCategory
from lianjing.powers.services import BenchmarkInput, StepInput


def draft_power(
    unit: Unit,
    *,
    code: str = "GK-XK-001",
    name: str = "食品经营许可",
    category: str = "licensing",
    content: str = "对在本辖区从事食品销售和餐饮服务活动的申请人实施许可。",
    department: Department | None = None,
    post: Post | None = None,
    **extra: Any,
) -> Power:
    """A draft with a legal basis and a branching flow (受理 → 材料是否齐全 → 补正/审查 → 办结)."""
    power = services.power_create(
        actor=None,
        legal_bases=[("中华人民共和国行政许可法", "第三十条"), ("中华人民共和国食品安全法", "")],
        code=code,
        name=name,
        category=PowerCategory.objects.get(code=category),
        unit=unit,
        department=department,
        content=content,
        service_target="公民、法人和其他组织",
        time_limit_value=20,
        time_limit_unit="working_days",
        fee="不收费",
        effective_year=2026,
        **extra,
    )
    handler: dict[str, Any] = {"handler_post": post} if post else {}
    if department is not None and post is None:
        handler = {"handler_department": department}
    steps = [
        StepInput("s", "申请", START),
        StepInput(
            "a",
            "受理",
            STEP,
            {
                **handler,
                "time_limit_value": 5,
                "time_limit_unit": "working_days",
                "conditions": "申请材料齐全、符合法定形式",
                "procedure": "窗口受理，出具受理通知书",
                "responsibility": "对申请材料进行形式审查",
                "documents": "受理通知书",
            },
        ),
        StepInput("d", "材料是否齐全", DECISION),
        StepInput("b", "补正材料", STEP, {"time_limit_value": 5, "time_limit_unit": "hours"}),
        StepInput(
            "r", "审查决定", STEP, {"time_limit_value": 15, "time_limit_unit": "calendar_days"}
        ),
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
    services.flow_save(actor=None, power=power, steps=steps, edges=edges)
    if category in services.DISCRETION_CATEGORIES:
        services.benchmarks_save(actor=None, power=power, rows=sample_benchmarks())
    return power


def sample_benchmarks() -> list[BenchmarkInput]:
    minor, ordinary, serious = (
        Circumstance.objects.get(code=c) for c in ("minor", "ordinary", "serious")
    )
    violation = "未取得食品经营许可从事食品经营活动"
    return [
        BenchmarkInput(
            violation, "警告", minor, other_measure="警告", conditions="初次违法且及时改正"
        ),
        BenchmarkInput(
            violation,
            "罚款",
            minor,
            Decimal(5000),
            Decimal(20000),
            "元",
            legal_basis="食品安全法第一百二十二条",
        ),
        BenchmarkInput(violation, "罚款", ordinary, Decimal(20000), Decimal(60000), "元"),
        BenchmarkInput(violation, "罚款", serious, Decimal(60000), Decimal(100000), "元"),
    ]


def published_power(unit: Unit, **kwargs: Any) -> Power:
    """A published power of `unit` (see `draft_power` for the arguments)."""
    return services.power_publish(actor=None, power=draft_power(unit, **kwargs))
