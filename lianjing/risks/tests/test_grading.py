"""The grading arithmetic and the default model (version 1)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lianjing.risks import grading
from lianjing.risks.models import GradingModel
from lianjing.risks.tests.factories import HIGHEST, LOWEST

pytestmark = pytest.mark.django_db


def scheme():
    return GradingModel.objects.get(status="active").scheme()


def test_lowest_inputs_give_level_three_and_highest_level_one():
    low = grading.grade(scheme(), LOWEST)
    high = grading.grade(scheme(), HIGHEST)
    # 0.7 × 20 (every factor at 1 of 5) + 0.3 × 4 (1 × 1 of 25)
    assert (low.score, low.level) == (Decimal("15.2"), 3)
    assert (high.score, high.level) == (Decimal("100.0"), 1)
    assert not low.problems and not high.problems


def test_the_explanation_adds_up_to_the_score():
    inputs = {**LOWEST, "resources": 4, "discretion": 3, "probability": 3, "harm": 3}
    result = grading.grade(scheme(), inputs)
    assert sum(line.points for line in result.lines) == pytest.approx(result.score, abs=0.5)
    names = [line.name for line in result.lines]
    assert "处置资金物资资源量" in names and "可能性 × 危害程度" in names
    assert result.lines[names.index("可能性 × 危害程度")].chosen == "4 × 4 = 16"


def test_thresholds_decide_the_level():
    s = scheme()
    two = {**LOWEST, "post_weight": 3, "resources": 4, "discretion": 4, "consequences": 3}
    two |= {"probability": 2, "harm": 3}
    result = grading.grade(s, two)
    assert s.level2_min <= result.score < s.level1_min
    assert result.level == 2


@pytest.mark.parametrize("bad", [{}, {"post_weight": "x"}, {"post_weight": 99}, {"harm": -1}])
def test_missing_or_invalid_inputs_are_named(bad):
    inputs = {**LOWEST, **bad} if bad else {}
    result = grading.grade(scheme(), inputs)
    assert result.problems
    assert all(p.startswith("请选择“") for p in result.problems)


def test_model_problems_are_named():
    s = scheme()
    broken = grading.Scheme(
        factors=[*s.factors, s.factors[0]],
        probability=[grading.Option("只有一档", 1)],
        harm=s.harm,
        likelihood_share=Decimal("1.5"),
        level1_min=Decimal(40),
        level2_min=Decimal(60),
    )
    problems = grading.scheme_problems(broken)
    assert "因素代码 post_weight 重复" in problems
    assert "“发生可能性”至少需要两个档次" in problems
    assert "可能性 × 危害程度的占比须在 0 到 1 之间" in problems
    assert "分级线须满足 0 < 二级线 < 一级线 ≤ 100" in problems
    assert grading.scheme_problems(s) == []
