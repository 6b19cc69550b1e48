"""Writing workbooks: the blank template (whole or one sheet), the export of what a user may see
(same layout, so that it can be imported again), and the error report of a failed import.
Write-only mode throughout: an export of a province stays small in memory."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from lianjing.org.exchange.sheets import BOOL, CODE, DATE, ENUM, INT, NAMES, SHEETS, Field, Sheet

OPTIONS_TITLE = "选项"
GUIDE_TITLE = "填写说明"
LAST_ROW = 1048576
CELL_LIMIT = 32767
HEADER_FILL = PatternFill("solid", fgColor="E8EEF5")
REQUIRED_FONT = Font(bold=True, color="C0392B")
HEADER_FONT = Font(bold=True)

GUIDE = [
    "组织机构导入模板（廉镜）",
    "",
    "1. 本文件包含五个工作表：单位、内设机构、岗位、人员、任职。可以只填写其中几个，"
    "其余工作表留空或删除。",
    "2. 每个工作表第 1 行是列标题，请勿修改；红色标题为必填列。把鼠标移到标题上可看到填写提示。",
    "3. 各类记录按编码识别：单位编码、内设机构编码、岗位编码、人员编号；任职按人员编号、"
    "岗位编码和开始日期识别。再次导入同一编码会更新原记录，不会重复新增。",
    "4. 上级单位、所属单位、内设机构、岗位和人员都用编码引用，被引用的记录可以在本文件中，"
    "也可以是系统中已有的记录。",
    "5. 日期写成 YYYY-MM-DD（例如 2024-03-01），也可以使用 Excel 的日期格式。",
    "6. 导入时先检查全部数据：只要有一行有错，就不会写入任何数据，并列出每一处错误"
    "（工作表、行号、列和原因）。改正后重新导入即可。",
    "7. 身份证号可以留空。导出的文件只含脱敏号码；留空或保留脱敏号码，系统中已登记的号码不变。",
    "8. 您只能导入自己管理范围内的单位、岗位和人员。",
]


def _cell(sheet: Any, value: Any) -> Any:
    """Text stays text: control characters removed, a leading "=" kept as text, not a formula."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:CELL_LIMIT]
        if value.startswith("="):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def _choice_labels(f: Field) -> list[str]:
    return [label for _value, label in f.choices()] if f.choices else []


def _hint(f: Field, labels: list[str]) -> str:
    parts = ["必填。" if f.required else "选填。"]
    if f.hint:
        parts.append(f.hint)
    if f.kind == ENUM and labels:
        parts.append("可选：" + "、".join(labels) + "。")
    if f.kind == NAMES and labels:
        parts.append("类别：" + "、".join(labels) + "。")
    if f.kind == DATE and "YYYY" not in f.hint:
        parts.append("格式 YYYY-MM-DD。")
    if f.kind == INT:
        parts.append("填写整数。")
    if f.kind == BOOL and "是" not in f.hint:
        parts.append("填写“是”或“否”。")
    return "".join(parts)


class Book:
    """A write-only workbook with the organisation sheets laid out as the reader expects."""

    def __init__(self, *, guide: bool = False) -> None:
        self.workbook = Workbook(write_only=True)
        if guide:
            sheet = self.workbook.create_sheet(GUIDE_TITLE)
            sheet.column_dimensions["A"].width = 120
            for line in GUIDE:
                sheet.append([line])
        self.options: list[tuple[str, list[str]]] = []

    def sheet(self, spec: Sheet, rows: Iterable[Sequence[Any]] = ()) -> None:
        sheet = self.workbook.create_sheet(spec.title)
        sheet.freeze_panes = "A2"
        header = []
        for index, f in enumerate(spec.fields, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = f.width
            labels = _choice_labels(f)
            cell = WriteOnlyCell(sheet, value=f.header)
            cell.font = REQUIRED_FONT if f.required else HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(horizontal="center")
            cell.comment = Comment(_hint(f, labels), "廉镜", width=320, height=140)
            header.append(cell)
            self._validation(sheet, f, letter, labels)
        sheet.append(header)
        for row in rows:
            sheet.append([_cell(sheet, value) for value in row])

    def _validation(self, sheet: Any, f: Field, letter: str, labels: list[str]) -> None:
        area = f"{letter}2:{letter}{LAST_ROW}"
        if f.kind == BOOL:
            formula = '"是,否"'
        elif f.kind == ENUM and labels:
            formula = self._option_range(f.header, labels)
        else:
            if f.kind == CODE or f.key == "id_number":
                sheet.column_dimensions[letter].number_format = "@"
            return
        rule = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="取值无效",
            error=f"请从列表中选择“{f.header}”。",
        )
        rule.add(area)
        sheet.data_validations.append(rule)

    def _option_range(self, header: str, labels: list[str]) -> str:
        entry = (header, labels)
        if entry not in self.options:
            self.options.append(entry)
        letter = get_column_letter(self.options.index(entry) + 1)
        return f"{quote_sheetname(OPTIONS_TITLE)}!${letter}$2:${letter}${len(labels) + 1}"

    def save(self) -> bytes:
        if self.options:
            sheet = self.workbook.create_sheet(OPTIONS_TITLE)
            sheet.sheet_state = "hidden"
            sheet.append([name for name, _values in self.options])
            for i in range(max(len(values) for _name, values in self.options)):
                sheet.append(
                    [values[i] if i < len(values) else None for _n, values in self.options]
                )
        buffer = BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()


def template_workbook(sheet: Sheet | None = None) -> bytes:
    """The blank template: every sheet with the filling guide, or one sheet."""
    book = Book(guide=sheet is None)
    for spec in SHEETS if sheet is None else (sheet,):
        book.sheet(spec)
    return book.save()


def errors_workbook(problems: list[dict[str, Any]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("错误报告")
    widths = {"A": 12, "B": 8, "C": 18, "D": 30, "E": 80}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    headers = ["工作表", "行号", "列", "单元格内容", "错误原因"]
    sheet.append([_bold(sheet, h) for h in headers])
    for p in problems:
        values = [p.get("sheet"), p.get("row"), p.get("column"), p.get("value"), p.get("message")]
        sheet.append([_cell(sheet, v) for v in values])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bold(sheet: Any, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    return cell
