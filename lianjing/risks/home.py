"""The workbench panel of the risk register: the signed-in person's own 廉政风险提示单 (the risk
points of the posts they hold, what to do), with its downloads; shown when they have any."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from lianjing.org.access import own_person
from lianjing.risks.documents.data import prompt_sheet


def my_prompt_sheet(request: HttpRequest) -> dict[str, Any] | None:
    if not getattr(request.user, "is_authenticated", False):
        return None
    person = own_person(request.user)
    if person is None:
        return None
    sheet = prompt_sheet(person, timezone.localdate())
    if not sheet.points:
        return None
    return {
        "sheet": sheet,
        "docx_url": reverse("risks:prompt_sheet_docx", args=[person.pk]),
        "pdf_url": reverse("risks:prompt_sheet_pdf", args=[person.pk]),
    }


def my_post_suggestions(request: HttpRequest) -> dict[str, Any] | None:
    """Links to the "3+X" suggestions of the posts the signed-in person holds."""
    from lianjing.accounts import permissions as perms
    from lianjing.accounts.selectors import user_has_perm
    from lianjing.org.models import Assignment

    if not getattr(request.user, "is_authenticated", False):
        return None
    if not user_has_perm(request.user, perms.RISKS_IDENTIFY):
        return None
    person = own_person(request.user)
    if person is None:
        return None
    posts = [
        a.post
        for a in Assignment.objects.filter(person=person, end_date__isnull=True)
        .select_related("post")
        .order_by("-is_primary", "start_date")
    ]
    if not posts:
        return None
    return {"links": [(p.name, reverse("risks:suggestions", args=[p.pk])) for p in posts]}
