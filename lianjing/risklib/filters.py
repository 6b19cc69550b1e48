"""Filters of the library lists and of the trial's post list (django-filter). Invalid input shows
its error and an empty list, never a server error; model choices refuse numbers the database
cannot hold (core.forms.ModelChoiceField)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lianjing.core.forms import ModelChoiceField
from lianjing.org.models import KeyPostKind, Post
from lianjing.powers.models import PowerCategory
from lianjing.risklib.choices import Regulation, RiskType, SignGroup, SuggestedLevel
from lianjing.risklib.models import IndicatorSign, RegulationProvision, RiskTemplate
from lianjing.risklib.selectors import search_q

ALL = _("全部")
ACTIVE_CHOICES = [("yes", _("启用")), ("no", _("停用"))]


class SafeModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ModelChoiceField


def _text_filter(label: Any) -> django_filters.CharFilter:
    return django_filters.CharFilter(label=label, method="search", max_length=100)


def _kind_filter(field_name: str) -> SafeModelChoiceFilter:
    return SafeModelChoiceFilter(
        label=_("重点岗位类别"),
        field_name=field_name,
        queryset=KeyPostKind.objects.order_by("id"),
        empty_label=ALL,
    )


class LibraryFilter(django_filters.FilterSet):
    search_fields: tuple[str, ...] = ()

    active = django_filters.ChoiceFilter(
        label=_("状态"), choices=ACTIVE_CHOICES, empty_label=ALL, method="filter_active"
    )

    def search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(search_q(value, *self.search_fields)) if value.strip() else queryset

    def filter_active(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(is_active=value == "yes")


class SignFilter(LibraryFilter):
    search_fields = ("code", "title", "description")

    q = _text_filter(_("迹象、表现或编码"))
    group = django_filters.ChoiceFilter(label=_("类别"), choices=SignGroup.choices, empty_label=ALL)
    kind = _kind_filter("applies_to")

    class Meta:
        model = IndicatorSign
        fields: list[str] = []


class TemplateFilter(LibraryFilter):
    search_fields = ("code", "title", "description", "manifestations", "causes", "keywords")

    q = _text_filter(_("名称、描述、关键词或编码"))
    kind = _kind_filter("key_post_kind")
    category = SafeModelChoiceFilter(
        label=_("职权类别"),
        field_name="power_category",
        queryset=PowerCategory.objects.all(),
        empty_label=ALL,
    )
    risk_type = django_filters.ChoiceFilter(
        label=_("风险类型"), choices=RiskType.choices, empty_label=ALL
    )
    level = django_filters.ChoiceFilter(
        label=_("建议等级"),
        field_name="suggested_level",
        choices=SuggestedLevel.choices,
        empty_label=ALL,
    )

    class Meta:
        model = RiskTemplate
        fields: list[str] = []


class ProvisionFilter(LibraryFilter):
    search_fields = ("code", "article", "title", "text", "keywords")

    q = _text_filter(_("条款、要点、条文或主题词"))
    regulation = django_filters.ChoiceFilter(
        label=_("法规"), choices=Regulation.choices, empty_label=ALL
    )

    class Meta:
        model = RegulationProvision
        fields: list[str] = []


class TrialPostFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("岗位、编码或单位"), method="search", max_length=100)
    kind = _kind_filter("key_kinds")

    class Meta:
        model = Post
        fields: list[str] = []

    def search(self, queryset: QuerySet[Post], name: str, value: str) -> QuerySet[Post]:
        if not value.strip():
            return queryset
        return queryset.filter(search_q(value, "name", "code", "unit__name", "department__name"))
