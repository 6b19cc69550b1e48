from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lianjing.accounts.selectors import user_roles
from lianjing.core.home import panels_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """工作台: each module adds its own panel of the user's tasks here."""
    return render(
        request,
        "core/home.html",
        {"title": _("工作台"), "roles": user_roles(request.user), "panels": panels_for(request)},
    )


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    # Rendered without the request context processors' database work: an error page must not
    # fail itself.
    html = render_to_string(
        "core/error.html", {"status": status, "title": title, "message": message}
    )
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, "请求有误", "提交的请求无法处理，请返回上一页检查后重试。")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "无权访问", "您没有执行此操作的权限。如需开通，请联系系统管理员。")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "页面不存在", "您访问的页面不存在，或不在您的查看范围内。")


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(
        request, 500, "系统错误", "系统处理时发生错误，已记录日志。请稍后重试，或联系系统管理员。"
    )
