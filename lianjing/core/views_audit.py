"""The audit log pages (系统管理 › 审计日志): a filtered list with Excel export, and one event with
its before/after values side by side. Only holders of system.view_audit."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianjing.accounts.decorators import permission_required
from lianjing.accounts.permissions import VIEW_AUDIT
from lianjing.core.audit import audit, audit_event_list, compute_hash
from lianjing.core.filters import AuditEventFilter
from lianjing.core.listing import Column, ListPage
from lianjing.core.models import AuditEvent


def _actor(event: AuditEvent) -> str:
    return event.actor_name or _("（系统或未登录）")


def _detail_url(event: AuditEvent) -> str:
    return reverse("core:audit_detail", args=[event.pk])


def _json_text(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


COLUMNS = [
    Column(gettext_lazy("时间"), "created_at", link=_detail_url),
    Column(gettext_lazy("操作人"), _actor),
    Column(gettext_lazy("操作"), "action"),
    Column(gettext_lazy("对象类型"), "object_type"),
    Column(gettext_lazy("对象ID"), "object_id"),
    Column(gettext_lazy("对象"), "object_repr"),
    Column(gettext_lazy("IP地址"), "ip"),
]
# The spreadsheet also carries what the page shows only on the event's own page.
EXPORT_COLUMNS = [
    Column(gettext_lazy("编号"), "id"),
    *COLUMNS,
    Column(gettext_lazy("修改前"), lambda e: _json_text(e.before)),
    Column(gettext_lazy("修改后"), lambda e: _json_text(e.after)),
    Column(gettext_lazy("上一哈希"), "prev_hash"),
    Column(gettext_lazy("哈希"), "hash"),
]


@permission_required(VIEW_AUDIT)
def audit_list(request: HttpRequest) -> HttpResponse:
    exporting = request.GET.get("export") == "xlsx"
    page = ListPage(
        request,
        audit_event_list(),
        title=_("审计日志"),
        filterset_class=AuditEventFilter,
        export_name="audit-log",
        columns=EXPORT_COLUMNS if exporting else COLUMNS,
        extra={"breadcrumbs": [(_("审计日志"), None)]},
    )
    response = page.response()
    if exporting and page.filters_valid:
        filters = {k: request.GET[k] for k in AuditEventFilter.base_filters if request.GET.get(k)}
        audit("core.audit.exported", actor=request.user, after={"filters": filters})
    return response


@permission_required(VIEW_AUDIT)
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(AuditEvent, pk=pk)
    return render(
        request,
        "core/audit_detail.html",
        {
            "title": _("审计事件 #%(id)s") % {"id": event.pk},
            "breadcrumbs": [
                (_("审计日志"), reverse("core:audit_list")),
                (f"#{event.pk}", None),
            ],
            "event": event,
            "actor": _actor(event),
            "hash_matches": compute_hash(event.prev_hash, event) == event.hash,
            "changes": _changes(event.before, event.after),
            "before_text": _pretty(event.before),
            "after_text": _pretty(event.after),
        },
    )


def _pretty(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


def _changes(before: Any, after: Any) -> list[dict[str, Any]] | None:
    """Field by field when both sides are objects (or one is missing); None otherwise, and the
    page shows the two values whole."""
    if not isinstance(before or {}, dict) or not isinstance(after or {}, dict):
        return None
    old, new = before or {}, after or {}
    return [
        {
            "field": key,
            "before": _cell(old[key]) if key in old else "",
            "after": _cell(new[key]) if key in new else "",
            "changed": old.get(key) != new.get(key) or (key in old) != (key in new),
        }
        for key in sorted({*old, *new})
    ]


def _cell(value: Any) -> str:
    return value if isinstance(value, str) else _json_text(value)
