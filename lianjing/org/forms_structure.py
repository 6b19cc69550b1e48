"""Forms of the unit and department pages. They only collect and type the input; the rules
(cycles, closed parents, unique codes, stale versions) are the services' and come back through
`add_service_errors`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Model
from django.forms.models import ModelChoiceIterator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from lianjing.accounts import permissions as perms
from lianjing.core.forms import PK_MAX, ModelChoiceField
from lianjing.org import selectors
from lianjing.org.models import Department, Person, Status, Unit

STALE_FORM = _("表单已失效，请刷新页面后重新编辑。")
INDENT = "\u3000"  # an ideographic space per tree level in the option labels


def _formfield(model: type[Model], name: str, **kwargs: Any) -> Any:
    """The model field's own form field (label, length, choices), so the two never drift."""
    return cast("models.Field[Any, Any]", model._meta.get_field(name)).formfield(**kwargs)


def _choices(form: forms.Form, name: str) -> ModelChoiceField:
    return cast(ModelChoiceField, form.fields[name])


class _OfferedChoices(ModelChoiceIterator):
    """The options of a TreeChoiceField: its `offered` records (a picker may offer fewer
    records than it accepts, in tree order), else the whole queryset."""

    def __iter__(self) -> Iterator[Any]:
        offered = getattr(self.field, "offered", None)
        if offered is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in offered():
            yield self.choice(obj)


class TreeChoiceField(ModelChoiceField):
    """A unit or department select in tree order, indented by depth, with its code. It accepts
    any record of `queryset`; it offers `offered()` (records with `tree_depth`) when set."""

    iterator = _OfferedChoices
    offered: selectors.Offer | None = None

    def label_from_instance(self, obj: Any) -> str:
        depth = getattr(obj, "tree_depth", 0) or 0
        return f"{INDENT * depth}{obj.name}（{obj.code}）"


def _pk(value: Any) -> int | None:
    try:
        pk = int(str(value))
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk <= PK_MAX else None


def setup_unit_picker(
    form: forms.Form,
    name: str,
    *,
    user: Any,
    refresh_url: str,
    exclude: int | None = None,
    perm: str = perms.ORG_MANAGE,
) -> TreeChoiceField:
    """Accept every active unit the user manages; offer all of them, or, in a big tree, a part
    that opens further each time a unit is chosen (htmx fetches `refresh_url` with the choice
    and swaps this field in place)."""
    field = cast(TreeChoiceField, form.fields[name])
    field.queryset = selectors.unit_pickable(user=user, perm=perm, exclude=exclude)
    bound = form[name]
    selected = _pk(bound.data if form.is_bound else bound.initial)
    field.offered, partial = selectors.unit_picker_options(
        user=user, perm=perm, selected=selected, exclude=exclude
    )
    if partial:
        group = f"#{bound.auto_id}_group"
        field.widget.attrs.update(
            {
                "hx-get": refresh_url,
                "hx-trigger": "change",
                "hx-target": group,
                "hx-select": group,
                "hx-swap": "outerHTML",
            }
        )
        hint = _("单位较多，先列出上面两级；选中一个单位后会展开它的下级单位。")
        field.help_text = format_lazy("{} {}", field.help_text, hint) if field.help_text else hint
    return field


class PersonChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.code}）"


class PositionField(forms.IntegerField):
    """排序: optional; empty means 0 (first)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("排序"))
        kwargs.setdefault("help_text", _("数字小的排在前面，可不填。"))
        super().__init__(required=False, min_value=0, max_value=1_000_000, initial=0, **kwargs)

    def clean(self, value: Any) -> int:
        return super().clean(value) or 0


class VersionedForm(forms.Form):
    """Carries the `version` of the record as it was read; the service refuses a stale one."""

    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            version = int(cleaned.get("version") or "")
        except ValueError:
            version = 0
        if not 0 < version <= PK_MAX:
            raise ValidationError(STALE_FORM, code="stale")
        cleaned["version"] = version
        return cleaned


# --- units ----------------------------------------------------------------------------------------


class UnitFieldsForm(forms.Form):
    code = _formfield(Unit, "code")
    name = _formfield(Unit, "name")
    short_name = _formfield(Unit, "short_name")
    level = _formfield(Unit, "level")
    kind = _formfield(Unit, "kind")
    position = PositionField()


class UnitCreateForm(UnitFieldsForm):
    """A new unit. With a `parent` given by the page (新增下级单位) the parent is fixed;
    otherwise the user picks one among the units they manage (or none, to add a top-level
    unit, if they manage the whole tree)."""

    field_order = ["parent", "code", "name", "short_name", "level", "kind", "position"]

    parent = TreeChoiceField(label=_("上级单位"), queryset=Unit.objects.none())

    def __init__(
        self,
        *args: Any,
        user: Any,
        refresh_url: str,
        parent: Unit | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if parent is not None:
            del self.fields["parent"]
            self.fields["level"].initial = parent.level
            return
        field = setup_unit_picker(self, "parent", user=user, refresh_url=refresh_url)
        field.required = not selectors.can_manage_whole_tree(user)
        if not field.required:
            field.empty_label = _("（无，作为顶级单位）")


class UnitEditForm(UnitFieldsForm, VersionedForm):
    field_order = ["code", "name", "short_name", "level", "kind", "main_leader", "position"]

    main_leader = PersonChoiceField(
        label=_("主要领导"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("从本单位在岗人员中选择。"),
    )

    def __init__(self, *args: Any, user: Any, unit: Unit, **kwargs: Any) -> None:
        kwargs["initial"] = {
            "code": unit.code,
            "name": unit.name,
            "short_name": unit.short_name,
            "level": unit.level,
            "kind": unit.kind,
            "main_leader": unit.main_leader_id,
            "position": unit.position,
            "version": unit.version,
        }
        super().__init__(*args, **kwargs)
        _choices(self, "main_leader").queryset = selectors.person_choices(
            user=user, unit=unit, include=unit.main_leader_id
        )


class UnitMoveForm(VersionedForm):
    parent = TreeChoiceField(
        label=_("新的上级单位"),
        queryset=Unit.objects.none(),
        help_text=_("本单位连同其全部下级单位一起移动。"),
    )

    def __init__(
        self, *args: Any, user: Any, unit: Unit, refresh_url: str, picked: Any = None, **kwargs: Any
    ) -> None:
        parent = picked if picked is not None else unit.parent_id
        kwargs["initial"] = {"parent": parent, "version": unit.version}
        super().__init__(*args, **kwargs)
        field = setup_unit_picker(self, "parent", user=user, refresh_url=refresh_url)
        field.required = not selectors.can_manage_whole_tree(user)
        if not field.required:
            field.empty_label = _("（无，作为顶级单位）")


class UnitCloseForm(VersionedForm):
    CLOSE = "close"
    MERGE = "merge"

    action = forms.ChoiceField(
        label=_("处理方式"),
        choices=[(CLOSE, _("撤销")), (MERGE, _("合并到其他单位"))],
        initial=CLOSE,
    )
    merged_into = TreeChoiceField(
        label=_("并入单位"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("选择“合并到其他单位”时必填。"),
    )

    def __init__(
        self, *args: Any, user: Any, unit: Unit, refresh_url: str, picked: Any = None, **kwargs: Any
    ) -> None:
        kwargs["initial"] = {
            "version": unit.version,
            "merged_into": picked,
            "action": self.MERGE if picked is not None else self.CLOSE,
        }
        super().__init__(*args, **kwargs)
        setup_unit_picker(self, "merged_into", user=user, refresh_url=refresh_url, exclude=unit.pk)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("action") == self.MERGE and not cleaned.get("merged_into"):
            self.add_error("merged_into", _("请选择并入单位。"))
        if cleaned.get("action") == self.CLOSE:
            cleaned["merged_into"] = None
        return cleaned


# --- departments ----------------------------------------------------------------------------------


class DepartmentForm(forms.Form):
    """A department of a given unit: its parent and leader are chosen within that unit."""

    parent = TreeChoiceField(
        label=_("上级内设机构"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("（无，直属本单位）"),
    )
    code = _formfield(Department, "code")
    name = _formfield(Department, "name")
    leader_in_charge = PersonChoiceField(
        label=_("分管领导"), queryset=Person.objects.none(), required=False
    )
    position = PositionField()

    def __init__(
        self, *args: Any, user: Any, unit: Unit, department: Department | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        parent = cast(TreeChoiceField, self.fields["parent"])
        parent.queryset, parent.offered = selectors.department_choices(
            user=user,
            unit=unit,
            include=department.parent_id if department else None,
            exclude=department.pk if department else None,
        )
        _choices(self, "leader_in_charge").queryset = selectors.person_choices(
            user=user, unit=unit, include=department.leader_in_charge_id if department else None
        )


class DepartmentEditForm(DepartmentForm, VersionedForm):
    field_order = ["parent", "code", "name", "leader_in_charge", "status", "position"]

    status = forms.ChoiceField(label=_("状态"), choices=Status.choices)

    def __init__(self, *args: Any, user: Any, department: Department, **kwargs: Any) -> None:
        kwargs["initial"] = {
            "parent": department.parent_id,
            "code": department.code,
            "name": department.name,
            "leader_in_charge": department.leader_in_charge_id,
            "status": department.status,
            "position": department.position,
            "version": department.version,
        }
        super().__init__(*args, user=user, unit=department.unit, department=department, **kwargs)
