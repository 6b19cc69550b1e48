"""A cadre sees the "3+X" suggestions for their own post, accepts one (edited and graded) and
rejects another; neither is offered again; a colleague's post is out of reach."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lianjing.risks.models import ControlMeasure, RiskPoint, SuggestionDecision
from lianjing.risks.reference import FACTORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def cadre(world) -> Client:
    post = world.post_budget_clerk
    post.duties = "负责部门预算编制和预算调剂审核，办理财政资金拨付和报销审核"
    post.save()
    client = Client()
    client.force_login(world.users["cadre"])
    return client


def test_cadre_accepts_and_rejects_suggestions_for_their_post(world, cadre):
    post = world.post_budget_clerk
    page = cadre.get(reverse("risks:suggestions", args=[post.pk]) + "?year=2026")
    suggestions = page.context["open"]
    assert len(suggestions) >= 2 and "依据" in page.content.decode()
    first, second = suggestions[0], suggestions[1]
    home = cadre.get("/").content.decode()
    assert "查找本岗位廉政风险" in home

    accept = reverse("risks:suggestion_accept", args=[post.pk, first.template_id]) + "?year=2026"
    form = cadre.get(accept).content.decode()
    assert first.description[:10] in form
    data = {
        "risk_type": first.risk_type,
        "description": first.description + "（结合本岗位修改）",
        "found_by": ["self"],
        "f_probability": "2",
        "f_harm": "2",
        **{f"f_{code}": "1" for code, *_ in FACTORS},
    }
    response = cadre.post(accept, data)
    point = RiskPoint.objects.get()
    assert response["Location"] == reverse("risks:point_detail", args=[point.pk])
    assert point.post == post and point.description.endswith("（结合本岗位修改）")
    assert ControlMeasure.objects.filter(risk_point=point).count() == len(first.measures)

    reject = reverse("risks:suggestion_reject", args=[post.pk, second.template_id]) + "?year=2026"
    cadre.post(reject, {"reason": "本岗位不经手现金"})
    decisions = dict(SuggestionDecision.objects.values_list("template_id", "decision"))
    assert decisions == {first.template_id: "accepted", second.template_id: "rejected"}
    again = cadre.get(reverse("risks:suggestions", args=[post.pk]) + "?year=2026")
    offered = {s.template_id for s in again.context["open"]}
    assert first.template_id not in offered and second.template_id not in offered
    assert cadre.post(accept, data).status_code == 200  # already decided: an error, no point
    assert RiskPoint.objects.count() == 1


def test_a_colleagues_post_is_out_of_reach(world, cadre):
    other = world.post_other_dept
    assert cadre.get(reverse("risks:suggestions", args=[other.pk])).status_code == 404
