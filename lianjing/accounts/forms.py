from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import (
    password_validators_help_text_html,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from lianjing.accounts.models import Role, User
from lianjing.accounts.permissions import PERMISSIONS
from lianjing.core.forms import ModelChoiceField
from lianjing.org.models import Unit


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码不正确。连续输错多次后账户将被临时锁定。"),
        "inactive": _("该账户已停用，请联系系统管理员。"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("用户名")
        self.fields["password"].label = _("密码")
        # AuthenticationForm only sets the widget's maxlength; enforce it before the lockout
        # bookkeeping stores the name.
        self.fields["username"].validators.append(MaxLengthValidator(150))
        self.fields["password"].validators.append(MaxLengthValidator(4096))


class OTPTokenForm(forms.Form):
    token = forms.CharField(
        label=_("验证码"),
        max_length=16,
        help_text=_("输入身份验证器显示的 6 位数字，或一个未用过的备用验证码。"),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip().replace(" ", "")
        if not token.isalnum():
            raise ValidationError(_("验证码只能包含数字或字母。"))
        return token


class PasswordPairMixin(forms.Form):
    new_password1 = forms.CharField(
        label=_("新密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    new_password2 = forms.CharField(
        label=_("确认新密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    password_user: User | None = None

    def clean_new_password2(self) -> str:
        first = self.cleaned_data.get("new_password1")
        second = self.cleaned_data["new_password2"]
        if first and second and first != second:
            raise ValidationError(_("两次输入的密码不一致。"))
        if second:
            validate_password(second, self.password_user)
        return second


class PasswordChangeForm(PasswordPairMixin):
    old_password = forms.CharField(
        label=_("当前密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["old_password", "new_password1", "new_password2"]

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.password_user = user

    def clean_old_password(self) -> str:
        old = self.cleaned_data["old_password"]
        assert self.password_user is not None
        if not self.password_user.check_password(old):
            raise ValidationError(_("当前密码不正确。"))
        return old


class PasswordResetForm(PasswordPairMixin):
    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.password_user = user


class UserCreateForm(PasswordPairMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["username", "full_name", "email"]

    field_order = ["username", "full_name", "email", "new_password1", "new_password2"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.password_user = self.instance

    def clean_new_password2(self) -> str:
        # validate against the username and name typed in this form
        self.instance.username = self.cleaned_data.get("username", "")
        self.instance.full_name = self.cleaned_data.get("full_name", "")
        return super().clean_new_password2()


class UserUpdateForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "email", "is_active"]
        labels = {"is_active": _("账户启用")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True


class RoleForm(forms.ModelForm):
    permissions = forms.MultipleChoiceField(
        label=_("功能权限"),
        choices=[(code, label) for code, label in PERMISSIONS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Role
        fields = [
            "code",
            "name",
            "description",
            "scope",
            "cross_system_rank",
            "requires_two_factor",
            "permissions",
        ]
        help_texts = {
            "code": _("英文小写字母、数字、下划线，创建后不可修改。"),
            "requires_two_factor": _(
                "持有此角色的账户登录时必须输入身份验证器生成的一次性验证码。"
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True
            self.fields["code"].required = False


def _units_by_code(text: str) -> list[Unit]:
    codes = [c.strip() for c in re.split(r"[,，、\s]+", text) if c.strip()]
    found = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationError(_("单位编码不存在：%(codes)s") % {"codes": "、".join(missing[:10])})
    return [found[c] for c in codes]


class RoleAssignmentForm(forms.Form):
    role = ModelChoiceField(label=_("角色"), queryset=Role.objects.order_by("id"))
    unit_code = forms.CharField(
        label=_("所在单位编码"),
        max_length=32,
        required=False,
        help_text=_("“本单位”“本单位及下级”等数据范围以此单位为准；全部范围的角色可不填。"),
    )
    assigned_unit_codes = forms.CharField(
        label=_("归口联系单位编码"),
        max_length=2000,
        required=False,
        help_text=_("仅派驻纪检组角色需要；多个编码用逗号或顿号分隔。"),
    )

    def clean_unit_code(self) -> Unit | None:
        code = self.cleaned_data["unit_code"].strip()
        if not code:
            return None
        units = _units_by_code(code)
        return units[0]

    def clean_assigned_unit_codes(self) -> list[Unit]:
        return _units_by_code(self.cleaned_data["assigned_unit_codes"])
