"""Filters of the unit list. Invalid input shows its error and an empty list, never a 500."""

from __future__ import annotations

from typing import Any, cast

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from lianjing.org import selectors
from lianjing.org.forms_structure import TreeChoiceField
from lianjing.org.models import Status, Unit
from lianjing.org.trees import subtree_sql


class UnitTreeChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = TreeChoiceField


class UnitFilter(django_filters.FilterSet):
    """Build one per request with `unit_filter_for(user)`: the "within" choices are the
    user's own units."""

    user: Any = None

    q = django_filters.CharFilter(label=_("名称或编码"), method="search", max_length=100)
    kind = django_filters.ChoiceFilter(
        label=_("单位性质"), choices=Unit.Kind.choices, empty_label=_("全部")
    )
    level = django_filters.ChoiceFilter(
        label=_("层级"), choices=Unit.Level.choices, empty_label=_("全部")
    )
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=Status.choices, empty_label=_("全部")
    )
    within = UnitTreeChoiceFilter(
        label=_("所属范围（含全部下级）"),
        queryset=Unit.objects.none(),
        method="filter_within",
        empty_label=_("全部"),
    )

    class Meta:
        model = Unit
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        accepted, offered = selectors.unit_within_choices(user=self.user)
        self.filters["within"].queryset = accepted
        cast(TreeChoiceField, self.form.fields["within"]).offered = offered

    def search(self, queryset: QuerySet[Unit], name: str, value: str) -> QuerySet[Unit]:
        value = value.strip()
        return queryset.filter(
            Q(name__icontains=value) | Q(short_name__icontains=value) | Q(code__icontains=value)
        )

    def filter_within(self, queryset: QuerySet[Unit], name: str, value: Unit) -> QuerySet[Unit]:
        return queryset.filter(pk__in=subtree_sql(Unit, value.pk))


def unit_filter_for(user: Any) -> type[UnitFilter]:
    return type("UnitFilter", (UnitFilter,), {"user": user})
