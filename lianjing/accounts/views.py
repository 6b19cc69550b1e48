from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from axes.helpers import get_cool_off
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from lianjing.accounts import services
from lianjing.accounts.decorators import request_user
from lianjing.accounts.forms import LoginForm, OTPTokenForm, PasswordChangeForm
from lianjing.accounts.selectors import is_otp_verified, user_requires_two_factor
from lianjing.core.audit import audit


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes calls this while a username or an address is locked out."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else 0
    form = LoginForm(request, data=request.POST or None)
    form.errors.clear()
    return render(
        request,
        "accounts/login.html",
        {"form": form, "locked_out": True, "cool_off_minutes": minutes},
        status=429,
    )


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    return redirect("accounts:login")


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("core:home")


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Second step of login for accounts whose roles require two-factor authentication."""
    user = request_user(request)
    if is_otp_verified(user):
        return redirect(_safe_next(request))
    if not user_has_device(user):
        return redirect(f"{reverse('accounts:two_factor')}?next={_safe_next(request)}")
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            audit("accounts.two_factor.verified", actor=user, obj=user)
            return redirect(_safe_next(request))
        audit("accounts.two_factor.failed", actor=user, obj=user)
        form.add_error("token", _("验证码不正确或已使用过，请重新输入。"))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _safe_next(request)})


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator (TOTP), see the status, renew backup codes."""
    user = request_user(request)
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    context: dict[str, Any] = {
        "title": _("两步验证"),
        "breadcrumbs": [(_("两步验证"), None)],
        "required": user_requires_two_factor(user),
        "confirmed": confirmed,
        "next": _safe_next(request),
    }
    if confirmed is None:
        device = services.totp_device_pending(user)
        form = OTPTokenForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            codes = services.two_factor_confirm(
                user=user, device=device, token=form.cleaned_data["token"]
            )
            if codes is not None:
                otp_login(request, device)
                messages.success(request, _("两步验证已启用。"))
                return render(request, "accounts/backup_codes.html", {**context, "codes": codes})
            form.add_error("token", _("验证码不正确，请核对手机时间后重新输入。"))
        context.update(
            form=form,
            secret=b32encode(device.bin_key).decode(),
            qr_svg=segno.make(device.config_url, error="m").svg_inline(scale=4),
        )
    return render(request, "accounts/two_factor.html", context)


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if user_requires_two_factor(user):
        messages.error(
            request, _("您的角色要求两步验证，不能关闭。如手机丢失，请联系系统管理员重置。")
        )
    else:
        services.two_factor_reset(actor=user, user=user)
        messages.success(request, _("两步验证已关闭。"))
    return redirect("accounts:two_factor")


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_set_password(
            actor=user,
            user=user,
            password=form.cleaned_data["new_password1"],
        )
        update_session_auth_hash(request, user)
        messages.success(request, _("密码已修改。"))
        return redirect("core:home")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("修改密码"),
            "breadcrumbs": [(_("修改密码"), None)],
            "cancel_url": reverse("core:home"),
        },
    )
