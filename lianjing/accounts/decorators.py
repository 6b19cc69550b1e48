from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from lianjing.accounts.models import User
from lianjing.accounts.selectors import user_has_perm

View = Callable[..., HttpResponse]


def permission_required(code: str) -> Callable[[View], View]:
    """Signed-in users holding `code` through one of their roles; others get the 403 page."""

    def decorator(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not user_has_perm(request.user, code):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def request_user(request: HttpRequest) -> User:
    """The signed-in account of a request that passed login_required."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
