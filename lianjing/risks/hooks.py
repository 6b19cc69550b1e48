"""Hooks by which later modules take part in the risk register without it depending on them.

Edit guards: a module may forbid changing a register (the eight-step procedure forbids changing
a signed register, or one under review). Every write to a risk point or its measures asks
`edit_problem` first and refuses with the message returned."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError

PointGuard = Callable[[Any], "str | None"]
TargetGuard = Callable[..., "str | None"]

ClosedLookup = Callable[[set[int], set[int]], "dict[tuple[str, int, int], str]"]

_POINT_GUARDS: list[PointGuard] = []
_TARGET_GUARDS: list[TargetGuard] = []
_CLOSED_LOOKUPS: list[ClosedLookup] = []


def register_edit_guards(point: PointGuard, target: TargetGuard) -> None:
    """`point(point)` judges a change to an existing point (or its measures); `target(**where)`
    judges a new point for target_kind, unit_id, department_id, post_id, year, campaign_id."""
    if point not in _POINT_GUARDS:
        _POINT_GUARDS.append(point)
    if target not in _TARGET_GUARDS:
        _TARGET_GUARDS.append(target)


def check_point_editable(point: Any) -> None:
    for guard in _POINT_GUARDS:
        problem = guard(point)
        if problem:
            raise ValidationError(problem, code="locked")


def check_target_open(**where: Any) -> None:
    for guard in _TARGET_GUARDS:
        problem = guard(**where)
        if problem:
            raise ValidationError(problem, code="locked")


def edit_problem(point: Any) -> str | None:
    """Why the point's content may not be changed now (for pages: hide the buttons, say why)."""
    for guard in _POINT_GUARDS:
        problem = guard(point)
        if problem:
            return problem
    return None


def register_closed_lookup(lookup: ClosedLookup) -> None:
    """`lookup(unit_ids, years)` answers, for many registers at once (an import), which are
    closed: {(target kind, target id, year): why} — the target id of a post's register is the
    post's, of an office's the office's, of a unit's the unit's. Yearly registers only."""
    if lookup not in _CLOSED_LOOKUPS:
        _CLOSED_LOOKUPS.append(lookup)


def closed_registers(unit_ids: set[int], years: set[int]) -> dict[tuple[str, int, int], str]:
    closed: dict[tuple[str, int, int], str] = {}
    for lookup in _CLOSED_LOOKUPS:
        for key, why in lookup(unit_ids, years).items():
            closed.setdefault(key, why)
    return closed
