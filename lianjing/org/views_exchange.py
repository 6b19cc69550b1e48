"""Excel import and export of the organisation (组织机构导入导出): the upload page, the job's
status page that htmx polls until the worker is done, the templates, the error report, and the
export of what the user may see."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import permission_required, request_user
from lianjing.accounts.models import Role
from lianjing.accounts.selectors import user_has_perm, user_roles
from lianjing.core.audit import audit
from lianjing.core.forms import PK_MAX
from lianjing.core.listing import xlsx_response
from lianjing.org import access
from lianjing.org.exchange.export import export_workbook
from lianjing.org.exchange.forms import ImportUploadForm
from lianjing.org.exchange.importer import import_job_submit
from lianjing.org.exchange.sheets import SHEETS, sheet_named
from lianjing.org.exchange.writer import errors_workbook, template_workbook
from lianjing.org.models import ImportJob, Unit

ERRORS_SHOWN = 500
RECENT_JOBS = 10


def _stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d-%H%M%S")


def _crumbs(*extra: tuple[str, Any]) -> list[tuple[str, Any]]:
    return [(_("组织机构导入"), reverse("org:import")), *extra]


def _is_system_admin(user: Any) -> bool:
    return bool(user.is_superuser) or (
        user_roles(user).filter(code=Role.Code.SYSTEM_ADMIN).exists()
    )


def _job_or_404(request: HttpRequest, pk: int) -> ImportJob:
    """The job of the signed-in user (any job for a system administrator); 404 otherwise."""
    user = request_user(request)
    if not 0 < pk <= PK_MAX:
        raise Http404
    job = ImportJob.objects.select_related("created_by").filter(pk=pk).first()
    if job is None or (job.created_by_id != user.pk and not _is_system_admin(user)):
        raise Http404
    return job


@permission_required(perms.ORG_IMPORT)
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = ImportUploadForm(request.POST, request.FILES) if request.method == "POST" else None
    if form is not None and form.is_valid():
        job = import_job_submit(actor=user, upload=form.cleaned_data["file"])
        return redirect("org:import_job", pk=job.pk)
    return render(
        request,
        "org/exchange_import.html",
        {
            "title": _("组织机构导入"),
            "breadcrumbs": [(_("组织机构导入"), None)],
            "form": form or ImportUploadForm(),
            "sheets": SHEETS,
            "jobs": ImportJob.objects.filter(created_by=user)[:RECENT_JOBS],
            "can_export": user_has_perm(user, perms.ORG_VIEW),
        },
    )


def _job_context(job: ImportJob) -> dict[str, Any]:
    counts = (job.result or {}).get("counts") or {}
    percent = 0
    if job.total_rows:
        percent = min(100, round(job.processed_rows * 100 / job.total_rows))
    return {
        "job": job,
        "done": job.status in (ImportJob.State.SUCCEEDED, ImportJob.State.FAILED),
        "percent": percent,
        "counts": [(sheet.title, counts.get(sheet.key)) for sheet in SHEETS],
        "errors": (job.errors or [])[:ERRORS_SHOWN],
        "error_total": (job.result or {}).get("problem_count") or len(job.errors or []),
        "errors_cut": len(job.errors or []) > ERRORS_SHOWN,
    }


@permission_required(perms.ORG_IMPORT)
@require_GET
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_404(request, pk)
    context = _job_context(job)
    if getattr(request, "htmx", False):
        return render(request, "org/exchange_job.html#status", context)
    title = _("导入任务 #%(id)s") % {"id": job.pk}
    return render(
        request,
        "org/exchange_job.html",
        {**context, "title": title, "breadcrumbs": _crumbs((title, None))},
    )


@permission_required(perms.ORG_IMPORT)
@require_GET
def import_errors(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_404(request, pk)
    if not job.errors:
        raise Http404
    return xlsx_response(errors_workbook(job.errors), f"导入错误报告-{job.pk}.xlsx")


@permission_required(perms.ORG_IMPORT)
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    name = request.GET.get("sheet")
    sheet = sheet_named(name)
    if name and sheet is None:
        raise Http404
    title = sheet.title if sheet else "组织机构"
    return xlsx_response(template_workbook(sheet), f"{title}导入模板.xlsx")


@permission_required(perms.ORG_VIEW)
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    unit = None
    if request.GET.get("unit"):
        unit = access.get_visible_or_404(user, Unit, request.GET["unit"])
    data, counts = export_workbook(user, unit)
    audit(
        "org.export.downloaded",
        actor=user,
        obj=unit,
        object_type="org.unit" if unit else "org.export",
        after={"unit": unit.code if unit else None, "counts": counts},
    )
    name = f"组织机构-{unit.code}" if unit else "组织机构"
    return xlsx_response(data, f"{name}-{_stamp()}.xlsx")
