"""What the public sees: only published powers in force, of active units; each page in the
portal's own layout, without cookies, without internal data, and no 500 for any query string."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from lianjing.org.models import Status
from lianjing.org.tests.factories import (
    DepartmentFactory,
    PersonFactory,
    PostFactory,
    UnitFactory,
    assign,
)
from lianjing.portal.tests.samples import draft_power, published_power
from lianjing.powers import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    return UnitFactory.create(name="锦华区", kind="region")


@pytest.fixture
def market(district):
    return UnitFactory.create(name="锦华区市场监督管理局", parent=district)


def get(client: Client, name: str, *args, query: dict | None = None):
    return client.get(reverse(f"portal:{name}", args=args), query or {})


def text(response) -> str:
    return response.content.decode()


def test_index_lists_publishing_units_by_region_with_counts(client, district, market):
    street = UnitFactory.create(name="太平街道", kind="region", level="township", parent=district)
    published_power(market, code="SC-XK-1", name="食品经营许可")
    published_power(market, code="SC-CF-1", name="对无证经营的处罚", category="penalty")
    published_power(street, code="TP-QR-1", name="居住证明", category="confirmation")
    draft_power(market, code="SC-XK-2", name="药品零售许可")
    UnitFactory.create(name="锦华区财政局", parent=district)  # publishes nothing

    response = get(client, "index")
    page = text(response)
    assert response.status_code == 200
    assert "<title>职权目录公开 · 锦华区 权力公开运行平台</title>" in page
    assert "共 2 个单位公开职权 3 项。" in page
    assert "锦华区市场监督管理局" in page and "太平街道" in page
    assert "锦华区财政局" not in page
    assert "行政许可/审批 1" in page and "行政处罚 1" in page
    # the district's own units before the street's
    assert page.index("锦华区市场监督管理局") < page.index("太平街道")


def test_own_layout_without_the_internal_shell_or_scripts(client, market):
    published_power(market)
    page = text(get(client, "index"))
    assert "portal/portal.css" in page and "vendor/tabler/css/tabler.min.css" in page
    assert "<script" not in page and "style=" not in page
    assert "sidebar-menu" not in page and "退出登录" not in page
    assert "csrfmiddlewaretoken" not in page


def test_catalogue_by_category_with_search_and_filter(client, market):
    published_power(market, code="SC-XK-1", name="食品经营许可")
    published_power(market, code="SC-XK-2", name="药品零售许可", content="药店开办审批")
    published_power(market, code="SC-CF-1", name="对无证经营的处罚", category="penalty")

    page = text(get(client, "unit", market.pk))
    assert "锦华区市场监督管理局 · 职权目录" in page and "公开职权 3 项" in page
    table = page[page.index('id="portal-catalogue"') :]
    assert table.index("行政许可/审批") < table.index("食品经营许可") < table.index("行政处罚")
    assert 'method="get"' in page

    found = text(get(client, "unit", market.pk, query={"q": "药店"}))  # content
    assert "药品零售许可" in found and "食品经营许可" not in found
    assert "符合条件的职权 1 项" in found
    by_code = text(get(client, "unit", market.pk, query={"q": "sc-cf"}))
    assert "对无证经营的处罚" in by_code and "药品零售许可" not in by_code
    two_terms = text(get(client, "unit", market.pk, query={"q": "  许可   药品 "}))
    assert "药品零售许可" in two_terms and "食品经营许可" not in two_terms
    penalty = text(get(client, "unit", market.pk, query={"category": "penalty"}))
    assert "对无证经营的处罚" in penalty and "食品经营许可" not in penalty
    assert '<option value="penalty" selected>' in penalty
    nothing = text(get(client, "unit", market.pk, query={"q": "不存在的事项"}))
    assert "没有符合条件的职权" in nothing


def test_catalogue_is_paginated_and_bad_pages_fall_back(client, market):
    for i in range(23):
        published_power(market, code=f"SC-{i:03d}", name=f"许可事项{i:03d}")
    first = text(get(client, "unit", market.pk))
    assert "许可事项019" in first and "许可事项020" not in first
    assert "第 1 页，共 2 页" in first and 'href="?page=2"' in first
    second = text(get(client, "unit", market.pk, query={"page": "2"}))
    assert "许可事项020" in second and "许可事项019" not in second
    for page in ("abc", "0", "-1", "99999", "9" * 40, "２"):
        response = get(client, "unit", market.pk, query={"page": page})
        assert response.status_code == 200
    assert "许可事项022" in text(get(client, "unit", market.pk, query={"page": "99999"}))
    assert "许可事项000" in text(get(client, "unit", market.pk, query={"page": "abc"}))


@pytest.mark.parametrize(
    "query",
    [
        {"q": "x" * 5000},
        {"q": "\x00\x01"},
        {"q": "' OR 1=1 --"},
        {"q": "🀄️" * 50},
        {"category": "no-such-category"},
        {"category": "<script>"},
        {"category": "x" * 500},
        {"page": "NaN"},
        {"q": ["a", "b"], "page": ["1", "2"]},
    ],
)
def test_garbage_query_strings_never_fail(client, market, query):
    published_power(market)
    response = get(client, "unit", market.pk, query=query)
    assert response.status_code == 200
    assert "<script>" not in text(response)
    assert get(client, "index", query=query).status_code == 200


def test_unknown_category_shows_everything(client, market):
    published_power(market, code="SC-XK-1", name="食品经营许可")
    page = text(get(client, "unit", market.pk, query={"category": "no-such-category"}))
    assert "食品经营许可" in page and " selected" not in page


def test_power_page_shows_everything_public_and_no_people(client, market):
    office = DepartmentFactory.create(unit=market, name="行政审批科")
    post = PostFactory.create(unit=market, department=office, name="审批岗")
    assign(PersonFactory.create(name="王审批"), post)
    market.main_leader = PersonFactory.create(name="李局长")
    market.save()
    power = published_power(
        market,
        code="SC-CF-1",
        name="对无证经营的处罚",
        category="penalty",
        department=office,
        post=post,
    )

    response = get(client, "power", power.pk)
    page = text(response)
    assert response.status_code == 200
    for shown in (
        "对无证经营的处罚",
        "行政处罚",
        "锦华区市场监督管理局",
        "行政审批科",
        "公民、法人和其他组织",
        "20工作日",
        "不收费",
        "《中华人民共和国行政许可法》第三十条",
        "《中华人民共和国食品安全法》",
        "审批岗",
        "申请材料齐全、符合法定形式",
        "窗口受理，出具受理通知书",
        "受理通知书",
        "5小时",
        "15自然日",
    ):
        assert shown in page, shown
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "受理" in svg and "材料是否齐全" in svg and "（5工作日）" in svg and "不齐全" in svg
    assert "王审批" not in page and "李局长" not in page


def test_benchmarks_are_grouped_by_violation_and_measure(client, market):
    power = published_power(market, code="SC-CF-1", name="对无证经营的处罚", category="penalty")
    page = text(get(client, "power", power.pk))
    table = page[page.index('id="power-benchmarks"') :]
    assert table.count("未取得食品经营许可从事食品经营活动") == 2  # 警告, 罚款
    assert 'rowspan="3"' in table and 'rowspan="1"' in table
    assert (
        table.index("5000—20000元") < table.index("20000—60000元") < table.index("60000—100000元")
    )
    assert "初次违法且及时改正" in table and "食品安全法第一百二十二条" in table
    licence = published_power(market, code="SC-XK-1")
    assert 'id="power-benchmarks"' not in text(get(client, "power", licence.pk))


def test_only_published_current_powers_of_active_units_are_public(client, district, market):
    old = published_power(market, code="SC-XK-1", name="食品经营许可（旧）")
    revision = services.power_revise(actor=None, power=old)
    services.power_update(actor=None, power=revision, name="食品经营许可（新）")
    draft = draft_power(market, code="SC-XK-2", name="草稿事项")
    revoked = published_power(market, code="SC-XK-3", name="废止事项")
    services.power_revoke(actor=None, power=revoked, reason="法律修订")
    missing = get(client, "power", 999_999)
    assert missing.status_code == 404

    for hidden in (revision, draft, revoked):
        response = get(client, "power", hidden.pk)
        assert (response.status_code, response.content) == (404, missing.content)
    assert get(client, "power", old.pk).status_code == 200  # in force until the revision is
    catalogue = text(get(client, "unit", market.pk))
    assert "食品经营许可（旧）" in catalogue
    for name in ("草稿事项", "废止事项", "食品经营许可（新）"):
        assert name not in catalogue

    services.power_publish(actor=None, power=revision)
    cache.clear()  # (the generation bump runs on commit; see test_caching for that path)
    # a public link to the old version now shows the version in force
    assert "食品经营许可（新）" in text(get(client, "power", old.pk))
    assert get(client, "power", revision.pk).status_code == 200


def test_units_that_publish_nothing_or_are_closed_are_not_found(client, district, market):
    power = published_power(market)
    empty = UnitFactory.create(parent=district)
    missing = get(client, "unit", 999_999)
    assert missing.status_code == 404
    assert get(client, "unit", empty.pk).content == missing.content
    assert get(client, "unit", 2**63).status_code == 404
    assert get(client, "power", 2**63).status_code == 404

    market.status = Status.CLOSED
    market.save()
    cache.clear()
    missing = get(client, "unit", 999_999)  # (the title no longer names a region)
    assert get(client, "unit", market.pk).content == missing.content
    assert get(client, "power", power.pk).content == missing.content
    assert "锦华区市场监督管理局" not in text(get(client, "index"))


def test_markup_in_names_is_escaped(client, market):
    power = published_power(market, name="<script>alert(1)</script>许可")
    for response in (get(client, "unit", market.pk), get(client, "power", power.pk)):
        assert "<script>" not in text(response)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;许可" in text(response)


def test_no_cookies_for_visitors_and_public_cache_headers(client, market):
    power = published_power(market)
    for response in (
        get(client, "index"),
        get(client, "unit", market.pk),
        get(client, "power", power.pk),
    ):
        assert response.status_code == 200
        assert not response.cookies
        assert response["Cache-Control"] == "public, max-age=60"
        assert "Cookie" in response["Vary"]
    assert not get(client, "power", 999_999).cookies


def test_a_signed_in_visitor_gets_the_same_page_but_privately(client, cadre_client, market):
    power = published_power(market)
    anonymous = get(client, "power", power.pk)
    signed_in = get(cadre_client, "power", power.pk)
    assert signed_in.status_code == 200 and signed_in.content == anonymous.content
    assert "private" in signed_in["Cache-Control"] and "public" not in signed_in["Cache-Control"]


def test_only_get_and_head(client, market):
    published_power(market)
    assert client.post(reverse("portal:unit", args=[market.pk])).status_code == 405
    assert client.head(reverse("portal:index")).status_code == 200


def test_a_link_to_a_superseded_version_shows_the_version_in_force(client, db):
    from lianjing.org.tests.factories import UnitFactory
    from lianjing.portal.tests.samples import published_power
    from lianjing.powers import services

    unit = UnitFactory.create(name="锦华区市场监督管理局")
    first = published_power(unit)
    second = services.power_revise(actor=None, power=first)
    second.name = "食品经营许可（2026 年修订）"
    second.save(update_fields=["name"])
    services.power_publish(actor=None, power=second)
    from django.core.cache import cache

    cache.clear()  # the publish bumps the generation on commit, which a test transaction holds
    page = client.get(f"/public/powers/{first.pk}/").content.decode()
    assert "该职权已修订，以下为现行的第 2 版。" in page and "2026 年修订" in page
    revoked = services.power_revoke(actor=None, power=second, reason="职能划转")
    cache.clear()
    assert client.get(f"/public/powers/{revoked.pk}/").status_code == 404
    assert client.get(f"/public/powers/{first.pk}/").status_code == 404
