from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from lianjing.accounts.models import Role, User
from lianjing.core.forms import ModelChoiceField


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ModelChoiceField


class UserFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("用户名或姓名"), method="search")
    role = ModelChoiceFilter(
        label=_("角色"),
        queryset=Role.objects.order_by("id"),
        field_name="role_assignments__role",
        empty_label=_("全部"),
    )
    is_active = django_filters.BooleanFilter(
        label=_("状态"), widget=django_filters.widgets.BooleanWidget()
    )

    class Meta:
        model = User
        fields: list[str] = []

    def search(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset.filter(Q(username__icontains=value) | Q(full_name__icontains=value))
