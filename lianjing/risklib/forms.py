"""Forms of the library pages. They check the shape of the input field by field, in Chinese; the
rules of the libraries (at least two measures, keywords, a kind or a category, unique codes) are
the services', whose errors the views put back on these forms. Measures are typed one per line
in four boxes, one per kind; keywords are typed separated by 、 , ; or spaces."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from lianjing.core.forms import ModelChoiceField, ModelMultipleChoiceField
from lianjing.org.forms_people import CHOOSE, text_field, version_field
from lianjing.org.models import KeyPostKind
from lianjing.powers.models import PowerCategory
from lianjing.risklib.choices import MeasureKind, Regulation, RiskType, SignGroup, SuggestedLevel
from lianjing.risklib.keywords import parse_keywords
from lianjing.risklib.models import RiskTemplate

CODE_HELP = _("英文字母、数字或连字符，如 FIN-001；创建后不可修改。")
TEXTAREA = {"rows": 4}


def _code_field() -> forms.CharField:
    return text_field(
        _("编码"),
        30,
        help_text=CODE_HELP,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9_-]*$",
                _("编码只能包含英文字母、数字、下划线或连字符，且以字母或数字开头。"),
            )
        ],
    )


def _choice(label: Any, choices: Any, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", CHOOSE), *choices],
        error_messages={
            "required": format_lazy(_("请选择{label}。"), label=label),
            "invalid_choice": format_lazy(_("所选{label}无效。"), label=label),
        },
        **kwargs,
    )


def _number(label: Any, max_value: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=max_value,
        initial=0,
        error_messages={
            "required": format_lazy(_("请填写{label}。"), label=label),
            "invalid": _("请输入整数。"),
            "min_value": _("不能小于 %(limit_value)s。"),
            "max_value": _("不能大于 %(limit_value)s。"),
        },
        help_text=_("数字小的排在前面。"),
    )


def _keywords(label: Any) -> forms.CharField:
    return text_field(
        label,
        1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("以顿号、逗号或空格分隔，如：报销、发票、虚报。"),
    )


class LibraryForm(forms.Form):
    """Create (no version) or edit (code locked, version checked)."""

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["code"].disabled = True
        else:
            del self.fields["version"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        stale = self.errors.pop("version", None)  # the hidden field: say it above the form
        if stale:
            self.add_error(None, list(stale))
        return cleaned

    def entry_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class SignForm(LibraryForm):
    code = _code_field()
    group = _choice(_("类别"), SignGroup.choices)
    title = text_field(_("迹象"), 100)
    description = text_field(_("具体表现"), 4000, widget=forms.Textarea(attrs=TEXTAREA))
    applies_to = ModelMultipleChoiceField(
        label=_("适用重点岗位"),
        queryset=KeyPostKind.objects.order_by("id"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("所选重点岗位类别不存在。")},
        help_text=_("不选表示适用于所有岗位。"),
    )
    order = _number(_("排序"), 32767)
    version = version_field()


MEASURE_FIELDS = {kind: f"measures_{kind}" for kind in MeasureKind.values}


class TemplateForm(LibraryForm):
    code = _code_field()
    key_post_kind = ModelChoiceField(
        label=_("重点岗位类别"),
        queryset=KeyPostKind.objects.order_by("id"),
        required=False,
        empty_label=_("无"),
        error_messages={"invalid_choice": _("所选重点岗位类别不存在。")},
    )
    power_category = ModelChoiceField(
        label=_("职权类别"),
        queryset=PowerCategory.objects.all(),
        required=False,
        empty_label=_("无"),
        error_messages={"invalid_choice": _("所选职权类别不存在。")},
        help_text=_("重点岗位类别和职权类别至少选择一项。"),
    )
    risk_type = _choice(_("风险类型"), RiskType.choices)
    title = text_field(_("风险名称"), 50, help_text=_("简短的名称，如：虚报冒领。"))
    description = text_field(_("风险描述"), 4000, widget=forms.Textarea(attrs=TEXTAREA))
    manifestations = text_field(_("表现形式"), 4000, widget=forms.Textarea(attrs=TEXTAREA))
    causes = text_field(_("成因"), 4000, widget=forms.Textarea(attrs=TEXTAREA))
    suggested_level = forms.TypedChoiceField(
        label=_("建议等级"),
        choices=SuggestedLevel.choices,
        coerce=int,
        initial=SuggestedLevel.TWO,
        error_messages={
            "required": _("请选择建议等级。"),
            "invalid_choice": _("所选建议等级无效。"),
        },
        help_text=_("仅供参考，风险点的等级由定级模型计算。"),
    )
    measures_system = text_field(
        _("防控措施：制度流程"), 6000, required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    measures_personnel = text_field(
        _("防控措施：用人管理"), 6000, required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    measures_education = text_field(
        _("防控措施：思想教育"), 6000, required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    measures_supervision = text_field(
        _("防控措施：监督检查"),
        6000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("每行一条措施；四类合计至少 2 条。"),
    )
    keywords = _keywords(_("关键词"))
    version = version_field()

    def entry_fields(self) -> dict[str, Any]:
        data = super().entry_fields()
        measures = []
        for kind, name in MEASURE_FIELDS.items():
            for line in (data.pop(name, "") or "").splitlines():
                if line.strip():
                    measures.append({"kind": kind, "text": line.strip()})
        data["measures"] = measures
        data["keywords"] = parse_keywords(data.get("keywords", ""))
        return data


def template_initial(template: RiskTemplate) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(template, name)
        for name in (
            "code",
            "risk_type",
            "title",
            "description",
            "manifestations",
            "causes",
            "suggested_level",
            "version",
        )
    }
    initial["key_post_kind"] = template.key_post_kind_id
    initial["power_category"] = template.power_category_id
    initial["keywords"] = "、".join(template.keyword_list)
    for kind, name in MEASURE_FIELDS.items():
        initial[name] = "\n".join(m["text"] for m in template.measure_rows if m["kind"] == kind)
    return initial


class ProvisionForm(LibraryForm):
    code = _code_field()
    regulation = _choice(_("法规"), Regulation.choices)
    article = text_field(_("条款"), 60, help_text=_("如：第九十七条、第三十八条第一款第（二）项。"))
    title = text_field(_("要点"), 100)
    text = text_field(_("条文（摘要）"), 6000, widget=forms.Textarea(attrs={"rows": 6}))
    keywords = _keywords(_("主题词"))
    order = _number(_("排序"), 2_000_000_000)
    verified = forms.BooleanField(
        label=_("已与官方发布的文本核对"),
        required=False,
        help_text=_("条文为摘要，使用前请与官方发布的文本核对。"),
    )
    version = version_field()

    def entry_fields(self) -> dict[str, Any]:
        data = super().entry_fields()
        data["keywords"] = parse_keywords(data.get("keywords", ""))
        return data
