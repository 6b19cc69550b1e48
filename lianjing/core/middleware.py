from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from lianjing.core.request_context import current_ip


def client_ip(request: HttpRequest) -> str:
    # django-axes resolves the client address (proxy-aware, see AXES_IPWARE_*) on every request.
    ip = getattr(request, "axes_ip_address", None)
    return str(ip or request.META.get("REMOTE_ADDR", ""))


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_ip.set(request.META.get("REMOTE_ADDR", ""))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)
