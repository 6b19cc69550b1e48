"""The scope rules of org/access.py, role by role, on the small world of world.py."""

from __future__ import annotations

import pytest
from django.http import Http404

from lianjing.accounts.models import Role
from lianjing.org import access
from lianjing.org.models import Department, Person, Post, Unit

pytestmark = pytest.mark.django_db

ALL_PEOPLE = {"张局长", "李科员", "王组员", "赵科员", "钱主任", "孙副局长", "周局长"}
DISTRICT_A_PEOPLE = ALL_PEOPLE - {"周局长"}
FINANCE_TREE_PEOPLE = {"张局长", "李科员", "王组员", "赵科员", "钱主任"}

EXPECTED_PEOPLE = {
    "system_admin": ALL_PEOPLE,
    "discipline_inspector": DISTRICT_A_PEOPLE,
    "stationed_team": FINANCE_TREE_PEOPLE,
    "collector": {"孙副局长"},
    "unit_leader": FINANCE_TREE_PEOPLE,
    "cadre": {"李科员"},
    "org_personnel": DISTRICT_A_PEOPLE,
}


def names(queryset) -> set[str]:
    return set(queryset.values_list("name", flat=True))


@pytest.mark.parametrize("role", sorted(EXPECTED_PEOPLE))
def test_people_visible_per_role(world, role):
    assert names(access.visible(world.users[role], Person)) == EXPECTED_PEOPLE[role]


def test_unit_tree_scope_includes_sub_units_only_below_the_anchor(world):
    leader = world.users["unit_leader"]
    assert names(access.visible(leader, Unit)) == {"甲区财政局", "甲区国库支付中心"}
    with pytest.raises(Http404):
        access.get_visible_or_404(leader, Unit, world.housing.pk)
    assert access.get_visible_or_404(leader, Unit, world.sub_unit.pk) == world.sub_unit


def test_cadre_sees_self_and_own_post_and_the_unit_for_orientation(world):
    cadre = world.users["cadre"]
    assert names(access.visible(cadre, Post)) == {"预算科科员"}
    assert names(access.visible(cadre, Unit)) == {"甲区财政局"}
    assert names(access.visible(cadre, Department)) == {"预算科"}
    with pytest.raises(Http404):
        access.get_visible_or_404(cadre, Person, world.colleague_sub_dept.pk)


def test_department_scopes(world):
    Role.objects.filter(code="cadre").update(scope=Role.Scope.DEPARTMENT_TREE)
    cadre = world.users["cadre"]
    assert names(access.visible(cadre, Person)) == {"李科员", "王组员"}
    Role.objects.filter(code="cadre").update(scope=Role.Scope.DEPARTMENT)
    cadre.refresh_from_db()  # drops the per-request caches
    fresh = type(cadre).objects.get(pk=cadre.pk)
    assert names(access.visible(fresh, Person)) == {"李科员"}


def test_cross_system_rank_reaches_equal_or_higher_posts_in_the_region(world):
    Role.objects.filter(code="unit_leader").update(cross_system_rank=True)
    leader = world.users["unit_leader"]  # 张局长, 正处级, 甲区
    people = names(access.visible(leader, Person))
    # own unit tree as before, plus nobody else: 住建局副局长 is 副处级, lower than 正处级
    assert people == FINANCE_TREE_PEOPLE
    Post.objects.filter(pk=world.post_housing.pk).update(rank=world.post_director.rank)
    fresh = type(leader).objects.get(pk=leader.pk)
    people = names(access.visible(fresh, Person))
    assert "孙副局长" in people  # now 正处级 in the same district
    assert "周局长" not in people  # 正处级 too, but in another district


def test_union_of_several_role_assignments(world):
    from lianjing.accounts.models import RoleAssignment

    cadre = world.users["cadre"]
    RoleAssignment.objects.create(
        user=cadre, role=Role.objects.get(code="collector"), unit=world.housing
    )
    fresh = type(cadre).objects.get(pk=cadre.pk)
    assert names(access.visible(fresh, Person)) == {"李科员", "孙副局长"}


def test_change_needs_the_manage_permission_in_scope(world):
    assert access.can_change(world.users["system_admin"], world.clerk)
    assert not access.can_change(world.users["discipline_inspector"], world.clerk)
    assert access.can_view(world.users["discipline_inspector"], world.clerk)


def test_inactive_and_anonymous_users_reach_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    inspector = world.users["discipline_inspector"]
    inspector.is_active = False
    assert not access.visible(inspector, Person).exists()
    assert not access.visible(AnonymousUser(), Person).exists()


@pytest.mark.parametrize("pk", ["abc", "-1", "0", str(2**70), None])
def test_bad_keys_are_404_not_errors(world, pk):
    with pytest.raises(Http404):
        access.get_visible_or_404(world.users["system_admin"], Person, pk)


def test_orientation_units_are_shown_but_never_changeable(world):
    from lianjing.accounts.models import Role

    Role.objects.filter(code="cadre").update(permissions=["org.view", "org.manage"])
    cadre = world.users["cadre"]
    assert access.can_view(cadre, world.finance)
    assert not access.can_change(cadre, world.finance)
    assert access.can_change(cadre, world.clerk)  # self scope: their own record
