"""The power catalogue workbook: three sheets (职权, 流程环节, 裁量权基准), their columns with
Chinese headers and how a cell is read. The same definitions make the template, the export and
the reader (the organisation workbook's `Field`/`Sheet`), so an export imports again unchanged.

A power is known by its code (职权编码); a step by 职权编码 + 环节编号; a benchmark grade by
职权编码 + 违法行为 + 处罚种类 + 情节. Legal bases are one cell, one basis a line
(《法规名称》条款): a clerk keeps a power on one row. Amounts and several-item cells are read
as text and parsed by `cells.py`."""

from __future__ import annotations

from lianjing.org.exchange.sheets import CODE, ENUM, INT, TEXT, Field, Sheet, text_choices
from lianjing.powers.models import Circumstance, FlowStep, Power, PowerCategory

LONG_TEXT = 10_000
EXAMPLE_UNIT = "示例单位编码"


def category_choices() -> list[tuple[object, str]]:
    return list(PowerCategory.objects.values_list("code", "name"))


def circumstance_choices() -> list[tuple[object, str]]:
    return list(Circumstance.objects.values_list("code", "name"))


LIMIT_UNIT_HINT = "工作日、自然日或小时；与时限同时填写或同时留空。"

POWERS = Sheet(
    "powers",
    "职权",
    (
        Field("code", "职权编码", CODE, True, 40, hint="职权的唯一编码；再次导入时按编码更新。"),
        Field("name", "职权名称", TEXT, True, 200, width=30),
        Field("category", "职权类别", ENUM, True, choices=category_choices, width=14),
        Field("content", "职权内容", TEXT, max_length=LONG_TEXT, width=40),
        Field("unit", "实施主体单位编码", CODE, True, 32, hint="须在您的导入范围内。", width=18),
        Field(
            "department",
            "承办机构",
            TEXT,
            max_length=100,
            hint="实施主体单位的内设机构，填编码或名称；可留空。",
        ),
        Field("service_target", "服务对象", TEXT, max_length=200, width=20),
        Field("time_limit_value", "法定时限", INT, maximum=100_000, width=10),
        Field(
            "time_limit_unit",
            "时限单位",
            ENUM,
            choices=text_choices(Power.LimitUnit),
            hint=LIMIT_UNIT_HINT,
            width=10,
        ),
        Field("fee", "收费", TEXT, max_length=200, hint="不收费请填“不收费”。", width=14),
        Field("effective_year", "生效年度", INT, minimum=1949, maximum=2100, width=10),
        Field(
            "legal_bases",
            "法律依据",
            TEXT,
            max_length=LONG_TEXT,
            hint="一行一项，写成《法规名称》条款，例如《中华人民共和国行政许可法》第二十九条；"
            "单元格内换行按 Alt+Enter。公布前至少要有一项。",
            width=48,
        ),
    ),
    ("code",),
)

STEPS = Sheet(
    "steps",
    "流程环节",
    (
        Field("power", "职权编码", CODE, True, 40, hint="“职权”表中的职权编码。"),
        Field(
            "key",
            "环节编号",
            CODE,
            True,
            30,
            hint="同一职权内唯一，只用字母、数字、“-”或“_”，如 S1。",
            width=10,
        ),
        Field(
            "kind",
            "环节类型",
            ENUM,
            True,
            choices=text_choices(FlowStep.Kind),
            hint="每个流程有且只有一个“开始”，至少一个“结束”；有分支的环节填“判断”。",
            width=10,
        ),
        Field("name", "环节名称", TEXT, True, 100, width=18),
        Field(
            "handler_post",
            "承办岗位编码",
            CODE,
            max_length=40,
            hint="须为职权实施主体单位的岗位；可留空。",
        ),
        Field(
            "handler_department",
            "承办机构",
            TEXT,
            max_length=100,
            hint="职权实施主体单位的内设机构，填编码或名称；可留空。",
        ),
        Field("conditions", "办理条件", TEXT, max_length=LONG_TEXT, width=24),
        Field("procedure", "办理程序", TEXT, max_length=LONG_TEXT, width=24),
        Field("time_limit_value", "时限", INT, maximum=100_000, width=8),
        Field(
            "time_limit_unit",
            "时限单位",
            ENUM,
            choices=text_choices(Power.LimitUnit),
            hint=LIMIT_UNIT_HINT,
            width=10,
        ),
        Field("responsibility", "岗位责任", TEXT, max_length=LONG_TEXT, width=24),
        Field("documents", "形成文书", TEXT, max_length=LONG_TEXT, width=20),
        Field(
            "next",
            "下一环节",
            TEXT,
            max_length=1000,
            hint="填后续环节的编号，如 S2；判断环节写出每个分支及其条件，用分号分隔，"
            "如 S3:符合；S5:不符合。结束环节留空。",
            width=24,
        ),
    ),
    ("power", "key"),
)

BENCHMARKS = Sheet(
    "benchmarks",
    "裁量权基准",
    (
        Field(
            "power",
            "职权编码",
            CODE,
            True,
            40,
            hint="“职权”表中的职权编码；仅行政处罚、行政强制类职权。",
        ),
        Field("violation", "违法行为", TEXT, True, 200, width=30),
        Field("measure", "处罚种类", TEXT, True, 50, hint="如：罚款、没收违法所得。", width=12),
        Field(
            "circumstance",
            "情节",
            ENUM,
            True,
            choices=circumstance_choices,
            hint="同一违法行为、处罚种类的各情节幅度不能重叠。",
            width=8,
        ),
        Field(
            "amount_from",
            "幅度下限",
            TEXT,
            max_length=30,
            hint="数字，最多两位小数；与上限同时填写。",
            width=12,
        ),
        Field("amount_to", "幅度上限", TEXT, max_length=30, hint="数字，最多两位小数。", width=12),
        Field("amount_unit", "计量单位", TEXT, max_length=20, hint="元、倍、日…", width=10),
        Field(
            "other_measure",
            "其他裁量",
            TEXT,
            max_length=200,
            hint="不以数额计的裁量，如“警告”；无幅度时必填。",
            width=20,
        ),
        Field("conditions", "适用条件", TEXT, max_length=LONG_TEXT, width=30),
        Field("legal_basis", "依据", TEXT, max_length=300, width=30),
    ),
    ("power", "violation", "measure", "circumstance"),
)

SHEETS: tuple[Sheet, ...] = (POWERS, STEPS, BENCHMARKS)
SHEET_ORDER = {sheet.title: index for index, sheet in enumerate(SHEETS)}
