"""Pages of the three libraries (迹象库, 风险模板库, 法规条款库): list with filters and Excel
export, detail, create, edit, and switching an entry on or off. One set of views serves the
three; the URLs pass which library (`lib`). Reading needs READ_PERM, writing MANAGE_PERM (until
the proposed permissions risklib.view / risklib.manage exist: 查看组织机构 and 管理角色)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST, require_safe

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import permission_required, request_user
from lianjing.accounts.selectors import user_has_perm
from lianjing.core.forms import add_service_errors
from lianjing.core.listing import Column, ListPage
from lianjing.risklib import columns, detail, forms, selectors, services
from lianjing.risklib.filters import ProvisionFilter, SignFilter, TemplateFilter
from lianjing.risklib.models import IndicatorSign, RegulationProvision

READ_PERM = perms.ORG_VIEW  # proposed: "risklib.view"
MANAGE_PERM = perms.MANAGE_ROLES  # proposed: "risklib.manage"


@dataclass(frozen=True)
class Library:
    key: str  # URL prefix ("signs")
    name: str  # URL name stem ("sign")
    title: Any
    noun: Any
    queryset: Callable[[], QuerySet[Any]]
    filterset: type[Any]
    form: type[forms.LibraryForm]
    list_columns: Callable[[], list[Column]]
    export_columns: Callable[[], list[Column]]
    detail_template: str
    detail_context: Callable[[Any], dict[str, Any]]
    create: Callable[..., Model]
    update: Callable[..., Model]
    initial: Callable[[Any], dict[str, Any]]


def _sign_initial(sign: IndicatorSign) -> dict[str, Any]:
    names = ("code", "group", "title", "description", "order", "version")
    return {
        **{name: getattr(sign, name) for name in names},
        "applies_to": [k.pk for k in sign.applies_to.all()],
    }


def _provision_initial(provision: RegulationProvision) -> dict[str, Any]:
    names = ("code", "regulation", "article", "title", "text", "order", "verified", "version")
    return {
        **{name: getattr(provision, name) for name in names},
        "keywords": "、".join(provision.keyword_list),
    }


LIBRARIES: dict[str, Library] = {
    "signs": Library(
        key="signs",
        name="sign",
        title=_lazy("迹象库"),
        noun=_lazy("风险迹象"),
        queryset=selectors.sign_list,
        filterset=SignFilter,
        form=forms.SignForm,
        list_columns=columns.sign_columns,
        export_columns=columns.sign_export_columns,
        detail_template="risklib/sign_detail.html",
        detail_context=detail.sign_context,
        create=services.sign_create,
        update=lambda actor, obj, **f: services.sign_update(actor=actor, sign=obj, **f),
        initial=_sign_initial,
    ),
    "templates": Library(
        key="templates",
        name="template",
        title=_lazy("风险模板库"),
        noun=_lazy("风险模板"),
        queryset=selectors.template_list,
        filterset=TemplateFilter,
        form=forms.TemplateForm,
        list_columns=columns.template_columns,
        export_columns=columns.template_export_columns,
        detail_template="risklib/template_detail.html",
        detail_context=detail.template_context,
        create=services.template_create,
        update=lambda actor, obj, **f: services.template_update(actor=actor, template=obj, **f),
        initial=forms.template_initial,
    ),
    "provisions": Library(
        key="provisions",
        name="provision",
        title=_lazy("法规条款库"),
        noun=_lazy("法规条款"),
        queryset=selectors.provision_list,
        filterset=ProvisionFilter,
        form=forms.ProvisionForm,
        list_columns=columns.provision_columns,
        export_columns=columns.provision_export_columns,
        detail_template="risklib/provision_detail.html",
        detail_context=detail.provision_context,
        create=services.provision_create,
        update=lambda actor, obj, **f: services.provision_update(actor=actor, provision=obj, **f),
        initial=_provision_initial,
    ),
}


def _list_url(lib: Library) -> str:
    return reverse(f"risklib:{lib.name}_list")


def _detail_url(lib: Library, obj: Model) -> str:
    return reverse(f"risklib:{lib.name}_detail", args=[obj.pk])


def tabs(current: str) -> list[dict[str, Any]]:
    """The library pages' tabs, the current one marked."""
    items = [
        {"key": lib.key, "label": lib.title, "url": _list_url(lib)} for lib in LIBRARIES.values()
    ]
    items.append({"key": "trial", "label": _("“3+X”试算"), "url": reverse("risklib:trial")})
    return [{**item, "active": item["key"] == current} for item in items]


@permission_required(READ_PERM)
def entry_list(request: HttpRequest, lib: str) -> HttpResponse:
    library = LIBRARIES[lib]
    exporting = request.GET.get("export") == "xlsx"
    page = ListPage(
        request,
        library.queryset(),
        title=library.title,
        filterset_class=library.filterset,
        export_name=library.key,
        template="risklib/library_list.html",
        columns=library.export_columns() if exporting else library.list_columns(),
        extra={
            "breadcrumbs": [(_("风险库"), None), (library.title, None)],
            "tabs": tabs(library.key),
            "create_url": reverse(f"risklib:{library.name}_create"),
            "noun": library.noun,
            "can_manage": user_has_perm(request.user, MANAGE_PERM),
        },
    )
    return page.response()


@permission_required(READ_PERM)
@require_safe
def entry_detail(request: HttpRequest, lib: str, pk: int) -> HttpResponse:
    library = LIBRARIES[lib]
    obj = selectors.entry_get(library.queryset(), pk)
    return render(
        request,
        library.detail_template,
        {
            "title": str(obj),
            "breadcrumbs": [(library.title, _list_url(library)), (str(obj), None)],
            "entry": obj,
            "library": library,
            "can_manage": user_has_perm(request.user, MANAGE_PERM),
            "edit_url": reverse(f"risklib:{library.name}_edit", args=[obj.pk]),
            "active_url": reverse(f"risklib:{library.name}_active", args=[obj.pk]),
            **library.detail_context(obj),
        },
    )


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _form_page(request: HttpRequest, form: Any, library: Library, title: str, **extra: Any) -> Any:
    crumbs = [(library.title, _list_url(library)), *extra.pop("crumbs", []), (title, None)]
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": title, "breadcrumbs": crumbs, **extra},
    )


@permission_required(MANAGE_PERM)
def entry_create(request: HttpRequest, lib: str) -> HttpResponse:
    library = LIBRARIES[lib]
    form = library.form(_posted(request))
    if form.is_bound and form.is_valid():
        try:
            obj = library.create(actor=request_user(request), **form.entry_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已新增“%(name)s”。") % {"name": obj})
            return redirect(_detail_url(library, obj))
    title = _("新增%(what)s") % {"what": library.noun}
    return _form_page(request, form, library, title, cancel_url=_list_url(library))


@permission_required(MANAGE_PERM)
def entry_edit(request: HttpRequest, lib: str, pk: int) -> HttpResponse:
    library = LIBRARIES[lib]
    obj = selectors.entry_get(library.queryset(), pk)
    form = library.form(_posted(request), initial=library.initial(obj), editing=True)
    if form.is_bound and form.is_valid():
        try:
            library.update(request_user(request), obj, **form.entry_fields(), **_version(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect(_detail_url(library, obj))
    title = _("编辑%(what)s") % {"what": library.noun}
    return _form_page(
        request,
        form,
        library,
        title,
        crumbs=[(str(obj), _detail_url(library, obj))],
        cancel_url=_detail_url(library, obj),
    )


def _version(form: Any) -> dict[str, Any]:
    return {"version": form.cleaned_data.get("version")}


@permission_required(MANAGE_PERM)
@require_POST
def entry_set_active(request: HttpRequest, lib: str, pk: int) -> HttpResponse:
    """POST active=yes|no; anything else changes nothing and says so."""
    library = LIBRARIES[lib]
    obj = selectors.entry_get(library.queryset(), pk)
    wanted = request.POST.get("active")
    if wanted not in {"yes", "no"}:
        messages.error(request, _("操作无效，请刷新页面后重试。"))
        return redirect(_detail_url(library, obj))
    active = wanted == "yes"
    changed = services.entry_set_active(actor=request_user(request), entry=obj, active=active)
    if not changed:
        messages.info(request, _("状态未改变。"))
    elif active:
        messages.success(request, _("已启用。"))
    else:
        messages.success(request, _("已停用，不再用于“3+X”建议，历史引用仍可查阅。"))
    return redirect(_detail_url(library, obj))
