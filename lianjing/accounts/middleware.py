from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from lianjing.accounts.selectors import is_otp_verified, user_requires_two_factor

OPEN_PREFIXES = ("/static/", "/i18n/", "/healthz", "/public/")  # the public portal too


class TwoFactorRequiredMiddleware:
    """A user holding a role that requires two-factor authentication reaches nothing but the
    verification, enrolment and logout pages until they have entered a one-time code."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not is_otp_verified(user)
            and not request.path.startswith(OPEN_PREFIXES)
            and request.path not in self._open_paths()
            and user_requires_two_factor(user)
        ):
            target = reverse("accounts:otp_verify")
            url = f"{target}?{urlencode({'next': request.get_full_path()})}"
            if getattr(request, "htmx", False):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = url
                return response
            return HttpResponseRedirect(url)
        return self.get_response(request)

    @staticmethod
    def _open_paths() -> set[str]:
        return {
            reverse("accounts:otp_verify"),
            reverse("accounts:two_factor"),
            reverse("accounts:logout"),
            reverse("accounts:login"),
        }
