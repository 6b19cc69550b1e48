"""Panels of the workbench (工作台). Each module registers the panels it contributes — the user's
own posts, tasks, warnings to answer… — in its AppConfig.ready(), so core knows none of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    template: str
    # returns the panel's context, or None when the panel has nothing for this user
    context: Callable[[HttpRequest], dict[str, Any] | None]
    order: int = 100


PANELS: list[Panel] = []


def register_panel(panel: Panel) -> None:
    if panel not in PANELS:
        PANELS.append(panel)
        PANELS.sort(key=lambda p: p.order)


def panels_for(request: HttpRequest) -> list[dict[str, Any]]:
    shown = []
    for panel in PANELS:
        context = panel.context(request)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown
