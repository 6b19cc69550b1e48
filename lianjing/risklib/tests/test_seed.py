"""The seed content: enough of it, well formed, loaded by the migration, and loaded again without
touching what administrators changed."""

from __future__ import annotations

from collections import Counter

import pytest
from django.apps import apps

from lianjing.org.reference import KEY_POST_KINDS
from lianjing.powers.reference import CATEGORIES
from lianjing.risklib.choices import MeasureKind, Regulation, RiskType, SignGroup
from lianjing.risklib.data import PROVISIONS, SIGNS, TEMPLATES
from lianjing.risklib.models import IndicatorSign, RegulationProvision, RiskTemplate
from lianjing.risklib.reference import sync_library


def test_enough_signs_in_each_of_the_three_groups():
    groups = Counter(s.group for s in SIGNS)
    assert len(SIGNS) >= 40
    assert set(groups) == set(SignGroup.values)
    assert min(groups.values()) >= 10


def test_enough_templates_covering_every_kind_and_category():
    assert len(TEMPLATES) >= 150
    kinds = Counter(t.kind for t in TEMPLATES if t.kind)
    categories = Counter(t.category for t in TEMPLATES if t.category)
    assert {code for code, _name in KEY_POST_KINDS} <= set(kinds)
    assert {code for code, _name in CATEGORIES} <= set(categories)
    assert min(kinds.values()) >= 15
    assert all(t.kind or t.category for t in TEMPLATES)


@pytest.mark.parametrize("spec", TEMPLATES, ids=lambda t: t.code)
def test_every_template_is_complete(spec):
    assert 2 <= len(spec.measures) <= 4
    assert {kind for kind, _text in spec.measures} <= set(MeasureKind.values)
    assert len({kind for kind, _text in spec.measures}) >= 2  # two kinds at least
    assert all(text.strip() for _kind, text in spec.measures)
    assert spec.risk_type in RiskType.values
    assert spec.level in (1, 2, 3)
    assert spec.title and len(spec.title) <= 50
    assert spec.description and spec.manifestations and spec.causes
    assert len(spec.keyword_list) >= 3
    assert len(spec.keyword_list) == len(set(spec.keyword_list))


def test_enough_provisions_in_each_regulation_all_with_keywords():
    regulations = Counter(p.regulation for p in PROVISIONS)
    assert len(PROVISIONS) >= 60
    assert set(regulations) == set(Regulation.values)
    assert all(len(p.keyword_list) >= 2 for p in PROVISIONS)
    assert all(p.text and p.title and p.article for p in PROVISIONS)
    assert len({(p.regulation, p.article) for p in PROVISIONS}) == len(PROVISIONS)


def test_codes_are_unique():
    for specs in (SIGNS, TEMPLATES, PROVISIONS):
        codes = [s.code for s in specs]
        assert len(codes) == len(set(codes))


@pytest.mark.django_db
def test_the_migration_loaded_everything():
    assert IndicatorSign.objects.count() == len(SIGNS)
    assert RiskTemplate.objects.count() == len(TEMPLATES)
    assert RegulationProvision.objects.count() == len(PROVISIONS)
    assert not RegulationProvision.objects.filter(verified=True).exists()  # nobody checked yet
    fin = RiskTemplate.objects.get(code="FIN-001")
    assert fin.key_post_kind is not None and fin.key_post_kind.code == "finance"
    assert fin.title == "虚报冒领"
    assert fin.keyword_list[:2] == ["报销", "虚报"]
    assert {m["kind"] for m in fin.measures} <= set(MeasureKind.values)
    sign = IndicatorSign.objects.get(code="SG-D-12")
    assert list(sign.applies_to.values_list("code", flat=True)) == ["finance"]


@pytest.mark.django_db
def test_loading_again_creates_nothing_and_keeps_edits():
    RiskTemplate.objects.filter(code="FIN-001").update(title="虚报冒领（本单位）")
    RegulationProvision.objects.filter(code="CPC-097").delete()
    created = sync_library(apps)
    assert created == {"signs": 0, "templates": 0, "provisions": 1}
    assert RiskTemplate.objects.get(code="FIN-001").title == "虚报冒领（本单位）"
    assert RegulationProvision.objects.filter(code="CPC-097").exists()
