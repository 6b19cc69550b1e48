"""The unit and department pages (组织机构): the lazily loaded tree, the list with export, details,
and the create / edit / move / close forms. Every page answers out of scope exactly like missing
(404), every write leaves an audit event, and no input causes a 500."""

from __future__ import annotations

import os
from io import BytesIO
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import sync_playwright

from lianjing.accounts.builtin_roles import sync_builtin_roles
from lianjing.accounts.models import Role, RoleAssignment
from lianjing.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from lianjing.core.models import AuditEvent
from lianjing.org import selectors, services
from lianjing.org.models import Department, KeyPostKind, Rank, Unit
from lianjing.org.reference import sync_reference_data
from lianjing.org.tests.world import World, build_world

pytestmark = pytest.mark.django_db

TREE = reverse("org:unit_tree")
LIST = reverse("org:unit_list")
CREATE = reverse("org:unit_create")
HUGE = 2**70


def _url(name: str, obj: Any) -> str:
    return reverse(f"org:{name}", args=[obj.pk if hasattr(obj, "pk") else obj])


def _client(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def _events(action: str, obj: Any) -> int:
    return AuditEvent.objects.filter(action=action, object_id=str(obj.pk)).count()


def _names(units: Any) -> set[str]:
    return {u.name for u in units}


def _html(response: Any) -> str:
    return response.content.decode()


@pytest.fixture
def finance_manager(world: World) -> Any:
    """An account that may maintain the organisation only within 甲区财政局 and below."""
    role = Role.objects.create(
        code="finance_org_admin",
        name="财政局组织管理员",
        permissions=["org.view", "org.manage"],
        scope=Role.Scope.UNIT_TREE,
    )
    user = UserFactory.create(username="w_fin_admin")
    RoleAssignment.objects.create(user=user, role=role, unit=world.finance)
    return user


# --- the tree -------------------------------------------------------------------------------------


def test_tree_page_renders_only_the_roots(world):
    response = _client(world, "system_admin").get(TREE)
    assert response.status_code == 200
    assert _names(response.context["nodes"]) == {"四川省"}
    html = _html(response)
    assert "四川省" in html
    assert "甲区财政局" not in html
    assert _url("unit_children", world.province) in html
    assert 'hx-trigger="toggle once"' in html


@pytest.mark.parametrize(
    ("role", "roots"),
    [
        ("discipline_inspector", {"甲区"}),
        ("stationed_team", {"甲区财政局"}),
        ("collector", {"甲区住建局"}),
        ("unit_leader", {"甲区财政局"}),
        ("cadre", {"甲区财政局"}),
    ],
)
def test_scoped_tree_starts_at_the_top_most_visible_units(world, role, roots):
    response = _client(world, role).get(TREE)
    assert response.status_code == 200
    assert _names(response.context["nodes"]) == roots
    assert "四川省" not in _html(response)


def test_unit_children_returns_the_visible_children_only(world):
    admin = _client(world, "system_admin")
    response = admin.get(_url("unit_children", world.district_a), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert _names(response.context["nodes"]) == {"甲区财政局", "甲区住建局"}
    html = _html(response)
    assert "<html" not in html
    # 财政局 has a child (the expand arrow loads it); 住建局 has none
    assert _url("unit_children", world.finance) in html
    assert _url("unit_children", world.housing) not in html
    leader = _client(world, "unit_leader")
    response = leader.get(_url("unit_children", world.finance))
    assert _names(response.context["nodes"]) == {"甲区国库支付中心"}
    # the cadre sees 财政局 for orientation only: nothing to expand below it
    response = _client(world, "cadre").get(_url("unit_children", world.finance))
    assert response.status_code == 200
    assert list(response.context["nodes"]) == []


@pytest.mark.parametrize(
    ("role", "node"),
    [
        ("discipline_inspector", "district_b"),
        ("discipline_inspector", "province"),
        ("unit_leader", "district_a"),
        ("collector", "district_a"),
        ("cadre", "sub_unit"),
    ],
)
def test_unit_children_of_an_out_of_scope_node_is_404(world, role, node):
    response = _client(world, role).get(_url("unit_children", getattr(world, node)))
    assert response.status_code == 404


def test_unit_children_of_a_missing_or_absurd_id_is_404(world):
    admin = _client(world, "system_admin")
    assert admin.get(_url("unit_children", 987654)).status_code == 404
    assert admin.get(f"/org/units/{HUGE}/children/").status_code == 404


def test_closed_units_are_hidden_from_the_tree_unless_asked(world):
    services.unit_close(actor=None, unit=world.housing)
    admin = _client(world, "system_admin")
    response = admin.get(_url("unit_children", world.district_a))
    assert _names(response.context["nodes"]) == {"甲区财政局"}
    response = admin.get(_url("unit_children", world.district_a), {"closed": "1"})
    assert _names(response.context["nodes"]) == {"甲区财政局", "甲区住建局"}
    assert "已撤销" in _html(response)


# --- details --------------------------------------------------------------------------------------

IN_AND_OUT = [
    ("discipline_inspector", "finance", "other_district_unit"),
    ("org_personnel", "sub_unit", "district_b"),
    ("stationed_team", "sub_unit", "housing"),
    ("collector", "housing", "finance"),
    ("unit_leader", "sub_unit", "housing"),
    ("cadre", "finance", "sub_unit"),
]


@pytest.mark.parametrize(("role", "inside", "outside"), IN_AND_OUT)
def test_unit_detail_in_scope_200_out_of_scope_404(world, role, inside, outside):
    client = _client(world, role)
    assert client.get(_url("unit_detail", getattr(world, inside))).status_code == 200
    out = client.get(_url("unit_detail", getattr(world, outside)))
    missing = client.get(_url("unit_detail", 987654))
    assert out.status_code == missing.status_code == 404
    assert client.get(f"/org/units/{HUGE}/").status_code == 404


def test_unit_detail_shows_attributes_children_departments_and_scoped_counts(world):
    services.unit_update(actor=None, unit=world.finance, main_leader=world.director)
    response = _client(world, "system_admin").get(_url("unit_detail", world.finance))
    assert response.status_code == 200
    html = _html(response)
    for text in (
        "甲区财政局",
        world.finance.code,
        "张局长",
        "甲区国库支付中心",
        "预算科",
        "绩效组",
    ):
        assert text in html
    counts = response.context["counts"]
    assert (counts.posts, counts.people) == (4, 4)
    assert (counts.posts_in_subtree, counts.people_in_subtree) == (5, 5)
    assert f"/org/posts/?unit={world.finance.pk}" in html
    assert f"/org/people/?unit={world.finance.pk}" in html
    # ancestors breadcrumb
    assert [label for label, _url in response.context["breadcrumbs"]][1:] == [
        "四川省",
        "甲区",
        "甲区财政局",
    ]
    assert _url("unit_edit", world.finance) in html


def test_unit_detail_counts_and_lists_are_scoped(world):
    response = _client(world, "cadre").get(_url("unit_detail", world.finance))
    html = _html(response)
    counts = response.context["counts"]
    assert (counts.posts, counts.people, counts.departments) == (1, 1, 1)
    assert "预算科" in html
    assert "国库科" not in html
    assert "甲区国库支付中心" not in html
    # no management buttons without org.manage; ancestors out of scope are not links
    assert _url("unit_edit", world.finance) not in html
    assert _url("unit_detail", world.district_a) not in html


@pytest.mark.parametrize(
    ("role", "inside", "outside"),
    [
        ("cadre", "budget", "finance_other_dept"),
        ("collector", None, "budget"),
        ("unit_leader", "budget_sub", None),
        ("discipline_inspector", "finance_other_dept", None),
    ],
)
def test_department_detail_in_scope_200_out_of_scope_404(world, role, inside, outside):
    client = _client(world, role)
    if inside:
        assert client.get(_url("department_detail", getattr(world, inside))).status_code == 200
    if outside:
        assert client.get(_url("department_detail", getattr(world, outside))).status_code == 404
    assert client.get(f"/org/departments/{HUGE}/").status_code == 404


def test_department_detail_shows_posts_holders_and_sub_departments(world):
    response = _client(world, "system_admin").get(_url("department_detail", world.budget))
    assert response.status_code == 200
    html = _html(response)
    for text in ("预算科", "绩效组", "预算科科员", "李科员", "甲区财政局"):
        assert text in html
    assert "国库科科员" not in html
    # the cadre sees the department but not the sub-department outside their scope
    response = _client(world, "cadre").get(_url("department_detail", world.budget))
    assert "绩效组" not in _html(response)


# --- permissions ----------------------------------------------------------------------------------


def _manage_urls(world: World) -> list[str]:
    return [
        CREATE,
        f"{CREATE}?parent={world.finance.pk}",
        _url("unit_edit", world.finance),
        _url("unit_move", world.finance),
        _url("unit_close", world.sub_unit),
        _url("department_create", world.finance),
        _url("department_edit", world.budget),
    ]


def test_cadre_without_org_manage_gets_403_on_every_form(world):
    client = _client(world, "cadre")
    before = AuditEvent.objects.count()
    for url in _manage_urls(world):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"code": "X1", "name": "x", "version": "1"}).status_code == 403
    assert AuditEvent.objects.count() == before


def test_anonymous_is_sent_to_login(world):
    for url in [TREE, LIST, _url("unit_detail", world.finance), *_manage_urls(world)]:
        response = Client().get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_scoped_manager_works_only_inside_their_subtree(world, finance_manager):
    client = Client()
    client.force_login(finance_manager)
    assert client.get(_url("unit_edit", world.sub_unit)).status_code == 200
    assert client.get(_url("unit_edit", world.housing)).status_code == 404
    assert client.get(f"{CREATE}?parent={world.housing.pk}").status_code == 404
    assert client.get(_url("department_create", world.housing)).status_code == 404
    # without a fixed parent the choice is limited to their units and may not be left empty
    response = client.get(CREATE)
    choices = response.context["form"].fields["parent"].queryset
    assert _names(choices) == {"甲区财政局", "甲区国库支付中心"}
    response = client.post(
        CREATE, {"code": "NEW01", "name": "新单位", "level": "county", "kind": "government"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["parent"]
    response = client.post(
        CREATE,
        {
            "parent": str(world.housing.pk),
            "code": "NEW01",
            "name": "新单位",
            "level": "county",
            "kind": "government",
        },
    )
    assert response.context["form"].errors["parent"]
    assert not Unit.objects.filter(code="NEW01").exists()
    # moving below a unit out of their scope is not offered
    response = client.post(
        _url("unit_move", world.sub_unit),
        {"parent": str(world.housing.pk), "version": str(world.sub_unit.version)},
    )
    assert response.context["form"].errors["parent"]
    world.sub_unit.refresh_from_db()
    assert world.sub_unit.parent_id == world.finance.pk


# --- writes through the pages ------------------------------------------------------------------


def test_create_a_sub_unit_through_the_page(world):
    client = _client(world, "system_admin")
    url = f"{CREATE}?parent={world.district_a.pk}"
    page = client.get(url)
    assert page.status_code == 200
    assert "甲区" in page.context["intro"]
    response = client.post(
        url,
        {
            "code": "JQ-SJ",
            "name": "甲区审计局",
            "short_name": "审计局",
            "level": "county",
            "kind": "government",
            "position": "3",
        },
    )
    unit = Unit.objects.get(code="JQ-SJ")
    assert response.status_code == 302
    assert response["Location"] == _url("unit_detail", unit)
    assert unit.parent_id == world.district_a.pk
    assert _events("org.unit.created", unit) == 1


def test_create_shows_field_errors_in_chinese_and_saves_nothing(world):
    client = _client(world, "system_admin")
    before = Unit.objects.count()
    response = client.post(CREATE, {"code": "", "name": "", "level": "x", "kind": ""})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "这个字段是必填项。" in errors["code"]
    assert "level" in errors
    html = _html(response)
    assert "invalid-feedback" in html
    # a duplicate code comes back from the service, next to the field
    response = client.post(
        CREATE,
        {
            "parent": str(world.district_a.pk),
            "code": world.finance.code,
            "name": "重复",
            "level": "county",
            "kind": "government",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert Unit.objects.count() == before


def test_create_a_top_level_unit_only_with_whole_tree_scope(world):
    client = _client(world, "system_admin")
    response = client.post(
        CREATE, {"code": "CQ", "name": "重庆市", "level": "province", "kind": "region"}
    )
    assert response.status_code == 302
    assert Unit.objects.get(code="CQ").parent is None


def test_edit_a_unit_through_the_page(world):
    client = _client(world, "system_admin")
    url = _url("unit_edit", world.finance)
    page = client.get(url)
    assert page.status_code == 200
    assert f'name="version" value="{world.finance.version}"' in _html(page)
    response = client.post(
        url,
        {
            "code": world.finance.code,
            "name": "甲区财政局（改）",
            "short_name": "财政",
            "level": "county",
            "kind": "government",
            "main_leader": str(world.director.pk),
            "position": "1",
            "version": str(world.finance.version),
        },
    )
    assert response.status_code == 302
    world.finance.refresh_from_db()
    assert world.finance.name == "甲区财政局（改）"
    assert world.finance.main_leader == world.director
    event = AuditEvent.objects.get(action="org.unit.updated", object_id=str(world.finance.pk))
    assert event.before is not None
    assert event.after is not None
    assert event.before["name"] == "甲区财政局"
    assert event.after["name"] == "甲区财政局（改）"


def test_main_leader_must_be_a_person_of_the_unit(world):
    client = _client(world, "system_admin")
    response = client.post(
        _url("unit_edit", world.finance),
        {
            "code": world.finance.code,
            "name": world.finance.name,
            "level": "county",
            "kind": "government",
            "main_leader": str(world.housing_person.pk),
            "position": "0",
            "version": str(world.finance.version),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["main_leader"]
    assert _events("org.unit.updated", world.finance) == 0


def test_a_stale_edit_is_refused_and_saves_nothing(world):
    client = _client(world, "system_admin")
    stale_version = world.finance.version
    services.unit_update(actor=None, unit=world.finance, name="他人改过的名称")
    response = client.post(
        _url("unit_edit", world.finance),
        {
            "code": world.finance.code,
            "name": "我的名称",
            "level": "county",
            "kind": "government",
            "position": "0",
            "version": str(stale_version),
        },
    )
    assert response.status_code == 200
    assert "该记录已被他人修改" in _html(response)
    world.finance.refresh_from_db()
    assert world.finance.name == "他人改过的名称"
    assert AuditEvent.objects.filter(action="org.unit.updated").count() == 1


@pytest.mark.parametrize("version", ["", "abc", "0", "-1", str(2**70), "1.5"])
def test_a_missing_or_garbage_version_is_refused(world, version):
    client = _client(world, "system_admin")
    response = client.post(
        _url("unit_move", world.housing),
        {"parent": str(world.district_b.pk), "version": version},
    )
    assert response.status_code == 200
    assert "表单已失效" in _html(response)
    world.housing.refresh_from_db()
    assert world.housing.parent_id == world.district_a.pk


def test_move_a_unit_through_the_page(world):
    client = _client(world, "system_admin")
    response = client.post(
        _url("unit_move", world.housing),
        {"parent": str(world.district_b.pk), "version": str(world.housing.version)},
    )
    assert response.status_code == 302
    world.housing.refresh_from_db()
    assert world.housing.parent_id == world.district_b.pk
    assert _events("org.unit.moved", world.housing) == 1


def test_moving_a_unit_below_itself_is_refused_in_chinese(world):
    client = _client(world, "system_admin")
    version = world.district_a.version
    for target in (world.sub_unit, world.district_a):
        response = client.post(
            _url("unit_move", world.district_a),
            {"parent": str(target.pk), "version": str(version)},
        )
        assert response.status_code == 200
        html = _html(response)
        assert "不能把单位移到它自己的下级单位之下" in html or "上级单位不能是本单位" in html
    world.district_a.refresh_from_db()
    assert world.district_a.parent_id == world.province.pk
    assert world.district_a.version == version
    assert _events("org.unit.moved", world.district_a) == 0


def test_close_and_merge_through_the_page(world):
    client = _client(world, "system_admin")
    page = client.get(_url("unit_close", world.sub_unit))
    assert page.status_code == 200
    response = client.post(
        _url("unit_close", world.sub_unit),
        {"action": "close", "version": str(world.sub_unit.version)},
    )
    assert response.status_code == 302
    world.sub_unit.refresh_from_db()
    assert world.sub_unit.status == "closed"
    assert _events("org.unit.closed", world.sub_unit) == 1
    # merging needs the target unit
    url = _url("unit_close", world.housing)
    response = client.post(url, {"action": "merge", "version": str(world.housing.version)})
    assert response.context["form"].errors["merged_into"] == ["请选择并入单位。"]
    response = client.post(
        url,
        {
            "action": "merge",
            "merged_into": str(world.finance.pk),
            "version": str(world.housing.version),
        },
    )
    assert response.status_code == 302
    world.housing.refresh_from_db()
    assert (world.housing.status, world.housing.merged_into_id) == ("merged", world.finance.pk)
    # a closed unit's close page just returns to the unit
    assert client.get(url).status_code == 302


def test_closing_a_unit_with_active_children_is_refused(world):
    client = _client(world, "system_admin")
    response = client.post(
        _url("unit_close", world.finance),
        {"action": "close", "version": str(world.finance.version)},
    )
    assert response.status_code == 200
    assert "该单位还有正常状态的下级单位" in _html(response)
    world.finance.refresh_from_db()
    assert world.finance.status == "active"


def test_create_and_edit_a_department_through_the_pages(world):
    client = _client(world, "system_admin")
    url = _url("department_create", world.finance) + f"?parent={world.budget.pk}"
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["parent"] == world.budget.pk
    response = client.post(
        url,
        {
            "parent": str(world.budget.pk),
            "code": "CZ-YS-2",
            "name": "预算二组",
            "leader_in_charge": str(world.director.pk),
            "position": "2",
        },
    )
    assert response.status_code == 302
    department = Department.objects.get(code="CZ-YS-2")
    assert (department.unit, department.parent) == (world.finance, world.budget)
    assert _events("org.department.created", department) == 1

    edit = _url("department_edit", department)
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {
            "parent": "",
            "code": "CZ-YS-2",
            "name": "预算二科",
            "status": "active",
            "position": "2",
            "version": str(department.version),
        },
    )
    assert response.status_code == 302
    department.refresh_from_db()
    assert (department.name, department.parent) == ("预算二科", None)
    assert _events("org.department.updated", department) == 1


def test_department_parent_cycle_and_stale_version_are_refused(world):
    client = _client(world, "system_admin")
    edit = _url("department_edit", world.budget)
    data = {
        "parent": str(world.budget_sub.pk),
        "code": world.budget.code,
        "name": "预算科",
        "status": "active",
        "position": "0",
        "version": str(world.budget.version),
    }
    response = client.post(edit, data)
    assert response.status_code == 200
    assert "不能把内设机构移到它自己的下级之下" in _html(response)
    # a parent from another unit is not even offered
    response = client.post(edit, {**data, "parent": str(world.finance_other_dept.pk + 999)})
    assert response.context["form"].errors["parent"]
    services.department_update(actor=None, department=world.budget, name="他人改名")
    response = client.post(edit, {**data, "parent": "", "name": "我的改名"})
    assert "该记录已被他人修改" in _html(response)
    world.budget.refresh_from_db()
    assert world.budget.name == "他人改名"
    assert world.budget.parent is None


def test_department_create_with_a_parent_of_another_unit_is_404(world):
    client = _client(world, "system_admin")
    other = Department.objects.create(unit=world.housing, code="ZJ-1", name="住建科")
    url = _url("department_create", world.finance) + f"?parent={other.pk}"
    assert client.get(url).status_code == 404
    assert client.get(_url("department_create", world.finance) + "?parent=abc").status_code == 404


def _offered(response: Any, name: str) -> list[str]:
    field = response.context["form"].fields[name]
    return [label.strip("\u3000").split("（")[0] for value, label in field.choices if value]


def test_pickers_offer_every_unit_in_tree_order_when_there_are_few(world):
    response = _client(world, "system_admin").get(_url("unit_move", world.housing))
    assert _offered(response, "parent") == [
        "四川省",
        "甲区",
        "甲区财政局",
        "甲区国库支付中心",
        "甲区住建局",
        "乙区",
        "乙区财政局",
    ]
    assert "hx-get" not in _html(response)


def test_pickers_in_a_big_tree_offer_a_part_that_opens_on_choice(world, monkeypatch):
    monkeypatch.setattr(selectors, "UNIT_PICKER_LIMIT", 3)
    client = _client(world, "system_admin")
    url = _url("unit_move", world.housing)
    response = client.get(url)
    # the top two levels, and the path to the current parent (甲区) with its sub-units
    assert _offered(response, "parent") == ["四川省", "甲区", "甲区财政局", "甲区住建局", "乙区"]
    html = _html(response)
    assert f'hx-get="{url}"' in html
    assert 'hx-select="#id_parent_group"' in html
    # choosing 甲区财政局 opens its sub-units
    response = client.get(url, {"parent": str(world.finance.pk)})
    assert "甲区国库支付中心" in _offered(response, "parent")
    # any unit in scope is accepted, offered or not
    response = client.post(
        url, {"parent": str(world.other_district_unit.pk), "version": str(world.housing.version)}
    )
    assert response.status_code == 302
    world.housing.refresh_from_db()
    assert world.housing.parent_id == world.other_district_unit.pk
    # the create page's picker refreshes with ?pick=1, so the parent stays a choice
    response = client.get(CREATE, {"pick": "1", "parent": str(world.finance.pk)})
    assert "parent" in response.context["form"].fields
    assert "甲区国库支付中心" in _offered(response, "parent")
    assert f'hx-get="{CREATE}?pick=1"' in _html(response)


def test_scoped_picker_offers_only_the_users_units(world, finance_manager, monkeypatch):
    monkeypatch.setattr(selectors, "UNIT_PICKER_LIMIT", 1)
    client = Client()
    client.force_login(finance_manager)
    response = client.get(_url("unit_close", world.sub_unit), {"merged_into": "999999999"})
    assert response.status_code == 200
    assert _offered(response, "merged_into") == ["甲区财政局"]


# --- the list -------------------------------------------------------------------------------------


def test_list_search_and_filters_stay_in_scope(world):
    inspector = _client(world, "discipline_inspector")
    response = inspector.get(LIST, {"q": "财政局"})
    assert response.status_code == 200
    assert _names(response.context["list"].page_obj) == {"甲区财政局"}
    response = inspector.get(LIST, {"kind": "region"})
    assert _names(response.context["list"].page_obj) == {"甲区"}
    response = inspector.get(LIST, {"within": str(world.finance.pk)})
    assert _names(response.context["list"].page_obj) == {"甲区财政局", "甲区国库支付中心"}
    # a unit out of scope is not a valid "within" choice: an error and an empty list
    response = inspector.get(LIST, {"within": str(world.district_b.pk)})
    assert response.status_code == 200
    assert list(response.context["list"].page_obj) == []
    assert "筛选条件有误" in _html(response)
    admin = _client(world, "system_admin")
    response = admin.get(LIST, {"q": "财政局"})
    assert _names(response.context["list"].page_obj) == {"甲区财政局", "乙区财政局"}


def test_list_htmx_returns_the_results_only(world):
    response = _client(world, "system_admin").get(
        LIST, {"level": "county"}, headers={"HX-Request": "true", "HX-Target": "list-results"}
    )
    assert response.status_code == 200
    assert "<html" not in _html(response)


def test_list_export_contains_only_in_scope_units(world):
    response = _client(world, "unit_leader").get(LIST, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("单位编码", "单位名称")
    assert {row[1] for row in rows[1:]} == {"甲区财政局", "甲区国库支付中心"}


@pytest.mark.parametrize(
    "query",
    [
        {"q": "\x00"},
        {"q": "x" * 5000},
        {"within": str(HUGE)},
        {"within": "abc"},
        {"kind": "nonsense", "level": "🀄", "status": "-1"},
        {"page": "999999"},
        {"within": "-5", "export": "xlsx"},
    ],
)
def test_list_garbage_never_breaks(world, query):
    response = _client(world, "discipline_inspector").get(LIST, query)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "value", ["", "abc", str(HUGE), "-1", "0", "1.5", "\x00", "' OR 1=1 --", "🀄" * 40]
)
def test_forms_never_break_on_garbage(world, value):
    client = _client(world, "system_admin")
    before = (Unit.objects.count(), Department.objects.count(), AuditEvent.objects.count())
    urls = [
        CREATE,
        f"{CREATE}?parent={world.finance.pk}",
        _url("unit_edit", world.finance),
        _url("unit_move", world.finance),
        _url("unit_close", world.sub_unit),
        _url("department_create", world.finance),
        _url("department_edit", world.budget),
    ]
    fields = [
        "parent",
        "code",
        "name",
        "short_name",
        "level",
        "kind",
        "position",
        "main_leader",
        "leader_in_charge",
        "status",
        "action",
        "merged_into",
        "version",
    ]
    for url in urls:
        response = client.post(url, dict.fromkeys(fields, value))
        assert response.status_code == 200, url
    assert client.get(f"{CREATE}?parent={value or 'x'}").status_code == 404
    after = (Unit.objects.count(), Department.objects.count(), AuditEvent.objects.count())
    assert after == before


# --- end to end -----------------------------------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_tree_expands_on_demand_in_the_browser(live_server, monkeypatch):
    """The tree in Debian's Chromium: opening a node loads its children through htmx (no inline
    script, nothing refused by the CSP); the unit's page, the list and a big tree's picker work
    from there."""
    # a transactional test starts from an emptied database: put back what migrations load
    sync_builtin_roles(Role)
    sync_reference_data(Rank, KeyPostKind)
    world = build_world()
    monkeypatch.setattr(selectors, "UNIT_PICKER_LIMIT", 3)
    move_url = f"{live_server.url}{_url('unit_move', world.housing)}"
    district_b = f"\u3000{world.district_b.name}（{world.district_b.code}）"
    # no ORM below while Playwright's event loop runs in this thread: Django would open another
    # connection for that context and leave it open
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    artifacts = settings.BASE_DIR / "test-artifacts"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(locale="zh-CN")
        errors: list[str] = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("用户名").fill("w_admin")
        page.get_by_label("密码").fill(DEFAULT_PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_server.url}/")

        page.goto(f"{live_server.url}{TREE}")
        tree = page.locator("#unit-tree")
        assert tree.get_by_role("link", name="四川省").is_visible()
        assert tree.get_by_role("link", name="甲区", exact=True).count() == 0
        tree.locator("summary").first.click()
        tree.get_by_role("link", name="甲区", exact=True).wait_for()
        tree.locator("summary", has_text="甲区").first.click()
        tree.get_by_role("link", name="甲区财政局").wait_for()
        tree.locator("summary", has_text="甲区财政局").click()
        tree.get_by_role("link", name="甲区国库支付中心").wait_for()
        artifacts.mkdir(exist_ok=True)
        page.screenshot(path=str(artifacts / "org-unit-tree.png"), full_page=True)

        tree.get_by_role("link", name="甲区财政局").click()
        page.wait_for_url(f"{live_server.url}/org/units/*/")
        assert page.locator("h2.page-title").inner_text() == "甲区财政局"
        assert page.locator("#unit-departments").get_by_text("绩效组").is_visible()
        page.screenshot(path=str(artifacts / "org-unit-detail.png"), full_page=True)

        page.goto(f"{live_server.url}{LIST}")
        page.get_by_label("名称或编码").fill("财政局")
        page.get_by_role("button", name="筛选").click()
        page.wait_for_url("**/org/units/list/?*q=*")
        page.get_by_role("link", name="甲区住建局").wait_for(state="detached")
        assert page.get_by_role("link", name="乙区财政局").is_visible()

        # a picker in a big tree opens the sub-units of the unit chosen
        page.goto(move_url)
        picker = page.locator("#id_parent")
        assert picker.locator("option", has_text="乙区财政局").count() == 0
        picker.select_option(label=district_b)
        picker.locator("option", has_text="乙区财政局").wait_for(state="attached")
        page.get_by_role("button", name="移动").click()
        page.wait_for_url(f"{live_server.url}{_url('unit_detail', world.housing)}")
        page.close()
        browser.close()
    assert not [e for e in errors if "Content Security Policy" in e or "404" in e], errors
    world.housing.refresh_from_db()
    assert world.housing.parent_id == world.district_b.pk
