"""The discipline office's list of exceptions to the 10% rule, and its decision on each."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import permission_required, request_user
from lianjing.core.forms import add_service_errors
from lianjing.core.listing import Column, ListPage
from lianjing.org import access
from lianjing.risks import selectors, services
from lianjing.risks.forms import DecisionForm
from lianjing.risks.models import RegisterException
from lianjing.risks.views import register_url


def _decide_url(exception: RegisterException) -> str:
    return reverse("risks:exception_decide", args=[exception.pk])


@permission_required(perms.RISKS_VIEW)
def exception_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    page = ListPage(
        request,
        selectors.exceptions_visible(user).select_related("unit").order_by("-requested_at"),
        title=_("一级风险占比例外"),
        export_name="risk-exceptions",
        columns=[
            Column(_("单位"), "unit.name", link=lambda e: register_url(e.unit_id, e.year)),
            Column(_("年度"), "year", nowrap=True),
            Column(_("理由"), "justification", link=_decide_url),
            Column(_("状态"), "status", nowrap=True),
            Column(_("申请时间"), "requested_at", nowrap=True),
            Column(_("审批意见"), "decision_note"),
        ],
        extra={"breadcrumbs": [(_("风险台账"), reverse("risks:index")), (_("例外"), None)]},
    )
    return page.response()


@permission_required(perms.RISKS_APPROVE)
def exception_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    exception = access.get_scoped_or_404(
        selectors.exceptions_visible(user, perms.RISKS_APPROVE).select_related("unit"), pk
    )
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.exception_decide(
                actor=user,
                exception=exception,
                approve=form.cleaned_data["approve"],
                note=form.cleaned_data.get("note", ""),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已处理。"))
            return redirect("risks:exception_list")
    title = _("审批例外申请")
    summary = selectors.register_summary(exception.unit_id, exception.year)
    return render(
        request,
        "risks/exception_decide.html",
        {
            "form": form,
            "title": title,
            "exception": exception,
            "summary": summary,
            "breadcrumbs": [
                (_("风险台账"), reverse("risks:index")),
                (_("例外"), reverse("risks:exception_list")),
                (title, None),
            ],
            "cancel_url": reverse("risks:exception_list"),
        },
    )
