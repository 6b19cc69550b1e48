"""A public spike must not reach the database: a repeated hit is served from the cache with zero
queries, and publishing or revoking a power shows on the very next hit (the generation bump)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lianjing.org.tests.factories import UnitFactory
from lianjing.portal.tests.samples import draft_power, published_power
from lianjing.powers import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    district = UnitFactory.create(name="锦华区", kind="region")
    return UnitFactory.create(name="锦华区市场监督管理局", parent=district)


def urls(market, power) -> list[str]:
    unit = reverse("portal:unit", args=[market.pk])
    return [
        reverse("portal:index"),
        unit,
        f"{unit}?q=许可&category=licensing&page=1",
        reverse("portal:power", args=[power.pk]),
        reverse("portal:power", args=[999_999]),  # a miss is cached as well
    ]


def test_a_repeated_hit_runs_no_query(client, market, django_assert_num_queries):
    power = published_power(market)
    for url in urls(market, power):
        with CaptureQueriesContext(connection) as first:
            expected = client.get(url)
        assert len(first.captured_queries) > 0
        with django_assert_num_queries(0):
            again = client.get(url)
        assert (again.status_code, again.content) == (expected.status_code, expected.content)


def test_the_same_search_spelt_differently_shares_the_cached_page(
    client, market, django_assert_num_queries
):
    published_power(market)
    unit = reverse("portal:unit", args=[market.pk])
    client.get(unit, {"q": "食品 许可", "page": "1"})
    with django_assert_num_queries(0):
        response = client.get(unit, {"q": "  食品   许可 ", "page": "01", "utm_source": "x"})
    assert response.status_code == 200 and "食品经营许可" in response.content.decode()


def test_publishing_shows_on_the_next_hit(client, market, django_capture_on_commit_callbacks):
    published_power(market, code="SC-XK-1", name="食品经营许可")
    unit = reverse("portal:unit", args=[market.pk])
    assert "药品零售许可" not in client.get(unit).content.decode()
    draft = draft_power(market, code="SC-XK-2", name="药品零售许可")

    with django_capture_on_commit_callbacks() as callbacks:
        services.power_publish(actor=None, power=draft)
    # published, but until the commit bumps the generation the cached page is what is served
    assert "药品零售许可" not in client.get(unit).content.decode()
    for callback in callbacks:
        callback()

    assert "药品零售许可" in client.get(unit).content.decode()
    assert client.get(reverse("portal:power", args=[draft.pk])).status_code == 200
    assert "共 1 个单位公开职权 2 项。" in client.get(reverse("portal:index")).content.decode()


def test_revoking_hides_on_the_next_hit(client, market, django_capture_on_commit_callbacks):
    kept = published_power(market, code="SC-XK-1", name="食品经营许可")
    revoked = published_power(market, code="SC-XK-2", name="药品零售许可")
    unit = reverse("portal:unit", args=[market.pk])
    page = reverse("portal:power", args=[revoked.pk])
    assert "药品零售许可" in client.get(unit).content.decode()
    assert client.get(page).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        services.power_revoke(actor=None, power=revoked, reason="上位法已废止")

    assert "药品零售许可" not in client.get(unit).content.decode()
    assert client.get(page).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        services.power_revoke(actor=None, power=kept, reason="职能划转")
    assert client.get(unit).status_code == 404  # nothing left to publish
    assert "暂无公开的职权事项" in client.get(reverse("portal:index")).content.decode()


def test_each_language_has_its_own_cached_page(client, market):
    power = published_power(market)
    url = reverse("portal:power", args=[power.pk])
    chinese = client.get(url)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url)
    assert chinese["Content-Language"] == "zh-hans" and english["Content-Language"] == "en"
    assert '<html lang="zh-hans">' in chinese.content.decode()
    assert '<html lang="en">' in english.content.decode()


def test_the_chart_survives_a_graphviz_failure(client, market, monkeypatch):
    import graphviz

    from lianjing.powers import chart

    def broken(*args, **kwargs):
        raise graphviz.ExecutableNotFound(["dot"])

    monkeypatch.setattr(chart, "_draw", broken)
    power = published_power(market)
    response = client.get(reverse("portal:power", args=[power.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "流程图暂时无法显示" in page and "材料是否齐全" in page and "<svg" not in page
