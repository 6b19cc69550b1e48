"""The grading model in force when Lianjing is installed (version 1): the seven factors of the
Sichuan seed (001, item 6) with weights that administrators may change in a new version, and
the 可能性 × 危害程度 of the 004 seed. Loaded by migration."""

from __future__ import annotations

from typing import Any

FIVE = ["很低", "较低", "一般", "较高", "很高"]


def _scale(*labels: str) -> list[dict[str, Any]]:
    # labels lowest first; scored 1–5, spread over the range when fewer than five
    step = 4 / (len(labels) - 1)
    return [{"label": label, "score": round(1 + i * step)} for i, label in enumerate(labels)]


FACTORS: list[tuple[str, str, int, list[dict[str, Any]]]] = [
    ("post_weight", "岗位权重", 20, _scale("一般岗位", "较重要岗位", "重要岗位", "关键岗位")),
    (
        "resources",
        "处置资金物资资源量",
        15,
        _scale("基本不涉及", "较少", "一般", "较多", "大量"),
    ),
    ("discretion", "自由裁量权大小", 15, _scale("无", "较小", "一般", "较大", "很大")),
    (
        "public_relevance",
        "服务社会关联度和社会评价",
        10,
        _scale("关联很少、评价好", "关联一般", "关联较多", "关联密切", "关联密切、评价较差"),
    ),
    ("complaints", "信访、投诉和发案量", 15, _scale("无", "偶有", "较多", "多发")),
    ("media", "媒体曝光率", 10, _scale("无", "偶有", "较多", "多次")),
    ("consequences", "违规行为后果", 15, _scale("轻微", "一般", "较重", "严重", "特别严重")),
]
PROBABILITY = _scale("很低", "较低", "一般", "较高", "很高")
HARM = _scale("轻微", "较轻", "一般", "严重", "特别严重")


def sync_default_model(model_cls: Any, factor_cls: Any) -> None:
    if model_cls.objects.exists():
        return
    model = model_cls.objects.create(
        version_no=1,
        name="廉政风险等级评定模型",
        status="active",
        probability_scale=PROBABILITY,
        harm_scale=HARM,
        likelihood_share="0.30",
        level1_min="75.0",
        level2_min="50.0",
        note="七项因素加权（70%）与发生可能性×危害程度（30%）合成百分制得分；"
        "75 分及以上为一级，50 分及以上为二级，其余为三级。",
    )
    for order, (code, name, weight, options) in enumerate(FACTORS):
        factor_cls.objects.create(
            model=model, code=code, name=name, weight=weight, options=options, order=order
        )
