from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lianjing.accounts.models import Role
from lianjing.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from lianjing.core.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def login(client, username, password=DEFAULT_PASSWORD, ip="10.1.1.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_login_page_is_chinese(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "登录廉镜" in response.text
    assert 'lang="zh-hans"' in response.text


def test_login_with_right_password_reaches_workbench(client):
    UserFactory.create(username="wang", full_name="王五", roles=["cadre"])
    response = login(client, "wang")
    assert response.status_code == 302
    home = client.get(response["Location"])
    assert "工作台" in home.text
    assert "王五" in home.text


def test_wrong_password_says_so_in_chinese(client):
    UserFactory.create(username="wang")
    response = login(client, "wang", "wrong-password")
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.text
    assert AuditEvent.objects.filter(action="accounts.login.failed", object_repr="wang").exists()


def test_username_locked_after_five_failures_even_with_right_password(client):
    UserFactory.create(username="wang")
    with time_machine.travel(START, tick=False) as traveller:
        for attempt in range(5):
            login(client, "wang", f"wrong-{attempt}", ip=f"10.0.0.{attempt}")
        locked = login(client, "wang", ip="10.9.9.9")
        assert locked.status_code == 429
        assert "已被临时锁定" in locked.text
        assert "_auth_user_id" not in client.session
        traveller.shift(dt.timedelta(minutes=16))
        assert login(client, "wang", ip="10.9.9.9").status_code == 302


def test_address_locked_after_failures_on_several_usernames(client):
    UserFactory.create(username="zhao")
    with time_machine.travel(START, tick=False):
        for attempt in range(5):
            login(client, f"guess{attempt}", "wrong", ip="10.5.5.5")
        assert login(client, "zhao", ip="10.5.5.5").status_code == 429
        assert login(client, "zhao", ip="10.5.5.6").status_code == 302


def test_idle_session_expires_but_activity_keeps_it_alive(client):
    UserFactory.create(username="wang")
    with time_machine.travel(START, tick=False) as traveller:
        login(client, "wang")
        traveller.shift(dt.timedelta(minutes=20))
        assert client.get("/").status_code == 200
        traveller.shift(dt.timedelta(minutes=20))
        assert client.get("/").status_code == 200
        traveller.shift(dt.timedelta(minutes=31))
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)


def test_logout_requires_post_and_is_audited(client):
    user = UserFactory.create(username="wang")
    client.force_login(user)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(action="accounts.logout", actor_id=user.pk).exists()


def _require_two_factor(code="discipline_inspector"):
    Role.objects.filter(code=code).update(requires_two_factor=True)


def _enrol(client):
    page = client.get(reverse("accounts:two_factor"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user__username="jiwei", confirmed=False)
    response = client.post(reverse("accounts:two_factor"), {"token": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 200
    return device, response


def test_role_requiring_two_factor_forces_enrolment_then_codes_are_single_use(client):
    _require_two_factor()
    UserFactory.create(username="jiwei", roles=["discipline_inspector"])
    with time_machine.travel(START, tick=False) as traveller:
        response = login(client, "jiwei")
        home = client.get(response["Location"])
        assert home.status_code == 302  # not yet verified: sent to the second step
        enrol_redirect = client.get(home["Location"])
        assert enrol_redirect["Location"].startswith(reverse("accounts:two_factor"))
        device, confirmed = _enrol(client)
        assert "备用验证码" in confirmed.text
        assert client.get("/").status_code == 200

        client.post("/accounts/logout/")
        traveller.shift(dt.timedelta(minutes=2))
        login(client, "jiwei")
        assert client.get("/").status_code == 302
        code = f"{totp(device.bin_key):06d}"
        ok = client.post(reverse("accounts:otp_verify"), {"token": code, "next": "/"})
        assert ok.status_code == 302
        assert client.get("/").status_code == 200

        client.post("/accounts/logout/")
        login(client, "jiwei")
        replay = client.post(reverse("accounts:otp_verify"), {"token": code, "next": "/"})
        assert replay.status_code == 200
        assert "验证码不正确或已使用过" in replay.text
        assert client.get("/").status_code == 302


def test_backup_code_works_once(client):
    _require_two_factor()
    UserFactory.create(username="jiwei", roles=["discipline_inspector"])
    with time_machine.travel(START, tick=False):
        login(client, "jiwei")
        _enrol(client)
    backup = StaticToken.objects.filter(device__user__username="jiwei").first().token
    for expected_status in (302, 200):
        client.post("/accounts/logout/")
        login(client, "jiwei")
        response = client.post(reverse("accounts:otp_verify"), {"token": backup, "next": "/"})
        assert response.status_code == expected_status
    assert AuditEvent.objects.filter(action="accounts.two_factor.failed").exists()


def test_user_without_required_role_logs_in_with_password_only(client):
    _require_two_factor()
    UserFactory.create(username="ganbu", roles=["cadre"])
    login(client, "ganbu")
    assert client.get("/").status_code == 200


def test_password_change_validates_and_keeps_the_session(client):
    user = UserFactory.create(username="wang")
    client.force_login(user)
    url = reverse("accounts:password_change")
    wrong = client.post(url, {"old_password": "nope", "new_password1": "a", "new_password2": "b"})
    assert "当前密码不正确" in wrong.text
    assert "两次输入的密码不一致" in wrong.text
    new = "Xin-mima-2026-qiang"
    ok = client.post(
        url, {"old_password": DEFAULT_PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert ok.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="accounts.password.changed", actor_id=user.pk).exists()


def test_security_headers(client):
    response = client.get(LOGIN)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
