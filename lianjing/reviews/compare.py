"""Side-by-side comparisons: a signed register against its revision, and one year's register
against the next (动态管理: added, removed and regraded risk points)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from lianjing.risks.models import RiskPoint

COMPARED = ("description", "risk_type", "level_label", "manifestations", "causes")


@dataclass(frozen=True)
class DiffRow:
    change: str  # "added" | "removed" | "changed" | "same"
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    fields: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return {"added": "新增", "removed": "删除", "changed": "修改", "same": "未变"}[self.change]


def _measures(point: dict[str, Any]) -> list[tuple[str, str]]:
    return [(m["kind"], m["content"]) for m in point.get("measures", [])]


def diff_snapshot(signed: list[dict[str, Any]], current: list[dict[str, Any]]) -> list[DiffRow]:
    """Points of the signed snapshot against the points now (matched by id)."""
    before = {p["id"]: p for p in signed}
    after = {p["id"]: p for p in current}
    rows: list[DiffRow] = []
    for pk, point in after.items():
        old = before.get(pk)
        if old is None:
            rows.append(DiffRow("added", None, point))
            continue
        changed = tuple(f for f in COMPARED if old.get(f) != point.get(f))
        if _measures(old) != _measures(point):
            changed += ("measures",)
        rows.append(DiffRow("changed" if changed else "same", old, point, changed))
    rows += [DiffRow("removed", p, None) for pk, p in before.items() if pk not in after]
    order = {"changed": 0, "added": 1, "removed": 2, "same": 3}
    return sorted(rows, key=lambda r: order[r.change])


@dataclass(frozen=True)
class YearRow:
    change: str  # "added" | "removed" | "regraded" | "same"
    before: RiskPoint | None
    after: RiskPoint | None

    @property
    def label(self) -> str:
        return {"added": "新增", "removed": "不再列入", "regraded": "等级调整", "same": "延续"}[
            self.change
        ]


def compare_years(points: QuerySet[RiskPoint], year_from: int, year_to: int) -> list[YearRow]:
    """`points` (already scoped to a unit) of two years: a point of the later year carried
    forward from one of the earlier year is the same point (regraded when its level changed)."""
    live = points.exclude(status=RiskPoint.Status.RETIRED).select_related("post", "department")
    old = {p.pk: p for p in live.filter(year=year_from)}
    new = list(live.filter(year=year_to))
    rows: list[YearRow] = []
    matched: set[int] = set()
    for point in new:
        source = old.get(point.carried_from_id) if point.carried_from_id else None
        if source is None:
            rows.append(YearRow("added", None, point))
            continue
        matched.add(source.pk)
        rows.append(YearRow("regraded" if source.level != point.level else "same", source, point))
    rows += [YearRow("removed", p, None) for pk, p in old.items() if pk not in matched]
    order = {"regraded": 0, "added": 1, "removed": 2, "same": 3}
    return sorted(rows, key=lambda r: (order[r.change], (r.after or r.before).pk))  # type: ignore[union-attr]
