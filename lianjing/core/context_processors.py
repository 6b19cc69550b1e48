from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from lianjing.core.navigation import sidebar_for


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"session_idle_seconds": settings.SESSION_COOKIE_AGE}
    from lianjing.inbox.selectors import unread_count

    return {
        "sidebar": sidebar_for(user, request.path),
        "inbox_unread": unread_count(user),
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
    }
