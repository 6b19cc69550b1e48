"""What other modules add to the catalogue without the catalogue depending on them: the risk
register tells which level of risk sits at each step of a flow (the colour slots of the chart)."""

from __future__ import annotations

from collections.abc import Callable

from lianjing.powers.models import Power

StepLevels = Callable[[Power], dict[str, int]]
_STEP_LEVELS: list[StepLevels] = []


def register_step_levels(provider: StepLevels) -> None:
    if provider not in _STEP_LEVELS:
        _STEP_LEVELS.append(provider)


def step_levels(power: Power) -> dict[str, int]:
    """The highest risk level (1 is highest) at each step key, over every provider."""
    levels: dict[str, int] = {}
    for provider in _STEP_LEVELS:
        for key, level in provider(power).items():
            levels[key] = min(level, levels.get(key, level))
    return levels
