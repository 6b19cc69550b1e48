from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lianjing.org.tests.factories import UnitFactory
from lianjing.powers import services
from lianjing.powers.benchmarks import Grade, grade_problems
from lianjing.powers.models import Circumstance, PowerCategory
from lianjing.powers.services import BenchmarkInput

D = Decimal


def grade(row, circumstance, low, high, measure="罚款"):
    return Grade(row, "未取得许可从事食品经营", measure, circumstance, low, high)


def test_adjacent_ranges_are_fine_and_overlaps_are_named():
    sound = [grade(1, "轻微", D(5000), D(20000)), grade(2, "一般", D(20000), D(60000))]
    assert grade_problems(sound) == []
    overlapping = [grade(1, "轻微", D(5000), D(30000)), grade(2, "一般", D(20000), D(60000))]
    assert grade_problems(overlapping) == [
        "第 1 行（轻微：5000–30000）与第 2 行（一般：20000–60000）的裁量幅度重叠"
    ]


def test_malformed_ranges():
    problems = grade_problems(
        [
            grade(1, "轻微", D(100), D(50)),
            grade(2, "一般", D(-1), D(10)),
            grade(3, "较重", D(1), None),
            Grade(4, "未取得许可从事食品经营", "罚款", "严重", None, None),
        ]
    )
    assert any("第 1 行" in p and "下限 100 大于上限 50" in p for p in problems)
    assert any("第 2 行" in p and "不能为负数" in p for p in problems)
    assert any("第 3 行" in p and "须同时填写" in p for p in problems)
    assert any("第 4 行" in p and "请填写裁量幅度" in p for p in problems)


def test_different_measures_do_not_overlap_each_other():
    grades = [
        grade(1, "轻微", D(0), D(100)),
        grade(2, "一般", D(0), D(100), measure="没收违法所得"),
    ]
    assert grade_problems(grades) == []


@pytest.mark.django_db
def test_benchmarks_only_for_penalty_powers_and_saved_whole():
    unit = UnitFactory.create()
    licence = services.power_create(
        actor=None,
        code="XK-1",
        name="食品经营许可",
        category=PowerCategory.objects.get(code="licensing"),
        unit=unit,
    )
    minor, ordinary = (
        Circumstance.objects.get(code="minor"),
        Circumstance.objects.get(code="ordinary"),
    )
    rows = [
        BenchmarkInput("未取得许可从事食品经营", "罚款", minor, D(5000), D(20000), "元"),
        BenchmarkInput("未取得许可从事食品经营", "罚款", ordinary, D(20000), D(60000), "元"),
    ]
    with pytest.raises(ValidationError, match="只有行政处罚、行政强制类职权"):
        services.benchmarks_save(actor=None, power=licence, rows=rows)
    penalty = services.power_create(
        actor=None,
        code="CF-1",
        name="对未取得许可从事食品经营的处罚",
        category=PowerCategory.objects.get(code="penalty"),
        unit=unit,
    )
    services.benchmarks_save(actor=None, power=penalty, rows=rows)
    assert penalty.benchmarks.count() == 2
    bad = [*rows, BenchmarkInput("未取得许可从事食品经营", "罚款", minor, D(1), D(2), "元")]
    with pytest.raises(ValidationError) as error:
        services.benchmarks_save(actor=None, power=penalty, rows=bad)
    assert any("“轻微”情节重复" in m for m in error.value.messages)
    assert penalty.benchmarks.count() == 2  # nothing half-saved
