"""Forms of the eight-step procedure: opening a round or a campaign, opinions, answers and
revisions. Every message is Chinese and names its field."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianjing.core.forms import ModelMultipleChoiceField
from lianjing.org.forms_people import CHOOSE, CheckboxList, text_field
from lianjing.org.models import KeyPostKind, Unit
from lianjing.reviews.models import DEFAULT_STEP_DAYS, Review, Step
from lianjing.reviews.services import POSTS_ALL, POSTS_KEY, POSTS_NONE, RoundSpec

YEAR_MIN, YEAR_MAX = 2000, 2100


def _days(label: Any, initial: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        initial=initial,
        min_value=1,
        max_value=60,
        error_messages={
            "required": _("请填写工作日数。"),
            "invalid": _("请填写整数。"),
            "min_value": _("至少 1 个工作日。"),
            "max_value": _("不能超过 60 个工作日。"),
        },
    )


def _year_field(label: Any, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={
            "required": _("请填写年度。"),
            "invalid": _("年度应为整数。"),
            "min_value": _("年度不能早于 %(limit_value)s。"),
            "max_value": _("年度不能晚于 %(limit_value)s。"),
        },
    )


class RoundForm(forms.Form):
    """确定对象: the year, the units and which targets are reviewed; the time for each step."""

    name = text_field(_("名称"), 100)
    year = _year_field(_("台账年度"))
    units = ModelMultipleChoiceField(
        label=_("范围单位"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={
            "required": _("请至少选择一个单位。"),
            "invalid_choice": _("所选单位不存在或不在您的范围内。"),
            "invalid_pk_value": _("所选单位无效。"),
        },
    )
    include_subunits = forms.BooleanField(label=_("含下级单位"), required=False, initial=True)
    posts = forms.ChoiceField(
        label=_("岗位"),
        choices=[
            (POSTS_KEY, _("五类重点岗位（默认）")),
            (POSTS_ALL, _("全部岗位")),
            (POSTS_NONE, _("不排查岗位")),
        ],
        initial=POSTS_KEY,
        error_messages={"invalid_choice": _("请选择岗位范围。"), "required": _("请选择岗位范围。")},
    )
    departments = forms.BooleanField(label=_("排查内设机构（部门）"), required=False)
    unit_level = forms.BooleanField(label=_("排查单位（领导班子）"), required=False)
    copy_from_year = _year_field(_("沿用往年台账"), required=False)
    comment_days = _days(_("征求意见期限（工作日）"), 5)
    description = text_field(
        _("说明"), 2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["units"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = units
        self.fields["copy_from_year"].help_text = _(
            "填写后，各对象从该年度的台账（含防控措施）起步，再履行各环节。"
        )
        if not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year)
        for step in range(Step.SELF_CHECK, Step.SIGN + 1):
            self.fields[f"days_{step}"] = _days(
                _("“%(step)s”时限（工作日）") % {"step": Step(step).label},
                DEFAULT_STEP_DAYS[step],
            )

    def step_fields(self) -> list[Any]:
        return [self[f"days_{s}"] for s in range(Step.SELF_CHECK, Step.SIGN + 1)]

    def spec(self, kind: str = "regular") -> RoundSpec:
        data = self.cleaned_data
        return RoundSpec(
            name=data["name"],
            year=data["year"],
            units=list(data["units"]),
            include_subunits=data.get("include_subunits", False),
            posts=data["posts"],
            departments=data.get("departments", False),
            unit_level=data.get("unit_level", False),
            kind=kind,
            description=data.get("description", ""),
            comment_days=data["comment_days"],
            step_days={s: data[f"days_{s}"] for s in range(Step.SELF_CHECK, Step.SIGN + 1)},
            copy_from_year=data.get("copy_from_year"),
        )


def _words(raw: str) -> list[str]:
    return [w for w in re.split(r"[\s,，、;；]+", raw or "") if w]


class CampaignForm(RoundForm):
    """A special campaign (专项治理): the topic and the filter of the posts concerned."""

    key_post_kinds = forms.MultipleChoiceField(
        label=_("重点岗位类别"),
        required=False,
        choices=[],
        widget=CheckboxList(inline=True),
        error_messages={"invalid_choice": _("请选择有效的重点岗位类别。")},
    )
    unit_kinds = forms.MultipleChoiceField(
        label=_("单位性质"),
        required=False,
        choices=Unit.Kind.choices,
        widget=CheckboxList(inline=True),
        error_messages={"invalid_choice": _("请选择有效的单位性质。")},
    )
    keywords = text_field(_("岗位名称或职责关键词"), 500, required=False)
    power_categories = forms.MultipleChoiceField(
        label=_("所办职权类别"),
        required=False,
        choices=[],
        widget=CheckboxList(inline=True),
        error_messages={"invalid_choice": _("请选择有效的职权类别。")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from lianjing.powers.models import PowerCategory

        super().__init__(*args, **kwargs)
        del self.fields["copy_from_year"]
        self.fields["posts"].initial = POSTS_ALL
        self.fields["name"].label = _("专项治理名称")
        self.fields["description"].label = _("治理内容")
        self.fields["keywords"].help_text = _("多个关键词用空格或顿号分隔，任一匹配即可。")
        kinds = self.fields["key_post_kinds"]
        assert isinstance(kinds, forms.ChoiceField)
        kinds.choices = [(k.code, k.name) for k in KeyPostKind.objects.order_by("id")]
        categories = self.fields["power_categories"]
        assert isinstance(categories, forms.ChoiceField)
        categories.choices = [
            (c.code, c.name) for c in PowerCategory.objects.order_by("order", "id")
        ]

    def filter_fields(self) -> list[Any]:
        return [self[n] for n in ("key_post_kinds", "unit_kinds", "keywords", "power_categories")]

    def spec(self, kind: str = "campaign") -> RoundSpec:
        spec = super().spec(kind)
        data = self.cleaned_data
        spec.key_post_kinds = list(data.get("key_post_kinds") or [])
        spec.unit_kinds = list(data.get("unit_kinds") or [])
        spec.keywords = _words(data.get("keywords", ""))
        spec.power_categories = list(data.get("power_categories") or [])
        return spec


class CommentForm(forms.Form):
    text = text_field(_("意见"), 2000, widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    answer = text_field(_("整改答复"), 2000, widget=forms.Textarea(attrs={"rows": 2}))


class RevisionForm(forms.Form):
    cause = forms.ChoiceField(
        label=_("修订原因"),
        choices=[("", CHOOSE), *Review.Cause.choices],
        error_messages={"required": _("请选择修订原因。"), "invalid_choice": _("请选择修订原因。")},
    )
    reason = text_field(
        _("修订说明"),
        2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
