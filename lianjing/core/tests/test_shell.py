from __future__ import annotations

import pytest
from django.test import RequestFactory

from config import urls

pytestmark = pytest.mark.django_db


def test_server_error_page_is_chinese_and_has_no_trace():
    response = urls.handler500(RequestFactory().get("/"))
    assert response.status_code == 500
    text = response.content.decode()
    assert "系统错误" in text
    assert "Traceback" not in text


def test_forbidden_page_is_chinese():
    response = urls.handler403(RequestFactory().get("/"), None)
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


def test_anonymous_user_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_healthz_answers_without_login(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_body_carries_csrf_header_for_htmx_and_assets_are_local(cadre_client):
    html = cadre_client.get("/").text
    assert 'hx-headers=\'{"X-CSRFToken": "' in html
    assert "htmx-2.min.js" in html
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html


def test_language_can_be_switched_to_english(cadre_client):
    response = cadre_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = cadre_client.get("/").text
    assert 'lang="en"' in html
    assert "Workbench" in html


def test_an_english_browser_still_gets_chinese_until_english_is_chosen(cadre_client):
    html = cadre_client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").text
    assert 'lang="zh-hans"' in html
    assert "工作台" in html
