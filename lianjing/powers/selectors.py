"""Reads of the power catalogue. Every query of powers starts from `powers_visible`, which
filters by the unit scope (org/access.py) under a permission; out of scope reads as missing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from lianjing.accounts import permissions as perms
from lianjing.accounts.selectors import user_has_perm
from lianjing.org import access
from lianjing.org.models import Unit
from lianjing.powers import chart, flow
from lianjing.powers.models import FlowEdge, FlowStep, Power


def powers_visible(user: Any, perm: str = perms.POWERS_VIEW) -> QuerySet[Power]:
    if not user_has_perm(user, perm):
        return Power.objects.none()
    return Power.objects.filter(access.scope_q(user, perm, unit="unit_id"))


def power_get(user: Any, pk: Any, perm: str = perms.POWERS_VIEW) -> Power:
    """The power (any version) if the user reaches its unit under `perm`; else 404."""
    queryset = Power.objects.select_related("category", "unit", "department", "previous")
    return access.get_scoped_or_404(queryset & powers_visible(user, perm), pk)


def power_list(user: Any) -> QuerySet[Power]:
    """One row per power code: the version in force, or the first draft of a new power; with
    whether a revision is under way."""
    revision = Power.objects.filter(previous=OuterRef("pk"), status=Power.Status.DRAFT)
    return (
        powers_visible(user)
        .filter(is_current=True)
        .select_related("category", "unit", "department")
        .annotate(has_revision=Exists(revision))
        .order_by("unit__code", "category__order", "code")
    )


def power_versions(power: Power) -> list[Power]:
    return list(Power.objects.filter(code=power.code).order_by("-version_no"))


def pending_revision(power: Power) -> Power | None:
    return Power.objects.filter(previous=power, status=Power.Status.DRAFT).first()


def can_manage(user: Any, power: Power) -> bool:
    return powers_visible(user, perms.POWERS_MANAGE).filter(pk=power.pk).exists()


def manageable_units(user: Any) -> QuerySet[Unit]:
    return access.visible(user, Unit, perms.POWERS_MANAGE)


@dataclass(frozen=True)
class Flow:
    """A power's flow as stored: rows for tables, nodes and links for rules and the chart."""

    steps: list[FlowStep]
    edges: list[FlowEdge]

    @property
    def nodes(self) -> list[flow.StepNode]:
        return [flow.StepNode(s.key, s.name, s.kind) for s in self.steps]

    @property
    def links(self) -> list[flow.EdgeLink]:
        return [flow.EdgeLink(e.source.key, e.target.key, e.label) for e in self.edges]

    @property
    def limits(self) -> dict[str, str]:
        return {s.key: s.time_limit_text for s in self.steps if s.time_limit_text}

    def successors(self, step: FlowStep) -> list[FlowEdge]:
        return [e for e in self.edges if e.source_id == step.pk]

    def svg(self, risk_levels: dict[str, int] | None = None) -> str:
        if not self.steps:
            return ""
        return chart.render_svg(self.nodes, self.links, limits=self.limits, risk_levels=risk_levels)


def flow_of(power: Power) -> Flow:
    outgoing = Prefetch("outgoing", FlowEdge.objects.select_related("target").order_by("id"))
    steps = list(
        power.steps.select_related("handler_post", "handler_department")
        .prefetch_related(outgoing)
        .order_by("order", "id")
    )
    edges = list(power.edges.select_related("source", "target").order_by("id"))
    return Flow(steps, edges)


def catalogue_counts(user: Any) -> dict[str, int]:
    """Current powers in scope by status, for the list page's summary."""
    rows = (
        powers_visible(user)
        .filter(is_current=True)
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {row["status"]: row["n"] for row in rows}
    return {status: counts.get(status, 0) for status in Power.Status.values}


def search_q(text: str) -> Q:
    text = text.strip()
    return Q(name__icontains=text) | Q(code__icontains=text) | Q(content__icontains=text)
