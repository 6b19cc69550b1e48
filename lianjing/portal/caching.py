"""Portal pages are rendered once and served from the shared cache (Redis in production, files in
data/ by default) until what the public sees changes. The key holds the view, its normalised
parameters, the language and the catalogue generation (lianjing.powers.publication), which
publishing or revoking a power bumps on commit: the next hit renders afresh. A hit reads two cache
keys and never the database.

Pages are also kept for PAGE_SECONDS only, as a safety net for what does not bump the generation
(a unit or an office renamed, a unit closed)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from lianjing.powers.publication import generation

PAGE_SECONDS = 10 * 60
BROWSER_SECONDS = 60  # what browsers and proxies may keep without asking again

Rendered = tuple[int, bytes]  # status, body


def page_key(view: str, params: Sequence[Any]) -> str:
    raw = json.dumps(
        [view, list(params), translation.get_language(), generation()], ensure_ascii=False
    )
    return "portal:page:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_page(
    request: HttpRequest, view: str, params: Sequence[Any], render: Callable[[], Rendered]
) -> HttpResponse:
    """The page from the cache, or rendered by `render` and stored (a 404 too: probing for
    missing pages must not reach the database either)."""
    key = page_key(view, params)
    stored: Rendered | None = cache.get(key)
    if stored is None:
        stored = render()
        cache.set(key, stored, PAGE_SECONDS)
    status, body = stored
    response = HttpResponse(body, status=status)
    _cache_headers(request, response)
    return response


def _cache_headers(request: HttpRequest, response: HttpResponse) -> None:
    # A visitor who is also signed in to the platform gets their session cookie renewed on every
    # response; a shared proxy must not keep such a response.
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        patch_cache_control(response, private=True, max_age=BROWSER_SECONDS)
    else:
        patch_cache_control(response, public=True, max_age=BROWSER_SECONDS)
    patch_vary_headers(response, ["Cookie"])  # the language is chosen by a cookie


def cached_value(name: str, compute: Callable[[], Any]) -> Any:
    """A small value derived from the published catalogue, kept for the current generation."""
    key = f"portal:{name}:{generation()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, PAGE_SECONDS)
    return value
