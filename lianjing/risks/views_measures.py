"""Pages of one control measure of a risk point: edit, delete (with confirmation), its evidence
(upload, download, delete). The point is fetched through the reader's scope (risks.view to
download, risks.manage for the rest); the measure and the file only through the point, so
anything outside the scope answers 404. Files are never served from a public URL."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import permission_required, request_user
from lianjing.core.forms import add_service_errors
from lianjing.org import access
from lianjing.risks import selectors, services_measures
from lianjing.risks.forms_measures import EvidenceForm, MeasureEditForm
from lianjing.risks.models import ControlMeasure, MeasureEvidence, RiskPoint
from lianjing.risks.views import point_url, register_url


def _measure(user: Any, pk: Any, measure_pk: Any, perm: str) -> ControlMeasure:
    point = selectors.risk_point_get(user, pk, perm)
    measure = access.get_scoped_or_404(point.measures.select_related("owner"), measure_pk)
    measure.risk_point = point
    return measure


def _evidence(user: Any, pk: Any, measure_pk: Any, evidence_pk: Any, perm: str) -> MeasureEvidence:
    measure = _measure(user, pk, measure_pk, perm)
    evidence = access.get_scoped_or_404(measure.evidence.all(), evidence_pk)
    evidence.measure = measure
    return evidence


def _back(point: RiskPoint) -> str:
    return point_url(point) + "#measures"


def _retired(request: HttpRequest, point: RiskPoint) -> HttpResponse | None:
    """A retired point is closed: its measures' pages send back to it."""
    if point.status != RiskPoint.Status.RETIRED:
        return None
    messages.error(request, _("已撤销的风险点不能再修改防控措施。"))
    return redirect(_back(point))


def _page(
    request: HttpRequest, template: str, point: RiskPoint, title: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        template,
        {
            "title": title,
            "breadcrumbs": [
                (_("风险台账"), reverse("risks:index")),
                (point.unit.name, register_url(point.unit_id, point.year)),
                (point.description[:20], point_url(point)),
                (title, None),
            ],
            "point": point,
            "cancel_url": _back(point),
            **extra,
        },
    )


@permission_required(perms.RISKS_MANAGE)
def measure_edit(request: HttpRequest, pk: int, measure_pk: int) -> HttpResponse:
    user = request_user(request)
    measure = _measure(user, pk, measure_pk, perms.RISKS_MANAGE)
    point = measure.risk_point
    if (closed := _retired(request, point)) is not None:
        return closed
    initial = {
        "kind": measure.kind,
        "content": measure.content,
        "owner": str(measure.owner_id or ""),
        "due_date": measure.due_date,
        "check_method": measure.check_method,
        "status": measure.status,
        "fingerprint": services_measures.measure_fingerprint(measure),
    }
    bound = request.method == "POST"
    form = MeasureEditForm(request.POST if bound else None, unit=point.unit, initial=initial)
    if bound and form.is_valid():
        try:
            services_measures.measure_update(
                actor=user,
                measure=measure,
                expected=form.cleaned_data["fingerprint"],
                **form.measure_fields(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存防控措施。"))
            return redirect(_back(point))
    return _page(
        request, "risks/measure_form.html", point, _("修改防控措施"), form=form, measure=measure
    )


@permission_required(perms.RISKS_MANAGE)
def measure_delete(request: HttpRequest, pk: int, measure_pk: int) -> HttpResponse:
    user = request_user(request)
    measure = _measure(user, pk, measure_pk, perms.RISKS_MANAGE)
    point = measure.risk_point
    if (closed := _retired(request, point)) is not None:
        return closed
    form = forms.Form(request.POST if request.method == "POST" else None)
    if form.is_bound:
        try:
            services_measures.measure_delete(actor=user, measure=measure)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("已删除防控措施。"))
        return redirect(_back(point))
    return _page(
        request,
        "risks/measure_delete.html",
        point,
        _("删除防控措施"),
        form=form,
        measure=measure,
        evidence=list(measure.evidence.all()),
        submit_label=_("确认删除"),
    )


@permission_required(perms.RISKS_MANAGE)
def evidence_upload(request: HttpRequest, pk: int, measure_pk: int) -> HttpResponse:
    user = request_user(request)
    measure = _measure(user, pk, measure_pk, perms.RISKS_MANAGE)
    point = measure.risk_point
    if (closed := _retired(request, point)) is not None:
        return closed
    bound = request.method == "POST"
    form = EvidenceForm(request.POST if bound else None, request.FILES if bound else None)
    if bound and form.is_valid():
        try:
            evidence = services_measures.evidence_add(
                actor=user,
                measure=measure,
                upload=form.cleaned_data["file"],
                mark_done=form.cleaned_data["mark_done"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已上传佐证材料“%(name)s”。") % {"name": evidence.name})
            return redirect(_back(point))
    return _page(
        request,
        "risks/measure_evidence.html",
        point,
        _("上传佐证材料"),
        form=form,
        measure=measure,
        evidence=list(measure.evidence.select_related("uploaded_by")),
        submit_label=_("上传"),
    )


@permission_required(perms.RISKS_VIEW)
@require_safe
def evidence_download(
    request: HttpRequest, pk: int, measure_pk: int, evidence_pk: int
) -> HttpResponse:
    evidence = _evidence(request_user(request), pk, measure_pk, evidence_pk, perms.RISKS_VIEW)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:  # the row outlived its file
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=evidence.name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    # streamed, not read into memory; the decorators are typed for HttpResponse only
    return cast(HttpResponse, response)


@permission_required(perms.RISKS_MANAGE)
def evidence_delete(
    request: HttpRequest, pk: int, measure_pk: int, evidence_pk: int
) -> HttpResponse:
    user = request_user(request)
    evidence = _evidence(user, pk, measure_pk, evidence_pk, perms.RISKS_MANAGE)
    point = evidence.measure.risk_point
    if (closed := _retired(request, point)) is not None:
        return closed
    form = forms.Form(request.POST if request.method == "POST" else None)
    if form.is_bound:
        try:
            services_measures.evidence_delete(actor=user, evidence=evidence)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("已删除佐证材料“%(name)s”。") % {"name": evidence.name})
        return redirect(_back(point))
    return _page(
        request,
        "risks/measure_evidence_delete.html",
        point,
        _("删除佐证材料"),
        form=form,
        evidence=evidence,
        measure=evidence.measure,
        submit_label=_("确认删除"),
    )
