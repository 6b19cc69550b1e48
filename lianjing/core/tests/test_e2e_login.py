"""End to end: the real login page in Debian's Chromium, driven by Playwright."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright

from lianjing.accounts.builtin_roles import sync_builtin_roles
from lianjing.accounts.models import Role
from lianjing.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from lianjing.core.services_calendar import calendar_seed_from_package

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"

# Two different CJK characters drawn on a canvas: when no CJK font is installed both fall back to
# the same "tofu" box and the pixels are identical.
GLYPHS_DIFFER = """() => {
  const draw = (text) => {
    const canvas = document.createElement('canvas');
    canvas.width = 64; canvas.height = 64;
    const ctx = canvas.getContext('2d');
    ctx.font = '48px ' + getComputedStyle(document.body).fontFamily;
    ctx.fillText(text, 4, 52);
    return Array.from(ctx.getImageData(0, 0, 64, 64).data).join(',');
  };
  return draw('工') !== draw('台') && draw('工') !== draw('\\uE000');
}"""


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    # A transactional test starts from the database as the previous one left it after its flush:
    # put back what the migrations load.
    sync_builtin_roles(Role)
    calendar_seed_from_package(actor=None)


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API runs an event loop in this thread; Django's ORM in the test itself is
    # still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def test_login_through_the_real_page_shows_the_workbench_in_chinese(browser, live_server):
    UserFactory.create(username="admin", full_name="系统管理员", roles=["system_admin"])
    page = browser.new_page(locale="zh-CN")
    console_errors: list[str] = []
    page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)

    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("admin")
    page.get_by_label("密码").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    assert page.locator("h2.page-title").inner_text() == "工作台"
    assert page.get_by_text("系统管理员，您好").is_visible()
    assert page.get_by_role("link", name="审计日志").is_visible()
    assert page.evaluate(GLYPHS_DIFFER), (
        "Chinese characters render as boxes: is fonts-wqy-microhei installed?"
    )
    # the vendored Tabler stylesheet was served and applied (no CDN): the sidebar is dark
    assert (
        page.locator("aside.navbar-vertical").evaluate("e => getComputedStyle(e).display") != "none"
    )
    assert not [e for e in console_errors if "Content Security Policy" in e or "404" in e], (
        console_errors
    )

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "workbench.png"), full_page=True)
    page.close()


def test_admin_pages_work_in_the_browser_with_htmx_filters(browser, live_server):
    UserFactory.create(username="admin", full_name="系统管理员", roles=["system_admin"])
    UserFactory.create(username="zhangsan", full_name="张三", roles=["cadre"])
    page = browser.new_page(locale="zh-CN")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("admin")
    page.get_by_label("密码").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("link", name="用户管理").click()
    page.wait_for_url(f"{live_server.url}/accounts/users/")
    assert page.get_by_role("link", name="zhangsan").is_visible()
    # the filter refreshes the table in place through htmx and pushes the URL
    page.get_by_label("用户名或姓名").fill("admin")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**/accounts/users/?*q=admin*")
    page.get_by_role("link", name="zhangsan").wait_for(state="detached")
    assert page.get_by_role("link", name="admin").is_visible()

    page.get_by_role("link", name="审计日志").click()
    page.wait_for_url(f"{live_server.url}/system/audit/")
    assert page.get_by_text("accounts.login.succeeded").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "audit-log.png"), full_page=True)

    page.get_by_role("link", name="工作日历").click()
    page.wait_for_url(f"{live_server.url}/system/calendar/**")
    page.screenshot(path=str(ARTIFACTS / "calendar.png"), full_page=True)
    page.close()
