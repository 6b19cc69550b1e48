"""The risk point form: where the risk sits (within one unit), what it is, and the grading
inputs — one choice per factor of the model in force, plus 可能性 and 危害程度 — with an
optional level decided collectively."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lianjing.org.forms_people import CHOOSE, CheckboxList, text_field
from lianjing.org.models import Department, Post, Status, Unit
from lianjing.powers.models import FlowStep, Power
from lianjing.risks.choices import FoundBy, Level, MeasureKind, RiskType, TargetKind
from lianjing.risks.grading import HARM, PROBABILITY
from lianjing.risks.models import ControlMeasure, GradingModel

YEAR_MIN, YEAR_MAX = 2000, 2100


def _choice(label: Any, choices: list[tuple[Any, Any]], required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", CHOOSE), *choices],
        required=required,
        error_messages={
            "required": _("请选择%(label)s。") % {"label": label},
            "invalid_choice": _("请选择有效的%(label)s。") % {"label": label},
        },
    )


class RiskPointForm(forms.Form):
    year = forms.IntegerField(
        label=_("台账年度"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={
            "required": _("请填写台账年度。"),
            "invalid": _("年度应为整数。"),
            "min_value": _("年度不能早于 %(limit_value)s。"),
            "max_value": _("年度不能晚于 %(limit_value)s。"),
        },
    )
    target_kind = _choice(_("风险对象"), TargetKind.choices)
    post = _choice(_("岗位"), [], required=False)
    department = _choice(_("内设机构"), [], required=False)
    sector = text_field(_("行业（系统）"), 100, required=False)
    where = _choice(_("所涉职权及环节"), [], required=False)
    risk_type = _choice(_("风险类型"), RiskType.choices)
    description = text_field(_("风险点描述"), 2000, widget=forms.Textarea(attrs={"rows": 2}))
    manifestations = text_field(
        _("表现形式"), 5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    causes = text_field(_("成因"), 5000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    found_by = forms.MultipleChoiceField(
        label=_("查找方式"),
        choices=FoundBy.choices,
        widget=CheckboxList(inline=True),
        error_messages={
            "required": _("请选择查找方式（可多选）。"),
            "invalid_choice": _("请选择有效的查找方式。"),
        },
    )
    override_level = _choice(_("集体审定等级"), Level.choices, required=False)
    override_reason = text_field(
        _("调整理由"), 2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    override_decided_on = forms.DateField(
        label=_("集体审定日期"),
        required=False,
        input_formats=["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("请输入有效的日期，格式为 2026-03-01。")},
    )
    override_participants = text_field(_("参加审定人员"), 500, required=False)

    def __init__(self, *args: Any, unit: Unit, model: GradingModel, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.model = model
        self.posts = {
            str(p.pk): p
            for p in Post.objects.filter(unit=unit, status=Status.ACTIVE)
            .select_related("department")
            .order_by("department__position", "code")
        }
        self.departments = {
            str(d.pk): d
            for d in Department.objects.filter(unit=unit, status=Status.ACTIVE).order_by(
                "position", "code"
            )
        }
        self._set(
            "post",
            [
                (k, f"{p.name}（{p.department.name}）" if p.department else p.name)
                for k, p in self.posts.items()
            ],
        )
        self._set("department", [(k, d.name) for k, d in self.departments.items()])
        self.places = _places(unit)
        self._set("where", [(k, label) for k, (label, _p, _s) in self.places.items()])
        self.factor_names: list[str] = []
        for factor in model.factors.all():
            self._add_factor(f"f_{factor.code}", factor.name, factor.options)
        self._add_factor(f"f_{PROBABILITY}", _("发生可能性"), model.probability_scale)
        self._add_factor(f"f_{HARM}", _("危害程度"), model.harm_scale)

    def _set(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", CHOOSE), *choices]

    def _add_factor(self, name: str, label: Any, options: list[dict[str, Any]]) -> None:
        choices = [(str(i), f"{o['label']}（{o['score']} 分）") for i, o in enumerate(options)]
        self.fields[name] = _choice(label, choices)
        self.factor_names.append(name)

    def factor_fields(self) -> list[Any]:
        return [self[name] for name in self.factor_names]

    def point_part(self) -> list[Any]:
        names = ["year", "target_kind", "post", "department", "sector", "where", "risk_type"]
        names += ["description", "manifestations", "causes", "found_by"]
        return [self[name] for name in names]

    def override_part(self) -> list[Any]:
        names = ["override_level", "override_reason", "override_decided_on"]
        return [self[name] for name in [*names, "override_participants"]]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        level = cleaned.get("override_level")
        cleaned["override_level"] = int(level) if level else None
        return cleaned

    def inputs(self) -> dict[str, int]:
        return {name.removeprefix("f_"): int(self.cleaned_data[name]) for name in self.factor_names}

    def point_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        _label, power, step = self.places.get(data.get("where") or "", ("", None, None))
        kind = data["target_kind"]
        return {
            "unit": self.unit,
            "year": data["year"],
            "target_kind": kind,
            "post": self.posts.get(data.get("post") or "") if kind == TargetKind.POST else None,
            "department": self.departments.get(data.get("department") or "")
            if kind == TargetKind.DEPARTMENT
            else None,
            "sector": data.get("sector", "") if kind == TargetKind.SECTOR else "",
            "power": power,
            "flow_step": step,
            "risk_type": data["risk_type"],
            "description": data["description"],
            "manifestations": data.get("manifestations", ""),
            "causes": data.get("causes", ""),
            "found_by": list(data["found_by"]),
        }


def point_initial(point: Any, model: GradingModel) -> dict[str, Any]:
    """The risk point form's initial values for `point`, graded under `model` (the one in force):
    the factor inputs of an earlier model version are offered only when that version is in force."""
    return {
        "year": point.year,
        "target_kind": point.target_kind,
        "post": point.post_id or "",
        "department": point.department_id or "",
        "sector": point.sector,
        "where": f"step:{point.flow_step_id}"
        if point.flow_step_id
        else (f"power:{point.power_id}" if point.power_id else ""),
        "risk_type": point.risk_type,
        "description": point.description,
        "manifestations": point.manifestations,
        "causes": point.causes,
        "found_by": point.found_by,
        "override_level": point.level if point.is_overridden else "",
        "override_reason": point.override_reason,
        "override_decided_on": point.override_decided_on,
        "override_participants": point.override_participants,
        **(
            {f"f_{k}": v for k, v in point.factor_inputs.items()}
            if point.grading_model_id == model.pk
            else {}
        ),
    }


def _places(unit: Unit) -> dict[str, tuple[str, Power | None, FlowStep | None]]:
    """The unit's current powers, and each step of their flows, as choices."""
    places: dict[str, tuple[str, Power | None, FlowStep | None]] = {}
    powers = Power.objects.filter(unit=unit, is_current=True).order_by("code")
    steps = FlowStep.objects.filter(power__in=powers).exclude(kind__in=["start", "end"])
    by_power: dict[int, list[FlowStep]] = {}
    for step in steps.order_by("order", "id"):
        by_power.setdefault(step.power_id, []).append(step)
    for power in powers:
        places[f"power:{power.pk}"] = (f"{power.name}（整个职权）", power, None)
        for step in by_power.get(power.pk, []):
            places[f"step:{step.pk}"] = (f"{power.name} › {step.name}", power, step)
    return places


class MeasureForm(forms.Form):
    kind = _choice(_("措施类别"), MeasureKind.choices)
    content = text_field(_("措施内容"), 5000, widget=forms.Textarea(attrs={"rows": 2}))
    owner = _choice(_("责任人"), [], required=False)
    due_date = forms.DateField(
        label=_("完成时限"),
        required=False,
        input_formats=["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("请输入有效的日期，格式为 2026-03-01。")},
    )
    check_method = text_field(_("检查方式"), 200, required=False)
    status = _choice(_("落实情况"), ControlMeasure.Status.choices)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from lianjing.org.models import Person

        self.people = {
            str(p.pk): p for p in Person.objects.filter(unit=unit).order_by("code")[:2000]
        }
        field = self.fields["owner"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", CHOOSE), *((k, p.name) for k, p in self.people.items())]

    def measure_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "content": data["content"],
            "owner": self.people.get(data.get("owner") or ""),
            "due_date": data.get("due_date"),
            "check_method": data.get("check_method", ""),
            "status": data["status"],
        }


class ReasonForm(forms.Form):
    text = text_field(_("理由"), 5000, widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("审批结果"),
        choices=[("1", _("批准")), ("0", _("不批准"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择审批结果。"), "invalid_choice": _("请选择审批结果。")},
    )
    note = text_field(_("审批意见"), 2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
