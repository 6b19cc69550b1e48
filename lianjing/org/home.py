"""The workbench panel of the organisation module: the user's own person record and posts."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lianjing.org.access import own_person
from lianjing.org.models import Assignment


def my_posts(request: HttpRequest) -> dict[str, Any] | None:
    person = own_person(request.user)
    if person is None:
        return None
    assignments = (
        Assignment.objects.filter(person=person, end_date__isnull=True)
        .select_related("post__unit", "post__department", "post__rank")
        .prefetch_related("post__key_kinds")
        .order_by("-is_primary", "start_date")
    )
    return {"person": person, "assignments": list(assignments)}
