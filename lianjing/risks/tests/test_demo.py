"""The demo register of the demo district."""

from __future__ import annotations

import pytest

from lianjing.org.demo import demo_unit, load_district
from lianjing.org.models import Post, Status
from lianjing.powers.demo.loader import load_powers
from lianjing.risks.demo import BREAKING, load_register
from lianjing.risks.models import ControlMeasure, RegisterException, Responsibility, RiskPoint
from lianjing.risks.selectors import register_summary

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    region = load_district().region
    load_powers(region)
    return region


def test_every_post_has_risk_points_and_two_units_break_the_rule(district):
    result = load_register(district)
    assert result is not None and result.points >= Post.objects.filter(status=Status.ACTIVE).count()
    assert not Post.objects.filter(status=Status.ACTIVE, risk_points__isnull=True).exists()
    breaking = {demo_unit(district, key).pk for key in BREAKING}
    for unit_id in RiskPoint.objects.values_list("unit_id", flat=True).distinct():
        summary = register_summary(unit_id, 2026)
        assert summary.breaks_rule == (unit_id in breaking), unit_id
    assert ControlMeasure.objects.count() >= 2 * result.points
    assert Responsibility.objects.filter(role="direct").exists()
    assert RegisterException.objects.filter(status="pending").count() == 1
    assert RiskPoint.objects.filter(flow_step__isnull=False).exists()
    assert load_register(district) is None  # loaded once
