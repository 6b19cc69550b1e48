"""Pages of the risk register: the index of units' registers for a year, a unit's register
(level summary and the 10% rule, confirm, exception request), a risk point (how its level was
computed, responsibility chain with history, measures), and the create/edit forms."""

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
from lianjing.core.forms import add_service_errors
from lianjing.core.listing import Column, ListPage
from lianjing.org import access
from lianjing.org.models import Person, Unit
from lianjing.risks import grading, hooks, selectors, services
from lianjing.risks.forms import MeasureForm, ReasonForm, RiskPointForm, point_initial
from lianjing.risks.models import (
    ControlMeasure,
    Register,
    RegisterException,
    Responsibility,
    RiskPoint,
)
from lianjing.risks.services import Override

YEAR_MIN, YEAR_MAX = 2000, 2100


def _year(raw: Any) -> int:
    try:
        year = int(str(raw))
    except (TypeError, ValueError):
        return timezone.localdate().year
    return year if YEAR_MIN <= year <= YEAR_MAX else timezone.localdate().year


def register_url(unit_id: int, year: int) -> str:
    return reverse("risks:register", args=[unit_id, year])


def point_url(point: RiskPoint) -> str:
    return reverse("risks:point_detail", args=[point.pk])


def _index_crumb() -> tuple[str, str]:
    return (_("风险台账"), reverse("risks:index"))


@permission_required(perms.RISKS_VIEW)
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    year = _year(request.GET.get("year"))
    units = list(selectors.year_units(user, year)[:500])
    for unit in units:
        unit.share = unit.level_one / unit.total * 100 if unit.total else 0
        unit.breaks = unit.level_one > unit.total * selectors.LEVEL_ONE_LIMIT
    return render(
        request,
        "risks/index.html",
        {
            "title": _("廉政风险台账"),
            "breadcrumbs": [(_("风险台账"), None)],
            "year": year,
            "years": range(timezone.localdate().year + 1, timezone.localdate().year - 5, -1),
            "units": units,
            "manageable": access.visible(user, Unit, perms.RISKS_MANAGE).order_by("code")[:500],
        },
    )


def _unit_in_scope(user: Any, pk: Any, perm: str) -> Unit:
    return access.get_visible_or_404(user, Unit, pk, perm)


@permission_required(perms.RISKS_VIEW)
def register(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    user = request_user(request)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise Http404
    unit = _unit_in_scope(user, unit_pk, perms.RISKS_VIEW)
    points = (
        selectors.risk_points_visible(user)
        .filter(unit=unit, year=year)
        .select_related("post", "department", "flow_step")
        .order_by("level", "id")
    )
    summary = selectors.register_summary(unit.pk, year)
    page = ListPage(
        request,
        points,
        title=_("%(unit)s %(year)d 年廉政风险台账") % {"unit": unit.name, "year": year},
        export_name="risk-register",
        template="risks/register.html",
        per_page=50,
        columns=[
            Column(_("等级"), "level", nowrap=True),
            Column(_("风险点"), "description", link=point_url),
            Column(_("风险对象"), _target_text),
            Column(_("类型"), "risk_type", nowrap=True),
            Column(_("得分"), "computed_score", nowrap=True),
            Column(_("状态"), "status", nowrap=True),
        ],
        extra={
            "breadcrumbs": [_index_crumb(), (unit.name, None)],
            "unit": unit,
            "year": year,
            "summary": summary,
            "register": Register.objects.filter(unit=unit, year=year).first(),
            "exceptions": RegisterException.objects.filter(unit=unit, year=year),
            "can_manage": access.can_view_under(user, unit, perms.RISKS_MANAGE),
        },
    )
    return page.response()


def _target_text(point: RiskPoint) -> str:
    if point.post is not None:
        return point.post.name
    if point.department is not None:
        return point.department.name
    return point.sector or str(point.get_target_kind_display())


@permission_required(perms.RISKS_MANAGE)
@require_POST
def register_confirm(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    user = request_user(request)
    unit = _unit_in_scope(user, unit_pk, perms.RISKS_MANAGE)
    try:
        services.register_confirm(actor=user, unit=unit, year=year)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("台账已审定。"))
    return redirect(register_url(unit.pk, year))


@permission_required(perms.RISKS_MANAGE)
def exception_request(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    user = request_user(request)
    unit = _unit_in_scope(user, unit_pk, perms.RISKS_MANAGE)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.exception_request(
                actor=user, unit=unit, year=year, justification=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已提交，待纪检监察机关审批。"))
            return redirect(register_url(unit.pk, year))
    title = _("申请一级风险占比例外")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": title,
            "breadcrumbs": [
                _index_crumb(),
                (unit.name, register_url(unit.pk, year)),
                (title, None),
            ],
            "cancel_url": register_url(unit.pk, year),
            "submit_label": _("提交审批"),
        },
    )


# --- a risk point ---------------------------------------------------------------------------------


@permission_required(perms.RISKS_VIEW)
@require_safe
def point_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    point = selectors.risk_point_get(user, pk)
    result = grading.grade(point.grading_model.scheme(), point.factor_inputs)
    responsibilities = Responsibility.objects.filter(risk_point=point).select_related("person")
    can_manage = access.can_view_under(user, point.unit, perms.RISKS_MANAGE)
    locked_reason = hooks.edit_problem(point)
    current = [r for r in responsibilities if r.until is None]
    own = access.own_person(user)
    # prompt sheets the reader may open: their own, and those of people in their scope
    sheets = set(
        access.visible(user, Person, perms.RISKS_VIEW)
        .filter(pk__in=[r.person_id for r in current])
        .values_list("pk", flat=True)
    ) | ({own.pk} if own else set())
    return render(
        request,
        "risks/point_detail.html",
        {
            "title": _("廉政风险点"),
            "breadcrumbs": [
                _index_crumb(),
                (point.unit.name, register_url(point.unit_id, point.year)),
                (point.description[:20], None),
            ],
            "point": point,
            "grading": result,
            "model": point.grading_model,
            "current": current,
            "sheet_people": sheets,
            "history": [r for r in responsibilities if r.until is not None],
            "measures": point.measures.select_related("owner").prefetch_related("evidence"),
            "can_manage": can_manage and point.status != RiskPoint.Status.RETIRED,
            # a signed register (or one under review) keeps its content; carrying the measures
            # out (status, evidence) goes on
            "locked_reason": locked_reason,
            "can_edit_content": can_manage
            and point.status != RiskPoint.Status.RETIRED
            and not locked_reason,
            "measure_form": MeasureForm(unit=point.unit) if can_manage else None,
            "measure_statuses": ControlMeasure.Status.choices,
        },
    )


def _form_context(form: RiskPointForm, **extra: Any) -> dict[str, Any]:
    return {"form": form, "model": form.model, **extra}


def _override(form: RiskPointForm) -> Override | None:
    data = form.cleaned_data
    if not data.get("override_level"):
        return None
    return Override(
        data["override_level"],
        data.get("override_reason", ""),
        data.get("override_decided_on"),
        data.get("override_participants", ""),
    )


@permission_required(perms.RISKS_MANAGE)
def point_create(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not request.GET.get("unit"):
        messages.info(request, _("请先选择要登记风险点的单位。"))
        return redirect("risks:index")
    unit = _unit_in_scope(user, request.GET.get("unit"), perms.RISKS_MANAGE)
    year = _year(request.GET.get("year"))
    try:
        model = services.active_model()
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(register_url(unit.pk, year))
    form = RiskPointForm(
        request.POST if request.method == "POST" else None,
        unit=unit,
        model=model,
        initial={"year": year, "target_kind": "post", "found_by": ["self"]},
    )
    if form.is_bound and form.is_valid():
        try:
            point = services.risk_point_create(
                actor=user, inputs=form.inputs(), override=_override(form), **form.point_fields()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("已登记风险点，计算得分 %(score)s，定为%(level)s风险。")
                % {"score": point.computed_score, "level": point.get_level_display()},
            )
            return redirect(point_url(point))
    title = _("登记风险点")
    return render(
        request,
        "risks/point_form.html",
        _form_context(
            form,
            title=title,
            breadcrumbs=[_index_crumb(), (unit.name, register_url(unit.pk, year)), (title, None)],
            cancel_url=register_url(unit.pk, year),
        ),
    )


@permission_required(perms.RISKS_MANAGE)
def point_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    point = selectors.risk_point_get(user, pk, perms.RISKS_MANAGE)
    model = services.active_model()
    initial = point_initial(point, model)
    form = RiskPointForm(
        request.POST if request.method == "POST" else None,
        unit=point.unit,
        model=model,
        initial=initial,
    )
    if form.is_bound and form.is_valid():
        try:
            services.risk_point_update(
                actor=user,
                point=point,
                inputs=form.inputs(),
                override=_override(form),
                **form.point_fields(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect(point_url(point))
    title = _("修改风险点")
    return render(
        request,
        "risks/point_form.html",
        _form_context(
            form,
            title=title,
            breadcrumbs=[_index_crumb(), (point.description[:20], point_url(point)), (title, None)],
            cancel_url=point_url(point),
            regraded=point.grading_model_id != model.pk,
        ),
    )


@permission_required(perms.RISKS_MANAGE)
@require_POST
def measure_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    point = selectors.risk_point_get(user, pk, perms.RISKS_MANAGE)
    form = MeasureForm(request.POST, unit=point.unit)
    if form.is_valid():
        try:
            services.measure_add(
                actor=user,
                risk_point=point,
                order=point.measures.count(),
                **form.measure_fields(),
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("已添加防控措施。"))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}：{error}" if label else str(error))
    return redirect(point_url(point) + "#measures")


@permission_required(perms.RISKS_MANAGE)
@require_POST
def measure_status(request: HttpRequest, pk: int, measure_pk: int) -> HttpResponse:
    user = request_user(request)
    point = selectors.risk_point_get(user, pk, perms.RISKS_MANAGE)
    measure = access.get_scoped_or_404(point.measures.all(), measure_pk)
    try:
        services.measure_update_status(
            actor=user, measure=measure, status=str(request.POST.get("status", ""))
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect(point_url(point) + "#measures")


@permission_required(perms.RISKS_MANAGE)
def point_retire(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    point = selectors.risk_point_get(user, pk, perms.RISKS_MANAGE)
    if point.status == RiskPoint.Status.RETIRED:
        return redirect(point_url(point))
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.risk_point_retire(actor=user, point=point, reason=form.cleaned_data["text"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已撤销该风险点，防控责任随之终止。"))
            return redirect(point_url(point))
    title = _("撤销风险点")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": title,
            "breadcrumbs": [
                _index_crumb(),
                (point.description[:20], point_url(point)),
                (title, None),
            ],
            "cancel_url": point_url(point),
            "submit_label": _("确认撤销"),
        },
    )
