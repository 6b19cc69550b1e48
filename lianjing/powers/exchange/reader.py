"""Reading the power workbook into typed rows, with one problem per bad cell. The cell reading,
header matching and duplicate detection are the organisation workbook's (org/exchange/reader.py);
this module adds the whole-file rules of the catalogue (the 职权 sheet is needed, every column of
a sheet must be there, a size limit) and the several-value cells of `cells.py`."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from lianjing.org.exchange.reader import (
    CellError,
    FileError,
    Problem,
    Report,
    Row,
    _header_map,
    _read_sheet,
    open_workbook,
)
from lianjing.org.exchange.sheets import Sheet
from lianjing.powers.exchange import cells
from lianjing.powers.exchange.sheets import BENCHMARKS, POWERS, SHEET_ORDER, SHEETS, STEPS

MAX_POWERS = 5_000
MAX_STEPS = 100_000

Rows = dict[str, list[Row]]


def sorted_problems(report: Report) -> list[Problem]:
    return sorted(report.problems, key=lambda p: (SHEET_ORDER.get(p.sheet, -1), p.row or 0))


def read_catalogue(data: bytes, report: Report) -> Rows:
    """Every data row of the three sheets, typed; problems of single cells, missing columns and
    duplicate keys go into `report`. Raises FileError for a file that cannot be imported at all."""
    workbook = open_workbook(data)
    try:
        if POWERS.title not in workbook.sheetnames:
            titles = "、".join(s.title for s in SHEETS)
            raise FileError(
                f"文件中没有“{POWERS.title}”工作表。工作表名称应为：{titles}"
                "（请使用本页下载的导入模板）。"
            )
        state = {"done": 0, "total": 0}
        rows: Rows = {sheet.key: [] for sheet in SHEETS}
        for sheet in SHEETS:
            if sheet.title in workbook.sheetnames:
                worksheet = workbook[sheet.title]
                if _headers_complete(sheet, worksheet, report):
                    rows[sheet.key] = _read_sheet(sheet, worksheet, report, state, None)
    finally:
        workbook.close()
    if not rows[POWERS.key] and not report:
        raise FileError("“职权”表中没有数据：请从第 2 行起每行填写一项职权。")
    if len(rows[POWERS.key]) > MAX_POWERS:
        raise FileError(f"职权超过 {MAX_POWERS} 项，请按单位分批导入。")
    if len(rows[STEPS.key]) > MAX_STEPS:
        raise FileError(f"流程环节超过 {MAX_STEPS} 行，请按单位分批导入。")
    _several_values(rows, report)
    return rows


def _headers_complete(sheet: Sheet, worksheet: Any, report: Report) -> bool:
    """Every column of the sheet is needed: a column left out would empty that field of every
    power on import (a draft is replaced whole)."""
    first = next(worksheet.iter_rows(max_row=1, values_only=True), None) or ()
    found = _header_map(sheet, first)
    missing = [f for f in sheet.fields if f.key not in found]
    for f in missing:
        report.add(
            sheet,
            1,
            f.key,
            f"缺少列“{f.header}”：第 1 行应为模板中的全部列标题，请勿删除或改名。",
        )
    return not missing


def _convert(sheet: Sheet, row: Row, key: str, parse: Callable[[str], Any], report: Report) -> None:
    if key in row.bad:
        return
    try:
        row.values[key] = parse(row.values.get(key) or "")
    except CellError as exc:
        report.add(sheet, row, key, str(exc))
        row.values[key] = None
        row.bad = row.bad | {key}


def _several_values(rows: Rows, report: Report) -> None:
    for row in rows[POWERS.key]:
        _convert(POWERS, row, "legal_bases", cells.parse_legal_bases, report)
    for row in rows[STEPS.key]:
        _convert(STEPS, row, "key", cells.parse_key, report)
        _convert(STEPS, row, "next", partial(cells.parse_next, row["key"] or ""), report)
    for row in rows[BENCHMARKS.key]:
        _convert(BENCHMARKS, row, "amount_from", cells.parse_amount, report)
        _convert(BENCHMARKS, row, "amount_to", cells.parse_amount, report)
