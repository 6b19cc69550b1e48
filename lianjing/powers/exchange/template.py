"""The import template: a 说明 sheet that tells a clerk how to fill the file in, then the three
sheets with their headers (hints on the headers, drop-down lists for the enumerations) and a
filled example: a licence with a 补正材料 loop and a penalty with its discretion benchmarks."""

from __future__ import annotations

from typing import Any

from lianjing.org.exchange.writer import Book
from lianjing.powers.exchange.sheets import (
    BENCHMARKS,
    EXAMPLE_UNIT,
    POWERS,
    STEPS,
    category_choices,
    circumstance_choices,
)

GUIDE_TITLE = "说明"

EXAMPLE_LINE = "3. 各表第 2 行起是示例（“{unit}”等），导入前请改写或删除示例行。"
GUIDE = [
    "职权目录导入模板（廉镜）",
    "",
    "一、文件结构",
    "1. 本文件有三个工作表：职权、流程环节、裁量权基准。“职权”表必须有；另两个表可以没有数据。",
    "2. 每个工作表第 1 行是列标题，请勿删除、改名或调换含义；红色标题为必填列。"
    "把鼠标移到标题上可看到填写提示。",
    EXAMPLE_LINE,
    "",
    "二、职权表（一行一项职权）",
    "4. 职权编码是职权的唯一标识。再次导入同一编码：该职权现为草稿的，草稿被整体替换；"
    "已公布的，自动生成一个新的修订版本（草稿），原公布版本继续有效，直到您在系统中公布修订版本。"
    "内容与系统中完全相同的职权不会重复写入，也不会生成修订版本。",
    "5. 实施主体单位填单位编码，须在您的职权目录导入范围内；承办机构填该单位内设机构的编码或名称。",
    "6. 法律依据填在一个单元格内，一行一项，写成《法规名称》条款，"
    "例如：《中华人民共和国行政许可法》第二十九条（单元格内换行按 Alt+Enter）。"
    "公布职权前至少要有一项法律依据。",
    "7. 法定时限与时限单位（工作日、自然日、小时）同时填写或同时留空；生效年度填四位年份。",
    "8. 职权类别可选：{categories}。",
    "",
    "三、流程环节表（一行一个环节，按办理顺序排列）",
    "9. 每个环节填职权编码、环节编号（同一职权内唯一，只用字母、数字、“-”或“_”，如 S1）、"
    "环节类型（开始、办理环节、判断、结束）和环节名称。",
    "10. 下一环节填后续环节的编号，如 S2；判断环节写出每个分支及其条件，用分号分隔，"
    "如 S3:符合；S5:不符合。结束环节留空。可以退回前面的环节（如 补正材料 → 受理），"
    "但循环必须有出口。",
    "11. 流程须有且只有一个开始、至少一个结束；每个环节都要能从开始到达，并能到达结束；"
    "办理环节只有一个后续环节，判断环节至少两个分支且每个分支都标注条件。",
    "12. 承办岗位填岗位编码，承办机构填内设机构编码或名称，都须属于职权的实施主体单位；可留空。",
    "13. 某项职权在本表中没有任何行时，系统中该职权已有的流程保持不变（新职权则暂无流程）；"
    "有行时，流程按本表整体替换。",
    "",
    "四、裁量权基准表（一行一个情节的裁量幅度）",
    "14. 只有行政处罚、行政强制类职权可以填写。情节可选：{circumstances}。",
    "15. 幅度下限和上限同时填写（数字，最多两位小数），或填写其他裁量（如“警告”）。"
    "同一违法行为、同一处罚种类下，不同情节的幅度不能重叠"
    "（端点可以相接，如 1000–5000 与 5000–10000）。",
    "16. 某项职权在本表中没有行时，系统中已有的裁量权基准保持不变；有行时整体替换。",
    "",
    "五、导入规则",
    "17. 导入时先检查全部数据：只要有一处错误，就不会写入任何数据，并列出每一处错误"
    "（工作表、行号、列、单元格内容和原因）。改正后重新导入即可。",
    "18. 导入的职权一律为草稿，不会出现在公开目录中；核对无误后请在系统中逐项公布。",
    "19. 导出的文件与本模板格式相同，可以修改后再次导入。",
]

_LICENCE = "XK-001"
_PENALTY = "CF-001"


def _powers() -> list[list[Any]]:
    return [
        [
            _LICENCE,
            "食品经营许可",
            "行政许可/审批",
            "对在本辖区从事食品销售和餐饮服务活动的申请人实施许可。",
            EXAMPLE_UNIT,
            "行政审批科",
            "公民、法人和其他组织",
            20,
            "工作日",
            "不收费",
            2024,
            "《中华人民共和国食品安全法》第三十五条\n《食品经营许可和备案管理办法》第十条",
        ],
        [
            _PENALTY,
            "对未取得食品经营许可从事食品经营活动的行政处罚",
            "行政处罚",
            "对未取得食品经营许可从事食品经营活动的，依法给予行政处罚。",
            EXAMPLE_UNIT,
            "执法稽查科",
            "违法行为当事人",
            90,
            "自然日",
            "不收费",
            2024,
            "《中华人民共和国食品安全法》第一百二十二条\n《中华人民共和国行政处罚法》第三十六条",
        ],
    ]


def _step(power: str, key: str, kind: str, name: str, nxt: str, **extra: Any) -> list[Any]:
    return [
        power,
        key,
        kind,
        name,
        extra.get("post", ""),
        extra.get("department", ""),
        extra.get("conditions", ""),
        extra.get("procedure", ""),
        extra.get("limit"),
        "工作日" if extra.get("limit") else "",
        extra.get("responsibility", ""),
        extra.get("documents", ""),
        nxt,
    ]


def _steps() -> list[list[Any]]:
    office, squad = "行政审批科", "执法稽查科"
    return [
        _step(_LICENCE, "S1", "开始", "申请", "S2"),
        _step(
            _LICENCE,
            "S2",
            "办理环节",
            "受理",
            "S3",
            department=office,
            conditions="申请材料齐全、符合法定形式",
            procedure="窗口人员核对申请材料",
            limit=5,
            responsibility="当场或五个工作日内作出是否受理的决定",
            documents="受理通知书",
        ),
        _step(_LICENCE, "S3", "判断", "材料是否齐全", "S4:齐全；S5:不齐全", department=office),
        _step(
            _LICENCE,
            "S5",
            "办理环节",
            "补正材料",
            "S2",
            department=office,
            documents="补正材料通知书",
        ),
        _step(
            _LICENCE,
            "S4",
            "办理环节",
            "审查决定",
            "S6",
            department=office,
            limit=15,
            responsibility="依法审查，作出准予或不予许可的决定",
            documents="食品经营许可证",
        ),
        _step(_LICENCE, "S6", "结束", "办结", ""),
        _step(_PENALTY, "S1", "开始", "立案", "S2", department=squad),
        _step(_PENALTY, "S2", "办理环节", "调查取证", "S3", department=squad, limit=30),
        _step(_PENALTY, "S3", "判断", "是否予以处罚", "S4:予以处罚；S5:不予处罚"),
        _step(
            _PENALTY,
            "S4",
            "办理环节",
            "处罚决定",
            "S5",
            department=squad,
            procedure="告知当事人陈述、申辩和听证权利后作出决定",
            documents="行政处罚决定书",
        ),
        _step(_PENALTY, "S5", "结束", "结案", ""),
    ]


def _benchmarks() -> list[list[Any]]:
    violation = "未取得食品经营许可从事食品经营活动"
    basis = "《中华人民共和国食品安全法》第一百二十二条"
    return [
        [_PENALTY, violation, "罚款", "轻微", 50000, 65000, "元", "", "货值金额不足一万元", basis],
        [_PENALTY, violation, "罚款", "一般", 65000, 80000, "元", "", "", basis],
        [_PENALTY, violation, "罚款", "较重", 80000, 100000, "元", "", "", basis],
        [
            _PENALTY,
            violation,
            "没收",
            "一般",
            None,
            None,
            "",
            "没收违法所得和违法经营的食品",
            "",
            basis,
        ],
    ]


def add_guide(book: Book, *, example: bool) -> None:
    sheet = book.workbook.create_sheet(GUIDE_TITLE)
    sheet.column_dimensions["A"].width = 130
    names = {
        "unit": EXAMPLE_UNIT,
        "categories": "、".join(name for _code, name in category_choices()),
        "circumstances": "、".join(name for _code, name in circumstance_choices()),
    }
    for line in GUIDE:
        if line is EXAMPLE_LINE and not example:
            line = "3. 本文件由系统导出，可以修改后再次导入。"
        sheet.append([line.format(**names)])


def template_workbook() -> bytes:
    book = Book()
    add_guide(book, example=True)
    book.sheet(POWERS, _powers())
    book.sheet(STEPS, _steps())
    book.sheet(BENCHMARKS, _benchmarks())
    return book.save()
