from __future__ import annotations

from collections.abc import Callable

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

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


class LanguageMiddleware:
    """Chinese unless the user chose otherwise. Django's LocaleMiddleware would follow the
    browser's Accept-Language, so an office PC with an English browser would get an English UI;
    here only the language cookie set by the language switch (set_language) changes it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
