"""The risk register workbook: 风险点 (one row a risk point, known in the file by a row key such
as R1), 防控措施 (one row a measure, pointing at its risk point by that key) and 说明. The grading
columns follow the grading model in force: one column a factor holding the chosen option's label
(e.g. 较多), then 发生可能性 and 危害程度. The same definitions make the template, the export and
the reader (the organisation workbook's `Field`/`Sheet`), so an export imports again."""

from __future__ import annotations

from django.utils import translation

from lianjing.core.forms import PK_MAX
from lianjing.org.exchange.sheets import (
    CODE,
    DATE,
    ENUM,
    FILE_LANGUAGE,
    INT,
    NAMES,
    TEXT,
    ChoiceSource,
    Field,
    Sheet,
    text_choices,
)
from lianjing.risks import grading
from lianjing.risks.choices import FoundBy, Level, MeasureKind, RiskType, TargetKind
from lianjing.risks.models import ControlMeasure

LONG_TEXT = 10_000
EXAMPLE_UNIT = "示例单位编码"
FACTOR_PREFIX = "factor:"
ID = "id"  # 系统编号 / 措施编号: optional columns, filled by the export to update on re-import
LIKELIHOOD = ((grading.PROBABILITY, "发生可能性"), (grading.HARM, "危害程度"))


def _options(options: list[grading.Option]) -> ChoiceSource:
    pairs: list[tuple[object, str]] = [(index, o.label) for index, o in enumerate(options)]
    return lambda: pairs


def level_choices() -> list[tuple[object, str]]:
    with translation.override(FILE_LANGUAGE):
        return [(value, str(label)) for value, label in Level.choices]


def grading_fields(scheme: grading.Scheme) -> tuple[Field, ...]:
    """One column a factor of the model in force, then probability and harm."""
    fields = [
        Field(
            FACTOR_PREFIX + factor.code,
            factor.name,
            ENUM,
            True,
            choices=_options(list(factor.options)),
            hint=f"定级因素（权重 {factor.weight}），从下拉列表中选择档次。",
            width=14,
        )
        for factor in scheme.factors
    ]
    for code, name in LIKELIHOOD:
        options = scheme.probability if code == grading.PROBABILITY else scheme.harm
        fields.append(
            Field(FACTOR_PREFIX + code, name, ENUM, True, choices=_options(list(options)), width=12)
        )
    return tuple(fields)


def points_sheet(scheme: grading.Scheme) -> Sheet:
    head = (
        Field(
            "key", "行键", CODE, True, 30, hint="本文件内唯一，如 R1；防控措施表用它指明风险点。"
        ),
        Field("unit", "单位编码", CODE, True, 32, hint="须在您的风险台账维护范围内。"),
        Field("year", "台账年度", INT, True, minimum=2000, maximum=2100, width=10),
        Field(
            "target_kind",
            "风险对象",
            ENUM,
            True,
            choices=text_choices(TargetKind),
            hint="岗位须填岗位编码；内设机构须填内设机构；行业（系统）须填行业（系统）名称。",
            width=12,
        ),
        Field("post", "岗位编码", CODE, max_length=40, hint="该单位的岗位。"),
        Field("department", "内设机构", TEXT, max_length=100, hint="该单位内设机构的编码或名称。"),
        Field("sector", "行业（系统）", TEXT, max_length=100),
        Field("power", "职权编码", CODE, max_length=40, hint="该单位现行职权的编码；可留空。"),
        Field(
            "step",
            "环节编号",
            CODE,
            max_length=30,
            hint="所填职权流程中的环节编号，如 S2；可留空。",
        ),
        Field("risk_type", "风险类型", ENUM, True, choices=text_choices(RiskType), width=12),
        Field("description", "风险点描述", TEXT, True, LONG_TEXT, width=40),
        Field("manifestations", "表现形式", TEXT, max_length=LONG_TEXT, width=30),
        Field("causes", "成因", TEXT, max_length=LONG_TEXT, width=30),
        Field(
            "found_by",
            "查找方式",
            NAMES,
            True,
            choices=text_choices(FoundBy),
            hint="可填多个，用“、”分隔，如：自己找、领导点。",
            width=20,
        ),
    )
    tail = (
        Field(
            "level",
            "集体审定等级",
            ENUM,
            choices=level_choices,
            hint="领导班子集体审定的等级；与计算等级不同时须填理由、日期和参加人员。一般留空。",
            width=12,
        ),
        Field("override_reason", "调整理由", TEXT, max_length=LONG_TEXT, width=24),
        Field("override_decided_on", "集体审定日期", DATE, width=12),
        Field("override_participants", "参加审定人员", TEXT, max_length=LONG_TEXT, width=20),
        Field(
            ID,
            "系统编号",
            INT,
            minimum=1,
            maximum=PK_MAX,
            hint="系统导出时填写，导入时据此修改该风险点（不会重复新增）；"
            "新增的风险点请留空，请勿改动已有的编号。",
            width=10,
        ),
    )
    return Sheet("points", "风险点", head + grading_fields(scheme) + tail, ("key",))


MEASURES = Sheet(
    "measures",
    "防控措施",
    (
        Field("point", "风险点行键", CODE, True, 30, hint="“风险点”表中的行键，如 R1。"),
        Field("kind", "措施类别", ENUM, True, choices=text_choices(MeasureKind), width=12),
        Field("content", "措施内容", TEXT, True, LONG_TEXT, width=40),
        Field("owner", "责任人人员编号", CODE, max_length=32, hint="风险点所在单位的人员。"),
        Field("due_date", "完成时限", DATE, width=12),
        Field(
            "status",
            "落实情况",
            ENUM,
            choices=text_choices(ControlMeasure.Status),
            default=ControlMeasure.Status.PLANNED.value,
            hint="留空为“未开始”。",
            width=10,
        ),
        Field("check_method", "检查方式", TEXT, max_length=200, width=24),
        Field(
            ID,
            "措施编号",
            INT,
            minimum=1,
            maximum=PK_MAX,
            hint="系统导出时填写，导入时据此修改该措施；新增的措施请留空。",
            width=10,
        ),
    ),
    ("point", "kind", "content"),
)

OPTIONAL = frozenset({ID})  # columns a file may lack (files made before they existed)

SHEET_ORDER = {"风险点": 0, MEASURES.title: 1}
