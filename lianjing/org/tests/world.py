"""A small organisation for scope tests: two districts, units with a sub-unit, departments,
posts and people, and one account per built-in role anchored where that role would be.

    四川省 (region)
      甲区 (region, district A)            乙区 (region, district B)
        甲区财政局 (finance)                   乙区财政局 (other_district_unit)
          预算科 (budget dept) ─ 绩效组 (sub-dept)
          甲区财政局国库支付中心 (sub_unit)
        甲区住建局 (housing)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lianjing.accounts.models import Role, RoleAssignment, User
from lianjing.accounts.tests.factories import UserFactory
from lianjing.org.models import Department, Person, Post, Rank, Unit
from lianjing.org.tests.factories import (
    DepartmentFactory,
    PersonFactory,
    PostFactory,
    UnitFactory,
    assign,
)


@dataclass
class World:
    province: Unit
    district_a: Unit
    district_b: Unit
    finance: Unit
    sub_unit: Unit
    housing: Unit
    other_district_unit: Unit
    budget: Department
    budget_sub: Department
    finance_other_dept: Department
    housing_dept: Department
    other_district_dept: Department
    post_director: Post  # 财政局局长, 正处级
    post_budget_clerk: Post  # 预算科科员
    post_sub_dept: Post  # 绩效组科员
    post_other_dept: Post  # 国库科科员 (same unit, other department)
    post_sub_unit: Post
    post_housing: Post  # 住建局副局长, 副处级
    post_other_district: Post  # 乙区财政局局长, 正处级
    director: Person
    clerk: Person  # the cadre's own person
    colleague_sub_dept: Person
    colleague_other_dept: Person
    sub_unit_person: Person
    housing_person: Person
    other_district_person: Person
    users: dict[str, User]


def _rank(code: str) -> Rank:
    return Rank.objects.get(code=code)


def _person(post: Post, name: str, **kwargs: Any) -> Person:
    person = PersonFactory.create(name=name, **kwargs)
    assign(person, post)
    return person


def _grant(user: User, role: str, unit: Unit | None, assigned: list[Unit] | None = None) -> None:
    assignment = RoleAssignment.objects.create(
        user=user, role=Role.objects.get(code=role), unit=unit
    )
    if assigned:
        assignment.assigned_units.set(assigned)


def build_world() -> World:
    region = Unit.Kind.REGION
    province = UnitFactory.create(name="四川省", level="province", kind=region)
    district_a = UnitFactory.create(name="甲区", parent=province, kind=region)
    district_b = UnitFactory.create(name="乙区", parent=province, kind=region)
    finance = UnitFactory.create(name="甲区财政局", parent=district_a)
    sub_unit = UnitFactory.create(name="甲区国库支付中心", parent=finance, kind="institution")
    housing = UnitFactory.create(name="甲区住建局", parent=district_a)
    other = UnitFactory.create(name="乙区财政局", parent=district_b)
    budget = DepartmentFactory.create(unit=finance, name="预算科")
    budget_sub = DepartmentFactory.create(unit=finance, parent=budget, name="绩效组")
    treasury = DepartmentFactory.create(unit=finance, name="国库科")
    housing_dept = DepartmentFactory.create(unit=housing, name="质量安全科")
    other_dept = DepartmentFactory.create(unit=other, name="乙区财政局办公室")

    def post(unit: Unit, name: str, rank: str, department: Department | None = None) -> Post:
        return PostFactory.create(unit=unit, department=department, name=name, rank=_rank(rank))

    p_director = post(finance, "局长", "division")
    p_clerk = post(finance, "预算科科员", "staff", budget)
    p_sub_dept = post(finance, "绩效组科员", "staff", budget_sub)
    p_other_dept = post(finance, "国库科科员", "staff", treasury)
    p_sub_unit = post(sub_unit, "支付中心主任", "section")
    p_housing = post(housing, "副局长", "deputy_division", housing_dept)
    p_other_district = post(other, "局长", "division")

    users = {
        "system_admin": UserFactory.create(username="w_admin"),
        "discipline_inspector": UserFactory.create(username="w_inspector"),
        "stationed_team": UserFactory.create(username="w_stationed"),
        "collector": UserFactory.create(username="w_collector"),
        "unit_leader": UserFactory.create(username="w_leader"),
        "cadre": UserFactory.create(username="w_cadre"),
        "org_personnel": UserFactory.create(username="w_orgdept"),
    }
    director = _person(p_director, "张局长", user=users["unit_leader"])
    clerk = _person(p_clerk, "李科员", user=users["cadre"])
    world = World(
        province=province,
        district_a=district_a,
        district_b=district_b,
        finance=finance,
        sub_unit=sub_unit,
        housing=housing,
        other_district_unit=other,
        budget=budget,
        budget_sub=budget_sub,
        finance_other_dept=treasury,
        housing_dept=housing_dept,
        other_district_dept=other_dept,
        post_director=p_director,
        post_budget_clerk=p_clerk,
        post_sub_dept=p_sub_dept,
        post_other_dept=p_other_dept,
        post_sub_unit=p_sub_unit,
        post_housing=p_housing,
        post_other_district=p_other_district,
        director=director,
        clerk=clerk,
        colleague_sub_dept=_person(p_sub_dept, "王组员"),
        colleague_other_dept=_person(p_other_dept, "赵科员"),
        sub_unit_person=_person(p_sub_unit, "钱主任"),
        housing_person=_person(p_housing, "孙副局长"),
        other_district_person=_person(p_other_district, "周局长"),
        users=users,
    )
    _grant(users["system_admin"], "system_admin", None)
    _grant(users["discipline_inspector"], "discipline_inspector", district_a)
    _grant(users["stationed_team"], "stationed_team", district_a, assigned=[finance])
    _grant(users["collector"], "collector", housing)
    _grant(users["unit_leader"], "unit_leader", finance)
    _grant(users["cadre"], "cadre", finance)
    _grant(users["org_personnel"], "org_personnel", district_a)
    return world
