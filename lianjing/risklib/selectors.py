"""Reads of the libraries. The libraries belong to no unit: everyone who may read them reads all
of them. Posts for the "3+X" trial come only through org/access.py (out of scope = 404)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from lianjing.accounts import permissions as perms
from lianjing.org import access
from lianjing.org.models import Post, Status
from lianjing.risklib.models import IndicatorSign, RegulationProvision, RiskTemplate

M = TypeVar("M", bound=Model)


def sign_list() -> QuerySet[IndicatorSign]:
    return IndicatorSign.objects.prefetch_related("applies_to").order_by("group", "order", "code")


def template_list() -> QuerySet[RiskTemplate]:
    return RiskTemplate.objects.select_related("key_post_kind", "power_category").order_by("code")


def provision_list() -> QuerySet[RegulationProvision]:
    return RegulationProvision.objects.order_by("order", "code")


def entry_get(queryset: QuerySet[M], pk: Any) -> M:
    """One entry by primary key; 404 for anything else (a pk the database cannot hold too)."""
    return access.get_scoped_or_404(queryset, pk)


def search_q(text: str, *fields: str) -> Q:
    q = Q()
    for name in fields:
        q |= Q(**{f"{name}__icontains": text.strip()})
    return q


def trial_posts(user: Any) -> QuerySet[Post]:
    """The active posts the user may see, for the "3+X" trial."""
    return (
        access.visible(user, Post, perms.ORG_VIEW)
        .filter(status=Status.ACTIVE)
        .select_related("unit", "department")
        .prefetch_related("key_kinds")
        .order_by("unit__code", "code")
    )


def trial_post_get(user: Any, pk: Any) -> Post:
    queryset = Post.objects.select_related("unit", "department", "rank")
    return access.get_visible_or_404(user, Post, pk, perms.ORG_VIEW, queryset=queryset)
