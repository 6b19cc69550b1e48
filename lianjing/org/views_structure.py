"""Pages of the organisation structure: the unit tree (children loaded on demand), the unit list,
unit and department details, and their create / edit / move / close forms. Objects are fetched
only through org/access.py; writes go through org/services.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import permission_required, request_user
from lianjing.accounts.selectors import user_has_perm
from lianjing.core.forms import add_service_errors
from lianjing.core.listing import Column, ListPage
from lianjing.org import access, selectors, services
from lianjing.org.filters_structure import unit_filter_for
from lianjing.org.forms_structure import (
    DepartmentEditForm,
    DepartmentForm,
    UnitCloseForm,
    UnitCreateForm,
    UnitEditForm,
    UnitMoveForm,
)
from lianjing.org.models import Department, Person, Status, Unit

CHILDREN_SHOWN = 200  # direct sub-units listed on a unit's page; the list page has the rest


def _tree_crumb() -> tuple[str, str]:
    return (_("组织机构"), reverse("org:unit_tree"))


def _unit_url(unit: Unit) -> str:
    return reverse("org:unit_detail", args=[unit.pk])


def _crumbs(ancestors: list[selectors.Crumb]) -> list[tuple[str, Any]]:
    return [(c.unit.name, _unit_url(c.unit) if c.visible else None) for c in ancestors]


def _unit_crumbs(user: Any, unit: Unit, *, link_self: bool = False) -> list[tuple[str, Any]]:
    """组织机构 › ancestors (linked where the user may open them) › the unit."""
    ancestors = selectors.unit_ancestors(user=user, unit=unit)
    return [_tree_crumb(), *_crumbs(ancestors), (unit.name, _unit_url(unit) if link_self else None)]


def _department_crumbs(user: Any, department: Department) -> list[tuple[str, Any]]:
    crumbs = _unit_crumbs(user, department.unit, link_self=True)
    for ancestor, visible in selectors.department_ancestors(user=user, department=department):
        url = reverse("org:department_detail", args=[ancestor.pk]) if visible else None
        crumbs.append((ancestor.name, url))
    return crumbs


def _url_with_query(name: str, fallback: str, **query: Any) -> str:
    """A page of another part of the organisation module, filtered by `query`."""
    try:
        path = reverse(name)
    except NoReverseMatch:
        path = fallback
    return f"{path}?{urlencode(query)}"


def _form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    crumbs: list[tuple[str, Any]],
    cancel_url: str,
    intro: str = "",
    submit_label: str | None = None,
    template: str = "org/unit_form.html",
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "breadcrumbs": [*crumbs, (title, None)],
        "cancel_url": cancel_url,
        "intro": intro,
    }
    if submit_label:
        context["submit_label"] = submit_label
    return render(request, template, context)


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


# --- the tree -------------------------------------------------------------------------------------


def _include_closed(request: HttpRequest) -> bool:
    return request.GET.get("closed") == "1"


@permission_required(perms.ORG_VIEW)
@require_safe
def unit_tree(request: HttpRequest) -> HttpResponse:
    """Only the top of the user's forest is rendered; each node loads its children when opened,
    so a province (thousands of units) opens at once."""
    user = request_user(request)
    include_closed = _include_closed(request)
    return render(
        request,
        "org/unit_tree.html",
        {
            "title": _("组织机构"),
            "breadcrumbs": [(_("组织机构"), None)],
            "nodes": selectors.unit_roots(user=user, include_closed=include_closed),
            "include_closed": include_closed,
            "can_manage": access.visible(user, Unit, perms.ORG_MANAGE).exists(),
        },
    )


@permission_required(perms.ORG_VIEW)
@require_safe
def unit_children(request: HttpRequest, pk: int) -> HttpResponse:
    """The child rows of one tree node (an htmx fragment)."""
    user = request_user(request)
    unit = access.get_visible_or_404(user, Unit, pk)
    include_closed = _include_closed(request)
    return render(
        request,
        "org/_unit_tree_nodes.html",
        {
            "nodes": selectors.unit_children(user=user, unit=unit, include_closed=include_closed),
            "include_closed": include_closed,
        },
    )


# --- the list -------------------------------------------------------------------------------------


@permission_required(perms.ORG_VIEW)
def unit_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    page = ListPage(
        request,
        selectors.unit_list(user=user),
        title=_("单位列表"),
        filterset_class=unit_filter_for(user),
        export_name="units",
        template="org/unit_list.html",
        columns=[
            Column(_("单位编码"), "code", nowrap=True),
            Column(_("单位名称"), "name", link=_unit_url),
            Column(_("简称"), "short_name"),
            Column(_("上级单位"), "parent.name"),
            Column(_("层级"), "level", nowrap=True),
            Column(_("单位性质"), "kind", nowrap=True),
            Column(_("主要领导"), "main_leader.name", nowrap=True),
            Column(_("状态"), "status", nowrap=True),
        ],
        extra={
            "breadcrumbs": [_tree_crumb(), (_("单位列表"), None)],
            "can_manage": access.visible(user, Unit, perms.ORG_MANAGE).exists(),
        },
    )
    return page.response()


# --- a unit ---------------------------------------------------------------------------------------


@permission_required(perms.ORG_VIEW)
@require_safe
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    unit = access.get_visible_or_404(
        user, Unit, pk, queryset=Unit.objects.select_related("parent", "main_leader", "merged_into")
    )
    ancestors = selectors.unit_ancestors(user=user, unit=unit)
    # one row more than shown tells whether the list goes on; counted only then
    children = list(selectors.unit_child_list(user=user, unit=unit)[: CHILDREN_SHOWN + 1])
    children_count = len(children)
    if children_count > CHILDREN_SHOWN:
        children_count = selectors.unit_child_list(user=user, unit=unit).count()
    leader = unit.main_leader
    merged_into = unit.merged_into
    return render(
        request,
        "org/unit_detail.html",
        {
            "title": unit.name,
            "unit": unit,
            "breadcrumbs": [_tree_crumb(), *_crumbs(ancestors), (unit.name, None)],
            "parent_visible": bool(ancestors) and ancestors[-1].visible,
            "merged_into_visible": merged_into is not None and access.can_view(user, merged_into),
            "leader_visible": leader is not None and access.can_view(user, leader),
            "children": children[:CHILDREN_SHOWN],
            "children_count": children_count,
            "children_list_url": reverse("org:unit_list") + f"?within={unit.pk}",
            "departments": selectors.unit_department_tree(user=user, unit=unit),
            "counts": selectors.unit_counts(user=user, unit=unit),
            "posts_url": _url_with_query("org:post_list", "/org/posts/", unit=unit.pk),
            "people_url": _url_with_query("org:person_list", "/org/people/", unit=unit.pk),
            "powers_url": _url_with_query("powers:power_list", "/powers/", unit=unit.pk)
            if user_has_perm(user, perms.POWERS_VIEW)
            else "",
            "can_change": access.can_change(user, unit),
            "is_active": unit.status == Status.ACTIVE,
        },
    )


@permission_required(perms.ORG_MANAGE)
def unit_create(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    parent = None
    initial = {}
    if request.GET.get("pick"):  # the parent picker refreshing itself: a choice, not fixed
        initial["parent"] = request.GET.get("parent")
    elif request.GET.get("parent"):
        parent = access.get_visible_or_404(user, Unit, request.GET["parent"], perms.ORG_MANAGE)
    form = UnitCreateForm(
        _posted(request),
        user=user,
        parent=parent,
        refresh_url=f"{request.path}?pick=1",
        initial=initial,
    )
    if form.is_bound and form.is_valid():
        fields = dict(form.cleaned_data)
        chosen_parent = fields.pop("parent", parent)
        try:
            unit = services.unit_create(actor=user, parent=chosen_parent, **fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已新增单位：%(name)s。") % {"name": unit})
            return redirect("org:unit_detail", pk=unit.pk)
    if parent is not None:
        title = _("新增下级单位")
        crumbs = _unit_crumbs(user, parent, link_self=True)
        cancel_url = _unit_url(parent)
        intro = _("上级单位：%(name)s（%(code)s）") % {"name": parent.name, "code": parent.code}
    else:
        title, crumbs, cancel_url, intro = (
            _("新增单位"),
            [_tree_crumb()],
            reverse("org:unit_tree"),
            "",
        )
    return _form_page(request, form, title=title, crumbs=crumbs, cancel_url=cancel_url, intro=intro)


@permission_required(perms.ORG_MANAGE)
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    unit = access.get_visible_or_404(user, Unit, pk, perms.ORG_MANAGE)
    crumbs = _unit_crumbs(user, unit, link_self=True)  # before the service touches `unit`
    form = UnitEditForm(_posted(request), user=user, unit=unit)
    if form.is_bound and form.is_valid():
        fields = dict(form.cleaned_data)
        version = fields.pop("version")
        try:
            services.unit_update(actor=user, unit=unit, version=version, **fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存单位：%(name)s。") % {"name": unit})
            return redirect("org:unit_detail", pk=unit.pk)
    return _form_page(request, form, title=_("编辑单位"), crumbs=crumbs, cancel_url=_unit_url(unit))


@permission_required(perms.ORG_MANAGE)
def unit_move(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    unit = access.get_visible_or_404(
        user, Unit, pk, perms.ORG_MANAGE, queryset=Unit.objects.select_related("parent")
    )
    crumbs = _unit_crumbs(user, unit, link_self=True)
    current = _("当前上级单位：%(name)s") % {"name": unit.parent.name if unit.parent else "—"}
    form = UnitMoveForm(
        _posted(request),
        user=user,
        unit=unit,
        refresh_url=request.path,
        picked=request.GET.get("parent"),
    )
    if form.is_bound and form.is_valid():
        try:
            services.unit_move(
                actor=user,
                unit=unit,
                parent=form.cleaned_data["parent"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已移动单位：%(name)s。") % {"name": unit})
            return redirect("org:unit_detail", pk=unit.pk)
    return _form_page(
        request,
        form,
        title=_("移动单位"),
        crumbs=crumbs,
        cancel_url=_unit_url(unit),
        intro=current,
        submit_label=_("移动"),
    )


@permission_required(perms.ORG_MANAGE)
def unit_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    unit = access.get_visible_or_404(user, Unit, pk, perms.ORG_MANAGE)
    if unit.status != Status.ACTIVE:
        messages.info(request, _("该单位已合并或撤销。"))
        return redirect("org:unit_detail", pk=unit.pk)
    crumbs = _unit_crumbs(user, unit, link_self=True)
    form = UnitCloseForm(
        _posted(request),
        user=user,
        unit=unit,
        refresh_url=request.path,
        picked=request.GET.get("merged_into"),
    )
    if form.is_bound and form.is_valid():
        try:
            services.unit_close(
                actor=user,
                unit=unit,
                merged_into=form.cleaned_data["merged_into"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已处理单位：%(name)s。") % {"name": unit})
            return redirect("org:unit_detail", pk=unit.pk)
    return _form_page(
        request,
        form,
        title=_("撤销或合并单位"),
        crumbs=crumbs,
        cancel_url=_unit_url(unit),
        intro=_(
            "单位撤销或合并后不会删除，其风险台账、预警和档案仍然保留；须先处理其正常状态的下级单位。"
        ),
        submit_label=_("确定"),
    )


# --- departments ----------------------------------------------------------------------------------


def _department_url(department: Department) -> str:
    return reverse("org:department_detail", args=[department.pk])


@permission_required(perms.ORG_MANAGE)
def department_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    unit = access.get_visible_or_404(user, Unit, pk, perms.ORG_MANAGE)
    initial = {}
    if request.GET.get("parent"):
        parent = access.get_visible_or_404(
            user,
            Department,
            request.GET["parent"],
            perms.ORG_MANAGE,
            queryset=Department.objects.filter(unit_id=unit.pk),
        )
        initial["parent"] = parent.pk
    form = DepartmentForm(_posted(request), user=user, unit=unit, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            department = services.department_create(actor=user, unit=unit, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已新增内设机构：%(name)s。") % {"name": department})
            return redirect("org:department_detail", pk=department.pk)
    return _form_page(
        request,
        form,
        title=_("新增内设机构"),
        crumbs=_unit_crumbs(user, unit, link_self=True),
        cancel_url=_unit_url(unit),
        intro=_("所属单位：%(name)s（%(code)s）") % {"name": unit.name, "code": unit.code},
        template="org/department_form.html",
    )


@permission_required(perms.ORG_VIEW)
@require_safe
def department_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    department = access.get_visible_or_404(
        user,
        Department,
        pk,
        queryset=Department.objects.select_related("unit", "parent", "leader_in_charge"),
    )
    leader = department.leader_in_charge
    parent = department.parent
    unit = department.unit
    return render(
        request,
        "org/department_detail.html",
        {
            "title": department.name,
            "department": department,
            "breadcrumbs": [*_department_crumbs(user, department), (department.name, None)],
            "unit_visible": access.can_view(user, unit),
            "parent_visible": parent is not None and access.can_view(user, parent),
            "leader_visible": leader is not None and access.can_view(user, leader),
            "subtree": selectors.department_subtree(user=user, department=department),
            "posts": selectors.department_posts(user=user, department=department),
            "people_count": access.visible(user, Person).filter(department=department).count(),
            "posts_url": _url_with_query(
                "org:post_list", "/org/posts/", unit=unit.pk, department=department.pk
            ),
            "people_url": _url_with_query(
                "org:person_list", "/org/people/", unit=unit.pk, department=department.pk
            ),
            "can_change": access.can_change(user, department),
            "can_add": unit.status == Status.ACTIVE and access.can_change(user, unit),
        },
    )


@permission_required(perms.ORG_MANAGE)
def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    department = access.get_visible_or_404(
        user,
        Department,
        pk,
        perms.ORG_MANAGE,
        queryset=Department.objects.select_related("unit"),
    )
    crumbs = _department_crumbs(user, department)
    crumbs.append((department.name, _department_url(department)))
    form = DepartmentEditForm(_posted(request), user=user, department=department)
    if form.is_bound and form.is_valid():
        fields = dict(form.cleaned_data)
        version = fields.pop("version")
        try:
            services.department_update(actor=user, department=department, version=version, **fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存内设机构：%(name)s。") % {"name": department})
            return redirect("org:department_detail", pk=department.pk)
    return _form_page(
        request,
        form,
        title=_("编辑内设机构"),
        crumbs=crumbs,
        cancel_url=_department_url(department),
        template="org/department_form.html",
    )
