"""Administrators version the grading model; putting a version in force regrades nothing; the
regrade is previewed, then applied explicitly and audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lianjing.core.models import AuditEvent
from lianjing.risks import services, services_grading
from lianjing.risks.forms_grading import options_text
from lianjing.risks.models import GradingModel, RiskPoint
from lianjing.risks.tests.factories import post_risk

pytestmark = pytest.mark.django_db


def _draft(admin_client) -> GradingModel:
    active = GradingModel.objects.get(status="active")
    admin_client.post(reverse("risks:grading_new_version", args=[active.pk]))
    return GradingModel.objects.get(status="draft")


def _edit_data(model: GradingModel, **changes) -> dict[str, str]:
    data = {
        "name": model.name,
        "note": "提高资金因素权重",
        "likelihood_share": "0.30",
        "level1_min": "75",
        "level2_min": "30",  # lower: more points become 二级
        "f-TOTAL_FORMS": str(model.factors.count()),
        "f-INITIAL_FORMS": str(model.factors.count()),
        "f-MIN_NUM_FORMS": "0",
        "f-MAX_NUM_FORMS": "30",
    }
    for i, factor in enumerate(model.factors.all()):
        data.update(
            {
                f"f-{i}-code": factor.code,
                f"f-{i}-name": factor.name,
                f"f-{i}-weight": str(factor.weight),
                f"f-{i}-options": options_text(factor.options),
            }
        )
    data.update(changes)
    return data


def test_a_new_version_is_activated_without_regrading_then_regraded_explicitly(world, admin_client):
    point = post_risk(world.post_budget_clerk)  # 15.2 points: 三级 under version 1
    draft = _draft(admin_client)
    response = admin_client.post(
        reverse("risks:grading_edit", args=[draft.pk]), _edit_data(draft, level2_min="15")
    )
    assert response.status_code == 302
    admin_client.post(reverse("risks:grading_activate", args=[draft.pk]))
    draft.refresh_from_db()
    point.refresh_from_db()
    assert draft.status == "active" and point.level == 3 and point.grading_model.version_no == 1

    page = admin_client.get(reverse("risks:regrade")).content.decode()
    assert "重新评定后等级变化 1 个" in page
    admin_client.post(reverse("risks:regrade"))
    point.refresh_from_db()
    assert (point.level, point.grading_model_id) == (2, draft.pk)
    event = AuditEvent.objects.get(action="risks.points.regraded")
    assert event.after is not None
    assert event.after["points"][0][:3] == [point.pk, 3, 2]


def test_a_model_in_force_is_not_edited(admin_client):
    active = GradingModel.objects.get(status="active")
    response = admin_client.get(reverse("risks:grading_edit", args=[active.pk]))
    assert response.status_code == 302


def test_bad_model_input_is_named_and_nothing_changes(admin_client):
    draft = _draft(admin_client)
    data = _edit_data(draft, level1_min="40", level2_min="60")
    data["f-0-options"] = "一般岗位=1\n没有分值"
    response = admin_client.post(reverse("risks:grading_edit", args=[draft.pk]), data)
    page = response.content.decode()
    assert "第 2 行应写成“档次名称=分值”：没有分值" in page
    data["f-0-options"] = "一般岗位=1\n关键岗位=9"
    page = admin_client.post(reverse("risks:grading_edit", args=[draft.pk]), data).content.decode()
    assert "分值须在 1 到 5 之间" in page and "分级线须满足" in page
    draft.refresh_from_db()
    assert draft.level2_min == 50


def test_overridden_levels_are_kept_when_regrading(world, admin_client):
    from datetime import date

    from lianjing.risks.services import Override

    point = post_risk(
        world.post_budget_clerk,
        override=Override(1, "涉及重大专项资金", date(2026, 3, 1), "班子成员"),
    )
    draft = _draft(admin_client)
    admin_client.post(reverse("risks:grading_activate", args=[draft.pk]))
    admin_client.post(reverse("risks:regrade"))
    point.refresh_from_db()
    assert point.level == 1 and point.computed_level == 3 and point.grading_model_id == draft.pk


def test_only_administrators_configure(world):
    from django.test import Client

    client = Client()
    client.force_login(world.users["discipline_inspector"])
    # readers of the register see how levels are computed, not the drafts or the actions
    services_grading.grading_model_new_version(actor=None, source=services.active_model())
    page = client.get(reverse("risks:grading_list"))
    body = page.content.decode()
    assert page.status_code == 200 and "风险等级如何计算" in body
    assert "草稿" not in body and "新建版本" not in body and "重新评定" not in body
    assert client.get(reverse("risks:regrade")).status_code == 403
    assert RiskPoint.objects.count() == 0
    client.force_login(world.users["collector"])  # no risks.view
    assert client.get(reverse("risks:grading_list")).status_code == 403
