"""Forms of the grading model pages: a draft version's numbers, its factors (options written one
per line as 档次=分值), and the choice of points to regrade."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lianjing.org.forms_people import text_field
from lianjing.risks.services_grading import FactorInput

OPTION_LINE = re.compile(r"^(?P<label>.+?)\s*[=＝]\s*(?P<score>\d+)$")


def _decimal(label: Any, low: int, high: int, places: int) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=low,
        max_value=high,
        max_digits=5,
        decimal_places=places,
        error_messages={
            "required": _("请填写%(label)s。") % {"label": label},
            "invalid": _("请输入数字。"),
            "min_value": _("不能小于 %(limit_value)s。"),
            "max_value": _("不能大于 %(limit_value)s。"),
            "max_decimal_places": _("小数位数过多。"),
            "max_digits": _("数字过大。"),
            "max_whole_digits": _("数字过大。"),
        },
    )


class GradingModelForm(forms.Form):
    name = text_field(_("名称"), 100)
    note = text_field(_("说明"), 2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    likelihood_share = _decimal(_("可能性×危害占比（0–1）"), 0, 1, 2)
    level1_min = _decimal(_("一级线（分）"), 1, 100, 1)
    level2_min = _decimal(_("二级线（分）"), 1, 100, 1)


class FactorForm(forms.Form):
    code = forms.SlugField(
        label=_("代码"),
        max_length=30,
        error_messages={
            "required": _("请填写代码。"),
            "invalid": _("代码只能包含英文字母、数字、下划线或连字符。"),
        },
    )
    name = text_field(_("因素"), 50)
    weight = _decimal(_("权重"), 0, 1000, 1)
    options = text_field(
        _("档次"),
        2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一档，从低到高，格式：档次名称=分值（1–5）"),
    )

    def clean_options(self) -> list[dict[str, Any]]:
        options = []
        for number, raw in enumerate(self.cleaned_data["options"].splitlines(), start=1):
            line = raw.strip()
            if not line:
                continue
            match = OPTION_LINE.match(line)
            if match is None:
                raise ValidationError(
                    _("第 %(n)d 行应写成“档次名称=分值”：%(line)s") % {"n": number, "line": line}
                )
            options.append({"label": match["label"].strip(), "score": int(match["score"])})
        return options

    def factor(self) -> FactorInput:
        data = self.cleaned_data
        return FactorInput(data["code"], data["name"], Decimal(data["weight"]), data["options"])


FactorFormSet = forms.formset_factory(
    FactorForm, extra=1, can_delete=True, max_num=30, validate_max=True, absolute_max=30
)


def options_text(options: list[dict[str, Any]]) -> str:
    return "\n".join(f"{o['label']}={o['score']}" for o in options)
