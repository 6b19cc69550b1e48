"""Reading the workbook: each sheet's header row, then every data row turned into typed values,
with one problem per bad cell (sheet, row, column, reason in Chinese). Nothing here looks at the
database beyond the lists of ranks and key-post kinds; references, trees and scope are checked by
`checks.py`."""

from __future__ import annotations

import datetime
import re
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from io import BytesIO
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel

from lianjing.org.exchange.sheets import (
    BOOL,
    CODE,
    DATE,
    ENUM,
    INT,
    NAMES,
    SHEETS,
    TEXT,
    Field,
    Sheet,
)

MAX_ROWS = 200_000  # data rows in one workbook
MAX_PROBLEMS = 20_000  # kept in the report; the count says how many there were
MAX_COLUMNS = 60
MAX_UNCOMPRESSED = 500 * 1024 * 1024  # what the zip holds once unpacked (zip bombs)
PROGRESS_EVERY = 500

Progress = Callable[[int, int], None]


class FileError(Exception):
    """The file as a whole cannot be read (not an .xlsx, corrupt, no known sheet, too big)."""


@dataclass
class Problem:
    sheet: str
    row: int | None
    column: str
    value: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    count: int = 0

    def add(
        self, sheet: Sheet, row: Row | int | None, column: str | None, message: str, value: Any = ""
    ) -> None:
        self.count += 1
        if len(self.problems) >= MAX_PROBLEMS:
            return
        number = row.number if isinstance(row, Row) else row
        header = sheet.field(column).header if column else ""
        if isinstance(row, Row) and column and value == "":
            value = row.raw.get(column, "")
        self.problems.append(Problem(sheet.title, number, header, _shown(value), message))

    def __bool__(self) -> bool:
        return self.count > 0

    def sorted(self) -> list[Problem]:
        order = {sheet.title: i for i, sheet in enumerate(SHEETS)}
        return sorted(self.problems, key=lambda p: (order.get(p.sheet, -1), p.row or 0))


@dataclass
class Row:
    number: int  # the row number Excel shows
    values: dict[str, Any]
    raw: dict[str, str]
    # the columns whose cells were bad (already reported; their value is None): the row's
    # other references are still checked, but not the rules that need the whole row
    bad: frozenset[str] = frozenset()

    @property
    def ok(self) -> bool:
        return not self.bad

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)


class CellError(ValueError):
    pass


# --- cells ------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]0?0:00(?::00)?)?$"
)
_SEPARATORS = re.compile(r"[、,，;；\n]+")
_TRUE = {"是", "y", "yes", "true", "1", "√", "✓"}
_FALSE = {"否", "n", "no", "false", "0", "×", "✗"}


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _CONTROL.sub("�", str(value))[:100]


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return _shown(value)
    return str(value).strip()


def _fold(label: str) -> str:
    """Labels compare without regard to width of brackets, spaces or letter case."""
    return label.replace("(", "（").replace(")", "）").replace(" ", "").replace("　", "").lower()


def _parse_text(f: Field, value: Any) -> str:
    text = _text(value)
    if _CONTROL.search(text):
        raise CellError("含有不可见的控制字符，请删除后重试。")
    if f.max_length and len(text) > f.max_length:
        raise CellError(f"不能超过 {f.max_length} 个字符（现有 {len(text)} 个）。")
    if f.kind == CODE and re.search(r"\s", text):
        raise CellError("编码中不能有空格或换行。")
    return text


def _parse_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        result = value.date()
    elif isinstance(value, datetime.date):
        result = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:
            raise CellError("日期应填写为 YYYY-MM-DD，例如 2024-03-01。")
        result = from_excel(value).date()
    else:
        match = _DATE.match(str(value).strip())
        if not match:
            raise CellError("日期应填写为 YYYY-MM-DD，例如 2024-03-01。")
        try:
            result = datetime.date(*(int(part) for part in match.groups()))
        except ValueError as exc:
            raise CellError("日期不存在，请核对年月日。") from exc
    if not 1900 <= result.year <= 2100:
        raise CellError("日期应在 1900 年至 2100 年之间。")
    return result


def _parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError("应填写“是”或“否”。")


def _parse_int(f: Field, value: Any) -> int:
    if isinstance(value, bool):
        raise CellError("应填写整数。")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = _text(value)
        if not re.fullmatch(r"[+-]?\d{1,9}", text):
            raise CellError("应填写整数。")
        number = int(text)
    if not f.minimum <= number <= f.maximum:
        raise CellError(f"应在 {f.minimum} 到 {f.maximum} 之间。")
    return number


class Lookup:
    """An enumeration's labels (and stored values) → stored value, built once per import."""

    def __init__(self, f: Field) -> None:
        pairs = f.choices() if f.choices else []
        self.labels = [label for _value, label in pairs]
        self.by_text: dict[str, object] = {}
        for value, label in pairs:
            self.by_text[_fold(label)] = value
            if isinstance(value, str):
                self.by_text.setdefault(_fold(value), value)

    def allowed(self) -> str:
        return "、".join(self.labels) if self.labels else "（系统中尚未设置）"

    def one(self, text: str) -> object:
        try:
            return self.by_text[_fold(text)]
        except KeyError:
            raise CellError(f"“{text}”不是有效的值，可选：{self.allowed()}。") from None

    def several(self, text: str) -> list[object]:
        values: list[object] = []
        for name in (n.strip() for n in _SEPARATORS.split(text)):
            if not name:
                continue
            value = self.one(name)
            if value not in values:
                values.append(value)
        return values


def parse_cell(f: Field, value: Any, lookup: Lookup | None) -> Any:
    """The typed value of one cell, or CellError with the reason. Empty cells give the default
    (or None); a required empty cell is the caller's business."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if f.kind == NAMES:
            return []
        if f.kind == TEXT and f.default is None:
            return ""  # text columns are never NULL in the database
        return f.default
    if f.kind == DATE:
        return _parse_date(value)
    if f.kind == BOOL:
        return _parse_bool(value)
    if f.kind == INT:
        return _parse_int(f, value)
    text = _parse_text(f, value)
    if f.kind in (TEXT, CODE):
        return text
    assert lookup is not None
    if f.kind == ENUM:
        return lookup.one(text)
    return lookup.several(text)


# --- the workbook -----------------------------------------------------------------------------


def open_workbook(data: bytes) -> Any:
    """The workbook in read-only mode, or FileError with a reason an office worker understands."""
    archive = _archive(data)
    if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED:
        raise FileError("文件内容过大（解压后超过 500 MB），请分批导入。")
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise FileError(
            "文件已损坏或不是 .xlsx 格式，无法读取。请用 Excel 另存为 .xlsx 后重试。"
        ) from exc
    workbook._lianjing_archive = archive
    return workbook


def _archive(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileError(
            "文件不是有效的 Excel（.xlsx）文件，请用 Excel 或 WPS 另存为 .xlsx 后重试。"
        ) from exc


def _estimate_rows(workbook: Any, worksheet: Any) -> int:
    """Rows of a sheet for the progress bar, without parsing it: files written by streaming
    writers (and our own export) carry no dimension, so count the <row> tags in its XML."""
    path = getattr(worksheet, "_worksheet_path", "")
    try:
        with workbook._lianjing_archive.open(path) as stream:
            count = 0
            while chunk := stream.read(1 << 20):
                count += chunk.count(b"<row ") + chunk.count(b"<row>")
    except (KeyError, OSError, zipfile.BadZipFile, AttributeError):
        return 0
    return max(count - 1, 0)


def _header_map(sheet: Sheet, cells: tuple[Any, ...]) -> dict[str, int]:
    by_header = {f.header: f.key for f in sheet.fields}
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = re.sub(r"[\s*＊]", "", _text(cell)) if cell is not None else ""
        key = by_header.get(name)
        if key is not None and key not in found:
            found[key] = index
    return found


def read_workbook(
    data: bytes, report: Report, progress: Progress | None = None
) -> dict[str, list[Row]]:
    """Every data row of the known sheets, typed. Problems of single cells, missing required
    columns and duplicate codes within the file go into `report`."""
    workbook = open_workbook(data)
    try:
        present = [sheet for sheet in SHEETS if sheet.title in workbook.sheetnames]
        if not present:
            titles = "、".join(s.title for s in SHEETS)
            raise FileError(f"文件中没有可导入的工作表，工作表名称应为：{titles}。")
        total = sum(_estimate_rows(workbook, workbook[sheet.title]) for sheet in present)
        state = {"done": 0, "total": total}
        rows = {
            sheet.key: _read_sheet(sheet, workbook[sheet.title], report, state, progress)
            for sheet in present
        }
    finally:
        workbook.close()
    if progress:
        progress(state["done"], state["done"])
    return rows


def _read_sheet(
    sheet: Sheet, worksheet: Any, report: Report, state: dict[str, int], progress: Progress | None
) -> list[Row]:
    iterator = worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    header = next(iterator, None) or ()
    columns = _header_map(sheet, header)
    missing = [f for f in sheet.fields if f.required and f.key not in columns]
    for f in missing:
        report.add(sheet, 1, f.key, f"缺少必填列“{f.header}”（第 1 行应为列标题）。")
    if missing:
        return []
    lookups = {f.key: Lookup(f) for f in sheet.fields if f.kind in (ENUM, NAMES)}
    rows: list[Row] = []
    seen: dict[tuple[Any, ...], int] = {}
    for number, cells in enumerate(iterator, start=2):
        if not any(c is not None and str(c).strip() for c in cells):
            continue
        state["done"] += 1
        if state["done"] > MAX_ROWS:
            raise FileError(f"数据行数超过上限（{MAX_ROWS} 行），请分批导入。")
        if progress and state["done"] % PROGRESS_EVERY == 0:
            progress(state["done"], max(state["total"], state["done"]))
        row = _read_row(sheet, number, cells, columns, lookups, report)
        key = tuple(row[k] for k in sheet.natural_key)
        if any(part is None or part == "" for part in key):
            rows.append(row)
            continue
        if key in seen:
            report.add(
                sheet,
                row,
                sheet.natural_key[0],
                f"与第 {seen[key]} 行重复（{sheet.key_headers}相同），同一记录只能出现一次。",
            )
            continue
        seen[key] = number
        rows.append(row)
    return rows


def _read_row(
    sheet: Sheet,
    number: int,
    cells: tuple[Any, ...],
    columns: dict[str, int],
    lookups: dict[str, Lookup],
    report: Report,
) -> Row:
    values: dict[str, Any] = {}
    raw: dict[str, str] = {}
    bad: set[str] = set()
    for f in sheet.fields:
        index = columns.get(f.key)
        cell = cells[index] if index is not None and index < len(cells) else None
        raw[f.key] = _shown(cell)
        try:
            values[f.key] = parse_cell(f, cell, lookups.get(f.key))
        except CellError as exc:
            report.add(sheet, number, f.key, str(exc), cell)
            values[f.key] = None
            bad.add(f.key)
            continue
        if f.required and values[f.key] in (None, "", []):
            report.add(sheet, number, f.key, f"“{f.header}”为必填项。")
            bad.add(f.key)
    return Row(number, values, raw, frozenset(bad))
