"""The "3+X" trial (试算): pick a post you may see, and see the risk templates the matcher
suggests for it with the provisions that ground them. Reading only: accepting a suggestion as a
risk point is the risk register's business (it calls matching.suggestions_for_post)."""

from __future__ import annotations

import time

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lianjing.accounts.decorators import permission_required, request_user
from lianjing.core.listing import Column, ListPage
from lianjing.org.models import Post
from lianjing.risklib import matching, selectors
from lianjing.risklib.choices import RiskType, SuggestedLevel
from lianjing.risklib.filters import TrialPostFilter
from lianjing.risklib.views import READ_PERM, tabs

SUGGESTION_LIMIT = 30


def _trial_url(post: Post) -> str:
    return reverse("risklib:trial_post", args=[post.pk])


def _kinds(post: Post) -> str:
    return "、".join(k.name for k in post.key_kinds.all())


@permission_required(READ_PERM)
def trial(request: HttpRequest) -> HttpResponse:
    page = ListPage(
        request,
        selectors.trial_posts(request_user(request)),
        title=_("“3+X”试算"),
        filterset_class=TrialPostFilter,
        template="risklib/trial.html",
        empty_message=_("没有您可以查看的岗位"),
        columns=[
            Column(_("岗位编码"), "code", link=_trial_url, nowrap=True),
            Column(_("岗位名称"), "name", link=_trial_url),
            Column(_("所属单位"), "unit.name"),
            Column(_("内设机构"), "department.name"),
            Column(_("重点岗位类别"), _kinds),
        ],
        extra={"breadcrumbs": [(_("风险库"), None), (_("“3+X”试算"), None)], "tabs": tabs("trial")},
    )
    return page.response()


@permission_required(READ_PERM)
@require_safe
def trial_post(request: HttpRequest, pk: int) -> HttpResponse:
    post = selectors.trial_post_get(request_user(request), pk)
    facts = matching.post_facts(post)
    started = time.perf_counter()
    suggestions = matching.suggest(facts, limit=SUGGESTION_LIMIT)
    elapsed_ms = (time.perf_counter() - started) * 1000
    types, levels = dict(RiskType.choices), dict(SuggestedLevel.choices)
    return render(
        request,
        "risklib/trial_post.html",
        {
            "title": _("“3+X”试算：%(post)s") % {"post": post.name},
            "breadcrumbs": [
                (_("“3+X”试算"), reverse("risklib:trial")),
                (post.name, None),
            ],
            "tabs": tabs("trial"),
            "post": post,
            "facts": facts,
            "rows": [
                (s, types.get(s.risk_type, ""), levels.get(s.suggested_level, ""))
                for s in suggestions
            ],
            "elapsed_ms": elapsed_ms,
        },
    )
