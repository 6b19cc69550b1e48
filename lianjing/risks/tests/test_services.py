"""Risk points: grading on entry, overrides only with the collective decision, the
responsibility chain with history, and the 10% rule on confirming a register."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from lianjing.core.models import AuditEvent
from lianjing.org.models import Assignment
from lianjing.org.tests.factories import PostFactory
from lianjing.risks import services
from lianjing.risks.models import RegisterException, Responsibility, RiskPoint
from lianjing.risks.responsibility import refresh_for_people
from lianjing.risks.tests.factories import HIGHEST, post_risk

pytestmark = pytest.mark.django_db


def test_a_point_is_graded_under_the_model_in_force_and_audited(world):
    point = post_risk(world.post_budget_clerk)
    assert (point.computed_level, point.level) == (3, 3)
    assert point.grading_model.version_no == 1
    assert AuditEvent.objects.filter(action="risks.point.created").exists()


def test_an_override_needs_reason_date_and_participants(world):
    with pytest.raises(ValidationError) as error:
        post_risk(world.post_budget_clerk, override=services.Override(1, "", None, ""))
    assert set(error.value.message_dict) == {
        "override_reason",
        "override_decided_on",
        "override_participants",
    }
    assert not RiskPoint.objects.exists()
    point = post_risk(
        world.post_budget_clerk,
        override=services.Override(
            2, "涉及专项资金拨付，金额较大", date(2026, 3, 2), "张局长、孙副局长"
        ),
    )
    assert (point.computed_level, point.level, point.is_overridden) == (3, 2, True)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"post": None}, "post"),
        ({"found_by": []}, "found_by"),
        ({"found_by": ["guess"]}, "found_by"),
        ({"target_kind": "sector", "post": None}, "sector"),
    ],
)
def test_bad_targets_are_refused_field_by_field(world, extra, field):
    with pytest.raises(ValidationError) as error:
        post_risk(world.post_budget_clerk, **extra)
    assert field in error.value.message_dict
    assert not RiskPoint.objects.exists()


def test_a_post_of_another_unit_is_refused(world):
    with pytest.raises(ValidationError) as error:
        post_risk(world.post_housing, unit=world.finance)
    assert error.value.message_dict["post"] == ["所选岗位不属于该单位。"]


def _chain(point):
    return {
        (r.role, r.person.name)
        for r in Responsibility.objects.filter(risk_point=point, until__isnull=True)
    }


def test_level_one_chain_main_leader_leader_in_charge_holder(world):
    world.finance.main_leader = world.director
    world.finance.save()
    world.budget.leader_in_charge = world.director  # the director also oversees 预算科
    world.budget.save()
    point = post_risk(world.post_budget_clerk, inputs=HIGHEST)
    assert point.level == 1
    assert _chain(point) == {("overall", "张局长"), ("direct", "李科员")}


def test_the_chain_follows_people_changing_posts_and_keeps_history(world):
    world.finance.main_leader = world.director
    world.finance.save()
    point = post_risk(world.post_budget_clerk, inputs=HIGHEST)
    newcomer_post = world.post_budget_clerk
    old = Assignment.objects.get(person=world.clerk, end_date__isnull=True)
    old.end_date = date(2026, 6, 30)
    old.save()
    colleague = world.colleague_other_dept
    Assignment.objects.create(
        person=colleague, post=newcomer_post, start_date=date(2026, 7, 1), is_primary=False
    )
    assert refresh_for_people({world.clerk.pk, colleague.pk}) >= 1
    assert ("direct", "赵科员") in _chain(point) and ("direct", "李科员") not in _chain(point)
    closed = Responsibility.objects.get(risk_point=point, person=world.clerk)
    assert closed.until is not None


def _points(post, level_one: int, others: int):
    for _ in range(level_one):
        post_risk(post, inputs=HIGHEST)
    for _ in range(others):
        post_risk(post)


def test_confirming_a_register_over_ten_percent_is_refused_with_the_numbers(world):
    _points(world.post_budget_clerk, 2, 8)
    with pytest.raises(ValidationError) as error:
        services.register_confirm(actor=None, unit=world.finance, year=2026)
    message = error.value.messages[0]
    assert "一级风险点 2 个，占风险点总数 10 个的 20.0%，超过 10%（按规定最多 1 个）" in message
    assert RiskPoint.objects.filter(status="confirmed").count() == 0


def test_an_approved_exception_lets_the_register_be_confirmed(world):
    _points(world.post_budget_clerk, 2, 8)
    exception = services.exception_request(
        actor=None, unit=world.finance, year=2026, justification="本年度承担专项债资金拨付"
    )
    with pytest.raises(ValidationError):
        services.register_confirm(actor=None, unit=world.finance, year=2026)  # still pending
    with pytest.raises(ValidationError):
        services.exception_decide(actor=None, exception=exception, approve=False, note=" ")
    services.exception_decide(actor=None, exception=exception, approve=True, note="同意")
    register = services.register_confirm(actor=None, unit=world.finance, year=2026)
    assert register.exception == exception
    assert RiskPoint.objects.filter(status="confirmed").count() == 10
    assert RegisterException.objects.get().status == "approved"


def test_a_register_within_the_rule_is_confirmed(world):
    _points(world.post_budget_clerk, 1, 9)
    register = services.register_confirm(actor=None, unit=world.finance, year=2026)
    assert register.confirmed_at is not None and register.exception is None


def test_pinned_steps_get_the_highest_level(world):
    from lianjing.powers.tests.factories import power_with_flow
    from lianjing.risks.selectors import step_risk_levels

    power = power_with_flow(world.finance, "CZ-CF-900")
    step = power.steps.get(key="r")
    post = PostFactory.create(unit=world.finance)
    post_risk(post, power=power, flow_step=step)
    post_risk(post, power=power, flow_step=step, inputs=HIGHEST)
    assert step_risk_levels(power) == {"r": 1}


def test_the_power_page_colours_the_step_by_its_risk_level(world, client):
    from django.urls import reverse

    from lianjing.powers.tests.factories import power_with_flow

    power = power_with_flow(world.finance, "CZ-CF-901")
    post_risk(
        world.post_budget_clerk, power=power, flow_step=power.steps.get(key="r"), inputs=HIGHEST
    )
    client.force_login(world.users["unit_leader"])
    page = client.get(reverse("powers:power_detail", args=[power.pk])).content.decode()
    chart = page[page.index('id="step_r"') :]
    assert "#d63939" in chart[: chart.index("</g>")]  # 一级: red
    other = page[page.index('id="step_a"') :]
    assert "#d63939" not in other[: other.index("</g>")]


def test_a_rotation_through_the_org_services_moves_responsibility(
    world, django_capture_on_commit_callbacks
):
    from lianjing.org import services as org_services

    point = post_risk(world.post_budget_clerk, inputs=HIGHEST)
    with django_capture_on_commit_callbacks(execute=True):
        org_services.assignment_start(
            actor=None,
            person=world.colleague_other_dept,
            post=world.post_budget_clerk,
            start_date=date(2026, 9, 1),
        )
    assert ("direct", "赵科员") in _chain(point)
    with django_capture_on_commit_callbacks(execute=True):
        current = Assignment.objects.get(person=world.clerk, end_date__isnull=True)
        org_services.assignment_end(actor=None, assignment=current, end_date=date(2026, 9, 30))
    assert ("direct", "李科员") not in _chain(point)
    assert (
        Responsibility.objects.filter(risk_point=point, person=world.clerk)
        .exclude(until=None)
        .exists()
    )
