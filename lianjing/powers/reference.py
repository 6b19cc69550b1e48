"""Power categories (DOMAIN.md M2), loaded by migration; administrators may add others."""

from __future__ import annotations

from typing import Any

CATEGORIES: list[tuple[str, str]] = [
    ("licensing", "行政许可/审批"),
    ("penalty", "行政处罚"),
    ("enforcement", "行政强制"),
    ("levy", "行政征收"),
    ("benefit", "行政给付"),
    ("confirmation", "行政确认"),
    ("adjudication", "行政裁决"),
    ("inspection", "行政检查"),
    ("internal", "内部管理"),
    ("other", "其他"),
]


def sync_categories(category_model: Any) -> None:
    for order, (code, name) in enumerate(CATEGORIES, start=1):
        category_model.objects.get_or_create(code=code, defaults={"name": name, "order": order})


CIRCUMSTANCES: list[tuple[str, str]] = [
    ("minor", "轻微"),
    ("ordinary", "一般"),
    ("serious", "较重"),
    ("grave", "严重"),
]


def sync_circumstances(model: Any) -> None:
    for order, (code, name) in enumerate(CIRCUMSTANCES, start=1):
        model.objects.get_or_create(code=code, defaults={"name": name, "order": order * 10})
