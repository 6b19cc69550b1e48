"""Writes on the libraries: validated, audited, never half-saved; codes never change; concurrent
edits refused; switching on/off done once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from lianjing.core.models import AuditEvent
from lianjing.org.models import KeyPostKind
from lianjing.powers.models import PowerCategory
from lianjing.risklib import services
from lianjing.risklib.models import IndicatorSign, RegulationProvision, RiskTemplate

pytestmark = pytest.mark.django_db

MEASURES = [
    {"kind": "system", "text": "差旅费报销与行程单、审批单相互印证。"},
    {"kind": "supervision", "text": "财务每季度抽查差旅报销凭证。"},
]


def _template(**overrides):
    fields = {
        "code": "FIN-901",
        "key_post_kind": KeyPostKind.objects.get(code="finance"),
        "power_category": None,
        "risk_type": "process",
        "title": "差旅费虚报",
        "description": "虚构出差事项报销差旅费。",
        "manifestations": "伪造行程单。",
        "causes": "报销审核不核实行程。",
        "suggested_level": 2,
        "measures": MEASURES,
        "keywords": ["差旅费", "报销", "差旅费", " 行程单 "],
    }
    return {**fields, **overrides}


def test_template_create_is_audited_and_normalises_keywords(admin_user):
    template = services.template_create(actor=admin_user, **_template())
    assert template.keywords == "差旅费、报销、行程单"
    event = AuditEvent.objects.get(action="risklib.template.created")
    assert event.actor_id == admin_user.pk
    assert event.object_id == str(template.pk)
    assert (event.after or {})["title"] == "差旅费虚报"
    assert (event.after or {})["measures"] == MEASURES


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"key_post_kind": None}, "key_post_kind", "请至少选择重点岗位类别或职权类别中的一项。"),
        ({"measures": MEASURES[:1]}, "measures", "请至少填写 2 条防控措施。"),
        ({"measures": [*MEASURES, {"kind": "x", "text": "t"}]}, "measures", "防控措施的类别无效。"),
        ({"keywords": [" ", ""]}, "keywords", "请至少填写 1 个关键词。"),
        ({"keywords": ["很长" * 11]}, "keywords", "每个关键词不能超过 20 个字。"),
        ({"code": "FIN-001"}, "code", "已存在"),
        ({"risk_type": "bogus"}, "risk_type", "不是有效选项"),
    ],
)
def test_template_create_refuses_bad_input_and_saves_nothing(admin_user, overrides, field, message):
    count = RiskTemplate.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.template_create(actor=admin_user, **_template(**overrides))
    assert any(message in m for m in caught.value.message_dict[field])
    assert RiskTemplate.objects.count() == count
    assert not AuditEvent.objects.filter(action="risklib.template.created").exists()


def test_template_update_keeps_the_code_and_records_before_and_after(admin_user):
    template = RiskTemplate.objects.get(code="PEN-002")
    fields = _template(
        code="CHANGED",
        key_post_kind=None,
        power_category=PowerCategory.objects.get(code="penalty"),
        title="违规减免、免除罚款",
    )
    services.template_update(actor=admin_user, template=template, version=1, **fields)
    template.refresh_from_db()
    assert (template.code, template.title, template.version) == ("PEN-002", "违规减免、免除罚款", 2)
    assert template.key_post_kind is None
    event = AuditEvent.objects.get(action="risklib.template.updated")
    assert (event.before or {})["title"] == "违规减免罚款"
    assert (event.after or {})["title"] == "违规减免、免除罚款"


def test_a_stale_edit_is_refused(admin_user):
    template = RiskTemplate.objects.get(code="PEN-002")
    stale = RiskTemplate.objects.get(code="PEN-002")
    services.template_update(actor=admin_user, template=template, version=1, **_template())
    with pytest.raises(services.ConflictError):
        services.template_update(
            actor=admin_user, template=stale, version=1, **_template(title="另一人的修改")
        )
    assert RiskTemplate.objects.get(code="PEN-002").title == "差旅费虚报"


def test_switching_off_twice_changes_and_audits_once(admin_user):
    provision = RegulationProvision.objects.get(code="CPC-097")
    assert services.entry_set_active(actor=admin_user, entry=provision, active=False)
    assert not services.entry_set_active(actor=admin_user, entry=provision, active=False)
    provision.refresh_from_db()
    assert provision.is_active is False
    assert AuditEvent.objects.filter(action="risklib.provision.deactivated").count() == 1
    assert services.entry_set_active(actor=admin_user, entry=provision, active=True)
    assert AuditEvent.objects.filter(action="risklib.provision.activated").count() == 1


def test_sign_create_and_update_with_key_post_kinds(admin_user):
    finance, penalty = KeyPostKind.objects.filter(code__in=["finance", "penalty"]).order_by("id")
    sign = services.sign_create(
        actor=admin_user,
        code="SG-X-01",
        group="duty",
        title="罚没票据连号作废",
        description="同一执法人员作废的罚没票据集中连号。",
        order=999,
        applies_to=[penalty],
    )
    services.sign_update(
        actor=admin_user,
        sign=sign,
        version=sign.version,
        group="internal",
        title=sign.title,
        description=sign.description,
        order=5,
        applies_to=[finance, penalty],
    )
    sign = IndicatorSign.objects.get(code="SG-X-01")
    assert sign.group == "internal"
    assert set(sign.applies_to.values_list("code", flat=True)) == {"finance", "penalty"}
    event = AuditEvent.objects.get(action="risklib.sign.updated")
    assert (event.before or {})["applies_to"] == ["penalty"]
    assert (event.after or {})["applies_to"] == ["finance", "penalty"]


def test_provision_needs_topic_words_and_a_unique_article(admin_user):
    fields = {
        "code": "PSL-99",
        "regulation": "sanctions",
        "article": "第三十四条第一款",  # taken by PSL-34-1
        "title": "收受礼品礼金",
        "text": "摘要",
        "keywords": ["礼品"],
        "order": 1,
        "verified": False,
    }
    with pytest.raises(ValidationError) as caught:
        services.provision_create(actor=admin_user, **fields)
    assert "__all__" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.provision_create(
            actor=admin_user, **{**fields, "article": "第九十九条", "keywords": []}
        )
    assert "keywords" in caught.value.message_dict
    provision = services.provision_create(actor=admin_user, **{**fields, "article": "第九十九条"})
    assert provision.keyword_list == ["礼品"]
    assert AuditEvent.objects.filter(action="risklib.provision.created").count() == 1
