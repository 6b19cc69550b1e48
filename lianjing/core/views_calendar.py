"""工作日历: holidays and make-up working days per year, confirmation of a year's schedule, and a
deadline calculator for officers checking a date."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lianjing.accounts.decorators import permission_required
from lianjing.accounts.permissions import MANAGE_CALENDAR
from lianjing.core import services_calendar as services
from lianjing.core.forms import add_service_errors
from lianjing.core.forms_calendar import (
    CalendarDayForm,
    CalendarYearConfirmForm,
    DeadlineForm,
    YearForm,
)
from lianjing.core.listing import Column, ListPage
from lianjing.core.models import CalendarDay
from lianjing.core.selectors_calendar import (
    calendar_days,
    calendar_year_record,
    confirmed_year_ranges,
)
from lianjing.core.services_calendar import WEEKDAY_NAMES
from lianjing.core.working_days import add_working_days


def _calendar_url(year: int | None = None) -> str:
    url = reverse("core:calendar")
    return f"{url}?year={year}" if year is not None else url


def _crumbs(*rest: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("工作日历"), reverse("core:calendar")), *rest]


def _weekday(day: CalendarDay) -> str:
    return WEEKDAY_NAMES[day.date.weekday()]


def _requested_year(request: HttpRequest) -> tuple[YearForm, int]:
    """The year asked for in ?year=, or the current year when it is absent or not a valid year
    (the form then carries the error)."""
    this_year = timezone.localdate().year
    if "year" not in request.GET:
        return YearForm(initial={"year": this_year}), this_year
    form = YearForm(request.GET)
    year = form.cleaned_data["year"] if form.is_valid() else this_year
    return form, year


def _deadline(request: HttpRequest) -> dict[str, Any]:
    if "start" not in request.GET and "days" not in request.GET:
        return {"deadline_form": DeadlineForm()}
    form = DeadlineForm(request.GET)
    if not form.is_valid():
        return {"deadline_form": form}
    result = add_working_days(form.cleaned_data["start"], form.cleaned_data["days"])
    return {
        "deadline_form": form,
        "deadline": result,
        "deadline_weekday": WEEKDAY_NAMES[result.date.weekday()],
    }


@permission_required(MANAGE_CALENDAR)
def calendar(request: HttpRequest) -> HttpResponse:
    year_form, year = _requested_year(request)
    page = ListPage(
        request,
        calendar_days(year=year),
        title=_("工作日历"),
        template="core/calendar.html",
        per_page=100,
        row_actions="core/_calendar_day_actions.html",
        empty_message=_("该年度尚未录入节假日与调休"),
        export_name=f"calendar-{year}",
        columns=[
            Column(_("日期"), "date", nowrap=True),
            Column(_("星期"), _weekday, nowrap=True),
            Column(_("类型"), "kind", nowrap=True),
            Column(_("名称"), "name"),
            Column(_("来源"), "source", nowrap=True),
        ],
        extra={
            "breadcrumbs": [(_("工作日历"), None)],
            "year": year,
            "year_form": year_form,
            "year_record": calendar_year_record(year=year),
            "confirmed_ranges": confirmed_year_ranges(),
            "previous_year": year - 1 if year > services.MIN_YEAR else None,
            "next_year": year + 1 if year < services.MAX_YEAR else None,
            **_deadline(request),
        },
    )
    return page.response()


def _day_form_page(
    request: HttpRequest, form: CalendarDayForm, title: str, year: int | None
) -> HttpResponse:
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": title,
            "breadcrumbs": _crumbs((title, None)),
            "cancel_url": _calendar_url(year),
        },
    )


@permission_required(MANAGE_CALENDAR)
def calendar_day_create(request: HttpRequest) -> HttpResponse:
    form = CalendarDayForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            day = services.calendar_day_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已新增：%(day)s。") % {"day": day})
            return redirect(_calendar_url(day.date.year))
    return _day_form_page(request, form, _("新增节假日或调休"), None)


@permission_required(MANAGE_CALENDAR)
def calendar_day_edit(request: HttpRequest, pk: int) -> HttpResponse:
    day = get_object_or_404(CalendarDay, pk=pk)
    year = day.date.year
    initial = {"date": day.date, "kind": day.kind, "name": day.name}
    form = CalendarDayForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            services.calendar_day_update(actor=request.user, day=day, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存：%(day)s。") % {"day": day})
            return redirect(_calendar_url(day.date.year))
    return _day_form_page(request, form, _("编辑节假日或调休"), year)


@permission_required(MANAGE_CALENDAR)
@require_POST
def calendar_day_delete(request: HttpRequest, pk: int) -> HttpResponse:
    day = get_object_or_404(CalendarDay, pk=pk)
    label = str(day)
    services.calendar_day_delete(actor=request.user, day=day)
    messages.success(request, _("已删除：%(day)s。") % {"day": label})
    return redirect(_calendar_url(day.date.year))


@permission_required(MANAGE_CALENDAR)
def calendar_year_confirm(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = CalendarYearConfirmForm(request.POST)
    else:
        _year_form, year = _requested_year(request)
        form = CalendarYearConfirmForm(initial={"year": year})
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"]
        try:
            services.calendar_year_confirm(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已确认 %(year)s 年的节假日安排。") % {"year": year})
            return redirect(_calendar_url(year))
    title = _("确认年度节假日安排")
    return render(
        request,
        "core/calendar_year_confirm.html",
        {
            "form": form,
            "title": title,
            "submit_label": _("确认"),
            "breadcrumbs": _crumbs((title, None)),
            "cancel_url": _calendar_url(),
        },
    )


@permission_required(MANAGE_CALENDAR)
@require_POST
def calendar_year_unconfirm(request: HttpRequest) -> HttpResponse:
    form = YearForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("year", []):
            messages.error(request, str(error))
        return redirect(_calendar_url())
    year = form.cleaned_data["year"]
    try:
        services.calendar_year_unconfirm(actor=request.user, year=year)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        message = _("已撤销 %(year)s 年的确认，该年度的期限将按周一至周五估算。")
        messages.success(request, message % {"year": year})
    return redirect(_calendar_url(year))


@permission_required(MANAGE_CALENDAR)
@require_POST
def calendar_seed(request: HttpRequest) -> HttpResponse:
    result = services.calendar_seed_from_package(actor=request.user)
    if result.years_added:
        message = _(
            "已从 chinese-calendar 导入 %(years)s 年：新增 %(added)s 条，保留已有记录 %(kept)s 条。"
        )
        years = "、".join(str(y) for y in result.years_added)
        messages.success(
            request,
            message % {"years": years, "added": result.days_added, "kept": result.days_kept},
        )
    else:
        messages.info(request, _("chinese-calendar 已知的年度均已确认，无需导入。"))
    return redirect(_calendar_url())
