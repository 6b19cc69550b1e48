"""Forms of the catalogue pages: a power's particulars (with its legal bases, one per line),
revoking, and discretion benchmarks. Shape is checked here field by field in Chinese; the rules
of the catalogue are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lianjing.accounts import permissions as perms
from lianjing.core.forms import ModelChoiceField
from lianjing.org.forms_people import (
    CHOOSE,
    PickerField,
    UnitPickerForm,
    text_field,
    version_field,
)
from lianjing.org.selectors_people import department_options
from lianjing.powers.legal import parse_legal_bases
from lianjing.powers.models import Circumstance, Power, PowerCategory

YEAR_MIN, YEAR_MAX = 1980, 2100
AMOUNT_MAX = 10**12


def _number(label: Any, *, min_value: int, max_value: int, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=min_value,
        max_value=max_value,
        error_messages={
            "invalid": _("请输入整数。"),
            "min_value": _("不能小于 %(limit_value)s。"),
            "max_value": _("不能大于 %(limit_value)s。"),
        },
        **kwargs,
    )


class PowerForm(UnitPickerForm):
    code = text_field(_("职权编码"), 40, help_text=_("如 SCJG-XK-001；创建后不可修改。"))
    name = text_field(_("职权名称"), 200)
    category = ModelChoiceField(
        label=_("职权类别"),
        queryset=PowerCategory.objects.all(),
        empty_label=CHOOSE,
        error_messages={"required": _("请选择职权类别。"), "invalid_choice": _("所选类别不存在。")},
    )
    unit = PickerField(label=_("实施主体"))
    department = PickerField(label=_("承办机构"), required=False)
    content = text_field(
        _("职权内容"), 10000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    legal_bases = text_field(
        _("法律依据"),
        20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一项，格式：《法律法规名称》第X条。公布前至少填写一项。"),
    )
    service_target = text_field(_("服务对象"), 200, required=False)
    time_limit_value = _number(_("法定时限"), min_value=1, max_value=3650)
    time_limit_unit = forms.ChoiceField(
        label=_("时限单位"),
        required=False,
        choices=[("", _("无")), *Power.LimitUnit.choices],
        error_messages={"invalid_choice": _("请选择有效的时限单位。")},
    )
    fee = text_field(_("收费"), 200, required=False, help_text=_("不收费请填“不收费”。"))
    effective_year = _number(_("生效年度"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    version = version_field()

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["code"].disabled = True
        else:
            del self.fields["version"]
        unit = self.pick_unit(perms.POWERS_MANAGE, "department")
        chosen = self.chosen_pk("department")
        options = department_options(self.user, unit, chosen, perms.POWERS_MANAGE)
        self.picker("department").set_options(
            options if unit else [], _("无") if unit else _("请先选择实施主体")
        )

    def clean_legal_bases(self) -> list[tuple[str, str]]:
        return parse_legal_bases(self.cleaned_data.get("legal_bases") or "")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        unit, department = cleaned.get("unit"), cleaned.get("department")
        if unit and department and department.unit_id != unit.pk:
            self.add_error("department", _("所选承办机构不属于实施主体单位。"))
        value, limit_unit = cleaned.get("time_limit_value"), cleaned.get("time_limit_unit")
        if value and not limit_unit:
            self.add_error("time_limit_unit", _("填写了法定时限，请选择时限单位。"))
        if limit_unit and not value:
            self.add_error("time_limit_value", _("选择了时限单位，请填写法定时限。"))
        return cleaned

    def power_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("legal_bases", None)
        data.pop("version", None)
        data["time_limit_unit"] = data.get("time_limit_unit") or ""
        return data


class RevokeForm(forms.Form):
    reason = text_field(_("废止理由"), 1000, widget=forms.Textarea(attrs={"rows": 3}))


class BenchmarkForm(forms.Form):
    violation = text_field(_("违法行为"), 200)
    measure = text_field(_("处罚种类"), 50, help_text=_("如：罚款、没收违法所得"))
    circumstance = ModelChoiceField(
        label=_("情节"),
        queryset=Circumstance.objects.all(),
        empty_label=CHOOSE,
        error_messages={"required": _("请选择情节。"), "invalid_choice": _("所选情节不存在。")},
    )
    amount_from = forms.DecimalField(
        label=_("下限"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=0,
        max_value=AMOUNT_MAX,
        error_messages={
            "invalid": _("请输入数字。"),
            "min_value": _("不能为负数。"),
            "max_value": _("数额过大。"),
            "max_digits": _("数额过大。"),
            "max_decimal_places": _("最多两位小数。"),
            "max_whole_digits": _("数额过大。"),
        },
    )
    amount_to = forms.DecimalField(
        label=_("上限"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=0,
        max_value=AMOUNT_MAX,
        error_messages={
            "invalid": _("请输入数字。"),
            "min_value": _("不能为负数。"),
            "max_value": _("数额过大。"),
            "max_digits": _("数额过大。"),
            "max_decimal_places": _("最多两位小数。"),
            "max_whole_digits": _("数额过大。"),
        },
    )
    amount_unit = text_field(_("单位"), 20, required=False, help_text=_("元、倍、日…"))
    other_measure = text_field(_("其他裁量"), 200, required=False)
    conditions = text_field(
        _("适用条件"), 2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    legal_basis = text_field(_("依据"), 300, required=False)


BenchmarkFormSet = forms.formset_factory(
    BenchmarkForm,
    extra=1,  # one empty row to fill in; left empty, it is ignored
    can_delete=True,
    max_num=500,
    validate_max=True,
    absolute_max=500,
)


def benchmark_rows(formset: Any) -> list[dict[str, Any]]:
    """The rows the user kept (not deleted, not an untouched empty row), in order."""
    rows = []
    for form in formset.forms:
        if formset._should_delete_form(form) or not form.cleaned_data:
            continue
        data = {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        rows.append(data)
    return rows
