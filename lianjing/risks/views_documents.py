"""Downloads of the risk documents: a unit's 廉政风险防范手册 (.docx) for those whose RISKS_VIEW
scope reaches the unit, and a person's 廉政风险提示单 (.docx, PDF) for the person themselves and
for those whose RISKS_VIEW scope reaches the person. Out of scope reads as missing (404)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import permission_required, request_user
from lianjing.accounts.selectors import user_has_perm
from lianjing.org import access
from lianjing.org.models import Person, Unit
from lianjing.risks.documents import data, pdf, word

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
YEAR_MIN, YEAR_MAX = 2000, 2100


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    response["Cache-Control"] = "private, no-store"
    return response


@permission_required(perms.RISKS_VIEW)
@require_safe
def manual(request: HttpRequest, unit_pk: int, year: int) -> HttpResponse:
    unit = access.get_visible_or_404(request_user(request), Unit, unit_pk, perms.RISKS_VIEW)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise Http404
    content = word.manual_docx(unit, year, timezone.localdate())
    return _download(content, DOCX, f"{unit.name}{year}年度廉政风险防范手册.docx")


def person_for_sheet(user: Any, pk: Any) -> Person:
    """The person whose prompt sheet `user` may read: their own, or one their RISKS_VIEW scope
    reaches (403 for someone else without the permission; 404 out of scope or missing)."""
    own = access.own_person(user)
    if own is not None and str(own.pk) == str(pk):
        return own
    if not user_has_perm(user, perms.RISKS_VIEW):
        raise PermissionDenied
    return access.get_visible_or_404(user, Person, pk, perms.RISKS_VIEW)


def _sheet(request: HttpRequest, pk: int) -> data.PromptSheet:
    person = person_for_sheet(request_user(request), pk)
    return data.prompt_sheet(person, timezone.localdate())


@login_required
@require_safe
def prompt_sheet_docx(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(request, pk)
    content = word.prompt_sheet_docx(sheet)
    return _download(content, DOCX, f"廉政风险提示单-{sheet.person.name}.docx")


@login_required
@require_safe
def prompt_sheet_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _sheet(request, pk)
    content = pdf.prompt_sheet_pdf(sheet)
    return _download(content, "application/pdf", f"廉政风险提示单-{sheet.person.name}.pdf")
