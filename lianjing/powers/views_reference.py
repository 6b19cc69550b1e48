"""Pages of the catalogue's reference lists (职权类别, 违法情节), for administrators."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import permission_required, request_user
from lianjing.core.forms import PK_MAX, add_service_errors
from lianjing.core.listing import Column, ListPage
from lianjing.org.forms_people import text_field
from lianjing.powers import services_reference as services
from lianjing.powers.models import Circumstance, PowerCategory


class ReferenceForm(forms.Form):
    code = forms.SlugField(
        label=_lazy("代码"),
        max_length=30,
        help_text=_lazy("英文字母、数字、下划线或连字符；创建后不可修改。"),
        error_messages={
            "required": _lazy("请填写代码。"),
            "invalid": _lazy("代码只能包含英文字母、数字、下划线或连字符。"),
            "max_length": _lazy("代码不能超过 30 个字符。"),
        },
    )
    name = text_field(_lazy("名称"), 30)
    order = forms.IntegerField(
        label=_lazy("排序"),
        min_value=0,
        max_value=32767,
        error_messages={
            "required": _lazy("请填写排序。"),
            "invalid": _lazy("排序应为整数。"),
            "min_value": _lazy("排序不能小于 0。"),
            "max_value": _lazy("排序不能大于 32767。"),
        },
    )

    def __init__(self, *args: Any, editing: bool = False, order_help: Any = "", **kwargs: Any):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["code"].disabled = True
        self.fields["order"].help_text = order_help


KINDS: dict[str, dict[str, Any]] = {
    "categories": {
        "model": PowerCategory,
        "title": _lazy("职权类别"),
        "order_help": _lazy("数字小的排在前面。"),
        "create": services.category_create,
        "update": lambda actor, obj, **f: services.category_update(actor=actor, category=obj, **f),
        "usage": "powers",
    },
    "circumstances": {
        "model": Circumstance,
        "title": _lazy("违法情节"),
        "order_help": _lazy("轻重顺序：数字小的情节轻，不能重复。"),
        "create": services.circumstance_create,
        "update": lambda actor, obj, **f: services.circumstance_update(
            actor=actor, circumstance=obj, **f
        ),
        "usage": "benchmarks",
    },
}


def _list_url(kind: str) -> str:
    return reverse("powers:reference_list", args=[kind])


@permission_required(perms.POWERS_CONFIGURE)
def reference_list(request: HttpRequest, kind: str) -> HttpResponse:
    spec = KINDS[kind]
    queryset = spec["model"].objects.annotate(used=Count(spec["usage"])).order_by("order", "id")
    page = ListPage(
        request,
        queryset,
        title=spec["title"],
        template="powers/reference_list.html",
        columns=[
            Column(_("代码"), "code", nowrap=True),
            Column(
                _("名称"),
                "name",
                link=lambda o: reverse("powers:reference_edit", args=[kind, o.pk]),
            ),
            Column(_("排序"), "order", nowrap=True),
            Column(_("使用次数"), "used", nowrap=True),
        ],
        extra={
            "breadcrumbs": [(_("职权目录"), reverse("powers:power_list")), (spec["title"], None)],
            "kind": kind,
            "others": [(k, v["title"]) for k, v in KINDS.items() if k != kind],
        },
    )
    return page.response()


@permission_required(perms.POWERS_CONFIGURE)
def reference_create(request: HttpRequest, kind: str) -> HttpResponse:
    spec = KINDS[kind]
    form = ReferenceForm(
        request.POST if request.method == "POST" else None, order_help=spec["order_help"]
    )
    if form.is_bound and form.is_valid():
        try:
            spec["create"](actor=request_user(request), **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已新增。"))
            return redirect(_list_url(kind))
    return _page(request, form, spec, kind, _("新增%(what)s") % {"what": spec["title"]})


@permission_required(perms.POWERS_CONFIGURE)
def reference_edit(request: HttpRequest, kind: str, pk: str) -> HttpResponse:
    spec = KINDS[kind]
    key = int(pk) if len(pk) < 19 else 0
    obj = get_object_or_404(spec["model"], pk=key if 0 < key <= PK_MAX else 0)
    initial = {"code": obj.code, "name": obj.name, "order": obj.order}
    form = ReferenceForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        editing=True,
        order_help=spec["order_help"],
    )
    if form.is_bound and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "code"}
        try:
            spec["update"](request_user(request), obj, **fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect(_list_url(kind))
    return _page(request, form, spec, kind, _("编辑%(what)s") % {"what": spec["title"]})


def _page(request: HttpRequest, form: Any, spec: dict[str, Any], kind: str, title: str) -> Any:
    return render(
        request,
        "powers/power_form.html",
        {
            "form": form,
            "title": title,
            "breadcrumbs": [
                (_("职权目录"), reverse("powers:power_list")),
                (spec["title"], _list_url(kind)),
                (title, None),
            ],
            "cancel_url": _list_url(kind),
        },
    )
