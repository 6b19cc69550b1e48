from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from lianjing.accounts import services
from lianjing.accounts.models import Role, RoleAssignment, User
from lianjing.accounts.tests.factories import UserFactory
from lianjing.core.models import AuditEvent
from lianjing.org.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Qiangmima-2026-xin"


def test_admin_lists_users_with_filters_and_export(admin_client):
    UserFactory.create(username="zhangsan", full_name="张三", roles=["cadre"])
    UserFactory.create(username="lisi", full_name="李四", roles=["unit_leader"])
    url = reverse("accounts:user_list")
    page = admin_client.get(url, {"q": "张"})
    assert page.status_code == 200
    assert "张三" in page.text
    assert "李四" not in page.text
    by_role = admin_client.get(url, {"role": Role.objects.get(code="unit_leader").pk})
    assert "李四" in by_role.text and "张三" not in by_role.text
    export = admin_client.get(url, {"q": "张", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("用户名", "姓名")
    assert rows[1][:2] == ("zhangsan", "张三")
    assert len(rows) == 2


def test_htmx_filter_returns_only_the_results_fragment(admin_client):
    UserFactory.create(username="zhangsan", full_name="张三")
    response = admin_client.get(
        reverse("accounts:user_list"),
        {"q": "张"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="list-results",
    )
    assert response.status_code == 200
    assert 'id="list-results"' in response.text
    assert "<html" not in response.text


def test_admin_creates_user_and_it_is_audited(admin_client, admin_user):
    response = admin_client.post(
        reverse("accounts:user_create"),
        {
            "username": "wangwu",
            "full_name": "王五",
            "email": "",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="wangwu")
    assert response["Location"] == reverse("accounts:user_edit", args=[user.pk])
    assert user.check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(action="accounts.user.created")
    assert event.actor_id == admin_user.pk
    assert "password" not in str(event.after)
    assert NEW_PASSWORD not in str(event.after)


def test_admin_grants_roles_anchored_at_units(admin_client):
    unit = UnitFactory.create(code="U-FIN", name="财政局")
    bureau = UnitFactory.create(code="U-HOU", name="住建局")
    user = UserFactory.create(username="zhangsan")
    url = reverse("accounts:role_assignment_create", args=[user.pk])
    leader = Role.objects.get(code="unit_leader")
    missing_unit = admin_client.post(url, {"role": leader.pk, "unit_code": ""})
    assert "请选择所在单位" in missing_unit.text
    unknown = admin_client.post(url, {"role": leader.pk, "unit_code": "NOPE"})
    assert "单位编码不存在：NOPE" in unknown.text
    assert not RoleAssignment.objects.filter(user=user).exists()

    assert admin_client.post(url, {"role": leader.pk, "unit_code": "U-FIN"}).status_code == 302
    stationed = Role.objects.get(code="stationed_team")
    no_units = admin_client.post(url, {"role": stationed.pk, "unit_code": "U-FIN"})
    assert "至少一个归口联系单位" in no_units.text
    response = admin_client.post(
        url, {"role": stationed.pk, "unit_code": "U-FIN", "assigned_unit_codes": "U-FIN、U-HOU"}
    )
    assert response.status_code == 302
    grants = RoleAssignment.objects.filter(user=user).order_by("id")
    assert [(g.role.code, g.unit) for g in grants] == [
        ("unit_leader", unit),
        ("stationed_team", unit),
    ]
    assert set(grants[1].assigned_units.all()) == {unit, bureau}
    page = admin_client.get(reverse("accounts:user_edit", args=[user.pk]))
    assert "财政局" in page.text and "归口联系" in page.text
    event = AuditEvent.objects.filter(action="accounts.role_assignment.created").order_by("-id")[0]
    assert (event.after or {})["assigned_units"] == ["U-FIN", "U-HOU"]

    delete = reverse("accounts:role_assignment_delete", args=[grants[0].pk])
    assert admin_client.post(delete).status_code == 302
    assert list(RoleAssignment.objects.filter(user=user).values_list("role__code", flat=True)) == [
        "stationed_team"
    ]
    assert AuditEvent.objects.filter(action="accounts.role_assignment.deleted").exists()


def test_create_user_errors_are_field_by_field_and_nothing_is_saved(admin_client):
    UserFactory.create(username="taken")
    response = admin_client.post(
        reverse("accounts:user_create"),
        {"username": "taken", "full_name": "", "new_password1": "123", "new_password2": "456"},
    )
    assert response.status_code == 200
    assert "已存在" in response.text
    assert "这个字段是必填项" in response.text
    assert "两次输入的密码不一致" in response.text
    assert User.objects.filter(username="taken").count() == 1
    assert not AuditEvent.objects.filter(action="accounts.user.created").exists()


def test_admin_edits_and_deactivates(admin_client):
    user = UserFactory.create(username="zhangsan", roles=["cadre"])
    response = admin_client.post(
        reverse("accounts:user_edit", args=[user.pk]), {"full_name": "张三", "email": ""}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    assert user.full_name == "张三"
    event = AuditEvent.objects.get(action="accounts.user.updated")
    before, after = event.before or {}, event.after or {}
    assert before["is_active"] is True
    assert after["is_active"] is False


def test_admin_requires_two_factor_for_a_role(admin_client):
    role = Role.objects.get(code="discipline_inspector")
    response = admin_client.post(
        reverse("accounts:role_edit", args=[role.pk]),
        {
            "name": role.name,
            "description": role.description,
            "scope": "unit_tree",
            "cross_system_rank": "on",
            "requires_two_factor": "on",
        },
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.requires_two_factor
    assert role.cross_system_rank
    assert role.code == "discipline_inspector"
    assert AuditEvent.objects.filter(
        action="accounts.role.updated", object_id=str(role.pk)
    ).exists()


def test_admin_resets_password_and_unlocks(admin_client):
    user = UserFactory.create(username="zhangsan")
    response = admin_client.post(
        reverse("accounts:user_password_reset", args=[user.pk]),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert admin_client.post(reverse("accounts:user_unlock", args=[user.pk])).status_code == 302
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"accounts.password.reset", "accounts.user.unlocked"} <= actions


@pytest.mark.parametrize(
    "name, args",
    [
        ("accounts:user_list", []),
        ("accounts:user_create", []),
        ("accounts:role_list", []),
        ("accounts:role_create", []),
    ],
)
def test_non_admin_is_refused(cadre_client, name, args):
    response = cadre_client.get(reverse(name, args=args))
    assert response.status_code == 403
    assert "无权访问" in response.text


def test_sidebar_shows_only_what_the_user_may_open(client, cadre_user, admin_user):
    client.force_login(cadre_user)
    cadre_home = client.get("/").text
    assert "工作台" in cadre_home
    assert "用户管理" not in cadre_home
    client.force_login(admin_user)
    admin_home = client.get("/").text
    for label in ("用户管理", "角色管理", "工作日历", "审计日志"):
        assert label in admin_home


def test_error_pages_are_chinese_without_trace(client):
    with override_settings(DEBUG=False):
        response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.text
    assert "Traceback" not in response.text


def test_passwords_are_hashed_with_argon2_outside_tests():
    from config.settings import base

    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        user = services.user_create(
            actor=None, username="argon", full_name="测试", password=NEW_PASSWORD
        )
    assert user.password.startswith("argon2$")


def test_check_deploy_with_production_settings_reports_nothing(tmp_path: Path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k" * 20 + "Zq9!x_Lm3#Vb7Rt2Wn5Yp8Hs4Jd6Fg1Kc0Ae",
        "ALLOWED_HOSTS": "lianjing.example.gov.cn",
        "FIELD_ENCRYPTION_KEY": "cHJvZHVjdGlvbi10ZXN0LWtleS0wMTIzNDU2Nzg5YWI=",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "LIANJING_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
