"""End to end (issue 4's "done when"): a unit leader builds a power with a branching flow in the
browser, publishes it, and an anonymous visitor sees it with its chart on the public portal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lianjing.accounts.tests.factories import DEFAULT_PASSWORD
from lianjing.core.tests.test_e2e_login import _reference_data, browser  # noqa: F401
from lianjing.org.models import KeyPostKind, Rank
from lianjing.org.reference import sync_reference_data
from lianjing.org.tests.factories import PostFactory
from lianjing.org.tests.world import build_world
from lianjing.powers.models import Circumstance, Power, PowerCategory
from lianjing.powers.reference import sync_categories, sync_circumstances

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _catalogue_reference(_reference_data):  # noqa: F811
    # a transactional test starts from a flushed database: put back what migrations load
    sync_reference_data(Rank, KeyPostKind)
    sync_categories(PowerCategory)
    sync_circumstances(Circumstance)


def card(key: str) -> str:
    return f'[data-step-key="{key}"]'


def test_leader_builds_and_publishes_a_branching_flow_the_public_sees(browser, live_server):  # noqa: F811
    world = build_world()
    PostFactory.create(unit=world.finance, name="政府采购监管岗", department=world.budget)
    page = browser.new_page(locale="zh-CN")
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("w_leader")
    page.get_by_label("密码").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    # the particulars
    page.get_by_role("link", name="职权目录").click()
    page.get_by_role("link", name="新建职权").click()
    page.get_by_label("职权编码").fill("CZ-QR-001")
    page.get_by_label("职权名称").fill("政府采购投诉处理")
    page.get_by_label("职权类别").select_option(label="行政裁决")
    page.get_by_label("实施主体").select_option(label="甲区财政局")
    page.wait_for_selector("#id_department option:has-text('预算科')", state="attached")
    page.get_by_label("承办机构").select_option(label="预算科")
    page.get_by_label("法律依据").fill(
        "《中华人民共和国政府采购法》第五十五条\n《政府采购质疑和投诉办法》"
    )
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{live_server.url}/powers/*/flow/")

    # the flow: 开始 → 受理 → 材料是否齐全 (齐全 → 办结; 需补正 → 补正材料 → 受理)
    page.locator(f"{card('S2')} input[id$='-name']").fill("受理投诉")
    page.locator("#add-decision").click()
    page.wait_for_selector(card("S4"))
    page.locator(f"{card('S4')} input[id$='-name']").fill("材料是否齐全")
    page.locator(f"{card('S4')} input[id$='-b0-label']").fill("齐全")
    page.locator(f"{card('S4')} input[id$='-b1-label']").fill("需补正")
    page.locator(f"{card('S2')} select[id$='-handler']").select_option(
        label="政府采购监管岗（预算科）"
    )
    page.locator("#add-step").click()
    page.wait_for_selector(card("S5"))
    page.locator(f"{card('S5')} input[id$='-name']").fill("补正材料")
    page.locator(f"{card('S5')} select[id$='-b0-target']").select_option(value="S2")
    page.locator(f"{card('S4')} select[id$='-b1-target']").select_option(value="S5")
    # the chart follows the edits
    page.wait_for_function(
        "() => document.querySelector('#flow-preview-chart svg')?.textContent.includes('补正材料')"
    )
    assert page.locator("#flow-rules-ok").is_visible()
    page.locator("#save-flow").click()
    page.wait_for_url(f"{live_server.url}/powers/*/")

    power = Power.objects.get(code="CZ-QR-001")
    assert {e.label for e in power.edges.all()} >= {"齐全", "需补正"}
    page.locator("#publish-button").click()
    page.wait_for_selector("text=已公布，公众可在公开门户查看。")
    power.refresh_from_db()
    assert power.status == "published"

    # an anonymous visitor, in a fresh browser context
    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(f"{live_server.url}{reverse('portal:power', args=[power.pk])}")
    chart = visitor.locator("svg").first
    chart.wait_for()
    text = chart.text_content() or ""
    for name in ("受理投诉", "材料是否齐全", "补正材料", "办结", "齐全", "需补正"):
        assert name in text
    assert "政府采购质疑和投诉办法" in visitor.content()
    assert not console_errors, console_errors
