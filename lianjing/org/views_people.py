"""Pages of posts (岗位), people (人员) and their assignments (任职): lists, detail pages,
create and edit forms, rotation (轮岗) and the end of an assignment. Records are fetched only
through access / selectors_people (out of scope = 404); writes go through org.services."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import permission_required, request_user
from lianjing.accounts.selectors import user_has_perm
from lianjing.core.forms import add_service_errors
from lianjing.core.listing import Column, ListPage
from lianjing.org import access, services
from lianjing.org import selectors_people as selectors
from lianjing.org.filters_people import PersonFilter, PostFilter
from lianjing.org.forms_people import AssignmentEndForm, AssignmentForm, PersonForm, PostForm
from lianjing.org.models import Department, Person, Post, Unit


def unit_url(pk: int) -> str:
    return f"/org/units/{pk}/"


def department_url(pk: int) -> str:
    return f"/org/departments/{pk}/"


def _posts_crumb() -> tuple[str, str]:
    return (_("岗位"), reverse("org:post_list"))


def _people_crumb() -> tuple[str, str]:
    return (_("人员"), reverse("org:person_list"))


def _person_crumb(person: Person) -> tuple[str, str]:
    return (person.name, reverse("org:person_detail", args=[person.pk]))


class OrgListPage(ListPage):
    """A list of posts or people. Its htmx refresh also swaps the unit and department pickers
    (hx-swap-oob), so that the department options follow the chosen unit. A page's rows are
    selected by the keys of that page (a sliced subquery that reads only the scoped, filtered
    keys) and then joined with unit, department and post by `page_rows`: with OFFSET alone the
    database would join those for every row it skips, and page 500 would cost far more than
    page 1."""

    def __init__(
        self,
        *args: Any,
        partial_template: str,
        page_rows: Callable[[QuerySet[Any]], QuerySet[Any]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.partial_template = partial_template
        self.page_rows = page_rows

    def page(self) -> Page:
        queryset = self.queryset if self.filters_valid else self.queryset.none()
        paginator = Paginator(queryset, self.per_page)
        page = paginator.get_page(self.request.GET.get("page"))
        start = (page.number - 1) * self.per_page
        keys = selectors.page_keys(queryset, paginator.count)[start : start + self.per_page]
        return Page(self.page_rows(keys), page.number, paginator)

    def response(self) -> HttpResponse:
        htmx = getattr(self.request, "htmx", None)
        exporting = self.request.GET.get("export") == "xlsx"
        if htmx and htmx.target == "list-results" and not exporting:
            context = {**self.extra, "list": self, "title": self.title}
            return render(self.request, self.partial_template, context)
        return super().response()


def _filterset(filterset: Any, request: HttpRequest) -> Any:
    # ListPage builds the filter set from the query string alone; the choices need the user
    return partial(filterset, request=request)


# --- lists ----------------------------------------------------------------------------------------


def _key_kind_names(post: Post) -> str:
    return "、".join(kind.name for kind in post.key_kinds.all())


@permission_required(perms.ORG_VIEW)
def post_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)

    def detail(post: Post) -> str:
        return reverse("org:post_detail", args=[post.pk])

    page = OrgListPage(
        request,
        selectors.post_list(user),
        page_rows=selectors.post_page,
        title=_("岗位"),
        filterset_class=_filterset(PostFilter, request),
        export_name="posts",
        template="org/post_list.html",
        partial_template="org/post_list.html#htmx_results",
        empty_message=_("没有符合条件的岗位"),
        columns=[
            Column(_("岗位编码"), "code", link=detail, nowrap=True),
            Column(_("岗位名称"), "name", link=detail),
            Column(_("所属单位"), "unit.name"),
            Column(_("内设机构"), "department.name"),
            Column(_("职级"), "rank.name", nowrap=True),
            Column(_("重点岗位类别"), _key_kind_names),
            Column(_("编制人数"), "headcount", nowrap=True),
            Column(_("状态"), "status", nowrap=True),
        ],
        extra={
            "breadcrumbs": [(_("岗位"), None)],
            "can_create": user_has_perm(user, perms.ORG_MANAGE),
        },
    )
    return page.response()


@permission_required(perms.ORG_VIEW)
def person_list(request: HttpRequest) -> HttpResponse:
    """The ID number is not a column: the list and its export never carry it."""
    user = request_user(request)

    def detail(person: Person) -> str:
        return reverse("org:person_detail", args=[person.pk])

    page = OrgListPage(
        request,
        selectors.person_list(user),
        page_rows=selectors.person_page,
        title=_("人员"),
        filterset_class=_filterset(PersonFilter, request),
        export_name="people",
        template="org/person_list.html",
        partial_template="org/person_list.html#htmx_results",
        empty_message=_("没有符合条件的人员"),
        columns=[
            Column(_("人员编号"), "code", link=detail, nowrap=True),
            Column(_("姓名"), "name", link=detail, nowrap=True),
            Column(_("性别"), "gender", nowrap=True),
            Column(_("所在单位"), "unit.name"),
            Column(_("内设机构"), "department.name"),
            Column(_("主要岗位"), "post.name"),
            Column(_("职级"), "post.rank.name", nowrap=True),
            Column(_("政治面貌"), "political_status", nowrap=True),
        ],
        extra={
            "breadcrumbs": [(_("人员"), None)],
            "can_create": user_has_perm(user, perms.ORG_MANAGE),
        },
    )
    return page.response()


# --- posts ----------------------------------------------------------------------------------------


@permission_required(perms.ORG_VIEW)
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    post = selectors.post_get(user, pk)
    assignments = selectors.post_assignments(user, post)
    current = [a for a in assignments if a.end_date is None]
    return render(
        request,
        "org/post_detail.html",
        {
            "post": post,
            "title": f"{post.unit.name} · {post.name}",
            "breadcrumbs": [_posts_crumb(), (post.name, None)],
            "current": current,
            "history": [a for a in assignments if a.end_date is not None],
            "unit_link": unit_url(post.unit_id)
            if selectors.visible_ids(user, Unit, [post.unit_id])
            else None,
            "department_link": department_url(post.department_id)
            if post.department_id and selectors.visible_ids(user, Department, [post.department_id])
            else None,
            "can_manage": selectors.can_manage(user, post),
        },
    )


def _post_form_page(
    request: HttpRequest, form: PostForm, title: str, crumbs: list[Any], cancel_url: str
) -> HttpResponse:
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": title, "breadcrumbs": crumbs, "cancel_url": cancel_url},
    )


def _post_fields(form: PostForm) -> dict[str, Any]:
    data = form.cleaned_data
    names = ["code", "name", "unit", "department", "rank", "headcount", "duties"]
    if "status" in data:
        names.append("status")
    return {name: data[name] for name in names}


@permission_required(perms.ORG_MANAGE)
def post_create(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    initial = {"unit": request.GET.get("unit"), "headcount": 1}
    data = request.POST if request.method == "POST" else None
    form = PostForm(data, initial=initial, user=user, url=request.path)
    if form.is_bound and form.is_valid():
        try:
            post = services.post_create(
                actor=user, key_kinds=form.cleaned_data["key_kinds"], **_post_fields(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已新建岗位 %(name)s。") % {"name": post.name})
            return redirect("org:post_detail", pk=post.pk)
    unit = form.picker("unit").known.get(form.chosen_pk("unit") or 0)
    title = _("新建岗位")
    return _post_form_page(
        request,
        form,
        title,
        [_posts_crumb(), (title, None)],
        unit_url(unit.pk) if unit else reverse("org:post_list"),
    )


@permission_required(perms.ORG_MANAGE)
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    post = selectors.post_get(user, pk, perms.ORG_MANAGE)
    name, detail_url = post.name, reverse("org:post_detail", args=[post.pk])
    initial = {
        "code": post.code,
        "name": post.name,
        "unit": request.GET.get("unit") or post.unit_id,
        "department": post.department_id,
        "rank": post.rank_id,
        "key_kinds": [kind.pk for kind in post.key_kinds.all()],
        "headcount": post.headcount,
        "duties": post.duties,
        "status": post.status,
        "version": post.version,
    }
    data = request.POST if request.method == "POST" else None
    form = PostForm(data, initial=initial, user=user, url=request.path, editing=True)
    if form.is_bound and form.is_valid():
        try:
            services.post_update(
                actor=user,
                post=post,
                version=form.cleaned_data["version"],
                key_kinds=form.cleaned_data["key_kinds"],
                **_post_fields(form),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存岗位 %(name)s。") % {"name": post.name})
            return redirect(detail_url)
    crumbs = [_posts_crumb(), (name, detail_url), (_("编辑"), None)]
    return _post_form_page(
        request, form, _("编辑岗位：%(name)s") % {"name": name}, crumbs, detail_url
    )


# --- people ---------------------------------------------------------------------------------------


@permission_required(perms.ORG_VIEW)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    person = selectors.person_get(user, pk)
    assignments = selectors.person_assignments(user, person)
    unit_ids = [person.unit_id, *(a.post.unit_id for a in assignments)]
    return render(
        request,
        "org/person_detail.html",
        {
            "person": person,
            "title": person.name,
            "breadcrumbs": [_people_crumb(), (person.name, None)],
            "current": [a for a in assignments if a.end_date is None],
            "history": assignments,
            "post_links": selectors.visible_ids(user, Post, [a.post_id for a in assignments]),
            "unit_links": selectors.visible_ids(user, Unit, unit_ids),
            "department_links": selectors.visible_ids(user, Department, [person.department_id]),
            "can_manage": selectors.can_manage(user, person),
            "can_manage_users": user_has_perm(user, perms.MANAGE_USERS),
        },
    )


def _person_service_errors(form: PersonForm, exc: ValidationError) -> None:
    """The service names the account field `user`; the form calls it `account`."""
    if hasattr(exc, "error_dict"):
        exc = ValidationError(
            {
                ("account" if name == "user" else name): errors
                for name, errors in exc.error_dict.items()
            }
        )
    add_service_errors(form, exc)


def _person_form_page(
    request: HttpRequest, form: PersonForm, title: str, crumbs: list[Any], cancel_url: str
) -> HttpResponse:
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": title, "breadcrumbs": crumbs, "cancel_url": cancel_url},
    )


@permission_required(perms.ORG_MANAGE)
def person_create(request: HttpRequest) -> HttpResponse:
    """Register a person, with their first post: a person without a post lies outside every
    unit-based scope, so only managers of the whole system may leave it empty."""
    user = request_user(request)
    post_required = not access.reach_of(user, perms.ORG_MANAGE).everything
    data = request.POST if request.method == "POST" else None
    form = PersonForm(
        data,
        initial={"unit": request.GET.get("unit"), "start_date": timezone.localdate()},
        user=user,
        url=request.path,
        post_required=post_required,
    )
    if form.is_bound and form.is_valid():
        cleaned = form.cleaned_data
        try:
            with transaction.atomic():
                person = services.person_create(
                    actor=user, id_number=cleaned["id_number"], **form.person_fields()
                )
                if cleaned["post"] is not None:
                    services.assignment_start(
                        actor=user,
                        person=person,
                        post=cleaned["post"],
                        start_date=cleaned["start_date"],
                    )
        except ValidationError as exc:
            _person_service_errors(form, exc)
        else:
            messages.success(request, _("已登记人员 %(name)s。") % {"name": person.name})
            return redirect("org:person_detail", pk=person.pk)
    title = _("登记人员")
    return _person_form_page(
        request, form, title, [_people_crumb(), (title, None)], reverse("org:person_list")
    )


@permission_required(perms.ORG_MANAGE)
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    person = selectors.person_get(user, pk, perms.ORG_MANAGE)
    name, detail_url = person.name, reverse("org:person_detail", args=[person.pk])
    initial = {
        "code": person.code,
        "name": person.name,
        "gender": person.gender,
        "birth_date": person.birth_date,
        "political_status": person.political_status,
        "phone": person.phone,
        "account": person.user.username if person.user else "",
        "version": person.version,
    }
    data = request.POST if request.method == "POST" else None
    form = PersonForm(data, initial=initial, user=user, url=request.path, person=person)
    if form.is_bound and form.is_valid():
        try:
            services.person_update(
                actor=user,
                person=person,
                id_number=form.cleaned_data["id_number"] or None,
                version=form.cleaned_data["version"],
                **form.person_fields(),
            )
        except ValidationError as exc:
            _person_service_errors(form, exc)
        else:
            messages.success(request, _("已保存 %(name)s 的信息。") % {"name": person.name})
            return redirect(detail_url)
    crumbs = [_people_crumb(), (name, detail_url), (_("编辑"), None)]
    return _person_form_page(
        request, form, _("编辑人员：%(name)s") % {"name": name}, crumbs, detail_url
    )


# --- assignments ----------------------------------------------------------------------------------


@permission_required(perms.ORG_MANAGE)
def assignment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a person on a post: a new primary post is a rotation (轮岗), the old one ends the day
    before; a concurrent post (兼职) leaves the others as they are."""
    user = request_user(request)
    person = selectors.person_get(user, pk, perms.ORG_MANAGE)
    detail_url = reverse("org:person_detail", args=[person.pk])
    initial = {
        "unit": request.GET.get("unit") or person.unit_id,
        "start_date": timezone.localdate(),
        "kind": AssignmentForm.PRIMARY,
    }
    data = request.POST if request.method == "POST" else None
    form = AssignmentForm(data, initial=initial, user=user, url=request.path)
    if form.is_bound and form.is_valid():
        cleaned = form.cleaned_data
        try:
            services.assignment_start(
                actor=user,
                person=person,
                post=cleaned["post"],
                start_date=cleaned["start_date"],
                is_primary=form.is_primary,
                note=cleaned["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("已为 %(person)s 新增任职：%(post)s。")
                % {"person": person.name, "post": cleaned["post"].name},
            )
            return redirect(detail_url)
    title = _("新增任职")
    return render(
        request,
        "org/assignment_form.html",
        {
            "form": form,
            "person": person,
            "current": [
                a for a in selectors.person_assignments(user, person) if a.end_date is None
            ],
            "title": _("新增任职：%(name)s") % {"name": person.name},
            "breadcrumbs": [_people_crumb(), _person_crumb(person), (title, None)],
            "cancel_url": detail_url,
        },
    )


@permission_required(perms.ORG_MANAGE)
def assignment_end(request: HttpRequest, pk: int) -> HttpResponse:
    user = request_user(request)
    assignment = selectors.assignment_get(user, pk, perms.ORG_MANAGE)
    person = assignment.person
    detail_url = reverse("org:person_detail", args=[person.pk])
    data = request.POST if request.method == "POST" else None
    form = AssignmentEndForm(data, initial={"end_date": timezone.localdate()})
    if form.is_bound and form.is_valid():
        try:
            services.assignment_end(
                actor=user, assignment=assignment, end_date=form.cleaned_data["end_date"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已结束任职：%(post)s。") % {"post": assignment.post.name})
            if access.can_view(user, person):
                return redirect(detail_url)
            # without a primary post the person may have left the user's scope
            messages.info(request, _("该人员已无在任主要岗位，不在您的查看范围内。"))
            return redirect("org:person_list")
    title = _("结束任职")
    return render(
        request,
        "org/assignment_end.html",
        {
            "form": form,
            "assignment": assignment,
            "title": _("结束任职：%(name)s") % {"name": person.name},
            "breadcrumbs": [_people_crumb(), _person_crumb(person), (title, None)],
            "cancel_url": detail_url,
        },
    )
