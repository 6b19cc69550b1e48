"""The power catalogue's service rules: drafts, sound flows, publishing and versions."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from lianjing.core.models import AuditEvent
from lianjing.org.tests.factories import DepartmentFactory, PostFactory, UnitFactory
from lianjing.powers import services
from lianjing.powers.flow import DECISION, END, START, STEP, EdgeLink
from lianjing.powers.models import Power, PowerCategory
from lianjing.powers.services import StepInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory.create(name="锦华区市场监督管理局")


def make_power(unit, **extra):
    fields = {
        "code": "SC-XK-001",
        "name": "食品经营许可",
        "category": PowerCategory.objects.get(code="licensing"),
        "unit": unit,
        "content": "对在本辖区从事食品销售和餐饮服务活动的申请人实施许可。",
        "time_limit_value": 20,
        "time_limit_unit": "working_days",
        "fee": "不收费",
        **extra,
    }
    return services.power_create(
        actor=None, legal_bases=[("中华人民共和国食品安全法", "第三十五条")], **fields
    )


def licence_steps(post=None):
    handler = {"handler_post": post} if post else {}
    steps = [
        StepInput("s", "申请", START),
        StepInput(
            "a", "受理", STEP, {**handler, "time_limit_value": 5, "time_limit_unit": "working_days"}
        ),
        StepInput("d", "材料是否齐全", DECISION),
        StepInput("b", "补正材料", STEP),
        StepInput("r", "审查决定", STEP),
        StepInput("e", "办结", END),
    ]
    edges = [
        EdgeLink("s", "a"),
        EdgeLink("a", "d"),
        EdgeLink("d", "r", "齐全"),
        EdgeLink("d", "b", "不齐全"),
        EdgeLink("b", "a"),
        EdgeLink("r", "e"),
    ]
    return steps, edges


def test_draft_with_flow_is_published_and_audited(unit):
    power = make_power(unit)
    steps, edges = licence_steps(PostFactory.create(unit=unit))
    services.flow_save(actor=None, power=power, steps=steps, edges=edges)
    services.power_publish(actor=None, power=power)
    power.refresh_from_db()
    assert power.status == Power.Status.PUBLISHED and power.is_current
    assert power.steps.get(key="a").time_limit_text == "5工作日"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"powers.power.created", "powers.flow.saved", "powers.power.published"} <= actions


def test_unsound_flow_is_refused_whole_with_the_step_named(unit):
    power = make_power(unit)
    steps, edges = licence_steps()
    edges = [e for e in edges if (e.source, e.target) != ("r", "e")]
    with pytest.raises(ValidationError) as error:
        services.flow_save(actor=None, power=power, steps=steps, edges=edges)
    assert "环节“审查决定”无法到达结束节点（死路或没有出口的循环）" in error.value.messages
    assert not power.steps.exists()


def test_handler_from_another_unit_is_refused(unit):
    power = make_power(unit)
    elsewhere = PostFactory.create(name="出纳", unit=UnitFactory.create(name="区财政局"))
    steps, edges = licence_steps(elsewhere)
    with pytest.raises(ValidationError) as error:
        services.flow_save(actor=None, power=power, steps=steps, edges=edges)
    assert "环节“受理”的承办岗位“出纳”不属于锦华区市场监督管理局" in error.value.messages


def test_publishing_needs_a_legal_basis_and_a_flow(unit):
    power = services.power_create(
        actor=None,
        code="SC-CF-001",
        name="对违反食品安全法行为的处罚",
        category=PowerCategory.objects.get(code="penalty"),
        unit=unit,
    )
    with pytest.raises(ValidationError) as error:
        services.power_publish(actor=None, power=power)
    assert "公布前须填写至少一项法律依据。" in error.value.messages
    assert "公布前须绘制权力运行流程图。" in error.value.messages
    assert Power.objects.get(pk=power.pk).status == Power.Status.DRAFT


def test_a_revision_keeps_the_old_version_readable_until_it_is_published(unit):
    power = make_power(unit)
    steps, edges = licence_steps()
    services.flow_save(actor=None, power=power, steps=steps, edges=edges)
    services.power_publish(actor=None, power=power)
    draft = services.power_revise(actor=None, power=power)
    assert (draft.version_no, draft.is_current, draft.previous_id) == (2, False, power.pk)
    assert draft.steps.count() == 6 and draft.legal_bases.count() == 1
    with pytest.raises(ValidationError):
        services.flow_save(actor=None, power=power, steps=steps, edges=edges)  # published
    services.power_publish(actor=None, power=draft)
    power.refresh_from_db()
    assert not power.is_current and power.status == Power.Status.PUBLISHED
    assert Power.objects.get(code="SC-XK-001", is_current=True) == draft


def test_department_must_belong_to_the_holder_unit(unit):
    with pytest.raises(ValidationError, match="承办机构不属于实施主体单位"):
        make_power(unit, department=DepartmentFactory.create())
