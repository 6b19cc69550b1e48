"""Administrators configure the power categories and circumstances."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lianjing.core.models import AuditEvent
from lianjing.powers.models import Circumstance, PowerCategory

pytestmark = pytest.mark.django_db


def test_admin_adds_a_category(admin_client):
    response = admin_client.post(
        reverse("powers:reference_create", args=["categories"]),
        {"code": "reward", "name": "行政奖励", "order": "95"},
    )
    assert response.status_code == 302
    assert PowerCategory.objects.get(code="reward").name == "行政奖励"
    assert AuditEvent.objects.filter(action="powers.category.created").exists()


def test_duplicate_name_and_bad_code_are_refused(admin_client):
    response = admin_client.post(
        reverse("powers:reference_create", args=["categories"]),
        {"code": "奖励", "name": "行政处罚", "order": "95"},
    )
    page = response.content.decode()
    assert "代码只能包含英文字母、数字、下划线或连字符。" in page
    assert PowerCategory.objects.filter(name="行政处罚").count() == 1


def test_circumstance_order_must_be_unique_and_code_stays(admin_client):
    minor = Circumstance.objects.get(code="minor")
    ordinary = Circumstance.objects.get(code="ordinary")
    url = reverse("powers:reference_edit", args=["circumstances", minor.pk])
    response = admin_client.post(url, {"code": "x", "name": "轻微", "order": ordinary.order})
    assert response.status_code == 200 and "已存在" in response.content.decode()
    response = admin_client.post(url, {"code": "x", "name": "轻微违法", "order": 5})
    minor.refresh_from_db()
    assert (minor.code, minor.name, minor.order) == ("minor", "轻微违法", 5)


def test_unit_leader_may_not_configure(world):
    from django.test import Client

    client = Client()
    client.force_login(world.users["unit_leader"])
    url = reverse("powers:reference_list", args=["categories"])
    assert client.get(url).status_code == 403
