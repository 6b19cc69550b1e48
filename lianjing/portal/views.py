"""The public portal (公开门户): no login, its own layout, every page served from the cache. A
view only normalises its query string (so garbage and the same search spelt differently share
one cached page) and says how to render on a miss; it never touches the session or the CSRF
token, so anonymous visitors get no cookie."""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urlencode

import graphviz
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.http import require_safe

from lianjing.core.forms import PK_MAX
from lianjing.portal import selectors
from lianjing.portal.caching import Rendered, cached_page, cached_value
from lianjing.powers import chart
from lianjing.powers.flow import EdgeLink, StepNode

MAX_QUERY = 50  # characters of a search
MAX_TERMS = 5
MAX_PAGE = 1000
CATEGORY_RE = re.compile(r"[-\w]{1,30}")

logger = logging.getLogger(__name__)


def _render(template: str, context: dict[str, Any], status: int = 200) -> Rendered:
    # Rendered without the request: nothing user-specific (and no context processor's queries)
    # can get into a page that every visitor is served.
    region = cached_value("region", selectors.portal_region_name)
    html = render_to_string(
        template,
        {"region": region, "language": translation.get_language(), **context},
    )
    return status, html.encode()


def _not_found() -> Rendered:
    return _render("portal/404.html", {}, status=404)


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    def render() -> Rendered:
        return _render("portal/index.html", {"index": selectors.portal_index()})

    return cached_page(request, "index", [], render)


def _search(request: HttpRequest) -> tuple[str, str, int]:
    """The query string reduced to what the catalogue understands; anything else is dropped."""
    text = "".join(ch if ch.isprintable() else " " for ch in request.GET.get("q", "")[:MAX_QUERY])
    q = " ".join(text.split()[:MAX_TERMS])
    category = request.GET.get("category", "")
    if not CATEGORY_RE.fullmatch(category):
        category = ""
    page_text = request.GET.get("page", "")
    page = int(page_text) if re.fullmatch(r"[0-9]{1,7}", page_text) else 1
    return q, category, min(max(page, 1), MAX_PAGE)


@require_safe
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    q, category, page = _search(request)

    def render() -> Rendered:
        found = (
            selectors.catalogue(pk, terms=q.split(), category=category, page=page)
            if pk <= PK_MAX
            else None
        )
        if found is None:
            return _not_found()
        return _render(
            "portal/unit.html",
            {
                "catalogue": found,
                "q": q,
                "category": found.category,
                "links": _page_links(found.page, q, found.category),
            },
        )

    return cached_page(request, "unit", [pk, q, category, page], render)


def _page_links(page: Any, q: str, category: str) -> dict[str, str]:
    def link(number: int) -> str:
        params = {k: v for k, v in (("q", q), ("category", category)) if v}
        if number > 1:
            params["page"] = str(number)
        return "?" + urlencode(params) if params else "?"

    links = {}
    if page.has_previous():
        links["first"] = link(1)
        links["previous"] = link(page.previous_page_number())
    if page.has_next():
        links["next"] = link(page.next_page_number())
        links["last"] = link(page.paginator.num_pages)
    return links


@require_safe
def power(request: HttpRequest, pk: int) -> HttpResponse:
    def render() -> Rendered:
        found = selectors.power_page(pk) if pk <= PK_MAX else None
        superseded = False
        if found is None and pk <= PK_MAX:
            current = selectors.superseding_version(pk)
            found = selectors.power_page(current) if current is not None else None
            superseded = found is not None
        if found is None:
            return _not_found()
        context = {"page": found, "chart_svg": _chart(found), "superseded": superseded}
        return _render("portal/power.html", context)

    return cached_page(request, "power", [pk], render)


def _chart(found: selectors.PowerPage) -> str:
    """The flow chart as inline SVG; if Graphviz fails the page still shows the steps table."""
    try:
        return chart.render_svg(
            [StepNode(s.key, s.name, s.kind) for s in found.steps],
            [EdgeLink(*edge) for edge in found.edges],
            limits=found.limits,
        )
    except (graphviz.ExecutableNotFound, graphviz.CalledProcessError):
        logger.exception("flow chart of power %s could not be drawn", found.power.pk)
        return ""
