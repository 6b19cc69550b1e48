"""Pages of the power catalogue: the list, a power's page (particulars, flow chart, steps,
benchmarks, versions), and its create / edit / publish / revise / revoke actions. Powers are
read only through powers/selectors.py (unit scope) and written through powers/services.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import permission_required, request_user
from lianjing.accounts.selectors import user_has_perm
from lianjing.core.forms import add_service_errors
from lianjing.core.listing import Column, ListPage
from lianjing.powers import chart, hooks, selectors, services
from lianjing.powers.filters import power_filter_for
from lianjing.powers.forms import PowerForm, RevokeForm
from lianjing.powers.legal import format_legal_bases
from lianjing.powers.models import Power


def power_url(power: Power) -> str:
    return reverse("powers:power_detail", args=[power.pk])


def list_crumb() -> tuple[str, str]:
    return (_("职权目录"), reverse("powers:power_list"))


def _power_crumbs(power: Power) -> list[tuple[str, Any]]:
    return [list_crumb(), (power.name, power_url(power))]


def _form_page(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    context["breadcrumbs"] = [*context.pop("crumbs"), (context["title"], None)]
    return render(request, "powers/power_form.html", {"form": form, **context})


@permission_required(perms.POWERS_VIEW)
def power_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    page = ListPage(
        request,
        selectors.power_list(user),
        title=_("职权目录"),
        filterset_class=power_filter_for(user),
        export_name="powers",
        template="powers/power_list.html",
        columns=[
            Column(_("职权编码"), "code", nowrap=True),
            Column(_("职权名称"), "name", link=power_url),
            Column(_("职权类别"), "category.name", nowrap=True),
            Column(_("实施主体"), "unit.name"),
            Column(_("承办机构"), "department.name"),
            Column(_("版本"), "version_no", nowrap=True),
            Column(_("状态"), _status_text, nowrap=True),
        ],
        extra={
            "breadcrumbs": [(_("职权目录"), None)],
            "can_manage": selectors.manageable_units(user).exists(),
            "can_import": user_has_perm(user, perms.POWERS_IMPORT),
            "counts": selectors.catalogue_counts(user),
        },
    )
    return page.response()


def _status_text(power: Power) -> str:
    text = str(power.get_status_display())
    if getattr(power, "has_revision", False):
        text += _("（修订中）")
    return text


@permission_required(perms.POWERS_MANAGE)
def power_create(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    initial = {"unit": request.GET.get("unit"), "effective_year": _this_year()}
    form = PowerForm(_posted(request), initial=initial, user=user, url=request.path)
    if form.is_bound and form.is_valid():
        try:
            power = services.power_create(
                actor=user,
                legal_bases=form.cleaned_data["legal_bases"],
                **form.power_fields(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("已新建职权“%(name)s”（草稿），请绘制流程图。") % {"name": power}
            )
            return redirect("powers:flow_edit", pk=power.pk)
    return _form_page(
        request,
        form,
        title=_("新建职权"),
        crumbs=[list_crumb()],
        cancel_url=reverse("powers:power_list"),
    )


def _this_year() -> int:
    return timezone.localdate().year


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@permission_required(perms.POWERS_MANAGE)
def power_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    power = selectors.power_get(user, pk, perms.POWERS_MANAGE)
    if power.status != Power.Status.DRAFT:
        messages.error(request, _("已公布或已废止的职权不能直接修改，请先创建修订版本。"))
        return redirect(power_url(power))
    initial = {
        **{name: getattr(power, name) for name in services.EDITABLE_FIELDS},
        "unit": request.GET.get("unit") or power.unit_id,
        "department": power.department_id,
        "category": power.category_id,
        "legal_bases": format_legal_bases([(b.title, b.article) for b in power.legal_bases.all()]),
        "version": power.version,
    }
    form = PowerForm(_posted(request), initial=initial, user=user, url=request.path, editing=True)
    if form.is_bound and form.is_valid():
        if form.cleaned_data["version"] != power.version:
            form.add_error(None, _("该职权已被他人修改，请刷新页面后重新编辑。"))
        else:
            try:
                services.power_update(
                    actor=user,
                    power=power,
                    legal_bases=form.cleaned_data["legal_bases"],
                    **form.power_fields(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已保存。"))
                return redirect(power_url(power))
    return _form_page(
        request,
        form,
        title=_("编辑职权"),
        crumbs=_power_crumbs(power),
        cancel_url=power_url(power),
    )


@permission_required(perms.POWERS_VIEW)
@require_safe
def power_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    power = selectors.power_get(user, pk)
    stored = selectors.flow_of(power)
    can_manage = selectors.can_manage(user, power)
    return render(
        request,
        "powers/power_detail.html",
        {
            "title": power.name,
            "breadcrumbs": [list_crumb(), (power.name, None)],
            "power": power,
            "legal_bases": list(power.legal_bases.all()),
            "flow": stored,
            "svg": stored.svg(hooks.step_levels(power)),
            "risk_legend": chart.RISK_LEGEND,
            "risk_colours": chart.RISK_COLOURS,
            "benchmarks": list(power.benchmarks.select_related("circumstance")),
            "takes_benchmarks": power.category.code in services.DISCRETION_CATEGORIES,
            "versions": selectors.power_versions(power),
            "revision": selectors.pending_revision(power) if power.is_current else None,
            "can_manage": can_manage,
            "is_draft": power.status == Power.Status.DRAFT,
            "can_revise": can_manage
            and power.status == Power.Status.PUBLISHED
            and power.is_current,
        },
    )


@permission_required(perms.POWERS_MANAGE)
@require_POST
def power_publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    power = selectors.power_get(user, pk, perms.POWERS_MANAGE)
    try:
        services.power_publish(actor=user, power=power)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已公布，公众可在公开门户查看。"))
    return redirect(power_url(power))


@permission_required(perms.POWERS_MANAGE)
@require_POST
def power_revise(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    power = selectors.power_get(user, pk, perms.POWERS_MANAGE)
    try:
        draft = services.power_revise(actor=user, power=power)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(power_url(power))
    messages.success(
        request,
        _("已创建第 %(n)d 版（草稿）；公布前，现行版本继续有效。") % {"n": draft.version_no},
    )
    return redirect(power_url(draft))


@permission_required(perms.POWERS_MANAGE)
def power_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    power = selectors.power_get(user, pk, perms.POWERS_MANAGE)
    form = RevokeForm(_posted(request))
    if form.is_bound and form.is_valid():
        try:
            services.power_revoke(actor=user, power=power, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已废止，公开门户不再显示该职权。"))
            return redirect(power_url(power))
    return _form_page(
        request,
        form,
        title=_("废止职权"),
        crumbs=_power_crumbs(power),
        cancel_url=power_url(power),
        intro=_("废止后该职权从公开门户撤下，历史版本仍可在系统内查阅。"),
        submit_label=_("确认废止"),
        danger=True,
    )


@permission_required(perms.POWERS_VIEW)
@require_safe
def power_chart(request: HttpRequest, pk: int) -> HttpResponse:
    """The flow chart alone, as an SVG file (to download or embed)."""
    user = request_user(request)
    power = selectors.power_get(user, pk)
    svg = selectors.flow_of(power).svg(hooks.step_levels(power))
    if not svg:
        raise Http404
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="flow-{power.pk}.svg"'
    return response
