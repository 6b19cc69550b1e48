"""Pages of the grading model: its versions and how levels are computed (for every reader of
the register); for administrators: a draft's editor, putting a
version in force, and regrading risk points under it — previewed, then applied explicitly."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import permission_required, request_user
from lianjing.accounts.selectors import user_has_perm
from lianjing.core.forms import PK_MAX
from lianjing.risks import selectors, services_grading
from lianjing.risks.forms_grading import FactorFormSet, GradingModelForm, options_text
from lianjing.risks.models import GradingModel


def _model_or_404(pk: int) -> GradingModel:
    return get_object_or_404(GradingModel, pk=pk if 0 < pk <= PK_MAX else 0)


def _crumbs(*more: tuple[str, Any]) -> list[tuple[str, Any]]:
    return [
        (_("风险台账"), reverse("risks:index")),
        (_("定级模型"), reverse("risks:grading_list")),
        *more,
    ]


@permission_required(perms.RISKS_VIEW)
@require_safe
def grading_list(request: HttpRequest) -> HttpResponse:
    """The grading model's versions and how a level is computed: for everyone who reads the
    register; drafts and the editing actions for those who configure it."""
    user = request_user(request)
    can_configure = user_has_perm(user, perms.RISKS_CONFIGURE)
    models = GradingModel.objects.prefetch_related("factors")
    if not can_configure:
        models = models.exclude(status=GradingModel.Status.DRAFT)
    return render(
        request,
        "risks/grading_list.html",
        {
            "title": _("风险定级模型"),
            "breadcrumbs": _crumbs()[:-1] + [(_("定级模型"), None)],
            "models": models,
            "can_configure": can_configure,
            "has_draft": models.filter(status=GradingModel.Status.DRAFT).exists(),
            "stale": selectors.risk_points_visible(user, perms.RISKS_CONFIGURE)
            .exclude(grading_model__status=GradingModel.Status.ACTIVE)
            .exclude(status="retired")
            .count()
            if can_configure
            else 0,
        },
    )


@permission_required(perms.RISKS_CONFIGURE)
def grading_edit(request: HttpRequest, pk: int) -> HttpResponse:
    model = _model_or_404(pk)
    if model.status != GradingModel.Status.DRAFT:
        messages.error(request, _("只有草稿版本可以修改；现行版本请先新建版本。"))
        return redirect("risks:grading_list")
    posted = request.POST if request.method == "POST" else None
    form = GradingModelForm(
        posted,
        initial={
            "name": model.name,
            "note": model.note,
            "likelihood_share": model.likelihood_share,
            "level1_min": model.level1_min,
            "level2_min": model.level2_min,
        },
    )
    factors = FactorFormSet(
        posted,
        prefix="f",
        initial=[
            {"code": f.code, "name": f.name, "weight": f.weight, "options": options_text(f.options)}
            for f in model.factors.all()
        ],
    )
    problems: list[str] = []
    if posted is not None and form.is_valid() and factors.is_valid():
        kept = [
            f.factor() for f in factors.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            services_grading.grading_model_update(
                actor=request_user(request), model=model, factors=kept, **form.cleaned_data
            )
        except ValidationError as exc:
            problems = exc.messages
        else:
            messages.success(request, _("已保存草稿版本。"))
            return redirect("risks:grading_list")
    title = _("编辑定级模型第 %(n)d 版（草稿）") % {"n": model.version_no}
    return render(
        request,
        "risks/grading_edit.html",
        {
            "title": title,
            "breadcrumbs": _crumbs((title, None)),
            "form": form,
            "factors": factors,
            "problems": problems,
            "model": model,
        },
    )


@permission_required(perms.RISKS_CONFIGURE)
@require_POST
def grading_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    source = _model_or_404(pk)
    try:
        draft = services_grading.grading_model_new_version(
            actor=request_user(request), source=source
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("risks:grading_list")
    return redirect("risks:grading_edit", pk=draft.pk)


@permission_required(perms.RISKS_CONFIGURE)
@require_POST
def grading_activate(request: HttpRequest, pk: int) -> HttpResponse:
    model = _model_or_404(pk)
    try:
        services_grading.grading_model_activate(actor=request_user(request), model=model)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _(
                "第 %(n)d 版已启用。已有风险点的等级不变；"
                "如需按新版本重新评定，请在“重新评定”中预览后执行。"
            )
            % {"n": model.version_no},
        )
    return redirect("risks:grading_list")


@permission_required(perms.RISKS_CONFIGURE)
def regrade(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    points = selectors.risk_points_visible(user, perms.RISKS_CONFIGURE)
    if request.method == "POST":
        try:
            count = services_grading.regrade_apply(
                actor=user, point_ids=points.values_list("pk", flat=True)
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("已按现行版本重新评定 %(n)d 个风险点。") % {"n": count})
        return redirect("risks:regrade")
    try:
        preview = services_grading.regrade_preview(points)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        preview = []
    title = _("按现行定级模型重新评定")
    return render(
        request,
        "risks/regrade.html",
        {
            "title": title,
            "breadcrumbs": _crumbs((title, None)),
            "preview": preview[:1000],
            "total": len(preview),
            "changes": sum(1 for p in preview if p.changes_level),
            "blocked": sum(1 for p in preview if p.problems),
        },
    )
