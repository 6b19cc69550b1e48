"""The register pages: scope (404 out of it, 403 without the permission), the level summary
and the 10% rule, a risk point entered through the form and explained, measures."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from lianjing.risks.models import ControlMeasure, RiskPoint
from lianjing.risks.reference import FACTORS
from lianjing.risks.tests.factories import HIGHEST, post_risk

pytestmark = pytest.mark.django_db


def client_for(world, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def form_data(world, **extra) -> dict[str, Any]:
    data = {
        "year": "2026",
        "target_kind": "post",
        "post": str(world.post_budget_clerk.pk),
        "risk_type": "post_duty",
        "description": "预算编制中违规调剂资金",
        "manifestations": "为关系单位多安排预算",
        "causes": "预算调剂审核把关不严",
        "found_by": ["self", "expert"],
        "f_probability": "2",
        "f_harm": "3",
        **{f"f_{code}": "1" for code, *_ in FACTORS},
    }
    data.update(extra)
    return data


def test_leader_enters_a_risk_point_and_sees_how_it_was_graded(world):
    client = client_for(world, "unit_leader")
    url = reverse("risks:point_create") + f"?unit={world.finance.pk}&year=2026"
    response = client.post(url, form_data(world))
    point = RiskPoint.objects.get()
    assert response.status_code == 302 and point.found_by == ["self", "expert"]
    page = client.get(reverse("risks:point_detail", args=[point.pk])).content.decode()
    assert "等级是怎样评定的" in page and "处置资金物资资源量" in page
    assert f'id="computed-score">{point.computed_score}<' in page


def test_bad_input_is_refused_field_by_field(world):
    client = client_for(world, "unit_leader")
    url = reverse("risks:point_create") + f"?unit={world.finance.pk}&year=2026"
    data = form_data(world, post=str(world.post_housing.pk), f_media="9", description="")
    data.pop("f_harm")
    page = client.post(url, data).content.decode()
    assert "请选择有效的岗位。" in page
    assert "请选择有效的媒体曝光率。" in page
    assert "请选择危害程度。" in page
    assert "请填写风险点描述。" in page
    assert not RiskPoint.objects.exists()


def test_an_override_without_the_collective_decision_is_refused(world):
    client = client_for(world, "unit_leader")
    url = reverse("risks:point_create") + f"?unit={world.finance.pk}&year=2026"
    page = client.post(url, form_data(world, override_level="1")).content.decode()
    assert "确定与计算结果不同的等级，须写明理由。" in page
    assert "请填写领导班子集体审定的日期。" in page
    assert not RiskPoint.objects.exists()


def test_out_of_scope_unit_and_point_are_404(world):
    other = post_risk(world.post_housing)
    client = client_for(world, "unit_leader")
    assert client.get(reverse("risks:point_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("risks:register", args=[world.housing.pk, 2026])).status_code == 404
    create = reverse("risks:point_create") + f"?unit={world.housing.pk}"
    assert client.get(create).status_code == 404


def test_cadre_sees_the_risks_of_their_own_post_only(world):
    own = post_risk(world.post_budget_clerk)
    colleague = post_risk(world.post_other_dept)
    client = client_for(world, "cadre")
    assert client.get(reverse("risks:point_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("risks:point_detail", args=[colleague.pk])).status_code == 404
    assert (
        client.get(reverse("risks:point_create") + f"?unit={world.finance.pk}").status_code == 403
    )


def test_register_page_shows_the_share_and_confirm_is_refused_over_ten_percent(world):
    for _ in range(2):
        post_risk(world.post_budget_clerk, inputs=HIGHEST)
    for _ in range(3):
        post_risk(world.post_budget_clerk)
    client = client_for(world, "unit_leader")
    url = reverse("risks:register", args=[world.finance.pk, 2026])
    page = client.get(url).content.decode()
    assert 'id="level-one-share">40.0%<' in page and "申请例外" in page
    response = client.post(reverse("risks:register_confirm", args=[world.finance.pk, 2026]))
    follow = client.get(response["Location"]).content.decode()
    assert "一级风险点 2 个，占风险点总数 5 个的 40.0%" in follow
    assert not RiskPoint.objects.filter(status="confirmed").exists()


def test_exception_requested_by_the_unit_approved_by_the_discipline_office(world):
    for _ in range(2):
        post_risk(world.post_budget_clerk, inputs=HIGHEST)
    post_risk(world.post_budget_clerk)
    leader = client_for(world, "unit_leader")
    leader.post(
        reverse("risks:exception_request", args=[world.finance.pk, 2026]),
        {"text": "本年度承担全区专项债资金拨付，一级风险集中"},
    )
    from lianjing.risks.models import RegisterException

    exception = RegisterException.objects.get()
    decide = reverse("risks:exception_decide", args=[exception.pk])
    assert leader.get(decide).status_code == 403
    inspector = client_for(world, "discipline_inspector")
    assert inspector.post(decide, {"approve": "1", "note": "同意"}).status_code == 302
    leader.post(reverse("risks:register_confirm", args=[world.finance.pk, 2026]))
    assert RiskPoint.objects.filter(status="confirmed").count() == 3


def test_measures_are_added_with_an_owner_of_the_unit(world):
    point = post_risk(world.post_budget_clerk)
    client = client_for(world, "unit_leader")
    url = reverse("risks:measure_add", args=[point.pk])
    client.post(
        url,
        {
            "kind": "supervision",
            "content": "预算调剂事项每季度由财务科复核并向党组报告",
            "owner": str(world.director.pk),
            "due_date": "2026-12-31",
            "check_method": "查阅季度复核记录",
            "status": "planned",
        },
    )
    measure = ControlMeasure.objects.get()
    assert measure.owner == world.director and measure.kind == "supervision"
    client.post(url, {"kind": "nonsense", "content": "", "status": "planned"})
    assert ControlMeasure.objects.count() == 1


def test_measure_status_is_updated_and_a_point_retired_ends_its_responsibility(world):
    from lianjing.risks import services
    from lianjing.risks.models import Responsibility

    point = post_risk(world.post_budget_clerk)
    measure = services.measure_add(
        actor=None, risk_point=point, kind="system", content="建立预算调剂复核制度"
    )
    client = client_for(world, "unit_leader")
    status_url = reverse("risks:measure_status", args=[point.pk, measure.pk])
    client.post(status_url, {"status": "done"})
    client.post(status_url, {"status": "nonsense"})
    measure.refresh_from_db()
    assert measure.status == "done"
    retire = reverse("risks:point_retire", args=[point.pk])
    assert "请填写理由。" in client.post(retire, {"text": ""}).content.decode()
    client.post(retire, {"text": "职能划转，岗位不再办理预算调剂"})
    point.refresh_from_db()
    assert point.status == "retired"
    assert not Responsibility.objects.filter(risk_point=point, until__isnull=True).exists()
    other = post_risk(world.post_housing)
    foreign = reverse("risks:measure_status", args=[other.pk, measure.pk])
    assert client.post(foreign, {"status": "planned"}).status_code == 404
