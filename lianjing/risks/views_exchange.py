"""Excel import and export of risk points with their measures (风险点导入导出): the upload page
(the import runs in the request: reading, checking and a bulk write), the template (columns of
the grading model in force) and the export of one unit's register of a year."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import permission_required, request_user
from lianjing.core.audit import audit
from lianjing.core.listing import xlsx_response
from lianjing.org import access
from lianjing.org.exchange.forms import ImportUploadForm
from lianjing.org.models import Unit
from lianjing.risks.exchange.export import Export, template_workbook
from lianjing.risks.exchange.importer import import_register
from lianjing.risks.selectors import risk_points_visible

ERRORS_SHOWN = 500


@permission_required(perms.RISKS_MANAGE)
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    title = _("风险点导入")
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = import_register(upload.read(), user=user, file_name=str(upload.name))
        return render(
            request,
            "risks/exchange_result.html",
            {
                "title": _("风险点导入结果"),
                "breadcrumbs": [(title, request.path), (_("导入结果"), None)],
                "outcome": outcome,
                "file_name": upload.name,
                "errors": outcome.problems[:ERRORS_SHOWN],
                "errors_cut": len(outcome.problems) > ERRORS_SHOWN,
            },
        )
    return render(
        request,
        "risks/exchange_import.html",
        {
            "title": title,
            "breadcrumbs": [(title, None)],
            "form": form,
            "units": access.visible(user, Unit, perms.RISKS_VIEW).order_by("code")[:500],
            "year": timezone.localdate().year,
        },
    )


@permission_required(perms.RISKS_MANAGE)
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    try:
        data = template_workbook()
    except ValidationError as exc:  # no grading model in force
        raise Http404(exc.messages[0]) from exc
    return xlsx_response(data, "廉政风险点导入模板.xlsx")


@permission_required(perms.RISKS_VIEW)
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """?unit=<pk>&year=<y>: that unit's register of that year (404 outside the user's scope)."""
    user = request_user(request)
    unit = access.get_visible_or_404(user, Unit, request.GET.get("unit") or "", perms.RISKS_VIEW)
    year_text = request.GET.get("year", "")
    if not year_text.isdigit() or not 2000 <= int(year_text) <= 2100:
        raise Http404(_("请指定台账年度。"))
    year = int(year_text)
    points = risk_points_visible(user, perms.RISKS_VIEW).filter(unit=unit, year=year)
    try:
        exported = Export(points)
    except ValidationError as exc:
        raise Http404(exc.messages[0]) from exc
    data = exported.workbook()
    audit(
        "risks.export.downloaded",
        actor=user,
        obj=unit,
        after={"unit": unit.code, "year": year, "counts": exported.counts()},
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return xlsx_response(data, f"廉政风险点-{unit.code}-{year}-{stamp}.xlsx")
