"""Reading the risk workbook into typed rows, one problem per bad cell. Cell reading, header
matching and duplicate keys are the organisation workbook's (org/exchange/reader.py); this
module adds the whole-file rules (the 风险点 sheet is needed, every column of a sheet must be
there, a size limit)."""

from __future__ import annotations

from typing import Any

from lianjing.org.exchange.reader import (
    FileError,
    Problem,
    Report,
    Row,
    _header_map,
    _read_sheet,
    open_workbook,
)
from lianjing.org.exchange.sheets import Sheet
from lianjing.risks.exchange.sheets import MEASURES, OPTIONAL, SHEET_ORDER

MAX_POINTS = 60_000
MAX_MEASURES = 300_000

Rows = dict[str, list[Row]]


def sorted_problems(report: Report) -> list[Problem]:
    return sorted(report.problems, key=lambda p: (SHEET_ORDER.get(p.sheet, -1), p.row or 0))


def read_register(data: bytes, points: Sheet, report: Report) -> Rows:
    """Every data row of both sheets, typed. Raises FileError for a file that cannot be
    imported at all."""
    workbook = open_workbook(data)
    try:
        if points.title not in workbook.sheetnames:
            raise FileError(
                f"文件中没有“{points.title}”工作表。工作表名称应为：{points.title}、"
                f"{MEASURES.title}（请使用本页下载的导入模板）。"
            )
        state = {"done": 0, "total": 0}
        rows: Rows = {points.key: [], MEASURES.key: []}
        for sheet in (points, MEASURES):
            if sheet.title in workbook.sheetnames:
                worksheet = workbook[sheet.title]
                if _headers_complete(sheet, worksheet, report):
                    rows[sheet.key] = _read_sheet(sheet, worksheet, report, state, None)
    finally:
        workbook.close()
    if not rows[points.key] and not report:
        raise FileError("“风险点”表中没有数据：请从第 2 行起每行填写一个风险点。")
    if len(rows[points.key]) > MAX_POINTS:
        raise FileError(f"风险点超过 {MAX_POINTS} 个，请分批导入。")
    if len(rows[MEASURES.key]) > MAX_MEASURES:
        raise FileError(f"防控措施超过 {MAX_MEASURES} 行，请分批导入。")
    return rows


def _headers_complete(sheet: Sheet, worksheet: Any, report: Report) -> bool:
    """Every column is needed (but the optional 系统编号/措施编号); the grading columns must be
    those of the model in force."""
    first = next(worksheet.iter_rows(max_row=1, values_only=True), None) or ()
    found = _header_map(sheet, first)
    missing = [f for f in sheet.fields if f.key not in found and f.key not in OPTIONAL]
    for f in missing:
        report.add(
            sheet,
            1,
            f.key,
            f"缺少列“{f.header}”：第 1 行应为模板中的全部列标题，请勿删除或改名"
            "（定级因素列须与现行定级模型一致，请重新下载模板）。",
        )
    return not missing
