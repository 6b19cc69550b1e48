#!/usr/bin/env python3
"""Rendering a 30-step flow chart with Graphviz: cold (dot runs) and cached (the SVG comes from
the cache). Target (issue 4): ≤ 300 ms cold, ≤ 20 ms cached.

Usage: .venv/bin/python bench/flow_chart.py"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402

from lianjing.powers.chart import render_svg  # noqa: E402
from lianjing.powers.flow import DECISION, END, START, STEP, EdgeLink, StepNode  # noqa: E402

RUNS = 20


def thirty_step_flow(variant: int) -> tuple[list[StepNode], list[EdgeLink], dict[str, str]]:
    """申请 → 27 steps with a decision every 5th (补正 loops back) → 办结: 30 nodes."""
    steps = [StepNode("s", "申请", START)]
    edges: list[EdgeLink] = []
    previous = "s"
    for i in range(28):
        key = f"k{i}"
        kind = DECISION if i % 5 == 4 else STEP
        name = f"第{i + 1}环节{'是否符合条件' if kind == DECISION else '审核办理'}{variant}"
        steps.append(StepNode(key, name, kind))
        edges.append(
            EdgeLink(
                previous,
                key,
                "符合" if previous.startswith("k") and int(previous[1:]) % 5 == 4 else "",
            )
        )
        if kind == DECISION:
            edges.append(EdgeLink(key, f"k{i - 2}", "不符合"))
        previous = key
    steps.append(StepNode("e", "办结", END))
    edges.append(EdgeLink(previous, "e", ""))
    limits = {s.key: "3个工作日" for s in steps if s.kind == STEP}
    return steps, edges, limits


def main() -> None:
    cold, cached = [], []
    for variant in range(RUNS):
        steps, edges, limits = thirty_step_flow(variant)
        cache.clear()
        started = time.perf_counter()
        svg = render_svg(steps, edges, limits=limits)
        cold.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        assert render_svg(steps, edges, limits=limits) == svg
        cached.append((time.perf_counter() - started) * 1000)
    assert len(steps) == 30 and "办结" in svg
    worst_cold, worst_cached = max(cold), max(cached)
    print(f"30-step chart, {RUNS} different flows")
    print(f"  cold   median {statistics.median(cold):6.1f} ms  max {worst_cold:6.1f} ms  (≤ 300)")
    print(
        f"  cached median {statistics.median(cached):6.2f} ms  max {worst_cached:6.2f} ms  (≤ 20)"
    )
    sys.exit(0 if worst_cold <= 300 and worst_cached <= 20 else 1)


if __name__ == "__main__":
    main()
