"""Flow charts drawn server-side by Graphviz (`dot`) as SVG: the same picture on the page, on
the public portal and in Word/PDF documents. Each step carries a colour slot for the risk level
of the risk points pinned to it (the risk register fills `risk_levels`; until then steps are
drawn uncoloured and the legend says what the colours mean)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

import graphviz
from django.core.cache import cache

from lianjing.powers.flow import DECISION, END, START, EdgeLink, StepNode

FONT = "WenQuanYi Micro Hei"
CACHE_SECONDS = 24 * 60 * 60

# 一级 (highest) … 三级, and no risk point
RISK_COLOURS = {1: "#d63939", 2: "#f76707", 3: "#f59f00"}
RISK_LEGEND = [(1, "一级风险"), (2, "二级风险"), (3, "三级风险")]
SHAPES = {START: "oval", END: "oval", DECISION: "diamond"}


def _label(step: StepNode, limits: Mapping[str, str]) -> str:
    # names are user text: "<b>x</b>" would be read as an HTML-like label, "\\" as an escape
    limit = limits.get(step.key)
    return graphviz.escape(f"{step.name}\n（{limit}）" if limit else step.name)


def render_svg(
    steps: list[StepNode],
    edges: list[EdgeLink],
    *,
    limits: Mapping[str, str] | None = None,
    risk_levels: Mapping[str, int] | None = None,
) -> str:
    """The chart as an SVG document (cached by content: an unchanged flow is drawn once)."""
    limits = limits or {}
    risk_levels = risk_levels or {}
    key = _cache_key(steps, edges, limits, risk_levels)
    svg = cache.get(key)
    if svg is None:
        svg = _draw(steps, edges, limits, risk_levels)
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def _cache_key(
    steps: list[StepNode],
    edges: list[EdgeLink],
    limits: Mapping[str, str],
    risk_levels: Mapping[str, int],
) -> str:
    content = json.dumps(
        [
            [(s.key, s.name, s.kind) for s in steps],
            [(e.source, e.target, e.label) for e in edges],
            sorted(limits.items()),
            sorted(risk_levels.items()),
        ],
        ensure_ascii=False,
    )
    return "powers:chart:" + hashlib.sha256(content.encode()).hexdigest()


def _draw(
    steps: list[StepNode],
    edges: list[EdgeLink],
    limits: Mapping[str, str],
    risk_levels: Mapping[str, int],
) -> str:
    graph = graphviz.Digraph(format="svg")
    graph.attr(rankdir="TB", fontname=FONT, bgcolor="transparent")
    graph.attr("node", fontname=FONT, fontsize="12", shape="box", style="rounded,filled")
    graph.attr("edge", fontname=FONT, fontsize="11")
    for step in steps:
        level = risk_levels.get(step.key)
        graph.node(
            step.key,
            _label(step, limits),
            shape=SHAPES.get(step.kind, "box"),
            fillcolor=RISK_COLOURS.get(level, "#ffffff") if level else "#ffffff",
            color="#206bc4" if level is None else RISK_COLOURS[level],
            fontcolor="#ffffff" if level == 1 else "#1d273b",
            id=f"step_{step.key}",
        )
    for edge in edges:
        graph.edge(edge.source, edge.target, label=graphviz.escape(edge.label))
    svg: str = graph.pipe(encoding="utf-8")
    # drop the XML prolog and DOCTYPE so the SVG can be inlined in a page
    return svg[svg.index("<svg") :]


PNG_DPI = 144


def render_png(
    steps: list[StepNode],
    edges: list[EdgeLink],
    limits: Mapping[str, str] | None = None,
    risk_levels: Mapping[str, int] | None = None,
) -> bytes:
    """The chart as a PNG image for Word documents (cached by content, like `render_svg`)."""
    limits = limits or {}
    risk_levels = risk_levels or {}
    key = _cache_key(steps, edges, limits, risk_levels).replace(":chart:", ":chart-png:", 1)
    png = cache.get(key)
    if png is None:
        svg_graph = _graph(steps, edges, limits, risk_levels)
        svg_graph.attr(bgcolor="white", dpi=str(PNG_DPI))
        png = svg_graph.pipe(format="png")
        cache.set(key, png, CACHE_SECONDS)
    result: bytes = png
    return result


def _graph(
    steps: list[StepNode],
    edges: list[EdgeLink],
    limits: Mapping[str, str],
    risk_levels: Mapping[str, int],
) -> graphviz.Digraph:
    # the same drawing as `_draw`, kept apart so that the SVG path stays untouched
    graph = graphviz.Digraph()
    graph.attr(rankdir="TB", fontname=FONT)
    graph.attr("node", fontname=FONT, fontsize="12", shape="box", style="rounded,filled")
    graph.attr("edge", fontname=FONT, fontsize="11")
    for step in steps:
        level = risk_levels.get(step.key)
        graph.node(
            step.key,
            _label(step, limits),
            shape=SHAPES.get(step.kind, "box"),
            fillcolor=RISK_COLOURS.get(level, "#ffffff") if level else "#ffffff",
            color="#206bc4" if level is None else RISK_COLOURS[level],
            fontcolor="#ffffff" if level == 1 else "#1d273b",
        )
    for edge in edges:
        graph.edge(edge.source, edge.target, label=graphviz.escape(edge.label))
    return graph
