"""Structural prevention: a post or a person holding both sides of an incompatible pair."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from lianjing.org.models import Assignment
from lianjing.risks.models import DutyRole, IncompatiblePair, PostDuty
from lianjing.risks.separation import unit_conflicts

pytestmark = pytest.mark.django_db


def role(domain: str, code: str) -> DutyRole:
    return DutyRole.objects.get(domain__code=domain, code=code)


def test_seeded_domains_make_every_two_duties_incompatible():
    assert IncompatiblePair.objects.filter(domain__code="procurement").count() == 3
    assert IncompatiblePair.objects.filter(domain__code="investment").count() == 6


def test_a_post_with_both_duties_and_a_person_with_two_posts_are_found(world):
    PostDuty.objects.create(post=world.post_budget_clerk, role=role("procurement", "manage"))
    PostDuty.objects.create(post=world.post_budget_clerk, role=role("procurement", "purchase"))
    PostDuty.objects.create(post=world.post_other_dept, role=role("penalty", "investigate"))
    PostDuty.objects.create(post=world.post_sub_dept, role=role("penalty", "decide"))
    assert [c.post for c in unit_conflicts(world.finance)] == [world.post_budget_clerk]
    # 赵科员 (国库科科员: 调查取证) also takes on the 绩效组科员 post (审核决定)
    Assignment.objects.create(
        person=world.colleague_other_dept,
        post=world.post_sub_dept,
        start_date=date(2026, 1, 1),
        is_primary=False,
    )
    people = [(c.person.name, c.pair) for c in unit_conflicts(world.finance) if c.person]
    assert people == [("赵科员", "调查取证 ✕ 审核决定")]


def test_leader_sets_duties_on_the_page_and_sees_conflicts(world):
    client = Client()
    client.force_login(world.users["unit_leader"])
    add = reverse("risks:post_duty_add", args=[world.finance.pk])
    for code in ("cashier", "account"):
        client.post(add, {"post": world.post_budget_clerk.pk, "role": role("finance", code).pk})
    page = client.get(reverse("risks:separation", args=[world.finance.pk])).content.decode()
    assert "出纳 ✕ 记账" in page and "同时承担两项不相容职责" in page
    client.post(add, {"post": world.post_housing.pk, "role": role("finance", "audit").pk})
    assert PostDuty.objects.count() == 2  # a post of another unit is refused


def test_other_units_and_cadres_get_404(world):
    client = Client()
    client.force_login(world.users["unit_leader"])
    assert client.get(reverse("risks:separation", args=[world.housing.pk])).status_code == 404
    cadre = Client()
    cadre.force_login(world.users["cadre"])
    assert cadre.get(reverse("risks:separation", args=[world.finance.pk])).status_code == 404
