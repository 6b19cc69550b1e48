"""Reference lists of the organisation module, loaded by migration: ranks (职级, lowest first) and
the five kinds of key post of the Hubei seed."""

from __future__ import annotations

from typing import Any

RANKS: list[tuple[str, str]] = [
    ("clerk", "办事员"),
    ("staff", "科员"),
    ("deputy_section", "副科级"),
    ("section", "正科级"),
    ("deputy_division", "副处级"),
    ("division", "正处级"),
    ("deputy_bureau", "副厅级"),
    ("bureau", "正厅级"),
]

KEY_POST_KINDS: list[tuple[str, str]] = [
    ("leadership", "领导岗位"),
    ("personnel", "人事管理"),
    ("finance", "财务/物资采购"),
    ("licensing", "行政许可"),
    ("penalty", "行政处罚"),
]


def sync_reference_data(rank_model: Any, kind_model: Any) -> None:
    for order, (code, name) in enumerate(RANKS, start=1):
        if not rank_model.objects.filter(code=code).exists():
            rank_model.objects.create(code=code, name=name, order=order * 10)
    for code, name in KEY_POST_KINDS:
        kind_model.objects.get_or_create(code=code, defaults={"name": name})
