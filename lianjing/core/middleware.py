from __future__ import annotations

from collections.abc import Callable

from axes.helpers import get_client_ip_address
from django.http import HttpRequest, HttpResponse

from lianjing.core.request_context import current_ip


def client_ip(request: HttpRequest) -> str:
    """The client's address as django-axes resolves it (the same one the lockout counts)."""
    return str(get_client_ip_address(request) or "")


class RequestContextMiddleware:
    """Makes the client address available to the audit helper for the length of the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)
