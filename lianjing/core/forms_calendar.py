"""Forms of the working-day calendar page. They check the shape of the input; the calendar rules
(one row per date, make-up days on weekends…) are the service's, whose errors the views put back
on these forms field by field."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from lianjing.core.models import CalendarDay
from lianjing.core.services_calendar import MAX_YEAR, MIN_YEAR

# A deadline in Lianjing is counted in days or weeks, never in years of working days; the bound
# also keeps every result inside the range of `date`.
MAX_DEADLINE_DAYS = 1000

_YEAR_RANGE_MESSAGE = format_lazy(_("年度应在 {min} 至 {max} 之间。"), min=MIN_YEAR, max=MAX_YEAR)


def _date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"],
        error_messages={
            "required": _("请填写日期。"),
            "invalid": _("请输入有效的日期，格式为 2026-10-01。"),
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


def _year_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("年度"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            "required": _("请填写年度。"),
            "invalid": _("年度应为四位数字，例如 2026。"),
            "min_value": _YEAR_RANGE_MESSAGE,
            "max_value": _YEAR_RANGE_MESSAGE,
        },
        **kwargs,
    )


def _check_year_range(value: datetime.date) -> datetime.date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(_YEAR_RANGE_MESSAGE)
    return value


class YearForm(forms.Form):
    """The 年度 selector at the top of the calendar page (GET)."""

    year = _year_field()


class CalendarDayForm(forms.Form):
    date = _date_field(_("日期"))
    kind = forms.ChoiceField(
        label=_("类型"),
        choices=CalendarDay.Kind.choices,
        error_messages={
            "required": _("请选择类型。"),
            "invalid_choice": _("请选择“节假日（休息）”或“调休上班”。"),
        },
        help_text=_("节假日：当天不上班；调休上班：周六或周日按工作日上班。"),
    )
    name = forms.CharField(
        label=_("名称"),
        max_length=50,
        required=False,
        error_messages={"max_length": _("名称不能超过 %(limit_value)d 个字。")},
        help_text=_("例如：国庆节、国庆节调休上班。节假日必须填写名称。"),
    )

    def clean_date(self) -> datetime.date:
        return _check_year_range(self.cleaned_data["date"])


class CalendarYearConfirmForm(forms.Form):
    year = _year_field()
    note = forms.CharField(
        label=_("依据或说明"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("说明不能超过 %(limit_value)d 个字。")},
        help_text=_("例如：国务院办公厅关于该年度部分节假日安排的通知。"),
    )


class DeadlineForm(forms.Form):
    """期限计算: start date plus a number of working days."""

    start = _date_field(_("起算日期"), help_text=_("起算当天不计入。"))
    days = forms.IntegerField(
        label=_("工作日数"),
        min_value=-MAX_DEADLINE_DAYS,
        max_value=MAX_DEADLINE_DAYS,
        error_messages={
            "required": _("请填写工作日数。"),
            "invalid": _("工作日数应为整数。"),
            "min_value": _("工作日数不能小于 %(limit_value)s。"),
            "max_value": _("工作日数不能大于 %(limit_value)s。"),
        },
        help_text=_("负数表示向前倒推。"),
    )

    def clean_start(self) -> datetime.date:
        return _check_year_range(self.cleaned_data["start"])
