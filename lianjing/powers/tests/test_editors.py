"""The flow editor (state carried in the form, chart redrawn, saved all or nothing) and the
benchmark editor."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from lianjing.org.tests.factories import PostFactory
from lianjing.powers.models import DiscretionBenchmark, FlowStep, Power
from lianjing.powers.tests.factories import power_with_flow

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(world) -> Client:
    client = Client()
    client.force_login(world.users["unit_leader"])
    return client


@pytest.fixture
def draft(world) -> Power:
    return power_with_flow(world.finance, "CZ-CF-101")


def form_data(steps: list[dict[str, Any]], action: str = "save") -> dict[str, str]:
    data = {"steps": str(len(steps)), "action": action}
    for i, step in enumerate(steps):
        branches = step.get("branches", [])
        data.update(
            {
                f"s{i}-key": step["key"],
                f"s{i}-kind": step.get("kind", "step"),
                f"s{i}-name": step["name"],
                f"s{i}-handler": step.get("handler", ""),
                f"s{i}-limit_value": step.get("limit_value", ""),
                f"s{i}-limit_unit": step.get("limit_unit", ""),
                f"s{i}-branches": str(len(branches)),
            }
        )
        for j, (target, label) in enumerate(branches):
            data[f"s{i}-b{j}-target"] = target
            data[f"s{i}-b{j}-label"] = label
    return data


def branching(handler: str = "") -> list[dict[str, Any]]:
    return [
        {"key": "S1", "kind": "start", "name": "申请", "branches": [("S2", "")]},
        {
            "key": "S2",
            "name": "受理",
            "handler": handler,
            "limit_value": "3",
            "limit_unit": "working_days",
            "branches": [("S3", "")],
        },
        {
            "key": "S3",
            "kind": "decision",
            "name": "是否符合条件",
            "branches": [("S4", "符合"), ("S5", "不符合")],
        },
        {"key": "S4", "name": "审批决定", "branches": [("S6", "")]},
        {"key": "S5", "name": "不予许可告知", "branches": [("S6", "")]},
        {"key": "S6", "kind": "end", "name": "办结"},
    ]


def test_editor_opens_with_the_stored_flow(leader, draft):
    page = leader.get(reverse("powers:flow_edit", args=[draft.pk])).content.decode()
    assert 'value="补正材料"' in page and "<svg" in page


def test_new_power_starts_from_a_three_step_flow(world, leader):
    from lianjing.powers import services
    from lianjing.powers.models import PowerCategory

    power = services.power_create(
        actor=None,
        code="CZ-QT-1",
        name="国库集中支付",
        category=PowerCategory.objects.get(code="benefit"),
        unit=world.finance,
    )
    page = leader.get(reverse("powers:flow_edit", args=[power.pk])).content.decode()
    assert 'value="开始"' in page and 'value="受理"' in page and 'value="办结"' in page


def test_adding_a_decision_keeps_the_typed_rows_and_saves_nothing(leader, draft):
    steps = branching()
    response = leader.post(
        reverse("powers:flow_edit", args=[draft.pk]), form_data(steps, "add:decision")
    )
    page = response.content.decode()
    assert page.count('name="s') > 0 and 'value="审批决定"' in page
    # the new decision (key S7) sits before the end, which moves to row 6
    assert 'id="step-card-5" data-step-key="S7"' in page
    assert 'id="step-card-6" data-step-key="S6"' in page
    assert 'id="s7-kind"' not in page
    assert FlowStep.objects.filter(power=draft, name="审批决定").count() == 0


def test_save_replaces_the_flow(world, leader, draft):
    post = PostFactory.create(unit=world.finance, name="行政审批岗")
    response = leader.post(
        reverse("powers:flow_edit", args=[draft.pk]), form_data(branching(f"post:{post.pk}"))
    )
    assert response.status_code == 302
    names = list(draft.steps.order_by("order").values_list("name", flat=True))
    assert names == ["申请", "受理", "是否符合条件", "审批决定", "不予许可告知", "办结"]
    accept = draft.steps.get(key="S2")
    assert accept.handler_post == post and accept.time_limit_text == "3工作日"
    labels = set(draft.edges.values_list("label", flat=True))
    assert {"符合", "不符合"} <= labels


def test_dead_end_is_refused_with_the_step_named_and_nothing_saved(leader, draft):
    steps = branching()
    steps[3]["branches"] = [("", "")]  # 审批决定 leads nowhere
    before = list(draft.steps.values_list("name", flat=True))
    response = leader.post(reverse("powers:flow_edit", args=[draft.pk]), form_data(steps))
    page = response.content.decode()
    assert response.status_code == 200
    assert "审批决定" in page and "flow-save-problems" in page
    assert list(draft.steps.values_list("name", flat=True)) == before


def test_loop_without_a_way_out_is_refused(leader, draft):
    steps = branching()
    steps[3]["branches"] = [("S2", "")]
    steps[4]["branches"] = [("S2", "")]
    response = leader.post(reverse("powers:flow_edit", args=[draft.pk]), form_data(steps))
    assert "办结" in response.content.decode()
    assert "flow-save-problems" in response.content.decode()
    assert draft.steps.filter(name="审批决定").count() == 0


def test_handler_from_another_unit_is_refused_on_its_row(world, leader, draft):
    foreign = PostFactory.create(unit=world.housing, name="外单位岗位")
    response = leader.post(
        reverse("powers:flow_edit", args=[draft.pk]), form_data(branching(f"post:{foreign.pk}"))
    )
    page = response.content.decode()
    assert "所选承办岗位或机构不属于本单位，或已撤销。" in page
    assert draft.steps.filter(name="审批决定").count() == 0


def test_garbage_in_the_editor_is_an_error_not_a_crash(leader, draft):
    data = form_data(branching())
    data.update({"steps": "99999999999", "s1-limit_value": "-3", "s0-kind": "nonsense"})
    data["action"] = "remove:abc"
    response = leader.post(reverse("powers:flow_edit", args=[draft.pk]), data)
    assert response.status_code == 200


def test_preview_fragment_redraws_the_chart(leader, draft):
    response = leader.post(
        reverse("powers:flow_edit", args=[draft.pk]) + "?preview=1",
        form_data(branching(), "preview"),
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div class="card" id="flow-preview">')
    assert "不予许可告知" in page and "<svg" in page


def test_published_flow_cannot_be_edited(world, leader):
    power = power_with_flow(world.finance, "CZ-CF-102", publish=True)
    response = leader.post(reverse("powers:flow_edit", args=[power.pk]), form_data(branching()))
    assert response.status_code == 302
    assert power.steps.filter(name="审批决定").count() == 0


def _benchmark_data(rows: list[dict[str, str]], action: str = "save") -> dict[str, str]:
    data = {
        "b-TOTAL_FORMS": str(len(rows)),
        "b-INITIAL_FORMS": "0",
        "b-MIN_NUM_FORMS": "0",
        "b-MAX_NUM_FORMS": "500",
        "action": action,
    }
    for i, row in enumerate(rows):
        data.update({f"b-{i}-{k}": v for k, v in row.items()})
    return data


def _grade(circumstance: str, low: str, high: str) -> dict[str, str]:
    from lianjing.powers.models import Circumstance

    return {
        "violation": "销售不符合食品安全标准的食品",
        "measure": "罚款",
        "circumstance": str(Circumstance.objects.get(name=circumstance).pk),
        "amount_from": low,
        "amount_to": high,
        "amount_unit": "元",
    }


def test_benchmarks_are_saved(leader, draft):
    rows = [_grade("轻微", "0", "5000"), _grade("一般", "5000", "20000")]
    response = leader.post(
        reverse("powers:benchmarks_edit", args=[draft.pk]), _benchmark_data(rows)
    )
    assert response.status_code == 302
    assert DiscretionBenchmark.objects.filter(power=draft).count() == 2


def test_overlapping_benchmarks_are_refused_whole(leader, draft):
    rows = [_grade("轻微", "0", "5000"), _grade("一般", "3000", "20000")]
    response = leader.post(
        reverse("powers:benchmarks_edit", args=[draft.pk]), _benchmark_data(rows)
    )
    page = response.content.decode()
    assert "第 1 行（轻微：0–5000）与第 2 行（一般：3000–20000）的裁量幅度重叠" in page
    assert DiscretionBenchmark.objects.filter(power=draft).count() == 0


def test_adding_a_benchmark_row_keeps_what_was_typed(leader, draft):
    rows = [_grade("轻微", "0", "5000")]
    response = leader.post(
        reverse("powers:benchmarks_edit", args=[draft.pk]), _benchmark_data(rows, "add")
    )
    page = response.content.decode()
    assert 'value="销售不符合食品安全标准的食品"' in page and 'id="benchmark-row-2"' in page
    assert DiscretionBenchmark.objects.filter(power=draft).count() == 0


def test_licence_powers_have_no_benchmark_editor(world, leader):
    power = power_with_flow(world.finance, "CZ-XK-103", category="licensing")
    response = leader.get(reverse("powers:benchmarks_edit", args=[power.pk]))
    assert response.status_code == 302


def test_an_unnamed_step_is_named_on_save_not_while_editing(leader, draft):
    steps = branching()
    steps[3]["name"] = ""
    editing = leader.post(reverse("powers:flow_edit", args=[draft.pk]), form_data(steps, "preview"))
    assert "请填写环节名称。" not in editing.content.decode()
    saving = leader.post(reverse("powers:flow_edit", args=[draft.pk]), form_data(steps))
    assert "请填写环节名称。" in saving.content.decode()
    assert draft.steps.filter(key="S4").count() == 0


def test_removing_a_step_in_a_line_joins_its_neighbours():
    from lianjing.powers import flow_editor

    rows = flow_editor.starter_rows()  # 开始 → 受理 → 办结
    rows = flow_editor.apply_action(rows, "add:step")  # 开始 → 受理 → S4 → 办结
    assert [b.target for b in rows[1].branches] == ["S4"]
    assert [b.target for b in rows[2].branches] == ["S3"]
    rows = flow_editor.apply_action(rows, "remove:2")
    assert [r.key for r in rows] == ["S1", "S2", "S3"]
    assert [b.target for b in rows[1].branches] == ["S3"]


def test_stale_or_garbage_actions_change_nothing():
    from lianjing.powers import flow_editor

    for action in ("remove:9", "up:0", "down:2", "unbranch:1:5", "add:nonsense", "x", "remove:-1"):
        rows = flow_editor.apply_action(flow_editor.starter_rows(), action)
        assert [r.key for r in rows] == ["S1", "S2", "S3"], action


def test_both_branches_to_one_step_is_an_error_not_a_crash(leader, draft):
    steps = branching()
    steps[2]["branches"] = [("S4", "符合"), ("S4", "不符合")]
    steps[4]["name"] = "不予许可告知"
    response = leader.post(reverse("powers:flow_edit", args=[draft.pk]), form_data(steps))
    assert "有两条连线，同一去向只能有一条" in response.content.decode()
