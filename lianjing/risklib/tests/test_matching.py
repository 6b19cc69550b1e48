"""The "3+X" matcher: the right templates first for typical posts, grounded in provisions of the
three regulations, deterministic, fast once warm, and following changes of the library."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from django.conf import settings

from lianjing.org.models import KeyPostKind
from lianjing.org.tests.factories import PostFactory
from lianjing.powers import services as power_services
from lianjing.powers.tests.factories import branching_flow, power_with_flow
from lianjing.risklib import matching, services, text
from lianjing.risklib.models import RegulationProvision, RiskTemplate

pytestmark = pytest.mark.django_db

FINANCE_DUTIES = "负责单位经费报销审核和资金支付，审核报销单据和发票的真实性、合规性。"
PENALTY_DUTIES = (
    "负责辖区市场监管执法检查，对违法案件立案调查取证，提出行政处罚建议，"
    "按照裁量基准拟定罚款金额，办理罚款减免和分期缴纳审批。"
)


def _post(unit, duties, *kinds):
    post = PostFactory.create(unit=unit, duties=duties)
    post.key_kinds.set(KeyPostKind.objects.filter(code__in=kinds))
    return post


def _penalty_post(world):
    post = _post(world.housing, PENALTY_DUTIES, "penalty")
    power = power_with_flow(world.housing, "XZCF-001")
    steps, edges = branching_flow({"handler_post": post})
    power_services.flow_save(actor=None, power=power, steps=steps, edges=edges)
    return post


def test_a_finance_post_gets_false_claims_and_irregular_reimbursement_first(world):
    post = _post(world.finance, FINANCE_DUTIES, "finance")
    suggestions = matching.suggestions_for_post(post)
    titles = [s.title for s in suggestions]
    assert set(titles[:2]) == {"虚报冒领", "违规报销"}
    first = suggestions[0]
    assert first.by_kind and not first.by_category
    assert "重点岗位：财务/物资采购" in first.reason
    assert first.reason.startswith("岗位职责含“")
    assert "报销" in first.matched_keywords
    assert 0 < first.score <= 1
    assert len(first.measures) >= 2
    assert len(suggestions) == 20


def test_a_penalty_post_gets_selective_enforcement_and_irregular_fine_waivers(world):
    post = _penalty_post(world)
    facts = matching.post_facts(post)
    assert list(facts.categories.values()) == ["行政处罚"]
    suggestions = matching.suggestions_for_post(post, limit=5)
    top = [s.title for s in suggestions[:3]]
    assert "选择性执法" in top and "违规减免罚款" in top
    waiver = next(s for s in suggestions if s.title == "违规减免罚款")
    assert waiver.by_kind and waiver.by_category
    assert "经办职权：行政处罚" in waiver.reason
    citations = [g.citation for g in waiver.provisions]
    assert "《中华人民共和国公职人员政务处分法》第三十九条第（一）项" in citations
    assert all(g.matched for g in waiver.provisions)


def test_groundings_come_one_per_regulation_in_order(world):
    post = _post(world.finance, "负责收受和登记管理服务对象赠送的礼品礼金。", "leadership")
    gift = next(s for s in matching.suggestions_for_post(post) if s.code == "LEAD-006")
    assert [g.regulation for g in gift.provisions] == ["discipline", "sanctions", "integrity"]
    assert gift.provisions[0].article == "第九十七条"
    assert "礼金" in gift.provisions[0].matched


def test_a_revoked_power_does_not_count(world):
    post = _post(world.housing, "负责综合事务。")
    power = power_with_flow(world.housing, "XZCF-002")
    steps, edges = branching_flow({"handler_post": post})
    power_services.flow_save(actor=None, power=power, steps=steps, edges=edges)
    assert list(matching.post_facts(post).categories.values()) == ["行政处罚"]
    power_services.power_publish(actor=None, power=power)
    power_services.power_revoke(actor=None, power=power, reason="职能划转")
    assert matching.post_facts(post).categories == {}


def test_no_duties_no_kinds_no_suggestions(world):
    post = _post(world.finance, "")
    assert matching.suggestions_for_post(post) == []


def test_the_order_is_deterministic_and_survives_a_rebuild(world):
    post = _penalty_post(world)
    first = matching.suggestions_for_post(post, limit=40)
    assert matching.suggestions_for_post(post, limit=40) == first
    matching.clear_cache()
    again = matching.suggestions_for_post(post, limit=40)
    assert [(s.code, s.score) for s in again] == [(s.code, s.score) for s in first]
    keys = [(-s.score, s.code) for s in first]
    assert keys == sorted(keys)


def test_the_index_follows_the_library(world, admin_user):
    post = _post(world.finance, FINANCE_DUTIES, "finance")
    template = RiskTemplate.objects.get(code="FIN-001")
    assert "FIN-001" in [s.code for s in matching.suggestions_for_post(post)]
    services.entry_set_active(actor=admin_user, entry=template, active=False)
    assert "FIN-001" not in [s.code for s in matching.suggestions_for_post(post)]
    provision = RegulationProvision.objects.get(code="PSL-33-1")
    services.entry_set_active(actor=admin_user, entry=provision, active=False)
    codes = {g.code for s in matching.suggestions_for_post(post) for g in s.provisions}
    assert "PSL-33-1" not in codes


def test_template_and_provision_pages_share_the_groundings(db):
    template = RiskTemplate.objects.get(code="LEAD-006")
    groundings = matching.groundings_for_template(template)
    provision = RegulationProvision.objects.get(pk=groundings[0].provision_id)
    refs = matching.templates_grounded_by(provision)
    assert "LEAD-006" in [r.code for r in refs]


def test_a_post_takes_well_under_50_ms_once_warm(world):
    post = _penalty_post(world)
    matching.warm_up()
    timings = []
    for _ in range(15):
        started = time.perf_counter()
        matching.suggestions_for_post(post)
        timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 0.05


def test_jieba_is_loaded_once_and_caches_outside_the_shared_tmp():
    tokenizer = text.tokenizer()
    assert text.tokenizer() is tokenizer
    cache = Path(tokenizer.tmp_dir)
    assert cache == Path(settings.DATA_DIR) / "jieba" or cache.name.startswith("lianjing-jieba")


def test_terms_drop_stop_words_and_keep_library_words():
    text.add_words(["虚报冒领"])
    words = text.terms("负责做好单位的报销审核工作，防止虚报冒领。")
    assert "报销" in words and "虚报冒领" in words
    assert not {"负责", "做好", "单位", "工作", "的"} & set(words)


def test_every_seeded_template_is_grounded_in_some_provision(db):
    ungrounded = [
        t.code for t in RiskTemplate.objects.all() if not matching.groundings_for_template(t)
    ]
    assert ungrounded == []
