"""The inbox page: the user's messages, newest first; opening one marks it read and follows its
link; everything can be marked read at once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lianjing.accounts.decorators import request_user
from lianjing.inbox import selectors, services
from lianjing.org import access


@login_required
@require_safe
def inbox(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(selectors.inbox(user, unread_only=unread_only), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "inbox/inbox.html",
        {
            "title": _("消息"),
            "breadcrumbs": [(_("消息"), None)],
            "page": page,
            "unread_only": unread_only,
            "unread": selectors.unread_count(user),
        },
    )


@login_required
@require_POST
def open_message(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    message = access.get_scoped_or_404(selectors.inbox(user), pk)
    services.mark_read(user, message.pk)
    if message.url and url_has_allowed_host_and_scheme(message.url, allowed_hosts=None):
        return redirect(message.url)
    return redirect("inbox:inbox")


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    count = services.mark_read(request_user(request))
    messages.success(request, _("已将 %(n)d 条消息标为已读。") % {"n": count})
    return redirect("inbox:inbox")
