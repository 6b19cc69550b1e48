"""The shape of a demo power: plain frozen dataclasses and a few builders, so that the catalogues
read like the 权责清单 and 流程图 they imitate. Nothing here touches the database.

A step names its handler as a chain of `Pick`s, tried in order in the power's own unit (a post
by name, an office, the head of an office, the leader in charge of an office, the main leader…);
`handlers.UnitDirectory` resolves the chain against the posts and offices that the organisation
demo generated."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TypedDict, Unpack

from lianjing.powers.flow import DECISION, END, START, STEP

WORKING_DAYS, CALENDAR_DAYS, HOURS = "working_days", "calendar_days", "hours"
PUBLISHED, DRAFT, REVOKED = "published", "draft", "revoked"
MINOR, ORDINARY, SERIOUS, GRAVE = "minor", "ordinary", "serious", "grave"  # 轻微 一般 较重 严重

PUBLISHED_ON = datetime.date(2026, 1, 15)  # the district's 2026 catalogue was published then


@dataclass(frozen=True)
class Pick:
    """One way to find a handler in a unit (see `handlers.UnitDirectory.pick`)."""

    how: str  # post | dept | dept_like | head | head_like | in_charge | top | deputy | kind | staff
    name: str = ""
    dept: str = ""
    index: int = 0


Handlers = tuple[Pick, ...]


def post(name: str, dept: str = "") -> Pick:
    return Pick("post", name, dept)


def dept(name: str) -> Pick:
    return Pick("dept", name)


def dept_like(fragment: str) -> Pick:
    return Pick("dept_like", fragment)


def head(dept_name: str) -> Pick:
    """The head of an office (预算科科长, 财务室主任…)."""
    return Pick("head", dept_name)


def head_like(fragment: str) -> Pick:
    return Pick("head_like", fragment)


def in_charge(fragment: str) -> Pick:
    """The leader in charge (分管领导) of the first office whose name contains `fragment`."""
    return Pick("in_charge", fragment)


def deputy(index: int = 0) -> Pick:
    return Pick("deputy", index=index)


def key_post(kind: str) -> Pick:
    return Pick("kind", kind)


TOP = Pick("top")
STAFF = Pick("staff")


@dataclass(frozen=True)
class Limit:
    value: int
    unit: str


def wd(value: int) -> Limit:
    return Limit(value, WORKING_DAYS)


def cd(value: int) -> Limit:
    return Limit(value, CALENDAR_DAYS)


def hrs(value: int) -> Limit:
    return Limit(value, HOURS)


@dataclass(frozen=True)
class StepT:
    key: str
    kind: str
    name: str
    handler: Handlers
    limit: Limit | None = None
    conditions: str = ""
    procedure: str = ""
    responsibility: str = ""
    documents: str = ""
    to: str = ""  # the next step of a start or an ordinary step
    branches: tuple[tuple[str, str], ...] = ()  # (label, next step) of a decision

    def links(self) -> list[tuple[str, str, str]]:
        """(source, target, label) of the edges leaving this step."""
        if self.kind == DECISION:
            return [(self.key, target, label) for label, target in self.branches]
        return [(self.key, self.to, "")] if self.to else []


class Texts(TypedDict, total=False):
    conditions: str
    procedure: str
    responsibility: str
    documents: str


def start(key: str, name: str, handler: Handlers, *, to: str, **texts: Unpack[Texts]) -> StepT:
    return StepT(key, START, name, handler, to=to, **texts)


def step(
    key: str,
    name: str,
    handler: Handlers,
    *,
    to: str,
    limit: Limit | None = None,
    **texts: Unpack[Texts],
) -> StepT:
    return StepT(key, STEP, name, handler, limit, to=to, **texts)


def decide(
    key: str,
    name: str,
    handler: Handlers,
    *branches: tuple[str, str],
    limit: Limit | None = None,
    **texts: Unpack[Texts],
) -> StepT:
    return StepT(key, DECISION, name, handler, limit, branches=branches, **texts)


def end(key: str, name: str, handler: Handlers, **texts: Unpack[Texts]) -> StepT:
    return StepT(key, END, name, handler, **texts)


@dataclass(frozen=True)
class GradeT:
    """One grade of a discretion benchmark: under `circumstance` (a Circumstance code), the
    range of `measure` in `unit` (元, 倍, %…) or, without a range, `other` (警告, 不予处罚…)."""

    violation: str
    measure: str
    circumstance: str
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str = ""
    other: str = ""
    conditions: str = ""
    basis: str = ""


def grades(
    violation: str,
    measure: str,
    unit: str,
    basis: str,
    *rows: tuple[str, str | int | None, str | int | None, str],
) -> tuple[GradeT, ...]:
    """Ranged grades of one violation and measure: rows of (circumstance, low, high,
    conditions); amounts are written as strings or ints and kept exact as Decimal."""
    return tuple(
        GradeT(
            violation,
            measure,
            circumstance,
            None if low is None else Decimal(low),
            None if high is None else Decimal(high),
            unit,
            "",
            conditions,
            basis,
        )
        for circumstance, low, high, conditions in rows
    )


def other(
    violation: str, measure: str, circumstance: str, text: str, conditions: str, basis: str
) -> GradeT:
    return GradeT(violation, measure, circumstance, other=text, conditions=conditions, basis=basis)


@dataclass(frozen=True)
class PowerT:
    """A power of one unit. `suffix` completes the code after the unit's code (unique per
    unit); two templates with the same suffix are versions of one power."""

    suffix: str
    name: str
    category: str
    content: str
    bases: tuple[tuple[str, str], ...]
    flow: tuple[StepT, ...]
    department: Handlers = ()
    service_target: str = ""
    limit: Limit | None = None
    fee: str = "不收费"
    status: str = PUBLISHED
    effective_year: int = 2026
    published_on: datetime.date | None = PUBLISHED_ON
    version_no: int = 1
    is_current: bool = True
    benchmarks: tuple[GradeT, ...] = ()
