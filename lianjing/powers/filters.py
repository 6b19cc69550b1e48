"""Filters of the catalogue list. Invalid input shows its error and an empty list, never a 500."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lianjing.accounts import permissions as perms
from lianjing.core.forms import ModelChoiceField
from lianjing.org import access
from lianjing.org.models import Unit
from lianjing.powers.models import Power, PowerCategory
from lianjing.powers.selectors import search_q

UNIT_CHOICES_LIMIT = 400  # above this many units in scope, the unit filter takes a unit code


class UnitFilterField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.code}）"


class UnitChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = UnitFilterField


class PowerFilter(django_filters.FilterSet):
    user: Any = None

    q = django_filters.CharFilter(label=_("名称、编码或内容"), method="search", max_length=100)
    unit = UnitChoiceFilter(
        label=_("实施主体"), queryset=Unit.objects.none(), empty_label=_("全部")
    )
    category = django_filters.ModelChoiceFilter(
        label=_("职权类别"), queryset=PowerCategory.objects.all(), empty_label=_("全部")
    )
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=Power.Status.choices, empty_label=_("全部")
    )

    class Meta:
        model = Power
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = access.visible(self.user, Unit, perms.POWERS_VIEW).order_by(
            "code"
        )

    def search(self, queryset: QuerySet[Power], name: str, value: str) -> QuerySet[Power]:
        return queryset.filter(search_q(value)) if value.strip() else queryset


def power_filter_for(user: Any) -> type[PowerFilter]:
    return type("ScopedPowerFilter", (PowerFilter,), {"user": user})
