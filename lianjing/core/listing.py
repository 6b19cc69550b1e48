"""The list pattern every module reuses: a filter form (django-filter), a paginated table that
htmx refreshes in place, and the same columns exported to Excel. A view builds a `ListPage` and
returns `page.response()`; templates extend core/list_page.html."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import Any
from urllib.parse import quote

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django_filters import FilterSet
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_ROW_LIMIT = 100_000
XLSX_CELL_LIMIT = 32_767  # characters Excel accepts in one cell


@dataclass(frozen=True)
class Column:
    label: Any
    value: str | Callable[[Any], Any]
    link: Callable[[Any], str] | None = None
    nowrap: bool = False

    def get(self, obj: Any) -> Any:
        if callable(self.value):
            return self.value(obj)
        result: Any = obj
        for part in self.value.split("."):
            result = getattr(result, part, None)
            if result is None:
                return ""
        display = getattr(obj, f"get_{self.value}_display", None)
        return display() if callable(display) else result


def cell_text(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return value
    return "" if value is None else str(value)


class ListPage:
    def __init__(
        self,
        request: HttpRequest,
        queryset: QuerySet[Any],
        *,
        columns: Sequence[Column],
        title: Any,
        filterset_class: type[FilterSet] | None = None,
        per_page: int = 25,
        export_name: str | None = None,
        template: str = "core/list_page.html",
        row_actions: str | None = None,
        empty_message: Any = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.request = request
        self.columns = list(columns)
        self.title = title
        self.per_page = per_page
        self.export_name = export_name
        self.template = template
        # a template rendered in a last column for each row (`row` in its context)
        self.row_actions = row_actions
        self.empty_message = empty_message
        self.extra = extra or {}
        self.filterset = (
            filterset_class(request.GET, queryset=queryset) if filterset_class else None
        )
        self.queryset = self.filterset.qs if self.filterset is not None else queryset

    @property
    def filters_valid(self) -> bool:
        return self.filterset is None or self.filterset.is_valid()

    def response(self) -> HttpResponse:
        if self.export_name and self.request.GET.get("export") == "xlsx" and self.filters_valid:
            return self.export()
        context = {**self.extra, "list": self, "title": self.title}
        template = self.template
        htmx = getattr(self.request, "htmx", None)
        if htmx and htmx.target == "list-results":
            template = "core/_list.html#results"
        return render(self.request, template, context)

    def page(self) -> Any:
        queryset = self.queryset if self.filters_valid else self.queryset.none()
        paginator = Paginator(queryset, self.per_page)
        return paginator.get_page(self.request.GET.get("page"))

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "object": obj,
                "cells": [
                    {
                        "value": cell_text(c.get(obj)),
                        "link": c.link(obj) if c.link else None,
                        "nowrap": c.nowrap,
                    }
                    for c in self.columns
                ],
            }
            for obj in self.page_obj.object_list
        ]

    @property
    def page_obj(self) -> Any:
        if not hasattr(self, "_page_obj"):
            self._page_obj = self.page()
        return self._page_obj

    def export(self) -> HttpResponse:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=str(self.title)[:31])
        header = []
        for column in self.columns:
            cell = WriteOnlyCell(sheet, value=str(column.label))
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for obj in self.queryset[:EXPORT_ROW_LIMIT]:
            sheet.append([_xlsx_cell(sheet, cell_text(c.get(obj))) for c in self.columns])
        buffer = BytesIO()
        workbook.save(buffer)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        return xlsx_response(buffer.getvalue(), f"{self.export_name}-{stamp}.xlsx")


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    """Text exactly as text: control characters (which openpyxl refuses, breaking the whole file)
    removed, and a leading "=" kept as text, not turned into a formula (spreadsheet injection)."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_CELL_LIMIT]
    if not value.startswith("="):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    """An .xlsx download; the (Chinese) file name encoded as RFC 5987 requires."""
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
