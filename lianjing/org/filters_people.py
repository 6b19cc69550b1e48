"""Filters of the post and people lists. The unit and department pickers offer a bounded set of
options from access.visible (selectors_people) that always holds the current choice when it is in
scope: a unit or department out of scope is refused like one that does not exist. htmx swaps
them in place when the filter changes."""

from __future__ import annotations

from typing import Any, cast

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from lianjing.org.forms_people import PickerField, parse_pk
from lianjing.org.models import Department, Person, Post, Status, Unit
from lianjing.org.selectors_people import (
    department_options,
    in_department_subtree,
    reference_options,
    unit_options,
)
from lianjing.org.trees import in_unit_subtree

ALL = _("全部")


def _oob_select() -> forms.Select:
    # swapped in place (hx-swap-oob) when htmx refreshes the results, so that the options follow
    # the chosen unit
    return forms.Select(attrs={"hx-swap-oob": "true"})


class PickerFilter(django_filters.Filter):
    field_class = PickerField


class OrgFilter(django_filters.FilterSet):
    """Search, unit (optionally with its sub-units) and department, common to posts and people."""

    q = django_filters.CharFilter(label=_("名称或编码"), method="search", max_length=100)
    unit = PickerFilter(label=_("单位"), method="filter_unit", widget=_oob_select())
    subtree = django_filters.BooleanFilter(
        label=_("包含下级单位"), method="keep", widget=forms.CheckboxInput
    )
    department = PickerFilter(
        label=_("内设机构（含下级）"), method="filter_department", widget=_oob_select()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        data = self.data or {}
        unit_pk, department_pk = parse_pk(data.get("unit")), parse_pk(data.get("department"))
        unit_field = cast(PickerField, self.form.fields["unit"])
        unit_field.set_options(unit_options(user, unit_pk), ALL)
        unit = unit_field.known.get(unit_pk or 0)
        department_field = cast(PickerField, self.form.fields["department"])
        department_field.set_options(department_options(user, unit, department_pk), ALL)
        if "rank" in self.form.fields:  # the subclasses' rank and key-post kind filters
            ranks, kinds = reference_options()
            cast(PickerField, self.form.fields["rank"]).set_options(ranks, ALL)
            cast(PickerField, self.form.fields["key_kind"]).set_options(kinds, ALL)

    def search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))

    def keep(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset  # read by filter_unit

    def filter_unit(self, queryset: QuerySet[Any], name: str, value: Unit) -> QuerySet[Any]:
        if self.form.cleaned_data.get("subtree"):
            return queryset.filter(in_unit_subtree(value.pk))
        return queryset.filter(unit_id=value.pk)

    def filter_department(
        self, queryset: QuerySet[Any], name: str, value: Department
    ) -> QuerySet[Any]:
        return queryset.filter(in_department_subtree(value.pk))


class PostFilter(OrgFilter):
    q = django_filters.CharFilter(label=_("岗位名称或编码"), method="search", max_length=100)
    rank = PickerFilter(label=_("职级"), field_name="rank")
    key_kind = PickerFilter(label=_("重点岗位类别"), field_name="key_kinds")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Status.choices, empty_label=ALL)

    class Meta:
        model = Post
        fields: list[str] = []


class PersonFilter(OrgFilter):
    q = django_filters.CharFilter(label=_("姓名或人员编号"), method="search", max_length=100)
    rank = PickerFilter(label=_("主要岗位职级"), field_name="post__rank")
    key_kind = PickerFilter(label=_("主要岗位重点类别"), field_name="post__key_kinds")
    political_status = django_filters.ChoiceFilter(
        label=_("政治面貌"), choices=Person.PoliticalStatus.choices, empty_label=ALL
    )

    class Meta:
        model = Person
        fields: list[str] = []
