"""Filters of the core app's lists (django-filter). Each filter validates its input and answers
in Chinese; an invalid filter shows the error and an empty list, never a server error."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianjing.core.audit import audit_action_suggestions
from lianjing.core.models import AuditEvent

# Outside these dates a local midnight cannot be turned into a UTC timestamp on every database.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2999, 12, 31)


class DatalistInput(forms.TextInput):
    """A text box with suggestions (<datalist>): free text, prefixes included."""

    template_name = "core/audit_datalist_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.suggestions: list[str] = []

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["suggestions"] = self.suggestions
        context["widget"]["list_id"] = f"{context['widget']['attrs'].get('id', name)}-options"
        return context


class AuditFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("结束日期不能早于开始日期。"))
        return cleaned


def _date_filter(label: Any, method: str) -> django_filters.DateFilter:
    return django_filters.DateFilter(
        label=label,
        method=method,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[MinValueValidator(EARLIEST_DATE), MaxValueValidator(LATEST_DATE)],
    )


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class AuditEventFilter(django_filters.FilterSet):
    actor = django_filters.CharFilter(
        label=_("操作人"), field_name="actor_name", lookup_expr="icontains", max_length=150
    )
    action = django_filters.CharFilter(
        label=_("操作"),
        method="filter_action",
        max_length=100,
        widget=DatalistInput(attrs={"placeholder": _("如 accounts.login")}),
    )
    object = django_filters.CharFilter(
        label=_("对象"),
        method="filter_object",
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("类型、ID 或名称")}),
    )
    date_from = _date_filter(_("开始日期"), "filter_date_from")
    date_to = _date_filter(_("结束日期"), "filter_date_to")

    class Meta:
        model = AuditEvent
        fields: list[str] = []
        form = AuditFilterForm

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget = self.form.fields["action"].widget
        if isinstance(widget, DatalistInput):
            widget.suggestions = audit_action_suggestions()

    def filter_action(
        self, queryset: QuerySet[AuditEvent], name: str, value: str
    ) -> QuerySet[AuditEvent]:
        """An exact name ("accounts.login.failed") or a prefix ("accounts.login")."""
        return queryset.filter(action__startswith=value.strip().rstrip("*"))

    def filter_object(
        self, queryset: QuerySet[AuditEvent], name: str, value: str
    ) -> QuerySet[AuditEvent]:
        value = value.strip()
        return queryset.filter(
            Q(object_type__icontains=value) | Q(object_id=value) | Q(object_repr__icontains=value)
        )

    def filter_date_from(
        self, queryset: QuerySet[AuditEvent], name: str, value: date
    ) -> QuerySet[AuditEvent]:
        return queryset.filter(created_at__gte=_local_midnight(value))

    def filter_date_to(
        self, queryset: QuerySet[AuditEvent], name: str, value: date
    ) -> QuerySet[AuditEvent]:
        return queryset.filter(created_at__lt=_local_midnight(value + timedelta(days=1)))
