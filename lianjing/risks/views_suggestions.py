"""A post's "3+X" suggestions (the regulations held against the post's duties): the holder or
their leaders accept (editing and grading it), or reject, each suggestion."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import permission_required, request_user
from lianjing.core.forms import add_service_errors
from lianjing.org import access
from lianjing.org.models import Post
from lianjing.risklib.matching import suggestions_for_post
from lianjing.risklib.models import RiskTemplate
from lianjing.risks import selectors, services, services_suggestions
from lianjing.risks.forms import RiskPointForm
from lianjing.risks.models import SuggestionDecision
from lianjing.risks.views import _override, _year, point_url

POST_FIELDS = ("target_kind", "post", "department", "sector", "year")


class PostRiskForm(RiskPointForm):
    """The risk point form for one given post and year (the suggestion's)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in POST_FIELDS:
            del self.fields[name]

    def point_part(self) -> list[Any]:
        return [self[n] for n in ("where", "risk_type", "description")] + [
            self[n] for n in ("manifestations", "causes", "found_by")
        ]

    def point_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        _label, power, step = self.places.get(data.get("where") or "", ("", None, None))
        return {
            "power": power,
            "flow_step": step,
            "risk_type": data["risk_type"],
            "description": data["description"],
            "manifestations": data.get("manifestations", ""),
            "causes": data.get("causes", ""),
            "found_by": list(data["found_by"]),
        }


def _post(request: HttpRequest, pk: Any) -> Post:
    queryset = Post.objects.select_related("unit", "department")
    user = request_user(request)
    post = access.get_visible_or_404(user, Post, pk, perms.RISKS_IDENTIFY, queryset=queryset)
    return post


def _page_url(post: Post, year: int) -> str:
    return reverse("risks:suggestions", args=[post.pk]) + f"?year={year}"


@permission_required(perms.RISKS_IDENTIFY)
def suggestions(request: HttpRequest, post_pk: int) -> HttpResponse:
    post = _post(request, post_pk)
    year = _year(request.GET.get("year"))
    decided = {
        d.template_id: d
        for d in SuggestionDecision.objects.filter(post=post, year=year).select_related(
            "risk_point"
        )
    }
    found = suggestions_for_post(post)
    existing = (
        selectors.risk_points_visible(request_user(request), perms.RISKS_IDENTIFY)
        .filter(post=post, year=year)
        .exclude(status="retired")
    )
    title = _("“3+X”查找岗位风险")
    return render(
        request,
        "risks/suggestions.html",
        {
            "title": title,
            "breadcrumbs": [(_("风险台账"), reverse("risks:index")), (post.name, None)],
            "post": post,
            "year": year,
            "open": [s for s in found if s.template_id not in decided],
            "decided": [(s, decided[s.template_id]) for s in found if s.template_id in decided],
            "existing": existing,
        },
    )


def _template(pk: Any) -> RiskTemplate:
    return access.get_scoped_or_404(RiskTemplate.objects.filter(is_active=True), pk)


@permission_required(perms.RISKS_IDENTIFY)
def accept(request: HttpRequest, post_pk: int, template_pk: int) -> HttpResponse:
    post = _post(request, post_pk)
    template = _template(template_pk)
    year = _year(request.GET.get("year"))
    form = PostRiskForm(
        request.POST if request.method == "POST" else None,
        unit=post.unit,
        model=services.active_model(),
        initial={
            "risk_type": template.risk_type,
            "description": template.description,
            "manifestations": template.manifestations,
            "causes": template.causes,
            "found_by": ["self"],
        },
    )
    if form.is_bound and form.is_valid():
        try:
            point = services_suggestions.suggestion_accept(
                actor=request_user(request),
                post=post,
                template=template,
                year=year,
                inputs=form.inputs(),
                override=_override(form),
                **form.point_fields(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已采纳，登记为本岗位的风险点。"))
            return redirect(point_url(point))
    title = _("采纳建议：%(title)s") % {"title": template.title}
    return render(
        request,
        "risks/point_form.html",
        {
            "form": form,
            "model": form.model,
            "title": title,
            "breadcrumbs": [
                (_("风险台账"), reverse("risks:index")),
                (post.name, _page_url(post, year)),
                (title, None),
            ],
            "cancel_url": _page_url(post, year),
        },
    )


@permission_required(perms.RISKS_IDENTIFY)
@require_POST
def reject(request: HttpRequest, post_pk: int, template_pk: int) -> HttpResponse:
    post = _post(request, post_pk)
    template = _template(template_pk)
    year = _year(request.GET.get("year"))
    try:
        services_suggestions.suggestion_reject(
            actor=request_user(request),
            post=post,
            template=template,
            year=year,
            reason=str(request.POST.get("reason", "")),
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("已记录：不采纳。"))
    return redirect(_page_url(post, year))
