"""Forms of the post, person and assignment pages. They check the shape of the input field by
field, in Chinese; the rules of the organisation (unique codes, one open primary post, dates of a
rotation…) are the services', whose errors the views put back on these forms.

Unit, department and post pickers (PickerField) offer a bounded set of options that always holds
the current choice when it is in the user's scope (selectors_people); changing the unit refreshes
the dependent picker with htmx (a GET of the same page with ?unit=)."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db.models import Model
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from lianjing.accounts import permissions as perms
from lianjing.accounts.models import User
from lianjing.core.forms import PK_MAX, ModelChoiceField, ModelMultipleChoiceField
from lianjing.org.models import KeyPostKind, Person, Rank, Status, Unit
from lianjing.org.selectors_people import (
    Option,
    department_options,
    post_options,
    unit_options,
)
from lianjing.org.validation import validate_id_number

EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2999, 12, 31)
CHOOSE = _("请选择")


def _required(label: Any) -> dict[str, Any]:
    return {"required": format_lazy(_("请填写{label}。"), label=label)}


def _text(label: Any, max_length: int, *, required: bool = True, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            **_required(label),
            "max_length": format_lazy(_("{label}不能超过 %(limit_value)d 个字。"), label=label),
        },
        **kwargs,
    )


def _date(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"],
        error_messages={
            **_required(label),
            "invalid": _("请输入有效的日期，格式为 2026-03-01。"),
            "min_value": _("日期不能早于 %(limit_value)s。"),
            "max_value": _("日期不能晚于 %(limit_value)s。"),
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[MinValueValidator(EARLIEST_DATE), MaxValueValidator(LATEST_DATE)],
        **kwargs,
    )


def parse_pk(value: Any) -> int | None:
    """A primary key from user input, or None (also for numbers the database cannot hold)."""
    if isinstance(value, Model):
        return value.pk
    try:
        pk = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk <= PK_MAX else None


class PickerField(forms.ChoiceField):
    """A choice of one record among options loaded beforehand by one query (selectors_people:
    unit_options, department_options, post_options). Those options always include the submitted
    record when it is in the user's scope, so validating needs no further query, and a record out
    of scope is refused exactly like one that does not exist."""

    def __init__(self, *, label: Any, required: bool = True, **kwargs: Any) -> None:
        messages = {
            "required": format_lazy(_("请选择{label}。"), label=label),
            "invalid_choice": format_lazy(
                _("所选{label}不存在或不在您的管理范围内。"), label=label
            ),
        }
        super().__init__(label=label, required=required, error_messages=messages, **kwargs)
        self.known: dict[int, Any] = {}

    def set_options(self, options: list[Option], empty_label: Any = CHOOSE) -> None:
        self.known = {record.pk: record for record, _label in options}
        self.choices = [("", empty_label), *((record.pk, label) for record, label in options)]

    def prepare_value(self, value: Any) -> Any:
        return value.pk if isinstance(value, Model) else value

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        record = self.known.get(parse_pk(value) or 0)
        if record is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return record

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")


def _version_field() -> forms.IntegerField:
    message = _("页面已过期，请刷新后重新编辑。")
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        max_value=2**31 - 1,
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


def _refresh_on_change(url: str, target: str) -> dict[str, str]:
    """htmx attributes of a unit picker: on change, fetch the page again with ?unit= and swap the
    dependent picker (`target`) and the unit picker itself (its options follow the choice)."""
    return {
        "hx-get": url,
        "hx-trigger": "change",
        "hx-target": f"#id_{target}",
        "hx-select": f"#id_{target}",
        "hx-swap": "outerHTML",
        "hx-select-oob": "#id_unit",
    }


class ChoiceList(forms.RadioSelect):
    """Radio buttons (or, with `multiple`, checkboxes) laid out as Tabler form-checks."""

    template_name = "org/post_choice_list.html"

    def __init__(self, *args: Any, inline: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inline = inline

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["inline"] = self.inline
        return context


class CheckboxList(ChoiceList, forms.CheckboxSelectMultiple):
    input_type = "checkbox"
    allow_multiple_selected = True


class _PickerForm(forms.Form):
    """A form with a unit picker (field `unit`) that narrows another picker."""

    def __init__(self, *args: Any, user: Any, url: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.url = url

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # the page would not show an error of the hidden version field: show it above the form
        stale = self.errors.pop("version", None)
        if stale:
            self.add_error(None, list(stale))
        return cleaned

    def chosen_pk(self, name: str) -> int | None:
        """The pk the user chose in a picker (submitted, else initial), not yet validated."""
        value = self[name].data if self.is_bound else self.initial.get(name)
        return parse_pk(value) if value not in (None, "") else None

    def pick_unit(self, perm: str, dependent: str) -> Unit | None:
        """Fill the unit picker; the chosen unit when it is in scope. Changing it refreshes the
        `dependent` picker (and the unit picker itself) with htmx."""
        field = cast(PickerField, self.fields["unit"])
        chosen = self.chosen_pk("unit")
        field.set_options(unit_options(self.user, chosen, perm))
        field.widget.attrs.update(_refresh_on_change(self.url, dependent))
        return field.known.get(chosen or 0)

    def picker(self, name: str) -> PickerField:
        return cast(PickerField, self.fields[name])


# --- posts ----------------------------------------------------------------------------------------


class PostForm(_PickerForm):
    code = _text(_("岗位编码"), 40)
    name = _text(_("岗位名称"), 100)
    unit = PickerField(label=_("所属单位"))
    department = PickerField(
        label=_("所属内设机构"),
        required=False,
        help_text=_("单位领导等不属于内设机构的岗位留空。"),
    )
    rank = ModelChoiceField(
        label=_("职级"),
        queryset=Rank.objects.all(),
        empty_label=CHOOSE,
        error_messages={"required": _("请选择职级。"), "invalid_choice": _("所选职级不存在。")},
    )
    key_kinds = ModelMultipleChoiceField(
        label=_("重点岗位类别"),
        queryset=KeyPostKind.objects.all(),
        required=False,
        widget=CheckboxList(inline=True),
        error_messages={"invalid_choice": _("所选重点岗位类别不存在。")},
    )
    headcount = forms.IntegerField(
        label=_("编制人数"),
        min_value=0,
        max_value=32767,
        initial=1,
        error_messages={
            "required": _("请填写编制人数。"),
            "invalid": _("编制人数应为整数。"),
            "min_value": _("编制人数不能小于 %(limit_value)s。"),
            "max_value": _("编制人数不能大于 %(limit_value)s。"),
        },
    )
    duties = _text(_("岗位职责"), 10000, required=False, widget=forms.Textarea(attrs={"rows": 6}))
    status = forms.ChoiceField(
        label=_("状态"),
        choices=Status.choices,
        error_messages={"required": _("请选择状态。"), "invalid_choice": _("请选择有效的状态。")},
    )
    version = _version_field()

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["status"]
            del self.fields["version"]
        unit = self.pick_unit(perms.ORG_MANAGE, "department")
        departments = department_options(
            self.user, unit, self.chosen_pk("department"), perms.ORG_MANAGE
        )
        self.picker("department").set_options(
            departments if unit else [],
            _("无（不属于内设机构）") if unit else _("请先选择单位"),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        unit, department = cleaned.get("unit"), cleaned.get("department")
        if unit and department and department.unit_id != unit.pk:
            self.add_error("department", _("所选内设机构不属于该岗位所在单位。"))
        return cleaned


# --- people ---------------------------------------------------------------------------------------


class IdNumberInput(forms.TextInput):
    """The ID number is never sent back to the browser, not even the one just typed."""

    def format_value(self, value: Any) -> str | None:
        return None


class PersonForm(_PickerForm):
    code = _text(_("人员编号"), 32)
    name = _text(_("姓名"), 50)
    gender = forms.ChoiceField(
        label=_("性别"),
        choices=[("", CHOOSE), *Person.Gender.choices],
        error_messages={"required": _("请选择性别。"), "invalid_choice": _("请选择男或女。")},
    )
    birth_date = _date(_("出生日期"), required=False)
    id_number = forms.CharField(
        label=_("身份证号"),
        required=False,
        max_length=18,
        widget=IdNumberInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"max_length": _("身份证号应为 18 位。")},
        help_text=_("加密保存，页面上只显示部分号码。"),
    )
    political_status = forms.ChoiceField(
        label=_("政治面貌"),
        choices=Person.PoliticalStatus.choices,
        initial=Person.PoliticalStatus.MASSES,
        error_messages={
            "required": _("请选择政治面貌。"),
            "invalid_choice": _("请选择有效的政治面貌。"),
        },
    )
    phone = _text(
        _("联系电话"),
        20,
        required=False,
        validators=[
            RegexValidator(r"^[0-9+\-() ]*$", _("联系电话只能包含数字、空格和 + - ( ) 符号。"))
        ],
    )
    account = _text(
        _("登录账户"),
        150,
        required=False,
        help_text=_("填写该人员登录本系统所用账户的用户名；留空表示不关联账户。"),
    )
    # first post (creation only): a person without a post is visible only to whole-system scopes
    unit = PickerField(
        label=_("任职单位"),
        required=False,
        help_text=_("选择单位后，可从该单位的岗位中选择。"),
    )
    post = PickerField(label=_("岗位"), required=False)
    start_date = _date(_("任职开始日期"), required=False)
    version = _version_field()

    def __init__(
        self,
        *args: Any,
        person: Person | None = None,
        post_required: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.post_required = post_required
        fields = self.fields
        if person is not None:
            for name in ("unit", "post", "start_date"):
                del fields[name]
            masked = person.id_number_masked
            fields["id_number"].help_text = (
                _("已登记：%(masked)s。留空则保持不变。") % {"masked": masked}
                if masked
                else _("尚未登记。加密保存，页面上只显示部分号码。")
            )
            return
        del fields["version"]
        unit = self.pick_unit(perms.ORG_MANAGE, "post")
        self.picker("post").set_options(
            post_options(self.user, unit, self.chosen_pk("post")),
            CHOOSE if unit else _("请先选择任职单位"),
        )
        if post_required:
            fields["post"].help_text = _("必填：您的管理范围按单位划分，未任职的人员将无法查看。")

    def clean_id_number(self) -> str:
        value: str = self.cleaned_data["id_number"].strip().upper()
        if value:
            try:
                validate_id_number(value)
            except ValidationError as exc:
                raise ValidationError(exc.message_dict["id_number"]) from exc
        return value

    def clean_birth_date(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data["birth_date"]
        if value and value > timezone.localdate():
            raise ValidationError(_("出生日期不能晚于今天。"))
        return value

    def clean_account(self) -> User | None:
        username = self.cleaned_data["account"].strip()
        if not username:
            return None
        user = User.objects.filter(username=username).select_related("person").first()
        if user is None:
            raise ValidationError(_("没有用户名为“%(name)s”的账户。") % {"name": username})
        linked = getattr(user, "person", None)
        if linked is not None and (self.person is None or linked.pk != self.person.pk):
            raise ValidationError(_("该账户已关联其他人员（%(code)s）。") % {"code": linked.code})
        return user

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        id_number, birth_date = cleaned.get("id_number"), cleaned.get("birth_date")
        if id_number and birth_date and id_number[6:14] != birth_date.strftime("%Y%m%d"):
            self.add_error("birth_date", _("出生日期与身份证号中的出生日期不一致。"))
        if self.person is None:
            self._clean_first_post(cleaned)
        return cleaned

    def _clean_first_post(self, cleaned: dict[str, Any]) -> None:
        post, start = cleaned.get("post"), cleaned.get("start_date")
        if post is None and "post" not in self.errors and self.post_required:
            self.add_error("post", _("请选择岗位。"))
        if post is not None and start is None and "start_date" not in self.errors:
            self.add_error("start_date", _("请填写任职开始日期。"))
        if post is None and start is not None:
            self.add_error("post", _("填写了任职开始日期，请同时选择岗位。"))

    def person_fields(self) -> dict[str, Any]:
        """The values for person_create / person_update (without the ID number)."""
        data = self.cleaned_data
        names = ("code", "name", "gender", "birth_date", "political_status", "phone")
        return {**{name: data[name] for name in names}, "user": data["account"]}


# --- assignments ----------------------------------------------------------------------------------


class AssignmentForm(_PickerForm):
    PRIMARY, CONCURRENT = "primary", "concurrent"

    unit = PickerField(
        label=_("单位"),
        required=False,
        help_text=_("选择单位后，可从该单位的岗位中选择。"),
    )
    post = PickerField(label=_("岗位"))
    start_date = _date(_("任职开始日期"))
    kind = forms.ChoiceField(
        label=_("任职类别"),
        choices=[
            (PRIMARY, _("主要岗位（轮岗时原主要岗位自动于前一日结束）")),
            (CONCURRENT, _("兼职岗位")),
        ],
        initial=PRIMARY,
        widget=ChoiceList,
        error_messages={
            "required": _("请选择任职类别。"),
            "invalid_choice": _("请选择主要岗位或兼职岗位。"),
        },
    )
    note = _text(_("备注"), 200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.pick_unit(perms.ORG_MANAGE, "post")
        self.picker("post").set_options(
            post_options(self.user, unit, self.chosen_pk("post")),
            CHOOSE if unit else _("请先选择单位"),
        )

    @property
    def is_primary(self) -> bool:
        return bool(self.cleaned_data["kind"] == self.PRIMARY)


class AssignmentEndForm(forms.Form):
    end_date = _date(_("任职结束日期"))


# shared with other modules' forms (the power catalogue)
UnitPickerForm = _PickerForm
text_field = _text
version_field = _version_field
