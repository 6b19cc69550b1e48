"""Risk points for tests, made through the services."""

from __future__ import annotations

from typing import Any

from lianjing.org.models import Post
from lianjing.risks import services
from lianjing.risks.reference import FACTORS

# indexes into each factor's options: all lowest (三级) or all highest (一级)
LOWEST: dict[str, int] = {code: 0 for code, *_ in FACTORS} | {"probability": 0, "harm": 0}
HIGHEST: dict[str, int] = {code: len(options) - 1 for code, _, _, options in FACTORS} | {
    "probability": 4,
    "harm": 4,
}


def post_risk(at: Post, *, inputs: dict[str, int] | None = None, **extra: Any) -> Any:
    fields = {
        "unit": at.unit,
        "year": 2026,
        "target_kind": "post",
        "post": at,
        "risk_type": "post_duty",
        "description": "审核把关不严，违规办理资金拨付",
        "manifestations": "对不符合条件的申请予以拨付；收受好处后加快拨付进度",
        "causes": "审核权集中，缺少复核",
        "found_by": ["self", "leader"],
        **extra,
    }
    return services.risk_point_create(actor=None, inputs=inputs or LOWEST, **fields)
