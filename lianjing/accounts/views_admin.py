"""Administration of accounts and roles (系统管理)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from lianjing.accounts import permissions as perms
from lianjing.accounts import services
from lianjing.accounts.decorators import permission_required
from lianjing.accounts.filters import UserFilter
from lianjing.accounts.forms import (
    PasswordResetForm,
    RoleAssignmentForm,
    RoleForm,
    UserCreateForm,
    UserUpdateForm,
)
from lianjing.accounts.models import Role, RoleAssignment, User
from lianjing.accounts.selectors import role_list, user_list, user_role_assignments
from lianjing.core.forms import add_service_errors
from lianjing.core.listing import Column, ListPage


def _users_crumb() -> tuple[str, str]:
    return (_("用户管理"), reverse("accounts:user_list"))


def _roles_crumb() -> tuple[str, str]:
    return (_("角色管理"), reverse("accounts:role_list"))


def _role_names(user: User) -> str:
    return "、".join(
        f"{a.role.name}（{a.unit.name}）" if a.unit else a.role.name
        for a in user.role_assignments.all()
    )


@permission_required(perms.MANAGE_USERS)
def user_list_view(request: HttpRequest) -> HttpResponse:
    page = ListPage(
        request,
        user_list(),
        title=_("用户管理"),
        filterset_class=UserFilter,
        export_name="users",
        template="accounts/user_list.html",
        columns=[
            Column(
                _("用户名"), "username", link=lambda u: reverse("accounts:user_edit", args=[u.pk])
            ),
            Column(_("姓名"), "full_name"),
            Column(_("角色"), _role_names),
            Column(_("启用"), "is_active"),
            Column(_("最近登录"), "last_login"),
        ],
        extra={"breadcrumbs": [(_("用户管理"), None)]},
    )
    return page.response()


@permission_required(perms.MANAGE_USERS)
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_create(
            actor=request.user,
            username=form.cleaned_data["username"],
            full_name=form.cleaned_data["full_name"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["new_password1"],
        )
        messages.success(request, _("已创建用户 %(name)s。") % {"name": user})
        return redirect("accounts:user_edit", pk=user.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("新建用户"),
            "breadcrumbs": [_users_crumb(), (_("新建用户"), None)],
            "cancel_url": reverse("accounts:user_list"),
        },
    )


@permission_required(perms.MANAGE_USERS)
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    form = UserUpdateForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        services.user_update(
            actor=request.user,
            user=user,
            full_name=form.cleaned_data["full_name"],
            email=form.cleaned_data["email"],
            is_active=form.cleaned_data["is_active"],
        )
        messages.success(request, _("已保存。"))
        return redirect("accounts:user_edit", pk=user.pk)
    return render(
        request,
        "accounts/user_edit.html",
        {
            "form": form,
            "subject": user,
            "title": str(user),
            "breadcrumbs": [_users_crumb(), (str(user), None)],
            "cancel_url": reverse("accounts:user_list"),
            "has_two_factor": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            "grants": user_role_assignments(user),
            "grant_form": RoleAssignmentForm(),
        },
    )


@permission_required(perms.MANAGE_USERS)
def role_assignment_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    form = RoleAssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_assignment_create(
                actor=request.user,
                user=user,
                role=form.cleaned_data["role"],
                unit=form.cleaned_data["unit_code"],
                assigned_units=form.cleaned_data["assigned_unit_codes"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已为 %(name)s 授予角色。") % {"name": user})
            return redirect("accounts:user_edit", pk=user.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("授予角色"),
            "breadcrumbs": [
                _users_crumb(),
                (str(user), reverse("accounts:user_edit", args=[user.pk])),
                (_("授予角色"), None),
            ],
            "cancel_url": reverse("accounts:user_edit", args=[user.pk]),
        },
    )


@permission_required(perms.MANAGE_USERS)
@require_POST
def role_assignment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    grant = get_object_or_404(RoleAssignment.objects.select_related("user", "role", "unit"), pk=pk)
    services.role_assignment_delete(actor=request.user, grant=grant)
    messages.success(request, _("已收回角色“%(role)s”。") % {"role": grant.role})
    return redirect("accounts:user_edit", pk=grant.user_id)


@permission_required(perms.MANAGE_USERS)
def user_password_reset(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    form = PasswordResetForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_set_password(
            actor=request.user, user=user, password=form.cleaned_data["new_password1"]
        )
        messages.success(request, _("已重置 %(name)s 的密码。") % {"name": user})
        return redirect("accounts:user_edit", pk=user.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("重置密码"),
            "breadcrumbs": [
                _users_crumb(),
                (str(user), reverse("accounts:user_edit", args=[user.pk])),
                (_("重置密码"), None),
            ],
            "cancel_url": reverse("accounts:user_edit", args=[user.pk]),
        },
    )


@permission_required(perms.MANAGE_USERS)
@require_POST
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    services.user_unlock(actor=request.user, user=user)
    messages.success(request, _("已解除 %(name)s 的登录锁定。") % {"name": user})
    return redirect("accounts:user_edit", pk=user.pk)


@permission_required(perms.MANAGE_USERS)
@require_POST
def user_two_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    services.two_factor_reset(actor=request.user, user=user)
    messages.success(
        request, _("已重置 %(name)s 的两步验证，其下次登录时需重新绑定。") % {"name": user}
    )
    return redirect("accounts:user_edit", pk=user.pk)


@permission_required(perms.MANAGE_ROLES)
def role_list_view(request: HttpRequest) -> HttpResponse:
    page = ListPage(
        request,
        role_list().annotate(holders=Count("assignments")),
        title=_("角色管理"),
        template="accounts/role_list.html",
        columns=[
            Column(_("名称"), "name", link=lambda r: reverse("accounts:role_edit", args=[r.pk])),
            Column(_("代码"), "code"),
            Column(_("说明"), "description"),
            Column(_("数据范围"), "scope", nowrap=True),
            Column(_("跨系统监督"), "cross_system_rank"),
            Column(_("要求两步验证"), "requires_two_factor"),
            Column(_("内置"), "is_builtin"),
            Column(_("账户数"), "holders"),
        ],
        extra={"breadcrumbs": [(_("角色管理"), None)]},
    )
    return page.response()


@permission_required(perms.MANAGE_ROLES)
def role_create(request: HttpRequest) -> HttpResponse:
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        role = services.role_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("已创建角色 %(name)s。") % {"name": role})
        return redirect("accounts:role_list")
    return _role_form_page(request, form, _("新建角色"))


@permission_required(perms.MANAGE_ROLES)
def role_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role = get_object_or_404(Role, pk=pk)
    form = RoleForm(request.POST or None, instance=role, initial={"permissions": role.permissions})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "code"}
        services.role_update(actor=request.user, role=role, **data)
        messages.success(request, _("已保存角色 %(name)s。") % {"name": role})
        return redirect("accounts:role_list")
    return _role_form_page(request, form, str(role))


def _role_form_page(request: HttpRequest, form: RoleForm, title: str) -> HttpResponse:
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": title,
            "breadcrumbs": [_roles_crumb(), (title, None)],
            "cancel_url": reverse("accounts:role_list"),
        },
    )
