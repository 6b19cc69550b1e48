"""Excel import and export of the power catalogue (职权目录导入导出): the upload page (the import
runs in the request: catalogues are small), the template, and the export of what the user may
see, one unit's or all."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import permission_required, request_user
from lianjing.accounts.selectors import user_has_perm
from lianjing.core.audit import audit
from lianjing.core.listing import xlsx_response
from lianjing.org import access
from lianjing.org.exchange.forms import ImportUploadForm
from lianjing.org.models import Unit
from lianjing.powers.exchange.export import export_workbook
from lianjing.powers.exchange.forms import ExportForm
from lianjing.powers.exchange.importer import (
    CREATE,
    REPLACE,
    REVISE,
    UNCHANGED,
    import_catalogue,
)
from lianjing.powers.exchange.sheets import SHEETS
from lianjing.powers.exchange.template import template_workbook

ERRORS_SHOWN = 500
TRUE = {"1", "on", "true", "yes"}


def _stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d-%H%M%S")


@permission_required(perms.POWERS_IMPORT)
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    title = _("职权目录导入")
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = import_catalogue(upload.read(), user=user, file_name=str(upload.name))
        return render(
            request,
            "powers/exchange_result.html",
            {
                "title": _("职权目录导入结果"),
                "breadcrumbs": [(title, request.path), (_("导入结果"), None)],
                "outcome": outcome,
                "file_name": upload.name,
                "created": outcome.count(CREATE),
                "replaced": outcome.count(REPLACE),
                "revised": outcome.count(REVISE),
                "unchanged": outcome.count(UNCHANGED),
                "errors": outcome.problems[:ERRORS_SHOWN],
                "errors_cut": len(outcome.problems) > ERRORS_SHOWN,
            },
        )
    can_export = user_has_perm(user, perms.POWERS_VIEW)
    return render(
        request,
        "powers/exchange_import.html",
        {
            "title": title,
            "breadcrumbs": [(title, None)],
            "form": form,
            "sheets": SHEETS,
            "export_form": ExportForm(user=user) if can_export else None,
        },
    )


@permission_required(perms.POWERS_IMPORT)
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(template_workbook(), "职权目录导入模板.xlsx")


@permission_required(perms.POWERS_VIEW)
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """?unit=<pk> one unit's catalogue (404 outside the user's scope), else everything in scope;
    ?drafts=1 the newest version of each power, drafts included."""
    user = request_user(request)
    unit = None
    if request.GET.get("unit"):
        unit = access.get_visible_or_404(user, Unit, request.GET["unit"], perms.POWERS_VIEW)
    drafts = request.GET.get("drafts", "").lower() in TRUE
    data, counts = export_workbook(user, unit, drafts=drafts)
    audit(
        "powers.export.downloaded",
        actor=user,
        obj=unit,
        object_type="org.unit" if unit else "powers.export",
        after={"unit": unit.code if unit else None, "drafts": drafts, "counts": counts},
    )
    name = f"职权目录-{unit.code}" if unit else "职权目录"
    return xlsx_response(data, f"{name}-{_stamp()}.xlsx")
